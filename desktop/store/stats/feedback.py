"""The feedback register's figures of a period (desktop/domain/stats/feedback.py) from the
counter's ``feedback`` table: every item the agency's counters entered (they come with the
feed), or the items one counter entered when the figures are a counter's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.stats.feedback import FeedbackFact, FeedbackFigures, feedback_figures
from desktop.domain.stats.period import Period
from desktop.store.models import FeedbackItem


def period_feedback(
    s: Session, calendar: WorkingCalendar, period: Period, counter: str | None, now: datetime
) -> FeedbackFigures:
    f = FeedbackItem
    # anything that happened in the period, or was still open at its start
    stmt = select(f.received_at, f.answered_at, f.published_at).where(
        f.received_at < period.end,
        or_(f.answered_at.is_(None), f.answered_at >= period.start, f.published_at >= period.start),
    )
    if counter is not None:
        stmt = stmt.where(f.counter == counter)
    facts = [FeedbackFact(*row) for row in s.execute(stmt)]
    return feedback_figures(facts, calendar, period.start, period.end, now)
