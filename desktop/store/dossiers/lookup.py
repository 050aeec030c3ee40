"""Finding dossiers on local data (works offline): by code, ID number, name or phone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.domain import post as post_clock
from desktop.domain.dossier import Status
from desktop.domain.fees import Fees, FeeState
from desktop.domain.procedures import fold_accents
from desktop.store.clock import local_now
from desktop.store.models import Dossier, DossierAlias

MAX_RESULTS = 200


def lookup(session: Session, query: str, limit: int = MAX_RESULTS) -> list[Dossier]:
    q = query.strip()
    if len(q) < 2:
        return []
    opts = (
        selectinload(Dossier.events),
        selectinload(Dossier.attachments),
        selectinload(Dossier.aliases),
    )
    upper = q.upper()
    by_code = (
        select(Dossier)
        .options(*opts)
        .where(
            or_(
                Dossier.code == upper,
                Dossier.id.in_(select(DossierAlias.dossier_id).where(DossierAlias.code == upper)),
            )
        )
    )
    rows = list(session.scalars(by_code))
    if rows:
        return rows
    digits = re.sub(r"[\s.+-]", "", q)
    conds = []
    if digits.isdigit():
        phone = "0" + digits[2:] if digits.startswith("84") and len(digits) == 11 else digits
        conds += [Dossier.applicant_id_number == digits, Dossier.applicant_phone == phone]
    if re.fullmatch(r"[A-Z0-9]{6,12}", upper):
        conds.append(Dossier.applicant_id_number == upper)
    if any(c.isalpha() for c in q):
        conds.append(Dossier.applicant_name_folded.contains(fold_accents(" ".join(q.split()))))
        if len(q) >= 4:
            conds.append(Dossier.code.contains(upper))
    if not conds:
        return []
    stmt = (
        select(Dossier)
        .options(*opts)
        .where(or_(*conds))
        .order_by(Dossier.received_at.desc().nulls_last(), Dossier.created_at.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def _iso(v: Any) -> str | None:
    return v.isoformat(timespec="minutes") if v is not None else None


def _minute(v: datetime | None) -> datetime | None:
    """What the view shows is to the minute, as its JSON always was."""
    return v.replace(second=0, microsecond=0) if v is not None else None


@dataclass(frozen=True)
class AttachmentItem:
    sha256: str
    document: str
    filename: str
    mime: str
    size: int
    pages: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "document": self.document,
            "filename": self.filename,
            "mime": self.mime,
            "size": self.size,
            "pages": self.pages,
        }


@dataclass(frozen=True)
class HistoryItem:
    """One step of the dossier's history (an event); ``type`` is an EventType value."""

    id: str
    type: str
    seq: int
    occurred_at: datetime | None
    officer: str
    counter: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "seq": self.seq,
            "occurred_at": _iso(self.occurred_at),
            "officer": self.officer,
            "counter": self.counter,
        }


@dataclass(frozen=True)
class DossierView:
    """A dossier as the screens and the command line show it. The JSON columns (applicant,
    documents, delivery, fees) stay as stored: their keys are the reception form's. Attachments
    and events are None when the view was built without the history (search results)."""

    id: str
    code: str | None
    provisional: bool
    aliases: tuple[str, ...]
    procedure: str
    procedure_name: str
    status: int
    channel: int
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    applicant: dict[str, Any]
    documents: list[Any]
    sets: int
    result_delivery: dict[str, Any]
    fees: list[Any]
    fee_total: int
    fee_paid: int
    fee_exempt_reason: str | None
    register_book: str | None
    register_seq: int | None
    officer: str
    counter: str
    attachments: tuple[AttachmentItem, ...] | None = None
    events: tuple[HistoryItem, ...] | None = None
    # the result by post (issue 20): the S10 number, handed to the post, delivered; the post's
    # 24-hour clock (desktop/domain/post.py) is judged at ``as_of``, when the view was made
    post_tracking: str | None = None
    posted_at: datetime | None = None
    post_delivered_at: datetime | None = None
    as_of: datetime | None = None

    @property
    def by_post(self) -> bool:
        """The citizen asked for the result by post, or it went by post."""
        return self.result_delivery.get("method") == "post" or self.post_tracking is not None

    @property
    def post_due_at(self) -> datetime | None:
        return post_clock.post_due(self.posted_at) if self.posted_at is not None else None

    @property
    def post_on_time(self) -> bool | None:
        """Delivered within the 24 hours; None until delivered."""
        if self.posted_at is None or self.post_delivered_at is None:
            return None
        return post_clock.delivered_on_time(self.posted_at, self.post_delivered_at)

    @property
    def post_minutes_left(self) -> int | None:
        """Minutes left of the 24 hours while the post has the result (negative: overdue)."""
        if self.posted_at is None or self.post_delivered_at is not None:
            return None
        return post_clock.minutes_left(self.posted_at, self.as_of or local_now())

    @property
    def post_overdue(self) -> bool:
        """Delivered late, or still out after the 24 hours."""
        if self.post_on_time is not None:
            return not self.post_on_time
        left = self.post_minutes_left
        return left is not None and left < 0

    def post_json(self) -> dict[str, Any]:
        return {
            "tracking": self.post_tracking,
            "sent_at": _iso(self.posted_at),
            "due_at": _iso(self.post_due_at),
            "delivered_at": _iso(self.post_delivered_at),
            "on_time": self.post_on_time,
            "overdue": self.post_overdue,
            "minutes_left": self.post_minutes_left,
        }

    @property
    def fee_state(self) -> FeeState:
        return Fees(self.fee_total, self.fee_paid, self.fee_exempt_reason).state

    @property
    def status_label(self) -> str:
        """The status's Vietnamese name (the window translates ``status`` itself)."""
        return Status(self.status).label_vi

    @property
    def applicant_name(self) -> str:
        return str(self.applicant.get("name", ""))

    @property
    def applicant_id_number(self) -> str:
        return str(self.applicant.get("id_number", ""))

    @property
    def applicant_address(self) -> str:
        return str(self.applicant.get("address", ""))

    @property
    def applicant_phone(self) -> str | None:
        phone = self.applicant.get("phone")
        return str(phone) if phone else None

    @property
    def document_names(self) -> tuple[str, ...]:
        return tuple(str(d["name"]) for d in self.documents)

    def to_json(self) -> dict[str, Any]:
        """The view as the command line prints it (and as it always did, key for key)."""
        out: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "provisional": self.provisional,
            "aliases": list(self.aliases),
            "procedure": self.procedure,
            "procedure_name": self.procedure_name,
            "status": self.status,
            "status_label": self.status_label,
            "channel": self.channel,
            "received_at": _iso(self.received_at),
            "due_at": _iso(self.due_at),
            "finished_at": _iso(self.finished_at),
            "returned_at": _iso(self.returned_at),
            "applicant": self.applicant,
            "documents": self.documents,
            "sets": self.sets,
            "result_delivery": self.result_delivery,
            "fees": self.fees,
            "fee_total": self.fee_total,
            "fee": {
                "due": self.fee_total,
                "paid": self.fee_paid,
                "state": self.fee_state.value,
                "state_label": self.fee_state.label_vi,
                "exempt_reason": self.fee_exempt_reason,
            },
            "register_book": self.register_book,
            "register_seq": self.register_seq,
            "officer": self.officer,
            "counter": self.counter,
        }
        if self.by_post:  # only then: the JSON of other dossiers stays as it always was
            out["post"] = self.post_json()
        if self.attachments is not None:
            out["attachments"] = [a.to_json() for a in self.attachments]
        if self.events is not None:
            out["events"] = [e.to_json() for e in self.events]
        return out


def dossier_view(
    row: Dossier, *, with_history: bool = True, now: datetime | None = None
) -> DossierView:
    return DossierView(
        id=row.id,
        code=row.code,
        provisional=row.provisional,
        aliases=tuple(a.code for a in row.aliases),
        procedure=row.procedure_code,
        procedure_name=row.procedure_name,
        status=row.status,
        channel=row.channel,
        received_at=_minute(row.received_at),
        due_at=_minute(row.due_at),
        finished_at=_minute(row.finished_at),
        returned_at=_minute(row.returned_at),
        applicant=row.applicant,
        documents=row.documents,
        sets=row.sets,
        result_delivery=row.result_delivery,
        fees=row.fees,
        fee_total=row.fee_total,
        fee_paid=row.fee_paid or 0,
        fee_exempt_reason=row.fee_exempt_reason,
        register_book=row.register_book,
        register_seq=row.register_seq,
        officer=row.officer,
        counter=row.counter,
        attachments=(
            tuple(
                AttachmentItem(a.sha256, a.document, a.filename, a.mime, a.size, a.pages)
                for a in row.attachments
            )
            if with_history
            else None
        ),
        events=(
            tuple(
                HistoryItem(e.id, e.type, e.seq, _minute(e.occurred_at), e.officer, e.counter)
                for e in row.events
            )
            if with_history
            else None
        ),
        post_tracking=row.post_tracking,
        posted_at=_minute(row.posted_at),
        post_delivered_at=_minute(row.post_delivered_at),
        as_of=(now or local_now()) if row.posted_at is not None else None,
    )


def dossier_json(row: Dossier, *, with_history: bool = True) -> dict[str, Any]:
    return dossier_view(row, with_history=with_history).to_json()


def query_kind(query: str) -> str:
    """What sort of look-up this was, without what was looked up (for the audit log)."""
    q = query.strip()
    if not q:
        return "recent"
    if re.fullmatch(r"[\d\s.+-]+", q):
        return "number"  # an ID number or a phone
    if any(c.isdigit() for c in q) and re.fullmatch(r"[\w.\-/]+", q):
        return "code"
    return "name"


def recent(session: Session, limit: int = 500) -> list[Dossier]:
    stmt = (
        select(Dossier)
        .order_by(Dossier.received_at.desc().nulls_last(), Dossier.register_seq.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
