"""The working calendar: the appointment a reception time and a limit give (no database, for
``motcua calendar due``, which stays light), and the days off or working days a counter is
told of, which only those the role table allows may set, audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from desktop.domain.calendar import Cutoff, WorkingCalendar, due_at
from desktop.domain.limits import Limit
from desktop.domain.profile import ProvinceProfile
from desktop.store.resources import load_profile

if TYPE_CHECKING:
    from .state import DeskState


def due(province: str, received: datetime, limit: Limit, channel: int) -> tuple[str, datetime]:
    """The province profile's id and the appointment for ``received`` and ``limit``."""
    profile: ProvinceProfile = load_profile(province)
    wh = profile.working_hours
    calendar = WorkingCalendar(periods=tuple(wh.parsed_periods()), weekdays=frozenset(wh.weekdays))
    c = profile.cutoff
    cutoff = Cutoff(c.parsed_time(), frozenset(c.channels)) if c else None
    return profile.id, due_at(calendar, received, limit, channel, cutoff)


class CalendarDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def set_exception(self, day: date, *, working: bool, note: str) -> None:
        """A day off (``working`` False) or a working day announced for this counter, with the
        document that announced it."""
        from desktop.store.counter import set_calendar_exception

        self.state.session.require("calendar.change")
        with self.state.db.write() as s:
            set_calendar_exception(s, day.isoformat(), working, note)
        self.state.session.note(
            "calendar.changed", day.isoformat(), {"working": working, "note": note}
        )
        self.state.reload()
