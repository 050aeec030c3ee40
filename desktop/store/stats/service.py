"""Supervisor statistics from the local database, offline (issue 8).

The API a screen calls from its worker thread; every call opens its own read transaction and
returns immutable data (desktop/domain/stats/results.py):

    service = StatsService(db, ctx)                    # clock injectable, like DossierService
    q = StatsQuery(period.quarter_of(today))           # or named("week", today), between(a, b)
    service.summary(q)          -> Summary              the figures of the whole period
    service.split(q, Grouping.FIELD) -> Split           one row per field, plus the total
    service.drill(q, Cell(Metric.RESOLVED_LATE, Grouping.FIELD, "BTP.HT")) -> list[DossierRef]

``drill`` lists exactly the dossiers counted in the cell (same SQL predicate as the number).
A split by day treats each day as a period of its own (open dossiers at the end of that day,
classes compared with that day); its total is the whole period's summary, not a sum of days.

The counter's duties (checking online dossiers, handing over; DUTY_METRICS) are classified in
Python over the few dossiers they concern (duties.py), as facts that name their officer: the
numbers, the splits and the drill-downs are made from the same facts. A split by officer counts
them for the officer who checked or handed over the dossier, not the one who received it.

The fee money (issue 19) is a block of its own beside the figures (``Summary.fees``,
``SplitRow.fees``, ``Split.fees``; why, in desktop/domain/stats/fees.py): counted by the
payment's time, for the counter that took it and the officer who took it. A split has a row for
a group that only took money (an officer who received nothing), and its ``fees`` are the whole
period's, as its total.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.procedures import fold_accents
from desktop.domain.refusal import Refusal
from desktop.domain.stats import duties
from desktop.domain.stats.fees import Money
from desktop.domain.stats.metrics import (
    CHANNEL_LABELS_VI,
    DOSSIER_METRICS,
    DUTY_METRICS,
    Figures,
    Grouping,
    Metric,
)
from desktop.domain.stats.period import EARLIEST, Period, between
from desktop.domain.stats.results import Cell, DossierRef, Split, SplitRow, Summary
from desktop.domain.stats.satisfaction import Satisfaction
from desktop.domain.stats.spans import DossierSpan, daily
from desktop.domain.stats.worktime import WorkIndex
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.models import Dossier, Officer, ProcedureRow
from desktop.store.stats import sql as q
from desktop.store.stats.duties import duty_spans
from desktop.store.stats.feedback import period_feedback
from desktop.store.stats.fees import money, period_money
from desktop.store.stats.satisfaction import period_ratings, ratings

_COUNTER_RE = re.compile(r"^[0-9A-Z]{1,8}$")
MAX_DRILL = 100_000


class StatsError(Refusal, ValueError):
    """A statistics request that cannot be answered; the message is for the officer."""

    code = "stats_refused"


@dataclass(frozen=True)
class StatsQuery:
    period: Period
    counter: str | None = None  # None: every counter whose dossiers this database holds

    def __post_init__(self) -> None:
        if self.counter is not None and not _COUNTER_RE.match(self.counter):
            raise StatsError(f"Mã quầy không hợp lệ: {self.counter!r}")


class StatsService:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock
        self._indexes: dict[tuple[date, date], WorkIndex] = {}

    # -- the figures ---------------------------------------------------------------------------

    def summary(self, query: StatsQuery) -> Summary:
        now = self.clock()
        cutoff = self._check(query, now)
        with self.db.read() as s:
            index = self._workdays(s, query.period, now.date())
            row = self._aggregate(s, index, query, cutoff, None)[0]
            facts = self._facts(s, query.period, query.counter, now)
            fees = period_money(s, query.period, query.counter)
            rated = period_ratings(s, query.period, query.counter)
            fb = period_feedback(s, self.ctx.calendar, query.period, query.counter, now)
        figures = _figures(row, index, duties.counts_of(facts))
        return Summary(query.period, cutoff, now, figures, query.counter, fees, rated, fb)

    def split(self, query: StatsQuery, grouping: Grouping) -> Split:
        if grouping is Grouping.DAY:
            return self._by_day(query)
        now = self.clock()
        cutoff = self._check(query, now)
        with self.db.read() as s:
            index = self._workdays(s, query.period, now.date())
            rows = self._aggregate(s, index, query, cutoff, grouping)
            by_key = {str(r.k): r for r in rows}
            facts: dict[str, list[duties.Fact]] = {}
            for fact, key in _keyed(s, grouping, self._facts(s, query.period, query.counter, now)):
                facts.setdefault(key, []).append(fact)
            fees = money(s, query.period, query.counter, grouping)
            rated = ratings(s, query.period, query.counter, grouping)
            keys = [*by_key, *(k for k in facts if k not in by_key)]
            keys += [k for k in fees if k not in by_key and k not in facts]
            keys += [k for k in rated if k not in by_key and k not in facts and k not in fees]
            labels = _labels(s, grouping, keys)
            period_fees = period_money(s, query.period, query.counter)
            period_rated = period_ratings(s, query.period, query.counter)
            fb = period_feedback(s, self.ctx.calendar, query.period, query.counter, now)
        split_rows = [
            SplitRow(
                k,
                labels.get(k, k),
                _figures(by_key.get(k), index, duties.counts_of(facts.get(k, []))),
                fees.get(k, Money()),
                rated.get(k, Satisfaction()),
            )
            for k in keys
        ]
        # every dossier is in exactly one group, so the groups add up to the period's figures
        total = sum((r.figures for r in split_rows), start=Figures.zero(index.day_seconds))
        split_rows = [
            r
            for r in split_rows
            if any(r.figures[m] for m in Metric) or not r.fees.empty or not r.satisfaction.empty
        ]
        split_rows.sort(key=lambda r: _sort_key(grouping, r))
        return Split(
            query.period,
            cutoff,
            now,
            grouping,
            tuple(split_rows),
            total,
            query.counter,
            period_fees,
            period_rated,
            fb,
        )

    def drill(self, query: StatsQuery, cell: Cell, limit: int = MAX_DRILL) -> list[DossierRef]:
        """The dossiers behind one number, oldest reception first."""
        now = self.clock()
        cutoff = self._check(query, now)
        period, grouping, key = query.period, cell.grouping, cell.key
        if grouping is Grouping.DAY:
            assert key is not None
            try:
                day = date.fromisoformat(key)
            except ValueError:
                raise StatsError(f"Ngày {key!r} không hợp lệ") from None
            if not period.first <= day <= cutoff:
                raise StatsError(f"Ngày {day:%d/%m/%Y} không thuộc kỳ thống kê")
            period, cutoff, grouping, key = between(day, day), day, None, None
        if cell.metric in DUTY_METRICS:
            return self._drill_duty(query.counter, period, now, cell.metric, grouping, key, limit)
        with self.db.read() as s:
            index = self._workdays(s, period, now.date())
            values = q.params(period, cutoff, query.counter)
            if key is not None:
                values["key"] = key
            sql = q.drill_sql(index, query.counter is not None, cell.metric, grouping)
            rows = q.run(s, f"{sql}\nLIMIT {int(limit)}", values)
        return [
            DossierRef(
                id=r.id,
                code=r.code,
                procedure_code=r.procedure_code,
                procedure_name=r.procedure_name,
                status=int(r.status),
                channel=int(r.channel),
                officer=r.officer,
                counter=r.counter,
                received_at=_time(r.rec),
                due_at=_time(r.due),
                finished_at=_time(r.fin),
                returned_at=_time(r.ret),
                class_due_day=_day(r.class_due),
            )
            for r in rows
        ]

    def spans(self, query: StatsQuery) -> list[DossierSpan]:
        """Every dossier the period can count, as the pure definitions see it."""
        now = self.clock()
        self._check(query, now)
        with self.db.read() as s:
            index = self._workdays(s, query.period, now.date())
            values = q.params(query.period, query.period.last, query.counter)
            rows = q.run(s, q.spans_sql(index, query.counter is not None), values)
        return [_span(r) for r in rows]

    def counters(self) -> list[str]:
        """The counters whose dossiers the local database holds (for a filter)."""
        with self.db.read() as s:
            return sorted(s.scalars(select(Dossier.counter).distinct()))

    # -- helpers -----------------------------------------------------------------------------------

    def _by_day(self, query: StatsQuery) -> Split:
        now = self.clock()
        cutoff = self._check(query, now)
        days = Period(query.period.first, cutoff)
        counter = query.counter is not None
        with self.db.read() as s:  # one snapshot for the days and the total
            index = self._workdays(s, query.period, now.date())
            row = self._aggregate(s, index, query, cutoff, None)[0]
            total = _figures(
                row, index, duties.counts_of(self._facts(s, query.period, query.counter, now))
            )
            values = q.params(days, cutoff, query.counter)
            spans = [_span(r) for r in q.run(s, q.spans_sql(index, counter), values)]
            duty = duties.daily_counts(
                duty_spans(s, self.ctx, days, daily=True), days, now, query.counter
            )
            fees = money(s, days, query.counter, Grouping.DAY)
            period_fees = period_money(s, query.period, query.counter)
            rated = ratings(s, days, query.counter, Grouping.DAY)
            period_rated = period_ratings(s, query.period, query.counter)
            fb = period_feedback(s, self.ctx.calendar, query.period, query.counter, now)
        per_day = daily(spans, days, index.day_seconds)
        rows = tuple(
            SplitRow(
                d.isoformat(),
                f"{d:%d/%m/%Y}",
                f + Figures(duty[d], day_seconds=f.day_seconds),
                fees.get(d.isoformat(), Money()),
                rated.get(d.isoformat(), Satisfaction()),
            )
            for d, f in per_day.items()
        )
        return Split(
            query.period,
            cutoff,
            now,
            Grouping.DAY,
            rows,
            total,
            query.counter,
            period_fees,
            period_rated,
            fb,
        )

    def _facts(
        self, s: Session, period: Period, counter: str | None, now: datetime
    ) -> list[duties.Fact]:
        return duties.facts_of(duty_spans(s, self.ctx, period), period, now, counter)

    def _drill_duty(
        self,
        counter: str | None,
        period: Period,
        now: datetime,
        metric: Metric,
        grouping: Grouping | None,
        key: str | None,
        limit: int,
    ) -> list[DossierRef]:
        """The dossiers behind a duty's number: the very facts it counted."""
        with self.db.read() as s:
            facts = [f for f in self._facts(s, period, counter, now) if f.metric is metric]
            if grouping is not None:
                facts = [f for f, k in _keyed(s, grouping, facts) if k == key]
            ids = [f.dossier_id for f in facts]
            rows = {
                d.id: d
                for i in range(0, len(ids), 500)
                for d in s.scalars(select(Dossier).where(Dossier.id.in_(ids[i : i + 500])))
            }
        refs = [
            DossierRef(
                id=d.id,
                code=d.code,
                procedure_code=d.procedure_code,
                procedure_name=d.procedure_name,
                status=int(d.status),
                channel=int(d.channel),
                officer=f.officer,
                counter=f.counter,
                received_at=d.received_at,
                due_at=d.due_at,
                finished_at=d.finished_at,
                returned_at=d.returned_at,
                duty_due_at=f.due_at,
                duty_done_at=f.done_at,
            )
            for f in facts
            if (d := rows.get(f.dossier_id)) is not None
        ]
        refs.sort(key=lambda r: (r.duty_due_at or datetime.min, r.code or ""))
        return refs[:limit]

    def _aggregate(
        self,
        s: Session,
        index: WorkIndex,
        query: StatsQuery,
        cutoff: date,
        grouping: Grouping | None,
    ) -> list[Any]:
        sql = q.aggregate_sql(index, query.counter is not None, grouping)
        return q.run(s, sql, q.params(query.period, cutoff, query.counter))

    def _check(self, query: StatsQuery, now: datetime) -> date:
        if query.period.first > now.date():
            raise StatsError(
                f"Kỳ thống kê bắt đầu ngày {query.period.first:%d/%m/%Y}, sau hôm nay: "
                "chưa có số liệu"
            )
        return query.period.cutoff(now.date())

    def work_index(self, period: Period) -> WorkIndex:
        """The working-day table statistics of ``period`` use (also for checks and benches)."""
        with self.db.read() as s:
            return self._index(s, period, self.clock().date())

    def _index(self, s: Session, period: Period, today: date) -> WorkIndex:
        oldest = s.scalar(select(func.min(Dossier.received_at)))
        # not before 2000 (the earliest a period may start): a dossier stored from any century
        # (an older version's, or pulled from another counter) would make the table millions of
        # days long, or reach year 0 (OverflowError); outside the table it simply has no
        # working time
        first = max(EARLIEST, min(period.first, oldest.date() if oldest else period.first))
        # a day of margin each side: a dossier can finish after midnight of the period's end
        first, last = first - timedelta(days=1), max(today, period.last) + timedelta(days=1)
        index = self._indexes.get((first, last))
        if index is None:
            index = WorkIndex.build(self.ctx.calendar, first, last, self.ctx.cutoff)
            self._indexes = {(first, last): index}
        return index

    def _workdays(self, s: Session, period: Period, today: date) -> WorkIndex:
        index = self._index(s, period, today)
        q.load_workdays(s, index)
        return index


def _figures(row: Any, index: WorkIndex, duty: dict[Metric, int]) -> Figures:
    """The SQL row's figures (None: a group only the duties have) and the duties' counts."""
    m = row._mapping if row is not None else {}
    counts = {metric: int(m.get(metric.value) or 0) for metric in DOSSIER_METRICS}
    counts.update({metric: duty.get(metric, 0) for metric in DUTY_METRICS})
    secs, timed = round(m.get("secs_total") or 0), int(m.get("timed") or 0)
    return Figures(counts, secs, timed, index.day_seconds)


def _keyed(
    s: Session, grouping: Grouping, facts: list[duties.Fact]
) -> list[tuple[duties.Fact, str]]:
    """Each fact with its group's key, as the SQL groups dossiers (a procedure outside the
    catalog has no field, and no row in a split by field, as with the SQL's join)."""
    if not facts:
        return []
    if grouping is Grouping.OFFICER:
        return [(f, f.officer) for f in facts]
    ids = list({f.dossier_id for f in facts})
    found: dict[str, tuple[str, int]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = s.execute(
            select(Dossier.id, Dossier.procedure_code, Dossier.channel).where(Dossier.id.in_(chunk))
        )
        found.update({d: (p, int(c)) for d, p, c in rows})
    if grouping is Grouping.PROCEDURE:
        return [(f, found[f.dossier_id][0]) for f in facts if f.dossier_id in found]
    if grouping is Grouping.CHANNEL:
        return [(f, str(found[f.dossier_id][1])) for f in facts if f.dossier_id in found]
    fields = dict(s.execute(select(ProcedureRow.code, ProcedureRow.field_code)).all())
    out = []
    for f in facts:
        procedure = found.get(f.dossier_id, ("", 0))[0]
        field = fields.get(procedure)
        if field is not None:
            out.append((f, str(field)))
    return out


def _labels(s: Session, grouping: Grouping, keys: list[str]) -> dict[str, str]:
    if grouping is Grouping.OFFICER:
        found = s.execute(select(Officer.username, Officer.full_name)).all()
        return {duties.NOBODY: "(Chưa có cán bộ kiểm tra)", **{u: n for u, n in found}}
    if grouping is Grouping.PROCEDURE:
        return {c: n for c, n in s.execute(select(ProcedureRow.code, ProcedureRow.name)).all()}
    if grouping is Grouping.FIELD:
        rows = s.execute(select(ProcedureRow.field_code, ProcedureRow.field_name)).all()
        return {c: n for c, n in rows}
    return {k: CHANNEL_LABELS_VI.get(int(k), k) for k in keys}


def _sort_key(grouping: Grouping, row: SplitRow) -> tuple[str, str]:
    if grouping is Grouping.CHANNEL:
        return (row.key, "")
    return (fold_accents(row.label), row.key)


def _time(v: Any) -> datetime | None:
    if v is None:
        return None
    return v if isinstance(v, datetime) else datetime.fromisoformat(str(v))


def _day(v: Any) -> date | None:
    return date.fromisoformat(str(v)[:10]) if v else None


def _span(r: Any) -> DossierSpan:
    pauses: list[tuple[datetime, datetime | None]] = [
        (datetime.fromisoformat(a), datetime.fromisoformat(b))
        for a, b in (json.loads(r.pauses) if isinstance(r.pauses, str) else r.pauses or [])
    ]
    if r.paused_at is not None:
        paused = _time(r.paused_at)
        assert paused is not None
        pauses.append((paused, None))
    received = _time(r.rec)
    assert received is not None
    return DossierSpan(
        id=r.id,
        received_at=received,
        channel=int(r.channel),
        finished_at=_time(r.fin),
        closed_at=_time(r.closed),
        returned_at=_time(r.ret),
        due_day=_day(r.due_day),
        class_due_day=_day(r.class_due),
        pauses=tuple(pauses),
        processing_seconds=None if r.secs is None else round(r.secs),
    )
