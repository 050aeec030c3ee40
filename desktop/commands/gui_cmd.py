"""Opening the counter window (the default when ``motcua`` gets no sub-command)."""

from __future__ import annotations

from pathlib import Path


def run_gui(data_dir: Path) -> int:
    from desktop.ui.app import run

    return run(data_dir)
