"""Settings: the administrator sets the office's fee account (the VietQR on receipts); a bad BIN
is refused with the reason and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.clitools import ADMIN_PASSWORD

WAIT = 30_000


def test_admin_sets_the_fee_account_in_settings(qtbot: QtBot, counter_dir: Path) -> None:
    window = MainWindow(counter_dir, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText("admin")
    window.login.password.setText(ADMIN_PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    settings = window.settings
    window.tabs.setCurrentWidget(settings)
    qtbot.waitUntil(lambda: "Quầy" in settings.identity.text(), timeout=WAIT)
    assert settings.payee_bin.text() == ""
    settings.payee_bin.setText("97040")
    settings.payee_account.setText("6380201001234")
    settings.payee_name.setText("Trung tâm Phục vụ hành chính công")
    settings._save_payee()
    qtbot.waitUntil(lambda: "6 chữ số" in settings.message.text(), timeout=WAIT)
    desk = settings.desk
    assert desk is not None and desk.payee.current() is None
    settings.payee_bin.setText("970405")
    settings._save_payee()
    qtbot.waitUntil(lambda: "Đã lưu tài khoản nhận phí" in settings.message.text(), timeout=WAIT)
    payee = desk.payee.current()
    assert payee is not None and (payee.bank_bin, payee.account) == ("970405", "6380201001234")
    settings.payee_bin.clear()
    settings.start(desk)  # shown again from the database
    qtbot.waitUntil(lambda: settings.payee_bin.text() == "970405", timeout=WAIT)
    window.close()
