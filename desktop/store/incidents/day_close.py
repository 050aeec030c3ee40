"""Closing a day's register (sổ theo dõi hồ sơ, Mẫu 06) at the end of the day.

What closing means here, and no more: the officer attests that the day's register, printed at
that moment, matches what the software holds and that the day's work reached the provincial
server — paper and software kept in step (Kiên Giang QĐ 1516/QĐ-UBND Điều 9.2, seed 004). So it
is refused while events are still waiting to sync, unless a supervisor closes it anyway and
says why (recorded: who, when, why, how many were waiting). Closing locks nothing: a citizen is
never turned away, and every dossier still goes through the software (Điều 9.3); a dossier
received on a day after it was closed is counted in the listing (``received_after``) so the
officer closes again and reprints the register. Each closure is its own row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.accounts import audit
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.day_money import DayMoney, day_money
from desktop.store.dossiers.service import ActionError
from desktop.store.models import DayClosure, Dossier, Incident
from desktop.store.sync import outbound as sync_outbound

MAX_LISTED = 1000


class DayCloseRefused(ActionError):
    """Events are still waiting for the server; ``pending`` says how many."""

    code = "day_close_pending"

    def __init__(self, day: date, pending: int) -> None:
        super().__init__(
            f"Chưa thể khóa sổ ngày {day:%d/%m/%Y}: còn {pending} thao tác chờ đồng bộ với máy "
            "chủ tỉnh. Hãy chờ đồng bộ xong, hoặc lãnh đạo bộ phận khóa sổ kèm lý do",
            day=f"{day:%d/%m/%Y}",
            pending=pending,
        )
        self.day = day
        self.pending = pending


@dataclass(frozen=True)
class DayClosureView:
    id: int
    day: date
    closed_at: datetime
    closed_by: str
    pending: int  # events waiting to sync when it was closed
    dead: int  # events the server refused, for the supervisor
    dossiers: int  # received on that day at this counter when it was closed
    override: bool
    reason: str | None
    incident_id: int | None  # the incident open at the time
    received_after: int  # received on that day after the closure
    # fees taken at this counter that day (issue 19): by officer and method, cash expected
    money: DayMoney = field(default_factory=lambda: DayMoney(()))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "day": self.day.isoformat(),
            "closed_at": self.closed_at.isoformat(timespec="seconds"),
            "closed_by": self.closed_by,
            "pending": self.pending,
            "dead": self.dead,
            "dossiers": self.dossiers,
            "override": self.override,
            "reason": self.reason,
            "incident_id": self.incident_id,
            "received_after": self.received_after,
            "money": self.money.as_json(),
        }


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, time.min), datetime.combine(day, time.max)


def _received_on(s: Session, ctx: CounterContext, day: date) -> int:
    first, last = _day_bounds(day)
    q = (
        select(func.count())
        .select_from(Dossier)
        .where(Dossier.counter == ctx.counter, Dossier.received_at.between(first, last))
    )
    return int(s.scalar(q) or 0)


def _view(s: Session, ctx: CounterContext, r: DayClosure) -> DayClosureView:
    return DayClosureView(
        id=r.id,
        day=r.day,
        closed_at=r.closed_at,
        closed_by=r.closed_by,
        pending=r.pending,
        dead=r.dead,
        dossiers=r.dossiers,
        override=r.override,
        reason=r.reason,
        incident_id=r.incident_id,
        # the day's count now less the count the closure saw in its own transaction: exact even
        # for a dossier received within the second of the closure (times are kept to the second)
        received_after=max(0, _received_on(s, ctx, r.day) - r.dossiers),
        money=day_money(s, ctx.counter, r.day),
    )


def _reason(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if len(text) < 5:
        raise ActionError("Khóa sổ khi còn dữ liệu chờ đồng bộ phải ghi rõ lý do (ít nhất 5 ký tự)")
    if len(text) > 2000:
        raise ActionError("Lý do quá dài (tối đa 2000 ký tự)")
    return text


def waiting(db: Database) -> tuple[int, int]:
    """(events waiting to sync, dead letters): what the screen shows before closing."""
    with db.read() as s:
        return sync_outbound.pending_count(s), sync_outbound.dead_count(s)


def close_day(
    db: Database,
    ctx: CounterContext,
    day: date,
    officer: OfficerInfo,
    *,
    override_reason: str | None = None,
    clock: Callable[[], datetime] = local_now,
) -> DayClosureView:
    """Close ``day``; raises :class:`DayCloseRefused` while events wait (a counter with no
    server has nothing to wait for). Who may close, and who may override with a reason, is
    checked by the caller (the service, against the role table)."""
    reason = None
    if override_reason is not None:
        reason = _reason(override_reason)
    now = clock()
    if day > now.date():
        raise ActionError(f"Không thể khóa sổ ngày {day:%d/%m/%Y}: ngày này chưa đến")
    with db.write() as s:
        pending = sync_outbound.pending_count(s)
        if pending and ctx.server_url is not None and reason is None:
            raise DayCloseRefused(day, pending)
        row = DayClosure(
            day=day,
            closed_at=now,
            closed_by=officer.username,
            pending=pending if ctx.server_url is not None else 0,
            dead=sync_outbound.dead_count(s),
            dossiers=_received_on(s, ctx, day),
            override=reason is not None and pending > 0,
            reason=reason,
            incident_id=s.scalar(select(Incident.id).where(Incident.state == "open")),
        )
        s.add(row)
        s.flush()
        audit.record(
            s, officer.username, "day.closed", day.isoformat(),
            {"pending": row.pending, "override": row.override},
        )  # fmt: skip
        return _view(s, ctx, row)


def list_closures(
    db: Database, ctx: CounterContext, first: date | None = None, last: date | None = None
) -> list[DayClosureView]:
    """Newest first."""
    with db.read() as s:
        q = select(DayClosure).order_by(DayClosure.day.desc(), DayClosure.id.desc())
        if first is not None:
            q = q.where(DayClosure.day >= first)
        if last is not None:
            q = q.where(DayClosure.day <= last)
        return [_view(s, ctx, r) for r in s.scalars(q.limit(MAX_LISTED))]


def closures_during(
    db: Database, ctx: CounterContext, started_at: datetime, ended_at: datetime | None
) -> list[DayClosureView]:
    """Days closed while an incident was going on (shown with the incident)."""
    with db.read() as s:
        q = select(DayClosure).where(DayClosure.closed_at >= started_at)
        if ended_at is not None:
            q = q.where(DayClosure.closed_at <= ended_at)
        return [_view(s, ctx, r) for r in s.scalars(q.order_by(DayClosure.id).limit(MAX_LISTED))]
