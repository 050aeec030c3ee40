"""Where the screens' work runs: one thread for the database (so writes queue up in order,
like Anki's DB task manager) and a small pool for the network, printers and scanners, which may
each take seconds. Results come back to the GUI thread as Qt signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from .worker import Worker


class Tasks(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = Worker(threads=1, parent=self)
        self.io = Worker(threads=4, parent=self)

    def log_to(self, log_dir: Path) -> None:
        """Where the stacks of unexpected failures go (the officer sees a short message)."""
        self.db.log_dir = log_dir
        self.io.log_dir = log_dir

    def wait(self, msecs: int = 15_000) -> bool:
        return self.db.wait(msecs) and self.io.wait(msecs)
