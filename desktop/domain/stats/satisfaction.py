"""The citizens' satisfaction (issue 20 item 2) as statistics count it: ratings, not dossiers.

Definitions (a period as in metrics.py, from ``start`` to ``end``):

- a rating counts in the period when it was given inside it (``ratings.at``), whenever the
  dossier was received — as a survey counts the answers it collected;
- ``levels``: how many ratings gave each level (desktop/domain/satisfaction.py, 1 … 5), for
  both stages and for each (``reception``, ``return``);
- ``shares``: each level's part of the ratings, in per cent; ``satisfied_share``: levels 4 and 5
  (hài lòng, rất hài lòng), the figure the provincial indexes quote; ``average``: 1 … 5;
- by officer: the officer rated (who served that stage), not the one who typed a paper rating
  in; by procedure, field and channel: the dossier's; by day: the day it was given.

A block of its own beside the figures, for the reason the fee money is one (fees.py): a dossier
may be rated twice (reception and return) and most are never rated, so a rating is not a count
of dossiers and must not be added into one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.satisfaction import Level, Stage

GROUP_VI = "Mức độ hài lòng"
SATISFIED = (Level.HAI_LONG, Level.RAT_HAI_LONG)


@dataclass(frozen=True)
class Satisfaction:
    """The ratings of one cell group: how many per (stage, level)."""

    counts: Mapping[tuple[str, int], int] = field(default_factory=dict)

    def level(self, level: Level | int, stage: Stage | None = None) -> int:
        return sum(
            n
            for (s, lv), n in self.counts.items()
            if lv == int(level) and (stage is None or s == stage.value)
        )

    def total_of(self, stage: Stage | None = None) -> int:
        return sum(n for (s, _lv), n in self.counts.items() if stage is None or s == stage.value)

    @property
    def total(self) -> int:
        return self.total_of()

    @property
    def empty(self) -> bool:
        return self.total == 0

    def share(self, level: Level | int) -> float | None:
        """Per cent of the ratings that gave ``level`` (None: no rating)."""
        return round(100 * self.level(level) / self.total, 1) if self.total else None

    @property
    def satisfied_share(self) -> float | None:
        if not self.total:
            return None
        return round(100 * sum(self.level(lv) for lv in SATISFIED) / self.total, 1)

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return round(sum(lv * n for (_s, lv), n in self.counts.items()) / self.total, 2)

    def __add__(self, other: Satisfaction) -> Satisfaction:
        keys = {*self.counts, *other.counts}
        return Satisfaction({k: self.counts.get(k, 0) + other.counts.get(k, 0) for k in keys})

    def _levels(self, stage: Stage | None) -> dict[str, int]:
        return {str(int(lv)): self.level(lv, stage) for lv in Level}

    def as_json(self) -> dict[str, Any]:
        """Stable keys: every level always, "1" … "5", zero when none."""
        return {
            "total": self.total,
            "levels": self._levels(None),
            "shares": {str(int(lv)): self.share(lv) for lv in Level},
            "satisfied_share": self.satisfied_share,
            "average": self.average,
            "by_stage": {
                st.value: {"total": self.total_of(st), "levels": self._levels(st)} for st in Stage
            },
        }


def satisfaction_of(lines: Iterable[tuple[str, int, int]]) -> Satisfaction:
    """From (stage, level, count) lines, as a grouped query returns them; a level outside the
    scale (never written: the fold refuses it) is left out rather than counted wrong."""
    counts: dict[tuple[str, int], int] = {}
    for stage, level, n in lines:
        if int(level) in Level._value2member_map_:
            key = (str(stage), int(level))
            counts[key] = counts.get(key, 0) + int(n)
    return Satisfaction(counts)


# (level, short heading) of the rating columns of a table, best first as the surveys print them
COLUMNS: tuple[tuple[Level, str], ...] = tuple(
    (lv, lv.label_vi) for lv in sorted(Level, reverse=True)
)


def satisfaction_cells(s: Satisfaction) -> tuple[int | float | None, ...]:
    return (s.total, *(s.level(lv) for lv, _h in COLUMNS), s.satisfied_share)


def satisfaction_rows(s: Satisfaction) -> tuple[tuple[str, int | float | None, str], ...]:
    """The ratings as lines (label, value, code): a summary's lines and the Biểu's section."""
    return (
        ("Số lượt đánh giá", s.total, "satisfaction.total"),
        *(
            (f"— {lv.label_vi}", s.level(lv), f"satisfaction.{int(lv)}")
            for lv in sorted(Level, reverse=True)
        ),
        ("Tỷ lệ hài lòng và rất hài lòng, %", s.satisfied_share, "satisfaction.satisfied_share"),
        ("Điểm trung bình (1–5)", s.average, "satisfaction.average"),
    )
