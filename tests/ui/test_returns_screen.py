"""The returns screen as an officer lives in it (issue 22): it fits a 1366×768 counter screen
with a dossier shown, every scan starts from a clean screen with a coloured verdict, Enter
hands over, Ctrl+K records the result's arrival, the focus goes back to the QR field after
the hand-over, and a quick Space or Enter on a button works with the scanner filter on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService, find_dossier
from desktop.ui.main_window import MainWindow
from tests.ui.test_citizen_display import lookup_payload
from tests.ui.test_counter_app import WAIT, burst, open_window, press, sign_in
from tests.ui.test_handover_view import STAFF, receive


def _status(data: Path, code: str) -> int:
    db = Database.open(data)
    try:
        with db.read() as s:
            return find_dossier(s, code).status
    finally:
        db.close()


def _ready(data: Path, code: str) -> None:
    db = Database.open(data)
    try:
        DossierService(db, load_context(db, data)).result_ready(code, STAFF)
    finally:
        db.close()


def _bottom_in_window(window: MainWindow, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return top_left.y() + widget.height() <= window.height() and widget.isVisible()


def test_returns_fit_a_counter_screen_and_the_keys_do_the_work(
    qtbot: QtBot, counter_dir: Path
) -> None:
    waiting, ready = receive(counter_dir, ["2.000815", "1.004873"], datetime(2026, 3, 2, 8, 0))
    _ready(counter_dir, ready)
    window = open_window(qtbot, counter_dir)
    window.resize(1366, 768)
    sign_in(qtbot, window)
    ret = window.returns
    window.show_view(ret)

    # a dossier whose result is not back: amber verdict, the appointment in Vietnamese style
    ret.check(lookup_payload(counter_dir, waiting))
    qtbot.waitUntil(lambda: ret.current is not None, timeout=WAIT)
    assert ret.state.property("verdict") == "waiting"
    assert "chưa về quầy" in ret.state.text() and " ngày " in ret.state.text()
    assert "T" not in ret.state.text().split("hẹn")[1]  # no raw ISO
    # Ctrl+K: the result has arrived; the dossier is read again, ready to hand over
    QTest.keyClick(ret.qr, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _status(counter_dir, waiting) == 9, timeout=WAIT)
    qtbot.waitUntil(lambda: ret.state.property("verdict") == "genuine", timeout=WAIT)

    # the window with a dossier shown still fits the screen, its buttons inside it
    assert window.minimumSizeHint().height() <= 768 and window.minimumSizeHint().width() <= 1366
    assert window.height() <= 768
    assert _bottom_in_window(window, ret.return_button)

    # the other, ready dossier: green verdict; Enter in the receiver's name hands it over
    ret.check(lookup_payload(counter_dir, ready))
    qtbot.waitUntil(
        lambda: ret.current is not None and ret.current.token.code == ready, timeout=WAIT
    )
    assert ret.state.property("verdict") == "genuine"
    qtbot.waitUntil(lambda: ret.receiver_name.hasFocus(), timeout=WAIT)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Đã trả kết quả" in ret.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: _status(counter_dir, ready) == 10, timeout=WAIT)
    # …and the next citizen starts at the QR field, not at a button a Space would press
    assert ret.qr.hasFocus() and ret.current is None and ret.receiver_name.text() == ""

    # the same receipt again: an orange "already returned", with the date in Vietnamese
    ret.check(lookup_payload(counter_dir, ready))
    qtbot.waitUntil(lambda: ret.state.property("verdict") == "returned", timeout=WAIT)
    assert "đã được trả kết quả" in ret.state.text() and " ngày " in ret.state.text()
    assert not ret.return_button.isEnabled()
    window.close()


def test_a_new_scan_clears_the_previous_citizen(qtbot: QtBot, counter_dir: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.domain.qr_token import sign

    (code,) = receive(counter_dir, ["1.004873"], datetime(2026, 3, 2, 8, 0))
    _ready(counter_dir, code)
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    ret = window.returns
    window.show_view(ret)
    ret.check(lookup_payload(counter_dir, code))
    qtbot.waitUntil(lambda: ret.current is not None, timeout=WAIT)
    assert ret.receiver_name.text() == "Nguyễn Văn An"
    assert "Nguyễn Văn An" in ret.card.toPlainText()
    ret.message.setText("Đã trả kết quả hồ sơ trước")  # what the previous hand-over said
    # a forged receipt under the scanner: red verdict, nothing of the previous citizen left
    ret.qr.setFocus()
    burst(sign("000.00.12.H01201126001", Ed25519PrivateKey.generate()))
    qtbot.waitUntil(lambda: ret.state.property("verdict") == "forged", timeout=WAIT)
    assert "Mã QR không hợp lệ" in ret.state.text()
    assert ret.current is None and ret.receiver_name.text() == ""
    assert "Nguyễn Văn An" not in ret.card.toPlainText()
    assert ret.message.text() == ""
    assert not ret.return_button.isEnabled() and ret.qr.hasFocus()
    window.close()


def test_space_and_enter_press_buttons_with_the_scanner_filter_on(
    qtbot: QtBot, counter_dir: Path
) -> None:
    (code,) = receive(counter_dir, ["1.004873"], datetime(2026, 3, 2, 8, 0))
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    assert window.wedge is not None  # the application-wide scanner filter is on
    ret = window.returns
    window.show_view(ret)
    ret.check(lookup_payload(counter_dir, code))
    qtbot.waitUntil(lambda: ret.ready_button.isEnabled(), timeout=WAIT)
    # a quick Space on the focused button (press and release at once, as a person types)
    ret.ready_button.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _status(counter_dir, code) == 9, timeout=WAIT)
    assert not ret.ready_button.isDown()
    # Enter on a focused button presses it too (any push button on a screen: Qt alone
    # leaves Enter to a dialog's default button)
    button = QPushButton("Nút thử", ret)
    button.show()
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    button.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(clicked), timeout=WAIT)
    window.close()
