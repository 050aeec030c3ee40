"""The centre's statistics snapshot: the key figures of every counter of an agency, computed on
the server and sent to the agency's counters as a ``stats`` item of the change feed, so a
supervisor sees the whole centre while offline (with the time it was taken).

The figures follow the counter's definitions (desktop/domain/stats/metrics.py; this package may
not import the client, so they are restated here and a test holds both to the same numbers):
received, carried over, resolved early / on time / late, returned, withdrawn, in progress within
time / overdue, waiting for supplement, due today, for today, this week, month and quarter. The
server keeps no pauses, but every period here contains today, so "waiting at the end" is the
current status 5. Processing time needs the province's working calendar, which only the client
has, so it is not part of the snapshot.

When: on demand. A counter's pull asks the publisher (sync/server/stats_worker.py) to refresh its
agency's snapshot when the last one is older than ``max_age`` (5 minutes by default), so the work is
done only while counters are listening and several server processes agree through the database.
The snapshot is computed in a worker process, not inside the pull: over a province's million
dossiers it takes seconds, and a counter's sync must not wait for it; the new snapshot reaches the
counters with their next pull. ``motcua-server stats publish`` does it by hand. Each new snapshot
replaces the agency's previous one in the feed, so a counter back after a week offline pulls one,
not two thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, not_, or_, select
from sqlalchemy.orm import Session

from .db import ServerDatabase, local_now, take_feed_ids, utc_now
from .feed import add_change
from .models import AgencyRow, ChangeRow, DossierRow, EventRow

SNAPSHOT_VERSION = 1
DEFAULT_MAX_AGE = timedelta(minutes=5)
KIND = "stats"
COUNTS = (
    "received",
    "received_online",
    "received_direct",
    "received_post",
    "carried_over",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "returned",
    "withdrawn",
    "in_progress",
    "in_progress_within",
    "in_progress_overdue",
    "waiting_supplement",
    "due_today",
)
_CHANNEL = {1: "received_direct", 2: "received_online", 3: "received_post"}
_CHUNK = 500


@dataclass(frozen=True)
class _Row:
    id: str
    counter: str
    status: int
    channel: int
    received: datetime
    due: datetime | None
    finished: datetime | None
    returned: datetime | None
    closed: datetime | None
    class_due: date | None

    def open_at(self, moment: datetime) -> bool:
        end = self.finished if self.finished is not None else self.closed
        return self.received < moment and (end is None or end >= moment)


def periods(today: date) -> list[tuple[str, date, date]]:
    """Today, this week (Monday–Sunday), this month and this quarter."""
    monday = today - timedelta(days=today.weekday())
    month_first = today.replace(day=1)
    next_month = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    q = (today.month - 1) // 3
    q_first = date(today.year, 3 * q + 1, 1)
    q_next = date(today.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    return [
        ("today", today, today),
        ("week", monday, monday + timedelta(days=6)),
        ("month", month_first, next_month - timedelta(days=1)),
        ("quarter", q_first, q_next - timedelta(days=1)),
    ]


def _counts(rows: Iterable[_Row], first: date, last: date, cutoff: date) -> dict[str, int]:
    start = datetime.combine(first, time.min)
    end = datetime.combine(last + timedelta(days=1), time.min)
    out = dict.fromkeys(COUNTS, 0)

    def inside(v: datetime | None) -> bool:
        return v is not None and start <= v < end

    for r in rows:
        if inside(r.received):
            out["received"] += 1
            out[_CHANNEL.get(r.channel, "received_direct")] += 1
        if r.open_at(start):
            out["carried_over"] += 1
        if r.finished is not None and inside(r.finished):
            out["resolved"] += 1
            done, due = r.finished.date(), r.class_due
            key = "on_time" if due is None or done == due else ("early" if done < due else "late")
            out[f"resolved_{key}"] += 1
        if inside(r.returned):
            out["returned"] += 1
        if r.finished is None and inside(r.closed):
            out["withdrawn"] += 1
        if r.open_at(end):
            out["in_progress"] += 1
            late = r.class_due is not None and r.class_due < cutoff
            out["in_progress_overdue" if late else "in_progress_within"] += 1
            if r.status == 5:  # every period here contains today: the status is the end's
                out["waiting_supplement"] += 1
            if r.due is not None and r.due.date() == cutoff:
                out["due_today"] += 1
    return out


def _figures(counts: dict[str, int]) -> dict[str, Any]:
    resolved = counts["resolved"]
    good = counts["resolved_early"] + counts["resolved_on_time"]
    return {
        **counts,
        "on_time_rate": round(100.0 * good / resolved, 2) if resolved else None,
        "late_rate": round(100.0 * counts["resolved_late"] / resolved, 2) if resolved else None,
    }


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _load(s: Session, agency: str, start: datetime, end: datetime) -> list[_Row]:
    """The agency's dossiers the periods can count (received, not ended before ``start``)."""
    d = DossierRow
    found = s.execute(
        select(
            d.id,
            d.counter,
            d.status,
            d.channel,
            d.received_at,
            d.due_at,
            d.finished_at,
            d.returned_at,
            d.status_at,
        ).where(
            d.agency == agency,
            d.received_at.is_not(None),
            d.received_at < end,
            or_(d.finished_at.is_(None), d.finished_at >= start, d.returned_at >= start),
            # status_at is at or after a withdrawal: older withdrawn dossiers cannot count
            not_(and_(d.status.in_((7, 8)), d.finished_at.is_(None), d.status_at < start)),
        )
    ).all()
    ids = [r.id for r in found]
    closed: dict[str, datetime] = {}
    previous_due: dict[str, tuple[datetime, date]] = {}
    for chunk in _chunks([r.id for r in found if r.status in (7, 8) and r.finished_at is None]):
        for e in s.execute(
            select(
                EventRow.dossier_id, EventRow.type, EventRow.occurred_at, EventRow.payload
            ).where(
                EventRow.dossier_id.in_(chunk),
                EventRow.type.in_(("withdrawn", "department_progress")),
            )
        ):
            stops = e.type == "withdrawn" or str((e.payload or {}).get("status")) == "8"
            if stops and (e.dossier_id not in closed or e.occurred_at < closed[e.dossier_id]):
                closed[e.dossier_id] = e.occurred_at
    for chunk in _chunks(ids):
        for e in s.execute(
            select(EventRow.dossier_id, EventRow.occurred_at, EventRow.payload).where(
                EventRow.dossier_id.in_(chunk), EventRow.type == "rescheduled"
            )
        ):
            # a new appointment given with an apology (Mẫu 04) does not make a dossier on time
            prev = _day_of((e.payload or {}).get("previous_due_at"))
            seen = previous_due.get(e.dossier_id)
            if prev is not None and (seen is None or e.occurred_at < seen[0]):
                previous_due[e.dossier_id] = (e.occurred_at, prev)
    return [
        _Row(
            r.id,
            r.counter,
            r.status,
            r.channel,
            r.received_at,
            r.due_at,
            r.finished_at,
            r.returned_at,
            closed.get(r.id, r.status_at) if r.status in (7, 8) and r.finished_at is None else None,
            previous_due[r.id][1]
            if r.id in previous_due
            else (r.due_at.date() if r.due_at else None),
        )
        for r in found
    ]


def _day_of(value: Any) -> date | None:
    """The day of a payload's date, or None: payloads are what counters wrote, and one odd value
    must not stop the agency's statistics."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def compute(s: Session, agency: str, now: datetime) -> dict[str, Any]:
    """The snapshot's body: per period the centre's figures and each counter's."""
    today = now.date()
    spans = periods(today)
    start = datetime.combine(min(p[1] for p in spans), time.min)
    end = datetime.combine(max(p[2] for p in spans) + timedelta(days=1), time.min)
    rows = _load(s, agency, start, end)
    by_counter: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        by_counter[r.counter].append(r)
    out = []
    for kind, first, last in spans:
        cutoff = min(last, today)
        out.append(
            {
                "kind": kind,
                "from": first.isoformat(),
                "to": last.isoformat(),
                "cutoff": cutoff.isoformat(),
                "figures": _figures(_counts(rows, first, last, cutoff)),
                "counters": {
                    c: _figures(_counts(rs, first, last, cutoff))
                    for c, rs in sorted(by_counter.items())
                },
            }
        )
    return {"version": SNAPSHOT_VERSION, "agency": agency, "dossiers": len(rows), "periods": out}


def _latest(s: Session, agency: str) -> datetime | None:
    return s.scalar(
        select(func.max(ChangeRow.created_at)).where(
            ChangeRow.kind == KIND, ChangeRow.agency == agency
        )
    )


@dataclass(frozen=True)
class Publication:
    taken_at: datetime | None  # the new snapshot's local time; None when a fresh one existed
    stored_at: datetime  # when the agency's latest snapshot was stored (UTC)
    dossiers: int  # how many dossiers the figures looked at


def publish(db: ServerDatabase, agency: str, *, max_age: timedelta | None = None) -> Publication:
    """Compute and publish ``agency``'s snapshot; with ``max_age``, only when the last one is
    older than that."""
    now = local_now()
    with db.read() as s:
        # another instance (or worker) may have just published it: no second computation
        latest = _latest(s, agency)
        if max_age is not None and latest is not None and utc_now() - latest < max_age:
            return Publication(None, latest, 0)
        body = compute(s, agency, now)
    with db.write() as s:
        take_feed_ids(s, 0)  # serialise with every other writer of the feed
        latest = _latest(s, agency)
        stored = utc_now()
        if max_age is not None and latest is not None and stored - latest < max_age:
            return Publication(None, latest, body["dossiers"])
        s.execute(delete(ChangeRow).where(ChangeRow.kind == KIND, ChangeRow.agency == agency))
        item = {"taken_at": now.isoformat(), "body": body}
        add_change(s, take_feed_ids(s, 1), KIND, item, agency=agency)
    return Publication(now, stored, body["dossiers"])


def agencies(db: ServerDatabase) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(AgencyRow.code)))
