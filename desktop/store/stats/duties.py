"""The dossiers the counter's duties of a period concern (desktop/domain/stats/duties.py), read
from the local database with their deadlines computed on the province's calendar.

Five parts, each through an index: online dossiers submitted before the end and not answered
before the start (``submitted_at``); dossiers handed over since the start (``handed_over_at``,
the last hand-over: the first one is read from the events); received dossiers not handed over by
the end that are unfinished (the statistics' partial index) or finished after the end; results
handed to the post before the end and not delivered before the start (``posted_at``, issue 20).
Who answered, who received, who handed over and who sent by post come from the events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import deadlines, post
from desktop.domain.stats.duties import DutySpan
from desktop.domain.stats.period import Period
from desktop.store.clock import VIETNAM
from desktop.store.counter import CounterContext
from desktop.store.dossiers.handover import tracked_since
from desktop.store.stats import sql as q

_CHECKS = "'received', 'rejected', 'supplement_requested'"

_SQL = f"""
WITH cand(rid) AS (
  SELECT rowid FROM dossiers WHERE submitted_at < :e AND +channel = 2
    AND (checked_at IS NULL OR checked_at >= :s)
  UNION
  SELECT rowid FROM dossiers WHERE handed_over_at >= :s AND +received_at < :e
  UNION
  SELECT rowid FROM dossiers INDEXED BY ix_dossiers_unfinished
    WHERE finished_at IS NULL AND received_at < :e
    AND (handed_over_at IS NULL OR handed_over_at >= :w)
    AND NOT (status IN (7, 8) AND updated_at < :w)
  UNION
  SELECT rowid FROM dossiers WHERE finished_at >= :w AND +received_at < :e
    AND (handed_over_at IS NULL OR handed_over_at >= :w)
  UNION
  SELECT rowid FROM dossiers WHERE posted_at < :e
    AND (post_delivered_at IS NULL OR post_delivered_at >= :s)
)
SELECT d.id, d.procedure_code, d.channel, d.counter, d.officer, d.submitted_at, d.checked_at,
  d.received_at, d.finished_at, d.paused_at, d.pauses, d.posted_at, d.post_delivered_at,
  {q.CLOSED} AS closed,
  CASE WHEN d.checked_at IS NOT NULL THEN (SELECT json_array(e.officer, e.counter) FROM events e
    WHERE e.dossier_id = d.id AND e.type IN ({_CHECKS}) AND e.occurred_at = d.checked_at
    ORDER BY e.seq LIMIT 1) END AS checker,
  CASE WHEN d.received_at IS NOT NULL THEN (SELECT e.officer FROM events e
    WHERE e.dossier_id = d.id AND e.type = 'received' ORDER BY e.seq DESC LIMIT 1) END AS receiver,
  CASE WHEN d.handed_over_at IS NOT NULL THEN (SELECT json_group_array(json_array(
    COALESCE(json_extract(e.payload, '$.handed_at'), e.occurred_at), e.officer, e.counter, e.seq))
    FROM events e WHERE e.dossier_id = d.id AND e.type = 'handed_over') END AS handovers,
  CASE WHEN d.posted_at IS NOT NULL THEN (SELECT json_array(e.officer, e.counter) FROM events e
    WHERE e.dossier_id = d.id AND e.type = 'sent_by_post' ORDER BY e.seq LIMIT 1) END AS poster
FROM cand JOIN dossiers d ON d.rowid = cand.rid
"""


def duty_spans(
    session: Session, ctx: CounterContext, period: Period, *, daily: bool = False
) -> list[DutySpan]:
    """Every dossier the duties of ``period`` can count, whichever counter it belongs to; with
    ``daily``, also those waiting at the end of any of its days, not only at its end."""
    values = q.params(period, period.last, None)
    # waiting at a moment W (the end, or the end of the first day) means not handed over,
    # finished or closed before W
    first_end = period.start + timedelta(days=1) if daily else period.end
    values["w"] = q.column_time(first_end)
    rows = q.run(session, _SQL, values)
    profile = ctx.profile
    check_hours = profile.online_check_deadline.working_hours
    handover_hours = profile.handover_deadline.working_hours
    since = tracked_since(session)
    out = []
    for r in rows:
        submitted = _time(r.submitted_at) if int(r.channel) == 2 else None
        received = _time(r.received_at)
        checker = json.loads(r.checker) if r.checker else None
        first = _first_handover(r.handovers)
        ended = _time(r.finished_at) or _time(r.closed)
        posted = _time(r.posted_at)
        poster = json.loads(r.poster) if r.poster else None
        out.append(
            DutySpan(
                id=r.id,
                procedure_code=r.procedure_code,
                channel=int(r.channel),
                counter=r.counter,
                officer=r.receiver or r.officer,
                submitted_at=submitted,
                check_due=(
                    deadlines.online_check_due(ctx.calendar, submitted, check_hours, ctx.cutoff)
                    if submitted is not None
                    else None
                ),
                checked_at=_time(r.checked_at) if submitted is not None else None,
                check_officer=checker[0] if checker else None,
                check_counter=checker[1] if checker else None,
                received_at=received,
                # received before hand-overs were tracked: no hand-over duty on record
                handover_due=(
                    deadlines.handover_due(ctx.calendar, received, handover_hours)
                    if received is not None and (since is None or received >= since)
                    else None
                ),
                handed_at=first[0] if first else None,
                handover_officer=first[1] if first else None,
                handover_counter=first[2] if first else None,
                ended_at=ended,
                pauses=_pauses(r.pauses, r.paused_at),
                posted_at=posted,
                post_due=post.post_due(posted) if posted is not None else None,
                post_delivered_at=_time(r.post_delivered_at),
                post_officer=poster[0] if poster else None,
                post_counter=poster[1] if poster else None,
            )
        )
    return out


def _first_handover(raw: Any) -> tuple[datetime, str, str] | None:
    if not raw:
        return None
    found = [
        (moment, int(seq), str(officer), str(counter))
        for at, officer, counter, seq in json.loads(raw)
        if (moment := _time(at)) is not None
    ]
    if not found:
        return None
    at, _seq, officer, counter = min(found)
    return at, officer, counter


def _time(v: Any) -> datetime | None:
    if v is None or v == "":
        return None
    t = v if isinstance(v, datetime) else datetime.fromisoformat(str(v))
    if t.tzinfo is not None:  # a payload time with a zone: the counter counts in local time
        t = t.astimezone(VIETNAM).replace(tzinfo=None)
    return t


def _pauses(raw: Any, open_since: Any) -> tuple[tuple[datetime, datetime | None], ...]:
    pairs: Iterable[Any] = json.loads(raw) if isinstance(raw, str) else raw or []
    out: list[tuple[datetime, datetime | None]] = []
    for a, b in pairs:
        start, end = _time(a), _time(b)
        if start is not None:
            out.append((start, end))
    since = _time(open_since)
    if since is not None:
        out.append((since, None))
    return tuple(out)
