"""The citizens' ratings of a period (desktop/domain/stats/satisfaction.py) from the counter's
``ratings`` table: one grouped query over the ratings given in the period (through the index on
``at``), by the split's key when there is one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.orm import Session

from desktop.domain.stats.metrics import Grouping
from desktop.domain.stats.period import Period
from desktop.domain.stats.satisfaction import Satisfaction, satisfaction_of
from desktop.store.models import Dossier, ProcedureRow, Rating


def ratings(
    session: Session, period: Period, counter: str | None, grouping: Grouping | None = None
) -> dict[str, Satisfaction]:
    """The ratings of ``period`` by the group's key ("" without a grouping). ``counter``: the
    ratings given at that counter (the citizens it served), as the fee money counts the money
    taken at it."""
    key: Any
    if grouping is None:
        key = literal("")
    elif grouping is Grouping.DAY:
        key = func.date(Rating.at)
    elif grouping is Grouping.OFFICER:
        key = Rating.served_by
    elif grouping is Grouping.PROCEDURE:
        key = Dossier.procedure_code
    elif grouping is Grouping.CHANNEL:
        key = cast(Dossier.channel, String)
    else:
        key = ProcedureRow.field_code
    stmt: Any = select(key.label("k"), Rating.stage, Rating.level, func.count()).where(
        Rating.at >= period.start, Rating.at < period.end
    )
    if grouping in (Grouping.PROCEDURE, Grouping.CHANNEL, Grouping.FIELD):
        stmt = stmt.join(Dossier, Dossier.id == Rating.dossier_id)
    if grouping is Grouping.FIELD:
        stmt = stmt.join(ProcedureRow, ProcedureRow.code == Dossier.procedure_code)
    if counter is not None:
        stmt = stmt.where(Rating.counter == counter)
    stmt = stmt.group_by(key, Rating.stage, Rating.level)
    lines: dict[str, list[tuple[str, int, int]]] = {}
    for k, stage, level, n in session.execute(stmt):
        if k is None:
            continue
        lines.setdefault(str(k), []).append((str(stage), int(level), int(n)))
    return {k: satisfaction_of(v) for k, v in lines.items()}


def period_ratings(session: Session, period: Period, counter: str | None) -> Satisfaction:
    return ratings(session, period, counter).get("", Satisfaction())
