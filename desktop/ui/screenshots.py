"""`motcua app --screenshot DIR`: every main view and the states an officer meets (login,
reception filled in, the scan window, look-up, online inbox, returns idle and with a dossier
shown, hand-over, statistics, incidents, the day's close, settings) rendered to PNG offscreen,
then exit — for developers, the documentation and the tests. The views show the data dir's real
dossiers and nothing is written to it: the reception form is filled with an invented citizen but
not received, and the returns screen checks a receipt of a dossier already there. Every PNG is
exactly the size asked for; a window that cannot shrink to it is cut to it and said on stderr,
so a picture never silently lies about what fits the screen."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from desktop.domain.refusal import Refusal
from desktop.services.desk import OfficerInfo

from .app import make_app
from .operations import failure_text
from .preview import PreviewDialog, render_copies

# what a full run saves, in order
VIEWS = (
    "login",
    "reception",
    "scan",
    "preview",
    "lookup",
    "online",
    "returns",
    "returns-dossier",
    "handover",
    "stats",
    "incidents",
    "day-close",
    "settings",
)
VIEWER = OfficerInfo("anh.chup", "Ảnh chụp màn hình", frozenset({"admin"}))
# tests look at the window in each state (its minimum size, for one) as the picture is taken
StateHook = Callable[[str, QWidget], object]


T = TypeVar("T")


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


def _quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
    """Qt's offscreen platform says it cannot size window frames once per dialog; that is
    the platform, not the picture, and must not bury the list of files printed."""
    if "propagateSizeHints" not in text:
        print(text, file=sys.stderr)


def exact(picture: QPixmap, size: QSize) -> QPixmap:
    """The picture at exactly ``size``: a window larger than asked (its minimum size is larger)
    is cut, and the cut is said, rather than a PNG of another size."""
    if picture.size() == size:
        return picture
    print(
        f"cảnh báo: cửa sổ cần {picture.width()}x{picture.height()}, ảnh bị cắt về "
        f"{size.width()}x{size.height()}",
        file=sys.stderr,
    )
    canvas = QPixmap(size)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, picture)
    painter.end()
    return canvas


def over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with ``dialog`` drawn over its middle, as the officer sees a dialog."""
    base = window.grab()
    card = dialog.grab()
    room = base.size() * 0.88
    if card.width() > room.width() or card.height() > room.height():
        card = card.scaled(
            room,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(0, 0, 0, 70))  # the window behind is dimmed
    bar = painter.fontMetrics().height() + 10  # the title bar the window manager would draw
    x = (base.width() - card.width()) // 2
    y = max((base.height() - card.height() + bar) // 2, bar)
    painter.fillRect(x, y - bar, card.width(), bar, QColor("#dfe3e8"))
    painter.setPen(QColor("#1f2933"))
    painter.drawText(x + 10, y - bar, card.width() - 20, bar, _middle_left(), dialog.windowTitle())
    painter.drawPixmap(x, y, card)
    painter.setPen(QColor("#5f6b7a"))
    painter.drawRect(x - 1, y - bar - 1, card.width() + 1, card.height() + bar + 1)
    painter.end()
    return base


def _middle_left() -> int:
    return int((Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft).value)


def take(
    data_dir: Path,
    out: Path,
    wh: tuple[int, int],
    language: str,
    on_state: StateHook | None = None,
) -> list[Path]:
    from .main_window import MainWindow

    make_app(language)
    qInstallMessageHandler(_quiet_offscreen)
    out.mkdir(parents=True, exist_ok=True)
    size = QSize(*wh)
    window = MainWindow(data_dir, start_sync=False, language=language)
    window.resize(size)
    window.show()
    suffix = f"-{size.width()}x{size.height()}-{language}"
    saved: list[Path] = []

    def shot(name: str, dialog: QDialog | None = None) -> None:
        _settle(window, 10)
        if on_state is not None:
            on_state(name, window)
        picture = exact(window.grab() if dialog is None else over(window, dialog), size)
        path = out / f"{name}{suffix}.png"
        picture.save(str(path))
        saved.append(path)

    _settle(window, 20)
    shot("login")
    if window.desk is None:
        window.close()
        return saved
    desk = window.desk
    # no password to sign in with: the desk is told who looks, so its role checks pass and the
    # look-ups the pictures make are audited under this name
    desk.officer = VIEWER
    window._signed_in(VIEWER, False)
    _settle(window, 10, lambda: bool(window.reception.picker.catalog))
    _fill_sample(window)
    shot("reception")
    reception = window.reception
    reception.open_scanner()
    _settle(window, 10)
    shot("scan", reception.scan_dialog)
    reception.scan_dialog.reject()
    _settle(window, 10, lambda: not window.lookup.loading)
    code = _newest(window)
    # the newest dossier's receipt as the officer previews it to print. A counter that cannot
    # sign it (no OS keyring for its device key) is pictured as it stands, and told why on
    # stderr, as the window tells the officer on the preview: every other picture is still made
    preview_copies = _unless_refused(lambda c: render_copies(desk, "receipt", c), code)
    if preview_copies is not None:
        preview = PreviewDialog(
            QCoreApplication.translate("ReceptionView", "Xem trước phiếu"),
            preview_copies,
            reception,
        )
        preview.show()
        shot("preview", preview)
        preview.close()
    else:
        shot("preview")
    window.show_view(window.lookup)
    _settle(window, 10, lambda: not window.lookup.loading)
    shot("lookup")
    window.show_view(window.online)
    _settle(window, 10, lambda: not window.online.loading)
    if window.online.items:  # the first dossier opened, as the officer sees it to check it
        window.online.open_current()
        _settle(window, 10, lambda: window.online.opened is not None)
    shot("online")
    returns = window.returns
    window.show_view(returns)
    shot("returns")
    payload = _unless_refused(lambda c: _a_receipt(window, c), code)
    if payload is not None:  # the receipt of the newest dossier shown, as after a scan
        returns.check(payload)
        _settle(window, 10, lambda: returns.current is not None)
    shot("returns-dossier")
    returns.ready_for_next()
    window.show_view(window.handover)
    _settle(window, 10, lambda: not window.handover.loading)
    shot("handover")
    window.show_view(window.stats)
    _settle(window, 20, lambda: not window.stats.loading and window.stats.board is not None)
    shot("stats")
    incidents = window.incidents
    window.show_view(incidents)
    _settle(window, 10, lambda: not incidents.loading)
    shot("incidents")
    incidents.open_day_close()
    dialog = incidents.day_dialog
    _settle(window, 10, lambda: dialog is not None and not dialog.loading)
    shot("day-close", dialog)
    if dialog is not None:
        dialog.reject()
    window.tabs.setCurrentWidget(window.settings)
    shot("settings")
    window.close()
    return saved


def _unless_refused(make: Callable[[str], T], code: str | None) -> T | None:
    """What ``make`` gives for the dossier ``code``; None without a dossier, or when the counter
    refuses to make it (said on stderr in the window's words)."""
    if code is None:
        return None
    try:
        return make(code)
    except Refusal as exc:
        print(f"{code}: {failure_text(exc)}", file=sys.stderr)
        return None


def _newest(window: QWidget) -> str | None:
    """The code of the newest dossier received (the look-up lists the newest first)."""
    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    found = [d.code for d in window.lookup.found if d.code and d.received_at is not None]
    return found[0] if found else None


def _a_receipt(window: QWidget, code: str | None) -> str | None:
    """The look-up QR printed on that dossier's receipt, read from the receipt the desk would
    print (nothing is printed or written)."""
    from desktop.services.desk import Desk
    from printing.slip import Qr

    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    desk = window.desk
    assert isinstance(desk, Desk)
    if code is None:
        return None
    document, _name = desk.document("receipt", code)
    for copy in document.copies:
        for block in copy.blocks:
            if isinstance(block, Qr):
                return block.payload
    return None


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
