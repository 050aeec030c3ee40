from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import (
    CalendarError,
    CalendarExceptions,
    Cutoff,
    WorkingCalendar,
    count_start,
    due_at,
    extend_for_pauses,
)
from desktop.domain.procedures import Limit
from tests.budget import examples

CAL = WorkingCalendar()
AN_GIANG_CUTOFF = Cutoff(at=time(16, 0), channels=frozenset({2}))
H = timedelta(hours=1)
M = timedelta(minutes=1)


def dt(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi)


def due(
    received: datetime,
    limit: str,
    cal: WorkingCalendar = CAL,
    channel: int = 1,
    cutoff: Cutoff | None = None,
) -> datetime:
    return due_at(cal, received, Limit.parse(limit), channel, cutoff)


# -- day limits over the national calendar ---------------------------------------------------------


def test_design_check_five_working_days_keep_the_clock_time() -> None:
    # Fri 27/10 → Mon 30, Tue 31, Wed 1/11, Thu 2, Fri 3.
    assert due(dt(2023, 10, 27, 9, 32), "5d") == dt(2023, 11, 3, 9, 32)


def test_tet_2024_is_skipped() -> None:
    for d in range(8, 15):
        assert not CAL.is_working_day(date(2024, 2, d)), d
    assert CAL.is_working_day(date(2024, 2, 7))
    # Wed 7/2 10:00: 8–14/2 off, day 1 = Thu 15/2, day 2 = Fri 16/2.
    assert due(dt(2024, 2, 7, 10), "2d") == dt(2024, 2, 16, 10)
    assert due(dt(2024, 2, 7, 10), "1d") == dt(2024, 2, 15, 10)
    # Days 3 and 4 cross the weekend 17–18/2.
    assert due(dt(2024, 2, 7, 10), "4d") == dt(2024, 2, 20, 10)


def test_hung_kings_2023_observed_days_and_labour_day() -> None:
    # 29/4 Sat (Giỗ Tổ) → observed Tue 2/5; 30/4 Sun → observed Wed 3/5; 1/5 Mon.
    for d in (date(2023, 4, 29), date(2023, 4, 30), date(2023, 5, 1)):
        assert not CAL.is_working_day(d), d
    assert not CAL.is_working_day(date(2023, 5, 2))
    assert not CAL.is_working_day(date(2023, 5, 3))
    assert CAL.is_working_day(date(2023, 5, 4))
    # Fri 28/4 09:00 + 1 working day: 29/4–3/5 are all off → Thu 4/5.
    assert due(dt(2023, 4, 28, 9), "1d") == dt(2023, 5, 4, 9)
    assert due(dt(2023, 4, 28, 9), "2d") == dt(2023, 5, 5, 9)


def test_national_day_and_its_adjacent_day() -> None:
    # 2024: Mon 2/9 and Tue 3/9. Fri 30/8 + 1 → Wed 4/9.
    assert not CAL.is_working_day(date(2024, 9, 2))
    assert not CAL.is_working_day(date(2024, 9, 3))
    assert due(dt(2024, 8, 30, 8), "1d") == dt(2024, 9, 4, 8)
    # 2025: Mon 1/9 and Tue 2/9. Fri 29/8 + 1 → Wed 3/9.
    assert not CAL.is_working_day(date(2025, 9, 1))
    assert not CAL.is_working_day(date(2025, 9, 2))
    assert due(dt(2025, 8, 29, 14), "1d") == dt(2025, 9, 3, 14)
    # 2023: Fri 1/9, Sat 2/9 and the observed Mon 4/9. Thu 31/8 + 1 → Tue 5/9.
    assert due(dt(2023, 8, 31, 8), "1d") == dt(2023, 9, 5, 8)


def test_hung_kings_2026_on_a_sunday_is_observed_on_monday() -> None:
    assert not CAL.is_working_day(date(2026, 4, 27))
    # Fri 24/4 + 1: Sat 25, Sun 26 (Giỗ Tổ), Mon 27 observed → Tue 28/4.
    assert due(dt(2026, 4, 24, 10), "1d") == dt(2026, 4, 28, 10)
    # Thu 30/4 and Fri 1/5 are off too: Tue 28 (1), Wed 29 (2), Mon 4/5 (3).
    assert due(dt(2026, 4, 24, 10), "3d") == dt(2026, 5, 4, 10)


def test_make_up_saturdays_known_to_the_holidays_package_are_working_days() -> None:
    assert CAL.is_working_day(date(2024, 5, 4))
    assert not CAL.is_working_day(date(2024, 4, 29))  # swapped with Sat 4/5
    assert CAL.is_working_day(date(2025, 4, 26))
    assert not CAL.is_working_day(date(2025, 5, 2))  # swapped with Sat 26/4
    # Fri 26/4/2024: 29/4, 30/4, 1/5 off → Thu 2/5 (1), Fri 3/5 (2), Sat 4/5 (3).
    assert due(dt(2024, 4, 26, 10), "1d") == dt(2024, 5, 2, 10)
    assert due(dt(2024, 4, 26, 10), "3d") == dt(2024, 5, 4, 10)
    assert due(dt(2024, 4, 26, 10), "4d") == dt(2024, 5, 6, 10)
    # Fri 25/4/2025 → Sat 26/4 (1), Mon 28 (2), Tue 29 (3); 30/4–2/5 off, then Mon 5/5 (4).
    assert due(dt(2025, 4, 25, 10), "1d") == dt(2025, 4, 26, 10)
    assert due(dt(2025, 4, 25, 10), "4d") == dt(2025, 5, 5, 10)
    # Ordinary Saturdays stay off.
    assert not CAL.is_working_day(date(2024, 5, 11))


def test_vietnam_cultural_day_2026_is_a_day_off() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))  # Tuesday
    assert due(dt(2026, 11, 23, 9), "1d") == dt(2026, 11, 25, 9)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_the_calendar_agrees_with_the_holidays_package(year: int) -> None:
    vn = holidays.country_holidays("VN", years=year)
    for d in vn:
        assert not CAL.is_working_day(d), d
    for d in vn.weekend_workdays:
        if d.year == year:
            assert CAL.is_working_day(d), d


def test_without_national_holidays_only_weekdays_count() -> None:
    plain = WorkingCalendar(use_national_holidays=False)
    assert plain.is_working_day(date(2024, 2, 12))  # Tết Monday
    assert not plain.is_working_day(date(2024, 5, 4))  # make-up Saturday unknown
    assert due(dt(2024, 2, 7, 10), "2d", plain) == dt(2024, 2, 9, 10)


# -- announced exceptions ----------------------------------------------------------------------


def test_announced_day_off_and_make_up_saturday_override() -> None:
    off = WorkingCalendar(exceptions=CalendarExceptions(days_off=frozenset({date(2023, 10, 30)})))
    assert not off.is_working_day(date(2023, 10, 30))
    # Mon 30/10 is skipped: Tue 31, Wed 1, Thu 2, Fri 3, Mon 6.
    assert due(dt(2023, 10, 27, 9, 32), "5d", off) == dt(2023, 11, 6, 9, 32)

    makeup = WorkingCalendar(
        exceptions=CalendarExceptions(working_days=frozenset({date(2023, 10, 28)}))
    )
    assert makeup.is_working_day(date(2023, 10, 28))
    # Sat 28, Mon 30, Tue 31, Wed 1, Thu 2.
    assert due(dt(2023, 10, 27, 9, 32), "5d", makeup) == dt(2023, 11, 2, 9, 32)


def test_announced_exceptions_beat_the_holidays_package() -> None:
    cal = WorkingCalendar(
        exceptions=CalendarExceptions(
            days_off=frozenset({date(2024, 5, 4)}),  # package's make-up Saturday cancelled
            working_days=frozenset({date(2024, 2, 14)}),  # a Tết day worked
        )
    )
    assert not cal.is_working_day(date(2024, 5, 4))
    assert cal.is_working_day(date(2024, 2, 14))
    assert due(dt(2024, 2, 7, 10), "1d", cal) == dt(2024, 2, 14, 10)


def test_a_date_both_off_and_make_up_is_refused() -> None:
    d = date(2023, 10, 28)
    with pytest.raises(ValueError, match="2023-10-28"):
        CalendarExceptions(days_off=frozenset({d}), working_days=frozenset({d}))


def test_a_calendar_without_working_days_raises() -> None:
    empty = WorkingCalendar(weekdays=frozenset(), use_national_holidays=False)
    with pytest.raises(CalendarError):
        empty.next_working_day(date(2023, 1, 1))


# -- reception outside working hours -----------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "start"),
    [
        (dt(2023, 10, 30, 6, 0), dt(2023, 10, 30, 7, 0)),  # Mon before opening
        (dt(2023, 10, 30, 12, 0), dt(2023, 10, 30, 13, 30)),  # lunch break
        (dt(2023, 10, 30, 11, 30), dt(2023, 10, 30, 13, 30)),  # a period end is not working
        (dt(2023, 10, 27, 17, 30), dt(2023, 10, 30, 7, 0)),  # Fri evening → Mon
        (dt(2023, 10, 27, 17, 0), dt(2023, 10, 30, 7, 0)),
        (dt(2023, 10, 29, 10, 0), dt(2023, 10, 30, 7, 0)),  # Sunday
        (dt(2023, 10, 30, 7, 0), dt(2023, 10, 30, 7, 0)),  # working time: itself
        (dt(2023, 10, 30, 16, 59), dt(2023, 10, 30, 16, 59)),
        (dt(2024, 2, 7, 18, 0), dt(2024, 2, 15, 7, 0)),  # eve of Tết
    ],
)
def test_count_start_outside_working_hours(received: datetime, start: datetime) -> None:
    assert count_start(CAL, received) == start


def test_day_limit_counts_from_the_next_working_start() -> None:
    assert due(dt(2023, 10, 30, 12, 0), "1d") == dt(2023, 10, 31, 13, 30)
    assert due(dt(2023, 10, 27, 17, 30), "1d") == dt(2023, 10, 31, 7, 0)
    assert due(dt(2023, 10, 29, 10, 0), "5d") == dt(2023, 11, 6, 7, 0)


# -- hour limits and trả ngay -------------------------------------------------------------------


def test_hour_limits() -> None:
    # Mon 15:00: 2h to 17:00, then 2h from Tue 07:00 → 09:00.
    assert due(dt(2023, 10, 30, 15, 0), "4h") == dt(2023, 10, 31, 9, 0)
    # 07:00 + 8h: 4h30 to 11:30, 3h30 from 13:30 → exactly 17:00 the same day.
    assert due(dt(2023, 10, 30, 7, 0), "8h") == dt(2023, 10, 30, 17, 0)
    # Fri 15:00 + 4h → Mon 09:00.
    assert due(dt(2023, 10, 27, 15, 0), "4h") == dt(2023, 10, 30, 9, 0)
    # 10:00 + 2h: 1h30 to 11:30, 0h30 after lunch → 14:00.
    assert due(dt(2023, 10, 30, 10, 0), "2h") == dt(2023, 10, 30, 14, 0)
    # Mon 09:32 + 8h (2.000815 chứng thực) → Tue 09:32.
    assert due(dt(2023, 10, 30, 9, 32), "8h") == dt(2023, 10, 31, 9, 32)
    # Received at lunch: 13:30 + 4h → 3h30 to 17:00, 0h30 Tue → 07:30.
    assert due(dt(2023, 10, 30, 12, 0), "4h") == dt(2023, 10, 31, 7, 30)


def test_immediate_limit() -> None:
    assert due(dt(2023, 10, 30, 10, 15), "0") == dt(2023, 10, 30, 10, 15)
    assert due(dt(2023, 10, 30, 12, 0), "0") == dt(2023, 10, 30, 13, 30)
    assert due(dt(2023, 10, 28, 9, 0), "0") == dt(2023, 10, 30, 7, 0)


def test_negative_amount_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_time(dt(2023, 10, 30, 9), -M)


def test_default_day_is_eight_working_hours() -> None:
    assert CAL.day_length == 8 * H
    assert CAL.working_time_between(dt(2023, 10, 30, 0), dt(2023, 10, 31, 0)) == 8 * H
    assert CAL.working_time_between(dt(2023, 10, 27, 0), dt(2023, 10, 30, 0)) == 8 * H
    assert CAL.working_time_between(dt(2023, 10, 30, 12), dt(2023, 10, 30, 10)) == timedelta(0)


def test_custom_periods() -> None:
    cal = WorkingCalendar(periods=((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0))))
    assert cal.day_length == 8 * H
    assert count_start(cal, dt(2023, 10, 30, 7, 0)) == dt(2023, 10, 30, 7, 30)
    assert count_start(cal, dt(2023, 10, 30, 12, 0)) == dt(2023, 10, 30, 13, 0)
    # 10:30 + 2h: 1h to 11:30, 1h from 13:00 → 14:00.
    assert due(dt(2023, 10, 30, 10, 30), "2h", cal) == dt(2023, 10, 30, 14, 0)


# -- the An Giang cut-off (online dossiers after 16:00) -----------------------------------------


def test_cutoff_moves_online_dossiers_to_the_next_morning() -> None:
    thu = dt(2023, 10, 26, 16, 30)
    assert count_start(CAL, thu, 2, AN_GIANG_CUTOFF) == dt(2023, 10, 27, 7, 0)
    assert due(thu, "1d", channel=2, cutoff=AN_GIANG_CUTOFF) == dt(2023, 10, 30, 7, 0)
    assert due(thu, "8h", channel=2, cutoff=AN_GIANG_CUTOFF) == dt(2023, 10, 27, 17, 0)
    # Friday after 16:00 → Monday 07:00.
    fri = dt(2023, 10, 27, 16, 10)
    assert count_start(CAL, fri, 2, AN_GIANG_CUTOFF) == dt(2023, 10, 30, 7, 0)
    # "sau 16 giờ": strictly after the cut-off; 16:00 itself still counts from that moment.
    at_four = dt(2023, 10, 26, 16, 0)
    assert count_start(CAL, at_four, 2, AN_GIANG_CUTOFF) == at_four
    assert count_start(CAL, dt(2023, 10, 26, 16, 1), 2, AN_GIANG_CUTOFF) == dt(2023, 10, 27, 7)


def test_cutoff_leaves_other_channels_and_earlier_times_alone() -> None:
    thu = dt(2023, 10, 26, 16, 30)
    assert count_start(CAL, thu, 1, AN_GIANG_CUTOFF) == thu
    assert count_start(CAL, thu, 3, AN_GIANG_CUTOFF) == thu
    assert due(thu, "1d", channel=1, cutoff=AN_GIANG_CUTOFF) == dt(2023, 10, 27, 16, 30)
    early = dt(2023, 10, 26, 15, 59)
    assert count_start(CAL, early, 2, AN_GIANG_CUTOFF) == early
    assert count_start(CAL, thu, 2, None) == thu
    # On a day off the next working start already applies.
    assert count_start(CAL, dt(2023, 10, 28, 17, 0), 2, AN_GIANG_CUTOFF) == dt(2023, 10, 30, 7)


# -- supplement pauses -------------------------------------------------------------------------


def test_pause_moves_due_by_the_working_time_waited() -> None:
    due_date = dt(2023, 11, 3, 9, 32)  # the DESIGN check
    # Waiting Mon 30/10 09:32 → Wed 1/11 09:32 is two working days: Fri 3/11 → Tue 7/11.
    pause = (dt(2023, 10, 30, 9, 32), dt(2023, 11, 1, 9, 32))
    assert extend_for_pauses(CAL, due_date, [pause]) == dt(2023, 11, 7, 9, 32)


def test_pause_over_a_weekend_and_lunch() -> None:
    due_date = dt(2023, 11, 3, 9, 32)
    # Waited: Fri 27/10 16:00–17:00 (1h) + Mon 30/10 07:00–11:30 (4h30) = 5h30.
    # Fri 3/11 09:32 + 5h30: 1h58 to 11:30, 3h30 to 17:00, 0h02 on Mon 6/11 → 07:02.
    pause = (dt(2023, 10, 27, 16, 0), dt(2023, 10, 30, 13, 30))
    assert extend_for_pauses(CAL, due_date, [pause]) == dt(2023, 11, 6, 7, 2)


def test_pauses_that_do_not_count() -> None:
    due_date = dt(2023, 11, 3, 9, 32)
    weekend = (dt(2023, 10, 28, 9, 0), dt(2023, 10, 29, 10, 0))
    lunch = (dt(2023, 10, 30, 11, 40), dt(2023, 10, 30, 13, 20))
    after_due = (dt(2023, 11, 3, 10, 0), dt(2023, 11, 6, 10, 0))
    backwards = (dt(2023, 10, 31, 10, 0), dt(2023, 10, 30, 10, 0))
    for pause in (weekend, lunch, after_due, backwards):
        assert extend_for_pauses(CAL, due_date, [pause]) == due_date, pause
    assert extend_for_pauses(CAL, due_date, []) == due_date


def test_two_pauses_add_up_in_any_order() -> None:
    due_date = dt(2023, 11, 3, 9, 32)
    one_hour = (dt(2023, 10, 30, 8, 0), dt(2023, 10, 30, 9, 0))
    two_hours = (dt(2023, 10, 31, 14, 0), dt(2023, 10, 31, 16, 0))
    # 3h in all: 09:32 + 1h58 → 11:30, + 1h02 → 14:32.
    expected = dt(2023, 11, 3, 14, 32)
    assert extend_for_pauses(CAL, due_date, [one_hour, two_hours]) == expected
    assert extend_for_pauses(CAL, due_date, [two_hours, one_hour]) == expected


# -- properties --------------------------------------------------------------------------------

PROPS = settings(max_examples=examples(), deadline=None)

moments = st.builds(
    lambda d, minute: datetime.combine(d, time()) + minute * M,
    st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
)
working_moments = moments.map(CAL.next_working_start)
amounts = st.integers(min_value=0, max_value=60 * 40).map(lambda n: n * M)
limits = st.one_of(
    st.just(Limit.parse("0")),
    st.integers(1, 30).map(lambda n: Limit.parse(f"{n}d")),
    st.integers(1, 48).map(lambda n: Limit.parse(f"{n}h")),
)
channels = st.sampled_from([1, 2, 3])
cutoffs = st.sampled_from([None, AN_GIANG_CUTOFF])
period_ends = {b for _a, b in CAL.periods}


@PROPS
@given(moments, limits, channels, cutoffs)
def test_due_is_never_before_reception(
    received: datetime, limit: Limit, channel: int, cutoff: Cutoff | None
) -> None:
    start = count_start(CAL, received, channel, cutoff)
    result = due_at(CAL, received, limit, channel, cutoff)
    assert received <= start <= result
    assert CAL.is_working_time(start)


@PROPS
@given(moments, st.integers(1, 30), channels, cutoffs)
def test_day_limits_land_on_the_nth_working_day_at_the_start_clock_time(
    received: datetime, n: int, channel: int, cutoff: Cutoff | None
) -> None:
    start = count_start(CAL, received, channel, cutoff)
    result = due_at(CAL, received, Limit.parse(f"{n}d"), channel, cutoff)
    assert CAL.is_working_day(result.date())
    assert CAL.is_working_time(result)
    assert result.time() == start.time()
    days_between = (result.date() - start.date()).days
    counted = sum(
        CAL.is_working_day(start.date() + timedelta(days=i)) for i in range(1, days_between + 1)
    )
    assert counted == n


@PROPS
@given(moments, st.integers(1, 48))
def test_hour_limits_spend_exactly_that_working_time(received: datetime, hours: int) -> None:
    start = count_start(CAL, received)
    result = due_at(CAL, received, Limit.parse(f"{hours}h"))
    assert CAL.working_time_between(start, result) == hours * H
    assert CAL.is_working_time(result) or result.time() in period_ends


@PROPS
@given(moments, amounts, amounts.filter(lambda b: b > timedelta(0)))
def test_adding_working_time_is_associative_for_positive_second_amounts(
    start: datetime, a: timedelta, b: timedelta
) -> None:
    assert CAL.add_working_time(start, a + b) == CAL.add_working_time(
        CAL.add_working_time(start, a), b
    )


@PROPS
@given(moments, amounts)
def test_adding_zero_moves_a_period_end_to_the_next_start(start: datetime, a: timedelta) -> None:
    # The one exception to associativity: a result exactly on a period end (11:30, 17:00) is
    # kept as such, but adding nothing to it gives the next working start.
    x = CAL.add_working_time(start, a)
    assert CAL.add_working_time(x, timedelta(0)) == CAL.next_working_start(x)
    if CAL.is_working_time(x):
        assert CAL.add_working_time(x, timedelta(0)) == x
    else:
        assert a > timedelta(0) and x.time() in period_ends
        assert CAL.add_working_time(x, timedelta(0)) > x


def test_period_end_convention_by_hand() -> None:
    x = CAL.add_working_time(dt(2023, 10, 30, 7, 0), 4 * H + 30 * M)
    assert x == dt(2023, 10, 30, 11, 30)
    assert CAL.add_working_time(x, timedelta(0)) == dt(2023, 10, 30, 13, 30)
    assert CAL.add_working_time(x, M) == dt(2023, 10, 30, 13, 31)


@PROPS
@given(moments, amounts)
def test_working_time_between_inverts_adding(start: datetime, x: timedelta) -> None:
    assert CAL.working_time_between(start, CAL.add_working_time(start, x)) == x


@PROPS
@given(working_moments, amounts)
def test_working_time_between_inverts_adding_from_working_time(
    start: datetime, x: timedelta
) -> None:
    assert CAL.is_working_time(start)
    end = CAL.add_working_time(start, x)
    assert CAL.working_time_between(start, end) == x
    assert end >= start


@PROPS
@given(moments, amounts, amounts)
def test_adding_more_never_ends_earlier(start: datetime, a: timedelta, b: timedelta) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_time(start, lo) <= CAL.add_working_time(start, hi)


@PROPS
@given(working_moments, st.integers(1, 60 * 24), st.integers(0, 60 * 30))
def test_a_pause_moves_due_by_exactly_the_working_time_waited(
    paused: datetime, left: int, waited: int
) -> None:
    # Paused with ``left`` working minutes to go, resumed ``waited`` working minutes later.
    due_date = CAL.add_working_time(paused, left * M)
    resumed = CAL.add_working_time(paused, waited * M)
    moved = extend_for_pauses(CAL, due_date, [(paused, resumed)])
    if waited == 0:
        assert moved == due_date
    else:
        assert moved == CAL.add_working_time(due_date, waited * M)
        assert CAL.working_time_between(resumed, moved) == left * M
