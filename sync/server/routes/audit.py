"""What a counter checks its own records against: the highest point of its audit chain the
server has seen (``/audit-anchor``, sync/server/audit_anchor.py), and a digest per day of the
dossiers the server holds from it (``GET /reconcile``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import AuditHead, DayDigest, ReconcileResponse, day_digests

from .. import audit_anchor
from ..auth import Caller
from ..db import take_feed_ids
from ..models import DossierRow
from .deps import CounterCaller, ReadSession, WriteSession, json_body, json_response
from .errors import ApiError

router = APIRouter()


@router.get("/audit-anchor")
def audit_anchor_get(caller: CounterCaller, s: ReadSession) -> Response:
    return json_response(audit_anchor.current(s, caller.counter_id))


@router.post("/audit-anchor")
def audit_anchor_post(
    caller: CounterCaller,
    head: Annotated[AuditHead, Depends(json_body(AuditHead))],
    s: WriteSession,
) -> Response:
    take_feed_ids(s, 0)  # one writer at a time, on PostgreSQL too
    anchor = audit_anchor.raise_to(s, caller.counter_id, head)
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(anchor)


@router.get("/reconcile", response_model=ReconcileResponse)
def reconcile(caller: CounterCaller, s: ReadSession, first: date, last: date) -> Response:
    if (last - first).days > 400 or last < first:
        raise ApiError(422, "invalid_request", "reconcile at most 400 days at a time")
    return json_response(ReconcileResponse(days=_digests(s, caller, first, last)))


def _digests(s: Session, caller: Caller, first: date, last: date) -> list[DayDigest]:
    code = func.coalesce(DossierRow.code, DossierRow.provisional_code)
    rows = s.execute(
        select(
            DossierRow.received_at,
            code,
            DossierRow.status,
            DossierRow.procedure,
            DossierRow.applicant_name,
            DossierRow.applicant_id,
        ).where(
            DossierRow.counter_id == caller.counter_id,
            DossierRow.received_at >= datetime.combine(first, datetime.min.time()),
            DossierRow.received_at <= datetime.combine(last, datetime.max.time()),
            code.is_not(None),
        )
    ).all()
    return day_digests(rows)
