"""Rules for outages (DESIGN.md §6): when trouble becomes an incident, what an error sample may
say, when the IT department's promised answer is due, and which appointments an outage puts at
risk and where they move to. Pure: the store applies these to its rows.

The regulations: the agency notifies citizens (Kiên Giang QĐ 921/QĐ-UBND Điều 13.2, seed 000)
and reports the failure to the Department of Information and Communications at once (An Giang
QĐ 66/2020 Điều 24.6, seed 002; Kiên Giang QĐ 1516 Điều 16.4, seed 004), which answers with the
time to fix it within 04 hours of receiving the report (seed 002 Điều 27.6).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .calendar import WorkingCalendar

# The causes the connectivity monitor names, plus what the form says for each.
CAUSE_LABELS_VI: dict[str, str] = {
    "dns": "không phân giải được tên máy chủ (DNS)",
    "tcp": "không kết nối được tới máy chủ (TCP)",
    "tls": "lỗi kết nối bảo mật hoặc chứng chỉ (TLS)",
    "http": "máy chủ trả lời lỗi (HTTP)",
    "timeout": "máy chủ không trả lời trong thời gian chờ",
    "protocol": "câu trả lời của máy chủ không đúng giao thức",
}
CAUSE_SHORT: dict[str, str] = {
    "dns": "DNS",
    "tcp": "TCP",
    "tls": "TLS",
    "http": "HTTP",
    "timeout": "hết thời gian chờ",
    "protocol": "sai giao thức",
}
MAX_SAMPLES = 20  # a day-long outage retried every few minutes must not grow without bound
KEEP_FIRST = 5  # how it began, then the most recent ones
MAX_DETAIL = 200
# A watch (trouble not yet an incident) whose last failure is older than this is not resumed:
# the sync process was away, and nobody knows what happened in between. Longer than any backoff.
STALE_WATCH = timedelta(minutes=30)
# The least a new appointment moves: less is not worth an apology letter (Mẫu 04) and gives the
# department no room to finish.
MIN_SHIFT = timedelta(hours=1)

# phone and ID numbers (9 digits or more, maybe spaced); dotted runs are addresses, kept
_DIGITS = re.compile(r"(?<![\d.])\d(?:[ -]?\d){8,}(?![\d.])")
# bearer tokens, JWTs, keys, long hashes; host names (with dots) are kept
_TOKEN = re.compile(r"(?i:bearer)\s+\S+|ey[\w-]+\.[\w-]+\.[\w-]+|[A-Za-z0-9_\-+/=]{24,}")
_STATUS = re.compile(r"HTTP (\d{3})")


def scrub(detail: str) -> str:
    """An error detail fit to keep and to print on a form sent outside the agency: one short
    line, no personal numbers, no tokens (details come from exceptions and server answers)."""
    text = unicodedata.normalize("NFC", " ".join(str(detail).split()))
    text = _TOKEN.sub("[…]", text)
    text = _DIGITS.sub("[số]", text)
    return text[:MAX_DETAIL]


def http_status_of(detail: str) -> int | None:
    m = _STATUS.search(detail)
    return int(m.group(1)) if m else None


def cause_label(cause: str, http_status: int | None = None) -> str:
    label = CAUSE_LABELS_VI.get(cause, cause)
    return f"{label}, mã {http_status}" if http_status else label


@dataclass(frozen=True)
class ErrorSample:
    at: datetime
    cause: str
    detail: str
    http_status: int | None = None

    @classmethod
    def of(cls, at: datetime, cause: str, detail: str, status: int | None = None) -> ErrorSample:
        clean = scrub(detail)
        return cls(at, cause, clean, status if status is not None else http_status_of(clean))

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "cause": self.cause,
            "detail": self.detail,
            "http_status": self.http_status,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ErrorSample:
        status = data.get("http_status")
        return cls(
            datetime.fromisoformat(str(data["at"])),
            str(data.get("cause", "")),
            str(data.get("detail", "")),
            int(status) if status is not None else None,
        )

    def line(self) -> str:
        """``08:00:05 27/10/2023 — TCP: máy chủ từ chối kết nối``."""
        return f"{self.at:%H:%M:%S %d/%m/%Y} — {self.says()}"

    def says(self) -> str:
        """``TCP: kết nối bị ngắt``, ``HTTP 503: máy chủ báo lỗi (unavailable)``."""
        short = CAUSE_SHORT.get(self.cause, self.cause)
        detail = self.detail
        if self.http_status is not None:
            short = f"{short} {self.http_status}"
            detail = detail.replace(f"máy chủ trả lời HTTP {self.http_status}", "máy chủ báo lỗi")
        return f"{short}: {detail}"


def compact_lines(samples: tuple[ErrorSample, ...]) -> tuple[str, ...]:
    """One line per run of the same error, for a form that must fit on a page:
    ``05:02:17–05:02:22 25/11/2026 (6 lần) — TCP: kết nối bị ngắt``."""
    # runs are grouped by what was said, so a 503 and a 502 stay apart
    runs: list[tuple[ErrorSample, ErrorSample, int]] = []
    for s in samples:
        if runs and runs[-1][0].says() == s.says():
            first, _last, n = runs[-1]
            runs[-1] = (first, s, n + 1)
        else:
            runs.append((s, s, 1))
    out = []
    for first, last, n in runs:
        if n == 1:
            out.append(first.line())
            continue
        same_day = last.at.date() == first.at.date()
        span = (
            f"{first.at:%H:%M:%S}–{last.at:%H:%M:%S} {first.at:%d/%m/%Y}"
            if same_day
            else f"{first.at:%H:%M:%S %d/%m/%Y}–{last.at:%H:%M:%S %d/%m/%Y}"
        )
        out.append(f"{span} ({n} lần) — {first.says()}")
    return tuple(out)


def causes_seen(samples: tuple[ErrorSample, ...]) -> tuple[str, ...]:
    """Each kind of failure once, in the order it first appeared."""
    out: list[str] = []
    for s in samples:
        label = cause_label(s.cause, s.http_status)
        if label not in out:
            out.append(label)
    return tuple(out)


def add_sample(samples: tuple[ErrorSample, ...], new: ErrorSample) -> tuple[ErrorSample, ...]:
    """Keep the first few and the latest ones, at most :data:`MAX_SAMPLES`."""
    out = (*samples, new)
    if len(out) <= MAX_SAMPLES:
        return out
    return out[:KEEP_FIRST] + out[len(out) - (MAX_SAMPLES - KEEP_FIRST) :]


def should_open(started_at: datetime, now: datetime, grace: timedelta) -> bool:
    """Trouble that has lasted the grace period is an incident; shorter blips are not."""
    return now - started_at >= grace


def watch_is_stale(last_failure_at: datetime, now: datetime) -> bool:
    return now - last_failure_at > STALE_WATCH


def answer_due(reported_at: datetime | None, hours: float | None) -> datetime | None:
    """When the IT department's answer is due: ``hours`` after it received the report (seed 002
    Điều 27.6, "04 giờ kể từ khi nhận được thông tin" — clock hours, not working hours). None
    when the province promises nothing or nothing has been reported yet."""
    if reported_at is None or hours is None:
        return None
    return reported_at + timedelta(hours=hours)


# Printing the request is not sending it: the officer records when it left (by hand, by fax,
# by e-mail) and to whom, and only that starts the answer clock of seed 002 Điều 27.6 ("04 giờ
# kể từ khi nhận được thông tin"). A sending time a few seconds ahead of the counter's clock is
# the same minute typed by hand; anything later is refused.
SENT_CLOCK_SLACK = timedelta(minutes=1)
SENT_TO_MAX = 300


def sent_refusal(at: datetime, started_at: datetime, now: datetime) -> str | None:
    """Why ``at`` cannot be when the incident request was sent, or None: not before the trouble
    began (there was nothing to report), not in the future."""
    if at < started_at.replace(second=0, microsecond=0):
        return (
            f"Thời điểm gửi phiếu {at:%H:%M %d/%m/%Y} trước khi sự cố bắt đầu "
            f"({started_at:%H:%M %d/%m/%Y})"
        )
    if at > now + SENT_CLOCK_SLACK:
        return f"Thời điểm gửi phiếu {at:%H:%M %d/%m/%Y} ở tương lai"
    return None


def clean_addressee(text: str) -> str | None:
    """The body the request went to, one line, NFC; None when empty or too long."""
    line = unicodedata.normalize("NFC", " ".join(text.split()))
    return line if line and len(line) <= SENT_TO_MAX else None


# -- appointments an outage touches -------------------------------------------------------------


@dataclass(frozen=True)
class OutageWindow:
    """What the appointment rules need to know about one incident."""

    started_at: datetime
    ended_at: datetime | None  # None: still going on
    promised_hours: float | None  # the province's answer time, while the incident is open

    def end(self, now: datetime) -> datetime:
        return self.ended_at or now


def lost_working_time(cal: WorkingCalendar, window: OutageWindow, now: datetime) -> timedelta:
    return cal.working_time_between(window.started_at, window.end(now))


def shift(cal: WorkingCalendar, window: OutageWindow, now: datetime) -> timedelta:
    """How far an affected appointment moves: the working time the outage took (the clock stops
    during it, as it does for a supplement). While the incident is still open, at least the
    province's promised answer time: until the IT department answers nobody knows when it ends."""
    lost = lost_working_time(cal, window, now)
    promised = (
        timedelta(hours=window.promised_hours)
        if window.ended_at is None and window.promised_hours
        else timedelta(0)
    )
    return max(lost, promised, MIN_SHIFT)


def horizon(cal: WorkingCalendar, window: OutageWindow, now: datetime) -> datetime:
    """Appointments up to here are affected: those that fell inside the outage, and those due
    within :func:`shift` of working time after its end (or after now, while it lasts) — the
    work the outage held up has to be caught up before them."""
    return cal.add_working_time(window.end(now), shift(cal, window, now))


def affected_kind(due_at: datetime, window: OutageWindow, now: datetime) -> str:
    """``inside``: the appointment fell while the system was down (or has passed since);
    ``at_risk``: it is still ahead."""
    return "inside" if due_at <= now or due_at <= window.end(now) else "at_risk"


def proposed_due(
    cal: WorkingCalendar, due_at: datetime, window: OutageWindow, now: datetime
) -> datetime:
    """The new appointment offered on Mẫu 04: the later of the old appointment and now, moved by
    :func:`shift` of working time; always after both and inside working time."""
    base = cal.next_working_start(max(due_at, now))
    return cal.add_working_time(base, shift(cal, window, now))
