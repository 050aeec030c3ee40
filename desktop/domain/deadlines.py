"""The two clocks of the counter's own duties (issue 18), on the working calendar of §2:

- **Checking an online dossier**: the one-stop officer answers a dossier submitted on the public
  service portal — official receipt, a request for papers, or a refusal — within the profile's
  working hours from its arrival: 4 (Kiên Giang QĐ 921 Điều 9.1.a), 8 (Quảng Ninh QĐ 84/2025
  Điều 13.2.a; An Giang QĐ 66/2020 Điều 15.4.b). The clock starts as a reception's does
  (:func:`~desktop.domain.calendar.count_start`): outside working time at the next working
  start, and in An Giang, for dossiers that arrive after 16:00, at 07:00 of the next working day.
- **Handing a received dossier to the specialist unit** within the profile's working hours of
  its reception: ½ working day = 4 working hours (Kon Tum QĐ 08/2018 Điều 14.4).

A deadline is a moment; how urgent it is, is the working time left before it: under an hour is
"soon" (the inbox shows it amber), past it "overdue" (red).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .calendar import Cutoff, WorkingCalendar, count_start

ONLINE_CHANNEL = 2
SOON = timedelta(hours=1)


class Urgency(StrEnum):
    OK = "ok"
    SOON = "soon"  # under an hour of working time left
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Clock:
    due_at: datetime
    left: timedelta  # working time left; negative: wall-clock time past due
    urgency: Urgency

    @property
    def overdue(self) -> bool:
        return self.urgency is Urgency.OVERDUE


def online_check_due(
    calendar: WorkingCalendar,
    submitted_at: datetime,
    working_hours: float,
    cutoff: Cutoff | None = None,
) -> datetime:
    """When an online dossier submitted at ``submitted_at`` must have been checked."""
    start = count_start(calendar, submitted_at, ONLINE_CHANNEL, cutoff)
    return calendar.add_working_time(start, timedelta(hours=working_hours))


def handover_due(
    calendar: WorkingCalendar, received_at: datetime, working_hours: float
) -> datetime:
    """When a dossier received at ``received_at`` must be with the specialist unit."""
    start = calendar.next_working_start(received_at)
    return calendar.add_working_time(start, timedelta(hours=working_hours))


def clock(calendar: WorkingCalendar, due_at: datetime, now: datetime) -> Clock:
    """How much working time is left before ``due_at`` at ``now``."""
    if now >= due_at:
        return Clock(due_at, due_at - now, Urgency.OVERDUE)
    left = calendar.working_time_between(now, due_at)
    return Clock(due_at, left, Urgency.SOON if left < SOON else Urgency.OK)


def on_time(done_at: datetime, due_at: datetime) -> bool:
    """These duties count in working hours, so they are judged to the minute, not by date."""
    return done_at <= due_at
