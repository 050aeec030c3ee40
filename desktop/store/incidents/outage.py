"""During and after an outage: the dossiers received offline, the citizens to notify, and the
appointments the outage touches, each with a proposed new one for Mẫu 04.

Kiên Giang QĐ 921/QĐ-UBND Điều 13.2 (seed 000): the agency notifies citizens "bằng văn bản, qua
điện thoại hoặc thư điện tử theo thông tin đã đăng ký" and guides them to finish their
procedures. Which appointments are affected and where they move is decided in
``desktop/domain/incidents.py``; rescheduling stays one dossier at a time, confirmed by the
officer (DossierService.reschedule records the RESCHEDULED event Mẫu 04 prints from).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.dossier import EventType, Status
from desktop.domain.forms.common import datetime_long
from desktop.domain.incidents import affected_kind, horizon, proposed_due
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, DossierService, Receipt, find_dossier
from desktop.store.incidents.catchup import offline_query
from desktop.store.incidents.records import IncidentView, load, view_of
from desktop.store.models import Dossier, EventRow, OutboxRow

MAX_ROWS = 5000
# Active with the processing clock running: received (2), in process (4), fees asked (6).
# A dossier waiting for a supplement (5) has its clock stopped; one whose result is at the
# counter (9) can be returned offline.
RUNNING = (
    int(Status.DUOC_TIEP_NHAN),
    int(Status.DANG_XU_LY),
    int(Status.YEU_CAU_NGHIA_VU_TAI_CHINH),
)


def _iso(t: datetime | None) -> str | None:
    return t.isoformat(timespec="minutes") if t is not None else None


@dataclass(frozen=True)
class OfflineDossier:
    id: str
    code: str | None
    provisional: bool
    old_codes: tuple[str, ...]  # provisional codes the server replaced
    applicant_name: str
    phone: str
    email: str
    procedure_name: str
    status: int
    received_at: datetime | None
    due_at: datetime | None
    unsent_events: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "provisional": self.provisional,
            "old_codes": list(self.old_codes),
            "applicant_name": self.applicant_name,
            "phone": self.phone,
            "email": self.email,
            "procedure_name": self.procedure_name,
            "status": self.status,
            "received_at": _iso(self.received_at),
            "due_at": _iso(self.due_at),
            "unsent_events": self.unsent_events,
            "sent": self.unsent_events == 0,
        }


@dataclass(frozen=True)
class AffectedDossier:
    """An appointment the outage touches; ``kind`` is ``inside`` (it fell during the outage or
    has passed) or ``at_risk`` (still ahead, within the horizon)."""

    id: str
    code: str
    applicant_name: str
    phone: str
    email: str
    procedure_name: str
    status: int
    received_at: datetime | None
    due_at: datetime
    kind: str
    proposed_due_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "applicant_name": self.applicant_name,
            "phone": self.phone,
            "email": self.email,
            "procedure_name": self.procedure_name,
            "status": self.status,
            "received_at": _iso(self.received_at),
            "due_at": _iso(self.due_at),
            "kind": self.kind,
            "proposed_due_at": _iso(self.proposed_due_at),
        }


def _unsent(session: Session, dossier_ids: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(EventRow.dossier_id)
        .join(OutboxRow, OutboxRow.event_id == EventRow.id)
        .where(
            EventRow.dossier_id.in_(dossier_ids),
            OutboxRow.acked_at.is_(None),
            OutboxRow.dead.is_(False),
        )
    ).all()
    out: dict[str, int] = {}
    for (did,) in rows:
        out[did] = out.get(did, 0) + 1
    return out


def offline_dossiers(db: Database, ctx: CounterContext, incident_id: int) -> list[OfflineDossier]:
    """This counter's dossiers the provincial server did not have during the incident (see
    catchup.offline_query), oldest first."""
    with db.read() as s:
        view = view_of(load(s, incident_id), local_now())
        ids = offline_query(ctx, view.started_at, view.ended_at or view.now)
        rows = list(
            s.scalars(
                select(Dossier)
                .options(selectinload(Dossier.aliases))
                .where(Dossier.id.in_(ids))
                .order_by(Dossier.received_at.nulls_last(), Dossier.created_at)
                .limit(MAX_ROWS)
            )
        )
        unsent = _unsent(s, [r.id for r in rows])
        return [
            OfflineDossier(
                id=r.id,
                code=r.code,
                provisional=r.provisional,
                old_codes=tuple(a.code for a in r.aliases),
                applicant_name=r.applicant_name,
                phone=r.applicant_phone or "",
                email=str(r.applicant.get("email") or ""),
                procedure_name=r.procedure_name,
                status=r.status,
                received_at=r.received_at,
                due_at=r.due_at,
                unsent_events=unsent.get(r.id, 0),
            )
            for r in rows
        ]


def affected_dossiers(
    db: Database, ctx: CounterContext, incident_id: int, *, now: datetime | None = None
) -> list[AffectedDossier]:
    """This counter's running dossiers whose appointment falls between the start of the outage
    and its horizon (see desktop/domain/incidents.py), soonest first, with the new appointment
    proposed for each. One already rescheduled during the incident is left out until its new
    appointment has passed too."""
    now = now or local_now()
    cal = ctx.calendar
    with db.read() as s:
        row = load(s, incident_id)
        view = view_of(row, now)
        window = view.window()
        until = horizon(cal, window, now)
        # already given a new appointment since the trouble began: handled, unless that one
        # has slipped too
        handled = select(EventRow.dossier_id).where(
            EventRow.type == EventType.RESCHEDULED.value, EventRow.seq > row.seq_mark
        )
        rows = s.scalars(
            select(Dossier)
            .where(
                Dossier.counter == ctx.counter,
                Dossier.status.in_(RUNNING),
                Dossier.paused_at.is_(None),
                # appointments are to the minute: one due in the minute the outage began is
                # inside it (a "trả ngay" dossier received then was due 07:27, the outage began
                # 07:27:57)
                Dossier.due_at.between(view.started_at.replace(second=0, microsecond=0), until),
                ~(Dossier.id.in_(handled) & (Dossier.due_at > now)),
            )
            .order_by(Dossier.due_at)
            .limit(MAX_ROWS)
        )
        return [
            AffectedDossier(
                id=r.id,
                code=r.code or r.id,
                applicant_name=r.applicant_name,
                phone=r.applicant_phone or "",
                email=str(r.applicant.get("email") or ""),
                procedure_name=r.procedure_name,
                status=r.status,
                received_at=r.received_at,
                due_at=r.due_at,
                kind=affected_kind(r.due_at, window, now),
                proposed_due_at=proposed_due(cal, r.due_at, window, now),
            )
            for r in rows
            if r.due_at is not None
        ]


def default_reason(view: IncidentView) -> str:
    return (
        "Hệ thống thông tin một cửa điện tử bị gián đoạn kết nối với máy chủ của tỉnh từ "
        f"{datetime_long(view.started_at)}, hồ sơ chưa thể được chuyển xử lý và trả kết quả "
        "đúng thời hạn đã hẹn."
    )


def reschedule_for_incident(
    db: Database,
    ctx: CounterContext,
    incident_id: int,
    ref: str,
    officer: OfficerInfo,
    *,
    reason: str | None = None,
    new_due_at: datetime | None = None,
    clock: Callable[[], datetime] = local_now,
) -> tuple[Receipt, AffectedDossier]:
    """Give one affected dossier its new appointment (the proposed one unless the officer chose
    another) and record the RESCHEDULED event; Mẫu 04 then prints from it
    (printouts.notice_document(..., NoticeKind.APOLOGY))."""
    now = clock()
    with db.read() as s:
        row = find_dossier(s, ref)
        view = view_of(load(s, incident_id), now)
    found = {a.id: a for a in affected_dossiers(db, ctx, incident_id, now=now)}
    item = found.get(row.id)
    if item is None:
        raise ActionError(
            f"Hồ sơ {row.code or row.id} không có lịch hẹn bị ảnh hưởng bởi sự cố số {incident_id}"
        )
    due = new_due_at or item.proposed_due_at
    text = reason if reason and reason.strip() else default_reason(view)
    receipt = DossierService(db, ctx, clock).reschedule(item.code, officer, text, new_due_at=due)
    return receipt, item
