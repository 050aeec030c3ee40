"""The feedback entries this counter wrote, as the sync engine pushes them (``POST /feedback``):
in the order they were written, each marked by the server's answer for it — sent (applied or
duplicate), or refused with the server's code and message, after which it is passed over and
shown on the item (a refusal never holds the other entries back)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from desktop.store.clock import local_now
from desktop.store.models import FeedbackEntryRow
from sync.engine import PendingFeedback
from sync.protocol import EventResult

_E = FeedbackEntryRow


def _pending() -> ColumnElement[bool]:
    return (_E.origin == "counter") & _E.sent_at.is_(None) & _E.refused.is_(None)


def pending_feedback(s: Session, limit: int, after: int = 0) -> list[PendingFeedback]:
    rows = s.execute(
        select(_E.seq, _E.id, _E.wire)
        .where(_pending(), _E.seq > after, _E.wire.is_not(None))
        .order_by(_E.seq)
        .limit(limit)
    ).all()
    return [PendingFeedback(seq=r.seq, id=UUID(r.id), wire=bytes(r.wire)) for r in rows]


def mark_feedback(s: Session, results: Sequence[tuple[int, EventResult]]) -> None:
    now = local_now()
    done = [seq for seq, r in results if r.outcome in ("applied", "duplicate")]
    if done:
        s.execute(update(_E).where(_E.seq.in_(done)).values(sent_at=now))
    for seq, r in results:
        if r.outcome == "rejected":
            refusal = f"{r.code or 'rejected'}: {r.message or ''}"[:1000]
            s.execute(update(_E).where(_E.seq == seq).values(refused=refusal))
