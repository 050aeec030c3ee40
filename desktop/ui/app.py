"""Starting the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .main_window import MainWindow


def run(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Quầy Một Cửa")
    app.setOrganizationName("QuayMotCua")
    window = MainWindow(data_dir)
    window.show()
    return int(app.exec())
