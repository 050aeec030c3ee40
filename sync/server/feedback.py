"""Taking a counter's feedback entries (issue 20 item 3, ``POST /feedback``): each one applied,
recognised as a duplicate, or rejected with a code, never the whole batch for one entry.

- Idempotent: the same entry id with the same content is a duplicate (a counter that lost the
  answer sends it again); the same id with other content is ``id_conflict``.
- Agency-checked: a counter adds feedback only for its own agency (the agency is the caller's,
  never the entry's say), updates only its agency's items, and a dossier it names must be one
  of its agency's. "Not there" and "another agency's" get one answer: no oracle across
  agencies.
- The register's order (QĐ 84/2025 Quảng Ninh Điều 18): an item is received once, answered
  once, published once after its answer; progress updates only while it is unanswered. Two
  counters answering the same item offline: the first to reach the server stands, the second
  is rejected and its counter shows why.

Stored entries reach the agency's other counters through the feed (feed.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import EventResult, FeedbackEntry

from .auth import Caller
from .db import take_feed_ids, utc_now
from .models import DossierRow, FeedbackRow

# what an entry needs to have been recorded before it, and what it must not follow
_NEEDS = {"progress": None, "answered": None, "published": "answered"}
_ONCE = {"answered", "published"}


def push_feedback(s: Session, caller: Caller, entries: list[FeedbackEntry]) -> list[EventResult]:
    take_feed_ids(s, 0)  # one writer at a time: two counters answering at once are serialised
    return [_one(s, caller, e) for e in entries]


def _reject(entry: FeedbackEntry, code: str, message: str) -> EventResult:
    return EventResult(id=entry.id, outcome="rejected", code=code, message=message)


def _one(s: Session, caller: Caller, entry: FeedbackEntry) -> EventResult:
    body = entry.model_dump(mode="json")
    known = s.get(FeedbackRow, str(entry.id))
    if known is not None:
        if known.agency == caller.agency and known.body == body:
            return EventResult(id=entry.id, outcome="duplicate")
        return _reject(entry, "id_conflict", "entry id already used by another entry")
    fid = str(entry.feedback_id)
    rows = list(s.scalars(select(FeedbackRow).where(FeedbackRow.feedback_id == fid)))
    if entry.kind == "received":
        if rows:
            return _reject(entry, "id_conflict", "feedback id already used by another item")
        if entry.dossier_id is not None:
            d = s.get(DossierRow, str(entry.dossier_id))
            if d is None or d.agency != caller.agency:
                return _reject(entry, "unknown_dossier", "no such dossier in this agency")
    else:
        if not any(r.kind == "received" and r.agency == caller.agency for r in rows):
            return _reject(entry, "unknown_feedback", "no such feedback in this agency")
        kinds = {r.kind for r in rows}
        if entry.kind in _ONCE and entry.kind in kinds:
            return _reject(entry, "bad_transition", f"feedback already {entry.kind}")
        if entry.kind == "progress" and "answered" in kinds:
            return _reject(entry, "bad_transition", "feedback already answered")
        needed = _NEEDS[entry.kind]
        if needed is not None and needed not in kinds:
            return _reject(entry, "bad_transition", "feedback not answered yet")
    s.add(
        FeedbackRow(
            id=str(entry.id),
            feedback_id=fid,
            agency=caller.agency,
            counter=caller.counter,
            counter_id=caller.counter_id,
            kind=entry.kind,
            at=entry.at,
            body=body,
            feed_id=take_feed_ids(s, 1),
            stored_at=utc_now(),
        )
    )
    s.flush()
    return EventResult(id=entry.id, outcome="applied")
