"""``python -m desktop``, and the entry point of the packaged counter application."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # In the PyInstaller build a child process (PDF rendering, desktop.devices.pdfrender)
        # is this same program started again: this makes it the child before the CLI loads.
        import multiprocessing

        multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
