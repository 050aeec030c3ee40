"""The working calendar and appointment (due-date) rules of DESIGN.md §2.

Working time is a set of periods per working day (by default 07:00–11:30 and 13:30–17:00,
Monday to Friday, 8 working hours a day). Days off are weekends, public holidays and announced
days off; announced make-up working days (ngày làm bù, usually a Saturday) are working days.
The ``holidays`` package gives Vietnam's official holidays, observed days and the make-up
Saturdays it knows; the server distributes the official calendar as exceptions on top.

All datetimes here are naive local wall-clock times of the province (Asia/Ho_Chi_Minh has no
daylight saving, so wall-clock arithmetic is exact).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from desktop.domain.refusal import Refusal

from .limits import Limit, LimitUnit

DEFAULT_PERIODS: tuple[tuple[time, time], ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
DEFAULT_WEEKDAYS: frozenset[int] = frozenset({1, 2, 3, 4, 5})
_MAX_SCAN_DAYS = 3660  # ten years of days off in a row would be a broken calendar, not a calendar


class CalendarError(Refusal, ValueError):
    """The calendar has no working time at all in the range searched."""

    code = "calendar_no_working_time"


@lru_cache(maxsize=64)
def _vn_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    vn = holidays.country_holidays("VN", years=year)
    days_off = frozenset(d for d in vn if d.year == year)
    makeup = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return days_off, makeup


@dataclass(frozen=True)
class CalendarExceptions:
    """Announced changes to the default calendar, e.g. distributed by the provincial server."""

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        both = self.days_off & self.working_days
        if both:
            raise ValueError(
                "Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù: "
                + ", ".join(d.isoformat() for d in sorted(both))
            )


@dataclass(frozen=True)
class WorkingCalendar:
    periods: tuple[tuple[time, time], ...] = DEFAULT_PERIODS
    weekdays: frozenset[int] = DEFAULT_WEEKDAYS
    exceptions: CalendarExceptions = field(default_factory=CalendarExceptions)
    use_national_holidays: bool = True

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        if day in self.exceptions.working_days:
            return True
        if day in self.exceptions.days_off:
            return False
        if self.use_national_holidays:
            days_off, makeup = _vn_year(day.year)
            if day in makeup:
                return True
            if day in days_off:
                return False
        return day.isoweekday() in self.weekdays

    def working_days_from(self, day: date) -> Iterator[date]:
        """Working days on or after ``day``."""
        for i in range(_MAX_SCAN_DAYS):
            d = day + timedelta(days=i)
            if self.is_working_day(d):
                yield d
        raise CalendarError("Không có ngày làm việc nào trong mười năm kể từ " + day.isoformat())

    def next_working_day(self, day: date) -> date:
        return next(self.working_days_from(day + timedelta(days=1)))

    # -- working time -----------------------------------------------------------------------

    @property
    def day_length(self) -> timedelta:
        return sum((_span(a, b) for a, b in self.periods), timedelta())

    def is_working_time(self, moment: datetime) -> bool:
        if not self.is_working_day(moment.date()):
            return False
        t = moment.time()
        return any(a <= t < b for a, b in self.periods)

    def next_working_start(self, moment: datetime) -> datetime:
        """``moment`` itself when it is working time, else the next start of a period."""
        if self.is_working_time(moment):
            return moment
        day = moment.date()
        if self.is_working_day(day):
            for a, _b in self.periods:
                if moment.time() < a:
                    return datetime.combine(day, a)
        return datetime.combine(self.next_working_day(day), self.periods[0][0])

    def _segments(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals from ``start`` onwards, the first one clipped at ``start``."""
        for day in self.working_days_from(start.date()):
            for a, b in self.periods:
                seg_start = datetime.combine(day, a)
                seg_end = datetime.combine(day, b)
                if seg_end <= start:
                    continue
                yield max(seg_start, start), seg_end

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of working time after ``start``.

        Landing exactly on the end of a period gives that end (17:00), not the next start.
        """
        if amount < timedelta(0):
            raise ValueError("thời gian làm việc cộng thêm không được âm")
        remaining = amount
        cursor = self.next_working_start(start)
        if remaining == timedelta(0):
            return cursor
        for a, b in self._segments(cursor):
            span = b - a
            if remaining <= span:
                return a + remaining
            remaining -= span
        raise CalendarError("unreachable")  # pragma: no cover - _segments raises first

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in [start, end); zero when end is not after start."""
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        for a, b in self._segments(start):
            if a >= end:
                break
            total += min(b, end) - a
        return total

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """``days`` working days after ``start``, keeping the clock time (DESIGN.md §2).

        ``start`` must be working time (use :meth:`next_working_start` first).
        """
        day = start.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return datetime.combine(day, start.time())


@dataclass(frozen=True)
class Cutoff:
    """Dossiers of ``channels`` arriving after ``at`` count from the next working day."""

    at: time
    channels: frozenset[int]


def count_start(
    calendar: WorkingCalendar, received_at: datetime, channel: int = 1, cutoff: Cutoff | None = None
) -> datetime:
    """When the processing clock starts for a dossier received at ``received_at``.

    Outside working hours it is the next working start; after the profile's cut-off (An Giang
    QĐ 66/2020 Điều 15.4: e-dossiers transferred after 16:00) it is the next working day's
    first start (07:00).
    """
    if (
        cutoff is not None
        and channel in cutoff.channels
        and calendar.is_working_day(received_at.date())
        and received_at.time() > cutoff.at  # "sau 16 giờ": strictly after
    ):
        return datetime.combine(
            calendar.next_working_day(received_at.date()), calendar.periods[0][0]
        )
    return calendar.next_working_start(received_at)


def due_at(
    calendar: WorkingCalendar,
    received_at: datetime,
    limit: Limit,
    channel: int = 1,
    cutoff: Cutoff | None = None,
) -> datetime:
    """The appointment for returning the result.

    Check (DESIGN.md §2): received Fri 27/10/2023 09:32, 5 working days → Fri 03/11/2023 09:32.
    """
    start = count_start(calendar, received_at, channel, cutoff)
    if limit.immediate:
        return start
    if limit.unit is LimitUnit.DAY:
        return calendar.add_working_days(start, limit.amount)
    return calendar.add_working_time(start, timedelta(hours=limit.amount))


def extend_for_pauses(
    calendar: WorkingCalendar, due: datetime, pauses: Iterable[tuple[datetime, datetime]]
) -> datetime:
    """Move ``due`` by the working time spent waiting for supplements (the clock stops).

    Each pause is (requested_at, supplied_at). Only the part of a pause before the current due
    date delays it; pauses are applied in order.
    """
    for paused_at, resumed_at in sorted(pauses):
        if resumed_at <= paused_at or paused_at >= due:
            continue
        remaining = calendar.working_time_between(paused_at, due)
        due = calendar.add_working_time(resumed_at, remaining)
    return due


def _span(a: time, b: time) -> timedelta:
    return datetime.combine(date.min, b) - datetime.combine(date.min, a)
