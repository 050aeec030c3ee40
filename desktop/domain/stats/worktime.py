"""Working time as a subtraction: the cumulative working seconds at the start of every day.

``WorkingCalendar.working_time_between`` walks day by day, which is right but too slow for a
quarter of a busy centre. With the running total of working seconds before each day (a few
thousand days), the working time between two moments is ``at(b) - at(a)``; the store loads the
same table into SQLite so the database does this arithmetic in the aggregate query itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.domain.calendar import Cutoff, WorkingCalendar


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True)
class WorkIndex:
    first: date
    periods: tuple[tuple[int, int], ...]  # working periods, seconds since midnight
    cumulative: tuple[int, ...]  # working seconds on the days before first + i
    working: tuple[bool, ...]
    cutoff_seconds: int | None = None  # the province's cut-off (An Giang: 16:00)
    cutoff_channels: frozenset[int] = frozenset()

    @classmethod
    def build(
        cls,
        calendar: WorkingCalendar,
        first: date,
        last: date,
        cutoff: Cutoff | None = None,
    ) -> WorkIndex:
        periods = tuple((_seconds(a), _seconds(b)) for a, b in calendar.periods)
        day_total = sum(b - a for a, b in periods)
        cumulative: list[int] = []
        working: list[bool] = []
        total = 0
        for i in range((last - first).days + 1):
            w = calendar.is_working_day(first + timedelta(days=i))
            cumulative.append(total)
            working.append(w)
            total += day_total if w else 0
        return cls(
            first,
            periods,
            tuple(cumulative),
            tuple(working),
            _seconds(cutoff.at) if cutoff else None,
            cutoff.channels if cutoff else frozenset(),
        )

    @property
    def last(self) -> date:
        return self.first + timedelta(days=len(self.cumulative) - 1)

    @property
    def day_seconds(self) -> int:
        return sum(b - a for a, b in self.periods)

    def covers(self, d: date) -> bool:
        return 0 <= (d - self.first).days < len(self.cumulative)

    def within_day(self, seconds: int) -> int:
        """Working seconds of a working day before ``seconds`` past midnight."""
        return sum(min(max(seconds - a, 0), b - a) for a, b in self.periods)

    def at(self, moment: datetime) -> int | None:
        """Working seconds from the index's first day to ``moment``; None outside the index."""
        i = (moment.date() - self.first).days
        if not 0 <= i < len(self.cumulative):
            return None
        inside = self.within_day(_seconds(moment.time())) if self.working[i] else 0
        return self.cumulative[i] + inside

    def clock_start(self, received: datetime, channel: int) -> int | None:
        """Where the processing clock starts (calendar.count_start): reception, or the next
        working start, or the next working day when received after the cut-off."""
        i = (received.date() - self.first).days
        if not 0 <= i < len(self.cumulative):
            return None
        if (
            self.cutoff_seconds is not None
            and channel in self.cutoff_channels
            and self.working[i]
            and _seconds(received.time()) > self.cutoff_seconds
        ):
            return self.cumulative[i] + self.day_seconds
        return self.at(received)

    def processing_seconds(
        self,
        received: datetime,
        channel: int,
        finished: datetime,
        pauses: tuple[tuple[datetime, datetime | None], ...] = (),
    ) -> int | None:
        """Working seconds from the clock start to ``finished``, without supplement waits."""
        start = self.clock_start(received, channel)
        end = self.at(finished)
        if start is None or end is None:
            return None
        waited = 0
        for a, b in pauses:
            wa, wb = self.at(a), self.at(b if b is not None else finished)
            if wa is None or wb is None:
                return None
            waited += max(wb - wa, 0)
        return max(end - start - waited, 0)

    def rows(self) -> Iterator[tuple[str, int, int]]:
        """(ISO day, cumulative seconds, working 0/1) for loading into a database table."""
        for i, (c, w) in enumerate(zip(self.cumulative, self.working, strict=True)):
            yield (self.first + timedelta(days=i)).isoformat(), c, int(w)

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that the table holds changes (calendar, range, hours)."""
        h = hashlib.sha256()
        h.update(repr((self.first, self.periods)).encode())
        h.update(bytes(self.working))
        return h.hexdigest()[:32]
