"""Taking a counter's batch of events: each one applied, recognised as a duplicate, or rejected
with a machine-readable code — exactly once, whatever the network did to earlier attempts.

The batch is checked with a handful of set-based queries and written with bulk inserts, in one
transaction. Event and dossier ids are primary keys and codes are unique, so even a bug here could
not store anything twice.

Pushes run side by side on PostgreSQL (issue 23 item 5). A push locks the dossiers it touches
(``SELECT … FOR UPDATE`` in id order, so two batches never wait on each other in a circle) and
takes the feed clock only in its last statement — the clock's bump and the events' insert in one,
sent with the COMMIT (``insert_stamped``) — so feed ids still commit in order, and the clock is
held only while PostgreSQL works, never while this thread waits its turn (sync/server/db.py).
Two pushes that create the same dossier or event, or give one code to two dossiers, meet at a
unique key: the later waits for the earlier's commit and fails, and the route sends it again
(``RETRYABLE``), when it sees the earlier's rows. A batch whose checks read what no dossier lock
covers — an agency's tracking numbers, the day's code sequence for a provisional code — runs
alone (``_alone``), as every push did before. On SQLite there is one writer at a time anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Executable, Table, delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from uuid6 import uuid7

from sync.protocol import DossierSummary, EncodedPayload, EventResult, WireEvent

from . import blobs as blob_store
from . import event_rules
from .auth import Caller
from .bulk import JsonText, insert_rows, one_of, update_rows, values_of
from .code_rules import CodeRules
from .db import (
    ServerDatabase,
    insert_stamped,
    json_text,
    local_now,
    share_feed,
    take_feed_ids,
    utc_now,
)
from .models import AgencyRow, DossierRow, EventRow, OnlineClaimRow
from .sequences import next_code

log = logging.getLogger("motcua.server.ingest")
FINAL_STATUSES = frozenset({3, 7, 8, 10})
# statuses that only exist for a dossier that was received (has a code and a reception time)
RECEIVED_STATUSES = frozenset({2, 4, 6, 8, 9, 10})


def same_event(stored: Any, ev: WireEvent) -> bool:
    """Whether a stored event is this one sent again (its answer was lost), rather than a
    different event under a reused id. Compared field by field, so key order in the payload
    does not matter; only done for the rare id that is already there."""
    return bool(
        stored.dossier_id == str(ev.dossier_id)
        and stored.type == ev.type
        and stored.seq == ev.seq
        and stored.occurred_at == ev.occurred_at
        and stored.officer == ev.officer
        and stored.payload == ev.payload
    )


Row = dict[str, Any]
DOSSIERS = cast(Table, DossierRow.__table__)
EVENTS = cast(Table, EventRow.__table__)
_DOSSIER_COLUMNS = [c.name for c in DossierRow.__table__.columns]
_MUTABLE = [c for c in _DOSSIER_COLUMNS if c not in ("id", "created_at")]


@dataclass(frozen=True)
class _Lookups:
    """A batch's three look-ups, built once per dialect: building and hashing a statement for
    every batch cost about as much as running it."""

    events: Executable  # events already stored under the batch's ids
    dossiers: Executable  # the batch's dossiers as the server has them
    codes: Executable  # dossiers holding any of the batch's codes


@cache
def _lookups(dialect: str) -> _Lookups:
    return _Lookups(
        events=select(
            EventRow.id,
            EventRow.dossier_id,
            EventRow.type,
            EventRow.seq,
            EventRow.occurred_at,
            EventRow.officer,
            EventRow.payload,
        ).where(one_of(EVENTS.c.id, "ids", dialect)),
        # locked until the commit, in one order for every batch (a deadlock needs two orders)
        dossiers=select(DOSSIERS)
        .where(one_of(DOSSIERS.c.id, "ids", dialect))
        .order_by(DOSSIERS.c.id)
        .with_for_update(),
        codes=select(DossierRow.id, DossierRow.code, DossierRow.provisional_code).where(
            one_of(DOSSIERS.c.code, "codes", dialect)
            | one_of(DOSSIERS.c.provisional_code, "codes", dialect)
        ),
    )


@dataclass
class _Batch:
    session: Session
    dossiers: dict[str, Row]
    code_owner: dict[str, str]  # real or provisional code → dossier id
    codes: CodeRules  # which codes the calling counter may give
    claims: dict[str, int]  # online dossiers waiting for their check → the claiming counter
    paid: dict[str, int] = field(default_factory=dict)  # what the batch already paid, per dossier
    rated: set[tuple[str, str]] = field(default_factory=set)  # (dossier, stage) rated in the batch
    posted: dict[str, str] = field(default_factory=dict)  # sent by post in this batch → tracking
    new: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    to_assign: list[str] = field(default_factory=list)


# PostgreSQL: a unique key another push took while this one ran, a deadlock (two writers' locks
# in a circle, one of them not a push), a serialization failure. The batch is sent again in a
# new transaction, which sees what the other committed (a duplicate, a code conflict).
RETRYABLE = frozenset({"23505", "40P01", "40001"})
ATTEMPTS = 4


def push_batch(db: ServerDatabase, caller: Caller, events: list[WireEvent]) -> list[EventResult]:
    """``push`` in a write transaction of its own, sent again when it met another at a unique
    key or in a deadlock (``RETRYABLE``); anything else, or the last attempt's, is raised."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with db.write() as s:
                return push(s, caller, events)
        except DBAPIError as exc:
            if attempt == ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in RETRYABLE:
                raise
            log.info("push met another writer (%s), sent again", getattr(exc.orig, "sqlstate", ""))
    raise AssertionError("unreachable")


def _reject(ev: WireEvent, code: str, message: str) -> EventResult:
    return EventResult(id=ev.id, outcome="rejected", code=code, message=message)


def push(session: Session, caller: Caller, events: list[WireEvent]) -> list[EventResult]:
    """Plain rows and bulk statements, not ORM objects: a batch is hundreds of events and the
    ORM's bookkeeping would cost more than the database."""
    alone = _alone(events)
    if alone:
        take_feed_ids(session, 0)  # every other writer waits, as before issue 23
    else:
        share_feed(session)
    ids = [str(e.id) for e in events]
    dialect = session.get_bind().dialect.name
    queries = _lookups(dialect)
    stored = {
        r.id: r
        for r in session.execute(
            queries.events,
            {"ids": values_of(ids, dialect)},
        )
    }
    taken: set[str] = set(stored)
    dids = [str(e.dossier_id) for e in events]
    dossiers = {
        r["id"]: dict(r)
        for r in session.execute(
            queries.dossiers,
            {"ids": values_of(list(set(dids)), dialect)},
        ).mappings()
    }
    codes = {e.after.code for e in events if e.after.code}
    owner: dict[str, str] = {}
    if codes:
        for did, code, prov in session.execute(
            queries.codes,
            {"codes": values_of(list(codes), dialect)},
        ):
            for c in (code, prov):
                if c in codes:
                    owner[c] = did
    # only files this counter uploaded itself (issue 17): uploads are private until claimed
    present = blob_store.uploaded(session, caller.counter_id, (b for e in events for b in e.blobs))
    claimed: set[str] = set()
    waiting = [did for did, d in dossiers.items() if _waiting_online(d)]
    claims = (
        dict(
            session.execute(
                select(OnlineClaimRow.dossier_id, OnlineClaimRow.counter_id).where(
                    OnlineClaimRow.dossier_id.in_(waiting)
                )
            ).all()
        )
        if waiting
        else {}
    )
    batch = _Batch(session, dossiers, owner, CodeRules(session, caller), claims)
    results: list[EventResult] = []
    now = utc_now()
    for ev, eid, did in zip(events, ids, dids, strict=True):
        if eid in taken:
            earlier = stored.get(eid)
            if earlier is None or same_event(earlier, ev):
                results.append(EventResult(id=ev.id, outcome="duplicate"))
            else:
                results.append(_reject(ev, "id_conflict", "event id already used by another"))
            continue
        missing = [b for b in ev.blobs if b not in present] if ev.blobs else None
        if missing:
            results.append(
                _reject(ev, "missing_blob", f"attachment {missing[0][:12]}… not uploaded")
            )
            continue
        problem = _apply(batch, caller, ev, did, now)
        if problem is not None:
            results.append(_reject(ev, *problem))
            continue
        taken.add(eid)
        batch.rows.append(_event_row(ev, eid, did, caller, 0, now))  # its feed id comes last
        results.append(EventResult(id=ev.id, outcome="applied"))
        claimed.update(ev.blobs)
    blob_store.claim(session, caller.counter_id, claimed)
    blob_store.share(session, caller.agency, claimed)
    answered = [
        d for d in batch.changed if d in batch.claims and not _waiting_online(batch.dossiers[d])
    ]
    if answered:  # the claim has done its work: the dossier is now its checking counter's
        session.execute(delete(OnlineClaimRow).where(OnlineClaimRow.dossier_id.in_(answered)))
    # straight to the driver: the ORM's bulk path, and even Core's, cost more than the inserts
    conn = session.connection()
    if batch.new:  # in id order, as the locks: two batches creating the same two wait in line
        insert_rows(conn, DOSSIERS, [batch.dossiers[d] for d in sorted(batch.new)])
    changed = batch.changed - batch.new
    if changed:
        update_rows(conn, DOSSIERS, "id", _MUTABLE, [batch.dossiers[d] for d in sorted(changed)])
    if batch.rows and not alone:
        # the feed clock, held from here to the commit; on PostgreSQL this commits
        for offset, row in enumerate(batch.rows, 1):
            row["feed_id"] = offset
        insert_stamped(session, EVENTS, batch.rows)
    elif batch.rows:  # alone: the clock is this transaction's until its commit anyway
        first_fid = take_feed_ids(session, len(batch.rows))
        for offset, row in enumerate(batch.rows):
            row["feed_id"] = first_fid + offset
        insert_rows(conn, EVENTS, batch.rows)
    if batch.to_assign:  # only then is the agency's code template needed (a batch run alone)
        agency = session.get(AgencyRow, caller.agency)
        assert agency is not None
        for did in batch.to_assign:
            _assign_code(session, agency, batch.dossiers[did])
    return results


def _alone(events: list[WireEvent]) -> bool:
    """Whether the batch must run with no other writer beside it: its checks read rows that no
    lock on its dossiers covers — the agency's tracking numbers (one postal item, one dossier)
    and the day's code sequence a provisional code is replaced from (``_assign_code``)."""
    return any(
        e.type in event_rules.POST_EVENTS or (e.after.provisional and e.after.code) for e in events
    )


def _apply(
    batch: _Batch, caller: Caller, ev: WireEvent, did: str, now: datetime
) -> tuple[str, str] | None:
    """Fold the event's summary into the server's dossier ``did``; (code, message) if refused."""
    a = ev.after
    refused = event_rules.type_problem(ev.type)
    if refused is not None:
        return refused
    if ev.type in ("paid", "refunded"):
        refused = event_rules.payment_problem(ev.payload, caller.counter)
        if refused is not None:
            return refused
    if ev.type == "rated":
        refused = event_rules.rating_problem(ev.payload, a.status)
        if refused is not None:
            return refused
    if ev.type in event_rules.POST_EVENTS:
        refused = event_rules.post_problem(ev.type, ev.payload)
        if refused is not None:
            return refused
    if a.status in RECEIVED_STATUSES and (a.received_at is None or not a.code):
        return "invalid_event", f"status {a.status} needs a code and a reception time"
    d = batch.dossiers.get(did)
    if d is not None and d["agency"] != caller.agency:
        return "wrong_agency", "the dossier belongs to another agency"
    checking = d is not None and _waiting_online(d) and ev.type in event_rules.ONLINE_CHECK
    # issue 18: an online dossier is checked once, by the counter the server let claim it
    if checking and batch.claims.get(did) != caller.counter_id:
        return "not_claimed", "another counter holds, or nobody has taken, this dossier's check"
    refused = event_rules.problem(ev.type, d, a, caller.counter_id)
    if refused is not None:
        return refused
    if a.code:
        holder = batch.code_owner.get(a.code)
        if holder is not None and holder != did:
            return "code_conflict", f"code {a.code} belongs to another dossier"
    if d is None:  # most events: a dossier's first, received at the counter
        if a.code:
            problem = batch.codes.problem(a.code, a.provisional, a.received_at)
            if problem is not None:
                return problem
        batch.dossiers[did] = _new_dossier(ev, did, caller, now)
        batch.new.add(did)
        if a.code:
            if a.provisional and a.received_at is not None:
                batch.to_assign.append(did)
            batch.code_owner[a.code] = did
        return None
    if a.code and not a.provisional and d["code"] is not None and d["code"] != a.code:
        return "code_conflict", f"the dossier already has code {d['code']}"
    if a.code and a.code not in (d["code"], d["provisional_code"]):
        problem = batch.codes.problem(a.code, a.provisional, a.received_at or d["received_at"])
        if problem is not None:
            return problem
    if a.code:
        if a.provisional:
            if d["provisional_code"] is None and d["code"] is None:
                d["provisional_code"] = a.code
                if a.received_at is not None:
                    batch.to_assign.append(did)
        elif d["code"] is None:
            d["code"] = a.code
        batch.code_owner[a.code] = did
    if ev.type == "paid":
        # never more than is owed: a second counter taking the same fee offline is a dead
        # letter for the supervisor to refund, not a silent double payment
        owed = _owed(batch, did, d)
        if owed is not None and ev.payload["amount"] > owed:
            return "invalid_event", f"the payment is more than the {owed} still owed"
        batch.paid[did] = batch.paid.get(did, 0) + int(ev.payload["amount"])
    if ev.type == "rated":
        # once per stage: a second rating, from any counter, would count the citizen twice
        stage = str(ev.payload["stage"])
        if (did, stage) in batch.rated or _rated(batch, did, stage):
            return "bad_transition", f"the dossier's {stage} was already rated"
        batch.rated.add((did, stage))
    if ev.type in event_rules.POST_EVENTS:
        refused = _post_conflict(batch, caller, ev, did)
        if refused is not None:
            return refused
    if checking:  # the checking counter now owns the dossier, as if it had received it
        d["counter_id"], d["counter"] = caller.counter_id, caller.counter
    owner = d["counter_id"] in (None, caller.counter_id)
    _take_summary(d, ev.occurred_at, a, now, event_rules.target(ev.type), content=owner)
    batch.changed.add(did)
    return None


def _owed(batch: _Batch, did: str, d: Row) -> int | None:
    """The dossier's fee less what was paid (net of refunds) on the server and earlier in this
    batch; None when exempted."""
    paid = batch.paid.get(did, 0)
    for type_, payload in batch.session.execute(
        select(EventRow.type, EventRow.payload).where(
            EventRow.dossier_id == did, EventRow.type.in_(("paid", "refunded", "fee_exempted"))
        )
    ):
        if type_ == "fee_exempted":
            return None
        amount = payload.get("amount") if isinstance(payload, dict) else None
        if isinstance(amount, int) and not isinstance(amount, bool):
            paid += amount if type_ == "paid" else -amount
    return max(0, int(d["fee_total"] or 0) - paid)


def _rated(batch: _Batch, did: str, stage: str) -> bool:
    """Whether the server already holds a rating of ``stage`` for the dossier."""
    for (payload,) in batch.session.execute(
        select(EventRow.payload).where(EventRow.dossier_id == did, EventRow.type == "rated")
    ):
        if isinstance(payload, dict) and payload.get("stage") == stage:
            return True
    return False


def _post_conflict(
    batch: _Batch, caller: Caller, ev: WireEvent, did: str
) -> tuple[str, str] | None:
    """A result goes to the post once, and a delivery follows that hand-over; one postal item
    carries one dossier's result, so a tracking number already used on another dossier of the
    agency is refused (issue 20). Results by post are few: the agency's ``sent_by_post`` events
    are searched by their payload's number (no index of their own), and only for these events."""
    session = batch.session
    sent = batch.posted.get(did) or session.scalar(
        select(EventRow.id)
        .where(EventRow.dossier_id == did, EventRow.type == "sent_by_post")
        .limit(1)
    )
    if ev.type == "post_delivered":
        if not sent:
            return "bad_transition", "'post_delivered' needs the result sent by post first"
        return None
    if sent:
        return "bad_transition", "the result was already sent by post"
    tracking = str(ev.payload["tracking"])
    holder = next((d for d, t in batch.posted.items() if t == tracking), None) or session.scalar(
        select(EventRow.dossier_id)
        .where(
            EventRow.agency == caller.agency,
            EventRow.type == "sent_by_post",
            EventRow.payload["tracking"].as_string() == tracking,
        )
        .limit(1)
    )
    if holder is not None and holder != did:
        return "invalid_event", f"tracking number {tracking} is another dossier's"
    batch.posted[did] = tracking
    return None


def _waiting_online(d: Row) -> bool:
    """An online dossier from the portal that no counter has answered yet."""
    return d["channel"] == 2 and d["status"] == 1 and d["counter_id"] is None


def _new_dossier(ev: WireEvent, did: str, caller: Caller, now: datetime) -> Row:
    """The row of a dossier the server first hears of through ``ev``: what folding ``ev`` into
    an empty row would give, written out at once."""
    a = ev.after
    code = a.code or None
    return {
        "id": did,
        "agency": caller.agency,
        "counter": caller.counter,
        "counter_id": caller.counter_id,
        "code": None if a.provisional else code,
        "provisional_code": code if a.provisional else None,
        "status": a.status,
        "status_at": ev.occurred_at,
        "procedure": a.procedure,
        "procedure_name": a.procedure_name,
        "channel": a.channel,
        "received_at": a.received_at,
        "due_at": a.due_at,
        "finished_at": a.finished_at,
        "returned_at": a.returned_at,
        "applicant_name": a.applicant_name,
        "applicant_id": a.applicant_id,
        "applicant_phone": a.applicant_phone,
        "applicant_address": a.applicant_address,
        "applicant_email": a.applicant_email,
        "fee_total": a.fee_total,
        "created_at": now,
        "updated_at": now,
    }


def _take_summary(
    d: Row, at: datetime, a: DossierSummary, now: datetime, target: int | None, *, content: bool
) -> None:
    """Last writer wins on status and times — except that a counter's final status (refused,
    withdrawn, returned) stands even against a department change it had not seen yet. An event
    that moves no status (``target`` None: a new appointment, scans) leaves the server's, and
    only the receiving counter's events (``content``) change what the citizen filed."""
    if at >= d["status_at"] or target in FINAL_STATUSES:
        if target is not None:
            d["status"] = target
        d["status_at"] = max(at, d["status_at"])
        d["due_at"] = a.due_at or d["due_at"]
        d["finished_at"] = a.finished_at or d["finished_at"]
        d["returned_at"] = a.returned_at or d["returned_at"]
    d["received_at"] = d["received_at"] or a.received_at
    d["updated_at"] = now
    if not content:
        return
    d.update(
        procedure=a.procedure,
        procedure_name=a.procedure_name,
        channel=a.channel,
        applicant_name=a.applicant_name,
        applicant_id=a.applicant_id,
        applicant_phone=a.applicant_phone,
        applicant_address=a.applicant_address,
        applicant_email=a.applicant_email,
        fee_total=a.fee_total,
        updated_at=now,
    )


def _event_row(
    ev: WireEvent, eid: str, did: str, caller: Caller, feed_id: int, now: datetime
) -> dict[str, Any]:
    return {
        "id": eid,
        "dossier_id": did,
        "agency": caller.agency,
        "counter": caller.counter,
        "counter_id": caller.counter_id,
        "origin": "counter",
        "type": ev.type,
        "seq": ev.seq,
        "occurred_at": ev.occurred_at,
        "officer": ev.officer,
        # JSON the request's check already made, or made here in one step from the model
        "payload": _json_of(ev.payload),
        "blobs": JsonText(json_text(ev.blobs)) if ev.blobs else _NO_BLOBS,
        "after": JsonText(_summary_json(ev.after), "utf-8"),
        "feed_id": feed_id,
        "stored_at": now,
    }


_NO_BLOBS = JsonText("[]")
# the summary's own serializer, without model_dump_json's handling of options it does not use
_summary_json = DossierSummary.__pydantic_serializer__.to_json


def _json_of(payload: dict[str, Any]) -> Any:
    if isinstance(payload, EncodedPayload):
        return JsonText(payload.json.decode())
    return payload


def row_of(d: DossierRow) -> Row:
    return {c: getattr(d, c) for c in _DOSSIER_COLUMNS}


def summary_of(d: Row) -> DossierSummary:
    return DossierSummary(
        code=d["code"] or d["provisional_code"],
        provisional=d["code"] is None and d["provisional_code"] is not None,
        status=d["status"],
        procedure=d["procedure"],
        procedure_name=d["procedure_name"],
        channel=d["channel"],
        received_at=d["received_at"],
        due_at=d["due_at"],
        finished_at=d["finished_at"],
        returned_at=d["returned_at"],
        applicant_name=d["applicant_name"],
        applicant_id=d["applicant_id"],
        applicant_phone=d["applicant_phone"],
        applicant_address=d["applicant_address"],
        applicant_email=d["applicant_email"],
        fee_total=d["fee_total"],
    )


def server_event(
    session: Session,
    d: Row,
    type_: str,
    payload: dict[str, Any],
    officer: str,
    *,
    at: datetime | None = None,
) -> EventRow:
    """An event the server itself writes (a department's progress, an assigned code)."""
    fid = take_feed_ids(session, 1)
    row = EventRow(
        id=str(uuid7()),
        dossier_id=d["id"],
        agency=d["agency"],
        counter="",
        counter_id=None,
        origin="server",
        type=type_,
        seq=None,
        occurred_at=at or local_now(),
        officer=officer,
        payload=payload,
        blobs=[],
        after=summary_of(d).model_dump(mode="json"),
        feed_id=fid,
        stored_at=utc_now(),
    )
    session.add(row)
    return row


def _assign_code(session: Session, agency: AgencyRow, d: Row) -> None:
    """Replace a provisional code by the next number of the agency's day (DESIGN.md §2)."""
    assert d["received_at"] is not None and d["provisional_code"] is not None
    code = next_code(session, agency, d["received_at"].date())
    if code is None:
        return  # the day is full: the dossier keeps its provisional code, visibly marked
    d["code"] = code
    session.execute(update(DossierRow).where(DossierRow.id == d["id"]).values(code=code))
    server_event(
        session,
        d,
        "code_assigned",
        {"code": code, "provisional_code": d["provisional_code"]},
        "he-thong",
    )
