"""Processing limits of procedures: working days, working hours, or at once.

Apart from the catalog's models, so that computing an appointment does not build them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_LIMIT_RE = re.compile(r"^(0|[1-9][0-9]{0,2}[dh])$")


class LimitUnit(StrEnum):
    DAY = "d"
    HOUR = "h"


@dataclass(frozen=True)
class Limit:
    """A processing limit in working days or working hours; ``0`` means trả ngay (at once)."""

    amount: int
    unit: LimitUnit

    @classmethod
    def parse(cls, text: str) -> Limit:
        text = text.strip().lower()
        if not _LIMIT_RE.match(text):
            raise ValueError(
                f"Thời hạn {text!r} không hợp lệ: dùng dạng 5d (ngày làm việc), 4h (giờ làm việc) "
                "hoặc 0 (trả ngay)"
            )
        if text == "0":
            return cls(0, LimitUnit.HOUR)
        return cls(int(text[:-1]), LimitUnit(text[-1]))

    @property
    def immediate(self) -> bool:
        return self.amount == 0

    def __str__(self) -> str:
        return "0" if self.immediate else f"{self.amount}{self.unit.value}"

    def label_vi(self) -> str:
        if self.immediate:
            return "Trả ngay"
        return (
            f"{self.amount} ngày làm việc"
            if self.unit is LimitUnit.DAY
            else (f"{self.amount} giờ làm việc")
        )
