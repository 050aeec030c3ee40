"""Counter actions on a real SQLite file: one transaction per action, the row is the fold."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from desktop.domain.dossier import Event, EventType, Status, fold
from desktop.domain.reception import FormError, parse_form
from desktop.store.dossiers.lookup import dossier_json, lookup
from desktop.store.dossiers.service import ActionError
from desktop.store.models import Dossier, EventRow, OutboxRow
from desktop.store.sync.journal import state_of
from tests.conftest import DESIGN_CHECK_NOW, RECEPTION, Counter, minimal_form


def _counts(c: Counter) -> tuple[int, int, int]:
    with c.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Dossier)) or 0,
            s.scalar(select(func.count()).select_from(EventRow)) or 0,
            s.scalar(select(func.count()).select_from(OutboxRow)) or 0,
        )


@pytest.fixture(autouse=True)
def _design_check_clock(request: pytest.FixtureRequest) -> None:
    for name in ("counter", "national_counter"):
        if name in request.fixturenames:
            request.getfixturevalue(name).now = DESIGN_CHECK_NOW


def _receive(c: Counter, at: str = "2023-10-27T09:32", **applicant: str) -> str:
    form = parse_form({**minimal_form(**applicant), "received_at": at})
    receipt = c.service.receive(form, RECEPTION)
    assert receipt.code is not None
    return receipt.code


def test_receive_writes_dossier_event_and_outbox_together(counter: Counter) -> None:
    form = parse_form(
        {**minimal_form(), "procedure": "1.001612", "received_at": "2023-10-27T09:32"}
    )
    receipt = counter.service.receive(form, RECEPTION)
    # An Giang QĐ 66/2020 Điều 7.3: 13-char agency code, ddmmyy, 3-digit daily sequence.
    assert receipt.code == "000.00.12.H01271023001"
    assert receipt.status is Status.DUOC_TIEP_NHAN
    assert receipt.received_at == datetime(2023, 10, 27, 9, 32)
    # 1.001612 (đăng ký hộ kinh doanh) has 3 working days: Fri 09:32 → Wed 01/11 09:32.
    assert receipt.due_at == datetime(2023, 11, 1, 9, 32)
    assert _counts(counter) == (1, 1, 1)
    with counter.db.read() as s:
        row = s.scalar(select(Dossier))
        assert row is not None
        ev = row.events[0]
        assert ev.type == "received" and ev.seq == 1
        assert ev.payload["code"] == receipt.code
        assert ev.payload["applicant"]["id_number"] == "089085001234"
        assert row.documents, "the checklist defaults to the catalog's required documents"
        assert row.register_book == "2023" and row.register_seq == 1


def test_codes_are_consecutive_within_a_day_and_restart_each_day(counter: Counter) -> None:
    codes = [_receive(counter, f"2023-10-27T09:{m:02d}") for m in range(30, 35)]
    assert [c[-3:] for c in codes] == ["001", "002", "003", "004", "005"]
    counter.reopen()
    assert _receive(counter, "2023-10-27T10:00").endswith("271023006")
    assert _receive(counter, "2023-10-30T08:00").endswith("301023001")


def test_national_format_for_other_provinces(national_counter: Counter) -> None:
    assert _receive(national_counter) == "000.00.06.H56-231027-0001"
    assert _receive(national_counter) == "000.00.06.H56-231027-0002"


def test_row_equals_fold_of_its_stored_events(counter: Counter) -> None:
    code = _receive(counter)
    counter.service.request_supplement(code, RECEPTION, "Thiếu bản chính giấy khai sinh")
    counter.service.receive_supplement(code, RECEPTION)
    counter.service.result_ready(code, RECEPTION)
    counter.service.return_result(code, RECEPTION, "Trần Thị Bình", "089185004321")
    with counter.db.read() as s:
        row = s.scalar(select(Dossier))
        assert row is not None
        events = [
            Event(
                id=e.id,
                dossier_id=e.dossier_id,
                type=EventType(e.type),
                payload=e.payload,
                occurred_at=e.occurred_at,
                officer=e.officer,
                counter=e.counter,
                seq=e.seq,
            )
            for e in row.events
        ]
        assert [e.type.value for e in events] == [
            "received",
            "supplement_requested",
            "supplement_received",
            "result_received",
            "result_returned",
        ]
        assert fold(events) == state_of(row)
        assert row.status == Status.DA_TRA_KET_QUA
        assert len(row.pauses) == 1
    assert _counts(counter) == (1, 5, 5)


def test_supplement_pause_moves_the_appointment(counter: Counter) -> None:
    counter.now = datetime(2023, 10, 27, 9, 32)
    code = _receive(counter)  # 2.000815 chứng thực: 8 working hours → Mon 30/10 09:32
    with counter.db.read() as s:
        assert s.scalar(select(Dossier.due_at)) == datetime(2023, 10, 30, 9, 32)
    counter.now = datetime(2023, 10, 27, 14, 0)
    counter.service.request_supplement(code, RECEPTION, "Thiếu bản sao có chứng thực")
    with counter.db.read() as s:
        assert s.scalar(select(Dossier.status)) == Status.YEU_CAU_BO_SUNG
    counter.now = datetime(2023, 10, 31, 10, 0)  # supplied on Tuesday: the clock restarts
    receipt = counter.service.receive_supplement(code, RECEPTION)
    # Working time left at the pause: Fri 14:00–17:00 + Mon 07:00–09:32 = 5h32. From Tue 10:00:
    # 1h30 to 11:30, 3h30 to 17:00, the last 0h32 on Wed → Wed 01/11 07:32.
    assert receipt.due_at == datetime(2023, 11, 1, 7, 32)
    assert receipt.status is Status.DANG_XU_LY


def test_illegal_action_changes_nothing(counter: Counter) -> None:
    code = _receive(counter)
    with pytest.raises(ActionError, match="Không thể"):
        counter.service.return_result(code, RECEPTION, "Trần Thị Bình", "089185004321")
    assert _counts(counter) == (1, 1, 1)
    with pytest.raises(ActionError, match="Không tìm thấy"):
        counter.service.result_ready("000.00.12.H01271023999", RECEPTION)


def test_unknown_procedure_and_bad_forms_write_nothing(counter: Counter) -> None:
    with pytest.raises(ActionError, match="Không có thủ tục"):
        counter.service.receive(parse_form({**minimal_form(), "procedure": "9.999999"}), RECEPTION)
    for bad in (
        {"procedure": "2.000815", "applicant": {"id_number": "089085001234", "address": "x y z"}},
        minimal_form(id_number="12345"),
        minimal_form(phone="12"),
        {**minimal_form(), "received_at": "hôm qua"},
    ):
        with pytest.raises(FormError):
            parse_form(bad)
    assert _counts(counter) == (0, 0, 0)


def test_future_reception_time_is_refused(counter: Counter) -> None:
    with pytest.raises(ActionError, match="tương lai"):
        _receive(counter, "2099-01-05T09:00")
    assert _counts(counter) == (0, 0, 0)


def test_rejection_and_pre_reception_supplement_get_no_code(counter: Counter) -> None:
    form = parse_form(minimal_form())
    rejected = counter.service.refuse(form, RECEPTION, "Không thuộc thẩm quyền", supplement=False)
    assert rejected.status is Status.KHONG_DUOC_TIEP_NHAN and rejected.code is None
    pending = counter.service.refuse(form, RECEPTION, "Thiếu tờ khai", supplement=True)
    assert pending.status is Status.YEU_CAU_BO_SUNG and pending.due_at is None
    with pytest.raises(ActionError, match="lý do"):
        counter.service.refuse(form, RECEPTION, " ", supplement=False)


def test_lookup_by_code_id_name_and_phone(counter: Counter) -> None:
    code = _receive(counter)
    _receive(counter, name="Lê Thị Hạnh", id_number="089190005678", phone="0987654321")
    with counter.db.read() as s:
        assert [d.code for d in lookup(s, code.lower())] == [code]
        assert len(lookup(s, "089190005678")) == 1
        assert [d.applicant_name for d in lookup(s, "le thi hanh")] == ["Lê Thị Hạnh"]
        assert len(lookup(s, "+84 987 654 321")) == 1
        assert lookup(s, "không có ai") == []
        data = dossier_json(lookup(s, code)[0])
        assert {
            "id",
            "code",
            "received_at",
            "due_at",
            "status",
            "applicant",
            "attachments",
            "events",
        } <= data.keys()


def test_database_pragmas(counter: Counter) -> None:
    with counter.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
