"""The feedback register (phản ánh, kiến nghị; issue 20 item 3): its channels, states and the
three clocks of Quảng Ninh QĐ 84/2025/QĐ-CTUBND (seed 001):

- Điều 17.3.b: feedback sent "bằng văn bản, điện thoại, fax, thư điện tử" is entered in full
  into the system (and Điều 19.2.b for the centre itself); at the counter it may also be said
  in person, hence the channels counter, letter, phone, e-mail and fax.
- Điều 18.1: it is answered within **15 working days** "kể từ ngày nhận được"; when that time
  runs out unanswered, the progress is updated **every 5 working days** after it.
- Điều 18.2: once there is a result, it is updated into the system for the citizen within
  **2 working days** (published).

Counting (decided here, the article says days, not hours): day 1 is the first working day
*after* the day of receipt — the receipt day is not counted, whether the feedback came at 07:05
or 16:55, on a working day or a day off — and a deadline is the *end* (17:00, the end of the
calendar's last period) of its last day. Days come from the counter's calendar
(``ctx.calendar``: weekends, holidays, announced days off and make-up working Saturdays) through
:meth:`~desktop.domain.calendar.WorkingCalendar.next_working_day`, as every other deadline.

The progress clock runs only once the answer is late: from the end of the 15th day, and from
the last progress update when one was recorded after that (an update within the 15 days does
not start it). An update is due 5 working days after the day of the last one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sync.limits import MAX_FEEDBACK_TEXT, MAX_PERSON_NAME
from sync.protocol import forbidden_char

from .calendar import WorkingCalendar
from .deadlines import Urgency
from .refusal import Refusal

ANSWER_DAYS = 15  # Điều 18.1
UPDATE_DAYS = 5  # Điều 18.1, "định kỳ cứ sau 05 ngày làm việc"
PUBLISH_DAYS = 2  # Điều 18.2
SOON_DAYS = 2  # amber when less than two working days are left: these clocks run over weeks
SOURCE = "QĐ 84/2025/QĐ-CTUBND tỉnh Quảng Ninh, Điều 17.3.b và Điều 18"


class FeedbackError(Refusal, ValueError):
    """Feedback that cannot be recorded; the message is for the officer."""

    code = "feedback_refused"


class Channel(StrEnum):
    COUNTER = "counter"
    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"
    FAX = "fax"

    @property
    def label_vi(self) -> str:
        return CHANNEL_LABELS_VI[self]


CHANNEL_LABELS_VI = {
    Channel.COUNTER: "Trực tiếp tại quầy",
    Channel.PHONE: "Điện thoại",
    Channel.LETTER: "Văn bản",
    Channel.EMAIL: "Thư điện tử",
    Channel.FAX: "Fax",
}


class State(StrEnum):
    """Where an item stands. "Late" is not a state but a clock (:func:`clocks`): an open item
    past its 15 days is still open, only overdue."""

    OPEN = "open"  # received, not answered yet (progress updates keep it open)
    ANSWERED = "answered"  # the result is recorded, not yet published to the citizen
    PUBLISHED = "published"  # the answer was updated into the system for the citizen

    @property
    def label_vi(self) -> str:
        return STATE_LABELS_VI[self]


STATE_LABELS_VI = {
    State.OPEN: "Đang xử lý",
    State.ANSWERED: "Đã có kết quả, chưa công khai",
    State.PUBLISHED: "Đã trả lời công dân",
}


class Kind(StrEnum):
    """The entries an item is the fold of (append-only, synced one by one)."""

    RECEIVED = "received"
    PROGRESS = "progress"
    ANSWERED = "answered"
    PUBLISHED = "published"


def next_state(state: State | None, kind: Kind, ref: str = "") -> State:
    """The state after an entry; a refusal when the entry does not fit (answered twice, a
    progress update after the answer, publishing what has no answer)."""
    if kind is Kind.RECEIVED:
        if state is not None:
            raise FeedbackError(f"Phản ánh {ref} đã được ghi nhận", code="feedback_exists")
        return State.OPEN
    if state is None:
        raise FeedbackError(f"Không tìm thấy phản ánh {ref}", code="feedback_not_found")
    if kind is Kind.PROGRESS:
        if state is not State.OPEN:
            raise FeedbackError(
                f"Phản ánh {ref} đã có kết quả trả lời: không cần cập nhật tiến độ nữa",
                code="feedback_already_answered",
            )
        return State.OPEN
    if kind is Kind.ANSWERED:
        if state is not State.OPEN:
            raise FeedbackError(
                f"Phản ánh {ref} đã được trả lời; mỗi phản ánh chỉ trả lời một lần",
                code="feedback_already_answered",
            )
        return State.ANSWERED
    if state is State.OPEN:
        raise FeedbackError(
            f"Phản ánh {ref} chưa có kết quả trả lời để công khai", code="feedback_not_answered"
        )
    if state is State.PUBLISHED:
        raise FeedbackError(f"Phản ánh {ref} đã được công khai", code="feedback_already_published")
    return State.PUBLISHED


# -- the clocks ---------------------------------------------------------------------------------


def end_of_day(calendar: WorkingCalendar, day: date) -> datetime:
    return datetime.combine(day, calendar.periods[-1][1])


def working_days_after(calendar: WorkingCalendar, moment: datetime, days: int) -> datetime:
    """The end of the ``days``-th working day after the day of ``moment`` (not counting it)."""
    day = moment.date()
    for _ in range(days):
        day = calendar.next_working_day(day)
    return end_of_day(calendar, day)


def answer_due(received_at: datetime, calendar: WorkingCalendar) -> datetime:
    """Điều 18.1: the end of the 15th working day after the day of receipt."""
    return working_days_after(calendar, received_at, ANSWER_DAYS)


def next_update_due(
    answer_due_at: datetime, last_update_at: datetime | None, calendar: WorkingCalendar
) -> datetime:
    """Điều 18.1: when the next progress update is due on an unanswered item past its 15 days —
    5 working days after the answer deadline, or after the day of the last progress update
    recorded once the deadline had passed."""
    since = answer_due_at
    if last_update_at is not None and last_update_at > answer_due_at:
        since = last_update_at
    return working_days_after(calendar, since, UPDATE_DAYS)


def publish_due(answered_at: datetime, calendar: WorkingCalendar) -> datetime:
    """Điều 18.2: the end of the 2nd working day after the day of the answer."""
    return working_days_after(calendar, answered_at, PUBLISH_DAYS)


@dataclass(frozen=True)
class Clocks:
    """An item's clocks at ``now``: the answer deadline always; the progress-update deadline
    only while an unanswered item is past its answer deadline; the publishing deadline once
    answered. ``due_at`` is the duty that comes next, ``urgency`` its colour."""

    answer_due_at: datetime
    next_update_due_at: datetime | None
    publish_due_at: datetime | None
    due_at: datetime | None  # None: nothing left to do (published)
    urgency: Urgency
    answered_late: bool | None  # None: not answered yet

    @property
    def overdue(self) -> bool:
        return self.urgency is Urgency.OVERDUE


def clocks(
    calendar: WorkingCalendar,
    received_at: datetime,
    now: datetime,
    *,
    answered_at: datetime | None = None,
    published_at: datetime | None = None,
    last_update_at: datetime | None = None,
) -> Clocks:
    answer = answer_due(received_at, calendar)
    update = publish = None
    late = None if answered_at is None else answered_at > answer
    if answered_at is None:
        if now > answer:
            update = next_update_due(answer, last_update_at, calendar)
        due: datetime | None = answer if update is None else update
        # an answer past its 15 days stays red until it is given, whatever the updates say
        urgency = Urgency.OVERDUE if now > answer else _urgency(calendar, answer, now)
    elif published_at is None:
        publish = due = publish_due(answered_at, calendar)
        urgency = _urgency(calendar, publish, now)
    else:
        publish = publish_due(answered_at, calendar)
        due, urgency = None, Urgency.OK
    return Clocks(answer, update, publish, due, urgency, late)


def _urgency(calendar: WorkingCalendar, due: datetime, now: datetime) -> Urgency:
    if now > due:
        return Urgency.OVERDUE
    left = calendar.working_time_between(now, due)
    return Urgency.SOON if left < calendar.day_length * SOON_DAYS else Urgency.OK


def working_days_left(calendar: WorkingCalendar, due: datetime, now: datetime) -> int:
    """Whole working days from today to the due day (0: due today; negative: past)."""
    if now.date() == due.date():
        return 0
    step, count, day = (1, 0, now.date()) if due > now else (-1, 0, now.date())
    while day != due.date():
        day += timedelta(days=step)
        if calendar.is_working_day(day):
            count += step
    return count


# -- what an officer types ------------------------------------------------------------------------


def clean_text(text: str, what: str = "Nội dung", limit: int = MAX_FEEDBACK_TEXT) -> str:
    """NFC, trimmed, not empty, no control or invisible characters, within the shared limit."""
    value = unicodedata.normalize("NFC", text or "").strip()
    if not value:
        raise FeedbackError(f"{what} không được để trống", code="feedback_empty")
    bad = forbidden_char(value)
    if bad is not None:
        raise FeedbackError(
            f"{what} chứa ký tự không được phép ({bad})", code="forbidden_character", char=bad
        )
    if len(value) > limit:
        raise FeedbackError(
            f"{what} quá dài (tối đa {limit} ký tự)", code="text_too_long", max=limit
        )
    return value


def clean_name(name: str) -> str:
    return " ".join(clean_text(name, "Họ tên người phản ánh", MAX_PERSON_NAME).split())


def parse_channel(value: str) -> Channel:
    try:
        return Channel(value.strip().lower())
    except ValueError:
        known = ", ".join(c.value for c in Channel)
        raise FeedbackError(
            f"Kênh tiếp nhận {value!r} không hợp lệ (một trong: {known})", code="bad_channel"
        ) from None


def check_received_at(received_at: datetime, now: datetime, backdate_days: int) -> datetime:
    """Not in the future (a clock cannot start later than it is entered), and not before the
    profile's back-dating limit (the same as a paper reception's)."""
    moment = received_at.replace(second=0, microsecond=0)
    if moment > now:
        raise FeedbackError(
            f"Thời điểm nhận phản ánh {moment:%H:%M %d/%m/%Y} ở tương lai", code="future_time"
        )
    if (now - moment).days > backdate_days:
        raise FeedbackError(
            f"Thời điểm nhận phản ánh {moment:%d/%m/%Y} quá xa (tối đa {backdate_days} ngày trước)",
            code="backdated_too_far",
        )
    return moment
