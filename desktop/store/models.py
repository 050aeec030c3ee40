"""SQLAlchemy 2 models of the counter's local database.

Datetimes are naive wall-clock times of the province (Vietnam has one time zone and no
daylight saving), which is what officers, slips and the national portal use.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class CounterIdentity(Base):
    """The one row that says which counter of which agency this database belongs to."""

    __tablename__ = "counter_identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    province: Mapped[str] = mapped_column(String(40))
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    server_url: Mapped[str | None] = mapped_column(String(300))
    emergency_start: Mapped[int | None] = mapped_column(Integer)
    emergency_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    install_id: Mapped[str | None] = mapped_column(String(36))
    office_parent: Mapped[str | None] = mapped_column(String(200))
    office_name: Mapped[str | None] = mapped_column(String(200))
    # issue 21 (migration 0015): the date line's place, the "Số: …/PREFIX" prefix, and which of
    # the counter's administrator ("counter", "init") and the server ("server") set the office
    # last, when (province time) and who
    office_place: Mapped[str | None] = mapped_column(String(100))
    office_number_prefix: Mapped[str | None] = mapped_column(String(30))
    office_set_at: Mapped[datetime | None] = mapped_column(DateTime)
    office_source: Mapped[str | None] = mapped_column(String(10))
    office_set_by: Mapped[str | None] = mapped_column(String(60))


class Sequence(Base):
    """Named monotonic counters (event sequence, register book numbers), bumped in-transaction."""

    __tablename__ = "sequences"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    roles: Mapped[str] = mapped_column(String(120))
    verifier: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the provincial server manages this account: its answer to a sign-in stands
    from_server: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProcedureRow(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text)
    field_code: Mapped[str] = mapped_column(String(40))
    field_name: Mapped[str] = mapped_column(Text)
    limit: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    catalog_version: Mapped[str] = mapped_column(String(60))


class CalendarException(Base):
    __tablename__ = "calendar_exceptions"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class CodeBlockRow(Base):
    __tablename__ = "code_blocks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    next: Mapped[int] = mapped_column(Integer)


class Dossier(Base):
    __tablename__ = "dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str | None] = mapped_column(String(60), unique=True)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    procedure_name: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer, index=True)
    channel: Mapped[int] = mapped_column(Integer, default=1)
    applicant_name: Mapped[str] = mapped_column(String(120))
    applicant_name_folded: Mapped[str] = mapped_column(String(120), index=True)
    applicant_id_number: Mapped[str] = mapped_column(String(20), index=True)
    applicant_phone: Mapped[str | None] = mapped_column(String(15), index=True)
    applicant: Mapped[dict[str, Any]] = mapped_column(JSON)
    documents: Mapped[list[Any]] = mapped_column(JSON)
    sets: Mapped[int] = mapped_column(Integer, default=1)
    result_delivery: Mapped[dict[str, Any]] = mapped_column(JSON)
    fees: Mapped[list[Any]] = mapped_column(JSON)
    fee_total: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    pauses: Mapped[list[Any]] = mapped_column(JSON, default=list)
    register_book: Mapped[str | None] = mapped_column(String(20))
    register_seq: Mapped[int | None] = mapped_column(Integer)
    # online dossiers (issue 18): when the portal took it, when an officer first answered it,
    # and which counter holds the server's claim to answer it (None: nobody yet)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)
    claim_counter: Mapped[str | None] = mapped_column(String(8))
    claim_officer: Mapped[str | None] = mapped_column(String(60))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the last hand-over to the specialist unit (Kon Tum QĐ 08/2018 Điều 14.4)
    handed_over_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    handover_unit: Mapped[str | None] = mapped_column(String(300))
    handover_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # fees (issue 19): paid less refunded, and the exemption's reason
    fee_paid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    fee_exempt_reason: Mapped[str | None] = mapped_column(Text)
    # the citizen's satisfaction at each stage (issue 20, desktop/domain/satisfaction.py)
    rating_reception: Mapped[int | None] = mapped_column(Integer)
    rating_return: Mapped[int | None] = mapped_column(Integer)
    # the result by post (issue 20): S10 item number, handed to the post, delivered
    post_tracking: Mapped[str | None] = mapped_column(String(13))
    posted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    post_delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="dossier", order_by="EventRow.seq", cascade="all"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="dossier", order_by="Attachment.id", cascade="all"
    )
    aliases: Mapped[list[DossierAlias]] = relationship(cascade="all")

    __table_args__ = (
        UniqueConstraint("register_book", "register_seq"),
        Index("ix_dossiers_received_day", "received_at", "status"),
        Index("ix_dossiers_counter", "counter", "received_at"),
        # statistics (migration 0004, desktop/store/stats/sql.py)
        Index("ix_dossiers_finished", "finished_at", "received_at"),
        Index(
            "ix_dossiers_unfinished",
            "received_at",
            "status",
            "updated_at",
            sqlite_where=text("finished_at IS NULL"),
        ),
        Index("ix_dossiers_returned", "returned_at", "finished_at"),
    )


class ReceptionRequest(Base):
    """A script's ``request_id`` for one item of ``motcua receive``, and the dossier it made: the
    same file run again (after a crash, a kill, a timeout) answers with that dossier instead of
    receiving the citizen twice. Its own table, so the dossiers table keeps its shape."""

    __tablename__ = "reception_requests"
    request_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DossierAlias(Base):
    """Earlier codes of a dossier (a provisional code replaced at sync), kept for look-up."""

    __tablename__ = "dossier_aliases"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    origin: Mapped[str] = mapped_column(String(10), default="counter")

    dossier: Mapped[Dossier] = relationship(back_populates="events")

    # statistics: the few dossiers that got a new appointment with an apology (Mẫu 04)
    __table_args__ = (
        Index(
            "ix_events_rescheduled", "dossier_id", "seq", sqlite_where=text("type = 'rescheduled'")
        ),
    )


class OutboxRow(Base):
    """An event waiting for the server's acknowledgement of that exact event."""

    __tablename__ = "outbox"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    enqueued_at: Mapped[datetime] = mapped_column(DateTime)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    dead: Mapped[bool] = mapped_column(Boolean, default=False)
    # the event as the push request carries it (WireEvent JSON), encoded when it was recorded;
    # NULL for events queued before revision 0007
    wire: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (Index("ix_outbox_pending", "acked_at", "dead", "seq"),)


class Payment(Base):
    """A payment or a refund of a dossier's fee, one per ``paid``/``refunded`` event (written
    with it by sync/journal.py): what the day close, the fee receipts and the statistics read.
    ``receipt_no`` is the fee receipt's number, in the series of the counter that took it."""

    __tablename__ = "payments"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # payment | refund
    method: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Integer)
    receipt_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    reference: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Rating(Base):
    """The citizen's satisfaction with one stage of a dossier, one per ``rated`` event (written
    with it by sync/journal.py, whichever counter recorded it): what the statistics count.
    ``served_by`` is the officer rated, ``officer`` the one who recorded it."""

    __tablename__ = "ratings"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    stage: Mapped[str] = mapped_column(String(10))  # reception | return
    level: Mapped[int] = mapped_column(Integer)  # 1 (rất không hài lòng) … 5 (rất hài lòng)
    served_by: Mapped[str] = mapped_column(String(60))
    officer: Mapped[str] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    document: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_at: Mapped[datetime | None] = mapped_column(DateTime)

    dossier: Mapped[Dossier] = relationship(back_populates="attachments")


class CounterKey(Base):
    """A counter's Ed25519 public key, used to verify receipt QR codes offline."""

    __tablename__ = "counter_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    public_key: Mapped[str] = mapped_column(String(64))  # raw key, hex
    own: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncState(Base):
    """Small facts about syncing: the feed cursor, connectivity, the last cycle's report."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class InboxRow(Base):
    """A pulled change parked until this counter's own changes to that dossier are sent, so a
    department's update never overwrites what the counter did but has not yet told the server."""

    __tablename__ = "sync_inbox"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    parked_at: Mapped[datetime] = mapped_column(DateTime)


class SyncConflict(Base):
    """Something pulled that could not be applied, for the supervisor to look at."""

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)


class UnmatchedPayment(Base):
    """A bank transfer for one of the agency's dossiers that the provincial server did not
    apply (the amount was not what is owed, or the dossier is closed), from the feed: for the
    supervisor at the day close (issue 19 item 4). Never counted as paid."""

    __tablename__ = "unmatched_payments"
    transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    code: Mapped[str] = mapped_column(String(60))
    outcome: Mapped[str] = mapped_column(String(10))  # unmatched | short
    reason: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(Integer)
    outstanding: Mapped[int | None] = mapped_column(Integer)
    paid_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # the bank's, local time
    received_at: Mapped[datetime] = mapped_column(DateTime)  # when this counter heard of it


class Incident(Base):
    """A stretch of time the provincial server could not be used (DESIGN.md §6; seed 000 Điều
    13). One row per trouble streak: ``watch`` while it is shorter than the grace period (deleted
    if it ends sooner), ``open`` once it is an incident, ``closed`` after a sync cycle succeeded
    again. Kept in the database so a sync process killed and restarted carries on the same one.
    Times are the province's wall clock; samples never hold personal data or tokens."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(8), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime)
    cause: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None] = mapped_column(Integer)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    samples: Mapped[list[Any]] = mapped_column(JSON)
    seq_mark: Mapped[int] = mapped_column(Integer)  # the last event seq before the trouble
    report_to: Mapped[str] = mapped_column(Text)
    answer_within_hours: Mapped[float | None] = mapped_column(Float)
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    reported_by: Mapped[str | None] = mapped_column(String(60))
    form: Mapped[dict[str, Any]] = mapped_column(JSON)  # the officer's overrides, for reprints
    catchup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    catchup_done_at: Mapped[datetime | None] = mapped_column(DateTime)


class DayClosure(Base):
    """An officer closed a day's register (Mẫu 06): who, when, how many events were still
    waiting for the server, and — when a supervisor closed it anyway — why."""

    __tablename__ = "day_closures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(60))
    pending: Mapped[int] = mapped_column(Integer)
    dead: Mapped[int] = mapped_column(Integer)
    dossiers: Mapped[int] = mapped_column(Integer)
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))


class AuditEntry(Base):
    """One officer action in the hash-chained audit log (desktop/store/accounts/audit.py).
    Never holds personal data: dossiers by code or id, look-ups by kind and number of hits."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class AuditAnchor(Base):
    """The highest audit head the provincial server confirmed holding for this counter."""

    __tablename__ = "audit_anchor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    mac: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[datetime] = mapped_column(DateTime)


class FeedbackItem(Base):
    """A citizen's feedback or complaint (phản ánh, kiến nghị; issue 20 item 3), the fold of
    its entries (``feedback_entries``) as a dossier is of its events. It may name a dossier
    (``dossier_id``/``dossier_code``, no foreign key: feedback stands on its own) or none. The
    clocks are not stored: they are computed from ``received_at`` with the calendar in force
    (desktop/domain/feedback.py), so an announced day off moves them."""

    __tablename__ = "feedback"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(8))
    from_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    dossier_id: Mapped[str | None] = mapped_column(String(36))
    dossier_code: Mapped[str | None] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))  # where it was entered
    officer: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(10))
    last_update_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answer: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class FeedbackEntryRow(Base):
    """One append-only entry of a feedback item: received, progress, answered, published.
    This counter's own (``origin`` counter) carry their wire form and wait for the server's
    answer (``sent_at``, or ``refused`` with its code and message); other counters' come from
    the feed (``origin`` remote) and are never sent."""

    __tablename__ = "feedback_entries"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    feedback_id: Mapped[str] = mapped_column(ForeignKey("feedback.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(60))
    counter: Mapped[str] = mapped_column(String(8))
    text: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(8))  # counter | remote
    wire: Mapped[bytes | None] = mapped_column(LargeBinary)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    refused: Mapped[str | None] = mapped_column(Text)
