"""The feedback register's clocks (QĐ 84/2025 Quảng Ninh Điều 18; desktop/domain/feedback.py):
15 working days to answer, then a progress update every 5, and 2 to publish the answer —
each counted on the counter's calendar, across a holiday and a make-up working Saturday."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.domain.calendar import CalendarExceptions, WorkingCalendar
from desktop.domain.deadlines import Urgency
from desktop.domain.feedback import (
    FeedbackError,
    Kind,
    State,
    answer_due,
    check_received_at,
    clean_text,
    clocks,
    next_state,
    next_update_due,
    publish_due,
    working_days_left,
)

# Thursday 30/4 and Friday 1/5 off; Saturday 25/4 a make-up working day
CAL = WorkingCalendar(
    exceptions=CalendarExceptions(
        days_off=frozenset({date(2026, 4, 30), date(2026, 5, 1)}),
        working_days=frozenset({date(2026, 4, 25)}),
    ),
    use_national_holidays=False,
)
PLAIN = WorkingCalendar(use_national_holidays=False)
RECEIVED = datetime(2026, 4, 22, 16, 55)  # a Wednesday, five minutes before closing


def test_answer_within_15_working_days_from_the_next_day() -> None:
    # 23, 24, Sat 25 (make-up), 27, 28, 29, [30/4 and 1/5 off], 4, 5, 6, 7, 8, 11, 12, 13, 14/5
    assert answer_due(RECEIVED, CAL) == datetime(2026, 5, 14, 17, 0)
    # without the holiday and the make-up day: one day earlier (both move it, in opposite ways)
    assert answer_due(RECEIVED, PLAIN) == datetime(2026, 5, 13, 17, 0)
    # the hour of receipt does not matter, nor does a day off: day 1 is the next working day
    assert answer_due(datetime(2026, 4, 22, 7, 5), CAL) == datetime(2026, 5, 14, 17, 0)
    assert answer_due(datetime(2026, 4, 26, 10, 0), CAL) == answer_due(
        datetime(2026, 4, 25, 10, 0), CAL
    )


def test_the_national_calendar_with_its_make_up_saturday() -> None:
    """2026: Saturday 22/8 is worked for Monday 31/8 off, then 1–2/9 (National Day)."""
    national = WorkingCalendar()
    assert national.is_working_day(date(2026, 8, 22))
    # 21, Sat 22, 24, 25, 26, 27, 28, [31/8, 1/9, 2/9 off], 3, 4, 7, 8, 9, 10, 11, 14/9
    assert answer_due(datetime(2026, 8, 20, 9, 0), national) == datetime(2026, 9, 14, 17, 0)


def test_progress_every_5_working_days_after_the_deadline() -> None:
    due = answer_due(RECEIVED, CAL)
    assert next_update_due(due, None, CAL) == datetime(2026, 5, 21, 17, 0)
    # an update within the 15 days does not start the clock
    assert next_update_due(due, datetime(2026, 5, 4, 9, 0), CAL) == datetime(2026, 5, 21, 17, 0)
    # one after it does: 5 working days after its day
    assert next_update_due(due, datetime(2026, 5, 20, 9, 0), CAL) == datetime(2026, 5, 27, 17, 0)
    # across the holiday and over the make-up Saturday: due 24/4 + 5 = Sat 25, 27, 28, 29, 4/5
    early = datetime(2026, 4, 24, 17, 0)
    assert next_update_due(early, None, CAL) == datetime(2026, 5, 4, 17, 0)
    assert next_update_due(early, None, PLAIN) == datetime(2026, 5, 1, 17, 0)


def test_publish_within_2_working_days() -> None:
    # Friday 24/4 → Saturday 25/4 (make-up) and Monday 27/4
    assert publish_due(datetime(2026, 4, 24, 15, 0), CAL) == datetime(2026, 4, 27, 17, 0)
    assert publish_due(datetime(2026, 4, 24, 15, 0), PLAIN) == datetime(2026, 4, 28, 17, 0)
    # Wednesday 29/4 → over the two days off → 4/5, 5/5
    assert publish_due(datetime(2026, 4, 29, 8, 0), CAL) == datetime(2026, 5, 5, 17, 0)


def test_urgency_says_what_is_next_and_how_late() -> None:
    fresh = clocks(CAL, RECEIVED, datetime(2026, 4, 23, 9, 0))
    assert fresh.urgency is Urgency.OK and fresh.due_at == fresh.answer_due_at
    assert fresh.next_update_due_at is None and fresh.publish_due_at is None
    soon = clocks(CAL, RECEIVED, datetime(2026, 5, 13, 9, 0))
    assert soon.urgency is Urgency.SOON
    late = clocks(CAL, RECEIVED, datetime(2026, 5, 15, 9, 0))
    assert late.overdue and late.next_update_due_at == datetime(2026, 5, 21, 17, 0)
    assert late.due_at == late.next_update_due_at
    updated = clocks(
        CAL, RECEIVED, datetime(2026, 5, 21, 9, 0), last_update_at=datetime(2026, 5, 20, 9, 0)
    )
    assert updated.overdue, "the answer is still late, whatever the updates"
    assert updated.next_update_due_at == datetime(2026, 5, 27, 17, 0)
    answered = clocks(
        CAL, RECEIVED, datetime(2026, 5, 15, 9, 0), answered_at=datetime(2026, 5, 15, 8, 0)
    )
    assert answered.answered_late is True and answered.next_update_due_at is None
    assert answered.publish_due_at == datetime(2026, 5, 19, 17, 0)
    assert answered.urgency is Urgency.OK
    on_time = clocks(
        CAL, RECEIVED, datetime(2026, 5, 14, 9, 0), answered_at=datetime(2026, 5, 14, 8, 0)
    )
    assert on_time.answered_late is False
    done = clocks(
        CAL,
        RECEIVED,
        datetime(2026, 6, 1, 9, 0),
        answered_at=datetime(2026, 5, 14, 8, 0),
        published_at=datetime(2026, 5, 15, 8, 0),
    )
    assert done.due_at is None and done.urgency is Urgency.OK
    assert working_days_left(CAL, datetime(2026, 5, 14, 17, 0), datetime(2026, 4, 29, 9)) == 9
    assert working_days_left(CAL, datetime(2026, 4, 29, 17, 0), datetime(2026, 5, 4, 9)) == -1


def test_the_register_refuses_what_does_not_follow() -> None:
    assert next_state(None, Kind.RECEIVED) is State.OPEN
    assert next_state(State.OPEN, Kind.PROGRESS) is State.OPEN
    assert next_state(State.OPEN, Kind.ANSWERED) is State.ANSWERED
    assert next_state(State.ANSWERED, Kind.PUBLISHED) is State.PUBLISHED
    for state, kind in (
        (State.ANSWERED, Kind.ANSWERED),
        (State.ANSWERED, Kind.PROGRESS),
        (State.OPEN, Kind.PUBLISHED),
        (State.PUBLISHED, Kind.PUBLISHED),
        (State.OPEN, Kind.RECEIVED),
        (None, Kind.ANSWERED),
    ):
        with pytest.raises(FeedbackError):
            next_state(state, kind)


def test_texts_and_times_are_checked() -> None:
    assert clean_text("  Phản ánh  ") == "Phản ánh"
    for bad in ("", "   ", "a\u200bb", "x" * 4001):
        with pytest.raises(FeedbackError):
            clean_text(bad)
    now = datetime(2026, 5, 4, 9, 0)
    assert check_received_at(datetime(2026, 5, 4, 8, 59, 30), now, 366) == datetime(
        2026, 5, 4, 8, 59
    )
    with pytest.raises(FeedbackError, match="tương lai"):
        check_received_at(datetime(2026, 5, 4, 9, 1), now, 366)
    with pytest.raises(FeedbackError, match="quá xa"):
        check_received_at(datetime(2024, 5, 4, 9, 0), now, 366)
