"""The administrator's settings: a self-numbering counter is pointed at its provincial server
and enrolled from the window, then syncs by itself; the printer is set and test-printed. And
`motcua app --screenshot` renders every main view."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow
from devtools.virtual_printer import VirtualPrinter
from tests.clitools import ADMIN_PASSWORD, MOTCUA
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

WAIT = 30_000


def test_admin_points_the_counter_at_its_server_and_enrols(
    qtbot: QtBot, counter_dir: Path, server: ServerProcess, printer: VirtualPrinter
) -> None:
    window = MainWindow(counter_dir, start_sync=True, sync_interval=0.3)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText("admin")
    window.login.password.setText(ADMIN_PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    settings = window.settings
    assert window.tabs.indexOf(settings) >= 0, "administrators see the settings"
    window.tabs.setCurrentWidget(settings)
    qtbot.waitUntil(lambda: "tự cấp mã" in settings.identity.text(), timeout=WAIT)
    # a test print on the configured printer
    qtbot.mouseClick(settings.test_print, Qt.MouseButton.LeftButton)
    printer.wait_for_slips(1, timeout=20)
    qtbot.waitUntil(lambda: "Đã in" in settings.message.text(), timeout=WAIT)
    # a bad address is refused with a reason, nothing changes
    settings.server_url.setText("ftp://example")
    settings._save_server()
    qtbot.waitUntil(lambda: "https://" in settings.message.text(), timeout=WAIT)
    settings.server_url.setText(server.url)
    settings._save_server()
    qtbot.waitUntil(lambda: server.url in settings.identity.text(), timeout=WAIT)
    settings.enrol_user.setText(IT_USER)
    settings.enrol_password.setText("sai-mat-khau1")
    settings._enrol()
    qtbot.waitUntil(lambda: "từ chối" in settings.message.text(), timeout=WAIT)
    settings.enrol_user.setText(IT_USER)
    settings.enrol_password.setText(IT_PASSWORD)
    settings._enrol()
    qtbot.waitUntil(lambda: "Đã đăng ký quầy" in settings.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.status.state.text().endswith("Trực tuyến"), timeout=WAIT)
    window.close()


# slow (make check-all), for the default suite's 5-minute budget: every view is rendered by its
# own window test in the default suite
@pytest.mark.slow
def test_screenshot_command_renders_every_view(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    load_demo(data, 6)
    out = tmp_path / "shots"
    p = subprocess.run(
        [
            *MOTCUA,
            "--data-dir",
            str(data),
            "app",
            "--screenshot",
            str(out),
            "--size",
            "1366x768",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert p.returncode == 0, p.stderr
    names = sorted(f.name for f in out.glob("*.png"))
    assert names == [
        f"{v}-1366x768-en.png"
        for v in (
            "day-close",
            "handover",
            "incidents",
            "login",
            "lookup",
            "online",
            "preview",
            "reception",
            "returns",
            "returns-dossier",
            "scan",
            "settings",
            "stats",
        )
    ]
    sizes = {Image.open(out / n).size for n in names}
    assert sizes == {(1366, 768)}
    # thirteen different pictures, not copies of one screen
    assert len({(out / n).read_bytes() for n in names}) == 13
    bad = subprocess.run(
        [*MOTCUA, "--data-dir", str(data), "app", "--screenshot", str(out), "--size", "big"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "RỘNGxCAO" in bad.stderr


def test_screenshots_of_a_counter_without_a_keyring_are_all_made(tmp_path: Path) -> None:
    """A counter that cannot read its device key (no OS keyring: the packaged build on a bare
    machine) cannot sign a receipt: the preview and the returns pictures are made without one,
    the reason is said on stderr, and every other picture is made (it was exit 1 after four)."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    from desktop.ui.screenshots import VIEWS, take

    data = tmp_path / "demo"
    load_demo(data, 3)
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        saved = take(data, tmp_path / "shots", (1366, 768), "vi")
    finally:
        keyring.set_keyring(before)
    assert [p.name for p in saved] == [f"{v}-1366x768-vi.png" for v in VIEWS]
