"""Random dossier histories through the real services: the SQL statistics equal the definitions
applied in Python to what the dossier rows and their events say, worked out independently of the
SQL (closing times and first due dates from the events, processing time from the calendar)."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.domain.dossier import TransitionError
from desktop.domain.stats.metrics import DOSSIER_METRICS, Figures, Grouping, Metric
from desktop.domain.stats.period import Period, between, day, month
from desktop.domain.stats.results import Cell
from desktop.domain.stats.spans import DossierSpan, figures_of
from desktop.domain.stats.worktime import WorkIndex
from desktop.store.dossiers.service import ActionError
from desktop.store.models import Dossier
from desktop.store.stats.service import StatsQuery, StatsService
from tests.budget import examples
from tests.conftest import Counter
from tests.stats.history import (
    AT_ONCE,
    EIGHT_HOURS,
    FIFTEEN_DAYS,
    HOUSEHOLD,
    THREE_DAYS,
    History,
)

BASE = datetime(2023, 8, 21, 0, 0)
END = datetime(2023, 11, 1, 9, 0)
ACTIONS = (
    "pause",
    "resume",
    "finish",
    "return",
    "withdraw",
    "apologise",
    "dept4",
    "dept5",
    "dept8",
)


@st.composite
def lives(draw: st.DrawFn) -> list[tuple[str, int]]:
    """A dossier's life in the usual order, each step optional, with random gaps (minutes)."""

    def gap() -> int:
        return draw(st.integers(1, 6 * 1440))

    steps: list[tuple[str, int]] = []
    if draw(st.booleans()):
        steps.append(("dept4", gap()))
    if draw(st.booleans()):
        asked = draw(st.sampled_from(["pause", "dept5"]))
        steps.append((asked, gap()))
        if draw(st.integers(0, 3)):
            steps.append((draw(st.sampled_from(["resume", "dept4"])), gap()))
    if draw(st.booleans()):
        steps.append(("apologise", gap()))
    end = draw(st.sampled_from(["finish", "finish", "withdraw", "dept8", "open"]))
    if end != "open":
        steps.append((end, gap()))
    if end == "finish" and draw(st.booleans()):
        steps.append(("return", gap()))
    if draw(st.integers(0, 4)) == 0:  # and now and then something not allowed at that point
        steps.insert(draw(st.integers(0, len(steps))), (draw(st.sampled_from(ACTIONS)), gap()))
    return steps


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[str, int, int, list[tuple[str, int]]]]:
    plans = []
    for _ in range(draw(st.integers(1, 10))):
        proc = draw(st.sampled_from([THREE_DAYS, HOUSEHOLD, EIGHT_HOURS, AT_ONCE, FIFTEEN_DAYS]))
        start = draw(st.integers(0, 50 * 1440))  # any minute, working time or not
        plans.append((proc, draw(st.sampled_from([1, 2, 3])), start, draw(lives())))
    return plans


def _act(h: History, name: str, action: str, when: str) -> None:
    do = {
        "pause": lambda: h.pause(name, when),
        "resume": lambda: h.resume(name, when),
        "finish": lambda: h.finish(name, when),
        "return": lambda: h.hand_over(name, when),
        "withdraw": lambda: h.withdraw(name, when),
        "apologise": lambda: h.apologise(name, when, "2d"),
        "dept4": lambda: h.department(name, when, 4),
        "dept5": lambda: h.department(name, when, 5),
        "dept8": lambda: h.department(name, when, 8),
    }
    # not allowed from where the dossier is: the history goes on without it
    with contextlib.suppress(ActionError, TransitionError):
        do[action]()


def _python_spans(c: Counter, index: WorkIndex) -> list[DossierSpan]:
    out = []
    with c.db.read() as s:
        for row in s.scalars(select(Dossier).where(Dossier.received_at.is_not(None))):
            assert row.received_at is not None and row.due_at is not None
            closed = None
            if row.finished_at is None and row.status in (7, 8):
                closed = min(
                    e.occurred_at
                    for e in row.events
                    if e.type == "withdrawn"
                    or (e.type == "department_progress" and int(e.payload["status"]) == 8)
                )
            apologies = [e for e in row.events if e.type == "rescheduled"]
            first_due = (
                datetime.fromisoformat(apologies[0].payload["previous_due_at"])
                if apologies
                else row.due_at
            )
            done = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in row.pauses]
            pauses: list[tuple[datetime, datetime | None]] = list(done)
            if row.paused_at is not None:
                pauses.append((row.paused_at, None))
            seconds = None
            if row.finished_at is not None:
                seconds = index.processing_seconds(
                    row.received_at, row.channel, row.finished_at, tuple(done)
                )
            out.append(
                DossierSpan(
                    id=row.id,
                    received_at=row.received_at,
                    channel=row.channel,
                    finished_at=row.finished_at,
                    closed_at=closed,
                    returned_at=row.returned_at,
                    due_day=row.due_at.date(),
                    class_due_day=first_due.date(),
                    pauses=tuple(pauses),
                    processing_seconds=seconds,
                )
            )
    return out


PERIODS: list[Period] = [
    month(2023, 9),
    between(date(2023, 8, 25), date(2023, 9, 12)),
    day(date(2023, 9, 5)),
    between(date(2023, 8, 1), date(2023, 11, 1)),
]


@settings(
    max_examples=examples(1 / 6),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(histories())
# slow (make check-all), for the default suite's 5-minute budget: property test over random
# histories; tests/stats/test_counts.py checks the same cells on fixed ones
@pytest.mark.slow
def test_sql_equals_the_definitions_on_random_histories(
    plans: list[tuple[str, int, int, list[tuple[str, int]]]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        c = Counter(Path(tmp) / "data", "an-giang", "000.00.12.H01", None)
        try:
            h = History(c)
            for i, (proc, channel, start, steps) in enumerate(plans):
                name = f"d{i}"
                when = BASE + timedelta(minutes=start)
                h.receive(name, when.isoformat(timespec="minutes"), proc, channel)
                for action, gap in steps:
                    when += timedelta(minutes=gap)
                    if when < END:  # nothing happens after the statistics are taken
                        _act(h, name, action, when.isoformat(timespec="minutes"))
            c.now = END
            service = StatsService(c.db, c.ctx, c.clock)
            spans = _python_spans(c, service.work_index(PERIODS[-1]))
            for period in PERIODS:
                got = service.summary(StatsQuery(period)).figures
                want = figures_of(spans, period, period.cutoff(END.date()), got.day_seconds)
                # the SQL's metrics; the duties are not SQL (tests/stats/test_duties.py)
                assert _sql_part(got) == _sql_part(want), period
            by_field = service.split(StatsQuery(PERIODS[0]), Grouping.FIELD)
            for row in by_field.rows:
                for m in Metric:
                    found = service.drill(StatsQuery(PERIODS[0]), Cell(m, Grouping.FIELD, row.key))
                    assert len(found) == row.figures[m]
        finally:
            c.db.close()


def _sql_part(f: Figures) -> tuple[dict[Metric, int], int, int]:
    return {m: f[m] for m in DOSSIER_METRICS}, f.processing_seconds, f.timed
