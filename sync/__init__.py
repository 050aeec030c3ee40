"""App-agnostic offline queue and sync with the provincial server (see DESIGN.md §5)."""
