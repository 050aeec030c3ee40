"""This counter's day in four numbers (issue 22): received today, results returned today, how
many of today's dossiers still wait for their result to be handed back, and how many
appointments fall today and are not returned yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.dossier import Status
from desktop.store.models import Dossier, EventRow

RETURNED = "result_returned"
# closed without a result to hand back: nothing waits at the counter any more
_CLOSED = (
    Status.KHONG_DUOC_TIEP_NHAN,
    Status.CONG_DAN_RUT_HO_SO,
    Status.DUNG_XU_LY,
    Status.DA_TRA_KET_QUA,
)


@dataclass(frozen=True)
class DayFigures:
    day: date
    received: int  # dossiers received at this counter today
    returned: int  # results handed back at this counter today
    waiting: int  # of today's received, those whose result is not handed back yet
    due_today: int  # this counter's dossiers with today's appointment, not returned yet


def count_day(s: Session, counter: str, day: date) -> DayFigures:
    start = datetime.combine(day, time())
    end = start + timedelta(days=1)

    def events(kind: str) -> int:
        stmt = select(func.count(func.distinct(EventRow.dossier_id))).where(
            EventRow.type == kind,
            EventRow.counter == counter,
            EventRow.occurred_at >= start,
            EventRow.occurred_at < end,
        )
        return int(s.scalar(stmt) or 0)

    mine = Dossier.counter == counter
    # received and waiting on one basis, the receipt's time: a paper receipt entered later
    # (backdated) counts on the day it bears, and
    # "waiting" is never more than "received" (by the event's time, the demo's six backdated
    # dossiers read "received 6, waiting 0")
    received = s.scalar(
        select(func.count()).where(mine, Dossier.received_at >= start, Dossier.received_at < end)
    )
    waiting = s.scalar(
        select(func.count()).where(
            mine,
            Dossier.received_at >= start,
            Dossier.received_at < end,
            Dossier.status.not_in([int(x) for x in _CLOSED]),
        )
    )
    due = s.scalar(
        select(func.count()).where(
            mine,
            Dossier.due_at >= start,
            Dossier.due_at < end,
            Dossier.status.not_in([int(x) for x in _CLOSED]),
        )
    )
    return DayFigures(day, int(received or 0), events(RETURNED), int(waiting or 0), int(due or 0))
