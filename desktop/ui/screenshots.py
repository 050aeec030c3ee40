"""`motcua app --screenshot DIR`: every main view (login, reception, look-up, online inbox,
returns, hand-over, statistics, incidents, settings) rendered to PNG offscreen, then exit — for
developers, the documentation and the tests. The views show the data dir's real dossiers; the
reception form is filled with an invented citizen so the screenshot shows it in use."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from desktop.services.desk import OfficerInfo

from .app import make_app

# what a full run saves, in order
VIEWS = (
    "login",
    "reception",
    "lookup",
    "online",
    "returns",
    "handover",
    "stats",
    "incidents",
    "settings",
)
VIEWER = OfficerInfo("anh.chup", "Ảnh chụp màn hình", frozenset({"admin"}))


def _settle(window: QWidget, until: float, condition: object = None) -> None:
    """Let queued work and signals finish (bounded), so the picture shows loaded data."""
    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    deadline = time.monotonic() + until
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        idle = window.tasks.db.pool.activeThreadCount() == 0
        idle = idle and window.tasks.io.pool.activeThreadCount() == 0
        idle = idle and not window.loading and not window.opening
        if idle and (condition is None or condition()):  # type: ignore[operator]
            for _ in range(5):
                QCoreApplication.processEvents()
                time.sleep(0.02)
            return
        time.sleep(0.02)


def take(data_dir: Path, out: Path, wh: tuple[int, int], language: str) -> list[Path]:
    from .main_window import MainWindow

    make_app(language)
    out.mkdir(parents=True, exist_ok=True)
    size = QSize(*wh)
    window = MainWindow(data_dir, start_sync=False)
    window.resize(size)
    window.show()
    suffix = f"-{size.width()}x{size.height()}-{language}"
    saved: list[Path] = []

    def shot(name: str) -> None:
        _settle(window, 10)
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        saved.append(path)

    _settle(window, 20)
    shot("login")
    if window.desk is None:
        window.close()
        return saved
    # no password to sign in with: the desk is told who looks, so its role checks pass and the
    # look-ups the pictures make are audited under this name
    window.desk.officer = VIEWER
    window._signed_in(VIEWER, False)
    _settle(window, 10, lambda: bool(window.reception.picker.catalog))
    _fill_sample(window)
    shot("reception")
    window.show_view(window.lookup)
    _settle(window, 10, lambda: not window.lookup.loading)
    shot("lookup")
    window.show_view(window.online)
    _settle(window, 10, lambda: not window.online.loading)
    if window.online.items:  # the first dossier opened, as the officer sees it to check it
        window.online.open_current()
        _settle(window, 10, lambda: window.online.opened is not None)
    shot("online")
    window.show_view(window.returns)
    shot("returns")
    window.show_view(window.handover)
    _settle(window, 10, lambda: not window.handover.loading)
    shot("handover")
    window.show_view(window.stats)
    _settle(window, 20, lambda: not window.stats.loading and window.stats.board is not None)
    shot("stats")
    window.show_view(window.incidents)
    _settle(window, 10, lambda: not window.incidents.loading)
    shot("incidents")
    window.tabs.setCurrentWidget(window.settings)
    shot("settings")
    window.close()
    return saved


def _fill_sample(window: QWidget) -> None:
    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    r = window.reception
    r.picker.query.setText("chung thuc ban sao")
    r.picker._choose()
    values = {
        "name": "Nguyễn Văn An",
        "id_number": "089085001234",
        "birth_date": "12/03/1985",
        "address": "Số 1 Lê Lợi, phường Mỹ Bình, Long Xuyên, An Giang",
        "phone": "0912345678",
    }
    for key, value in values.items():
        r.applicant.inputs[key].setText(value)
