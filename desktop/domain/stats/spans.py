"""One dossier's life as statistics see it, and the metrics it counts in for a period.

``metrics_for`` is the definition of metrics.py written out for one dossier and one period; the
store computes the same numbers in SQL for speed, and the tests hold the two against each other.
``daily`` gives the figures of every day of a period in one pass (a day is a period of its own),
turning each dossier into the runs of days it counts on instead of asking each day in turn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .metrics import BUCKET_METRICS, Figures, Metric, bucket_of
from .period import Period

_CHANNEL_METRIC = {
    1: Metric.RECEIVED_DIRECT,
    2: Metric.RECEIVED_ONLINE,
    3: Metric.RECEIVED_POST,
}
_FAR = date.max - timedelta(days=2)


@dataclass(frozen=True)
class DossierSpan:
    id: str
    received_at: datetime
    channel: int
    finished_at: datetime | None = None
    closed_at: datetime | None = None  # withdrawn or stopped without a result
    returned_at: datetime | None = None
    due_day: date | None = None  # the current appointment
    class_due_day: date | None = None  # the appointment classes compare with (before Mẫu 04)
    pauses: tuple[tuple[datetime, datetime | None], ...] = ()  # None: still waiting
    processing_seconds: int | None = None

    @property
    def ended_at(self) -> datetime | None:
        return self.finished_at if self.finished_at is not None else self.closed_at

    def open_at(self, moment: datetime) -> bool:
        end = self.ended_at
        return self.received_at < moment and (end is None or end >= moment)

    def paused_at(self, moment: datetime) -> bool:
        return any(a <= moment and (b is None or moment < b) for a, b in self.pauses)


def _in(moment: datetime | None, period: Period) -> bool:
    return moment is not None and period.start <= moment < period.end


def metrics_for(span: DossierSpan, period: Period, cutoff: date, day_seconds: int) -> set[Metric]:
    """Every metric ``span`` counts in for ``period`` whose classes compare with ``cutoff``."""
    out: set[Metric] = set()
    if _in(span.received_at, period):
        out |= {Metric.RECEIVED, _CHANNEL_METRIC[span.channel]}
    if span.open_at(period.start):
        out.add(Metric.CARRIED_OVER)
    due = span.class_due_day
    if span.finished_at is not None and _in(span.finished_at, period):
        out.add(Metric.RESOLVED)
        out.add(_finished_class(span.finished_at.date(), due))
        if span.processing_seconds is not None:
            out.add(bucket_of(span.processing_seconds, day_seconds))
    if _in(span.returned_at, period):
        out.add(Metric.RETURNED)
    if span.finished_at is None and _in(span.closed_at, period):
        out.add(Metric.WITHDRAWN)
    if span.open_at(period.end):
        out.add(Metric.IN_PROGRESS)
        late = due is not None and due < cutoff
        out.add(Metric.IN_PROGRESS_OVERDUE if late else Metric.IN_PROGRESS_WITHIN)
        if span.paused_at(period.end):
            out.add(Metric.WAITING_SUPPLEMENT)
        if span.due_day == cutoff:
            out.add(Metric.DUE_TODAY)
    return out


def _finished_class(done: date, due: date | None) -> Metric:
    if due is None or done == due:
        return Metric.RESOLVED_ON_TIME
    return Metric.RESOLVED_EARLY if done < due else Metric.RESOLVED_LATE


def figures_of(
    spans: Iterable[DossierSpan], period: Period, cutoff: date, day_seconds: int
) -> Figures:
    """The figures of ``period`` straight from the definition (slow; for tests and checks)."""
    counts = dict.fromkeys(Metric, 0)
    seconds = timed = 0
    for span in spans:
        found = metrics_for(span, period, cutoff, day_seconds)
        for m in found:
            counts[m] += 1
        if Metric.RESOLVED in found and span.processing_seconds is not None:
            seconds += span.processing_seconds
            timed += 1
    return Figures(counts, seconds, timed, day_seconds)


# -- every day of a period in one pass ----------------------------------------------------------
#
# Day d as a period runs from S_d = 00:00 of d to E_d = 00:00 of d + 1. "Open at E_d" holds on a
# run of days, and so do "open at S_d" and "waiting at E_d"; these helpers turn moments into the
# first and last day d of such runs.


def _ceil_day(x: datetime) -> date:
    return x.date() if x.time() == time.min else x.date() + timedelta(days=1)


def _first_end_after(x: datetime) -> date:
    """The first day d with E_d > x."""
    return x.date()


def _first_end_from(x: datetime) -> date:
    """The first day d with E_d >= x."""
    return _ceil_day(x) - timedelta(days=1)


def _last_end_upto(x: datetime | None) -> date:
    """The last day d with E_d <= x (no end: far away)."""
    return _FAR if x is None else x.date() - timedelta(days=1)


def _last_end_before(x: datetime | None) -> date:
    """The last day d with E_d < x."""
    return _FAR if x is None else _ceil_day(x) - timedelta(days=2)


class _Runs:
    """Counts per day from runs of days, with a difference array per metric."""

    def __init__(self, period: Period) -> None:
        self.period = period
        self.diff: dict[Metric, list[int]] = defaultdict(lambda: [0] * (period.length + 1))

    def add(self, metric: Metric, first: date, last: date, step: int = 1) -> None:
        lo = max(first, self.period.first)
        hi = min(last, self.period.last)
        if lo > hi:
            return
        d = self.diff[metric]
        d[(lo - self.period.first).days] += step
        d[(hi - self.period.first).days + 1] -= step

    def at(self, metric: Metric) -> list[int]:
        out, running = [], 0
        for step in self.diff.get(metric, [0] * (self.period.length + 1))[:-1]:
            running += step
            out.append(running)
        return out


def daily(spans: Iterable[DossierSpan], period: Period, day_seconds: int) -> dict[date, Figures]:
    """The figures of each day of ``period`` as its own period (its cutoff is that day)."""
    runs = _Runs(period)
    seconds = [0] * period.length
    timed = [0] * period.length
    for s in spans:
        _flows(runs, s, day_seconds, seconds, timed)
        _stocks(runs, s)
    series = {m: runs.at(m) for m in Metric}
    out: dict[date, Figures] = {}
    for i, d in enumerate(period.days()):
        out[d] = Figures({m: series[m][i] for m in Metric}, seconds[i], timed[i], day_seconds)
    return out


def _flows(
    runs: _Runs, s: DossierSpan, day_seconds: int, seconds: list[int], timed: list[int]
) -> None:
    rd = s.received_at.date()
    runs.add(Metric.RECEIVED, rd, rd)
    runs.add(_CHANNEL_METRIC[s.channel], rd, rd)
    if s.finished_at is not None:
        fd = s.finished_at.date()
        runs.add(Metric.RESOLVED, fd, fd)
        runs.add(_finished_class(fd, s.class_due_day), fd, fd)
        if s.processing_seconds is not None:
            runs.add(bucket_of(s.processing_seconds, day_seconds), fd, fd)
            i = (fd - runs.period.first).days
            if 0 <= i < runs.period.length:
                seconds[i] += s.processing_seconds
                timed[i] += 1
    elif s.closed_at is not None:
        cd = s.closed_at.date()
        runs.add(Metric.WITHDRAWN, cd, cd)
    if s.returned_at is not None:
        td = s.returned_at.date()
        runs.add(Metric.RETURNED, td, td)


def _stocks(runs: _Runs, s: DossierSpan) -> None:
    end = s.ended_at
    # open at S_d is open at E_{d-1}
    open_first = _first_end_after(s.received_at)
    open_last = _last_end_upto(end)
    runs.add(Metric.CARRIED_OVER, open_first + timedelta(days=1), open_last + timedelta(days=1))
    runs.add(Metric.IN_PROGRESS, open_first, open_last)
    due = s.class_due_day
    # overdue on day d when due < d (the cutoff of a one-day period is the day itself)
    late_first = max(open_first, due + timedelta(days=1)) if due is not None else _FAR
    runs.add(Metric.IN_PROGRESS_WITHIN, open_first, min(open_last, late_first - timedelta(days=1)))
    runs.add(Metric.IN_PROGRESS_OVERDUE, late_first, open_last)
    if s.due_day is not None and open_first <= s.due_day <= open_last:
        runs.add(Metric.DUE_TODAY, s.due_day, s.due_day)
    for a, b in s.pauses:
        runs.add(
            Metric.WAITING_SUPPLEMENT,
            max(open_first, _first_end_from(a)),
            min(open_last, _last_end_before(b)),
        )


__all__ = ["BUCKET_METRICS", "DossierSpan", "daily", "figures_of", "metrics_for"]
