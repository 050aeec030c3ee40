"""Finding dossiers on local data (works offline): by code, ID number, name or phone."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.dossier import Status
from desktop.domain.procedures import fold_accents
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


def dossier_json(row: Dossier, *, with_history: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row.id,
        "code": row.code,
        "provisional": row.provisional,
        "aliases": [a.code for a in row.aliases],
        "procedure": row.procedure_code,
        "procedure_name": row.procedure_name,
        "status": row.status,
        "status_label": Status(row.status).label_vi,
        "channel": row.channel,
        "received_at": _iso(row.received_at),
        "due_at": _iso(row.due_at),
        "finished_at": _iso(row.finished_at),
        "returned_at": _iso(row.returned_at),
        "applicant": row.applicant,
        "documents": row.documents,
        "sets": row.sets,
        "result_delivery": row.result_delivery,
        "fees": row.fees,
        "fee_total": row.fee_total,
        "register_book": row.register_book,
        "register_seq": row.register_seq,
        "officer": row.officer,
        "counter": row.counter,
    }
    if with_history:
        out["attachments"] = [
            {
                "sha256": a.sha256,
                "document": a.document,
                "filename": a.filename,
                "mime": a.mime,
                "size": a.size,
                "pages": a.pages,
            }
            for a in row.attachments
        ]
        out["events"] = [
            {
                "id": e.id,
                "type": e.type,
                "seq": e.seq,
                "occurred_at": _iso(e.occurred_at),
                "officer": e.officer,
                "counter": e.counter,
            }
            for e in row.events
        ]
    return out


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
