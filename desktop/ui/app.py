"""Starting the Qt application: translations, the counter's look, the window.

The window comes up first and loads the rest behind its sign-in screen: nothing on the way to
that screen imports the database, printing, statistics or sync stacks (tests/ui/
test_lazy_start.py checks which modules are loaded when it is up)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop.services.startup import window_language

from .i18n import use_language
from .style import apply_style

if TYPE_CHECKING:
    from .main_window import MainWindow


def make_app(language: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Quầy Một Cửa")
    app.setOrganizationName("QuayMotCua")
    apply_style(app)
    use_language(app, language)
    return app


def language_of(data_dir: Path) -> str:
    return window_language(data_dir)


def run(data_dir: Path) -> int:
    from .main_window import MainWindow

    app = make_app(language_of(data_dir))
    window = MainWindow(data_dir)
    window.show()
    return int(app.exec())


def run_until_ready(data_dir: Path, on_ready: Callable[[MainWindow], object] | None = None) -> int:
    """Open the window and end the process as soon as it can be used: the sign-in screen is up
    (0), or the page saying why the data dir cannot be opened (1). The cold-start benchmark
    and the packaged build's smoke test. What the window still loads behind the sign-in screen
    (the desk, then the other screens' modules) is dropped as it would be by a window closed
    at that moment: the process ends at once instead of waiting for it, so that it measures
    the start and nothing after. ``on_ready`` is called first (tests look at the window)."""
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow

    app = make_app(language_of(data_dir))
    window = MainWindow(data_dir, start_sync=False)

    def ready() -> None:
        window.repaint()  # the screen it is ready on, drawn
        if on_ready is not None:
            on_ready(window)
        status = 0 if window.stack.currentWidget() is window.login else 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)

    window.ready.connect(ready)
    window.show()
    QTimer.singleShot(60_000, app.quit)  # never hang a benchmark or a build test
    app.exec()
    return 1
