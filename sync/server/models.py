"""Tables of the reference provincial server (SQLite for small sites, PostgreSQL for a province;
the same models on both).

Everything a counter pulls is ordered by one ``feed_id`` drawn from the single-row
``feed_clock`` inside each writing transaction. Bumping that row takes its lock until commit, so
feed ids become visible in the order they were handed out and a reader's cursor never skips a
row that commits late.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class FeedClock(Base):
    __tablename__ = "feed_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AgencyRow(Base):
    """An agency's dossier-code template and the size of each counter's emergency range."""

    __tablename__ = "agencies"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    code_template: Mapped[str] = mapped_column(String(80))
    max_seq: Mapped[int] = mapped_column(Integer)
    emergency_size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CounterRow(Base):
    __tablename__ = "counters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    counter: Mapped[str] = mapped_column(String(8))
    install_id: Mapped[str] = mapped_column(String(36))
    key_id: Mapped[str] = mapped_column(String(16))
    slot: Mapped[int] = mapped_column(Integer)  # which emergency range, 0 = the top one
    emergency_start: Mapped[int | None] = mapped_column(Integer)
    emergency_end: Mapped[int | None] = mapped_column(Integer)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_by: Mapped[str] = mapped_column(String(60))

    __table_args__ = (UniqueConstraint("agency", "counter"),)


class CounterKeyRow(Base):
    """Every key a counter ever signed receipts with stays, so old receipts keep verifying."""

    __tablename__ = "counter_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class TokenRow(Base):
    __tablename__ = "tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # counter | officer
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class NonceRow(Base):
    """Device-auth nonces seen recently: a captured signature cannot be replayed."""

    __tablename__ = "auth_nonces"
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class OfficerRow(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    roles: Mapped[str] = mapped_column(String(120))
    verifier: Mapped[str] = mapped_column(String(300))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DossierRow(Base):
    __tablename__ = "dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    code: Mapped[str | None] = mapped_column(String(60), unique=True)
    provisional_code: Mapped[str | None] = mapped_column(String(60), unique=True)
    status: Mapped[int] = mapped_column(Integer)
    status_at: Mapped[datetime] = mapped_column(DateTime)
    procedure: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(Text)
    channel: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id: Mapped[str] = mapped_column(String(20))
    applicant_phone: Mapped[str | None] = mapped_column(String(20))
    applicant_address: Mapped[str | None] = mapped_column(String(500))
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    fee_total: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    # every index is written for every dossier a counter sends: only what queries use
    __table_args__ = (Index("ix_dossiers_counter_received", "counter_id", "received_at"),)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    origin: Mapped[str] = mapped_column(String(8))  # counter | server
    type: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int | None] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    blobs: Mapped[list[Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    feed_id: Mapped[int] = mapped_column(BigInteger)  # unique by construction (feed clock)
    stored_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_events_agency_feed", "agency", "feed_id"),
        Index("ix_events_dossier", "dossier_id"),
    )


class ChangeRow(Base):
    """Feed items other than dossier events: leases, calendar, catalog, officers, keys."""

    __tablename__ = "changes"
    feed_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    agency: Mapped[str | None] = mapped_column(String(40))  # None: every agency
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))  # None: all
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DaySequenceRow(Base):
    """The agency's daily dossier sequence: the highest number handed out so far."""

    __tablename__ = "day_sequences"
    agency: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    high: Mapped[int] = mapped_column(Integer, default=0)


class LeaseRow(Base):
    __tablename__ = "leases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_leases_agency_day", "agency", "day"),)


class BlobRow(Base):
    """A file of the province's store: complete, checked, and named by an applied event. (Rows
    with ``complete`` false are uploads of servers from before ``blob_uploads``.)"""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BlobUploadRow(Base):
    """One counter's upload of one file (issue 17): private to that counter, so no counter can
    see, block or claim another's upload, nor ask whether the province holds a file. A file
    enters ``blobs`` (the province's store) when an event naming it is applied; the bytes on
    disk are shared by content, each counter still sends and proves them itself."""

    __tablename__ = "blob_uploads"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CalendarDayRow(Base):
    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class CatalogRow(Base):
    __tablename__ = "catalogs"
    version: Mapped[str] = mapped_column(String(60), primary_key=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditAnchorRow(Base):
    """The highest audit-log head each counter reported (desktop/store/accounts/audit.py)."""

    __tablename__ = "audit_anchors"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    mac: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    diverged_at: Mapped[datetime | None] = mapped_column(DateTime)  # a chain that lost entries


# -- trust: who may do what where (issue 17); new tables, so an existing database keeps working --


class OfficerAgencyRow(Base):
    """The agencies an officer works for: where the officer may sign in, which counters' feeds
    carry the officer's verifier, and (for administrators) which agencies' counters the officer
    may enrol. ``agency == "*"``: every agency of the province (the provincial IT)."""

    __tablename__ = "officer_agencies"
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    agency: Mapped[str] = mapped_column(String(40), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(DateTime)


class SignInFailureRow(Base):
    """Wrong passwords per account and source (a counter, or a client address for enrolment):
    one counter's guesses lock the account at that counter, not everywhere."""

    __tablename__ = "sign_in_failures"
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class RateBucketRow(Base):
    """Sign-in attempts left per source, a token bucket for each limiter (sync/server/ratelimit.py):
    in the database so that every instance serving the province counts the same attempts."""

    __tablename__ = "rate_buckets"
    limiter: Mapped[str] = mapped_column(String(16), primary_key=True)  # enrol | login
    source: Mapped[str] = mapped_column(String(80), primary_key=True)  # the client address
    tokens: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch


class CounterControlRow(Base):
    """The provincial IT's decisions about an enrolled counter: revoked (no token of it is
    accepted any more) and reset (the next enrolment may replace its installation, once)."""

    __tablename__ = "counter_controls"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    reset_at: Mapped[datetime | None] = mapped_column(DateTime)


class RetiredAuditAnchorRow(Base):
    """The audit anchor of an installation a reset replaced: kept as evidence, while the new
    installation starts its own log."""

    __tablename__ = "retired_audit_anchors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    install_id: Mapped[str] = mapped_column(String(36))
    key_id: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    mac: Mapped[str] = mapped_column(String(64))
    diverged_at: Mapped[datetime | None] = mapped_column(DateTime)
    retired_at: Mapped[datetime] = mapped_column(DateTime)


class AdminActionRow(Base):
    """What the province's administrators changed from the command line (officers, agencies,
    counters reset or revoked, departments' steps, calendar, catalog): who (the operating-system
    account), when, which command and on what. Written in the change's own transaction."""

    __tablename__ = "admin_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120))


# -- online dossiers (issue 18); new tables, so an existing database keeps working -----------------


class OnlineClaimRow(Base):
    """The one counter allowed to check an online dossier waiting at status 1: granted to the
    first counter that asks, shown to the others through the feed, gone once the dossier is
    answered (its first event makes that counter the dossier's owner) or released."""

    __tablename__ = "online_claims"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    counter: Mapped[str] = mapped_column(String(8))
    officer: Mapped[str] = mapped_column(String(60))
    claimed_at: Mapped[datetime] = mapped_column(DateTime)


class BlobRefRow(Base):
    """Which agency's counters may download a stored file: those of the agency whose dossier
    names it (an online dossier's papers from the portal, a counter's scans). Anyone else is
    answered as if the file did not exist."""

    __tablename__ = "blob_refs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(40), primary_key=True)


# -- the bank's payment notifications (issue 19 item 4); new tables, so an existing database keeps
# working ------------------------------------------------------------------------------------------


class PaymentSecretRow(Base):
    """The province's secret shared with its bank, which signs every payment notification with
    it (HMAC-SHA256). One row (``id`` 1); set with ``motcua-server payments secret``. The
    server needs the secret itself to check a signature, so it is kept as the database's other
    credentials are: readable by the server's account only."""

    __tablename__ = "payment_secrets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    secret: Mapped[str] = mapped_column(String(256))
    set_at: Mapped[datetime] = mapped_column(DateTime)


class PaymentNotificationRow(Base):
    """Every notification the bank (or anyone) posted, whatever came of it: applied, duplicate,
    unmatched, short, bad_signature or invalid. Only the dossier code found in the transfer's
    description is kept, never the description itself (it may name the payer)."""

    __tablename__ = "payment_notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    transaction_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(60))
    amount: Mapped[int | None] = mapped_column(BigInteger)


class BankTransactionRow(Base):
    """What was decided for one bank transaction: its id is the primary key, so the same
    transfer notified twice is never applied (nor listed) twice."""

    __tablename__ = "bank_transactions"
    transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))  # applied | unmatched | short
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_at: Mapped[datetime] = mapped_column(DateTime)  # the bank's, local time
    decided_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    dossier_id: Mapped[str | None] = mapped_column(String(36))
    code: Mapped[str | None] = mapped_column(String(60))
    receipt_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    event_id: Mapped[str | None] = mapped_column(String(36))


class UnmatchedPaymentRow(Base):
    """A transfer that was not applied, for the supervisor: no dossier code in its description,
    an unknown code, a closed or exempted dossier, or an amount that is not what is owed."""

    __tablename__ = "unmatched_payments"
    transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))  # unmatched | short
    reason: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    outstanding: Mapped[int | None] = mapped_column(BigInteger)
    paid_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    code: Mapped[str | None] = mapped_column(String(60))
    dossier_id: Mapped[str | None] = mapped_column(String(36))
    agency: Mapped[str | None] = mapped_column(String(40))


class BankReceiptSeriesRow(Base):
    """The server's own fee receipt series for transfers the bank confirmed, one per year:
    ``NH/2026-000001``. Only grows (the counters' series are ``Q01/2026-…``, never ``NH``)."""

    __tablename__ = "bank_receipt_series"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    high: Mapped[int] = mapped_column(Integer, default=0)


class FeedbackRow(Base):
    """One entry of an agency's feedback register (issue 20), as its counter pushed it
    (sync/server/feedback.py): ``body`` is the entry itself, compared when it comes again.
    Counters of the agency pull the entries of the others through the feed (feed.py)."""

    __tablename__ = "feedback_entries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    feedback_id: Mapped[str] = mapped_column(String(36), index=True)
    agency: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(8))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    kind: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(DateTime)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    feed_id: Mapped[int] = mapped_column(BigInteger)  # unique by construction (feed clock)
    stored_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_feedback_entries_agency_feed", "agency", "feed_id"),)
