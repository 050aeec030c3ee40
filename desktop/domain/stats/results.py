"""What a statistics query returns: plain, immutable data a screen can show from any thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .feedback import FeedbackFigures
from .fees import Money
from .metrics import Figures, Grouping, Metric
from .period import Period
from .satisfaction import Satisfaction


@dataclass(frozen=True)
class Summary:
    """The figures of one period (``counter`` None: every counter in the local database)."""

    period: Period
    cutoff: date  # the day on-time classes of open dossiers compare with
    computed_at: datetime
    figures: Figures
    counter: str | None = None
    fees: Money = field(default_factory=Money)  # the fee money taken in the period (fees.py)
    # the citizens' ratings given in the period (satisfaction.py)
    satisfaction: Satisfaction = field(default_factory=Satisfaction)
    feedback: FeedbackFigures = field(default_factory=FeedbackFigures)  # feedback.py

    def as_json(self) -> dict[str, Any]:
        return {
            **_head(self.period, self.cutoff, self.computed_at, self.counter),
            "figures": self.figures.as_json(),
            "fees": self.fees.as_json(),
            "satisfaction": self.satisfaction.as_json(),
            "feedback": self.feedback.as_json(),
        }


@dataclass(frozen=True)
class SplitRow:
    key: str  # the value to drill down with: ISO day, username, procedure/field code, channel
    label: str  # what a person reads: dd/mm/yyyy, full name, procedure or field name, channel
    figures: Figures
    fees: Money = field(default_factory=Money)
    satisfaction: Satisfaction = field(default_factory=Satisfaction)


@dataclass(frozen=True)
class Split:
    period: Period
    cutoff: date
    computed_at: datetime
    grouping: Grouping
    rows: tuple[SplitRow, ...]
    total: Figures
    counter: str | None = None
    fees: Money = field(default_factory=Money)  # the whole period's, as ``total``
    satisfaction: Satisfaction = field(default_factory=Satisfaction)  # the whole period's
    feedback: FeedbackFigures = field(default_factory=FeedbackFigures)  # the whole period's

    def row(self, key: str) -> SplitRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def as_json(self) -> dict[str, Any]:
        return {
            **_head(self.period, self.cutoff, self.computed_at, self.counter),
            "by": self.grouping.value,
            "rows": [
                {
                    "key": r.key,
                    "label": r.label,
                    "figures": r.figures.as_json(),
                    "fees": r.fees.as_json(),
                    "satisfaction": r.satisfaction.as_json(),
                }
                for r in self.rows
            ],
            "total": self.total.as_json(),
            "fees": self.fees.as_json(),
            "satisfaction": self.satisfaction.as_json(),
            "feedback": self.feedback.as_json(),
        }


@dataclass(frozen=True)
class DossierRef:
    """One dossier behind a number, enough to list it and open it (no personal data)."""

    id: str
    code: str | None
    procedure_code: str
    procedure_name: str
    status: int
    channel: int
    officer: str
    counter: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    class_due_day: date | None = None  # the due date on-time classes use (before any Mẫu 04)
    # a duty's number (online check, hand-over): its deadline, and when it was done (None:
    # still waiting); ``officer`` and ``counter`` are then the duty's, not the reception's
    duty_due_at: datetime | None = None
    duty_done_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "procedure": self.procedure_code,
            "procedure_name": self.procedure_name,
            "status": self.status,
            "channel": self.channel,
            "officer": self.officer,
            "counter": self.counter,
            "received_at": _iso(self.received_at),
            "due_at": _iso(self.due_at),
            "finished_at": _iso(self.finished_at),
            "returned_at": _iso(self.returned_at),
            "class_due": self.class_due_day.isoformat() if self.class_due_day else None,
            "duty_due": _iso(self.duty_due_at),
            "duty_done": _iso(self.duty_done_at),
        }


@dataclass(frozen=True)
class Cell:
    """Where a number sits, to ask for the dossiers behind it: a metric of the whole period, or
    of one group of a split (``grouping`` and ``key`` from a :class:`SplitRow`)."""

    metric: Metric
    grouping: Grouping | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        if (self.grouping is None) != (self.key is None):
            raise ValueError("a split cell needs both its grouping and its key")


def _iso(v: datetime | None) -> str | None:
    return v.isoformat(timespec="minutes") if v is not None else None


def _head(period: Period, cutoff: date, at: datetime, counter: str | None) -> dict[str, Any]:
    return {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "period": period.kind.value,
        "label": period.label_vi,
        "cutoff": cutoff.isoformat(),
        "computed_at": at.isoformat(timespec="seconds"),
        "counter": counter,
    }
