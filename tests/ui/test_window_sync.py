"""The window while the provincial server comes and goes: every counter flow keeps working,
the offline banner says so, and when the server is back the queue drains on its own; a long
catch-up never stalls the GUI thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from desktop.domain.reception import parse_form
from desktop.store.incidents.records import set_grace
from desktop.store.printing.printouts import save_printer
from desktop.ui.main_window import MainWindow
from devtools.virtual_printer import VirtualPrinter
from printing.connections import PrinterSettings
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import minimal_form
from tests.synctools import OFFICER as SERVICE_OFFICER
from tests.synctools import ServerProcess, lease_days, make_counter
from tests.ui.conftest import CARD, OFFICER

WAIT = 30_000


def _window(qtbot: QtBot, data: Path, password: str = ADMIN_PASSWORD) -> MainWindow:
    window = MainWindow(data, start_sync=True, sync_interval=0.3)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText(OFFICER)
    window.login.password.setText(password)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    return window


def test_offline_banner_and_the_queue_drains_when_the_server_is_back(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, printer: VirtualPrinter
) -> None:
    c = make_counter(tmp_path, server.url, "Q01")
    set_grace(c.db, c.ctx, 1)  # a drill: an outage of more than a second is an incident
    save_printer(c.data_dir, PrinterSettings(f"tcp://127.0.0.1:{printer.port}"))
    window = _window(qtbot, c.data_dir)
    qtbot.waitUntil(lambda: window.status.state.text().endswith("Trực tuyến"), timeout=WAIT)
    assert window.status.incident.text() == ""
    server.stop()
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    r.picker.query.setText("2.000815")
    r.picker._choose()
    assert r.fill_from_cccd(CARD)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    # the failed sync after the new dossier tells the officer, who keeps working
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT)
    assert "Quầy vẫn tiếp nhận" in window.banner.text()
    assert "Mất kết nối" in window.status.state.text()
    qtbot.waitUntil(lambda: "Chờ gửi: 1" in window.status.pending.text(), timeout=WAIT)
    # the outage outlasts the grace: recorded as an incident, which the status bar points to
    qtbot.waitUntil(lambda: "Sự cố số 1" in window.status.incident.text(), timeout=WAIT)
    assert "F9" in window.status.incident.text()
    server.start()
    # the next sync attempt comes after a backoff with jitter, or at once when the officer
    # does something; the officer keeps working
    assert window.sync is not None
    window.sync.kick()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: "Chờ gửi: 0" in window.status.pending.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: "gửi bù xong" in window.status.incident.text(), timeout=WAIT)
    report = server.admin("report", "--json").stdout
    assert '"dossiers": 1' in report
    window.close()


def _a_long_catch_up_stays_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    """``n`` events queued over past days drain through the window's sync while the GUI thread
    sends no request of its own: asserted by which thread sent each request, not by
    milliseconds (a busy machine stretches any timing); the worst event-loop gap is printed."""
    from datetime import datetime, timedelta

    import httpx

    c = make_counter(tmp_path, server.url, "Q01")
    today = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    # leased by the server for real: it takes a code only from the counter's leases (issue 17)
    lease_days(c, [(today - timedelta(days=1 + d)).date() for d in range(n // 100 + 1)], 100)
    for i in range(n):
        when = today - timedelta(days=1 + i // 100, minutes=i % 100)
        c.service.receive(
            parse_form({**minimal_form(), "received_at": when.isoformat()}), SERVICE_OFFICER
        )
    c.db.close()
    senders: list[bool] = []  # for each request: was it sent from the GUI thread?
    real_send = httpx.Client.send

    def send(self: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        senders.append(threading.current_thread() is threading.main_thread())
        return real_send(self, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", send)
    window = MainWindow(c.data_dir, start_sync=False, sync_interval=0.3)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.sync is not None, timeout=WAIT)
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer(interval=10)
    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    assert window.sync is not None
    window.sync.start()
    started = time.monotonic()
    qtbot.waitUntil(lambda: "Chờ gửi: 0" in window.status.pending.text(), timeout=300_000)
    ticker.stop()
    took = time.monotonic() - started
    assert f'"dossiers": {n}' in server.admin("report", "--json").stdout
    worst = max(gaps[1:]) if len(gaps) > 1 else 0
    print(f"{n} events synced in {took:.1f} s; worst event-loop gap {worst} ms")
    assert senders and not any(senders), "a request was sent from the GUI thread"
    window.close()


def test_a_catch_up_syncs_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_long_catch_up_stays_off_the_gui_thread(qtbot, tmp_path, server, monkeypatch, 300)


@pytest.mark.slow
def test_5000_events_sync_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, server: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_long_catch_up_stays_off_the_gui_thread(qtbot, tmp_path, server, monkeypatch, 5000)
