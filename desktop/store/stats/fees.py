"""The fee money of a period (desktop/domain/stats/fees.py) from the counter's ``payments``
table: one grouped query over the payments whose time is in the period (through the index on
``at``), by the split's key when there is one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.orm import Session

from desktop.domain.stats.fees import Money, MoneyLine, money_of
from desktop.domain.stats.metrics import Grouping
from desktop.domain.stats.period import Period
from desktop.store.models import Dossier, Payment, ProcedureRow


def money(
    session: Session, period: Period, counter: str | None, grouping: Grouping | None = None
) -> dict[str, Money]:
    """The money of ``period`` by the group's key ("" without a grouping): by the day (ISO), the
    officer who took it, the dossier's procedure, field (procedures outside the catalog have
    none, as in the dossiers' split) or channel. ``counter``: the money taken at that counter."""
    key: Any
    stmt: Any
    if grouping is None:
        key = literal("")
    elif grouping is Grouping.DAY:
        key = func.date(Payment.at)
    elif grouping is Grouping.OFFICER:
        key = Payment.officer
    elif grouping is Grouping.PROCEDURE:
        key = Dossier.procedure_code
    elif grouping is Grouping.CHANNEL:
        key = cast(Dossier.channel, String)
    else:
        key = ProcedureRow.field_code
    stmt = select(
        key.label("k"),
        Payment.kind,
        Payment.method,
        func.sum(Payment.amount),
        func.count(),
    ).where(Payment.at >= period.start, Payment.at < period.end)
    if grouping in (Grouping.PROCEDURE, Grouping.CHANNEL, Grouping.FIELD):
        stmt = stmt.join(Dossier, Dossier.id == Payment.dossier_id)
    if grouping is Grouping.FIELD:
        stmt = stmt.join(ProcedureRow, ProcedureRow.code == Dossier.procedure_code)
    if counter is not None:
        stmt = stmt.where(Payment.counter == counter)
    stmt = stmt.group_by(key, Payment.kind, Payment.method)
    lines: dict[str, list[MoneyLine]] = {}
    for k, kind, method, amount, count in session.execute(stmt):
        if k is None:
            continue
        lines.setdefault(str(k), []).append(
            MoneyLine(str(kind), str(method), int(amount or 0), int(count))
        )
    return {k: money_of(v) for k, v in lines.items()}


def period_money(session: Session, period: Period, counter: str | None) -> Money:
    return money(session, period, counter).get("", Money())
