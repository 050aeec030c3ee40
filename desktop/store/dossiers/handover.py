"""Handing received dossiers to the specialist unit that decides them (issue 18, item 4).

Kon Tum QĐ 08/2018 Điều 14.4 (seed 003): within ½ working day of receiving a complete dossier,
the one-stop section passes it to the specialist unit, with a hand-over record signed by both
sides. Each province's profile gives its own deadline with its source. A hand-over is a
``handed_over`` event per dossier (synced, on Mẫu 05 with the unit's name, in the register),
all of one record sharing its ``handover_id``; the record itself is the Phiếu bàn giao hồ sơ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from desktop.domain.deadlines import Urgency, clock, handover_due
from desktop.domain.dossier import EventType, Status, TransitionError
from desktop.domain.procedures import Procedure
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.catalog import list_procedures
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import Dossier, SyncState
from desktop.store.sync.journal import record
from desktop.store.sync.outbound import Unsendable
from sync.protocol import forbidden_char

MAX_HANDOVER = 200  # dossiers on one record: a day's batch of a busy centre for one unit


@dataclass(frozen=True)
class HandoverItem:
    id: str
    code: str
    procedure: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    handover_due_at: datetime
    left: timedelta
    urgency: Urgency
    unit: str  # the unit that decides the procedure (catalog)
    counter: str

    @property
    def overdue(self) -> bool:
        return self.urgency is Urgency.OVERDUE

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "procedure": self.procedure,
            "applicant_name": self.applicant_name,
            "received_at": self.received_at.isoformat(timespec="minutes"),
            "handover_due_at": self.handover_due_at.isoformat(timespec="minutes"),
            "overdue": self.overdue,
            "minutes_left": int(self.left.total_seconds() // 60),
            "unit": self.unit,
            "counter": self.counter,
        }


@dataclass(frozen=True)
class Handover:
    id: str
    unit: str
    at: datetime
    codes: tuple[str, ...]
    late: int  # how many were handed over after their deadline

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit,
            "handed_at": self.at.isoformat(timespec="minutes"),
            "count": len(self.codes),
            "codes": list(self.codes),
            "late": self.late,
        }


def deciding_unit(p: Procedure) -> str:
    """The unit a procedure's dossiers are handed to: the catalog's ``unit`` when it names one,
    else the body that decides (``agency``)."""
    return p.unit or p.agency


def units(session: Session) -> list[str]:
    """The specialist units of the catalog (the server's feed brings new catalog versions)."""
    return sorted({deciding_unit(p) for p in list_procedures(session)})


def handover_due_at(ctx: CounterContext, received_at: datetime) -> datetime:
    return handover_due(ctx.calendar, received_at, ctx.profile.handover_deadline.working_hours)


def _unit_of(session: Session, cache: dict[str, str], code: str) -> str:
    if not cache:
        cache.update({p.code: deciding_unit(p) for p in list_procedures(session)})
    return cache.get(code, "")


def tracked_since(session: Session) -> datetime | None:
    """Hand-overs are tracked from the upgrade that brought them (migration 0010): what was
    received before went to its unit on paper, with nothing recorded here."""
    row = session.get(SyncState, "handover_since")
    try:
        return datetime.fromisoformat(str(row.value["at"])) if row is not None else None
    except (KeyError, TypeError, ValueError):
        return None


# received and still being processed: a department may have moved it on (4, 5, 6) without the
# counter having recorded the hand-over of its papers
_OPEN = tuple(int(s) for s in (Status.DUOC_TIEP_NHAN, Status.DANG_XU_LY, Status.YEU_CAU_BO_SUNG,
                               Status.YEU_CAU_NGHIA_VU_TAI_CHINH))  # fmt: skip


def due(session: Session, ctx: CounterContext, now: datetime) -> list[HandoverItem]:
    """Received dossiers not yet with their unit, what is due first on top."""
    q = select(Dossier).where(
        Dossier.status.in_(_OPEN),
        Dossier.received_at.is_not(None),
        Dossier.finished_at.is_(None),
        Dossier.handed_over_at.is_(None),
    )
    since = tracked_since(session)
    if since is not None:
        q = q.where(Dossier.received_at >= since)
    rows = session.scalars(q).all()
    cache: dict[str, str] = {}
    items = []
    for row in rows:
        assert row.received_at is not None
        deadline = handover_due_at(ctx, row.received_at)
        c = clock(ctx.calendar, deadline, now)
        items.append(
            HandoverItem(
                id=row.id,
                code=row.code or row.id,
                procedure=row.procedure_code,
                procedure_name=row.procedure_name,
                applicant_name=row.applicant_name,
                received_at=row.received_at,
                handover_due_at=deadline,
                left=c.left,
                urgency=c.urgency,
                unit=_unit_of(session, cache, row.procedure_code),
                counter=row.counter,
            )
        )
    items.sort(key=lambda i: (i.handover_due_at, i.code))
    return items


def _unit_name(text: str) -> str:
    name = " ".join(text.split())
    bad = forbidden_char(name)
    if bad is not None:
        raise ActionError(
            f"Tên đơn vị nhận chứa ký tự không được phép ({bad})",
            code="forbidden_character",
            what="Tên đơn vị nhận",
            char=bad,
        )
    if not 3 <= len(name) <= 300:
        raise ActionError(
            "Tên đơn vị nhận hồ sơ phải từ 3 đến 300 ký tự", code="handover_unit_invalid"
        )
    return name


class Handovers:
    def __init__(
        self, db: Database, ctx: CounterContext, clock_: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock_

    def create(self, refs: Sequence[str], unit: str, officer: OfficerInfo) -> Handover:
        """One record for ``refs``, all or nothing: each must be received, not handed over yet,
        and decided by ``unit`` (one record per unit, as both sides sign it)."""
        unit = _unit_name(unit)
        wanted = list(dict.fromkeys(r.strip() for r in refs if r.strip()))
        if not wanted:
            raise ActionError("Cho biết ít nhất một mã hồ sơ để bàn giao", code="handover_empty")
        if len(wanted) > MAX_HANDOVER:
            raise ActionError(
                f"Một phiếu bàn giao có tối đa {MAX_HANDOVER} hồ sơ",
                code="handover_too_many",
                max=MAX_HANDOVER,
            )
        now = self.clock()
        handover_id = str(uuid7())
        with self.db.write() as s:
            known = units(s)
            if unit not in known:
                raise ActionError(
                    f"Đơn vị {unit!r} không có trong danh mục; các đơn vị: " + "; ".join(known),
                    code="handover_unit_unknown",
                    unit=unit,
                )
            cache: dict[str, str] = {}
            codes, late = [], 0
            for ref in wanted:
                row = find_dossier(s, ref)
                code = row.code or row.id
                if row.received_at is None:
                    raise ActionError(
                        f"Hồ sơ {code} chưa được tiếp nhận nên chưa bàn giao được",
                        code="handover_not_received",
                        dossier=code,
                    )
                if row.handed_over_at is not None:
                    raise ActionError(
                        f"Hồ sơ {code} đã bàn giao cho {row.handover_unit} lúc "
                        f"{row.handed_over_at:%H:%M %d/%m/%Y}",
                        code="handover_done_already",
                        dossier=code,
                        unit=row.handover_unit or "",
                        at=f"{row.handed_over_at:%H:%M %d/%m/%Y}",
                    )
                own = _unit_of(s, cache, row.procedure_code)
                if own != unit:
                    raise ActionError(
                        f"Hồ sơ {code} thuộc thẩm quyền của {own}, không phải {unit}",
                        code="handover_wrong_unit",
                        dossier=code,
                        unit=own,
                    )
                payload = {"unit": unit, "handed_at": now, "handover_id": handover_id}
                try:
                    record(
                        s, self.ctx, row, EventType.HANDED_OVER, payload, officer.username, at=now
                    )
                except (TransitionError, Unsendable) as exc:
                    raise ActionError(
                        f"Hồ sơ {code}: {exc}", code="transition_not_allowed", detail=str(exc)
                    ) from None
                row.handover_id = handover_id
                if now > handover_due_at(self.ctx, row.received_at):
                    late += 1
                codes.append(code)
        return Handover(handover_id, unit, now, tuple(codes), late)
