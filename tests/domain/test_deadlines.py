"""The check clock of online dossiers and the hand-over clock (issue 18), for every seed
province's profile: working hours, holidays, and An Giang's 16:00 cut-off (QĐ 66/2020
Điều 15.4.b)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.domain.calendar import Cutoff, WorkingCalendar
from desktop.domain.deadlines import Urgency, clock, handover_due, on_time, online_check_due
from desktop.domain.profile import ProvinceProfile
from desktop.store.resources import load_profile


def calendar_of(p: ProvinceProfile) -> WorkingCalendar:
    wh = p.working_hours
    return WorkingCalendar(periods=tuple(wh.parsed_periods()), weekdays=frozenset(wh.weekdays))


def cutoff_of(p: ProvinceProfile) -> Cutoff | None:
    c = p.cutoff
    return Cutoff(c.parsed_time(), frozenset(c.channels)) if c else None


def check_due(province: str, submitted: datetime) -> datetime:
    p = load_profile(province)
    hours = p.online_check_deadline.working_hours
    return online_check_due(calendar_of(p), submitted, hours, cutoff_of(p))


@pytest.mark.parametrize(
    ("province", "submitted", "due"),
    [
        # Kiên Giang QĐ 921 Điều 9.1.a: 4 working hours
        ("kien-giang", datetime(2026, 12, 3, 10, 0), datetime(2026, 12, 3, 16, 0)),
        # Quảng Ninh QĐ 84/2025 Điều 13.2.a: 8 working hours, over the lunch break and the night
        ("quang-ninh", datetime(2026, 12, 3, 10, 0), datetime(2026, 12, 4, 10, 0)),
        # Kon Tum: no article, the profile's 8 hours; Friday into Monday
        ("kon-tum", datetime(2026, 12, 4, 10, 0), datetime(2026, 12, 7, 10, 0)),
        # An Giang QĐ 66/2020 Điều 15.4.b: before 16:00 the clock runs from arrival...
        ("an-giang", datetime(2026, 12, 3, 15, 59), datetime(2026, 12, 4, 15, 59)),
        # ...after 16:00 it runs from 07:00 of the next working day
        ("an-giang", datetime(2026, 12, 3, 16, 30), datetime(2026, 12, 4, 17, 0)),
        # a weekend submission starts on Monday morning
        ("quang-ninh", datetime(2026, 12, 5, 9, 0), datetime(2026, 12, 7, 17, 0)),
        # holidays: 30/4 and 1/5/2026 (Thursday, Friday), then the weekend
        ("quang-ninh", datetime(2026, 4, 29, 15, 0), datetime(2026, 5, 4, 15, 0)),
        ("kien-giang", datetime(2026, 4, 29, 16, 0), datetime(2026, 5, 4, 10, 0)),
        ("an-giang", datetime(2026, 4, 29, 16, 30), datetime(2026, 5, 4, 17, 0)),
        # Vietnam Cultural Day, 24/11/2026, is a day off
        ("kien-giang", datetime(2026, 11, 23, 16, 0), datetime(2026, 11, 25, 10, 0)),
    ],
)
def test_online_check_clock(province: str, submitted: datetime, due: datetime) -> None:
    assert check_due(province, submitted) == due


@pytest.mark.parametrize("province", ["an-giang", "kien-giang", "kon-tum", "quang-ninh"])
def test_every_profile_cites_both_deadlines(province: str) -> None:
    p = load_profile(province)
    for section in (p.online_check_deadline, p.handover_deadline):
        assert section.working_hours > 0 and "Điều" in section.source


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Kon Tum QĐ 08/2018 Điều 14.4: ½ working day = 4 working hours
        (datetime(2026, 12, 3, 15, 0), datetime(2026, 12, 4, 9, 0)),
        (datetime(2026, 12, 3, 8, 0), datetime(2026, 12, 3, 14, 0)),  # over the lunch break
        (datetime(2026, 12, 3, 17, 30), datetime(2026, 12, 4, 11, 0)),
        (datetime(2026, 4, 29, 16, 0), datetime(2026, 5, 4, 10, 0)),
    ],
)
def test_handover_clock(received: datetime, due: datetime) -> None:
    p = load_profile("kon-tum")
    assert handover_due(calendar_of(p), received, p.handover_deadline.working_hours) == due


def test_urgency_counts_working_time_left() -> None:
    cal = calendar_of(load_profile("quang-ninh"))
    due = datetime(2026, 12, 4, 8, 0)
    assert clock(cal, due, datetime(2026, 12, 3, 15, 0)).urgency is Urgency.OK
    # 16:50 Thursday: 10 minutes today and an hour tomorrow morning = 1 h 10 min
    assert clock(cal, due, datetime(2026, 12, 3, 16, 50)).left == timedelta(minutes=70)
    # 07:01 Friday: 59 minutes left
    assert clock(cal, due, datetime(2026, 12, 4, 7, 1)).urgency is Urgency.SOON
    late = clock(cal, due, datetime(2026, 12, 4, 9, 15))
    assert late.urgency is Urgency.OVERDUE and late.overdue and late.left == -timedelta(minutes=75)
    assert on_time(due, due) and not on_time(due + timedelta(minutes=1), due)
