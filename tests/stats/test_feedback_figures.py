"""The feedback register in the supervisor's figures (issue 20 item 3): received, answered on
time or late (15 working days, QĐ 84/2025 Quảng Ninh Điều 18), published, open and overdue —
counted on the counter's calendar, across a holiday and a make-up working Saturday."""

from __future__ import annotations

from datetime import date, datetime

from desktop.domain.calendar import CalendarExceptions, WorkingCalendar
from desktop.domain.stats.feedback import FeedbackFact, feedback_figures

CAL = WorkingCalendar(
    exceptions=CalendarExceptions(
        days_off=frozenset({date(2026, 4, 30), date(2026, 5, 1)}),
        working_days=frozenset({date(2026, 4, 25)}),
    ),
    use_national_holidays=False,
)
RECEIVED = datetime(2026, 4, 22, 10, 0)  # answer due 14/5 17:00 on CAL (13/5 without)
MAY = (datetime(2026, 5, 1), datetime(2026, 6, 1))


def test_on_time_and_late_follow_the_calendar() -> None:
    facts = [
        # answered on 14/5: on time only thanks to the two days off (one less for Saturday)
        FeedbackFact(RECEIVED, datetime(2026, 5, 14, 16, 0), datetime(2026, 5, 15, 9, 0)),
        FeedbackFact(RECEIVED, datetime(2026, 5, 15, 8, 0), datetime(2026, 5, 25, 9, 0)),
        FeedbackFact(RECEIVED, None, None),
        FeedbackFact(datetime(2026, 5, 20, 9, 0), None, None),
    ]
    got = feedback_figures(facts, CAL, *MAY, now=datetime(2026, 6, 10))
    assert got.as_json() == {
        "received": 1, "answered": 2, "answered_on_time": 1, "answered_late": 1,
        "published": 2, "published_late": 1, "open": 2, "overdue": 1,
    }  # fmt: skip
    plain = WorkingCalendar(use_national_holidays=False)
    assert feedback_figures(facts, plain, *MAY, now=datetime(2026, 6, 10)).answered_late == 2


def test_open_and_overdue_are_as_of_now_in_a_period_not_over() -> None:
    facts = [FeedbackFact(RECEIVED, None, None)]
    # on 13/5 the item is open, not overdue yet (due at the end of 14/5)
    early = feedback_figures(facts, CAL, *MAY, now=datetime(2026, 5, 13, 9, 0))
    assert (early.open, early.overdue, early.received) == (1, 0, 0)
    late = feedback_figures(facts, CAL, *MAY, now=datetime(2026, 5, 15, 9, 0))
    assert (late.open, late.overdue) == (1, 1)
    april = feedback_figures(facts, CAL, datetime(2026, 4, 1), datetime(2026, 5, 1), late_now())
    assert (april.received, april.open, april.overdue) == (1, 1, 0)


def late_now() -> datetime:
    return datetime(2026, 6, 10)


def test_an_answer_given_this_very_second_is_not_open() -> None:
    now = datetime(2026, 5, 20, 9, 30)
    facts = [FeedbackFact(datetime(2026, 5, 20, 9, 30), now, None)]
    got = feedback_figures(facts, CAL, *MAY, now=now)
    assert (got.received, got.answered, got.open) == (1, 1, 0)
    still = feedback_figures([FeedbackFact(now, None, None)], CAL, *MAY, now=now)
    assert still.open == 1, "received this minute, not answered: open"
