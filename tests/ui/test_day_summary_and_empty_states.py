"""The counter's day in one line and the screens with nothing to show (issue 22): the reception
screen's summary (received, returned, waiting, due today) and the close-day dialog's, in
Vietnamese with Vietnamese number grouping; the incidents screen with no incident shows one line
and what can be done instead of a greyed form; the scan panel with no scanner says so and how
to fix it. Built on a real desk, without the main window (cheaper)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.devices.scanning import DeviceInfo
from desktop.services.day_figures import DayFigures
from desktop.services.desk import Desk
from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService
from desktop.store.models import Dossier
from desktop.ui.day_close_dialog import DayCloseDialog
from desktop.ui.day_summary import DaySummary, summary_text
from desktop.ui.incident_view import IncidentScreen
from desktop.ui.scan_panel import ScanPanel
from desktop.ui.tasks import Tasks
from tests.ui.conftest import OFFICER, PASSWORD
from tests.ui.test_handover_view import STAFF, receive

WAIT = 15_000


def test_thousands_are_grouped_the_vietnamese_way() -> None:
    f = DayFigures(date(2026, 12, 4), 1234, 1000, 234, 5)
    assert summary_text(f) == (
        "Hôm nay: đã nhận 1.234 · đã trả 1.000 · đang chờ 234 · đến hạn trả 5"
    )


def test_day_summary_close_day_and_empty_screens(qtbot: QtBot, counter_dir: Path) -> None:
    today = datetime.combine(local_now().date(), time(0, 1))
    returned, waiting = receive(counter_dir, ["2.000815", "1.004873"], today)
    db = Database.open(counter_dir)
    try:
        service = DossierService(db, load_context(db, counter_dir))
        service.result_ready(returned, STAFF)
        service.return_result(returned, STAFF, "Nguyễn Văn An", "089085001234")
        with db.write() as s:  # the open one's appointment is today
            s.query(Dossier).filter(Dossier.code == waiting).one().due_at = today.replace(hour=17)
    finally:
        db.close()
    tasks = Tasks()
    desk = Desk.open(counter_dir)
    try:
        desk.sign_in(OFFICER, PASSWORD)
        line = DaySummary(tasks)
        qtbot.addWidget(line)
        line.start(desk)
        qtbot.waitUntil(lambda: line.figures is not None, timeout=WAIT)
        assert line.text() == "Hôm nay: đã nhận 2 · đã trả 1 · đang chờ 1 · đến hạn trả 1"

        dialog = DayCloseDialog(tasks, desk)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: bool(dialog.figures.text()), timeout=WAIT)
        assert dialog.figures.text() == (
            f"<b>Ngày {today:%d/%m/%Y} tại quầy:</b> "
            "đã nhận 2 · đã trả 1 · đang chờ 1 · đến hạn trả 1"
        )
        assert dialog.layout().indexOf(dialog.figures) == 0  # at the top
        dialog.accept()

        # no incident: one line and the actions, not the request form greyed out
        screen = IncidentScreen(tasks)
        qtbot.addWidget(screen)
        screen.show()
        screen.start(desk)
        qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.none_page, timeout=WAIT)
        assert screen.empty.isVisible() and "Chưa có sự cố nào" in screen.empty.text()
        assert screen.empty_check.isVisible() and screen.empty_close.isVisible()
        assert not screen.form.isVisible() and not screen.tabs.isVisible()

        # no scanner: said plainly with the fix, the import offered; a scanner brings the list
        panel = ScanPanel(tasks)
        qtbot.addWidget(panel)
        panel.show()
        panel.set_document("Tờ khai")
        panel._devices([])
        assert panel.no_scanner.isVisible() and not panel.thumbs.isVisible()
        assert "Không tìm thấy máy quét" in panel.no_scanner.text()
        assert panel.find_button.isVisible() and panel.import_button.isEnabled()
        assert not panel.device.isVisible() and not panel.scan_button.isVisible()
        panel._devices([DeviceInfo("test:0", "Máy quét thử", "sane")])
        assert not panel.no_scanner.isVisible() and panel.thumbs.isVisible()
        assert panel.scan_button.isEnabled() and not panel.find_button.isVisible()
    finally:
        assert tasks.wait()
        desk.close()
