"""Online dossiers waiting at the counter for their check (issue 18, items 2 and 3).

A dossier submitted on the public service portal arrives through the feed in status 1 (Mới đăng
ký, channel 2). The one-stop officer answers it within the profile's working hours — accepts it
(the official receipt, Mẫu 01), asks for more papers (Mẫu 02) or refuses it (Mẫu 03) — and only
one counter of the agency may: before answering, this counter takes the server's claim on it
(:func:`take_claim`). Offline, it answers only the dossiers it already holds; a dossier another
counter holds is refused with that counter's name, and nothing is written here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.calendar import due_at
from desktop.domain.deadlines import Urgency, clock, online_check_due
from desktop.domain.dossier import EventType, Status, TransitionError
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.catalog import get_procedure
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import (
    ActionError,
    Receipt,
    _clean_missing,
    _reason,
    _receipt,
    find_dossier,
)
from desktop.store.models import Dossier
from desktop.store.sync.inbound import answered_by
from desktop.store.sync.journal import bump, record
from desktop.store.sync.outbound import Unsendable

ONLINE = 2


@dataclass(frozen=True)
class OnlineItem:
    """One dossier of the inbox, with the time left on its check clock."""

    id: str
    code: str
    procedure: str
    procedure_name: str
    applicant_name: str
    submitted_at: datetime
    check_due_at: datetime
    left: timedelta  # working time left; negative: how long past due
    urgency: Urgency
    taken_by: str | None  # the counter holding the claim; None: nobody yet
    mine: bool  # held by this counter
    files: int

    @property
    def overdue(self) -> bool:
        return self.urgency is Urgency.OVERDUE

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "procedure": self.procedure,
            "procedure_name": self.procedure_name,
            "applicant_name": self.applicant_name,
            "submitted_at": self.submitted_at.isoformat(timespec="minutes"),
            "check_due_at": self.check_due_at.isoformat(timespec="minutes"),
            "overdue": self.overdue,
            "minutes_left": int(self.left.total_seconds() // 60),
            "taken_by": self.taken_by,
            "files": self.files,
        }


def check_due_at(ctx: CounterContext, submitted_at: datetime) -> datetime:
    """The profile's clock: its working hours from arrival, counted as a reception's (with the
    province's cut-off), e.g. An Giang QĐ 66/2020 Điều 15.4.b."""
    hours = ctx.profile.online_check_deadline.working_hours
    return online_check_due(ctx.calendar, submitted_at, hours, ctx.cutoff)


def _waiting(session: Session) -> Sequence[Dossier]:
    return session.scalars(
        select(Dossier)
        .where(Dossier.channel == ONLINE, Dossier.status == int(Status.MOI_DANG_KY))
        .order_by(Dossier.submitted_at)
    ).all()


def inbox(session: Session, ctx: CounterContext, now: datetime) -> list[OnlineItem]:
    """Online dossiers waiting for their check, what is due first on top."""
    items = []
    for row in _waiting(session):
        submitted = row.submitted_at or row.created_at
        due = check_due_at(ctx, submitted)
        c = clock(ctx.calendar, due, now)
        items.append(
            OnlineItem(
                id=row.id,
                code=row.code or row.id,
                procedure=row.procedure_code,
                procedure_name=row.procedure_name,
                applicant_name=row.applicant_name,
                submitted_at=submitted,
                check_due_at=due,
                left=c.left,
                urgency=c.urgency,
                taken_by=row.claim_counter,
                mine=row.claim_counter == ctx.counter,
                files=len(row.attachments),
            )
        )
    items.sort(key=lambda i: (i.check_due_at, i.submitted_at, i.code))
    return items


def waiting_row(session: Session, ref: str) -> Dossier:
    """The online dossier ``ref`` if it still waits for its check; else a clear refusal."""
    row = find_dossier(session, ref)
    if row.channel != ONLINE or row.submitted_at is None:
        raise ActionError(
            f"Hồ sơ {row.code or row.id} không phải hồ sơ nộp trực tuyến",
            code="not_online_dossier",
            dossier=row.code or row.id,
        )
    if row.status != int(Status.MOI_DANG_KY):
        raise ActionError(
            f"Hồ sơ {row.code} đã được kiểm tra ({Status(row.status).label_vi})"
            + (f" tại quầy {row.counter}" if row.counter else ""),
            code="online_already_checked",
            dossier=row.code,
            status=Status(row.status).label_vi,
        )
    return row


# what answering an online dossier needs from the claim step: given the dossier's id and code,
# the claim is this counter's when it returns (the server's grant), else it raises a refusal
ClaimStep = Callable[[str, str], None]


class OnlineDossiers:
    def __init__(
        self,
        db: Database,
        ctx: CounterContext,
        take_claim: ClaimStep,
        clock_: Callable[[], datetime] = local_now,
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.take_claim = take_claim
        self.clock = clock_

    def _claimed(self, ref: str) -> str:
        with self.db.read() as s:
            row = waiting_row(s, ref)
            held = row.claim_counter == self.ctx.counter
            did, code = row.id, row.code or row.id
        if not held:
            self.take_claim(did, code)
        return did

    def _answer(
        self, ref: str, officer: OfficerInfo, type_: EventType, payload: dict[str, Any]
    ) -> Receipt:
        did = self._claimed(ref)
        now = self.clock()
        with self.db.write() as s:
            row = waiting_row(s, did)  # answered meanwhile (the feed) → refused, nothing written
            if row.claim_counter != self.ctx.counter:
                raise ActionError(
                    f"Hồ sơ {row.code} đang được kiểm tra tại quầy {row.claim_counter}",
                    code="claimed_elsewhere",
                    dossier=row.code,
                    counter=row.claim_counter or "?",
                )
            if type_ is EventType.RECEIVED:
                payload = self._reception(s, row, now)
            try:
                record(s, self.ctx, row, type_, payload, officer.username, at=now)
            except (TransitionError, Unsendable) as exc:
                raise ActionError(
                    f"Hồ sơ {row.code}: {exc}", code="transition_not_allowed", detail=str(exc)
                ) from None
            answered_by(row, self.ctx.counter)
            return _receipt(row)

    def _reception(self, s: Session, row: Dossier, now: datetime) -> dict[str, Any]:
        """The official reception of an online dossier: its portal code stays; the processing
        clock starts now, with the province's cut-off for channel 2 (An Giang Điều 15.4.b)."""
        procedure = get_procedure(s, row.procedure_code)
        due = due_at(self.ctx.calendar, now, procedure.parsed_limit(), ONLINE, self.ctx.cutoff)
        book = str(now.year)
        row.register_book = book
        row.register_seq = bump(s, f"register:{book}")
        return {
            "code": row.code,
            "provisional": False,
            "received_at": now,
            "due_at": due,
            "register_book": book,
            "register_seq": row.register_seq,
            "procedure": row.procedure_code,
        }

    def accept(self, ref: str, officer: OfficerInfo) -> Receipt:
        """Tiếp nhận: the dossier is complete; Mẫu 01 is its official receipt."""
        return self._answer(ref, officer, EventType.RECEIVED, {})

    def request_supplement(
        self, ref: str, officer: OfficerInfo, reason: str, missing: Sequence[str] = ()
    ) -> Receipt:
        """Mẫu 02: papers are missing; the citizen adds them on the portal or at the counter."""
        payload: dict[str, Any] = {"reason": _reason(reason, "nội dung cần bổ sung")}
        listed = _clean_missing(missing)
        if listed:
            payload["missing"] = listed
        return self._answer(ref, officer, EventType.SUPPLEMENT_REQUESTED, payload)

    def reject(self, ref: str, officer: OfficerInfo, reason: str) -> Receipt:
        """Mẫu 03: refused, with its reason (Kon Tum QĐ 08/2018 Điều 15.2)."""
        payload = {"reason": _reason(reason, "lý do từ chối")}
        return self._answer(ref, officer, EventType.REJECTED, payload)
