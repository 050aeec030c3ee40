"""Printing the counter's forms: A4 PDF files and thermal slips through the print spool.

Counter printers are configured in ``DATA/printers.json`` (validated on load); every thermal
job goes through the spool in ``DATA/print-spool`` so a printer that is off loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from string import hexdigits

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.dossier import EventType
from desktop.domain.forms.control import control_slip
from desktop.domain.forms.facts import (
    Apology,
    HandoverFacts,
    HandoverLine,
    Refusal,
    RegisterRow,
)
from desktop.domain.forms.handover import handover_slip
from desktop.domain.forms.notices import apology, rejection, supplement_request
from desktop.domain.forms.receipt import receipt
from desktop.domain.forms.register import register_book
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import Dossier, EventRow
from desktop.store.printing.form_data import (
    dossier_facts,
    handed_at,
    office,
    officer_name,
    original_appointments,
)
from printing.connections import PrinterConfigError, PrinterSettings, PrinterUnavailable
from printing.escpos_job import encode
from printing.slip import Document
from printing.spool import Job, Spool

PRINTERS_FILE = "printers.json"


class NoticeKind(StrEnum):
    SUPPLEMENT = "supplement"  # Mẫu 02
    REJECTION = "rejection"  # Mẫu 03
    APOLOGY = "apology"  # Mẫu 04


_NOTICES: dict[NoticeKind, tuple[EventType, Callable[..., Document], str]] = {
    NoticeKind.SUPPLEMENT: (
        EventType.SUPPLEMENT_REQUESTED,
        supplement_request,
        "chưa có yêu cầu bổ sung nào",
    ),
    NoticeKind.REJECTION: (EventType.REJECTED, rejection, "không bị từ chối tiếp nhận"),
    NoticeKind.APOLOGY: (EventType.RESCHEDULED, apology, "chưa được hẹn lại ngày trả kết quả"),
}


def spool(ctx: CounterContext) -> Spool:
    return Spool(ctx.data_dir / "print-spool")


def load_printer(data_dir: Path) -> PrinterSettings | None:
    path = data_dir / PRINTERS_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return PrinterSettings(**raw["default"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PrinterConfigError(f"Tệp cấu hình máy in {path} không hợp lệ: {exc}") from None


def save_printer(data_dir: Path, settings: PrinterSettings) -> None:
    path = data_dir / PRINTERS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"default": asdict(settings)}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    tmp.replace(path)


def receipt_document(db: Database, ctx: CounterContext, code: str) -> tuple[Document, str]:
    with db.read() as s:
        row = find_dossier(s, code)
        if row.code is None or row.received_at is None:
            raise ActionError("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận")
        facts = dossier_facts(s, ctx, row)
    return receipt(office(ctx), facts, now=local_now()), facts.code


def _latest(row: Dossier, type_: EventType) -> EventRow | None:
    found = [e for e in row.events if e.type == type_.value]
    return found[-1] if found else None


def notice_document(
    db: Database, ctx: CounterContext, ref: str, kind: NoticeKind
) -> tuple[Document, str]:
    """Mẫu 02 (supplement), 03 (rejection) or 04 (apology) for a dossier, from the event that
    recorded it: the reason, the documents to add, the new appointment."""
    event_type, build, missing_what = _NOTICES[kind]
    with db.read() as s:
        row = find_dossier(s, ref)
        event = _latest(row, event_type)
        if event is None:
            raise ActionError(f"Hồ sơ {row.code or row.id} {missing_what}")
        facts = replace(
            dossier_facts(s, ctx, row, with_qr=False), officer_name=officer_name(s, event.officer)
        )
        payload = event.payload
        reason = str(payload.get("reason", ""))
        if kind is NoticeKind.APOLOGY:
            previous = payload.get("previous_due_at")
            if previous:
                facts = replace(facts, due_at=datetime.fromisoformat(str(previous)))
            extra: Refusal | Apology = Apology(
                reason, datetime.fromisoformat(str(payload["due_at"]))
            )
        else:
            extra = Refusal(reason, tuple(str(m) for m in payload.get("missing", ())))
    document = build(office(ctx), facts, extra, now=local_now())
    return document, facts.code or row.id


def fee_receipt_document(
    db: Database, ctx: CounterContext, receipt_no: str
) -> tuple[Document, str]:
    """The fee receipt (or refund receipt) numbered ``receipt_no``, from its event."""
    from desktop.domain.fees import Method
    from desktop.domain.forms.fee_receipt import FeeLine, FeeReceiptFacts, fee_receipt
    from desktop.store.models import Payment

    wanted = receipt_no.strip().upper()
    with db.read() as s:
        pay = s.scalar(select(Payment).where(Payment.receipt_no == wanted))
        if pay is None:
            raise ActionError(
                f"Không có biên lai số {wanted}", code="fee_receipt_not_found", receipt=wanted
            )
        row = s.get(Dossier, pay.dossier_id)
        event = s.get(EventRow, pay.event_id)
        assert row is not None and event is not None
        # what was still to pay just after this payment: the fee less every earlier payment
        earlier = [
            p for p in s.scalars(select(Payment).where(Payment.dossier_id == row.id))
            if (p.at, p.event_id) <= (pay.at, pay.event_id)
        ]  # fmt: skip
        paid = sum(p.amount if p.kind == "payment" else -p.amount for p in earlier)
        lines = tuple(
            FeeLine(str(f.get("name", "")), int(f.get("quantity", 1)), int(f.get("amount", 0)))
            for f in row.fees
            if isinstance(f, dict)
        )
        try:
            method = Method(pay.method).label_vi
        except ValueError:
            method = pay.method
        facts = FeeReceiptFacts(
            receipt_no=wanted,
            refund=pay.kind == "refund",
            at=pay.at,
            code=row.code or row.id,
            procedure_name=row.procedure_name,
            payer_name=row.applicant_name,
            payer_address=str(row.applicant.get("address", "")),
            lines=lines,
            due=row.fee_total,
            amount=pay.amount,
            outstanding=0 if row.fee_exempt_reason else max(0, row.fee_total - paid),
            method_label=method,
            reference=pay.reference,
            reason=pay.reason,
            officer_name=officer_name(s, event.officer),
        )
    return fee_receipt(office(ctx), facts, now=local_now()), wanted


def control_document(db: Database, ctx: CounterContext, code: str) -> tuple[Document, str]:
    with db.read() as s:
        facts = dossier_facts(s, ctx, find_dossier(s, code), with_qr=False)
    return control_slip(office(ctx), facts, now=local_now()), facts.code


def _handover_events(session: Session, handover_id: str) -> list[EventRow]:
    """The hand-over's events, one per dossier (its latest with this id), in the order of the
    dossiers' reception. The dossier rows name their last hand-over; the events also find the
    dossiers handed over again since, so an old record prints as it was signed."""
    ids = set(session.scalars(select(Dossier.id).where(Dossier.handover_id == handover_id)))
    ids.update(
        session.scalars(
            select(EventRow.dossier_id).where(
                EventRow.type == EventType.HANDED_OVER.value,
                EventRow.payload["handover_id"].as_string() == handover_id,
            )
        )
    )
    found: list[EventRow] = []
    for row in session.scalars(select(Dossier).where(Dossier.id.in_(ids))):
        mine = [
            e
            for e in row.events
            if e.type == EventType.HANDED_OVER.value and e.payload.get("handover_id") == handover_id
        ]
        if mine:
            found.append(mine[-1])
    return sorted(
        found, key=lambda e: (e.dossier.received_at or e.occurred_at, e.dossier.code or "")
    )


def _full_handover_id(session: Session, ref: str) -> str:
    """The id as given, or the one hand-over whose printed number ("3F2A9C1E") it is."""
    ref = ref.strip()
    if len(ref) != 8 or any(c not in hexdigits for c in ref):
        return ref
    matches = set(
        session.scalars(
            select(Dossier.handover_id).where(Dossier.handover_id.like(f"{ref.lower()}%"))
        )
    )
    return str(matches.pop()) if len(matches) == 1 else ref


def handover_facts(session: Session, handover_id: str) -> HandoverFacts | None:
    events = _handover_events(session, _full_handover_id(session, handover_id))
    if not events:
        return None
    first = events[0]
    return HandoverFacts(
        handover_id=str(first.payload.get("handover_id", handover_id)),
        unit=str(first.payload.get("unit", "")),
        handed_at=handed_at(first),
        counter=first.counter,
        officer_name=officer_name(session, first.officer),
        lines=tuple(
            HandoverLine(
                code=e.dossier.code or e.dossier.id,
                procedure_name=e.dossier.procedure_name,
                applicant_name=e.dossier.applicant_name,
                received_at=e.dossier.received_at,
                due_at=e.dossier.due_at,
                documents=len(e.dossier.documents),
            )
            for e in events
        ),
    )


def handover_document(db: Database, ctx: CounterContext, handover_id: str) -> tuple[Document, str]:
    """The Phiếu bàn giao hồ sơ of one hand-over (its id, or the number printed on it), and that
    number."""
    with db.read() as s:
        facts = handover_facts(s, handover_id)
    if facts is None:
        raise ActionError(
            f"Không có lần bàn giao hồ sơ nào mang mã {handover_id}",
            code="handover_not_found",
            handover_id=handover_id,
        )
    return handover_slip(office(ctx), facts, now=local_now()), facts.number


def register_document(db: Database, ctx: CounterContext, first: date, last: date) -> Document:
    with db.read() as s:
        rows = s.scalars(
            select(Dossier)
            .where(
                Dossier.received_at >= datetime.combine(first, time.min),
                Dossier.received_at <= datetime.combine(last, time.max),
            )
            .order_by(Dossier.register_book, Dossier.register_seq)
        ).all()
        first_due = original_appointments(s, [r.id for r in rows])
        lines = [
            RegisterRow(
                seq=r.register_seq or 0,
                code=r.code or "",
                procedure_name=r.procedure_name,
                applicant_name=r.applicant_name,
                address=r.applicant.get("address", ""),
                phone=r.applicant_phone or "",
                received_at=r.received_at,
                due_at=r.due_at,
                handed_over_at=r.handed_over_at,
                finished_at=r.finished_at,
                returned_at=r.returned_at,
                note="Mã tạm" if r.provisional else "",
                post_tracking=r.post_tracking or "",
                posted_at=r.posted_at,
                book=r.register_book or "",
                handover_unit=r.handover_unit or "",
                original_due_at=first_due.get(r.id),
            )
            for r in rows
        ]
    label = (
        f"Ngày {first:%d/%m/%Y}"
        if first == last
        else f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
    )
    return register_book(office(ctx), tuple(lines), period_label=label)


def write_pdf(document: Document, out: Path, title: str) -> None:
    from printing.pdf import render_pdf  # reportlab: loaded for the first PDF, not the desk

    data = render_pdf(document.copies, title=title)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ActionError(f"Không ghi được tệp {out}: {exc.strerror}") from None


def print_thermal(
    ctx: CounterContext, document: Document, settings: PrinterSettings, label: str
) -> tuple[Job, str | None]:
    """Queue the job and try to print it now; (job, None) when printed, else the reason."""
    data = encode(document.copies, settings)
    sp = spool(ctx)
    job = sp.submit(settings.uri, data, label)
    # older jobs for this printer go first, so slips come out in the order they were made
    _printed, blocked = sp.drain()
    if settings.uri in blocked:
        return job, blocked[settings.uri]
    return job, None


def retry_queue(ctx: CounterContext) -> tuple[list[Job], dict[str, str]]:
    return spool(ctx).drain()


__all__ = [
    "NoticeKind",
    "PrinterUnavailable",
    "control_document",
    "handover_document",
    "load_printer",
    "notice_document",
    "print_thermal",
    "receipt_document",
    "register_document",
    "retry_queue",
    "save_printer",
    "write_pdf",
]
