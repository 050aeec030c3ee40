"""The statistics of metrics.py as SQL over the local database, so a quarter of a busy centre is
one aggregate query rather than a loop over tens of thousands of rows in Python.

The query has three parts:

1. candidates: the dossiers a period can count at all, found through three indexes (migration
   0004): finished since the start (``ix_dossiers_finished``), not finished
   (``ix_dossiers_unfinished``, a partial index), returned inside the period but finished
   before it (``ix_dossiers_returned``). The three are disjoint. A unary ``+`` keeps SQLite from
   driving a part by the wrong index (``+col`` cannot use an index), and the partial index is
   named outright, since SQLite would rather scan the NULLs of ``ix_dossiers_finished`` and
   read every withdrawn dossier of past years from the table.
2. ``x``: each candidate once, with what needs the events table: when a withdrawn or stopped
   dossier was closed, and the due date before the first apology (``ix_events_rescheduled``),
   and its processing time through the working-day table (worktime.py) loaded as a temporary
   table. MATERIALIZED so those subqueries run once per dossier, not once per use.
3. one SUM per metric, each the metric's predicate; the drill-down of a cell selects the rows
   where that same predicate holds, so a list always has as many dossiers as its number.

Times compare as text: SQLAlchemy stores ``YYYY-MM-DD HH:MM:SS.ffffff`` and the ``pauses`` JSON
holds ``YYYY-MM-DDTHH:MM:SS``; both put the date in characters 1–10 and the time at 12–19.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.domain.stats.metrics import DOSSIER_METRICS, PROCESSING_BUCKETS, Grouping, Metric
from desktop.domain.stats.period import Period
from desktop.domain.stats.worktime import WorkIndex

WORKDAYS = "stats_workdays"
_META = "stats_meta"


def column_time(v: datetime) -> str:
    """A datetime the way SQLAlchemy's SQLite dialect stores it, for text comparisons."""
    return v.strftime("%Y-%m-%d %H:%M:%S.%f")


def load_workdays(session: Session, index: WorkIndex) -> None:
    """(Re)fill the per-connection temporary table of working days when it differs; a pooled
    connection keeps it, so repeated queries pay only the fingerprint check."""
    conn = session.connection()
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {WORKDAYS} "
        "(day TEXT PRIMARY KEY, cum INTEGER NOT NULL, working INTEGER NOT NULL) WITHOUT ROWID"
    )
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {_META} (k TEXT PRIMARY KEY, v TEXT NOT NULL)"
    )
    current = conn.exec_driver_sql(f"SELECT v FROM temp.{_META} WHERE k = 'workdays'").scalar()
    if current == index.fingerprint:
        return
    conn.exec_driver_sql(f"DELETE FROM temp.{WORKDAYS}")
    conn.exec_driver_sql(
        f"INSERT INTO temp.{WORKDAYS} (day, cum, working) VALUES (?, ?, ?)", list(index.rows())
    )
    conn.exec_driver_sql(
        f"INSERT OR REPLACE INTO temp.{_META} (k, v) VALUES ('workdays', ?)", (index.fingerprint,)
    )


# -- working time in SQL (the same arithmetic as WorkIndex) -----------------------------------


def _sec(x: str) -> str:
    return (
        f"(CAST(substr({x}, 12, 2) AS INTEGER) * 3600 + CAST(substr({x}, 15, 2) AS INTEGER) * 60"
        f" + CAST(substr({x}, 18, 2) AS INTEGER))"
    )


def _within(x: str, index: WorkIndex) -> str:
    s = _sec(x)
    return " + ".join(f"MIN(MAX({s} - {a}, 0), {b - a})" for a, b in index.periods)


def _w(x: str, index: WorkIndex) -> str:
    """Working seconds from the table's first day to the moment ``x`` (NULL outside it)."""
    return (
        f"(SELECT w.cum + CASE WHEN w.working = 1 THEN {_within(x, index)} ELSE 0 END "
        f"FROM temp.{WORKDAYS} w WHERE w.day = substr({x}, 1, 10))"
    )


def _clock_start(index: WorkIndex) -> str:
    if index.cutoff_seconds is None or not index.cutoff_channels:
        return _w("d.received_at", index)
    channels = ", ".join(str(int(c)) for c in sorted(index.cutoff_channels))
    late = f"d.channel IN ({channels}) AND {_sec('d.received_at')} > {index.cutoff_seconds}"
    return (
        f"(SELECT w.cum + CASE WHEN w.working = 1 THEN (CASE WHEN {late} THEN "
        f"{index.day_seconds} ELSE {_within('d.received_at', index)} END) ELSE 0 END "
        f"FROM temp.{WORKDAYS} w WHERE w.day = substr(d.received_at, 1, 10))"
    )


def _processing(index: WorkIndex) -> str:
    a, b = "json_extract(p.value, '$[0]')", "json_extract(p.value, '$[1]')"
    waited = (
        "CASE WHEN d.pauses IS NULL OR d.pauses = '[]' THEN 0 ELSE "
        f"(SELECT TOTAL(MAX({_w(b, index)} - {_w(a, index)}, 0)) FROM json_each(d.pauses) p) END"
    )
    return f"MAX({_w('d.finished_at', index)} - {_clock_start(index)} - ({waited}), 0)"


# -- candidates and their derived columns --------------------------------------------------------

_CLOSED = (
    "CASE WHEN d.finished_at IS NULL AND d.status IN (7, 8) THEN COALESCE("
    "(SELECT MIN(e.occurred_at) FROM events e WHERE e.dossier_id = d.id AND (e.type = 'withdrawn'"
    " OR (e.type = 'department_progress'"
    " AND CAST(json_extract(e.payload, '$.status') AS INTEGER) = 8))),"
    " d.updated_at) END"
)
CLOSED = _CLOSED  # also for the duties (duties.py): when a dossier stopped waiting

# a Mẫu 04 apology moves due_at; classes keep the appointment it replaced
_CLASS_DUE = (
    "substr(COALESCE((SELECT json_extract(r.payload, '$.previous_due_at') FROM events r"
    " WHERE r.dossier_id = d.id AND r.type = 'rescheduled' ORDER BY r.seq LIMIT 1),"
    " d.due_at), 1, 10)"
)


def candidates_sql(index: WorkIndex, counter: bool) -> str:
    c = " AND +counter = :counter" if counter else ""
    return f"""
WITH cand(rid) AS (
  SELECT rowid FROM dossiers WHERE finished_at >= :s AND +received_at < :e{c}
  UNION ALL
  SELECT rowid FROM dossiers INDEXED BY ix_dossiers_unfinished
    WHERE finished_at IS NULL AND received_at < :e
    AND NOT (status IN (7, 8) AND updated_at < :s){c}
  UNION ALL
  SELECT rowid FROM dossiers WHERE returned_at >= :s AND returned_at < :e
    AND +finished_at < :s{c}
),
x AS MATERIALIZED (
  SELECT d.id, d.code, d.status, d.channel, d.officer, d.counter, d.procedure_code,
    d.procedure_name, d.received_at AS rec, d.finished_at AS fin, d.returned_at AS ret,
    d.due_at AS due, substr(d.due_at, 1, 10) AS due_day, d.paused_at, d.pauses,
    {_CLOSED} AS closed,
    {_CLASS_DUE} AS class_due,
    CASE WHEN d.finished_at >= :s AND d.finished_at < :e THEN {_processing(index)} END AS secs
  FROM cand JOIN dossiers d ON d.rowid = cand.rid
)"""


def predicates(index: WorkIndex) -> dict[Metric, str]:
    """Each metric as a condition on a row of ``x`` (see metrics.py for the words); the duties
    (DUTY_METRICS) are not SQL, see duties.py."""
    ended = "COALESCE(x.fin, x.closed)"
    rec_in = "(x.rec >= :s AND x.rec < :e)"
    resolved = "(x.fin >= :s AND x.fin < :e)"
    open_e = f"(x.rec < :e AND ({ended} IS NULL OR {ended} >= :e))"
    waiting = (
        f"({open_e} AND ((x.paused_at IS NOT NULL AND x.paused_at <= :e) OR (x.pauses <> '[]'"
        " AND EXISTS (SELECT 1 FROM json_each(x.pauses) p"
        " WHERE json_extract(p.value, '$[0]') <= :e_iso"
        " AND json_extract(p.value, '$[1]') > :e_iso))))"
    )
    out = {
        Metric.RECEIVED: rec_in,
        Metric.RECEIVED_ONLINE: f"({rec_in} AND x.channel = 2)",
        Metric.RECEIVED_DIRECT: f"({rec_in} AND x.channel = 1)",
        Metric.RECEIVED_POST: f"({rec_in} AND x.channel = 3)",
        Metric.CARRIED_OVER: f"(x.rec < :s AND ({ended} IS NULL OR {ended} >= :s))",
        Metric.RESOLVED: resolved,
        Metric.RESOLVED_EARLY: f"({resolved} AND substr(x.fin, 1, 10) < x.class_due)",
        Metric.RESOLVED_ON_TIME: f"({resolved} AND substr(x.fin, 1, 10) = x.class_due)",
        Metric.RESOLVED_LATE: f"({resolved} AND substr(x.fin, 1, 10) > x.class_due)",
        Metric.RETURNED: "(x.ret >= :s AND x.ret < :e)",
        Metric.WITHDRAWN: "(x.fin IS NULL AND x.closed >= :s AND x.closed < :e)",
        Metric.IN_PROGRESS: open_e,
        Metric.IN_PROGRESS_WITHIN: f"({open_e} AND x.class_due >= :cutoff)",
        Metric.IN_PROGRESS_OVERDUE: f"({open_e} AND x.class_due < :cutoff)",
        Metric.WAITING_SUPPLEMENT: waiting,
        Metric.DUE_TODAY: f"({open_e} AND x.due_day = :cutoff)",
    }
    day = index.day_seconds
    for metric, low, high in PROCESSING_BUCKETS:
        upper = f" AND x.secs < {high * day}" if high is not None else ""
        out[metric] = f"({resolved} AND x.secs >= {low * day}{upper})"
    return out


# -- grouping ------------------------------------------------------------------------------------

_KEY = {
    Grouping.OFFICER: ("x.officer", ""),
    Grouping.PROCEDURE: ("x.procedure_code", ""),
    Grouping.CHANNEL: ("CAST(x.channel AS TEXT)", ""),
    Grouping.FIELD: ("p.field_code", " JOIN procedures p ON p.code = x.procedure_code"),
}


def aggregate_sql(index: WorkIndex, counter: bool, grouping: Grouping | None) -> str:
    preds = predicates(index)
    sums = ",\n  ".join(
        f"SUM(CASE WHEN {preds[m]} THEN 1 ELSE 0 END) AS {m.value}" for m in DOSSIER_METRICS
    )
    resolved = preds[Metric.RESOLVED]
    timing = (
        f"TOTAL(CASE WHEN {resolved} THEN x.secs END) AS secs_total,\n"
        f"  COUNT(CASE WHEN {resolved} THEN x.secs END) AS timed"
    )
    if grouping is None:
        return f"{candidates_sql(index, counter)}\nSELECT {sums},\n  {timing}\nFROM x"
    key, join = _KEY[grouping]
    return (
        f"{candidates_sql(index, counter)}\nSELECT {key} AS k, {sums},\n  {timing}\n"
        f"FROM x{join}\nGROUP BY k"
    )


def drill_sql(index: WorkIndex, counter: bool, metric: Metric, grouping: Grouping | None) -> str:
    where = predicates(index)[metric]
    join = ""
    if grouping is not None:
        key, join = _KEY[grouping]
        where += f" AND {key} = :key"
    return (
        f"{candidates_sql(index, counter)}\n"
        "SELECT x.id, x.code, x.procedure_code, x.procedure_name, x.status, x.channel,"
        " x.officer, x.counter, x.rec, x.due, x.fin, x.ret, x.class_due"
        f"\nFROM x{join}\nWHERE {where}\nORDER BY x.rec, x.code"
    )


def spans_sql(index: WorkIndex, counter: bool) -> str:
    return (
        f"{candidates_sql(index, counter)}\n"
        "SELECT x.id, x.rec, x.channel, x.fin, x.closed, x.ret, x.due_day, x.class_due,"
        " x.paused_at, x.pauses, x.secs FROM x"
    )


def params(period: Period, cutoff: date, counter: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "s": column_time(period.start),
        "e": column_time(period.end),
        "e_iso": period.end.isoformat(),
        "cutoff": cutoff.isoformat(),
    }
    if counter is not None:
        out["counter"] = counter
    return out


def run(session: Session, sql: str, values: Mapping[str, Any]) -> list[Any]:
    return list(session.execute(text(sql), dict(values)).all())
