"""The catch-up report after an outage (DESIGN.md §6): what the first successful sync cycles did
with the work of the outage — events and attachments sent, duplicates, dead letters, conflicts,
and the provisional codes the server replaced, whose citizens need a new receipt.

Counts are read from the data (outbox acknowledgements, attachment uploads, the events pulled),
not only from the cycles' reports, so work sent by a cycle that failed half-way is counted too;
the reports' sums are kept beside them. The report is stored with the incident and updated after
each successful cycle until the queue is empty and the day's codes match the server's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, union
from sqlalchemy.orm import Session

from desktop.domain.incidents import scrub
from desktop.store.counter import CounterContext
from desktop.store.models import Attachment, Dossier, EventRow, Incident, OutboxRow, SyncConflict
from desktop.store.sync import outbound as sync_outbound
from sync.engine import SyncReport

MAX_CYCLES = 10  # a queue that never empties (a full day at the server) still ends the report
MAX_LINES = 500  # listed code changes, dead letters, conflicts
CREATING = ("received", "rejected", "supplement_requested")  # events that make a dossier
SUMMED = ("pushed", "duplicates", "rejected", "blobs", "pulled", "applied", "parked", "conflicts")


@dataclass(frozen=True)
class CodeChange:
    """A receipt printed with a provisional code: the citizen gets a new one."""

    old_code: str
    new_code: str
    applicant_name: str
    phone: str
    received_at: str | None


@dataclass(frozen=True)
class SyncSums:
    """The successful cycles' reports added up (the keys of SUMMED)."""

    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    blobs: int = 0
    pulled: int = 0
    applied: int = 0
    parked: int = 0
    conflicts: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> SyncSums:
        d = data or {}
        return cls(**{k: int(d.get(k, 0)) for k in SUMMED})

    def to_json(self) -> dict[str, int]:
        return {k: int(getattr(self, k)) for k in SUMMED}


@dataclass(frozen=True)
class DeadLetter:
    """An event the server refused for good; ``type`` is its EventType value."""

    code: str
    type: str
    error: str


@dataclass(frozen=True)
class ConflictLine:
    at: str
    kind: str
    ref: str
    message: str


@dataclass(frozen=True)
class CatchUpReport:
    """The report as stored with the incident (a JSON column), read once into types: the
    screen, the A4 form and the command line read these fields, not the dict's keys.
    ``reconciled`` and ``mismatched_days`` are None until a cycle has reported them."""

    cycles: int = 0
    sync: SyncSums = SyncSums()
    reconciled: bool | None = None
    mismatched_days: tuple[str, ...] | None = None
    since: datetime | None = None
    until: datetime | None = None
    events_backlog: int = 0
    events_sent: int = 0
    events_sent_by_type: tuple[tuple[str, int], ...] = ()
    dossiers_sent: int = 0
    dossiers_received: int = 0
    attachments_uploaded: int = 0
    pending: int = 0
    dead_letters: tuple[DeadLetter, ...] = ()
    conflict_list: tuple[ConflictLine, ...] = ()
    codes_replaced: tuple[CodeChange, ...] = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CatchUpReport:
        def when(key: str) -> datetime | None:
            v = d.get(key)
            return datetime.fromisoformat(str(v)) if v else None

        days = d.get("mismatched_days")
        return cls(
            cycles=int(d.get("cycles", 0)),
            sync=SyncSums.from_json(d.get("sync")),
            reconciled=None if d.get("reconciled") is None else bool(d["reconciled"]),
            mismatched_days=None if days is None else tuple(str(x) for x in days),
            since=when("since"),
            until=when("until"),
            events_backlog=int(d.get("events_backlog", 0)),
            events_sent=int(d.get("events_sent", 0)),
            events_sent_by_type=tuple(
                (str(t), int(n)) for t, n in (d.get("events_sent_by_type") or {}).items()
            ),
            dossiers_sent=int(d.get("dossiers_sent", 0)),
            dossiers_received=int(d.get("dossiers_received", 0)),
            attachments_uploaded=int(d.get("attachments_uploaded", 0)),
            pending=int(d.get("pending", 0)),
            dead_letters=tuple(
                DeadLetter(str(x["code"]), str(x["type"]), str(x["error"]))
                for x in d.get("dead_letters") or ()
            ),
            conflict_list=tuple(
                ConflictLine(str(x["at"]), str(x["kind"]), str(x["ref"]), str(x["message"]))
                for x in d.get("conflict_list") or ()
            ),
            codes_replaced=tuple(
                CodeChange(
                    old_code=str(c["old_code"]),
                    new_code=str(c["new_code"]),
                    applicant_name=str(c["applicant_name"]),
                    phone=str(c["phone"]),
                    received_at=c.get("received_at"),
                )
                for c in d.get("codes_replaced") or ()
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The stored dict again, key for key (the command line prints it)."""
        out: dict[str, Any] = {"cycles": self.cycles, "sync": self.sync.to_json()}
        if self.reconciled is not None:
            out["reconciled"] = self.reconciled
        if self.mismatched_days is not None:
            out["mismatched_days"] = list(self.mismatched_days)
        return {
            **out,
            "since": self.since.isoformat(timespec="seconds") if self.since else None,
            "until": self.until.isoformat(timespec="seconds") if self.until else None,
            "events_backlog": self.events_backlog,
            "events_sent": self.events_sent,
            "events_sent_by_type": dict(self.events_sent_by_type),
            "dossiers_sent": self.dossiers_sent,
            "dossiers_received": self.dossiers_received,
            "attachments_uploaded": self.attachments_uploaded,
            "pending": self.pending,
            "dead_letters": [
                {"code": x.code, "type": x.type, "error": x.error} for x in self.dead_letters
            ],
            "conflict_list": [
                {"at": x.at, "kind": x.kind, "ref": x.ref, "message": x.message}
                for x in self.conflict_list
            ],
            "codes_replaced": [c.__dict__ for c in self.codes_replaced],
        }

    @property
    def rejected(self) -> int:
        """Refused events: the cycles' count, or the dead letters listed if more."""
        return max(self.sync.rejected, len(self.dead_letters))

    @property
    def conflicts(self) -> int:
        return max(self.sync.conflicts, len(self.conflict_list))


def start(report: SyncReport | None) -> dict[str, Any]:
    return add_cycle({"cycles": 0, "sync": dict.fromkeys(SUMMED, 0)}, report)


def add_cycle(data: dict[str, Any], report: SyncReport | None) -> dict[str, Any]:
    """Add one successful cycle's report to the running sums."""
    if report is None:
        return data
    sums = dict(data.get("sync") or {})
    for key in SUMMED:
        sums[key] = int(sums.get(key, 0)) + int(getattr(report, key))
    return {
        **data,
        "cycles": int(data.get("cycles", 0)) + 1,
        "sync": sums,
        "reconciled": report.reconciled,
        "mismatched_days": list(report.mismatched_days),
    }


def finished(data: dict[str, Any], pending: int) -> bool:
    return (pending == 0 and bool(data.get("reconciled"))) or int(data.get("cycles", 0)) >= (
        MAX_CYCLES
    )


def refresh(
    session: Session, ctx: CounterContext, row: Incident, data: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """The report as of ``now``: the stored sums plus what the data says."""
    since = row.started_at
    outage_end = row.ended_at or now
    sent = session.execute(
        select(EventRow.type, EventRow.dossier_id)
        .join(OutboxRow, OutboxRow.event_id == EventRow.id)
        .where(
            OutboxRow.acked_at.is_not(None),
            OutboxRow.acked_at >= since,
            OutboxRow.acked_at <= now,
            OutboxRow.dead.is_(False),
        )
    ).all()
    by_type = Counter(t for t, _d in sent)
    # the backlog: events queued before the outage ended and not on the server when it began
    backlog = session.scalar(
        select(func.count())
        .select_from(OutboxRow)
        .where(
            OutboxRow.enqueued_at <= outage_end,
            or_(OutboxRow.acked_at.is_(None), OutboxRow.acked_at >= since),
        )
    )
    received = session.scalar(
        select(func.count()).select_from(offline_query(ctx, since, outage_end).subquery())
    )
    uploaded = session.scalar(
        select(func.count(func.distinct(Attachment.sha256))).where(
            Attachment.uploaded_at >= since, Attachment.uploaded_at <= now
        )
    )
    changes = code_changes(session, ctx, row.seq_mark)
    return {
        **data,
        "since": since.isoformat(timespec="seconds"),
        "until": now.isoformat(timespec="seconds"),
        "events_backlog": int(backlog or 0),
        "events_sent": len(sent),
        "events_sent_by_type": dict(sorted(by_type.items())),
        "dossiers_sent": len({d for _t, d in sent}),
        "dossiers_received": int(received or 0),
        "attachments_uploaded": int(uploaded or 0),
        "pending": sync_outbound.pending_count(session),
        "dead_letters": dead_letters(session, row.seq_mark),
        "conflict_list": conflicts(session, since),
        "codes_replaced": [c.__dict__ for c in changes],
    }


def offline_query(ctx: CounterContext, since: datetime, until: datetime) -> Select[str]:
    """Ids of this counter's dossiers the provincial server did not have during the outage:
    received between ``since`` and ``until`` (also entered later with the paper's time), or
    whose first event reached the server only after ``since`` (made after the last successful
    sync, before the failure was noticed, or during the outage), or with events still unsent.
    Every term is indexed, so a centre's million dossiers are not scanned."""
    late_first = (
        select(EventRow.dossier_id)
        .join(OutboxRow, OutboxRow.event_id == EventRow.id)
        .where(EventRow.type.in_(CREATING), OutboxRow.acked_at >= since)
    )
    unsent = (
        select(EventRow.dossier_id)
        .join(OutboxRow, OutboxRow.event_id == EventRow.id)
        .where(OutboxRow.acked_at.is_(None), OutboxRow.dead.is_(False))
    )
    received = select(Dossier.id).where(Dossier.received_at.between(since, until))
    ids = union(received, late_first, unsent).subquery()
    # ``|| ''`` keeps SQLite from walking this counter's whole index instead of the few ids
    return select(Dossier.id).where(
        Dossier.id.in_(select(ids.c[0])), Dossier.counter.concat("") == ctx.counter
    )


def code_changes(session: Session, ctx: CounterContext, after_seq: int) -> list[CodeChange]:
    """This counter's dossiers whose provisional code the server replaced after ``after_seq``."""
    rows = session.execute(
        select(EventRow.payload, Dossier)
        .join(Dossier, Dossier.id == EventRow.dossier_id)
        .where(
            EventRow.type == "code_assigned",
            EventRow.seq > after_seq,
            Dossier.counter == ctx.counter,
        )
        .order_by(EventRow.seq)
        .limit(MAX_LINES)
    ).all()
    return [
        CodeChange(
            old_code=str(p.get("provisional_code") or ""),
            new_code=str(p.get("code") or d.code or ""),
            applicant_name=d.applicant_name,
            phone=d.applicant_phone or "",
            received_at=d.received_at.isoformat(timespec="minutes") if d.received_at else None,
        )
        for p, d in rows
    ]


def dead_letters(session: Session, after_seq: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(OutboxRow.last_error, EventRow.type, Dossier.code, Dossier.id)
        .join(EventRow, EventRow.id == OutboxRow.event_id)
        .join(Dossier, Dossier.id == EventRow.dossier_id)
        # a dead letter is never acknowledged; saying so lets ix_outbox_pending find them
        .where(OutboxRow.acked_at.is_(None), OutboxRow.dead.is_(True), OutboxRow.seq > after_seq)
        .order_by(OutboxRow.seq)
        .limit(MAX_LINES)
    ).all()
    return [
        {"code": code or did, "type": type_, "error": scrub(error or "")}
        for error, type_, code, did in rows
    ]


def conflicts(session: Session, since: datetime) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(SyncConflict)
        .where(SyncConflict.at >= since)
        .order_by(SyncConflict.id)
        .limit(MAX_LINES)
    )
    return [
        {
            "at": r.at.isoformat(timespec="seconds"),
            "kind": r.kind,
            "ref": r.ref,
            "message": scrub(r.message),
        }
        for r in rows
    ]
