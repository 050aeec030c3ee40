"""The feedback register in the supervisor's figures (issue 20 item 3; QĐ 84/2025 Quảng Ninh
Điều 18): how many were received in the period, answered in it on time (within 15 working
days) or late, published, and — at the period's end, or now for a period not over — how many
are still open and how many of those are past their answer deadline.

Counted in Python over the few items of a period (feedback comes by the handful, dossiers by
the thousand), with the clocks of desktop/domain/feedback.py and the calendar in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.feedback import answer_due, publish_due


@dataclass(frozen=True)
class FeedbackFigures:
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    published: int = 0
    published_late: int = 0
    open: int = 0
    overdue: int = 0

    def as_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class FeedbackFact:
    received_at: datetime
    answered_at: datetime | None
    published_at: datetime | None


def feedback_figures(
    facts: Iterable[FeedbackFact],
    calendar: WorkingCalendar,
    start: datetime,
    end: datetime,
    now: datetime,
) -> FeedbackFigures:
    """``start``/``end``: the period's [start, end); open and overdue are as at the earlier of
    ``end`` and ``now``."""
    at = min(end, now)
    counts = dict.fromkeys(FeedbackFigures.__dataclass_fields__, 0)
    for f in facts:
        due = answer_due(f.received_at, calendar)
        if start <= f.received_at < end:
            counts["received"] += 1
        if f.answered_at is not None and start <= f.answered_at < end:
            counts["answered"] += 1
            counts["answered_late" if f.answered_at > due else "answered_on_time"] += 1
        if f.published_at is not None and start <= f.published_at < end:
            counts["published"] += 1
            if f.answered_at is not None and f.published_at > publish_due(f.answered_at, calendar):
                counts["published_late"] += 1
        # open at ``at``: received by then (within the period) and not answered by then
        received = f.received_at <= at and f.received_at < end
        if received and (f.answered_at is None or f.answered_at > at):
            counts["open"] += 1
            if at > due:
                counts["overdue"] += 1
    return FeedbackFigures(**counts)
