"""The incident screen, offscreen, on a real counter database: an outage recorded by sync (the
real recorder, its clock set back), a dossier received during it whose appointment passed; the
officer checks and prints the request form, sees the promised answer time pass, exports the
citizens to notify, gives the dossier a new date with Mẫu 04 on the virtual printer, prints the
register book while the day cannot be closed; a supervisor closes it with a reason; once sync
succeeds the catch-up report appears and prints."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from desktop.domain.reception import parse_form
from desktop.services.desk import Desk
from desktop.store.accounts.audit import recent
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import init_counter, load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService, find_dossier
from desktop.store.incidents.day_close import list_closures
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.printing.printouts import save_printer
from desktop.ui.day_close_dialog import DayCloseDialog
from desktop.ui.tasks import Tasks
from devtools.virtual_printer import VirtualPrinter
from printing.connections import PrinterSettings
from sync.connectivity import Cause, Connectivity, Unreachable
from sync.engine import SyncReport
from tests.clitools import ADMIN_PASSWORD
from tests.incidents.tools import form
from tests.ui.conftest import PASSWORD, add_officer
from tests.ui.test_counter_app import WAIT, open_window, sign_in

CLERK = OfficerInfo("tiepnhan", "Trần Thị Mai", frozenset({"reception", "returns"}))
SUPERVISOR = "giamsat"


def _working_morning_before(db: Database, data: Path, now: datetime) -> datetime:
    """The latest 09:00 of a working day before ``now``: inside the outage, inside hours."""
    calendar = load_context(db, data).calendar
    day = now.date()
    while True:
        moment = datetime.combine(day, datetime.min.time()).replace(hour=9)
        if calendar.is_working_day(day) and moment < now - timedelta(minutes=30):
            return moment
        day -= timedelta(days=1)


@pytest.fixture
def outage_dir(
    tmp_path: Path, printer: VirtualPrinter
) -> Iterator[tuple[Path, str, list[datetime]]]:
    """A counter bound to a server that has been away for a month (nothing listens on the
    address), with an incident and a same-day procedure received during it."""
    data = tmp_path / "data"
    db = Database.open(data, create=True)
    try:
        init_counter(
            db,
            province="an-giang",
            agency="000.00.12.H01",
            counter="Q01",
            server_url="http://127.0.0.1:9",
            admin_user="admin",
            admin_password=ADMIN_PASSWORD,
        )
        now = local_now()
        clock = [now - timedelta(days=30)]
        ctx = load_context(db, data)
        rec = IncidentRecorder(db, ctx, grace=timedelta(minutes=5), clock=lambda: clock[0])
        for step in (timedelta(0), timedelta(minutes=6)):
            clock[0] = now - timedelta(days=30) + step
            rec.observe(Connectivity(True), Connectivity(False, Cause.TCP, "kết nối bị từ chối"))
            rec.cycle(None, Unreachable(Cause.TCP, "kết nối bị từ chối"))
        received = _working_morning_before(db, data, now)
        service = DossierService(db, ctx, lambda: received)
        got = service.receive(parse_form(form(7, procedure="1.001193")), CLERK)  # trả ngay
        assert got.code is not None
    finally:
        db.close()
    add_officer(data)
    add_officer(data, SUPERVISOR, PASSWORD, frozenset({"supervisor"}))
    save_printer(data, PrinterSettings(f"tcp://127.0.0.1:{printer.port}", dots=576))
    yield data, got.code, clock


def _wait_detail(qtbot: QtBot, screen: object) -> None:
    qtbot.waitUntil(lambda: screen.detail is not None and not screen.loading, timeout=WAIT)  # type: ignore[attr-defined]


def test_an_officer_works_through_an_outage(
    qtbot: QtBot,
    outage_dir: tuple[Path, str, list[datetime]],
    printer: VirtualPrinter,
    tmp_path: Path,
) -> None:
    data, code, _clock = outage_dir
    window = open_window(qtbot, data)
    sign_in(qtbot, window)
    # an outage open since before the window started shows in the status bar too
    qtbot.waitUntil(lambda: "Sự cố số 1" in window.status.incident.text(), timeout=WAIT)
    screen = window.incidents
    assert window.tabs.indexOf(screen) >= 0
    window.show_view(screen)
    _wait_detail(qtbot, screen)
    assert screen.list.rowCount() == 1 and "●" in screen.list.item(0, 0).text()
    assert "Sự cố số 1" in screen.summary.text() and "đang diễn ra" in screen.summary.text()
    assert "Chưa gửi phiếu yêu cầu tới Sở Khoa học và Công nghệ" in screen.answer.text()
    assert screen.offline.rowCount() == 1 and screen.offline.item(0, 0).text().startswith(code)
    assert screen.notify.rowCount() == 1 and screen.notify.item(0, 1).text() == "0912000007"
    assert screen.affected.rowCount() == 1 and screen.affected.item(0, 0).text() == code

    # the request form: pre-filled, one field corrected, printed on A4 (saved as PDF here)
    form_panel = screen.form
    assert form_panel.lines["requester"].text() == "Trần Thị Mai"
    assert "kết nối" in form_panel.texts["description"].toPlainText()
    assert "ghi nhận sự cố" in form_panel.timeline.text()
    form_panel.lines["phone"].setText("0296 3852 000")
    screen.refresh()  # what the minute timer does: it must not wipe what is being typed
    qtbot.waitUntil(lambda: not screen.loading, timeout=WAIT)
    assert form_panel.lines["phone"].text() == "0296 3852 000"
    form_panel.print.click()
    qtbot.waitUntil(lambda: "su-co-1-phieu-yeu-cau" in screen.message.text(), timeout=WAIT)
    pdf = data / "printouts"
    assert [p.read_bytes()[:5] for p in pdf.glob("su-co-1-phieu-yeu-cau*.pdf")] == [b"%PDF-"]
    _wait_detail(qtbot, screen)
    assert form_panel.lines["phone"].text() == "0296 3852 000", "the correction was kept"

    # printing is not sending (issue 21): the answer clock has not started
    assert "Chưa gửi phiếu yêu cầu" in screen.answer.text()
    # sent long ago, recorded with its own button and the time it left, and still no answer:
    # the screen says the promised time has passed
    form_panel.sent_at.setDateTime(QDateTime(local_now() - timedelta(days=20)))
    form_panel.reported.click()
    qtbot.waitUntil(lambda: "QUÁ HẠN" in screen.answer.text(), timeout=WAIT)
    assert screen.answer.property("role") == "error"
    assert not form_panel.reported.isEnabled()

    # the screen re-reads itself; the audit log records the viewing once, not every minute
    db = Database.open(data)
    try:
        with db.read() as s:
            viewed = [e for e in recent(s, 500) if e.action == "incident.viewed"]
    finally:
        db.close()
    assert len(viewed) == 1 and viewed[0].officer == "tiepnhan"

    # the citizens to notify, for SMS
    out = tmp_path / "cong-dan.csv"
    screen.export_to(out)
    qtbot.waitUntil(lambda: out.exists() and "Đã lưu 1" in screen.message.text(), timeout=WAIT)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert any(code in row for row in rows[1:]) and any("0912000007" in r for r in rows[1:])

    # a new appointment for the dossier, with Mẫu 04 for the citizen
    db = Database.open(data)
    try:
        day = load_context(db, data).calendar.next_working_day(date.today() + timedelta(days=6))
    finally:
        db.close()
    new_due = datetime.combine(day, datetime.min.time()).replace(hour=14)
    screen.affected.selectRow(0)

    screen.new_due.setDateTime(QDateTime(new_due))
    screen.reschedule_button.click()
    qtbot.waitUntil(lambda: "Đã hẹn lại hồ sơ" in screen.message.text(), timeout=WAIT)
    printer.wait_for_slips(1, timeout=20)
    db = Database.open(data)
    try:
        with db.read() as s:
            assert find_dossier(s, code).due_at == new_due
    finally:
        db.close()

    # the day cannot be closed while events wait, but its register book prints
    screen.day_button.click()
    dialog = screen.day_dialog
    qtbot.waitUntil(lambda: "chưa khóa sổ được" in dialog.status.text(), timeout=WAIT)
    assert not dialog.close_button.isEnabled() and not dialog.override.isVisible()
    dialog.register_button.click()
    qtbot.waitUntil(lambda: "so-theo-doi" in dialog.message.text(), timeout=WAIT)
    assert list(pdf.glob("so-theo-doi-*.pdf"))
    dialog.accept()


def test_a_supervisor_closes_the_day_with_a_reason_and_the_report_follows(
    qtbot: QtBot, outage_dir: tuple[Path, str, list[datetime]]
) -> None:
    data, _code, clock = outage_dir
    tasks = Tasks()
    desk = Desk.open(data)
    try:
        desk.sign_in(SUPERVISOR, PASSWORD)
        dialog = DayCloseDialog(tasks, desk)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.state is not None and not dialog.loading, timeout=WAIT)
        assert dialog.state is not None and dialog.state.blocked
        assert dialog.override.isVisible() and not dialog.close_button.isEnabled()
        dialog.override.setChecked(True)
        assert not dialog.close_button.isEnabled(), "an override needs its reason"
        dialog.reason.setText("Mất kết nối cả tháng, đã báo Sở")
        assert dialog.close_button.isEnabled()
        dialog.close_button.click()
        qtbot.waitUntil(lambda: "Đã khóa sổ ngày" in dialog.message.text(), timeout=WAIT)
        closed = list_closures(desk.db, desk.ctx)
        assert len(closed) == 1 and closed[0].override
        assert closed[0].reason == "Mất kết nối cả tháng, đã báo Sở"
        with desk.db.read() as s:
            assert any(e.action == "day.closed" for e in recent(s, 10))

        # sync succeeds again: the incident closes and its report is ready
        clock[0] = local_now()
        IncidentRecorder(
            desk.db, desk.ctx, grace=timedelta(minutes=5), clock=lambda: clock[0]
        ).cycle(SyncReport(pushed=1, reconciled=True), None)
        from desktop.ui.incident_view import IncidentScreen

        screen = IncidentScreen(tasks)
        qtbot.addWidget(screen)
        screen.start(desk)
        _wait_detail(qtbot, screen)
        assert "đã kết thúc" in screen.summary.text()
        assert "Báo cáo đồng bộ sau sự cố số 1" in screen.catchup.text()
        screen.catchup_button.click()
        qtbot.waitUntil(lambda: "su-co-1-bao-cao" in screen.message.text(), timeout=WAIT)
    finally:
        assert tasks.wait()
        desk.close()


def test_a_stale_status_read_does_not_reopen_an_incident(
    qtbot: QtBot, outage_dir: tuple[Path, str, list[datetime]]
) -> None:
    """The periodic status read races the sync thread's signals: a read started before the
    incident closed must not show it open again after the news that it caught up."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    from desktop.store.incidents.records import current_incident
    from desktop.ui.status_bar import SyncStatusBar

    data, _code, _clock = outage_dir
    db = Database.open(data)
    try:
        stale = current_incident(db)
    finally:
        db.close()
    assert stale is not None
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = SyncStatusBar(window.statusBar(), QLabel(), window)
    bar.show_open_incident(stale)
    assert "Sự cố số 1" in bar.incident.text()
    bar.show_incident("caught_up", stale)
    bar.show_open_incident(stale)  # read before it closed, delivered after
    assert "gửi bù xong" in bar.incident.text()
    bar.show_open_incident(None)
    assert "gửi bù xong" in bar.incident.text()
