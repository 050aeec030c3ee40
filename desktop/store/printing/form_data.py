"""Filling the forms' plain facts from the database and the counter's profile."""

from __future__ import annotations

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
    return Office(
        parent=ctx.office_parent,
        name=ctx.office_name,
        place=ctx.profile.name,
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
    history = tuple(
        _handover_line(session, e)
        if e.type == EventType.HANDED_OVER.value
        else _post_line(session, row, e)
        if e.type in _POST_EVENTS
        else HistoryLine(
            at=e.occurred_at,
            step=STEP_LABELS.get(e.type, e.type),
            by=officer_name(session, e.officer),
            note=_history_note(e.type, e.payload),
        )
        for e in row.events
        if e.type != EventType.ATTACHED.value
    )
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
    raw = event.payload.get("handed_at")
    try:
        return datetime.fromisoformat(str(raw)) if raw else event.occurred_at
    except ValueError:
        return event.occurred_at


def _handover_line(session: Session, event: EventRow) -> HistoryLine:
    """A hand-over on Mẫu 05: the unit that took the dossier, when, and who gave it."""
    counter = f", quầy {event.counter}" if event.counter else ""
    return HistoryLine(
        at=handed_at(event),
        step=HANDOVER_STEP,
        by=str(event.payload.get("unit", "")),
        note=f"Người giao: {officer_name(session, event.officer)}{counter}",
    )


_POST_EVENTS = (EventType.SENT_BY_POST.value, EventType.POST_DELIVERED.value)
POST_SENDER = "Bưu chính công ích"


def _payload_time(event: EventRow, key: str) -> datetime:
    raw = event.payload.get(key)
    try:
        return datetime.fromisoformat(str(raw)) if raw else event.occurred_at
    except ValueError:
        return event.occurred_at


def _post_line(session: Session, row: Dossier, event: EventRow) -> HistoryLine:
    """The result by post on Mẫu 05 (issue 20): handed to the post with its S10 number and the
    24-hour deadline; delivered, on time or late against those 24 hours (An Giang QĐ 66/2020
    Điều 26.2)."""
    who = officer_name(session, event.officer)
    if event.type == EventType.SENT_BY_POST.value:
        sent = _payload_time(event, "sent_at")
        due = post_clock.post_due(sent)
        return HistoryLine(
            at=sent,
            step=STEP_LABELS[event.type],
            by=who,
            note=f"Số hiệu bưu gửi {event.payload.get('tracking', '')}; "
            f"hạn phát {due:%H:%M %d/%m/%Y}",
        )
    delivered = _payload_time(event, "delivered_at")
    if row.posted_at is None:
        verdict = ""
    elif post_clock.delivered_on_time(row.posted_at, delivered):
        verdict = "Đúng hạn 24 giờ"
    else:
        late = post_clock.hours_and_minutes(post_clock.late_by(row.posted_at, delivered))
        verdict = f"Quá hạn 24 giờ (trễ {late})"
    return HistoryLine(
        at=delivered,
        step=STEP_LABELS[event.type],
        by=POST_SENDER,
        note=f"{verdict}; người ghi nhận: {who}".lstrip("; "),
    )


def _history_note(type_: str, payload: dict[str, object]) -> str:
    if type_ == EventType.DEPARTMENT_PROGRESS.value:
        try:
            return Status(int(str(payload.get("status")))).label_vi
        except ValueError:
            return ""
    reason = payload.get("reason")
    return str(reason) if reason else ""
