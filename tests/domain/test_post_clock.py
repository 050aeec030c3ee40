"""The post's 24 hours to deliver a result within the province (An Giang QĐ 66/2020/QĐ-UBND
Điều 26.2, seed 002): calendar hours, not working hours — a Friday afternoon hand-over is due on
Saturday afternoon, over a weekend, a public holiday or a make-up working Saturday alike."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.deadlines import Urgency
from desktop.domain.post import (
    delivered_on_time,
    hours_and_minutes,
    late_by,
    minutes_left,
    post_clock,
    post_due,
)
from desktop.store.resources import load_profile

SENT = datetime(2026, 12, 3, 10, 30)  # a Thursday


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (SENT, datetime(2026, 12, 4, 10, 30)),
        # Friday 15:00 → Saturday 15:00: the post delivers at weekends, the clock runs on
        (datetime(2026, 12, 4, 15, 0), datetime(2026, 12, 5, 15, 0)),
        # Saturday evening → Sunday evening
        (datetime(2026, 12, 5, 18, 45), datetime(2026, 12, 6, 18, 45)),
        # the eve of the 30/4 – 1/5 holidays → on the holiday itself
        (datetime(2026, 4, 29, 16, 30), datetime(2026, 4, 30, 16, 30)),
        # Tết 2026 (16–20/2 off): the day before the break → its first day
        (datetime(2026, 2, 13, 11, 0), datetime(2026, 2, 14, 11, 0)),
        # Saturday 22/8/2026 is a make-up working day: it changes nothing for the post
        (datetime(2026, 8, 21, 16, 0), datetime(2026, 8, 22, 16, 0)),
        (datetime(2026, 8, 22, 16, 0), datetime(2026, 8, 23, 16, 0)),
        # across the new year and midnight
        (datetime(2026, 12, 31, 23, 59), datetime(2027, 1, 1, 23, 59)),
    ],
)
def test_twenty_four_calendar_hours(sent: datetime, due: datetime) -> None:
    assert post_due(sent) == due


def test_not_the_working_calendar() -> None:
    """The same hand-over on the province's working calendar would be due days later: the
    commitment is the post's and says "24 giờ", not "giờ làm việc" (which Điều 15.4 uses)."""
    p = load_profile("an-giang")
    wh = p.working_hours
    # the national holidays 30/4 and 1/5/2026 are the calendar's own
    cal = WorkingCalendar(periods=tuple(wh.parsed_periods()), weekdays=frozenset(wh.weekdays))
    sent = datetime(2026, 4, 29, 16, 30)  # Wednesday before the holidays
    working = cal.add_working_time(cal.next_working_start(sent), timedelta(hours=24))
    assert not cal.is_working_day(date(2026, 4, 30)) and working.date() >= date(2026, 5, 5)
    assert post_due(sent) == datetime(2026, 4, 30, 16, 30)
    # the make-up Saturday is a working day for the counter, and no different for the post
    assert cal.is_working_day(date(2026, 8, 22))
    assert post_due(datetime(2026, 8, 22, 9, 0)) == datetime(2026, 8, 23, 9, 0)


def test_urgency_and_minutes_left() -> None:
    assert post_clock(SENT, SENT).urgency is Urgency.OK
    assert minutes_left(SENT, SENT) == 24 * 60
    soon = SENT + timedelta(hours=23, minutes=30)
    assert post_clock(SENT, soon).urgency is Urgency.SOON and minutes_left(SENT, soon) == 30
    at_due = SENT + timedelta(hours=24)
    assert post_clock(SENT, at_due).overdue and minutes_left(SENT, at_due) == 0
    late = at_due + timedelta(seconds=30)
    assert post_clock(SENT, late).overdue and minutes_left(SENT, late) == -1
    two_days = SENT + timedelta(hours=48)
    assert post_clock(SENT, two_days).left == -timedelta(hours=24)


def test_on_time_to_the_minute() -> None:
    assert delivered_on_time(SENT, SENT + timedelta(hours=24))
    assert not delivered_on_time(SENT, SENT + timedelta(hours=24, minutes=1))
    assert late_by(SENT, SENT + timedelta(hours=2)) == timedelta(0)
    assert late_by(SENT, SENT + timedelta(hours=26, minutes=5)) == timedelta(hours=2, minutes=5)
    assert hours_and_minutes(timedelta(hours=2, minutes=5)) == "2 giờ 05 phút"
    assert hours_and_minutes(timedelta(minutes=40)) == "40 phút"
