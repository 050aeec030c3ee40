"""This counter's day in four numbers (issue 22): received, returned, waiting, due today —
shown on the reception screen and at the top of the close-day dialog. Counts only, no
citizen's data, so read without an audit entry, like the statistics' counts."""

from __future__ import annotations

from datetime import date

from desktop.store.clock import local_now
from desktop.store.dossiers.day_figures import DayFigures, count_day

from .state import DeskState

__all__ = ["DayFigures", "DayFiguresDesk"]


class DayFiguresDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def of(self, day: date | None = None) -> DayFigures:
        """This counter's figures for ``day``, today by the province's clock by default."""
        self.state.session.require("day.figures")
        with self.state.db.read() as s:
            return count_day(s, self.state.ctx.counter, day or local_now().date())
