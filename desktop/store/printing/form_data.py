"""Filling the forms' plain facts from the database and the counter's profile."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import post as post_clock
from desktop.domain.calendar import count_start
from desktop.domain.dossier import EventType, Status
from desktop.domain.fees import Fees, FeeState
from desktop.domain.forms.common import agency_name, datetime_long
from desktop.domain.forms.facts import (
    DocumentLine,
    DossierFacts,
    FeeLine,
    HistoryLine,
    Office,
    TransferFacts,
)
from desktop.domain.office import DEFAULT_NAME, default_authority
from desktop.domain.ontime import classify
from desktop.domain.procedures import Limit
from desktop.domain.qr_token import sign, wrap_url
from desktop.domain.vietqr import VietQrRefused, bank_label, build
from desktop.store.counter import CounterContext
from desktop.store.models import Dossier, EventRow, Officer, ProcedureRow
from desktop.store.payee import load_payee
from desktop.store.sync.device_keys import load_private_key

STEP_LABELS = {
    EventType.REGISTERED_ONLINE.value: "Đăng ký trực tuyến",
    EventType.RECEIVED.value: "Tiếp nhận hồ sơ",
    EventType.REJECTED.value: "Từ chối tiếp nhận",
    EventType.SUPPLEMENT_REQUESTED.value: "Yêu cầu bổ sung hồ sơ",
    EventType.SUPPLEMENT_RECEIVED.value: "Nhận hồ sơ bổ sung",
    EventType.DEPARTMENT_PROGRESS.value: "Phòng chuyên môn cập nhật",
    EventType.RESULT_RECEIVED.value: "Nhận kết quả từ phòng chuyên môn",
    EventType.RESULT_RETURNED.value: "Trả kết quả cho công dân",
    EventType.WITHDRAWN.value: "Công dân rút hồ sơ",
    EventType.RESCHEDULED.value: "Hẹn lại ngày trả kết quả",
    EventType.ATTACHED.value: "Đính kèm giấy tờ",
    EventType.CODE_ASSIGNED.value: "Cấp mã hồ sơ chính thức (thay mã tạm)",
    EventType.HANDED_OVER.value: "Bàn giao hồ sơ cho bộ phận chuyên môn",
    EventType.SENT_BY_POST.value: "Gửi kết quả qua bưu chính",
    EventType.POST_DELIVERED.value: "Bưu chính phát kết quả",
}
# Mẫu 05 writes a hand-over from the receiving unit's side: its name, when it took the dossier
HANDOVER_STEP = "Nhận hồ sơ từ Bộ phận TN&TKQ (bàn giao)"


def office(ctx: CounterContext) -> Office:
    lk = ctx.profile.lookup
    lines = [f"Tra cứu hồ sơ: {lk.portal_url}"]
    if lk.sms_syntax and lk.sms_number:
        lines.append(f"Nhắn tin: {lk.sms_syntax.format(code='<mã hồ sơ>')} gửi {lk.sms_number}")
    if lk.hotline:
        lines.append(f"Tổng đài hỗ trợ: {lk.hotline}")
    lines += list(lk.other_channels[:2])
    # the counter's own office (issue 21, desktop/store/office.py); a context made without one
    # (tests, older callers) prints the province's centre
    return Office(
        parent=ctx.office_parent or default_authority(ctx.profile.province_name),
        name=ctx.office_name or DEFAULT_NAME,
        place=ctx.office_place or ctx.profile.province_name,
        reference_suffix=ctx.office_number_prefix,
        counter=f"Quầy {ctx.counter}",
        phone=lk.hotline or "",
        lookup_lines=tuple(lines),
    )


def qr_text(session: Session, ctx: CounterContext, code: str) -> str:
    """The signed payload, wrapped in the province's look-up URL when it has one."""
    payload = sign(code, load_private_key(session))
    return wrap_url(payload, ctx.profile.lookup.lookup_url_template)


def amount_due(row: Dossier) -> int:
    """What the citizen still owes for the dossier, in đồng: the one place the VietQR's amount
    comes from — the fee less what has been paid (nothing when exempted)."""
    return Fees(row.fee_total, row.fee_paid or 0, row.fee_exempt_reason).outstanding


def fee_state_label(row: Dossier) -> str:
    """Where the fee stands (issue 19): unpaid, partly paid, paid, exempt; empty when none."""
    fees = Fees(row.fee_total, row.fee_paid or 0, row.fee_exempt_reason)
    if fees.state is FeeState.NONE:
        return ""
    if fees.state is FeeState.PARTIAL:
        owed = f"{fees.outstanding:,}".replace(",", ".")
        return f"{fees.state.label_vi}, còn {owed} đồng"
    return fees.state.label_vi


def transfer_facts(session: Session, row: Dossier) -> TransferFacts | None:
    """The fee's VietQR, when the office has a receiving account, something is due and the
    dossier has a code the transfer's content can carry; otherwise the receipt goes without."""
    amount = amount_due(row)
    if amount <= 0 or not row.code:
        return None
    payee = load_payee(session)
    if payee is None:
        return None
    try:
        qr = build(payee.bank_bin, payee.account, amount, row.code)
    except VietQrRefused:
        return None  # e.g. a fee beyond 13 digits: paid at the counter, never a wrong QR
    return TransferFacts(
        payload=qr.payload,
        amount=qr.amount,
        bank=bank_label(payee.bank_bin),
        account=payee.account,
        holder=payee.name,
        purpose=qr.purpose,
    )


def officer_name(session: Session, username: str) -> str:
    name = session.scalar(select(Officer.full_name).where(Officer.username == username))
    return name or username


def dossier_facts(
    session: Session, ctx: CounterContext, row: Dossier, *, with_qr: bool = True
) -> DossierFacts:
    applicant = row.applicant
    data = session.get_one(ProcedureRow, row.procedure_code).data
    delivery = row.result_delivery
    result_at = (
        f"Qua bưu chính công ích, địa chỉ: {delivery.get('address', '')}"
        if delivery.get("method") == "post"
        else f"{agency_name(office(ctx))}, Quầy {ctx.counter}"
    )
    history = history_lines(session, ctx, row)
    returned_to = ""
    for e in row.events:
        if e.type == EventType.RESULT_RETURNED.value:
            r = e.payload.get("receiver", {})
            returned_to = f"{r.get('name', '')} ({r.get('id_number', '')})"
    if row.post_delivered_at is not None:
        returned_to = (
            f"Qua bưu chính công ích, số hiệu {row.post_tracking}, phát lúc "
            f"{datetime_long(row.post_delivered_at)}"
        )
    return DossierFacts(
        code=row.code or "",
        provisional=row.provisional,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        limit_label=Limit.parse(str(data.get("limit", "0"))).label_vi(),
        applicant_name=applicant.get("name", row.applicant_name),
        applicant_id=row.applicant_id_number,
        address=applicant.get("address", ""),
        phone=applicant.get("phone", "") or "",
        email=applicant.get("email", "") or "",
        organisation=(applicant.get("organisation") or {}).get("name", ""),
        documents=tuple(
            DocumentLine(
                d["name"],
                d.get("originals", 0),
                d.get("certified_copies", 0),
                d.get("photocopies", 0),
            )
            for d in row.documents
        ),
        sets=row.sets,
        received_at=row.received_at,
        due_at=row.due_at,
        result_at=result_at,
        fees=tuple(
            FeeLine(f["name"], int(f["amount"]), int(f.get("quantity", 1))) for f in row.fees
        ),
        register_book=row.register_book or "",
        register_seq=row.register_seq,
        officer_name=officer_name(session, row.officer),
        qr_payload=qr_text(session, ctx, row.code) if with_qr and row.code else "",
        status_label=Status(row.status).label_vi,
        history=history,
        returned_to=returned_to,
        transfer=transfer_facts(session, row) if with_qr else None,
        fee_state=fee_state_label(row),
        representative=_representative(applicant),
        counted_from=_counted_from(ctx, row),
    )


def _representative(applicant: dict[str, Any]) -> str:
    """The authorised person who submitted for the applicant (Applicant.representative)."""
    rep = applicant.get("representative") or {}
    name = str(rep.get("name") or "").strip()
    number = str(rep.get("id_number") or "").strip()
    if not name:
        return ""
    return f"{name} (số giấy tờ tùy thân: {number})" if number else name


def _counted_from(ctx: CounterContext, row: Dossier) -> datetime | None:
    """When the clock started, if the profile's cut-off moved it (An Giang QĐ 66/2020 Điều
    15.4: after 16:00 from 07:00 the next working day); None when it did not apply."""
    cutoff = ctx.cutoff
    if row.received_at is None or cutoff is None:
        return None
    moved = count_start(ctx.calendar, row.received_at, row.channel, cutoff)
    plain = count_start(ctx.calendar, row.received_at, row.channel, None)
    return moved if moved != plain else None


def handed_at(event: EventRow) -> datetime:
    """When the dossier changed hands: the payload's local time, else when it was recorded."""
    return _payload_time(event, "handed_at")


_POST_EVENTS = (EventType.SENT_BY_POST.value, EventType.POST_DELIVERED.value)
POST_SENDER = "Bưu chính công ích"
CITIZEN = "Tổ chức, cá nhân"
# steps that carry no deadline of their own: the appointment is set by them, or they end the
# dossier without a result; Mẫu 05's result column stays empty for them
_NO_VERDICT = {
    EventType.REGISTERED_ONLINE.value,
    EventType.RECEIVED.value,
    EventType.REJECTED.value,
    EventType.CODE_ASSIGNED.value,
    EventType.RESCHEDULED.value,
    EventType.WITHDRAWN.value,
}
# from the citizen to the office: the citizen hands over, the officer receives
_FROM_CITIZEN = {
    EventType.REGISTERED_ONLINE.value,
    EventType.RECEIVED.value,
    EventType.SUPPLEMENT_RECEIVED.value,
}
# from the office back to the citizen
_TO_CITIZEN = {
    EventType.REJECTED.value,
    EventType.SUPPLEMENT_REQUESTED.value,
    EventType.RESULT_RETURNED.value,
    EventType.WITHDRAWN.value,
}


def _payload_time(event: EventRow, key: str) -> datetime:
    raw = event.payload.get(key)
    try:
        return datetime.fromisoformat(str(raw)) if raw else event.occurred_at
    except ValueError:
        return event.occurred_at


def _unit_of(session: Session, row: Dossier) -> str:
    """The unit that processes the dossier: the one it was handed to, else the procedure's
    agency as the catalogue names it."""
    if row.handover_unit:
        return row.handover_unit
    data = session.get_one(ProcedureRow, row.procedure_code).data or {}
    return str(data.get("agency", "")).split(" (", 1)[0] or "Cơ quan giải quyết"


def history_lines(session: Session, ctx: CounterContext, row: Dossier) -> tuple[HistoryLine, ...]:
    """The dossier's steps for Mẫu 05 (Thông tư 01/2018/TT-VPCP): in the first column the
    agency or unit that handed over and the one that received, never an officer's username;
    the two people who sign; the verdict against the appointment in force when the step
    happened (a reschedule, Mẫu 04, moves it for the steps after it)."""
    ours = agency_name(office(ctx))
    unit = _unit_of(session, row)
    due: datetime | None = None
    lines: list[HistoryLine] = []
    for e in row.events:
        if e.type == EventType.ATTACHED.value:
            continue
        p = e.payload
        if p.get("due_at") and e.type != EventType.RESCHEDULED.value:
            due = _payload_time(e, "due_at")  # reception, a supplement or the department
        line = _step(session, row, e, ours, unit)
        if due is not None and e.type not in _NO_VERDICT and not line.verdict:
            line = replace(line, verdict=classify(due, line.at, line.at.date()).label_vi)
        lines.append(line)
        if e.type == EventType.RESCHEDULED.value and p.get("due_at"):
            due = _payload_time(e, "due_at")
    return tuple(lines)


def _step(session: Session, row: Dossier, e: EventRow, ours: str, unit: str) -> HistoryLine:
    who = officer_name(session, e.officer)
    label = STEP_LABELS.get(e.type, e.type)
    note = _history_note(e.type, e.payload)
    applicant = str(row.applicant.get("name", row.applicant_name))
    if e.type == EventType.HANDED_OVER.value:
        counter = f", quầy {e.counter}" if e.counter else ""
        return HistoryLine(
            at=handed_at(e),
            step=HANDOVER_STEP,
            by=who,
            note=f"Người giao: {who}{counter}",
            giver_unit=ours,
            receiver_unit=str(e.payload.get("unit", "")) or unit,
        )
    if e.type in _POST_EVENTS:
        return _post_line(session, row, e, ours, who)
    if e.type in _FROM_CITIZEN:
        return HistoryLine(e.occurred_at, label, applicant, note, CITIZEN, ours, receiver=who)
    if e.type in _TO_CITIZEN:
        receiver = ""
        if e.type == EventType.RESULT_RETURNED.value:
            r = e.payload.get("receiver") or {}
            receiver = str(r.get("name", "")) if isinstance(r, dict) else ""
        return HistoryLine(e.occurred_at, label, who, note, ours, CITIZEN, receiver=receiver)
    if e.type == EventType.RESULT_RECEIVED.value:
        # the unit gives the result back; its officer signs by hand, ours received it
        return HistoryLine(e.occurred_at, label, "", note, unit, ours, receiver=who)
    if e.type == EventType.DEPARTMENT_PROGRESS.value:
        return HistoryLine(e.occurred_at, label, "", note, unit, unit)
    return HistoryLine(e.occurred_at, label, who, note, ours, ours)


def _post_line(session: Session, row: Dossier, event: EventRow, ours: str, who: str) -> HistoryLine:
    """The result by post on Mẫu 05 (issue 20): handed to the post with its S10 number and the
    24-hour deadline; delivered, on time or late against those 24 hours (An Giang QĐ 66/2020
    Điều 26.2). The post's own receipt carries its signatures (Mẫu 05's footnote)."""
    if event.type == EventType.SENT_BY_POST.value:
        sent = _payload_time(event, "sent_at")
        due = post_clock.post_due(sent)
        return HistoryLine(
            at=sent,
            step=STEP_LABELS[event.type],
            by=who,
            note=f"Số hiệu bưu gửi {event.payload.get('tracking', '')}; "
            f"hạn phát {due:%H:%M %d/%m/%Y}",
            giver_unit=ours,
            receiver_unit=POST_SENDER,
        )
    delivered = _payload_time(event, "delivered_at")
    if row.posted_at is None:
        verdict, note = "", ""
    elif post_clock.delivered_on_time(row.posted_at, delivered):
        verdict, note = "Đúng hạn", "Đúng hạn 24 giờ"
    else:
        late = post_clock.hours_and_minutes(post_clock.late_by(row.posted_at, delivered))
        verdict, note = "Quá hạn", f"Quá hạn 24 giờ (trễ {late})"
    return HistoryLine(
        at=delivered,
        step=STEP_LABELS[event.type],
        by="",
        note=f"{note}; người ghi nhận: {who}".lstrip("; "),
        giver_unit=POST_SENDER,
        receiver_unit=CITIZEN,
        verdict=verdict,
    )


def _history_note(type_: str, payload: dict[str, object]) -> str:
    if type_ == EventType.DEPARTMENT_PROGRESS.value:
        try:
            return Status(int(str(payload.get("status")))).label_vi
        except ValueError:
            return ""
    reason = payload.get("reason")
    return str(reason) if reason else ""


# -- the register book (Mẫu 06) -------------------------------------------------------------------


def original_appointments(session: Session, dossier_ids: list[str]) -> dict[str, datetime]:
    """The first appointment of every dossier among ``dossier_ids`` that was rescheduled since
    (Mẫu 04): the ``previous_due_at`` of its first reschedule, so the book keeps the appointment
    the citizen was first given beside the new one."""
    found: dict[str, datetime] = {}
    for chunk in range(0, len(dossier_ids), 500):
        events = session.scalars(
            select(EventRow)
            .where(
                EventRow.type == EventType.RESCHEDULED.value,
                EventRow.dossier_id.in_(dossier_ids[chunk : chunk + 500]),
            )
            .order_by(EventRow.seq)
        )
        for e in events:
            if e.dossier_id not in found and e.payload.get("previous_due_at"):
                found[e.dossier_id] = _payload_time(e, "previous_due_at")
    return found
