"""Audit-log anchors: the highest head each counter reported. The server never lowers one, and
raises it only for a chain that still holds the anchored entry, so a counter whose log lost its
last entries keeps finding, at every check, an anchored entry it no longer has."""

from __future__ import annotations

import hmac
import logging

from sqlalchemy.orm import Session

from sync.protocol import AuditAnchor, AuditHead

from .db import utc_now
from .models import AuditAnchorRow, RetiredAuditAnchorRow

log = logging.getLogger(__name__)


def current(session: Session, counter_id: int) -> AuditAnchor:
    row = session.get(AuditAnchorRow, counter_id)
    return AuditAnchor(seq=0, mac="") if row is None else AuditAnchor(seq=row.seq, mac=row.mac)


def raise_to(session: Session, counter_id: int, head: AuditHead) -> AuditAnchor:
    row = session.get(AuditAnchorRow, counter_id)
    if row is None:
        row = AuditAnchorRow(counter_id=counter_id, seq=head.seq, mac=head.mac)
        row.updated_at = utc_now()
        session.add(row)
    elif head.seq > row.seq:
        if head.base_seq == row.seq and hmac.compare_digest(head.base_mac or "", row.mac):
            row.seq, row.mac, row.updated_at = head.seq, head.mac, utc_now()
        elif head.base_seq is not None:
            # the counter's chain no longer holds what it had anchored: keep the anchor, so
            # its audit check keeps failing, and tell the provincial IT
            row.diverged_at = utc_now()
            log.warning("audit log of counter %s diverged from its anchor", counter_id)
        # without a base the counter lost its local anchor: the answer gives it back
    # a lower or equal head changes nothing: the answer shows the counter what the server holds
    return AuditAnchor(seq=row.seq, mac=row.mac)


def retire(session: Session, counter_id: int, install_id: str, key_id: str) -> None:
    """A reset counter's new installation starts a new log; the old installation's anchor is
    kept (retired_audit_anchors), so what it had anchored is never lost with it."""
    row = session.get(AuditAnchorRow, counter_id)
    if row is None:
        return
    session.add(
        RetiredAuditAnchorRow(
            counter_id=counter_id,
            install_id=install_id,
            key_id=key_id,
            seq=row.seq,
            mac=row.mac,
            diverged_at=row.diverged_at,
            retired_at=utc_now(),
        )
    )
    session.delete(row)
