from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.dossier import (
    DEPARTMENT_TARGETS,
    TRANSITIONS,
    DossierState,
    Event,
    EventType,
    Status,
    TransitionError,
    apply,
    fold,
    target_status,
)
from tests.budget import examples

T0 = datetime(2023, 10, 27, 9, 32)
DUE = datetime(2023, 11, 3, 9, 32)
FINAL = (
    Status.KHONG_DUOC_TIEP_NHAN,
    Status.CONG_DAN_RUT_HO_SO,
    Status.DUNG_XU_LY,
    Status.DA_TRA_KET_QUA,
)
RECEIVED_PAYLOAD: Mapping[str, Any] = {
    "code": "000.00.12.H01271023001",
    "procedure": "2.000815",
    "received_at": T0,
    "due_at": DUE,
}

_seq = iter(range(1, 1_000_000))


def ev(
    type_: EventType, payload: Mapping[str, Any] | None = None, at: datetime = T0, **extra: Any
) -> Event:
    return Event(
        id=f"e{next(_seq)}",
        dossier_id="d1",
        type=type_,
        payload={**(payload or {}), **extra},
        occurred_at=at,
        officer="tiepnhan",
        counter="Q1",
        seq=0,
    )


def run(*events: Event) -> DossierState:
    state = fold(events)
    assert state is not None
    return state


def received() -> DossierState:
    return run(ev(EventType.RECEIVED, RECEIVED_PAYLOAD))


def progress(status: int | str) -> Event:
    return ev(EventType.DEPARTMENT_PROGRESS, status=status)


def at_status(status: Status) -> DossierState:
    """A dossier that reached ``status`` by legal events."""
    if status is Status.MOI_DANG_KY:
        return run(ev(EventType.REGISTERED_ONLINE))
    if status is Status.KHONG_DUOC_TIEP_NHAN:
        return run(ev(EventType.REJECTED))
    if status is Status.CONG_DAN_RUT_HO_SO:
        return apply(received(), ev(EventType.WITHDRAWN))
    if status is Status.DA_TRA_KET_QUA:
        return apply(at_status(Status.DA_XU_LY_XONG), ev(EventType.RESULT_RETURNED))
    if status is Status.DUOC_TIEP_NHAN:
        return received()
    return apply(received(), progress(int(status)))


# -- legal paths -------------------------------------------------------------------------------


def test_receive_then_result_then_return() -> None:
    s = received()
    assert s.status is Status.DUOC_TIEP_NHAN
    assert (s.code, s.procedure_code) == ("000.00.12.H01271023001", "2.000815")
    assert (s.received_at, s.due_at) == (T0, DUE)
    ready_at = datetime(2023, 11, 2, 15, 0)
    s = apply(s, ev(EventType.RESULT_RECEIVED, at=ready_at + timedelta(minutes=5)))
    assert s.status is Status.DA_XU_LY_XONG
    assert s.finished_at == ready_at + timedelta(minutes=5)
    back = datetime(2023, 11, 3, 8, 0)
    s = apply(s, ev(EventType.RESULT_RETURNED, at=back + timedelta(hours=1), returned_at=back))
    assert s.status is Status.DA_TRA_KET_QUA
    assert s.returned_at == back
    assert s.finished_at == ready_at + timedelta(minutes=5)
    assert s.last_event_at == back + timedelta(hours=1)
    assert s.status.is_final


def test_payload_times_win_over_event_time_and_may_be_iso_strings() -> None:
    s = run(
        ev(
            EventType.RECEIVED,
            code="X1",
            received_at="2023-10-27T09:32:00",
            due_at="2023-11-03T09:32:00",
            at=datetime(2023, 10, 27, 9, 40),
        )
    )
    assert (s.received_at, s.due_at) == (T0, DUE)
    s = apply(s, ev(EventType.RESULT_RECEIVED, finished_at="2023-11-01T10:00:00"))
    assert s.finished_at == datetime(2023, 11, 1, 10, 0)


def test_supplement_request_and_receipt_record_the_pause() -> None:
    asked = datetime(2023, 10, 30, 9, 32)
    supplied = datetime(2023, 11, 1, 9, 32)
    moved = datetime(2023, 11, 7, 9, 32)
    s = apply(received(), ev(EventType.SUPPLEMENT_REQUESTED, requested_at=asked))
    assert s.status is Status.YEU_CAU_BO_SUNG
    assert s.paused_at == asked
    s = apply(s, ev(EventType.SUPPLEMENT_RECEIVED, supplied_at=supplied, due_at=moved))
    assert s.status is Status.DANG_XU_LY
    assert s.paused_at is None
    assert s.pauses == ((asked, supplied),)
    assert s.due_at == moved
    # A second round appends a second pause.
    s = apply(s, ev(EventType.SUPPLEMENT_REQUESTED, at=datetime(2023, 11, 2, 8)))
    s = apply(s, ev(EventType.SUPPLEMENT_RECEIVED, at=datetime(2023, 11, 2, 10)))
    assert s.pauses == ((asked, supplied), (datetime(2023, 11, 2, 8), datetime(2023, 11, 2, 10)))


def test_supplement_receipt_without_a_new_due_date_keeps_the_old_one() -> None:
    # E.g. the department asked for the supplement (status 5 from the server): the counter's
    # receipt carries no due_at and must not reset the appointment to the event time.
    s = apply(received(), progress(5))
    # a department's supplement request stops the clock too
    assert s.status is Status.YEU_CAU_BO_SUNG and s.paused_at is not None
    stopped = s.paused_at
    s = apply(s, ev(EventType.SUPPLEMENT_RECEIVED, at=datetime(2023, 10, 31, 10, 0)))
    assert s.status is Status.DANG_XU_LY
    assert s.due_at == DUE
    assert s.pauses == ((stopped, datetime(2023, 10, 31, 10, 0)),)


def test_pre_reception_supplement_request_then_reception() -> None:
    s = run(ev(EventType.SUPPLEMENT_REQUESTED, procedure="2.000815", reason="Thiếu tờ khai"))
    assert s.status is Status.YEU_CAU_BO_SUNG
    assert s.code is None and s.received_at is None and s.due_at is None
    assert s.paused_at is None  # no clock runs before reception
    assert s.procedure_code == "2.000815"
    # Supplying the papers means receiving the dossier, not resuming a clock that never ran.
    with pytest.raises(TransitionError):
        apply(s, ev(EventType.SUPPLEMENT_RECEIVED))
    s = apply(s, ev(EventType.RECEIVED, RECEIVED_PAYLOAD))
    assert s.status is Status.DUOC_TIEP_NHAN
    assert s.code == RECEIVED_PAYLOAD["code"]


def test_online_dossier_registered_then_received_or_rejected() -> None:
    s = run(ev(EventType.REGISTERED_ONLINE, procedure="1.003560"))
    assert s.status is Status.MOI_DANG_KY and s.procedure_code == "1.003560"
    assert s.checked_at is None and s.submitted_at is not None
    accepted = apply(s, ev(EventType.RECEIVED, RECEIVED_PAYLOAD))
    assert accepted.status is Status.DUOC_TIEP_NHAN and accepted.checked_at is not None
    assert apply(s, ev(EventType.REJECTED)).status is Status.KHONG_DUOC_TIEP_NHAN
    withdrawn = apply(s, ev(EventType.WITHDRAWN))
    # the citizen withdrawing is no officer's check of the dossier
    assert withdrawn.status is Status.CONG_DAN_RUT_HO_SO and withdrawn.checked_at is None


def test_online_dossier_keeps_the_portal_code_and_submission_time() -> None:
    at = datetime(2026, 12, 3, 16, 30)
    s = run(ev(EventType.REGISTERED_ONLINE, procedure="1.003560", code="X-1", submitted_at=at))
    assert (s.code, s.submitted_at) == ("X-1", at)


def test_hand_over_records_unit_and_time_and_keeps_the_status() -> None:
    at = datetime(2026, 12, 3, 10, 0)
    s = apply(received(), ev(EventType.HANDED_OVER, unit="Phòng Tư pháp", handed_at=at))
    assert (s.status, s.handed_over_at, s.handover_unit) == (
        Status.DUOC_TIEP_NHAN,
        at,
        "Phòng Tư pháp",
    )
    with pytest.raises(TransitionError):
        apply(
            run(ev(EventType.REGISTERED_ONLINE, procedure="1.003560")),
            ev(EventType.HANDED_OVER, unit="X"),
        )


@pytest.mark.parametrize("target", [4, 5, 6, 8, 9])
def test_department_progress(target: int) -> None:
    s = apply(received(), progress(target))
    assert s.status == Status(target)
    assert (s.finished_at is not None) == (target == 9)
    assert s.code == RECEIVED_PAYLOAD["code"]


def test_department_progress_chain_and_new_due_date() -> None:
    later = DUE + timedelta(days=3)
    s = received()
    for target in (4, 6, 4, 5, 4):
        s = apply(s, progress(target))
        assert s.status == target
    s = apply(s, ev(EventType.DEPARTMENT_PROGRESS, status="9", due_at=later))
    assert s.status is Status.DA_XU_LY_XONG
    assert s.due_at == later
    assert apply(s, ev(EventType.RESULT_RETURNED)).status is Status.DA_TRA_KET_QUA


@pytest.mark.parametrize(
    "status",
    [
        Status.DUOC_TIEP_NHAN,
        Status.DANG_XU_LY,
        Status.YEU_CAU_BO_SUNG,
        Status.YEU_CAU_NGHIA_VU_TAI_CHINH,
    ],
)
def test_withdrawal_and_rescheduling_while_active(status: Status) -> None:
    s = at_status(status)
    assert apply(s, ev(EventType.WITHDRAWN)).status is Status.CONG_DAN_RUT_HO_SO
    later = DUE + timedelta(days=2)
    moved = apply(s, ev(EventType.RESCHEDULED, due_at=later))
    assert moved.status is status and moved.due_at == later


def test_attachment_never_changes_the_status() -> None:
    for status in Status:
        s = at_status(status)
        after = apply(s, ev(EventType.ATTACHED, pages=3, at=T0 + timedelta(days=30)))
        assert after.status is status
        assert after.last_event_at == T0 + timedelta(days=30)


def test_at_status_helper_reaches_every_status() -> None:
    assert [at_status(s).status for s in Status] == list(Status)


# -- illegal ------------------------------------------------------------------------------------


def test_return_before_the_result_is_ready() -> None:
    for status in (Status.DUOC_TIEP_NHAN, Status.DANG_XU_LY, Status.YEU_CAU_BO_SUNG):
        with pytest.raises(TransitionError, match="Không thể"):
            apply(at_status(status), ev(EventType.RESULT_RETURNED))


def test_receiving_twice() -> None:
    with pytest.raises(TransitionError):
        apply(received(), ev(EventType.RECEIVED, RECEIVED_PAYLOAD, code="OTHER"))
    # Status 5 after reception (asked by the counter or by the department) is not a second
    # chance to receive: that would replace the dossier's code.
    for pending in (
        apply(received(), ev(EventType.SUPPLEMENT_REQUESTED)),
        apply(received(), progress(5)),
    ):
        assert pending.status is Status.YEU_CAU_BO_SUNG
        with pytest.raises(TransitionError, match="đã được tiếp nhận"):
            apply(pending, ev(EventType.RECEIVED, RECEIVED_PAYLOAD, code="OTHER"))


@pytest.mark.parametrize("target", [10, 1, 2, 3, 7, 0, 11, "abc", None, "", [4]])
def test_department_cannot_move_to_other_statuses(target: Any) -> None:
    payload = {} if target is None else {"status": target}
    with pytest.raises(TransitionError):
        apply(received(), ev(EventType.DEPARTMENT_PROGRESS, payload))


def test_department_progress_needs_an_active_dossier() -> None:
    for status in (Status.MOI_DANG_KY, Status.DA_XU_LY_XONG, *FINAL):
        with pytest.raises(TransitionError):
            apply(at_status(status), progress(4))


@pytest.mark.parametrize("status", FINAL)
def test_final_statuses_accept_only_attachments(status: Status) -> None:
    s = at_status(status)
    assert s.status.is_final
    for type_ in EventType:
        event = progress(4) if type_ is EventType.DEPARTMENT_PROGRESS else ev(type_)
        if type_ is EventType.ATTACHED or (
            # a fee is paid back when the service was not delivered (QĐ 08/2018 Điều 8.2.c)
            type_ is EventType.REFUNDED and status is not Status.DA_TRA_KET_QUA
        ):
            event = ev(type_, amount=1000) if type_ is EventType.REFUNDED else event
            assert apply(s, event).status is status
        else:
            with pytest.raises(TransitionError):
                apply(s, event)


def test_only_the_four_final_statuses_are_final() -> None:
    assert {s for s in Status if s.is_final} == set(FINAL)
    assert [int(s) for s in FINAL] == [3, 7, 8, 10]


def test_events_that_need_an_existing_dossier() -> None:
    creators = {
        EventType.REGISTERED_ONLINE,
        EventType.RECEIVED,
        EventType.REJECTED,
        EventType.SUPPLEMENT_REQUESTED,
    }
    for type_ in EventType:
        if type_ in creators:
            assert apply(None, ev(type_, code="X")).id == "d1"
        else:
            with pytest.raises(TransitionError, match="chưa có hồ sơ"):
                apply(None, ev(type_, status=4))


def test_registered_online_only_creates() -> None:
    with pytest.raises(TransitionError):
        apply(received(), ev(EventType.REGISTERED_ONLINE))
    with pytest.raises(TransitionError):
        apply(at_status(Status.MOI_DANG_KY), ev(EventType.REGISTERED_ONLINE))


def test_rejection_only_before_reception() -> None:
    with pytest.raises(TransitionError):
        apply(received(), ev(EventType.REJECTED))


def test_result_received_needs_an_active_non_paused_dossier() -> None:
    for status in (Status.DUOC_TIEP_NHAN, Status.DANG_XU_LY, Status.YEU_CAU_NGHIA_VU_TAI_CHINH):
        assert apply(at_status(status), ev(EventType.RESULT_RECEIVED)).status == 9
    for status in (Status.MOI_DANG_KY, Status.YEU_CAU_BO_SUNG, Status.DA_XU_LY_XONG):
        with pytest.raises(TransitionError):
            apply(at_status(status), ev(EventType.RESULT_RECEIVED))


# -- random sequences --------------------------------------------------------------------------


@st.composite
def event_specs(draw: st.DrawFn) -> tuple[EventType, dict[str, Any]]:
    type_ = draw(st.sampled_from(list(EventType)))
    payload: dict[str, Any] = {}
    if type_ is EventType.RECEIVED:
        payload = {"code": f"C{draw(st.integers(0, 9))}", "due_at": DUE}
    elif type_ in (EventType.PAID, EventType.REFUNDED):
        payload = {"amount": draw(st.integers(1, 10**6))}
    elif type_ is EventType.FEE_EXEMPTED:
        payload = {"reason": "Miễn lệ phí theo Điều 5"}
    elif type_ is EventType.HANDED_OVER:
        payload = {"unit": "Phòng Tư pháp"}
    elif type_ is EventType.SENT_BY_POST and draw(st.booleans()):
        payload = {"tracking": "EB123456785VN"}  # without one, refused
    elif type_ is EventType.DEPARTMENT_PROGRESS:
        status = draw(st.one_of(st.integers(0, 11), st.just("x"), st.none()))
        if status is not None:
            payload["status"] = status
    if type_ in (EventType.RESCHEDULED, EventType.DEPARTMENT_PROGRESS) or (
        type_ is EventType.SUPPLEMENT_RECEIVED and draw(st.booleans())
    ):
        payload["due_at"] = DUE + timedelta(days=draw(st.integers(0, 10)))
    return type_, payload


def expected_status(state: DossierState | None, event: Event) -> Status:
    sources, target = TRANSITIONS[event.type]
    current = state.status if state is not None else None
    assert current in sources
    if event.type is EventType.DEPARTMENT_PROGRESS:
        target = Status(int(event.payload["status"]))
        assert target in DEPARTMENT_TARGETS
    if target is None:
        assert state is not None
        return state.status
    return target


@settings(max_examples=examples(4 / 3), deadline=None)
@given(st.lists(event_specs(), max_size=30))
def test_random_event_sequences(specs: list[tuple[EventType, dict[str, Any]]]) -> None:
    state: DossierState | None = None
    accepted: list[Event] = []
    at = T0
    for type_, payload in specs:
        at += timedelta(hours=1)
        event = ev(type_, payload, at=at)
        before = state
        current = state.status if state is not None else None
        try:
            state = apply(state, event)
        except TransitionError:
            assert state is before
            with pytest.raises(TransitionError):
                target_status(before, event)
            # Final statuses refuse everything but attachments.
            assert not (current is not None and current.is_final and type_ is EventType.ATTACHED)
            continue
        accepted.append(event)
        assert state.status == expected_status(before, event)
        assert state.last_event_at == at
        if before is not None and before.status.is_final:
            # attachments, and a refund when the service was not delivered
            assert type_ in (EventType.ATTACHED, EventType.REFUNDED)
            assert state.status is before.status
        # Once set, the code and the reception time never change.
        if before is not None and before.code is not None:
            assert state.code == before.code
            assert state.received_at == before.received_at
        # Bookkeeping follows the status.
        # The clock only stops for a received dossier, and resumes on the supplement.
        assert state.paused_at is None or state.received_at is not None
        if type_ is EventType.SUPPLEMENT_RECEIVED:
            assert state.paused_at is None
        assert (state.returned_at is not None) == (state.status is Status.DA_TRA_KET_QUA)
        if state.status in (Status.DA_XU_LY_XONG, Status.DA_TRA_KET_QUA):
            assert state.finished_at is not None
        if state.status is not Status.MOI_DANG_KY and state.code is None:
            assert state.received_at is None
        assert all(a < b for a, b in state.pauses)
    assert fold(accepted) == state


def test_department_supplement_request_stops_and_restarts_the_clock() -> None:
    from datetime import datetime as _dt

    from desktop.domain.dossier import DossierState, Event, EventType, Status, apply

    received = DossierState(
        id="d",
        status=Status.DANG_XU_LY,
        code="X",
        received_at=_dt(2023, 10, 27, 9, 0),
        due_at=_dt(2023, 11, 3, 9, 0),
    )

    def dept(status: int, at: _dt) -> Event:
        return Event(
            id=f"e{status}",
            dossier_id="d",
            type=EventType.DEPARTMENT_PROGRESS,
            payload={"status": status},
            occurred_at=at,
            officer="s",
            counter="S",
            seq=1,
        )

    paused = apply(received, dept(5, _dt(2023, 10, 30, 8, 0)))
    assert paused.status is Status.YEU_CAU_BO_SUNG and paused.paused_at == _dt(2023, 10, 30, 8)
    resumed = apply(paused, dept(4, _dt(2023, 10, 31, 8, 0)))
    assert resumed.paused_at is None
    assert resumed.pauses == ((_dt(2023, 10, 30, 8), _dt(2023, 10, 31, 8)),)
