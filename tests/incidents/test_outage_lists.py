"""What the incident screen lists, on a real counter database with the clock fixed: the
appointments an outage touches and where they move, rescheduling one with Mẫu 04, the citizens
to notify as CSV, the request form's pre-filled and overridden fields, the catch-up report."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest

from desktop.domain.reception import parse_form
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents.catchup_report import catchup_document, catchup_view
from desktop.store.incidents.form import FormOverrides, form_facts, save_overrides
from desktop.store.incidents.notify import CitizenNotice, citizens_to_notify, notify_csv
from desktop.store.incidents.outage import affected_dossiers, reschedule_for_incident
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import mark_reported
from desktop.store.printing.printouts import NoticeKind, notice_document
from printing.slip import plain_text
from sync.connectivity import Cause, Connectivity, Unreachable
from sync.engine import SyncReport
from tests.conftest import RECEPTION, Counter
from tests.incidents.tools import form

MON = datetime(2023, 10, 23)  # Monday; working time 07:00–11:30, 13:30–17:00
CLERK = OfficerInfo("tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception"}))


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return MON + timedelta(days=day, hours=hh, minutes=mm)


def _receive(counter: Counter, when: datetime, i: int, procedure: str) -> str:
    counter.now = when
    got = counter.service.receive(parse_form(form(i, procedure=procedure)), RECEPTION)
    assert got.code is not None
    return got.code


def _incident(counter: Counter, clock: list[datetime]) -> IncidentRecorder:
    rec = IncidentRecorder(
        counter.db, counter.ctx, grace=timedelta(minutes=5), clock=lambda: clock[0]
    )
    for when in (at(0, 9), at(0, 9, 6)):
        clock[0] = when
        rec.observe(Connectivity(True), Connectivity(False, Cause.TIMEOUT, "quá thời gian chờ"))
        rec.cycle(None, Unreachable(Cause.TIMEOUT, "quá thời gian chờ"))
    return rec


@pytest.fixture
def outage(counter: Counter) -> tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]]:
    codes = {
        "friday": _receive(counter, at(-3, 14), 1, "2.000815"),  # 8 h: due Monday 14:00
        "before": _receive(counter, at(0, 8), 2, "2.000815"),  # 8 h: due Tuesday 08:00
        "during": _receive(counter, at(0, 9, 30), 3, "1.001193"),  # trả ngay: due at once
        "later": _receive(counter, at(0, 8, 10), 4, "1.004873"),  # 3 days: due Thursday
    }
    clock = [at(0, 9)]
    return counter, _incident(counter, clock), clock, codes


def test_affected_appointments_and_where_they_move(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, _rec, _clock, codes = outage
    # open at 10:00, one working hour lost; An Giang promises an answer within 4 hours
    got = {a.code: a for a in affected_dossiers(counter.db, counter.ctx, 1, now=at(0, 10))}
    assert set(got) == {codes["during"], codes["friday"]}
    assert got[codes["during"]].kind == "inside"
    assert got[codes["during"]].proposed_due_at == at(0, 16)  # now + 4 working hours
    assert got[codes["friday"]].kind == "at_risk"
    assert got[codes["friday"]].proposed_due_at == at(1, 8)  # 14:00 + 4 h, over the night
    assert [a.code for a in affected_dossiers(counter.db, counter.ctx, 1, now=at(0, 10))] == [
        codes["during"],
        codes["friday"],
    ], "soonest first"


def test_after_the_close_only_the_lost_time_counts(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, rec, clock, codes = outage
    clock[0] = at(0, 11)
    rec.cycle(SyncReport(reconciled=True))  # 2 working hours lost
    got = {a.code: a for a in affected_dossiers(counter.db, counter.ctx, 1, now=at(0, 11, 10))}
    assert got[codes["friday"]].proposed_due_at == at(0, 16)
    assert got[codes["during"]].proposed_due_at == at(0, 15, 10)  # 11:10 + 2 h, lunch skipped


def test_rescheduling_one_dossier_records_mau_04_with_the_proposed_date(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, _rec, _clock, codes = outage
    with pytest.raises(ActionError, match="không có lịch hẹn bị ảnh hưởng"):
        reschedule_for_incident(
            counter.db, counter.ctx, 1, codes["later"], CLERK, clock=lambda: at(0, 10)
        )
    receipt, item = reschedule_for_incident(
        counter.db, counter.ctx, 1, codes["during"], CLERK, clock=lambda: at(0, 10)
    )
    assert receipt.due_at == item.proposed_due_at == at(0, 16)
    document, _ref = notice_document(counter.db, counter.ctx, codes["during"], NoticeKind.APOLOGY)
    lines = plain_text(document.copies[0])
    assert "Thời gian hẹn trả lại kết quả: 16 giờ 00 phút, ngày 23 tháng 10 năm 2023" in lines
    assert any("bị gián đoạn kết nối" in x and "09 giờ 00 phút" in x for x in lines)
    # handled: off the list until the new appointment slips too
    later = {a.code for a in affected_dossiers(counter.db, counter.ctx, 1, now=at(0, 10, 5))}
    assert codes["during"] not in later
    slipped = {a.code for a in affected_dossiers(counter.db, counter.ctx, 1, now=at(0, 16, 30))}
    assert codes["during"] in slipped


def test_citizens_to_notify_as_csv(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, _rec, _clock, codes = outage
    notices = citizens_to_notify(counter.db, counter.ctx, 1, now=at(0, 10))
    by_code = {n.code: n for n in notices}
    # affected, or received and not yet on the server (this counter has none: all unsent)
    assert set(by_code) == set(codes.values())
    assert by_code[codes["friday"]].proposed_due_at == at(1, 8)
    assert "bị ảnh hưởng" in by_code[codes["friday"]].reasons[0]
    raw = notify_csv(notices)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["STT", "Họ và tên", "Điện thoại", "Email", "Mã hồ sơ"]
    assert len(rows) == 1 + len(notices)
    hostile = CitizenNotice("x", "=HYPERLINK(1)", "", "", "C", "", "", None, None, ("@x",))
    (data,) = list(csv.reader(io.StringIO(notify_csv([hostile]).decode("utf-8-sig"))))[1:]
    assert data[1] == "'=HYPERLINK(1)" and data[-1] == "'@x"


def test_the_request_form_is_prefilled_and_every_field_overridable(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, _rec, _clock, _codes = outage
    facts = form_facts(counter.db, counter.ctx, 1, CLERK)
    assert facts.report_to == "Sở Khoa học và Công nghệ tỉnh An Giang"
    assert facts.requester == "Cán bộ tiếp nhận" and facts.position == "Cán bộ tiếp nhận"
    assert "(mã 000.00.12.H01), Quầy Q01" in facts.agency
    assert facts.started_at == at(0, 9) and facts.ended_at is None
    assert "máy chủ không trả lời trong thời gian chờ" in facts.description
    assert "4 giờ" in facts.proposal
    assert any("ghi nhận sự cố" in x for x in facts.timeline)
    with pytest.raises(ActionError, match="email"):
        save_overrides(counter.db, 1, FormOverrides(email="không-phải-email"))
    with pytest.raises(ActionError, match="điện thoại"):
        save_overrides(counter.db, 1, FormOverrides(phone="gọi tôi"))
    save_overrides(counter.db, 1, FormOverrides(phone="0296 3852 000", position="Phó Giám đốc"))
    save_overrides(counter.db, 1, FormOverrides(proposal="Đề nghị khắc phục gấp."))
    facts = form_facts(counter.db, counter.ctx, 1, CLERK, FormOverrides(requester="Trần Văn Tâm"))
    assert (facts.requester, facts.position, facts.phone) == (
        "Trần Văn Tâm",
        "Phó Giám đốc",
        "0296 3852 000",
    ), "earlier overrides are kept for a reprint"
    assert facts.proposal == "Đề nghị khắc phục gấp."
    view = mark_reported(counter.db, 1, CLERK, at=at(0, 9, 30))
    assert view.answer_due_at == at(0, 13, 30)
    assert mark_reported(counter.db, 1, CLERK, at=at(0, 10)).reported_at == at(0, 9, 30)


def test_the_catchup_report_of_a_closed_incident(
    outage: tuple[Counter, IncidentRecorder, list[datetime], dict[str, str]],
) -> None:
    counter, rec, clock, _codes = outage
    with pytest.raises(ActionError, match="chưa kết thúc"):
        catchup_document(counter.db, counter.ctx, 1)
    clock[0] = at(0, 11)
    rec.cycle(SyncReport(pushed=0, reconciled=True))
    view = catchup_view(counter.db, counter.ctx, 1)
    assert view is not None and not view.done  # a counter without a server never drains
    # not on the server during the outage: everything, on a counter that never syncs
    assert view.report.dossiers_received == 4 and view.report.pending == 4
    lines = plain_text(catchup_document(counter.db, counter.ctx, 1).copies[0])
    assert "BÁO CÁO" in lines and "Không có hồ sơ nào phải đổi mã." in lines
    assert "Thời điểm kết thúc: 11 giờ 00 phút, ngày 23 tháng 10 năm 2023" in lines
