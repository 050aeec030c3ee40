"""On-time classes for statistics (Kiên Giang QĐ 1516/QĐ-UBND Điều 12.3: on-time/late rates).

Classes compare dates, not times (DESIGN.md §2): finished before the due date is early
(trước hạn), on the due date on time (đúng hạn), after it late (quá hạn). A dossier still open
at the end of a period is within time (trong hạn) when its due date is not before the period
end, else late.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum


class OnTime(StrEnum):
    TRUOC_HAN = "truoc_han"
    DUNG_HAN = "dung_han"
    QUA_HAN = "qua_han"
    TRONG_HAN = "trong_han"

    @property
    def label_vi(self) -> str:
        return {
            "truoc_han": "Trước hạn",
            "dung_han": "Đúng hạn",
            "qua_han": "Quá hạn",
            "trong_han": "Trong hạn",
        }[self.value]


def classify(due: datetime | date, finished: datetime | date | None, period_end: date) -> OnTime:
    due_day = due.date() if isinstance(due, datetime) else due
    if finished is not None:
        done = finished.date() if isinstance(finished, datetime) else finished
        if done < due_day:
            return OnTime.TRUOC_HAN
        return OnTime.DUNG_HAN if done == due_day else OnTime.QUA_HAN
    return OnTime.TRONG_HAN if due_day >= period_end else OnTime.QUA_HAN
