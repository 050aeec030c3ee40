"""The counter's own duties as statistics count them (issue 18; definitions in metrics.py):
checking online dossiers within the profile's working hours, and handing received dossiers to
the specialist unit within its working hours; and, since issue 20, results sent by post and
delivered within the post's 24 calendar hours (desktop/domain/post.py).

The deadlines are working-hour computations (desktop/domain/deadlines.py), which SQL cannot do
to the minute, so the store reads the few dossiers concerned into :class:`DutySpan` (with their
deadlines already computed on the province's calendar) and these functions classify them. Each
counted item is a :class:`Fact` that names the officer and counter it is counted for, so a split
and a drill-down use the very same facts as the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain import deadlines

from .metrics import Metric
from .period import Period
from .spans import _first_end_from, _last_end_before, _last_end_upto, _Runs

NOBODY = "-"  # the officer key of an online dossier nobody has answered yet


@dataclass(frozen=True)
class DutySpan:
    """One dossier as the duties see it; ``check_due``/``handover_due`` come from the profile."""

    id: str
    procedure_code: str
    channel: int
    counter: str  # the dossier's counter
    officer: str  # who received it (the reception's officer), or who registered it
    submitted_at: datetime | None = None  # online: when the portal took it
    check_due: datetime | None = None
    checked_at: datetime | None = None  # the first answer: received, refused, papers asked
    check_officer: str | None = None
    check_counter: str | None = None
    received_at: datetime | None = None
    handover_due: datetime | None = None
    handed_at: datetime | None = None  # the first hand-over to the specialist unit
    handover_officer: str | None = None
    handover_counter: str | None = None
    ended_at: datetime | None = None  # finished, or withdrawn / stopped
    pauses: tuple[tuple[datetime, datetime | None], ...] = ()  # waiting for papers
    posted_at: datetime | None = None  # the result handed to the post (issue 20)
    post_due: datetime | None = None  # 24 hours later
    post_delivered_at: datetime | None = None
    post_officer: str | None = None  # who handed it to the post
    post_counter: str | None = None

    @property
    def check_stopped_at(self) -> datetime | None:
        """When it stopped waiting for its check: answered, or withdrawn before that."""
        stops = [x for x in (self.checked_at, self.ended_at) if x is not None]
        return min(stops) if stops else None

    @property
    def handover_stopped_at(self) -> datetime | None:
        """When it stopped waiting for its hand-over: handed over, finished or closed."""
        stops = [x for x in (self.handed_at, self.ended_at) if x is not None]
        return min(stops) if stops else None

    def paused_at(self, moment: datetime) -> bool:
        return any(a <= moment and (b is None or moment < b) for a, b in self.pauses)


@dataclass(frozen=True)
class Fact:
    """One dossier counted in one duty metric, for one officer at one counter."""

    metric: Metric
    dossier_id: str
    officer: str
    counter: str
    due_at: datetime
    done_at: datetime | None  # when checked / handed over; None while waiting


def _in(moment: datetime | None, period: Period) -> bool:
    return moment is not None and period.start <= moment < period.end


def as_of(period: Period, now: datetime) -> datetime:
    """The moment waiting duties are judged at: the end of the period, or now while it runs."""
    return min(period.end, max(now, period.start))


def facts_for(span: DutySpan, period: Period, now: datetime) -> list[Fact]:
    """Every duty metric ``span`` counts in for ``period`` (``now``: the statistics' clock)."""
    out: list[Fact] = []
    end, asof = period.end, as_of(period, now)
    if span.submitted_at is not None and span.check_due is not None:
        due = span.check_due
        if span.checked_at is not None and _in(span.checked_at, period):
            who = span.check_officer or span.officer
            where = span.check_counter or span.counter
            done = span.checked_at
            for m in (Metric.ONLINE_CHECKED, _check_class(done, due)):
                out.append(Fact(m, span.id, who, where, due, done))
        stop = span.check_stopped_at
        if span.submitted_at < end and (stop is None or stop >= end) and due < asof:
            out.append(
                Fact(Metric.ONLINE_WAITING_OVERDUE, span.id, NOBODY, span.counter, due, None)
            )
    if span.received_at is not None and span.handover_due is not None:
        due = span.handover_due
        if span.handed_at is not None and _in(span.handed_at, period):
            who = span.handover_officer or span.officer
            where = span.handover_counter or span.counter
            done = span.handed_at
            for m in (Metric.HANDED_OVER, _handover_class(done, due)):
                out.append(Fact(m, span.id, who, where, due, done))
        stop = span.handover_stopped_at
        if (
            span.received_at < end
            and (stop is None or stop >= end)
            and not span.paused_at(end)
            and due < asof
        ):
            out.append(
                Fact(
                    Metric.HANDOVER_WAITING_OVERDUE, span.id, span.officer, span.counter, due, None
                )
            )
    if span.posted_at is not None and span.post_due is not None:
        out += _post_facts(span, span.posted_at, span.post_due, period, asof)
    return out


def _post_facts(
    span: DutySpan, posted: datetime, due: datetime, period: Period, asof: datetime
) -> list[Fact]:
    who, where = span.post_officer or span.officer, span.post_counter or span.counter
    delivered = span.post_delivered_at
    out = []
    if _in(posted, period):
        out.append(Fact(Metric.POST_SENT, span.id, who, where, due, delivered))
    if delivered is not None and _in(delivered, period):
        out.append(Fact(_post_class(delivered, due), span.id, who, where, due, delivered))
    if posted < period.end and (delivered is None or delivered >= period.end) and due < asof:
        out.append(Fact(Metric.POST_WAITING_OVERDUE, span.id, who, where, due, None))
    return out


def _post_class(delivered: datetime, due: datetime) -> Metric:
    # the 24 hours are judged to the minute, as the duties are (desktop/domain/post.py)
    if deadlines.on_time(delivered, due):
        return Metric.POST_DELIVERED_ON_TIME
    return Metric.POST_DELIVERED_LATE


def _check_class(done: datetime, due: datetime) -> Metric:
    if deadlines.on_time(done, due):
        return Metric.ONLINE_CHECKED_ON_TIME
    return Metric.ONLINE_CHECKED_LATE


def _handover_class(done: datetime, due: datetime) -> Metric:
    return Metric.HANDED_OVER_ON_TIME if deadlines.on_time(done, due) else Metric.HANDED_OVER_LATE


def facts_of(
    spans: Iterable[DutySpan], period: Period, now: datetime, counter: str | None = None
) -> list[Fact]:
    """The facts of every span, those of one counter when ``counter`` is given."""
    return [
        f
        for s in spans
        for f in facts_for(s, period, now)
        if counter is None or f.counter == counter
    ]


def counts_of(facts: Iterable[Fact]) -> dict[Metric, int]:
    out: dict[Metric, int] = {}
    for f in facts:
        out[f.metric] = out.get(f.metric, 0) + 1
    return out


# -- every day of a period in one pass (as spans.daily) -----------------------------------------


def daily_counts(
    spans: Iterable[DutySpan], days: Period, now: datetime, counter: str | None = None
) -> dict[date, dict[Metric, int]]:
    """The duty counts of each day of ``days`` as a period of its own: the same as
    ``counts_of(facts_of(spans, day, now, counter))`` for every day, without asking each day."""
    runs = _Runs(days)
    for s in spans:
        _flows(runs, s, counter)
        _waiting(runs, s, now, counter)
    series = {m: runs.at(m) for m in Metric}
    return {d: {m: series[m][i] for m in Metric if series[m][i]} for i, d in enumerate(days.days())}


def _flows(runs: _Runs, s: DutySpan, counter: str | None) -> None:
    checked, due = s.checked_at, s.check_due
    mine = counter is None or (s.check_counter or s.counter) == counter
    if s.submitted_at is not None and due is not None and checked is not None and mine:
        d = checked.date()
        runs.add(Metric.ONLINE_CHECKED, d, d)
        runs.add(_check_class(checked, due), d, d)
    handed, due = s.handed_at, s.handover_due
    mine = counter is None or (s.handover_counter or s.counter) == counter
    if s.received_at is not None and due is not None and handed is not None and mine:
        d = handed.date()
        runs.add(Metric.HANDED_OVER, d, d)
        runs.add(_handover_class(handed, due), d, d)
    posted, due = s.posted_at, s.post_due
    mine = counter is None or (s.post_counter or s.counter) == counter
    if posted is not None and due is not None and mine:
        runs.add(Metric.POST_SENT, posted.date(), posted.date())
        if s.post_delivered_at is not None:
            d = s.post_delivered_at.date()
            runs.add(_post_class(s.post_delivered_at, due), d, d)


def _waiting(runs: _Runs, s: DutySpan, now: datetime, counter: str | None) -> None:
    # day d ends at E_d = 00:00 of d + 1 and is judged at min(E_d, now): overdue on day d when
    # due < E_d (d >= the due date) and, for today, due < now; waiting while the stop is >= E_d
    # results by post: counted at the counter that handed them to the post
    due = s.post_due
    mine = counter is None or (s.post_counter or s.counter) == counter
    if s.posted_at is not None and due is not None and due < now and mine:
        runs.add(Metric.POST_WAITING_OVERDUE, due.date(), _last_end_upto(s.post_delivered_at))
    if counter is not None and s.counter != counter:
        return
    if s.submitted_at is not None and s.check_due is not None and s.check_due < now:
        runs.add(
            Metric.ONLINE_WAITING_OVERDUE,
            s.check_due.date(),
            _last_end_upto(s.check_stopped_at),
        )
    if s.received_at is not None and s.handover_due is not None and s.handover_due < now:
        first, last = s.handover_due.date(), _last_end_upto(s.handover_stopped_at)
        runs.add(Metric.HANDOVER_WAITING_OVERDUE, first, last)
        for a, b in s.pauses:  # not while waiting for the citizen's papers (pauses never overlap)
            lo, hi = max(first, _first_end_from(a)), min(last, _last_end_before(b))
            if lo <= hi:
                runs.add(Metric.HANDOVER_WAITING_OVERDUE, lo, hi, -1)
