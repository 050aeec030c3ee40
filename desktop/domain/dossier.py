"""Dossiers, their statuses (the national portal's TrangThaiHoSo codes) and events.

Every change is an event; the dossier is the fold of its events. The transition table below is
the whole state machine: an event is legal only from the statuses it lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from desktop.domain.refusal import Refusal
from desktop.domain.satisfaction import Stage, parse_level


class Status(IntEnum):
    MOI_DANG_KY = 1
    DUOC_TIEP_NHAN = 2
    KHONG_DUOC_TIEP_NHAN = 3
    DANG_XU_LY = 4
    YEU_CAU_BO_SUNG = 5
    YEU_CAU_NGHIA_VU_TAI_CHINH = 6
    CONG_DAN_RUT_HO_SO = 7
    DUNG_XU_LY = 8
    DA_XU_LY_XONG = 9
    DA_TRA_KET_QUA = 10

    @property
    def label_vi(self) -> str:
        return STATUS_LABELS_VI[self]

    @property
    def is_final(self) -> bool:
        return self in (
            Status.KHONG_DUOC_TIEP_NHAN,
            Status.CONG_DAN_RUT_HO_SO,
            Status.DUNG_XU_LY,
            Status.DA_TRA_KET_QUA,
        )


STATUS_LABELS_VI: Mapping[Status, str] = {
    Status.MOI_DANG_KY: "Mới đăng ký",
    Status.DUOC_TIEP_NHAN: "Được tiếp nhận",
    Status.KHONG_DUOC_TIEP_NHAN: "Không được tiếp nhận",
    Status.DANG_XU_LY: "Đang xử lý",
    Status.YEU_CAU_BO_SUNG: "Yêu cầu bổ sung giấy tờ",
    Status.YEU_CAU_NGHIA_VU_TAI_CHINH: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.CONG_DAN_RUT_HO_SO: "Công dân yêu cầu rút hồ sơ",
    Status.DUNG_XU_LY: "Dừng xử lý",
    Status.DA_XU_LY_XONG: "Đã xử lý xong",
    Status.DA_TRA_KET_QUA: "Đã trả kết quả",
}


class EventType(StrEnum):
    REGISTERED_ONLINE = "registered_online"  # server: an online dossier arrives (1)
    RECEIVED = "received"  # counter: tiếp nhận (2)
    REJECTED = "rejected"  # counter: từ chối tiếp nhận, Mẫu 03 (3)
    SUPPLEMENT_REQUESTED = "supplement_requested"  # counter: Mẫu 02 (5), stops the clock
    SUPPLEMENT_RECEIVED = "supplement_received"  # counter: the clock runs again (4)
    DEPARTMENT_PROGRESS = "department_progress"  # server: 4, 5, 6, 8, 9 from the department
    RESULT_RECEIVED = "result_received"  # counter: the result reached the counter (9)
    RESULT_RETURNED = "result_returned"  # counter: handed to the citizen (10)
    WITHDRAWN = "withdrawn"  # counter: the citizen withdraws (7)
    RESCHEDULED = "rescheduled"  # counter: Mẫu 04, new appointment
    ATTACHED = "attached"  # counter: scanned pages added
    CODE_ASSIGNED = "code_assigned"  # server: a real code replaces a provisional one
    HANDED_OVER = "handed_over"  # counter: given to the specialist unit (status unchanged)
    PAID = "paid"  # counter (cash, QR, card) or server (a transfer the bank notified)
    REFUNDED = "refunded"  # counter: fee paid back, the service was not delivered
    FEE_EXEMPTED = "fee_exempted"  # counter: no fee, with the legal reason
    RATED = "rated"  # counter: the citizen's satisfaction, once per stage (status unchanged)
    SENT_BY_POST = "sent_by_post"  # counter: the result handed to the post (status unchanged)
    POST_DELIVERED = "post_delivered"  # counter: the post confirmed delivery (10)


_ACTIVE = frozenset(
    {
        Status.DUOC_TIEP_NHAN,
        Status.DANG_XU_LY,
        Status.YEU_CAU_BO_SUNG,
        Status.YEU_CAU_NGHIA_VU_TAI_CHINH,
    }
)

# event type -> (statuses it may start from, None meaning "no dossier yet"), target status
TRANSITIONS: Mapping[EventType, tuple[frozenset[Status | None], Status | None]] = {
    EventType.REGISTERED_ONLINE: (frozenset({None}), Status.MOI_DANG_KY),
    EventType.RECEIVED: (
        frozenset({None, Status.MOI_DANG_KY, Status.YEU_CAU_BO_SUNG}),
        Status.DUOC_TIEP_NHAN,
    ),
    EventType.REJECTED: (frozenset({None, Status.MOI_DANG_KY}), Status.KHONG_DUOC_TIEP_NHAN),
    EventType.SUPPLEMENT_REQUESTED: (
        frozenset({None, Status.MOI_DANG_KY, Status.DUOC_TIEP_NHAN, Status.DANG_XU_LY}),
        Status.YEU_CAU_BO_SUNG,
    ),
    EventType.SUPPLEMENT_RECEIVED: (frozenset({Status.YEU_CAU_BO_SUNG}), Status.DANG_XU_LY),
    EventType.DEPARTMENT_PROGRESS: (frozenset(_ACTIVE), None),  # target comes from the payload
    EventType.RESULT_RECEIVED: (
        frozenset({Status.DUOC_TIEP_NHAN, Status.DANG_XU_LY, Status.YEU_CAU_NGHIA_VU_TAI_CHINH}),
        Status.DA_XU_LY_XONG,
    ),
    EventType.RESULT_RETURNED: (frozenset({Status.DA_XU_LY_XONG}), Status.DA_TRA_KET_QUA),
    EventType.WITHDRAWN: (frozenset({Status.MOI_DANG_KY} | _ACTIVE), Status.CONG_DAN_RUT_HO_SO),
    EventType.RESCHEDULED: (frozenset(_ACTIVE), None),
    EventType.ATTACHED: (frozenset(Status), None),
    EventType.CODE_ASSIGNED: (frozenset(Status), None),
    # a received dossier goes to the unit that decides it (Kon Tum QĐ 08/2018 Điều 14.4); the
    # department, not the hand-over, moves it on to 4 (đang xử lý)
    EventType.HANDED_OVER: (frozenset(_ACTIVE), None),
    # a fee is paid on a dossier still open or whose result waits (never once returned,
    # refused or withdrawn); refunded when the service was not delivered (Kon Tum QĐ 08/2018
    # Điều 8.2.c); exempted while it is open
    EventType.PAID: (frozenset({Status.MOI_DANG_KY, Status.DA_XU_LY_XONG} | _ACTIVE), None),
    EventType.REFUNDED: (
        frozenset({Status.KHONG_DUOC_TIEP_NHAN, Status.CONG_DAN_RUT_HO_SO, Status.DUNG_XU_LY}),
        None,
    ),
    EventType.FEE_EXEMPTED: (frozenset({Status.MOI_DANG_KY} | _ACTIVE), None),
    # the citizen rates the reception once the counter answered (Mẫu 01, 02 or 03 given) and
    # the return once the result is back (QĐ 921 Điều 17.2; desktop/domain/satisfaction.py)
    EventType.RATED: (frozenset(Status) - {Status.MOI_DANG_KY}, None),
    # a result the citizen asked to receive by post (bưu chính công ích) goes to the post once
    # ready and counts as returned when the post delivers it (An Giang QĐ 66/2020 Điều 26.2)
    EventType.SENT_BY_POST: (frozenset({Status.DA_XU_LY_XONG}), None),
    EventType.POST_DELIVERED: (frozenset({Status.DA_XU_LY_XONG}), Status.DA_TRA_KET_QUA),
}
# What any counter of the receiving agency may do to a dossier another counter received (the
# citizen collects the result wherever it suits them); everything else a counter writes —
# reception, refusal, supplements, withdrawal — is the receiving counter's alone. The server
# enforces the same (sync/server/event_rules.py).
ANY_COUNTER_EVENTS = frozenset(
    {
        EventType.RESULT_RECEIVED,
        EventType.RESULT_RETURNED,
        EventType.RESCHEDULED,
        EventType.ATTACHED,
        # one hand-over record carries the day's dossiers of every counter of the centre
        EventType.HANDED_OVER,
        # the citizen pays, or is paid back, at whichever counter serves them
        EventType.PAID,
        EventType.REFUNDED,
        # the citizen rates the counter that served them; the result goes to the post from
        # whichever counter holds it
        EventType.RATED,
        EventType.SENT_BY_POST,
        EventType.POST_DELIVERED,
    }
)
# what an officer does to an online dossier waiting for its check (status 1): only the counter
# that holds the server's claim on it may (issue 18: never checked twice)
ONLINE_CHECK_EVENTS = frozenset(
    {EventType.RECEIVED, EventType.REJECTED, EventType.SUPPLEMENT_REQUESTED, EventType.WITHDRAWN}
)
DEPARTMENT_TARGETS = frozenset(
    {
        Status.DANG_XU_LY,
        Status.YEU_CAU_BO_SUNG,
        Status.YEU_CAU_NGHIA_VU_TAI_CHINH,
        Status.DUNG_XU_LY,
        Status.DA_XU_LY_XONG,
    }
)


class TransitionError(Refusal, ValueError):
    """An event that the dossier's current status does not allow."""

    code = "transition_not_allowed"


@dataclass(frozen=True)
class Event:
    id: str
    dossier_id: str
    type: EventType
    payload: Mapping[str, Any]
    occurred_at: datetime
    officer: str
    counter: str
    seq: int


@dataclass(frozen=True)
class DossierState:
    id: str
    status: Status
    code: str | None = None
    procedure_code: str | None = None
    received_at: datetime | None = None
    due_at: datetime | None = None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    paused_at: datetime | None = None
    pauses: tuple[tuple[datetime, datetime], ...] = field(default_factory=tuple)
    last_event_at: datetime | None = None
    # online dossiers: when the portal took it, and when an officer first answered it
    submitted_at: datetime | None = None
    checked_at: datetime | None = None
    # the last hand-over to the specialist unit
    handed_over_at: datetime | None = None
    handover_unit: str | None = None
    # fees (issue 19): paid less refunded, in đồng; the reason when exempted
    fee_paid: int = 0
    fee_exempt_reason: str | None = None
    # the citizen's satisfaction (issue 20): the level given at each stage, None until rated
    rating_reception: int | None = None
    rating_return: int | None = None
    # results by post (issue 20): the S10 item number, handed to the post, delivered
    post_tracking: str | None = None
    posted_at: datetime | None = None
    post_delivered_at: datetime | None = None


def _when(payload: Mapping[str, Any], key: str, default: datetime) -> datetime:
    value = payload.get(key)
    if value is None:
        return default
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _amount(payload: Mapping[str, Any]) -> int:
    amount = payload.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise TransitionError("Khoản thu hoặc hoàn trả phí thiếu số tiền hợp lệ")
    return amount


def target_status(state: DossierState | None, event: Event) -> Status:
    """The status ``event`` moves ``state`` to; raises :class:`TransitionError` if illegal."""
    sources, target = TRANSITIONS[event.type]
    current = state.status if state is not None else None
    if current not in sources:
        where = current.label_vi if current is not None else "chưa có hồ sơ"
        raise TransitionError(
            f"Không thể thực hiện '{event.type.value}' khi hồ sơ ở trạng thái: {where}"
        )
    # Status 5 is reached both before reception (Mẫu 02) and after it: only the former may be
    # received (a second reception would replace the code), only the latter resumes processing.
    received = state is not None and state.received_at is not None
    if event.type is EventType.RECEIVED and received:
        raise TransitionError("Hồ sơ đã được tiếp nhận, không thể tiếp nhận lại")
    if event.type is EventType.SUPPLEMENT_RECEIVED and not received:
        raise TransitionError("Hồ sơ chưa được tiếp nhận: hãy tiếp nhận hồ sơ thay vì nhận bổ sung")
    if event.type is EventType.CODE_ASSIGNED and not (
        state is not None and state.code and str(event.payload.get("code", "")).strip()
    ):
        raise TransitionError("Chỉ hồ sơ đã có mã tạm mới được cấp mã chính thức")
    if event.type is EventType.RATED:
        _check_rating(state, event)
    if event.type is EventType.SENT_BY_POST and not str(event.payload.get("tracking") or ""):
        raise TransitionError("Gửi kết quả qua bưu chính thiếu số hiệu bưu gửi")
    if event.type is EventType.SENT_BY_POST and state is not None and state.posted_at:
        raise TransitionError("Kết quả đã được gửi qua bưu chính")
    if event.type is EventType.POST_DELIVERED and not (state is not None and state.posted_at):
        raise TransitionError("Kết quả chưa được gửi qua bưu chính")
    if event.type is EventType.DEPARTMENT_PROGRESS:
        try:
            target = Status(int(event.payload["status"]))
        except (KeyError, ValueError, TypeError):
            raise TransitionError("Cập nhật từ phòng chuyên môn thiếu trạng thái hợp lệ") from None
        if target not in DEPARTMENT_TARGETS:
            raise TransitionError(f"Phòng chuyên môn không thể chuyển hồ sơ sang {target.label_vi}")
    if target is None:
        assert state is not None
        return state.status
    return target


def _check_rating(state: DossierState | None, event: Event) -> None:
    stage, level = event.payload.get("stage"), parse_level(event.payload.get("level"))
    if level is None:
        raise TransitionError("Mức đánh giá phải là một số từ 1 đến 5")
    if stage == Stage.RETURN:
        if state is None or state.status is not Status.DA_TRA_KET_QUA:
            raise TransitionError("Chỉ đánh giá việc trả kết quả khi hồ sơ đã trả kết quả")
        if state.rating_return is not None:
            raise TransitionError("Người dân đã đánh giá việc trả kết quả của hồ sơ này")
    elif stage == Stage.RECEPTION:
        assert state is not None  # RATED never starts a dossier (TRANSITIONS)
        if state.rating_reception is not None:
            raise TransitionError("Người dân đã đánh giá việc tiếp nhận hồ sơ này")
    else:
        raise TransitionError("Đánh giá thiếu bước được đánh giá (tiếp nhận hoặc trả kết quả)")


def apply(state: DossierState | None, event: Event) -> DossierState:
    """The dossier after ``event``; pure, so folding stored events rebuilds the row."""
    status = target_status(state, event)
    p = event.payload
    at = event.occurred_at
    s = state if state is not None else DossierState(id=event.dossier_id, status=status)
    s = replace(s, status=status, last_event_at=at)
    t = event.type
    if (
        t
        in (
            EventType.RECEIVED,
            EventType.REGISTERED_ONLINE,
            EventType.REJECTED,
            EventType.SUPPLEMENT_REQUESTED,
        )
        and "procedure" in p
    ):
        s = replace(s, procedure_code=str(p["procedure"]))
    if (
        state is not None
        and state.status is Status.MOI_DANG_KY
        and t in (EventType.RECEIVED, EventType.REJECTED, EventType.SUPPLEMENT_REQUESTED)
    ):
        # the first answer to an online dossier: accepted, refused or sent back for papers
        s = replace(s, checked_at=at)
    if t is EventType.REGISTERED_ONLINE:
        code = str(p["code"]) if p.get("code") else s.code
        s = replace(s, code=code, submitted_at=_when(p, "submitted_at", at), checked_at=None)
    elif t is EventType.HANDED_OVER:
        unit = str(p.get("unit") or "").strip()
        if not unit:
            raise TransitionError("Bàn giao hồ sơ thiếu tên đơn vị nhận")
        s = replace(s, handed_over_at=_when(p, "handed_at", at), handover_unit=unit)
    elif t is EventType.PAID:
        s = replace(s, fee_paid=s.fee_paid + _amount(p))
    elif t is EventType.REFUNDED:
        s = replace(s, fee_paid=s.fee_paid - _amount(p))
    elif t is EventType.FEE_EXEMPTED:
        s = replace(s, fee_exempt_reason=str(p["reason"]))
    elif t is EventType.RATED:
        level = int(p["level"])
        if p["stage"] == Stage.RETURN:
            s = replace(s, rating_return=level)
        else:
            s = replace(s, rating_reception=level)
    elif t is EventType.SENT_BY_POST:
        s = replace(s, post_tracking=str(p["tracking"]), posted_at=_when(p, "sent_at", at))
    elif t is EventType.POST_DELIVERED:
        delivered = _when(p, "delivered_at", at)
        s = replace(s, post_delivered_at=delivered, returned_at=delivered)
    if t is EventType.RECEIVED:
        s = replace(
            s,
            code=str(p["code"]),
            received_at=_when(p, "received_at", at),
            due_at=_when(p, "due_at", at),
            paused_at=None,
        )
    elif t is EventType.SUPPLEMENT_REQUESTED and s.received_at is not None:
        s = replace(s, paused_at=_when(p, "requested_at", at))
    elif t is EventType.SUPPLEMENT_RECEIVED:
        resumed = _when(p, "supplied_at", at)
        pauses = (*s.pauses, (s.paused_at, resumed)) if s.paused_at else s.pauses
        due = _when(p, "due_at", at) if p.get("due_at") is not None else s.due_at
        s = replace(s, paused_at=None, pauses=pauses, due_at=due)
    elif t is EventType.CODE_ASSIGNED:
        s = replace(s, code=str(p["code"]))
    elif t is EventType.RESCHEDULED or (t is EventType.DEPARTMENT_PROGRESS and "due_at" in p):
        s = replace(s, due_at=_when(p, "due_at", at))
    if t is EventType.DEPARTMENT_PROGRESS and status is Status.YEU_CAU_BO_SUNG:
        # the department asks for a supplement: the clock stops as at the counter
        if s.received_at is not None and s.paused_at is None:
            s = replace(s, paused_at=at)
    elif s.paused_at is not None and status is not Status.YEU_CAU_BO_SUNG:
        # left status 5 some other way (department, withdrawal): close the pause
        s = replace(s, paused_at=None, pauses=(*s.pauses, (s.paused_at, at)))
    if status is Status.DA_XU_LY_XONG and s.finished_at is None:
        s = replace(s, finished_at=_when(p, "finished_at", at))
    if t is EventType.RESULT_RETURNED:
        s = replace(s, returned_at=_when(p, "returned_at", at))
    return s


def fold(events: Iterable[Event]) -> DossierState | None:
    state: DossierState | None = None
    for e in events:
        state = apply(state, e)
    return state
