"""What statistics count, in one place: the metrics, their Vietnamese names, the splits, and the
figures of one cell.

Definitions (a period runs from ``start`` to ``end``, see period.py; ``cutoff`` is its last day,
or today while it is still running). Only dossiers that were received (tiếp nhận) count: refused
ones and those sent back for papers before reception never entered processing.

- received: received inside the period; split by channel (2 online, 1 direct, 3 post).
- carried_over: received before the start and neither finished nor closed before it.
- resolved: finished (the result came back, status 9) inside the period, whenever received;
  early / on time / late compares the finishing date with the due date (DESIGN.md §2). The due
  date is the appointment as extended for supplements (the clock stops) and by the departments;
  a new appointment given with an apology (Mẫu 04) does not make a late dossier on time, so
  classes use the due date as it stood before the first apology.
- returned: the result handed to the citizen inside the period.
- withdrawn: withdrawn by the citizen (7) or stopped (8) inside the period, without a result.
- in_progress: received before the end and neither finished nor closed by then; within time
  when its due date (as for resolved) is on or after the cutoff, overdue when before.
- waiting_supplement: in progress and waiting for the citizen's papers at the end.
- due_today: in progress at the end and due (current appointment) on the cutoff day.
- processing time: working time from the start of the clock (reception, or the next working
  start, or the next day after the province's cut-off) to finishing, without the time spent
  waiting for supplements, in working days of the calendar (8 working hours).

So that ``carried_over + received == resolved + withdrawn + in_progress`` always holds.

The counter's own duties (issue 18; the clocks are desktop/domain/deadlines.py, judged to the
minute: done at or before the deadline is on time). "The end" of a period is its last moment, or
now while it is still running.

- online_checked: online dossiers (channel 2, submitted on the portal) first answered inside the
  period — accepted, sent back for papers or refused; on time / late against the profile's
  working hours from the submission (the province's 16:00 rule and holidays included). Counted
  for the officer who answered it.
- online_waiting_overdue: online dossiers not yet answered (nor withdrawn) at the end, whose
  deadline had passed by then. Counted for the officer holding the server's claim on it when he
  claimed it before the end, else for nobody (key ``-``).
- handed_over: received dossiers first handed to the specialist unit inside the period (a later
  hand-over of the same dossier does not count again); on time / late against the profile's
  working hours from the reception. Counted for the officer who handed it over.
- handover_waiting_overdue: received dossiers not handed over at the end, still in progress and
  not waiting for the citizen's papers (status 5 cannot be handed over), whose deadline had
  passed by then. Counted for the officer who received the dossier.

- post_sent: results handed to the post (bưu chính công ích) inside the period; the post then
  has 24 calendar hours to deliver within the province (An Giang QĐ 66/2020 Điều 26.2,
  desktop/domain/post.py). Counted, as the three below, for the officer who handed it over.
- post_delivered_on_time / post_delivered_late: results the post delivered inside the period,
  within the 24 hours of their hand-over or after them (to the minute).
- post_waiting_overdue: results with the post at the end, not delivered by then, whose 24 hours
  had run out by then.

These are not SQL predicates: the deadlines are working-hour computations, so the few dossiers
concerned are classified in Python (desktop/domain/stats/duties.py), and the server's centre
snapshot does not carry them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Metric(StrEnum):
    RECEIVED = "received"
    RECEIVED_ONLINE = "received_online"
    RECEIVED_DIRECT = "received_direct"
    RECEIVED_POST = "received_post"
    CARRIED_OVER = "carried_over"
    RESOLVED = "resolved"
    RESOLVED_EARLY = "resolved_early"
    RESOLVED_ON_TIME = "resolved_on_time"
    RESOLVED_LATE = "resolved_late"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    IN_PROGRESS = "in_progress"
    IN_PROGRESS_WITHIN = "in_progress_within"
    IN_PROGRESS_OVERDUE = "in_progress_overdue"
    WAITING_SUPPLEMENT = "waiting_supplement"
    DUE_TODAY = "due_today"
    # the distribution of processing time of resolved dossiers, in working days
    PROCESSING_UNDER_1 = "processing_under_1d"
    PROCESSING_1_3 = "processing_1_3d"
    PROCESSING_3_5 = "processing_3_5d"
    PROCESSING_5_10 = "processing_5_10d"
    PROCESSING_10_20 = "processing_10_20d"
    PROCESSING_20_MORE = "processing_20d_more"
    # the counter's own duties (issue 18): checking online dossiers, handing dossiers over
    ONLINE_CHECKED = "online_checked"
    ONLINE_CHECKED_ON_TIME = "online_checked_on_time"
    ONLINE_CHECKED_LATE = "online_checked_late"
    ONLINE_WAITING_OVERDUE = "online_waiting_overdue"
    HANDED_OVER = "handed_over"
    HANDED_OVER_ON_TIME = "handed_over_on_time"
    HANDED_OVER_LATE = "handed_over_late"
    HANDOVER_WAITING_OVERDUE = "handover_waiting_overdue"
    # results by post (issue 20): the post's 24 hours to deliver (An Giang QĐ 66/2020 Điều 26.2)
    POST_SENT = "post_sent"
    POST_DELIVERED_ON_TIME = "post_delivered_on_time"
    POST_DELIVERED_LATE = "post_delivered_late"
    POST_WAITING_OVERDUE = "post_waiting_overdue"

    @property
    def label_vi(self) -> str:
        return LABELS_VI[self]


LABELS_VI: Mapping[Metric, str] = {
    Metric.RECEIVED: "Tiếp nhận mới",
    Metric.RECEIVED_ONLINE: "Tiếp nhận trực tuyến",
    Metric.RECEIVED_DIRECT: "Tiếp nhận trực tiếp",
    Metric.RECEIVED_POST: "Tiếp nhận qua bưu chính công ích",
    Metric.CARRIED_OVER: "Kỳ trước chuyển qua",
    Metric.RESOLVED: "Đã giải quyết",
    Metric.RESOLVED_EARLY: "Giải quyết trước hạn",
    Metric.RESOLVED_ON_TIME: "Giải quyết đúng hạn",
    Metric.RESOLVED_LATE: "Giải quyết quá hạn",
    Metric.RETURNED: "Đã trả kết quả",
    Metric.WITHDRAWN: "Rút hồ sơ, dừng xử lý",
    Metric.IN_PROGRESS: "Đang giải quyết",
    Metric.IN_PROGRESS_WITHIN: "Đang giải quyết trong hạn",
    Metric.IN_PROGRESS_OVERDUE: "Đang giải quyết quá hạn",
    Metric.WAITING_SUPPLEMENT: "Chờ bổ sung hồ sơ",
    Metric.DUE_TODAY: "Đến hạn trả trong ngày",
    Metric.PROCESSING_UNDER_1: "Thời gian giải quyết dưới 1 ngày",
    Metric.PROCESSING_1_3: "Thời gian giải quyết từ 1 đến dưới 3 ngày",
    Metric.PROCESSING_3_5: "Thời gian giải quyết từ 3 đến dưới 5 ngày",
    Metric.PROCESSING_5_10: "Thời gian giải quyết từ 5 đến dưới 10 ngày",
    Metric.PROCESSING_10_20: "Thời gian giải quyết từ 10 đến dưới 20 ngày",
    Metric.PROCESSING_20_MORE: "Thời gian giải quyết từ 20 ngày trở lên",
    Metric.ONLINE_CHECKED: "Hồ sơ trực tuyến đã kiểm tra",
    Metric.ONLINE_CHECKED_ON_TIME: "Hồ sơ trực tuyến kiểm tra đúng hạn",
    Metric.ONLINE_CHECKED_LATE: "Hồ sơ trực tuyến kiểm tra quá hạn",
    Metric.ONLINE_WAITING_OVERDUE: "Hồ sơ trực tuyến chờ kiểm tra, đã quá hạn",
    Metric.HANDED_OVER: "Hồ sơ đã bàn giao cho bộ phận chuyên môn",
    Metric.HANDED_OVER_ON_TIME: "Hồ sơ bàn giao đúng hạn",
    Metric.HANDED_OVER_LATE: "Hồ sơ bàn giao quá hạn",
    Metric.HANDOVER_WAITING_OVERDUE: "Hồ sơ chờ bàn giao, đã quá hạn",
    Metric.POST_SENT: "Kết quả đã gửi qua bưu chính",
    Metric.POST_DELIVERED_ON_TIME: "Kết quả bưu chính phát trong 24 giờ",
    Metric.POST_DELIVERED_LATE: "Kết quả bưu chính phát quá 24 giờ",
    Metric.POST_WAITING_OVERDUE: "Kết quả bưu chính chưa phát, đã quá 24 giờ",
}

# (metric, lower bound in working days, upper bound or None); lower bound included
PROCESSING_BUCKETS: tuple[tuple[Metric, int, int | None], ...] = (
    (Metric.PROCESSING_UNDER_1, 0, 1),
    (Metric.PROCESSING_1_3, 1, 3),
    (Metric.PROCESSING_3_5, 3, 5),
    (Metric.PROCESSING_5_10, 5, 10),
    (Metric.PROCESSING_10_20, 10, 20),
    (Metric.PROCESSING_20_MORE, 20, None),
)
BUCKET_METRICS = tuple(b[0] for b in PROCESSING_BUCKETS)
COUNT_METRICS = tuple(m for m in Metric if m not in BUCKET_METRICS)
DUTY_METRICS = (
    Metric.ONLINE_CHECKED,
    Metric.ONLINE_CHECKED_ON_TIME,
    Metric.ONLINE_CHECKED_LATE,
    Metric.ONLINE_WAITING_OVERDUE,
    Metric.HANDED_OVER,
    Metric.HANDED_OVER_ON_TIME,
    Metric.HANDED_OVER_LATE,
    Metric.HANDOVER_WAITING_OVERDUE,
    Metric.POST_SENT,
    Metric.POST_DELIVERED_ON_TIME,
    Metric.POST_DELIVERED_LATE,
    Metric.POST_WAITING_OVERDUE,
)
# what the SQL aggregate counts (and the server's centre snapshot carries): all but the duties
DOSSIER_METRICS = tuple(m for m in Metric if m not in DUTY_METRICS)
SNAPSHOT_METRICS = tuple(m for m in COUNT_METRICS if m not in DUTY_METRICS)


def bucket_of(seconds: int, day_seconds: int) -> Metric:
    for metric, _low, high in PROCESSING_BUCKETS:
        if high is None or seconds < high * day_seconds:
            return metric
    raise AssertionError("unreachable")  # pragma: no cover - the last bucket is open


class Grouping(StrEnum):
    """How a statistics table is split; every dossier falls in exactly one group (the officer is
    the one who received it; for the duties, the one who checked or handed it over, see the
    module's docstring), except by day, where each day is a period of its own."""

    DAY = "day"
    OFFICER = "officer"
    PROCEDURE = "procedure"
    FIELD = "field"
    CHANNEL = "channel"

    @property
    def label_vi(self) -> str:
        return {
            "day": "Ngày",
            "officer": "Cán bộ tiếp nhận",
            "procedure": "Thủ tục hành chính",
            "field": "Lĩnh vực",
            "channel": "Kênh tiếp nhận",
        }[self.value]


CHANNEL_LABELS_VI: Mapping[int, str] = {
    1: "Trực tiếp",
    2: "Trực tuyến",
    3: "Bưu chính công ích",
}


@dataclass(frozen=True)
class Figures:
    """The numbers of one cell group: a count per metric, and the processing time of the
    resolved dossiers (working seconds in total over ``timed`` of them)."""

    counts: Mapping[Metric, int]
    processing_seconds: int = 0
    timed: int = 0
    day_seconds: int = 8 * 3600

    def __getitem__(self, metric: Metric) -> int:
        return self.counts.get(metric, 0)

    @classmethod
    def zero(cls, day_seconds: int = 8 * 3600) -> Figures:
        return cls(dict.fromkeys(Metric, 0), day_seconds=day_seconds)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            {m: self[m] + other[m] for m in Metric},
            self.processing_seconds + other.processing_seconds,
            self.timed + other.timed,
            self.day_seconds,
        )

    @property
    def total_received(self) -> int:
        """Biểu 06a "Số hồ sơ nhận giải quyết": carried over plus newly received."""
        return self[Metric.CARRIED_OVER] + self[Metric.RECEIVED]

    @property
    def on_time_rate(self) -> float | None:
        """Percentage of resolved dossiers finished early or on time (Điều 12.3 of Kiên Giang QĐ
        1516/QĐ-UBND asks for on-time and late rates); None when nothing was resolved."""
        resolved = self[Metric.RESOLVED]
        if not resolved:
            return None
        return 100.0 * (self[Metric.RESOLVED_EARLY] + self[Metric.RESOLVED_ON_TIME]) / resolved

    @property
    def late_rate(self) -> float | None:
        resolved = self[Metric.RESOLVED]
        return 100.0 * self[Metric.RESOLVED_LATE] / resolved if resolved else None

    @property
    def mean_processing_days(self) -> float | None:
        if not self.timed:
            return None
        return self.processing_seconds / self.timed / self.day_seconds

    def as_json(self) -> dict[str, Any]:
        """Stable keys for scripts: every metric's value, then the derived figures."""
        out: dict[str, Any] = {m.value: self[m] for m in COUNT_METRICS}
        out["processing_days"] = {m.value: self[m] for m in BUCKET_METRICS}
        out["mean_processing_days"] = _round(self.mean_processing_days)
        out["on_time_rate"] = _round(self.on_time_rate)
        out["late_rate"] = _round(self.late_rate)
        return out


def _round(v: float | None) -> float | None:
    return round(v, 2) if v is not None else None
