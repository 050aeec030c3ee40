"""The outbox as the sync engine reads it: the counter's events in sequence order, each with the
dossier as it stood right after that event, and the attachments they reference."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from desktop.domain.codes import is_provisional
from desktop.domain.dossier import DossierState, Event, EventType, apply
from desktop.domain.refusal import Refusal
from desktop.domain.validation import describe_errors
from desktop.store.clock import local_now
from desktop.store.models import Attachment, Dossier, EventRow, OutboxRow
from sync.engine import PendingEvent
from sync.protocol import EventResult, PushedSummary, WireEvent


def _pending() -> Any:
    return (OutboxRow.acked_at.is_(None)) & (OutboxRow.dead.is_(False))


def max_pending_seq(session: Session) -> int | None:
    return session.scalar(select(func.max(OutboxRow.seq)).where(_pending()))


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxRow).where(_pending())) or 0


def dead_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.dead)) or 0


def domain_event(e: EventRow | Row[Any]) -> Event:
    """An event as the domain folds it, from its ORM row or a row of its columns."""
    return Event(
        id=e.id,
        dossier_id=e.dossier_id,
        type=EventType(e.type),
        payload=e.payload,
        occurred_at=e.occurred_at,
        officer=e.officer,
        counter=e.counter,
        seq=e.seq,
    )


def summary(row: Any, state: DossierState) -> PushedSummary:
    """The dossier after an event, built without re-validation: every value came out of the
    counter's own database, where it was validated on the way in."""
    a = row.applicant
    return PushedSummary.model_construct(
        code=state.code,
        provisional=bool(state.code) and is_provisional(state.code or ""),
        status=int(state.status),
        procedure=row.procedure_code,
        procedure_name=row.procedure_name[:1000],
        channel=row.channel,
        received_at=state.received_at,
        due_at=state.due_at,
        finished_at=state.finished_at,
        returned_at=state.returned_at,
        applicant_name=row.applicant_name,
        applicant_id=row.applicant_id_number,
        applicant_phone=row.applicant_phone,
        applicant_address=(a.get("address") or None),
        applicant_email=(a.get("email") or None),
        fee_total=row.fee_total,
    )


_EVENT_COLUMNS = (
    EventRow.id,
    EventRow.dossier_id,
    EventRow.type,
    EventRow.payload,
    EventRow.occurred_at,
    EventRow.officer,
    EventRow.counter,
    EventRow.seq,
)


def wire(
    event_id: str,
    dossier_id: str,
    type_: str,
    seq: int,
    occurred_at: datetime,
    officer: str,
    payload: dict[str, Any],
    dossier: Any,
    state: DossierState,
) -> bytes:
    """The event as a push request carries it, with the dossier as it stood right after it.

    Built without re-validation: every value came out of the counter's own database or was
    validated on its way in."""
    blobs = [str(payload["sha256"])] if type_ == EventType.ATTACHED.value else []
    return (
        WireEvent.model_construct(
            id=UUID(event_id),
            dossier_id=UUID(dossier_id),
            type=type_,
            seq=seq,
            occurred_at=occurred_at,
            officer=officer,
            payload=payload,
            blobs=blobs,
            after=summary(dossier, state),
        )
        .model_dump_json()
        .encode()
    )


class Unsendable(Refusal, ValueError):
    """An event the server would refuse (sync/protocol.py's limits and text rule): refused before
    it is written, so no receipt is printed for a dossier that could only become a dead letter."""

    code = "event_unsendable"


def check_wire(wire: bytes) -> None:
    """Validate an event exactly as the server will (the same pydantic model)."""
    try:
        WireEvent.model_validate_json(wire)
    except ValidationError as exc:
        raise Unsendable(
            f"Máy chủ tỉnh sẽ không nhận hồ sơ này, chưa ghi gì: {describe_errors(exc)}"
        ) from None


def is_wall_clock(*times: datetime | None) -> bool:
    """Whether these times are stored as they are (naive local wall-clock times)."""
    return all(t is None or t.tzinfo is None for t in times)


def pending_events(session: Session, limit: int, up_to: int, after: int = 0) -> list[PendingEvent]:
    """The next ``limit`` unsent events, as they go on the wire.

    Events are encoded when they are recorded (``OutboxRow.wire``); only those queued before
    that existed are encoded here, from their dossier's history."""
    rows = session.execute(
        select(OutboxRow.seq, OutboxRow.event_id, OutboxRow.wire)
        .where(_pending(), OutboxRow.seq > after, OutboxRow.seq <= up_to)
        .order_by(OutboxRow.seq)
        .limit(limit)
    ).all()
    late = [r.event_id for r in rows if r.wire is None]
    encoded = _encode_from_history(session, late) if late else {}
    return [
        PendingEvent(
            seq=r.seq,
            id=UUID(r.event_id),
            wire=r.wire if r.wire is not None else encoded[r.event_id],
        )
        for r in rows
    ]


def _encode_from_history(session: Session, event_ids: list[str]) -> dict[str, bytes]:
    """Encode events whose wire form was not stored, folding their dossiers' histories."""
    rows = session.execute(
        select(EventRow.id, EventRow.dossier_id, EventRow.seq).where(EventRow.id.in_(event_ids))
    ).all()
    dossier_ids = {r.dossier_id for r in rows}
    dossiers = {
        d.id: d
        for d in session.execute(
            select(
                Dossier.id,
                Dossier.procedure_code,
                Dossier.procedure_name,
                Dossier.channel,
                Dossier.applicant_name,
                Dossier.applicant_id_number,
                Dossier.applicant_phone,
                Dossier.applicant,
                Dossier.fee_total,
            ).where(Dossier.id.in_(dossier_ids))
        )
    }
    wanted = {r.id for r in rows}
    out: dict[str, bytes] = {}
    folded: dict[str, DossierState | None] = {}
    history = session.execute(
        select(*_EVENT_COLUMNS)
        .where(EventRow.dossier_id.in_(dossier_ids))
        .order_by(EventRow.dossier_id, EventRow.seq)
    )
    for e in history:
        state = apply(folded.get(e.dossier_id), domain_event(e))
        folded[e.dossier_id] = state
        if e.id in wanted:
            out[e.id] = wire(
                e.id,
                e.dossier_id,
                e.type,
                e.seq,
                e.occurred_at,
                e.officer,
                e.payload,
                dossiers[e.dossier_id],
                state,
            )
    return out


def mark_pushed(session: Session, results: Sequence[tuple[int, EventResult]]) -> None:
    now = local_now()
    done = [seq for seq, r in results if r.outcome in ("applied", "duplicate")]
    if done:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.seq.in_(done))
            .values(acked_at=now, attempts=OutboxRow.attempts + 1, last_error=None)
        )
    for seq, r in results:
        if r.outcome == "rejected":
            # a dead letter: shown to the supervisor, and the queue moves on
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.seq == seq)
                .values(
                    dead=True,
                    attempts=OutboxRow.attempts + 1,
                    last_error=f"{r.code or 'rejected'}: {r.message or ''}"[:1000],
                )
            )


def pending_blobs(session: Session) -> list[tuple[str, int]]:
    rows = session.execute(
        select(Attachment.sha256, func.max(Attachment.size))
        .where(Attachment.uploaded_at.is_(None))
        .group_by(Attachment.sha256)
        .order_by(func.min(Attachment.id))
    ).all()
    return [(sha, int(size)) for sha, size in rows]


def mark_blob_uploaded(session: Session, sha: str, at: datetime | None = None) -> None:
    session.execute(
        update(Attachment)
        .where(Attachment.sha256 == sha, Attachment.uploaded_at.is_(None))
        .values(uploaded_at=at or local_now())
    )
