"""Settings that apply at once (issue 22): the language and the text size change on screen
when saved, without a restart, and the window keeps working in the new language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.store.desk_settings import load_settings
from desktop.ui.i18n import use_language
from desktop.ui.style import apply_font_size
from tests.clitools import ADMIN_PASSWORD
from tests.ui.test_counter_app import WAIT, open_window


def test_language_and_text_size_apply_without_restart(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    try:
        window.login.username.setText("admin")
        window.login.password.setText(ADMIN_PASSWORD)
        window.login.attempt()
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
        settings = window.settings
        window.show_view(settings)
        qtbot.waitUntil(lambda: settings.language.count() == 2, timeout=WAIT)
        assert "GS ( k" not in settings.native_qr.text()
        settings.language.setCurrentIndex(settings.language.findData("en"))
        settings.font_size.setValue(13)
        settings._save_desk()
        qtbot.waitUntil(lambda: window.lock_button.text() == "Lock screen (Ctrl+L)", timeout=WAIT)
        assert "font-size: 13pt" in app.styleSheet()
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert "Settings" in titles and "Look-up (F4)" in titles, titles
        # the settings screen, built again in English, is the one showing
        assert window.tabs.currentWidget() is window.settings
        assert window.settings is not settings
        saved = load_settings(counter_dir)
        assert saved.language == "en" and saved.font_size_pt == 13
        # the other screens work in the new language: look-up answers in English
        window.show_view(window.lookup)
        window.lookup.refresh()
        qtbot.waitUntil(lambda: not window.lookup.loading, timeout=WAIT)
    finally:
        use_language(app, "vi")  # the next tests in this process speak Vietnamese
        apply_font_size(app, 11)
        app.setStyleSheet(sheet)  # …and look as before
        window.close()
