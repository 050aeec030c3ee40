"""The sign-in panel (issue 22): it names the centre and the counter and shows the version, a
wrong password says how many tries remain, and a locked screen says why it is locked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop import __version__
from tests.ui.conftest import OFFICER
from tests.ui.test_counter_app import WAIT, open_window, sign_in


def test_panel_tries_and_lock_causes(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    login = window.login
    qtbot.waitUntil(lambda: login.desk is not None, timeout=WAIT)
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in login.office.text().upper()
    assert login.office.isVisible() and "Q01" in login.counter.text()
    assert __version__ in login.version.text()
    login.username.setText(OFFICER)
    login.password.setText("sai-mat-khau-1")
    login.attempt()
    qtbot.waitUntil(lambda: not login.busy, timeout=WAIT)
    assert "còn 4 lần thử" in login.message.text()
    login.username.clear()
    login.username.setFocus()
    sign_in(qtbot, window)
    # Ctrl+L: locked by the officer, and the screen says so (not "idle")
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is login, timeout=WAIT)
    assert "đã khóa màn hình" in login.message.text()
    assert "không dùng" not in login.message.text()
    window.close()
