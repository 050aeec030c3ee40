"""Taking and giving back the server's claim to check an online dossier (issue 18, item 3;
sync/server/online.py): the first counter to ask holds it, and only its answer is taken.

A counter without a provincial server is the only counter there is: its claims are its own.
Offline, no claim can be taken, so only dossiers this counter already holds can be answered;
another counter's claim is refused with its name, and nothing is written at this counter.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.models import Dossier
from desktop.store.sync.local import DeviceCredentials
from desktop.store.sync.server_link import CaBundleError, open_client
from sync.client import Refused
from sync.connectivity import Unreachable
from sync.protocol import ClaimAnswer, ClaimRequest


def _ask(db: Database, ctx: CounterContext, req: ClaimRequest, code: str) -> ClaimAnswer:
    assert ctx.server_url is not None
    try:
        with open_client(
            ctx.data_dir, ctx.server_url, DeviceCredentials(db, ctx), timeout=10.0
        ) as client:
            return client.claim(req)
    except (Unreachable, CaBundleError):
        raise ActionError(
            f"Không liên lạc được máy chủ tỉnh để nhận kiểm tra hồ sơ {code}. Khi mất kết nối, "
            "quầy chỉ kiểm tra được hồ sơ trực tuyến đã nhận kiểm tra trước đó",
            code="claim_offline",
            dossier=code,
        ) from None
    except Refused as exc:
        if exc.code == "not_waiting":
            raise ActionError(
                f"Hồ sơ {code} đã được kiểm tra ở quầy khác", code="online_already_checked"
            ) from None
        raise ActionError(
            f"Máy chủ tỉnh không cho nhận kiểm tra hồ sơ {code}: {exc.message}",
            code="claim_refused",
            dossier=code,
            detail=exc.message,
        ) from None


def _keep(db: Database, dossier_id: str, counter: str | None, officer: str, at: datetime) -> None:
    with db.write() as s:
        row = s.get(Dossier, dossier_id)
        if row is not None:
            row.claim_counter = counter
            row.claim_officer = officer if counter else None
            row.claimed_at = at if counter else None


def take_claim(db: Database, ctx: CounterContext, officer: str, dossier_id: str, code: str) -> None:
    if ctx.server_url is None:
        _keep(db, dossier_id, ctx.counter, officer, local_now())
        return
    answer = _ask(db, ctx, ClaimRequest(dossier_id=UUID(dossier_id), officer=officer), code)
    if answer.counter != ctx.counter:
        raise ActionError(
            f"Hồ sơ {code} đang được kiểm tra tại quầy {answer.counter}",
            code="claimed_elsewhere",
            dossier=code,
            counter=answer.counter or "?",
        )
    _keep(db, dossier_id, ctx.counter, officer, answer.at)


def release_claim(
    db: Database, ctx: CounterContext, officer: str, dossier_id: str, code: str
) -> None:
    if ctx.server_url is not None:
        req = ClaimRequest(dossier_id=UUID(dossier_id), officer=officer, release=True)
        _ask(db, ctx, req, code)
    _keep(db, dossier_id, None, officer, local_now())
