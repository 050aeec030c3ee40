"""The pure parts: periods, working time as a subtraction, and the one-pass daily figures held
against the definition applied day by day (property tests)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import (
    CalendarExceptions,
    Cutoff,
    WorkingCalendar,
    count_start,
)
from desktop.domain.stats.metrics import Figures, Metric, bucket_of
from desktop.domain.stats.period import (
    Period,
    PeriodError,
    PeriodKind,
    between,
    day,
    month,
    named,
    parse_day,
    quarter,
    quarter_of,
    week_of,
)
from desktop.domain.stats.spans import DossierSpan, daily, figures_of
from desktop.domain.stats.worktime import WorkIndex
from tests.budget import examples

# -- periods ---------------------------------------------------------------------------------


def test_named_periods_contain_today() -> None:
    today = date(2024, 2, 29)
    assert named("today", today) == Period(today, today, PeriodKind.TODAY)
    assert named("week", today) == Period(date(2024, 2, 26), date(2024, 3, 3), PeriodKind.WEEK)
    assert named("month", today) == Period(date(2024, 2, 1), date(2024, 2, 29), PeriodKind.MONTH)
    assert named("quarter", today).first == date(2024, 1, 1)
    assert named("quarter", today).last == date(2024, 3, 31)
    assert quarter(2024, 4).last == date(2024, 12, 31)
    assert named("year", today).length == 366
    with pytest.raises(PeriodError, match="không hợp lệ"):
        named("fortnight", today)


def test_period_labels_in_vietnamese() -> None:
    assert quarter(2024, 3).label_vi == "Quý 3 năm 2024"
    assert quarter(2024, 3).range_vi == "từ ngày 01/07/2024 đến ngày 30/09/2024"
    assert month(2024, 2).label_vi == "Tháng 02/2024"
    assert day(date(2023, 10, 27)).label_vi == "Ngày 27/10/2023"
    assert between(date(2024, 1, 2), date(2024, 1, 9)).label_vi == (
        "Từ ngày 02/01/2024 đến ngày 09/01/2024"
    )


def test_period_moments_and_cutoff() -> None:
    p = month(2024, 2)
    assert p.start == datetime(2024, 2, 1) and p.end == datetime(2024, 3, 1)
    assert p.cutoff(date(2024, 2, 10)) == date(2024, 2, 10)  # still running: today
    assert p.cutoff(date(2024, 5, 1)) == date(2024, 2, 29)  # over: its last day
    assert quarter_of(date(2024, 5, 1)).previous() == quarter(2024, 1)
    assert week_of(date(2024, 5, 1)).previous().first == date(2024, 4, 22)


def test_bad_periods_are_refused_in_vietnamese() -> None:
    with pytest.raises(PeriodError, match="trước ngày bắt đầu"):
        between(date(2024, 2, 1), date(2024, 1, 1))
    with pytest.raises(PeriodError, match="10 năm"):
        between(date(2010, 1, 1), date(2024, 1, 1))
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        parse_day("27/10/2023")
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        parse_day("20231027")
    with pytest.raises(PeriodError, match="2000"):
        between(date(1999, 12, 31), date(2000, 1, 2))


# -- working time -------------------------------------------------------------------------------

CAL = WorkingCalendar(
    exceptions=CalendarExceptions(
        days_off=frozenset({date(2024, 3, 8)}), working_days=frozenset({date(2024, 3, 16)})
    )
)
CUTOFF = Cutoff(time(16, 0), frozenset({2}))
INDEX = WorkIndex.build(CAL, date(2023, 12, 1), date(2024, 6, 30), CUTOFF)
moments = st.datetimes(min_value=datetime(2023, 12, 1), max_value=datetime(2024, 6, 29, 23, 59))


@settings(max_examples=examples(2), deadline=None)
@given(moments, moments)
def test_working_time_is_a_subtraction(a: datetime, b: datetime) -> None:
    # to the second, as times are stored
    a, b = min(a, b).replace(microsecond=0), max(a, b).replace(microsecond=0)
    wa, wb = INDEX.at(a), INDEX.at(b)
    assert wa is not None and wb is not None
    assert wb - wa == int(CAL.working_time_between(a, b).total_seconds())


@settings(max_examples=examples(4 / 3), deadline=None)
@given(
    st.datetimes(min_value=datetime(2023, 12, 1), max_value=datetime(2024, 6, 20)),
    st.sampled_from([1, 2, 3]),
)
def test_the_clock_starts_where_due_dates_start(received: datetime, channel: int) -> None:
    received = received.replace(microsecond=0)
    start = count_start(CAL, received, channel, CUTOFF)
    assert INDEX.clock_start(received, channel) == INDEX.at(start)


def test_holidays_and_announced_days_in_the_index() -> None:
    # Tết 2024 (8–14 February) and the announced day off on Friday 8 March count nothing; the
    # make-up Saturdays (4 May from the holidays package, 16 March announced) count a full day
    assert INDEX.at(datetime(2024, 2, 15, 7)) == INDEX.at(datetime(2024, 2, 7, 17))
    assert INDEX.at(datetime(2024, 3, 11, 7)) == INDEX.at(datetime(2024, 3, 7, 17))
    for sat in (date(2024, 5, 4), date(2024, 3, 16)):
        before = INDEX.at(datetime.combine(sat, time(0)))
        after = INDEX.at(datetime.combine(sat, time(23, 59)))
        assert before is not None and after is not None and after - before == 8 * 3600
    assert INDEX.at(datetime(2030, 1, 1)) is None
    # supplement waits are taken out of processing time
    got = INDEX.processing_seconds(
        datetime(2024, 3, 4, 9),
        1,
        datetime(2024, 3, 6, 9),
        ((datetime(2024, 3, 4, 10), datetime(2024, 3, 5, 10)),),
    )
    assert got == 16 * 3600 - 8 * 3600


def test_buckets() -> None:
    d = 8 * 3600
    assert bucket_of(0, d) is Metric.PROCESSING_UNDER_1
    assert bucket_of(d - 1, d) is Metric.PROCESSING_UNDER_1
    assert bucket_of(d, d) is Metric.PROCESSING_1_3
    assert bucket_of(20 * d, d) is Metric.PROCESSING_20_MORE


# -- daily figures in one pass == the definition, day by day ------------------------------------

START = datetime(2024, 3, 1)


@st.composite
def spans(draw: st.DrawFn) -> DossierSpan:
    def snap(moment: datetime) -> datetime:
        # to midnight sometimes, so the edges between days are exercised
        return datetime.combine(moment.date(), time.min) if draw(st.booleans()) else moment

    def at(lo: int, hi: int) -> datetime:
        return snap(START + timedelta(minutes=draw(st.integers(lo, hi))))

    received = at(0, 40 * 1440)
    end_kind = draw(st.sampled_from(["open", "finished", "closed"]))
    end = max(received, snap(received + timedelta(minutes=draw(st.integers(0, 20 * 1440)))))
    pauses: list[tuple[datetime, datetime | None]] = []
    cursor = received
    for _ in range(draw(st.integers(0, 2))):
        a = max(cursor, snap(cursor + timedelta(minutes=draw(st.integers(0, 5 * 1440)))))
        b = max(a + timedelta(minutes=1), snap(a + timedelta(minutes=draw(st.integers(1, 7200)))))
        if end_kind != "open" and b > end:
            break
        pauses.append((a, b))
        cursor = b
    if end_kind == "open" and draw(st.booleans()):
        pauses.append(
            (max(cursor, snap(cursor + timedelta(minutes=draw(st.integers(0, 1440))))), None)
        )
    finished = end if end_kind == "finished" else None
    due = (received + timedelta(days=draw(st.integers(0, 12)))).date()
    return DossierSpan(
        id=str(draw(st.uuids())),
        received_at=received,
        channel=draw(st.sampled_from([1, 2, 3])),
        finished_at=finished,
        closed_at=end if end_kind == "closed" else None,
        returned_at=finished + timedelta(hours=draw(st.integers(0, 100)))
        if finished and draw(st.booleans())
        else None,
        due_day=due + timedelta(days=draw(st.integers(0, 3))),
        class_due_day=due,
        pauses=tuple(pauses),
        processing_seconds=draw(st.integers(0, 30 * 8 * 3600)) if finished else None,
    )


@settings(max_examples=examples(), deadline=None)
@given(st.lists(spans(), max_size=12), st.integers(0, 30), st.integers(0, 25))
def test_daily_equals_each_day_as_its_own_period(
    dossiers: list[DossierSpan], offset: int, length: int
) -> None:
    period = between(
        START.date() + timedelta(days=offset), START.date() + timedelta(days=offset + length)
    )
    per_day = daily(dossiers, period, 8 * 3600)
    for d in period.days():
        assert per_day[d] == figures_of(dossiers, day(d), d, 8 * 3600), d


@settings(max_examples=examples(), deadline=None)
@given(st.lists(spans(), max_size=12), st.integers(0, 30), st.integers(0, 25))
def test_what_comes_in_goes_out_or_stays(dossiers: list[DossierSpan], offset: int, n: int) -> None:
    period = between(
        START.date() + timedelta(days=offset), START.date() + timedelta(days=offset + n)
    )
    f: Figures = figures_of(dossiers, period, period.last, 8 * 3600)
    assert f.total_received == f[Metric.RESOLVED] + f[Metric.WITHDRAWN] + f[Metric.IN_PROGRESS]
    assert f[Metric.RECEIVED] == sum(
        f[m] for m in (Metric.RECEIVED_ONLINE, Metric.RECEIVED_DIRECT, Metric.RECEIVED_POST)
    )
    assert f[Metric.RESOLVED] == sum(
        f[m] for m in (Metric.RESOLVED_EARLY, Metric.RESOLVED_ON_TIME, Metric.RESOLVED_LATE)
    )
    assert f[Metric.IN_PROGRESS] == f[Metric.IN_PROGRESS_WITHIN] + f[Metric.IN_PROGRESS_OVERDUE]
    assert f[Metric.WAITING_SUPPLEMENT] <= f[Metric.IN_PROGRESS]
