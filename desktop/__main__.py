"""``python -m desktop``, and the entry point of the packaged counter application."""

from __future__ import annotations

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
