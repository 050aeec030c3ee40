"""Writing an event: the dossier row, the event and its outbox row in the caller's transaction.

This is the only place that changes a dossier's status, so the row always equals the fold of its
events (a test folds the stored events and compares).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from uuid6 import uuid7

from desktop.domain.dossier import DossierState, Event, EventType, Status, apply
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.models import Dossier, EventRow, OutboxRow, Payment, Rating, Sequence
from desktop.store.sync import outbound as sync_outbound

EVENT_SEQ = "event_seq"


def bump(session: Session, name: str) -> int:
    row = session.get(Sequence, name)
    if row is None:
        row = Sequence(name=name, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return row.value


def state_of(row: Dossier) -> DossierState:
    return DossierState(
        id=row.id,
        status=Status(row.status),
        code=row.code,
        procedure_code=row.procedure_code,
        received_at=row.received_at,
        due_at=row.due_at,
        finished_at=row.finished_at,
        returned_at=row.returned_at,
        paused_at=row.paused_at,
        pauses=tuple((datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in row.pauses),
        last_event_at=row.updated_at,
        submitted_at=row.submitted_at,
        checked_at=row.checked_at,
        handed_over_at=row.handed_over_at,
        handover_unit=row.handover_unit,
        fee_paid=row.fee_paid or 0,
        fee_exempt_reason=row.fee_exempt_reason,
        rating_reception=row.rating_reception,
        rating_return=row.rating_return,
        post_tracking=row.post_tracking,
        posted_at=row.posted_at,
        post_delivered_at=row.post_delivered_at,
    )


def _store_state(row: Dossier, state: DossierState) -> None:
    row.status = int(state.status)
    row.code = state.code
    row.received_at = state.received_at
    row.due_at = state.due_at
    row.finished_at = state.finished_at
    row.returned_at = state.returned_at
    row.paused_at = state.paused_at
    row.pauses = [[a.isoformat(), b.isoformat()] for a, b in state.pauses]
    row.submitted_at = state.submitted_at
    row.checked_at = state.checked_at
    row.handed_over_at = state.handed_over_at
    row.handover_unit = state.handover_unit
    row.fee_paid = state.fee_paid
    row.fee_exempt_reason = state.fee_exempt_reason
    row.rating_reception = state.rating_reception
    row.rating_return = state.rating_return
    row.post_tracking = state.post_tracking
    row.posted_at = state.posted_at
    row.post_delivered_at = state.post_delivered_at
    if state.last_event_at:
        row.updated_at = state.last_event_at


def _payment(
    session: Session, ev: EventRow, dossier_id: str, type_: EventType, p: dict[str, Any]
) -> None:
    """The payments list the day close and the fee receipts read, beside the event."""
    receipt = p.get("receipt_no")
    session.add(
        Payment(
            event_id=ev.id,
            dossier_id=dossier_id,
            kind="payment" if type_ is EventType.PAID else "refund",
            method=str(p.get("method", "cash"))[:10],
            amount=int(p["amount"]),
            receipt_no=str(receipt)[:40] if receipt else None,
            reference=str(p["reference"])[:100] if p.get("reference") else None,
            reason=str(p["reason"])[:2000] if p.get("reason") else None,
            officer=ev.officer,
            counter=ev.counter,
            at=ev.occurred_at,
        )
    )


def _rating(session: Session, ev: EventRow, dossier_id: str, p: dict[str, Any]) -> None:
    """The ratings the statistics count, beside the event (the fold checked stage and level)."""
    comment = p.get("comment")
    session.add(
        Rating(
            event_id=ev.id,
            dossier_id=dossier_id,
            stage=str(p["stage"]),
            level=int(p["level"]),
            served_by=str(p.get("served_by") or ev.officer)[:60],
            officer=ev.officer,
            counter=ev.counter,
            comment=str(comment)[:2000] if comment else None,
            at=ev.occurred_at,
        )
    )


def _jsonable(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in payload.items()}


def record(
    session: Session,
    ctx: CounterContext,
    row: Dossier,
    type_: EventType,
    payload: dict[str, Any],
    officer: str,
    *,
    at: datetime | None = None,
    new: bool = False,
    origin: str = "counter",
    event_id: str | None = None,
    counter: str | None = None,
) -> EventRow:
    """Apply one event to ``row`` (a fresh, unsaved row when ``new``).

    The counter's own events (``origin="counter"``) are queued in the outbox; events pulled
    from the server (``"server"``, or ``"remote"`` for another counter's) are only recorded,
    under their own id, since the server has them already.
    """
    at = at or local_now()
    before = None if new else state_of(row)
    payload = _jsonable(payload)
    event = Event(
        id=event_id or str(uuid7()),
        dossier_id=row.id,
        type=type_,
        payload=payload,
        occurred_at=at,
        officer=officer,
        counter=counter if counter is not None else ctx.counter,
        seq=0,
    )
    after = apply(before, event)  # raises TransitionError before anything is written
    seq = bump(session, EVENT_SEQ)
    if new:
        row.status = int(after.status)
        session.add(row)
    _store_state(row, after)
    session.flush()
    ev = EventRow(
        id=event.id,
        dossier_id=row.id,
        type=type_.value,
        payload=payload,
        occurred_at=at,
        officer=officer,
        counter=event.counter,
        seq=seq,
        origin=origin,
    )
    session.add(ev)
    session.flush()
    if type_ in (EventType.PAID, EventType.REFUNDED):
        _payment(session, ev, row.id, type_, payload)
    elif type_ is EventType.RATED:
        _rating(session, ev, row.id, payload)
    if origin == "counter":
        # encoded now, while the dossier's state after this event is at hand, so sync sends it
        # without folding the history again; times with a zone are left to that slower path,
        # which reads them back as the database stored them
        times = (at, after.received_at, after.due_at, after.finished_at, after.returned_at)
        wire = (
            sync_outbound.wire(ev.id, row.id, type_.value, seq, at, officer, payload, row, after)
            if sync_outbound.is_wall_clock(*times)
            else None
        )
        if wire is not None:
            # held to the server's own model before the transaction commits (issue 17)
            sync_outbound.check_wire(wire)
        session.add(
            OutboxRow(event_id=ev.id, seq=seq, enqueued_at=at, attempts=0, dead=False, wire=wire)
        )
        # an officer's own action at this counter; what other counters did is not ours to log
        audit.record(
            session, officer, f"dossier.{type_.value}", row.code or row.id, {"event": ev.id}
        )
    return ev
