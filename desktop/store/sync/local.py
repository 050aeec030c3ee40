"""The counter's side of sync: the sync engine's :class:`~sync.engine.LocalStore` over the
counter database, its credentials (device key + token in the OS keyring), and the facts the
screens show (queue length, dead letters, last sync, connectivity)."""

from __future__ import annotations

import json
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from keyring.errors import KeyringError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.domain.leases import BlockKind
from desktop.store.accounts import audit
from desktop.store.accounts.keyring_guard import KeyStoreError, secure_keyring
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext, set_emergency_range
from desktop.store.db import Database
from desktop.store.dossiers.attachments import BlobStore
from desktop.store.models import (
    CodeBlockRow,
    CounterIdentity,
    CounterKey,
    Dossier,
    EventRow,
    OutboxRow,
)
from desktop.store.sync import inbound as sync_inbound
from desktop.store.sync import outbound as sync_outbound
from desktop.store.sync.device_keys import SERVICE, load_private_key
from sync.client import ServerClient
from sync.connectivity import Connectivity
from sync.engine import ApplyReport, PendingEvent, PendingFeedback, SyncReport
from sync.protocol import (
    AuditAnchor,
    AuditHead,
    Change,
    DayDigest,
    DeviceAuthRequest,
    EventResult,
    LeaseAsk,
    LeaseBlock,
    SeqRange,
    auth_message,
    day_digests,
)

LEASE_DAYS_AHEAD = 2  # today and the next two working days, so a day-long outage is covered
MIN_LEASE = 10
PEAK_WINDOW_DAYS = 20


class CounterStore:
    """What the sync engine reads and writes, one short transaction at a time so the counter
    keeps receiving while it syncs."""

    def __init__(self, db: Database, ctx: CounterContext) -> None:
        self.db = db
        self.ctx = ctx
        self.blobs = BlobStore(ctx.attachments_dir)

    def max_pending_seq(self) -> int | None:
        with self.db.read() as s:
            return sync_outbound.max_pending_seq(s)

    def pending_count(self) -> int:
        with self.db.read() as s:
            return sync_outbound.pending_count(s)

    def pending_events(self, limit: int, up_to: int, after: int = 0) -> list[PendingEvent]:
        with self.db.read() as s:
            return sync_outbound.pending_events(s, limit, up_to, after)

    def mark_pushed(self, results: list[tuple[int, EventResult]]) -> None:
        with self.db.write() as s:
            sync_outbound.mark_pushed(s, results)

    def pending_feedback(self, limit: int, after: int = 0) -> list[PendingFeedback]:
        from desktop.store.feedback.outbox import pending_feedback

        with self.db.read() as s:
            return pending_feedback(s, limit, after)

    def mark_feedback(self, results: list[tuple[int, EventResult]]) -> None:
        from desktop.store.feedback.outbox import mark_feedback

        with self.db.write() as s:
            mark_feedback(s, results)

    def pending_blobs(self) -> list[tuple[str, int]]:
        with self.db.read() as s:
            return sync_outbound.pending_blobs(s)

    def read_blob(self, sha: str, offset: int, length: int) -> bytes:
        with self.blobs.path(sha).open("rb") as f:
            f.seek(offset)
            return f.read(length)

    def mark_blob_uploaded(self, sha: str) -> None:
        with self.db.write() as s:
            sync_outbound.mark_blob_uploaded(s, sha)

    # -- files the feed named (online dossiers' papers, other counters' scans) -----------------

    def wanted_blobs(self) -> list[str]:
        with self.db.read() as s:
            state = sync_inbound.get_state(s, sync_inbound.DOWNLOADS)
        return [str(x) for x in (state or {}).get("shas", [])]

    def save_blob(self, sha: str, data: bytes) -> None:
        if self.blobs.put(data) != sha:  # the engine checked it; a bug if not
            raise ValueError("downloaded file does not match its name")
        self._drop_wanted(sha)

    def blob_unavailable(self, sha: str, reason: str) -> None:
        with self.db.write() as s:
            sync_inbound.conflict(s, "blob", sha, f"không tải được tệp đính kèm: {reason}")
        self._drop_wanted(sha)

    def _drop_wanted(self, sha: str) -> None:
        with self.db.write() as s:
            state = sync_inbound.get_state(s, sync_inbound.DOWNLOADS) or {"shas": []}
            shas = [x for x in state.get("shas", []) if x != sha]
            sync_inbound.set_state(s, sync_inbound.DOWNLOADS, {"shas": shas})

    def cursor(self) -> str | None:
        with self.db.read() as s:
            state = sync_inbound.get_state(s, "cursor")
        return str(state["cursor"]) if state else None

    def apply_changes(self, items: list[Change], cursor: str) -> ApplyReport:
        with self.db.write() as s:
            return sync_inbound.apply_changes(s, self.ctx, items, cursor)

    def today(self) -> date:
        return local_now().date()

    # -- leases ---------------------------------------------------------------------------------

    def lease_needs(self) -> list[LeaseAsk]:
        """Top up leased numbers for today and the next two working days, sized from this
        counter's recent busiest day (half again as many), so a day-long outage does not
        drain them."""
        today = self.today()
        cal = self.ctx.calendar
        days = [today]  # even on a day off: a counter open today needs numbers today
        d = today
        while len(days) < LEASE_DAYS_AHEAD + 1:
            d = cal.next_working_day(d)
            days.append(d)
        with self.db.read() as s:
            peak = _recent_peak(s, self.ctx.counter, today)
            target = max(MIN_LEASE, math.ceil(peak * 1.5))
            asks = []
            for day in days:
                left = sum(
                    b.end - b.next + 1
                    for b in s.scalars(
                        select(CodeBlockRow).where(
                            CodeBlockRow.day == day, CodeBlockRow.kind == BlockKind.LEASE.value
                        )
                    )
                )
                if left * 2 < target:
                    asks.append(LeaseAsk(day=day, count=min(500, target - left)))
        return asks

    def add_leases(self, blocks: list[LeaseBlock], emergency: SeqRange | None) -> int:
        added = 0
        with self.db.write() as s:
            for b in blocks:
                added += sync_inbound.add_lease(s, self.ctx, b.day, b.start, b.end)
            if emergency is not None and self.ctx.emergency != (emergency.start, emergency.end):
                set_emergency_range(s, emergency.start, emergency.end)
        return added

    # -- reconciliation -------------------------------------------------------------------------

    def local_digests(self, first: date, last: date) -> list[DayDigest]:
        """This counter's dossiers per reception day: their codes, and their content as
        ``dossier_line`` puts it, so a dossier the server holds differently is noticed."""
        with self.db.read() as s:
            rows = s.execute(
                select(
                    Dossier.received_at,
                    Dossier.code,
                    Dossier.status,
                    Dossier.procedure_code,
                    Dossier.applicant_name,
                    Dossier.applicant_id_number,
                ).where(
                    Dossier.counter == self.ctx.counter,
                    Dossier.code.is_not(None),
                    Dossier.received_at >= datetime.combine(first, time.min),
                    Dossier.received_at <= datetime.combine(last, time.max),
                    Dossier.id.in_(select(EventRow.dossier_id).where(EventRow.origin == "counter")),
                    # a dossier whose reception the server refused is a dead letter, already
                    # shown as such; it is not a reconciliation failure on every later sync
                    Dossier.id.not_in(
                        select(EventRow.dossier_id)
                        .join(OutboxRow, OutboxRow.event_id == EventRow.id)
                        .where(OutboxRow.dead, EventRow.type == "received")
                    ),
                )
            ).all()
        return day_digests(rows)

    def audit_head(self) -> AuditHead | None:
        """The audit log's head when it is past what the server confirmed, with this chain's
        entry at the confirmed anchor (the server raises its anchor only for a chain that still
        holds it)."""
        with self.db.read() as s:
            head, anchor = audit.head(s), audit.anchored(s)
            if head is None or (anchor is not None and anchor.seq >= head.seq):
                return None
            base = audit.mac_at(s, anchor.seq) if anchor is not None else None
        if anchor is None or base is None:
            return AuditHead(seq=head.seq, mac=head.mac)
        return AuditHead(seq=head.seq, mac=head.mac, base_seq=anchor.seq, base_mac=base)

    def audit_anchored(self, anchor: AuditAnchor) -> None:
        if anchor.seq < 1:
            return
        with self.db.write() as s:
            audit.save_anchor(s, audit.Head(anchor.seq, anchor.mac))

    def requeue_days(self, days: list[date]) -> int:
        """Send again every event of this counter's dossiers received on ``days``."""
        with self.db.write() as s:
            dossiers = select(Dossier.id).where(
                Dossier.counter == self.ctx.counter,
                func.date(Dossier.received_at).in_([d.isoformat() for d in days]),
            )
            events = select(EventRow.id).where(
                EventRow.dossier_id.in_(dossiers), EventRow.origin == "counter"
            )
            result = s.execute(
                update(OutboxRow)
                .where(OutboxRow.event_id.in_(events), OutboxRow.dead.is_(False))
                .values(acked_at=None)
            )
            return int(getattr(result, "rowcount", 0) or 0)


def _recent_peak(s: Session, counter: str, today: date) -> int:
    since = datetime.combine(today - timedelta(days=PEAK_WINDOW_DAYS), time.min)
    day = func.date(Dossier.received_at)
    counts = s.execute(
        select(day, func.count())
        .where(Dossier.counter == counter, Dossier.received_at >= since)
        .group_by(day)
    ).all()
    return max((n for _d, n in counts), default=0)


# -- credentials ------------------------------------------------------------------------------


class DeviceCredentials:
    """The sync token lives in the OS keyring; when it is missing or refused, the counter signs
    a fresh challenge with its device key and gets a new one — no password involved."""

    def __init__(self, db: Database, ctx: CounterContext) -> None:
        self.db = db
        self.ctx = ctx
        with db.read() as s:
            ident = s.scalar(select(CounterIdentity))
            own = s.scalar(
                select(CounterKey).where(CounterKey.own, CounterKey.revoked_at.is_(None))
            )
        if ident is None or own is None:
            raise KeyStoreError("Quầy chưa có khóa thiết bị: chạy lại 'motcua init' hoặc báo IT")
        self.key_id = own.key_id
        self.account = f"sync-token/{ident.agency}/{ident.counter}/{ident.install_id}"

    def token(self) -> str | None:
        try:
            raw = secure_keyring().get_password(SERVICE, self.account)
        except KeyringError:
            return None
        if not raw:
            return None
        try:
            data = json.loads(raw)
            expires = datetime.fromisoformat(data["expires_at"])
        except (ValueError, KeyError, TypeError):
            return None
        if expires <= datetime.now(UTC) + timedelta(minutes=1):
            return None
        return str(data["token"])

    def store(self, token: str, expires_at: datetime) -> None:
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=UTC)
        value = json.dumps({"token": token, "expires_at": expires_at.isoformat()})
        try:
            secure_keyring().set_password(SERVICE, self.account, value)
        except KeyringError as exc:
            raise KeyStoreError(
                f"Không lưu được mã phiên đồng bộ vào kho khóa: {type(exc).__name__}"
            ) from None

    def renew(self, client: ServerClient) -> str:
        now = datetime.now(UTC).replace(microsecond=0)
        nonce = secrets.token_hex(16)
        with self.db.read() as s:
            private = load_private_key(s)
        message = auth_message(self.ctx.agency, self.ctx.counter, self.key_id, now, nonce)
        req = DeviceAuthRequest(
            agency=self.ctx.agency,
            counter=self.ctx.counter,
            key_id=self.key_id,
            timestamp=now,
            nonce=nonce,
            signature=private.sign(message).hex(),
        )
        grant = client.device_auth(req)
        self.store(grant.token, grant.expires_at)
        return grant.token


# -- what the screens show ----------------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    server: str | None
    pending: int
    dead: int
    online: bool | None
    cause: str | None
    detail: str
    since: str | None
    last_sync_at: str | None
    last_report: dict[str, Any] | None
    conflicts: int

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_status(db: Database, ctx: CounterContext) -> SyncStatus:
    from desktop.store.models import SyncConflict

    with db.read() as s:
        conn = sync_inbound.get_state(s, "connectivity") or {}
        last = sync_inbound.get_state(s, "last_sync") or {}
        return SyncStatus(
            configured=ctx.server_url is not None,
            server=ctx.server_url,
            pending=sync_outbound.pending_count(s),
            dead=sync_outbound.dead_count(s),
            online=conn.get("online"),
            cause=conn.get("cause"),
            detail=str(conn.get("detail", "")),
            since=conn.get("since"),
            last_sync_at=last.get("at"),
            last_report=last.get("report"),
            conflicts=s.scalar(select(func.count()).select_from(SyncConflict)) or 0,
        )


def save_connectivity(db: Database, state: Connectivity) -> None:
    with db.write() as s:
        sync_inbound.set_state(
            s,
            "connectivity",
            {
                "online": state.online,
                "cause": state.cause.value if state.cause else None,
                "detail": state.detail,
                "since": state.since.isoformat() if state.since else None,
                "failures": state.failures,
            },
        )


def save_report(db: Database, report: SyncReport) -> None:
    with db.write() as s:
        sync_inbound.set_state(
            s, "last_sync", {"at": local_now().isoformat(), "report": dict(report.__dict__)}
        )
