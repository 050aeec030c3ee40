"""Who checks an online dossier (issue 18: never checked twice).

Every counter of the agency sees the same inbox. Before an officer answers a dossier, the
counter asks the server for its claim: the first counter to ask gets it, the others are told
which counter holds it, and the feed shows all of them ("đang xử lý tại Q02"). Only the
claiming counter's answer (reception, request for papers, refusal) is taken (ingest.py:
``not_claimed``); offline, a counter answers only the dossiers it already holds. A claim ends
when the dossier is answered, when its counter releases it, or when the province's IT releases
it for a counter that died with it (``motcua-server online release``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sync.protocol import ClaimAnswer

from .db import local_now, take_feed_ids
from .feed import add_change
from .models import DossierRow, OnlineClaimRow


class ClaimRefused(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def _publish(s: Session, agency: str, dossier_id: str, row: OnlineClaimRow | None) -> None:
    body = {
        "dossier_id": dossier_id,
        "counter": row.counter if row else None,
        "officer": row.officer if row else "",
        "at": (row.claimed_at if row else local_now()).isoformat(),
    }
    add_change(s, take_feed_ids(s, 1), "claim", body, agency=agency)


def _waiting(s: Session, agency: str, dossier_id: str) -> DossierRow:
    d = s.get(DossierRow, dossier_id)
    if d is None or d.agency != agency:
        # one answer for "no such dossier" and "another agency's": no oracle across agencies
        raise ClaimRefused(404, "unknown_dossier", "no such dossier in this agency")
    if d.channel != 2 or d.status != 1 or d.counter_id is not None:
        raise ClaimRefused(
            409, "not_waiting", "the dossier is not an online dossier awaiting its check"
        )
    return d


def claim(
    s: Session, agency: str, counter_id: int, counter: str, dossier_id: str, officer: str
) -> ClaimAnswer:
    """The dossier's claim as it stands after asking: this counter's, or the one that held it."""
    take_feed_ids(s, 0)  # one writer at a time: two counters asking at once are serialised
    _waiting(s, agency, dossier_id)
    row = s.get(OnlineClaimRow, dossier_id)
    # a claim another counter holds is answered with that counter: the asking counter tells
    # its officer where the dossier is being checked
    if row is None:
        row = OnlineClaimRow(
            dossier_id=dossier_id,
            counter_id=counter_id,
            counter=counter,
            officer=officer,
            claimed_at=local_now(),
        )
        s.add(row)
        s.flush()
        _publish(s, agency, dossier_id, row)
    return _answer(dossier_id, row.counter, row.officer, row.claimed_at)


def release(s: Session, agency: str, counter_id: int | None, dossier_id: str) -> ClaimAnswer:
    """Give a claim back; ``counter_id`` None: the province's IT, for any counter."""
    take_feed_ids(s, 0)
    d = s.get(DossierRow, dossier_id)
    if d is None or (agency and d.agency != agency):
        raise ClaimRefused(404, "unknown_dossier", "no such dossier in this agency")
    row = s.get(OnlineClaimRow, dossier_id)
    if row is not None and counter_id is not None and row.counter_id != counter_id:
        raise ClaimRefused(409, "claimed_elsewhere", f"the claim is counter {row.counter}'s")
    if row is not None:
        s.delete(row)
        s.flush()
        _publish(s, d.agency, dossier_id, None)
    return _answer(dossier_id, None, "", local_now())


def _answer(dossier_id: str, counter: str | None, officer: str, at: datetime) -> ClaimAnswer:
    return ClaimAnswer.model_validate(
        {"dossier_id": dossier_id, "counter": counter, "officer": officer, "at": at}
    )
