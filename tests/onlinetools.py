"""Online dossiers at a counter without a server, as the feed would bring them: a
``registered_online`` event written with the server's origin (issue 18). For tests of the
inbox, the answers, the hand-over and the statistics that need no provincial server."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from uuid6 import uuid7

from desktop.domain.dossier import EventType, Status
from desktop.domain.procedures import fold_accents
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.models import Dossier
from desktop.store.sync.journal import record

APPLICANT = {
    "name": "Trần Thị Mai",
    "id_number": "001190012345",
    "address": "Ấp Mỹ Hòa, xã Mỹ Hòa Hưng, An Giang",
    "phone": "0912345678",
}


def register_online(
    db: Database,
    ctx: CounterContext,
    code: str,
    submitted_at: datetime,
    *,
    procedure: str = "1.001193",
    applicant: dict[str, Any] | None = None,
) -> str:
    """An online dossier waiting for its check (status 1); returns its id."""
    person = dict(applicant or APPLICANT)
    with db.write() as s:
        from desktop.store.catalog import get_procedure

        p = get_procedure(s, procedure)
        now = local_now()
        row = Dossier(
            id=str(uuid7()),
            procedure_code=p.code,
            procedure_name=p.name,
            channel=2,
            applicant_name=person["name"],
            applicant_name_folded=fold_accents(person["name"]),
            applicant_id_number=person["id_number"],
            applicant_phone=person.get("phone"),
            applicant=person,
            documents=[{"name": d.name, "originals": 1} for d in p.documents[:2]],
            sets=1,
            result_delivery={"method": "counter"},
            fees=[],
            fee_total=0,
            note=None,
            officer="cong-dvc",
            counter="",
            created_at=now,
            updated_at=now,
            pauses=[],
            provisional=False,
            status=int(Status.MOI_DANG_KY),
        )
        payload = {
            "procedure": p.code,
            "procedure_name": p.name,
            "channel": 2,
            "code": code,
            "submitted_at": submitted_at.isoformat(),
            "applicant": person,
            "documents": row.documents,
        }
        record(
            s,
            ctx,
            row,
            EventType.REGISTERED_ONLINE,
            payload,
            "cong-dvc",
            at=submitted_at,
            new=True,
            origin="server",
            counter="",
        )
        return row.id
