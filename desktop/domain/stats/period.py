"""Statistics periods: today, a week, a month, a quarter (Kiên Giang QĐ 1516/QĐ-UBND Điều 17:
report every 3 months), or any range of whole days.

A period is a range of dates, both ends included. As moments it runs from ``start`` (00:00 of
the first day) up to but not including ``end`` (00:00 of the day after the last), so a moment
belongs to exactly one of two adjacent periods.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from desktop.domain.refusal import Refusal

MAX_DAYS = 3653  # ten years: longer ranges are a typing mistake, not a report
EARLIEST = date(2000, 1, 1)


class PeriodError(Refusal, ValueError):
    """A period that cannot be reported on; the message is for the officer."""

    code = "period_invalid"


class PeriodKind(StrEnum):
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kind: PeriodKind = PeriodKind.RANGE

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError(
                f"Ngày kết thúc {self.last:%d/%m/%Y} trước ngày bắt đầu {self.first:%d/%m/%Y}",
                code="period_reversed",
                first=f"{self.first:%d/%m/%Y}",
                last=f"{self.last:%d/%m/%Y}",
            )
        if self.first < EARLIEST:
            raise PeriodError(
                f"Chỉ thống kê từ ngày {EARLIEST:%d/%m/%Y} trở đi",
                code="period_too_early",
                earliest=f"{EARLIEST:%d/%m/%Y}",
            )
        if (self.last - self.first).days + 1 > MAX_DAYS:
            raise PeriodError(
                "Khoảng thống kê dài quá 10 năm: hãy chọn khoảng ngắn hơn",
                code="period_too_long",
                years=10,
            )

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min)

    @property
    def end(self) -> datetime:
        """00:00 of the day after the last day (excluded)."""
        return datetime.combine(self.last + timedelta(days=1), time.min)

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1

    def days(self) -> Iterator[date]:
        for i in range(self.length):
            yield self.first + timedelta(days=i)

    def cutoff(self, today: date) -> date:
        """The day on-time classes of open dossiers compare with (DESIGN.md §2: the period end);
        today for a period that has not ended yet, since nothing later is known."""
        return min(self.last, max(today, self.first))

    def previous(self) -> Period:
        """The period of the same kind just before this one (for comparisons)."""
        if self.kind is PeriodKind.MONTH:
            return month_of(self.first - timedelta(days=1))
        if self.kind is PeriodKind.QUARTER:
            return quarter_of(self.first - timedelta(days=1))
        if self.kind is PeriodKind.YEAR:
            return year_of(self.first - timedelta(days=1))
        span = timedelta(days=self.length)
        return Period(self.first - span, self.last - span, self.kind)

    @property
    def label_vi(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.first.month:02d}/{self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {(self.first.month - 1) // 3 + 1} năm {self.first.year}"
        if self.kind is PeriodKind.YEAR:
            return f"Năm {self.first.year}"
        if self.first == self.last:
            return f"Ngày {self.first:%d/%m/%Y}"
        return f"Từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"

    @property
    def range_vi(self) -> str:
        """``từ ngày 01/07/2024 đến ngày 30/09/2024``, also for named periods."""
        if self.first == self.last:
            return f"ngày {self.first:%d/%m/%Y}"
        return f"từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"


def day(d: date) -> Period:
    return Period(d, d, PeriodKind.TODAY)


def week_of(d: date) -> Period:
    """Monday to Sunday, the week Vietnamese offices plan by."""
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), PeriodKind.WEEK)


def month(year: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise PeriodError(f"Tháng {m} không hợp lệ", code="month_invalid", month=m)
    first = date(year, m, 1)
    nxt = date(year + (m == 12), m % 12 + 1, 1)
    return Period(first, nxt - timedelta(days=1), PeriodKind.MONTH)


def month_of(d: date) -> Period:
    return month(d.year, d.month)


def quarter(year: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise PeriodError(f"Quý {q} không hợp lệ (chọn 1–4)", code="quarter_invalid", quarter=q)
    first = month(year, 3 * q - 2).first
    return Period(first, month(year, 3 * q).last, PeriodKind.QUARTER)


def quarter_of(d: date) -> Period:
    return quarter(d.year, (d.month - 1) // 3 + 1)


def year_of(d: date) -> Period:
    return Period(date(d.year, 1, 1), date(d.year, 12, 31), PeriodKind.YEAR)


def between(first: date, last: date) -> Period:
    """Any range; a range that is exactly a calendar month, quarter or year is named as one, so
    its reports say "Quý 3 năm 2024" rather than two dates."""
    if first == last:
        return Period(first, last, PeriodKind.TODAY)
    for kind, make in ((PeriodKind.MONTH, month_of), (PeriodKind.QUARTER, quarter_of)):
        named_period = make(first)
        if (named_period.first, named_period.last) == (first, last):
            return Period(first, last, kind)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return Period(first, last, PeriodKind.YEAR)
    return Period(first, last, PeriodKind.RANGE)


_NAMED = {
    PeriodKind.TODAY: day,
    PeriodKind.WEEK: week_of,
    PeriodKind.MONTH: month_of,
    PeriodKind.QUARTER: quarter_of,
    PeriodKind.YEAR: year_of,
}
NAMED_KINDS = tuple(k.value for k in _NAMED)


def named(kind: str, today: date) -> Period:
    """``today``, ``week``, ``month``, ``quarter`` or ``year`` containing ``today``."""
    try:
        return _NAMED[PeriodKind(kind)](today)
    except (ValueError, KeyError):
        raise PeriodError(
            f"Kỳ {kind!r} không hợp lệ (chọn: {', '.join(NAMED_KINDS)})",
            code="period_kind_invalid",
            kind=kind,
            kinds=", ".join(NAMED_KINDS),
        ) from None


def parse_day(text: str, what: str = "Ngày") -> date:
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(
            f"{what} {text!r} không đúng dạng YYYY-MM-DD", code="day_invalid", what=what, text=text
        ) from None
    if len(text.strip()) != 10:
        raise PeriodError(
            f"{what} {text!r} không đúng dạng YYYY-MM-DD", code="day_invalid", what=what, text=text
        )
    return value
