"""The centre's figures as the server last sent them (a ``stats`` item of the change feed, kept by
sync_inbound in ``sync_state['centre_stats']``), readable offline with the time they were taken.

The server computes them over every counter of the agency (sync/server/stats.py) with the same
definitions as the local statistics, for today, this week, this month and this quarter; there is
no processing time in them (the server has no working calendar).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from desktop.domain.refusal import Refusal
from desktop.domain.stats.metrics import SNAPSHOT_METRICS, Figures, Metric
from desktop.store.db import Database
from desktop.store.sync.inbound import get_state

STATE_KEY = "centre_stats"
KIND_LABELS_VI = {
    "today": "Hôm nay",
    "week": "Tuần này",
    "month": "Tháng này",
    "quarter": "Quý này",
}


class SnapshotError(Refusal, ValueError):
    """The stored snapshot cannot be read; the message is for the officer."""

    code = "snapshot_unreadable"


@dataclass(frozen=True)
class CentrePeriod:
    kind: str  # today | week | month | quarter
    first: date
    last: date
    cutoff: date
    figures: Figures  # counts only
    counters: Mapping[str, Figures]

    @property
    def label_vi(self) -> str:
        return KIND_LABELS_VI.get(self.kind, self.kind)


@dataclass(frozen=True)
class CentreSnapshot:
    taken_at: datetime
    agency: str
    periods: tuple[CentrePeriod, ...]

    def period(self, kind: str) -> CentrePeriod | None:
        return next((p for p in self.periods if p.kind == kind), None)

    def age(self, now: datetime) -> timedelta:
        return max(now - self.taken_at, timedelta(0))

    def as_json(self, now: datetime) -> dict[str, Any]:
        return {
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "age_minutes": int(self.age(now).total_seconds() // 60),
            "agency": self.agency,
            "periods": [
                {
                    "period": p.kind,
                    "from": p.first.isoformat(),
                    "to": p.last.isoformat(),
                    "cutoff": p.cutoff.isoformat(),
                    "figures": counts_json(p.figures),
                    "counters": {c: counts_json(f) for c, f in p.counters.items()},
                }
                for p in self.periods
            ],
        }


def counts_json(f: Figures) -> dict[str, Any]:
    # the server does not compute the counter's duties (no working calendar): not shown as 0s
    out: dict[str, Any] = {m.value: f[m] for m in SNAPSHOT_METRICS}
    rate = f.on_time_rate
    out["on_time_rate"] = round(rate, 2) if rate is not None else None
    late = f.late_rate
    out["late_rate"] = round(late, 2) if late is not None else None
    return out


def _figures(raw: Any) -> Figures:
    if not isinstance(raw, dict):
        raise SnapshotError("thiếu số liệu")
    counts: dict[Metric, int] = dict.fromkeys(Metric, 0)
    for m in SNAPSHOT_METRICS:
        v = raw.get(m.value, 0)
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise SnapshotError(f"giá trị {m.value} không hợp lệ")
        counts[m] = v
    return Figures(counts)


def parse_snapshot(value: Mapping[str, Any]) -> CentreSnapshot:
    """What sync_inbound stored: ``taken_at`` plus the server's body (unknown keys ignored)."""
    try:
        taken = datetime.fromisoformat(str(value["taken_at"]))
        if taken.tzinfo is not None:  # a server may send UTC; the counter shows local time
            from desktop.store.clock import VIETNAM

            taken = taken.astimezone(VIETNAM).replace(tzinfo=None)
        periods = []
        for p in value.get("periods", []):
            counters = p.get("counters", {})
            if not isinstance(counters, dict):
                raise SnapshotError("danh sách quầy không hợp lệ")
            periods.append(
                CentrePeriod(
                    kind=str(p["kind"]),
                    first=date.fromisoformat(str(p["from"])),
                    last=date.fromisoformat(str(p["to"])),
                    cutoff=date.fromisoformat(str(p.get("cutoff", p["to"]))),
                    figures=_figures(p.get("figures")),
                    counters={str(c): _figures(f) for c, f in sorted(counters.items())},
                )
            )
        return CentreSnapshot(taken, str(value.get("agency", "")), tuple(periods))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SnapshotError(
            f"Số liệu toàn trung tâm nhận từ máy chủ không đọc được ({exc}); hãy đồng bộ lại"
        ) from None


def centre_snapshot(db: Database) -> CentreSnapshot | None:
    """The last snapshot received, or None when this counter never received one."""
    with db.read() as s:
        value = get_state(s, STATE_KEY)
    return parse_snapshot(value) if value is not None else None
