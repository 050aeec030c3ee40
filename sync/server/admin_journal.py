"""The administrators' journal: one row per change made with ``motcua-server`` commands, in the
same transaction as the change, so nothing is changed without a trace (DESIGN.md §9: who did
what, when). The server's commands run as an operating-system account with the database's
credentials, so that account is the "who"; names of officers and dossier codes are the
"what", never passwords or notes."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import utc_now
from .models import AdminActionRow


def _os_user() -> str:
    try:
        return getpass.getuser()[:64]
    except (KeyError, OSError):  # no name for this uid (a container)
        return "?"


def record(s: Session, action: str, target: str) -> None:
    s.add(AdminActionRow(at=utc_now(), os_user=_os_user(), action=action[:40], target=target[:120]))


def recent(s: Session, limit: int) -> Sequence[dict[str, Any]]:
    rows = s.scalars(select(AdminActionRow).order_by(AdminActionRow.id.desc()).limit(limit))
    return [
        {
            "at": r.at.isoformat(timespec="seconds"),
            "os_user": r.os_user,
            "action": r.action,
            "target": r.target,
        }
        for r in rows
    ]
