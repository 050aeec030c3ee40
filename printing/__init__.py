"""App-agnostic slips: document model, A4 PDF and thermal renderers (see DESIGN.md §7)."""
