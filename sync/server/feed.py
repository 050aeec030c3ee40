"""The change feed a counter pulls: other counters' and the departments' events for its agency,
plus leases, calendar, catalog, officer and counter-key changes, and the feedback register's
entries of the agency's other counters, in feed-id order.

One UNION query picks the page, so it is read from a single snapshot: with feed ids committed in
order (see models.py) the page is a prefix of what will ever exist past the cursor.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import and_, literal, or_, select, union_all
from sqlalchemy.orm import Session

from sync.protocol import Change, ChangesResponse, EventChange, FeedbackChange, FeedEvent

from .auth import Caller
from .db import utc_now
from .models import ChangeRow, EventRow, FeedbackRow

_change = TypeAdapter(Change)
CURSOR_PREFIX = "v1_"


class BadCursor(ValueError):
    pass


def encode_cursor(feed_id: int) -> str:
    return f"{CURSOR_PREFIX}{feed_id}"


# ASCII digits only (str.isdigit() also takes "²" and "١", which int() refuses), and a number
# the databases' 64-bit feed ids can hold: 27 digits made both answer 500
_CURSOR_RE = re.compile(r"v1_(0|[1-9][0-9]{0,17})")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not _CURSOR_RE.fullmatch(cursor):
        raise BadCursor("cursor not issued by this server")
    return int(cursor[3:])


def add_change(
    session: Session,
    feed_id: int,
    kind: str,
    body: dict[str, Any],
    *,
    agency: str | None = None,
    counter_id: int | None = None,
) -> None:
    session.add(
        ChangeRow(
            feed_id=feed_id,
            agency=agency,
            counter_id=counter_id,
            kind=kind,
            body=body,
            created_at=utc_now(),
        )
    )


def read_feed(session: Session, caller: Caller, cursor: str | None, limit: int) -> ChangesResponse:
    after = decode_cursor(cursor)
    events = select(EventRow.feed_id.label("fid"), literal("e").label("src")).where(
        EventRow.agency == caller.agency,
        EventRow.feed_id > after,
        or_(EventRow.counter_id.is_(None), EventRow.counter_id != caller.counter_id),
    )
    changes = select(ChangeRow.feed_id.label("fid"), literal("c").label("src")).where(
        ChangeRow.feed_id > after,
        or_(ChangeRow.agency.is_(None), ChangeRow.agency == caller.agency),
        or_(ChangeRow.counter_id.is_(None), ChangeRow.counter_id == caller.counter_id),
    )
    # the feedback register's entries of the agency's other counters (issue 20)
    feedback = select(FeedbackRow.feed_id.label("fid"), literal("f").label("src")).where(
        FeedbackRow.agency == caller.agency,
        FeedbackRow.feed_id > after,
        FeedbackRow.counter_id != caller.counter_id,
    )
    page = union_all(events, changes, feedback).subquery()
    picked = session.execute(
        select(page.c.fid, page.c.src).order_by(page.c.fid).limit(limit + 1)
    ).all()
    more = len(picked) > limit
    picked = picked[:limit]
    event_ids = [fid for fid, src in picked if src == "e"]
    change_ids = [fid for fid, src in picked if src == "c"]
    by_id: dict[int, Any] = {}
    if event_ids:
        for e in session.scalars(select(EventRow).where(EventRow.feed_id.in_(event_ids))):
            by_id[e.feed_id] = EventChange(kind="event", event=feed_event(e))
    if change_ids:
        for c in session.scalars(select(ChangeRow).where(and_(ChangeRow.feed_id.in_(change_ids)))):
            by_id[c.feed_id] = _change.validate_python({"kind": c.kind, **c.body})
    feedback_ids = [fid for fid, src in picked if src == "f"]
    if feedback_ids:
        for f in session.scalars(select(FeedbackRow).where(FeedbackRow.feed_id.in_(feedback_ids))):
            by_id[f.feed_id] = FeedbackChange.model_validate(
                {"kind": "feedback", "counter": f.counter, "entry": f.body}
            )
    items = [by_id[fid] for fid, _src in picked]
    last = picked[-1][0] if picked else after
    return ChangesResponse(items=items, cursor=encode_cursor(last), more=more)


def feed_event(e: EventRow) -> FeedEvent:
    return FeedEvent.model_validate(
        {
            "id": e.id,
            "dossier_id": e.dossier_id,
            "type": e.type,
            "occurred_at": e.occurred_at,
            "officer": e.officer,
            "counter": e.counter,
            "origin": e.origin,
            "payload": e.payload,
            "after": e.after,
        }
    )
