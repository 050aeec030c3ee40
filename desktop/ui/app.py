"""Starting the Qt application: translations, the counter's look, the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.store.desk_settings import SettingsError, load_settings

from .i18n import install
from .style import STYLE

_KEEP: list[object] = []  # translators must outlive the app's use of them


def make_app(language: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Quầy Một Cửa")
    app.setOrganizationName("QuayMotCua")
    app.setStyleSheet(STYLE)
    _KEEP.extend(install(app, language))
    return app


def language_of(data_dir: Path) -> str:
    try:
        return load_settings(data_dir).language
    except SettingsError:
        return "vi"


def run(data_dir: Path) -> int:
    from .main_window import MainWindow

    app = make_app(language_of(data_dir))
    window = MainWindow(data_dir)
    window.show()
    return int(app.exec())


def run_until_ready(data_dir: Path) -> int:
    """Open the window and quit as soon as it can be used (the sign-in screen is up): the
    cold-start benchmark and the packaged build's smoke test."""
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow

    app = make_app(language_of(data_dir))
    window = MainWindow(data_dir, start_sync=False)
    window.show()

    def check() -> None:
        if not window.loading:
            window.close()
            app.quit()

    timer = QTimer(interval=5)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(60_000, app.quit)  # never hang a benchmark or a build test
    app.exec()
    return 0 if window.desk is not None else 1
