"""The counter window driven end to end, offscreen, on a real data dir: sign in, receive a
dossier with the keyboard only, print its receipt to the virtual printer, find it again, and
return it against its QR — status 10 — with every key sent to whatever has the focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.devices.qr_decode import decode_file
from desktop.store.db import Database
from desktop.store.dossiers.service import find_dossier
from desktop.ui.main_window import MainWindow
from devtools.virtual_printer import VirtualPrinter
from tests.ui.conftest import CARD, OFFICER, PASSWORD, add_officer

WAIT = 15_000


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(text: str) -> None:
    """Type into whatever has the focus. QTest only knows ASCII keys; other letters arrive as
    a key event carrying the text, as from an input method or a scanner's keyboard layout."""
    for ch in text:
        if ch.isascii():
            QTest.keyClick(focus(), ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focus(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), key, modifier)


def burst(text: str, gap_ms: int = 4, start_ms: int = 1_000_000) -> None:
    """A keyboard-wedge scanner: the characters a few milliseconds apart, then Enter, into
    whatever has the focus (the timestamps are the scanner's pace)."""
    t = start_ms
    for ch in [*text, "\r"]:
        if ch == "\r":
            key, mods, txt = Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"
        else:
            key = ord(ch.upper()) if ch.isascii() else 0
            upper = ch.isalpha() and ch.isupper()
            mods = Qt.KeyboardModifier.ShiftModifier if upper else Qt.KeyboardModifier.NoModifier
            txt = ch
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            ev = QKeyEvent(kind, key, mods, txt)
            ev.setTimestamp(t)
            QApplication.sendEvent(focus(), ev)
        t += gap_ms
    QApplication.processEvents()


def open_window(qtbot: QtBot, data: Path, **kwargs: object) -> MainWindow:
    window = MainWindow(data, start_sync=False, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    return window


def sign_in(qtbot: QtBot, window: MainWindow, user: str = OFFICER, pw: str = PASSWORD) -> None:
    qtbot.waitUntil(lambda: window.login.username.hasFocus(), timeout=WAIT)
    keys(user)
    press(Qt.Key.Key_Return)
    keys(pw)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)


def test_keyboard_only_reception_print_lookup_and_return(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter
) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog) and r.picker.query.hasFocus(), timeout=WAIT)
    # the procedure, found without accents, chosen with Enter
    keys("chung thuc ban sao")
    press(Qt.Key.Key_Return)
    assert r.picker.current is not None and r.picker.current.code == "2.000815"
    # the citizen's card scanned into the CCCD field fills name, number, birth date, address
    assert focus() is r.applicant.cccd
    keys(CARD)
    press(Qt.Key.Key_Return)
    assert r.applicant.inputs["name"].text() == "Nguyễn Văn An"
    assert r.applicant.inputs["birth_date"].text() == "12/03/1985"
    assert focus() is r.applicant.inputs["phone"]
    keys("0912345678")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: r.preview is not None and r.preview.isVisible(), timeout=WAIT)
    assert r.last is not None and r.last.code is not None
    code = r.last.code
    assert code.startswith("000.00.12.H01") and "hẹn trả" in r.message.text()
    # Enter in the preview prints both copies to the counter's printer
    qtbot.waitUntil(lambda: focus() is r.preview.print_button, timeout=WAIT)  # type: ignore[union-attr]
    press(Qt.Key.Key_Return)
    printer.wait_for_slips(2, timeout=20)
    qtbot.waitUntil(lambda: "Đã in" in r.message.text(), timeout=WAIT)
    payloads = {p for slip in printer.slips() for p in decode_file(slip)}
    assert len(payloads) == 1
    payload = payloads.pop()
    assert payload.startswith(f"MC1:{code}:")

    # look-up, offline on local data
    qtbot.waitUntil(lambda: r.picker.query.hasFocus(), timeout=WAIT)
    press(Qt.Key.Key_F4)
    assert window.tabs.currentWidget() is window.lookup
    window.lookup.query.setFocus()
    keys(code)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lookup.model.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: code in window.lookup.detail.toPlainText(), timeout=WAIT)

    # returns: the citizen's receipt under the hand scanner while the officer is still in
    # the look-up field: the burst goes to the returns screen, not into the field
    assert focus() is window.lookup.query
    typed_before = window.lookup.query.text()
    burst(payload)
    ret = window.returns
    assert window.tabs.currentWidget() is ret
    assert window.lookup.query.text() == typed_before
    qtbot.waitUntil(lambda: ret.current is not None, timeout=WAIT)
    assert "chưa về quầy" in ret.state.text()
    qtbot.mouseClick(ret.ready_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ret.return_button.isEnabled(), timeout=WAIT)
    assert ret.receiver_name.text() == "Nguyễn Văn An"
    qtbot.mouseClick(ret.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã trả kết quả" in ret.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: any((counter_dir / "printouts").glob("control-*.pdf")), timeout=WAIT)
    db = Database.open(counter_dir)
    try:
        with db.read() as s:
            assert find_dossier(s, code).status == 10
    finally:
        db.close()
    window.close()


def test_typing_is_not_taken_for_a_scan_and_a_cccd_card_fills_reception(
    qtbot: QtBot, counter_dir: Path
) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog) and r.picker.query.hasFocus(), timeout=WAIT)
    # a person typing (150 ms a key) reaches the field untouched, in order, Enter included
    burst("chung thuc", gap_ms=150)
    qtbot.waitUntil(lambda: r.picker.current is not None, timeout=WAIT)
    assert r.picker.query.text() == "chung thuc"
    assert r.picker.current.code == "2.000815"
    # the CCCD card's QR scanned while the focus is elsewhere fills the applicant
    r.note.setFocus()
    burst(CARD)
    qtbot.waitUntil(lambda: r.applicant.inputs["name"].text() == "Nguyễn Văn An", timeout=WAIT)
    assert r.note.text() == ""
    # a forged receipt from the scanner is refused in the returns screen, with the reason
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.domain.qr_token import sign

    r.picker.query.setFocus()
    burst(sign("000.00.12.H01201126001", Ed25519PrivateKey.generate()))
    ret = window.returns
    qtbot.waitUntil(lambda: "Mã QR không hợp lệ" in ret.state.text(), timeout=WAIT)
    assert "không có trong danh sách" in ret.state.text() and ret.current is None
    assert not ret.return_button.isEnabled()
    window.close()


def test_bad_form_is_explained_and_nothing_is_written(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    r.receive()
    assert "Thủ tục: chưa chọn" in r.message.text()
    r.picker.query.setText("2.000815")
    r.picker._choose()
    r.applicant.inputs["name"].setText("Nguyễn Văn An")
    r.applicant.inputs["id_number"].setText("12AB")
    r.applicant.inputs["address"].setText("Số 1 Lê Lợi")
    r.receive()
    assert "Chưa tiếp nhận được" in r.message.text()
    assert "Số CCCD / CMND / hộ chiếu: không đúng" in r.message.text()
    r.applicant.cccd.setText("không phải thẻ")
    r._cccd_scanned()
    assert "Không đọc được mã QR CCCD" in r.message.text()
    assert r.last is None
    window.close()


def test_first_sign_in_asks_for_a_new_password_and_lockout_is_explained(
    qtbot: QtBot, counter_dir: Path
) -> None:
    from PySide6.QtCore import QTimer

    from desktop.ui.login_view import PasswordDialog

    add_officer(counter_dir, "canbo.moi", "MoiCap2026x", must_change=True)
    window = open_window(qtbot, counter_dir)
    login = window.login
    login.username.setText("canbo.moi")
    login.password.setText("sai-mat-khau-1")
    login.attempt()
    qtbot.waitUntil(lambda: "không đúng" in login.message.text(), timeout=WAIT)

    def choose_password() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PasswordDialog) and w.isVisible()
        )
        dialog.new.setText("CuaToi2026x")
        dialog.again.setText("CuaToi2026x")
        dialog._check()

    QTimer.singleShot(500, choose_password)
    login.username.setText("canbo.moi")
    login.password.setText("MoiCap2026x")
    login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    window.logout()
    login.username.setText("canbo.moi")
    login.password.setText("CuaToi2026x")
    login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    window.close()


def test_idle_lock_and_unlock(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    window.idle.setInterval(200)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=WAIT)
    assert "khóa" in window.login.title.text()
    assert not window.login.username.isEnabled()
    window.login.password.setText(PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    window.close()


def test_uninitialised_data_dir_shows_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "empty")
    assert "motcua init" in window.message.text()
    assert window.stack.currentIndex() == 0
    window.close()
