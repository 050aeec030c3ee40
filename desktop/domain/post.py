"""The post's clock for a result sent to the citizen by post (bưu chính công ích; issue 20,
item 4).

An Giang QĐ 66/2020/QĐ-UBND Điều 26.2 (seed 002) binds the public postal operator: "Trả kết quả:
Cam kết trả trong tỉnh trong vòng 24 giờ sau khi có kết quả" — within the province, the result
reaches the citizen within 24 hours of the post receiving it. The clock starts when the counter
hands the result to the post (the ``sent_by_post`` event's ``sent_at``).

These are **calendar hours**, not the working hours of the counter's own duties
(desktop/domain/deadlines.py): the commitment is the post's, whose delivery rounds do not follow
the agency's working calendar, and the regulation says "24 giờ", not "giờ làm việc" as it does
where it means working time (Điều 15.4: "tám giờ làm việc"). A result handed to the post at 15:00
on a Friday is due 15:00 on Saturday, over a weekend or a public holiday alike.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .deadlines import SOON, Clock, Urgency

POST_DELIVERY_HOURS = 24
POST_DELIVERY = timedelta(hours=POST_DELIVERY_HOURS)
REGULATION = "QĐ 66/2020/QĐ-UBND An Giang, Điều 26 khoản 2"


def post_due(posted_at: datetime) -> datetime:
    """When a result handed to the post at ``posted_at`` must have reached the citizen."""
    return posted_at + POST_DELIVERY


def post_clock(posted_at: datetime, now: datetime) -> Clock:
    """How much of the 24 hours is left at ``now`` (``left`` is calendar time here; negative:
    how long past due). Under an hour left is "soon", as for the counter's own duties."""
    due = post_due(posted_at)
    left = due - now
    if left <= timedelta(0):
        return Clock(due, left, Urgency.OVERDUE)
    return Clock(due, left, Urgency.SOON if left < SOON else Urgency.OK)


def delivered_on_time(posted_at: datetime, delivered_at: datetime) -> bool:
    """Delivered at or before the 24th hour; judged to the minute, as the duties are."""
    return delivered_at <= post_due(posted_at)


def minutes_left(posted_at: datetime, now: datetime) -> int:
    """Whole minutes left before the 24 hours run out; negative once they have (rounded towards
    the past, so the first late minute is -1, never 0)."""
    return int((post_due(posted_at) - now) // timedelta(minutes=1))


def late_by(posted_at: datetime, delivered_at: datetime) -> timedelta:
    """How long after the 24 hours the result was delivered (zero when on time)."""
    return max(delivered_at - post_due(posted_at), timedelta(0))


def hours_and_minutes(span: timedelta) -> str:
    """``26 giờ 05 phút``, ``40 phút`` (a span of time for a remark)."""
    minutes = max(int(span // timedelta(minutes=1)), 0)
    hours, rest = divmod(minutes, 60)
    return f"{hours} giờ {rest:02d} phút" if hours else f"{rest} phút"
