"""Applying what the change feed brings, inside the transaction that also stores the new cursor.

Events from the server (a department's progress, a real code for a provisional one) and from the
agency's other counters go through the same fold as the counter's own, so the dossier row stays
the fold of its events. A department's update to a dossier whose own changes are still in the
outbox is parked until they are sent: the counter's work is never overwritten by older news.
Anything that cannot be applied is recorded for the supervisor, never raised.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.dossier import ONLINE_CHECK_EVENTS, EventType, Status, TransitionError
from desktop.domain.leases import BlockKind, LeaseError
from desktop.domain.procedures import CatalogError, fold_accents, parse_catalog
from desktop.store.catalog import import_catalog
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext, set_emergency_range
from desktop.store.dossiers.codes import add_block, blocks_for
from desktop.store.models import (
    Attachment,
    CalendarException,
    CounterKey,
    Dossier,
    DossierAlias,
    EventRow,
    InboxRow,
    Officer,
    OutboxRow,
    ProcedureRow,
    SyncConflict,
    SyncState,
    UnmatchedPayment,
)
from desktop.store.office import apply_server_office
from desktop.store.sync.device_keys import trust_key
from desktop.store.sync.journal import record
from sync.engine import ApplyReport
from sync.limits import SHA256_RE
from sync.protocol import (
    CalendarChange,
    CatalogChange,
    Change,
    ClaimChange,
    CounterKeyChange,
    EmergencyChange,
    EventChange,
    FeedbackChange,
    FeedEvent,
    LeaseChange,
    OfficeChange,
    OfficerChange,
    PayeeChange,
    StatsChange,
    UnmatchedPaymentChange,
    forbidden_char,
)

# events that bring a dossier into existence, with everything the row needs in their payload
_CREATING = {
    EventType.RECEIVED.value,
    EventType.REJECTED.value,
    EventType.SUPPLEMENT_REQUESTED.value,
    EventType.REGISTERED_ONLINE.value,
}


def conflict(session: Session, kind: str, ref: str, message: str) -> None:
    session.add(SyncConflict(at=local_now(), kind=kind, ref=ref[:60], message=message[:2000]))


def set_state(session: Session, key: str, value: dict[str, Any]) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def get_state(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(SyncState, key)
    return dict(row.value) if row is not None else None


def apply_changes(
    session: Session, ctx: CounterContext, items: list[Change], cursor: str
) -> ApplyReport:
    report = ApplyReport()
    drain_inbox(session, ctx, report)
    for item in items:
        _apply_one(session, ctx, item, report)
    set_state(session, "cursor", {"cursor": cursor, "at": local_now().isoformat()})
    return report


def _apply_one(session: Session, ctx: CounterContext, item: Change, report: ApplyReport) -> None:
    if isinstance(item, EventChange):
        _event(session, ctx, item.event, report)
    elif isinstance(item, LeaseChange):
        _lease(session, ctx, item, report)
    elif isinstance(item, EmergencyChange):
        set_emergency_range(session, item.start, item.end)
        report.applied += 1
    elif isinstance(item, CalendarChange):
        _calendar(session, item)
        report.applied += 1
    elif isinstance(item, CatalogChange):
        _catalog(session, item, report)
    elif isinstance(item, OfficerChange):
        _officer(session, item)
        report.applied += 1
    elif isinstance(item, CounterKeyChange):
        _counter_key(session, item)
        report.applied += 1
    elif isinstance(item, StatsChange):
        set_state(session, "centre_stats", {"taken_at": item.taken_at.isoformat(), **item.body})
        report.applied += 1
    elif isinstance(item, ClaimChange):
        _claim(session, item)
        report.applied += 1
    elif isinstance(item, PayeeChange):
        _payee(session, item, report)
    elif isinstance(item, OfficeChange):
        # the province's office for this agency; the later of it and the counter's own stands
        apply_server_office(session, item, report, conflict)
    elif isinstance(item, UnmatchedPaymentChange):
        _unmatched_payment(session, item, report)
    elif isinstance(item, FeedbackChange):
        from desktop.store.feedback.inbound import apply_feedback

        apply_feedback(session, item, report, conflict)


# -- dossier events ------------------------------------------------------------------------------


def _has_pending(session: Session, dossier_id: str) -> bool:
    pending = (
        select(OutboxRow.event_id)
        .join(EventRow, EventRow.id == OutboxRow.event_id)
        .where(
            EventRow.dossier_id == dossier_id,
            OutboxRow.acked_at.is_(None),
            OutboxRow.dead.is_(False),
        )
    )
    return bool(session.scalar(select(exists(pending))))


def _event(session: Session, ctx: CounterContext, fe: FeedEvent, report: ApplyReport) -> None:
    eid = str(fe.id)
    if session.get(EventRow, eid) is not None or session.get(InboxRow, eid) is not None:
        report.skipped += 1
        return
    did = str(fe.dossier_id)
    # a new code is the server's to give and touches nothing the counter owns
    if fe.type != EventType.CODE_ASSIGNED.value and _has_pending(session, did):
        session.add(
            InboxRow(
                event_id=eid,
                dossier_id=did,
                body=fe.model_dump(mode="json"),
                parked_at=local_now(),
            )
        )
        report.parked += 1
        return
    if _apply_event(session, ctx, fe):
        report.applied += 1
    else:
        report.conflicts += 1


def drain_inbox(session: Session, ctx: CounterContext, report: ApplyReport) -> None:
    parked = list(session.scalars(select(InboxRow).order_by(InboxRow.parked_at)))
    for row in parked:
        if _has_pending(session, row.dossier_id):
            continue
        session.delete(row)
        session.flush()
        try:
            fe = FeedEvent.model_validate(row.body)
        except ValidationError:
            conflict(session, "event", row.event_id, "sự kiện đã giữ lại không còn đọc được")
            report.conflicts += 1
            continue
        if _apply_event(session, ctx, fe):
            report.applied += 1
        else:
            report.conflicts += 1


def _apply_event(session: Session, ctx: CounterContext, fe: FeedEvent) -> bool:
    try:
        type_ = EventType(fe.type)
    except ValueError:
        conflict(session, "event", str(fe.id), f"loại sự kiện lạ từ máy chủ: {fe.type}")
        return False
    row = session.get(Dossier, str(fe.dossier_id))
    new = row is None
    if row is None:
        made = _row_from(session, fe)
        if made is None:
            return False
        row = made
    old_code = row.code
    origin = "server" if fe.origin == "server" else "remote"
    try:
        with session.begin_nested():
            record(
                session,
                ctx,
                row,
                type_,
                dict(fe.payload),
                fe.officer or "he-thong",
                at=fe.occurred_at,
                new=new,
                origin=origin,
                event_id=str(fe.id),
                counter=fe.counter,
            )
            if type_ is EventType.CODE_ASSIGNED:
                _replace_code(session, row, old_code)
            _files(session, row, type_, fe)
            if not row.counter and fe.counter and type_ in ONLINE_CHECK_EVENTS:
                answered_by(row, fe.counter, fe.officer)
            if type_ is EventType.HANDED_OVER:
                row.handover_id = str(fe.payload.get("handover_id", ""))[:36] or None
    except (TransitionError, ValueError, KeyError) as exc:
        conflict(session, "event", str(fe.id), f"hồ sơ {old_code or fe.dossier_id}: {exc}")
        return False
    except IntegrityError:
        # e.g. the same code already on another dossier here: report it, keep both intact
        conflict(session, "event", str(fe.id), f"hồ sơ {fe.after.code or fe.dossier_id} trùng mã")
        return False
    return True


# -- files other counters and the portal attached ------------------------------------------------

DOWNLOADS = "downloads"
_MAX_FILES = 50
_MIMES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/tiff"})


def _files(session: Session, row: Dossier, type_: EventType, fe: FeedEvent) -> None:
    """An online dossier's papers (``files`` of its registration) become attachments at every
    counter of the agency, their bytes fetched by the next sync step: any of them may check it.
    A scan another counter attached stays with that counter, as before (every counter fetching
    every scan of a busy centre would multiply its traffic). A malformed entry is skipped,
    never a reason to refuse the event."""
    if type_ is not EventType.REGISTERED_ONLINE:
        return
    files = fe.payload.get("files")
    entries: list[Any] = files if isinstance(files, list) else []
    wanted: list[str] = []
    for f in entries[:_MAX_FILES]:
        if not isinstance(f, dict):
            continue
        sha, size, mime = f.get("sha256"), f.get("size"), f.get("mime")
        if not (isinstance(sha, str) and SHA256_RE.match(sha)) or mime not in _MIMES:
            continue
        if not isinstance(size, int) or not 0 < size <= 200 * 1024 * 1024:
            continue
        pages = f.get("pages")
        session.add(
            Attachment(
                dossier_id=row.id,
                sha256=sha,
                document=str(f.get("document") or "")[:300],
                filename=str(f.get("filename") or sha[:12])[:200],
                mime=mime,
                size=size,
                pages=pages if isinstance(pages, int) else None,
                added_at=fe.occurred_at,
                uploaded_at=local_now(),  # the server has it: never sent back
            )
        )
        wanted.append(sha)
    if wanted:
        state = get_state(session, DOWNLOADS) or {"shas": []}
        shas = list(state.get("shas", []))
        set_state(session, DOWNLOADS, {"shas": shas + [s for s in wanted if s not in shas]})


def answered_by(row: Dossier, counter: str, officer: str) -> None:
    """An online dossier's first answer makes its counter the owner and its officer the one who
    received it, as at the counter (the server does the same, sync/server/ingest.py); the claim
    has done its work."""
    row.counter = counter
    row.officer = officer
    row.claim_counter = row.claim_officer = row.claimed_at = None


def _claim(session: Session, item: ClaimChange) -> None:
    """Which counter is checking an online dossier: shown in every counter's inbox."""
    row = session.get(Dossier, str(item.dossier_id))
    if row is None:
        return
    row.claim_counter = item.counter
    row.claim_officer = item.officer or None if item.counter else None
    row.claimed_at = item.at if item.counter else None


def _replace_code(session: Session, row: Dossier, old_code: str | None) -> None:
    """The provisional code becomes an alias: look-up by it still finds the dossier, and the
    receipt printed with it is listed for reissue."""
    row.provisional = False
    if old_code and old_code != row.code and session.get(DossierAlias, old_code) is None:
        session.add(DossierAlias(code=old_code, dossier_id=row.id))


def _row_from(session: Session, fe: FeedEvent) -> Dossier | None:
    """A dossier another counter created, built from its creating event's payload."""
    p = fe.payload
    if fe.type not in _CREATING or not isinstance(p.get("applicant"), dict):
        conflict(session, "event", str(fe.id), "sự kiện cho hồ sơ chưa có ở quầy này")
        return None
    procedure = str(p.get("procedure", ""))
    if session.get(ProcedureRow, procedure) is None:
        conflict(session, "event", str(fe.id), f"thủ tục {procedure} chưa có trong danh mục")
        return None
    applicant: dict[str, Any] = p["applicant"]
    if fe.type == EventType.REGISTERED_ONLINE.value:
        problem = _online_problem(applicant)
        if problem is not None:
            conflict(session, "event", str(fe.id), f"hồ sơ trực tuyến {fe.after.code}: {problem}")
            return None
    now = local_now()
    row = Dossier(
        id=str(fe.dossier_id),
        procedure_code=procedure,
        procedure_name=str(p.get("procedure_name") or fe.after.procedure_name),
        channel=int(p.get("channel", 1)),
        applicant_name=str(applicant.get("name", fe.after.applicant_name)),
        applicant_name_folded=fold_accents(str(applicant.get("name", fe.after.applicant_name))),
        applicant_id_number=str(applicant.get("id_number", fe.after.applicant_id)),
        applicant_phone=applicant.get("phone"),
        applicant=applicant,
        documents=list(p.get("documents", [])),
        sets=int(p.get("sets", 1)),
        result_delivery=dict(p.get("result_delivery", {"method": "counter"})),
        fees=list(p.get("fees", [])),
        fee_total=int(p.get("fee_total", 0)),
        note=p.get("note"),
        officer=fe.officer,
        counter=fe.counter,
        created_at=now,
        updated_at=now,
        pauses=[],
        provisional=bool(p.get("provisional", False)),
        register_book=None,
        register_seq=None,
        status=int(Status.MOI_DANG_KY),
    )
    return row


def _online_problem(applicant: dict[str, Any]) -> str | None:
    """The counter's own rules for an applicant (CCCD province codes, phone numbers), which the
    server's portal check does not know: a dossier that breaks them is not taken."""
    from pydantic import ValidationError as PydanticError

    from desktop.domain.applicants import Applicant
    from desktop.domain.validation import describe_errors

    try:
        Applicant.model_validate(applicant)
    except PydanticError as exc:
        return "người nộp không hợp lệ: " + describe_errors(exc)
    return None


# -- everything else -----------------------------------------------------------------------------


def _lease(session: Session, ctx: CounterContext, item: LeaseChange, report: ApplyReport) -> None:
    if add_lease(session, ctx, item.day, item.start, item.end):
        report.applied += 1
    else:
        report.skipped += 1


def add_lease(session: Session, ctx: CounterContext, day: date, start: int, end: int) -> bool:
    """True when recorded; a block already held (the lease answer and the feed both carry it)
    is skipped; one that overlaps another is refused and reported."""
    for b in blocks_for(session, day):
        if b.kind == BlockKind.LEASE.value and (b.start, b.end) == (start, end):
            return False
    try:
        with session.begin_nested():
            add_block(session, ctx, day, start, end, BlockKind.LEASE)
    except LeaseError as exc:
        conflict(session, "lease", day.isoformat(), str(exc))
        return False
    return True


def _calendar(session: Session, item: CalendarChange) -> None:
    if item.working is None:
        session.execute(delete(CalendarException).where(CalendarException.day == item.day))
        return
    row = session.get(CalendarException, item.day) or CalendarException(day=item.day)
    row.working = item.working
    row.note = item.note or "Theo lịch của tỉnh"
    session.add(row)


def _catalog(session: Session, item: CatalogChange, report: ApplyReport) -> None:
    try:
        catalog = parse_catalog(item.body, f"phiên bản {item.version} từ máy chủ")
    except CatalogError as exc:
        conflict(session, "catalog", item.version, str(exc))
        report.conflicts += 1
        return
    import_catalog(session, catalog)
    report.applied += 1


def _officer(session: Session, item: OfficerChange) -> None:
    rec = item.officer
    row = session.scalar(select(Officer).where(Officer.username == rec.username))
    if row is None:
        if rec.verifier is None:
            return  # nothing to sign in with yet; the account arrives at its first online login
        row = Officer(
            username=rec.username,
            verifier=rec.verifier,
            failed_attempts=0,
            created_at=local_now(),
        )
        session.add(row)
    row.full_name = rec.full_name
    row.roles = ",".join(sorted(rec.roles))
    row.active = rec.active
    row.from_server = True  # the server's answer to this account's sign-ins stands
    row.must_change_password = rec.must_change_password
    if rec.verifier:
        row.verifier = rec.verifier


def _payee(session: Session, item: PayeeChange, report: ApplyReport) -> None:
    """The province's receiving account for this agency's fees; one the VietQR rules refuse
    (a bad BIN or account number) is reported and the account in force kept."""
    from desktop.domain.vietqr import VietQrRefused
    from desktop.store.payee import save_payee

    try:
        with session.begin_nested():
            save_payee(session, item.bank_bin, item.account, item.name, source="server")
    except VietQrRefused as exc:
        conflict(
            session, "payee", item.bank_bin or "payee", f"tài khoản nhận phí từ máy chủ: {exc}"
        )
        report.conflicts += 1
        return
    report.applied += 1


def _unmatched_payment(session: Session, item: UnmatchedPaymentChange, report: ApplyReport) -> None:
    """A bank transfer the server did not apply, kept for the supervisor's day close. One that
    contradicts itself is a conflict, never raised; the same transfer again is skipped."""
    tid = item.transaction_id
    problem = None
    if forbidden_char(item.code) is not None:
        problem = "mã hồ sơ chứa ký tự không được phép"
    elif item.outcome == "short" and (item.outstanding is None or item.amount >= item.outstanding):
        problem = "khoản thiếu nhưng số tiền không nhỏ hơn số còn phải nộp"
    if problem is not None:
        conflict(session, "unmatched_payment", tid, f"chuyển khoản {tid}: {problem}")
        report.conflicts += 1
        return
    if session.get(UnmatchedPayment, tid) is not None:
        report.skipped += 1
        return
    session.add(
        UnmatchedPayment(
            transaction_id=tid,
            dossier_id=str(item.dossier_id),
            code=item.code,
            outcome=item.outcome,
            reason=item.reason,
            amount=item.amount,
            outstanding=item.outstanding,
            paid_at=item.paid_at,
            received_at=local_now(),
        )
    )
    report.applied += 1


def _counter_key(session: Session, item: CounterKeyChange) -> None:
    raw = bytes.fromhex(item.public_key)
    if item.revoked:
        key = session.get(CounterKey, item.key_id)
        if key is not None and not key.own:
            key.revoked_at = local_now()
        return
    trust_key(session, item.agency, item.counter, raw)
