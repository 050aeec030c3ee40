"""The sync protocol, version 1 (``/api/v1``): pydantic models shared by the counter client and
the reference provincial server (DESIGN.md §5).

The protocol knows nothing of dossiers' meaning beyond what the server must index: an event is
an opaque, append-only fact about one dossier, carried with a summary of the dossier as it
stands *after* that event (so the server can keep its dossier table, codes and reports without
sharing the counter's domain code). Requests are validated strictly (unknown fields refused);
answers are read strictly too, but unknown fields are ignored so a newer server can add them.

Local times (reception, appointments, event times) are the province's wall clock, naive
``YYYY-MM-DDTHH:MM:SS``; instants the server owns (token expiry, server time) are UTC.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NaiveDatetime,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, to_json

from .limits import (
    AUTH_MESSAGE,
    CURSOR_RE,
    EARLIEST_LOCAL_TIME,
    FORBIDDEN_CHARS_RE,
    LATEST_LOCAL_TIME,
    MAX_ADDRESS,
    MAX_BACKDATE_DAYS,
    MAX_BATCH_EVENTS,
    MAX_BLOB_BYTES,
    MAX_CHANGES_PAGE,
    MAX_EMAIL,
    MAX_EVENT_PAYLOAD_BYTES,
    MAX_FEE_TOTAL,
    MAX_FEEDBACK_BATCH,
    MAX_FEEDBACK_TEXT,
    MAX_ID_NUMBER,
    MAX_INT,
    MAX_LEASE_COUNT,
    MAX_LEASE_DAYS,
    MAX_NUMBER_PREFIX,
    MAX_OFFICE_LINE,
    MAX_OFFICE_PLACE,
    MAX_PAYLOAD_DEPTH,
    MAX_PERSON_NAME,
    MAX_PHONE,
    MAX_PROCEDURE_NAME,
    SHA256_RE,
)


class EncodedPayload(dict[str, Any]):
    """An event's payload together with its JSON (pydantic-core's compact UTF-8), made when its
    size was checked; the server stores that text rather than encoding the payload again."""

    __slots__ = ("json",)

    json: bytes


def forbidden_char(text: str) -> str | None:
    """The first character of ``text`` that no field may hold, as ``U+XXXX``; None if clean."""
    found = FORBIDDEN_CHARS_RE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check_text(text: str) -> str:
    """A pydantic validator: the error's type ``forbidden_character`` lets the counter say it in
    Vietnamese, naming the field."""
    bad = forbidden_char(text)
    if bad is not None:
        raise PydanticCustomError(
            "forbidden_character",
            "control, bidirectional or invisible character {char} not allowed",
            {"char": bad},
        )
    return text


def _check_tree(v: Any, depth: int = 0) -> None:
    """Every key and string of a payload is clean text, and it nests no deeper than needed."""
    if depth > MAX_PAYLOAD_DEPTH:
        raise PydanticCustomError(
            "payload_too_deep", "event payload nested deeper than {depth}", {"depth": depth - 1}
        )
    if isinstance(v, str):
        check_text(v)
    elif isinstance(v, dict):
        for k, item in v.items():
            check_text(k)
            _check_tree(item, depth + 1)
    elif isinstance(v, list):
        for item in v:
            _check_tree(item, depth + 1)


def _checked_payload(v: dict[str, Any]) -> dict[str, Any]:
    """A payload within the size limit, of clean text, nested no deeper than needed.

    Its JSON is looked at first, in C: pydantic-core writes C0 controls escaped (``\\u0000``,
    ``\\b``, ``\\f``; tab and line breaks, which stay allowed, as ``\\t \\n \\r``) and every other
    forbidden character as itself, and a payload with few brackets cannot be deep. Only one that
    looks suspect (a literal backslash may look so) is walked string by string, and the walk
    decides: a pushed batch holds hundreds of payloads."""
    payload = _payload_size(v)
    text = payload.json.decode("utf-8")
    if (
        "\\u" in text
        or "\\b" in text
        or "\\f" in text
        or text.count("{") + text.count("[") > MAX_PAYLOAD_DEPTH
        or FORBIDDEN_CHARS_RE.search(text)
    ):
        _check_tree(v)
    return payload


def _payload_size(v: dict[str, Any]) -> EncodedPayload:
    encoded = to_json(v)
    if len(encoded) > MAX_EVENT_PAYLOAD_BYTES:
        raise PydanticCustomError(
            "payload_too_large",
            "event payload larger than {limit} bytes",
            {"limit": MAX_EVENT_PAYLOAD_BYTES, "kib": MAX_EVENT_PAYLOAD_BYTES // 1024},
        )
    payload = EncodedPayload(v)
    payload.json = encoded
    return payload


# wall-clock time of the province, never with a zone; checked inside pydantic-core, not by a
# Python callback: a pushed batch holds thousands of these
LocalTime = NaiveDatetime
# what a counter pushes is held to the bounds; what the server sends back is read as stored
CheckedTime = Annotated[NaiveDatetime, Field(ge=EARLIEST_LOCAL_TIME, le=LATEST_LOCAL_TIME)]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_RE.pattern)]
Agency = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z.]{2,39}$")]
CounterCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{1,8}$")]
Username = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9._-]{2,59}$")]
SafeText = Annotated[str, AfterValidator(check_text)]
Text = Annotated[SafeText, StringConstraints(max_length=1000)]
Payload = Annotated[dict[str, Any], AfterValidator(_payload_size)]
CheckedPayload = Annotated[dict[str, Any], AfterValidator(_checked_payload)]


class Request(BaseModel):
    """What the client sends: strict, so the server refuses anything it does not understand."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(BaseModel):
    """What the server sends: strict types, unknown fields ignored for forward compatibility."""

    model_config = ConfigDict(extra="ignore", frozen=True)


# -- errors ---------------------------------------------------------------------------------------


class ErrorDetail(Answer):
    code: str = Field(max_length=60)
    message: str = Field(max_length=2000)


class ErrorBody(Answer):
    """Every 4xx/5xx answer of the server: a machine-readable code and a message."""

    error: ErrorDetail


# -- health and identity --------------------------------------------------------------------------


class Health(Answer):
    status: Literal["ok"]
    protocol: int
    server_time: datetime


class TokenGrant(Answer):
    token: str = Field(min_length=20, max_length=200)
    expires_at: datetime


class SeqRange(Answer):
    start: int = Field(ge=1)
    end: int = Field(ge=1)


class EnrollRequest(Request):
    """An IT officer (a server account with the admin role) binds a counter to the server."""

    username: Username
    password: str = Field(min_length=1, max_length=200)
    agency: Agency
    counter: CounterCode
    install_id: UUID
    public_key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    code_template: str = Field(min_length=10, max_length=80)


class EnrollResponse(Answer):
    counter_id: int
    key_id: str
    token: TokenGrant
    emergency: SeqRange | None


class DeviceAuthRequest(Request):
    """A counter proves it holds its enrolled Ed25519 key: no password needed to sync."""

    agency: Agency
    counter: CounterCode
    key_id: str = Field(pattern=r"^[A-Z2-7]{8}$")
    timestamp: datetime
    nonce: str = Field(pattern=r"^[0-9a-f]{32}$")
    signature: str = Field(pattern=r"^[0-9a-f]{128}$")

    def message(self) -> bytes:
        return auth_message(self.agency, self.counter, self.key_id, self.timestamp, self.nonce)


def auth_message(agency: str, counter: str, key_id: str, timestamp: datetime, nonce: str) -> bytes:
    return AUTH_MESSAGE.format(
        agency=agency,
        counter=counter,
        key_id=key_id,
        timestamp=timestamp.isoformat(),
        nonce=nonce,
    ).encode("ascii")


class LoginRequest(Request):
    username: Username
    password: str = Field(min_length=1, max_length=200)


class OfficerRecord(Answer):
    username: Username
    full_name: str = Field(min_length=1, max_length=120)
    roles: list[Literal["reception", "returns", "supervisor", "admin"]] = Field(max_length=4)
    active: bool
    must_change_password: bool
    verifier: str | None = Field(default=None, max_length=300)


class LoginResponse(Answer):
    token: TokenGrant
    officer: OfficerRecord


class PasswordChangeRequest(Request):
    old_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


# -- events ---------------------------------------------------------------------------------------


class DossierSummary(Request):
    """The dossier after the event, as the server indexes it (codes, statuses, reports and the
    national portal's DongBoHoSoMC export)."""

    code: str | None = Field(default=None, max_length=60)
    provisional: bool = False
    status: int = Field(ge=1, le=10)
    procedure: str = Field(min_length=3, max_length=40)
    procedure_name: str = Field(min_length=1, max_length=1000)
    channel: int = Field(default=1, ge=1, le=3)
    received_at: LocalTime | None = None
    due_at: LocalTime | None = None
    finished_at: LocalTime | None = None
    returned_at: LocalTime | None = None
    applicant_name: str = Field(min_length=1, max_length=200)
    applicant_id: str = Field(min_length=1, max_length=20)
    applicant_phone: str | None = Field(default=None, max_length=20)
    applicant_address: str | None = Field(default=None, max_length=500)
    applicant_email: str | None = Field(default=None, max_length=200)
    fee_total: int = Field(default=0, ge=0)


class PushedSummary(DossierSummary):
    """The summary as a counter pushes it, held to the shared limits: clean text, bounded times
    and numbers. (The feed reads summaries back as the server stored them, with
    :class:`DossierSummary`, so rows stored before these checks cannot stall a pull.)"""

    code: SafeText | None = Field(default=None, max_length=60)
    procedure: SafeText = Field(min_length=3, max_length=40)
    procedure_name: SafeText = Field(min_length=1, max_length=MAX_PROCEDURE_NAME)
    received_at: CheckedTime | None = None
    due_at: CheckedTime | None = None
    finished_at: CheckedTime | None = None
    returned_at: CheckedTime | None = None
    applicant_name: SafeText = Field(min_length=1, max_length=MAX_PERSON_NAME)
    applicant_id: SafeText = Field(min_length=1, max_length=MAX_ID_NUMBER)
    applicant_phone: SafeText | None = Field(default=None, max_length=MAX_PHONE)
    applicant_address: SafeText | None = Field(default=None, max_length=MAX_ADDRESS)
    applicant_email: SafeText | None = Field(default=None, max_length=MAX_EMAIL)
    fee_total: int = Field(default=0, ge=0, le=MAX_FEE_TOTAL)


class WireEvent(Request):
    id: UUID
    dossier_id: UUID
    type: str = Field(pattern=r"^[a-z_]{3,40}$")
    seq: int = Field(ge=1, le=MAX_INT)
    occurred_at: CheckedTime
    officer: SafeText = Field(min_length=1, max_length=60)
    payload: CheckedPayload
    blobs: list[Sha256] = Field(default_factory=list, max_length=50)
    after: PushedSummary

    @model_validator(mode="after")
    def _not_backdated_too_far(self) -> WireEvent:
        received = self.after.received_at
        if received is not None and (self.occurred_at - received).days > MAX_BACKDATE_DAYS:
            raise PydanticCustomError(
                "backdated_too_far",
                "received_at more than {days} days before the event that records it",
                {"days": MAX_BACKDATE_DAYS},
            )
        return self


class PushRequest(Request):
    events: list[WireEvent] = Field(min_length=1, max_length=MAX_BATCH_EVENTS)

    @field_validator("events")
    @classmethod
    def _unique_ids(cls, v: list[WireEvent]) -> list[WireEvent]:
        if len({e.id for e in v}) != len(v):
            raise ValueError("the same event id twice in one batch")
        return v


Outcome = Literal["applied", "duplicate", "rejected"]
REJECTION_CODES = frozenset(
    {
        "unknown_dossier",  # an event for a dossier the server never saw created
        "wrong_agency",  # the dossier belongs to another agency
        "code_conflict",  # the code is already another dossier's, or a real code would change
        "missing_blob",  # an attachment the event references was not uploaded
        "id_conflict",  # the event id is already used by a different event
        "invalid_event",  # the summary contradicts itself or the dossier
        "bad_code",  # not a code of the pushing counter's agency, template and reception day
        "code_not_leased",  # a number not leased to the pushing counter nor its emergency range
        "unknown_event",  # an event type no counter writes
        "not_permitted",  # an event type only the server writes
        "not_owner",  # only the receiving counter may append this, or change what it changes
        "bad_transition",  # the national status machine does not allow it from that status
        "not_claimed",  # an online dossier's check by a counter that does not hold its claim
    }
)


class EventResult(Answer):
    id: UUID
    outcome: Outcome
    code: str | None = None
    message: str | None = None


class PushResponse(Answer):
    results: list[EventResult]


# -- the change feed ------------------------------------------------------------------------------


class FeedEvent(Answer):
    """An event the counter did not write itself: a department's progress (origin ``server``),
    a code the server assigned, or another counter's event in the same agency."""

    id: UUID
    dossier_id: UUID
    type: str = Field(pattern=r"^[a-z_]{3,40}$")
    occurred_at: LocalTime
    officer: str = Field(max_length=60)
    counter: str = Field(max_length=8)
    origin: Literal["server", "counter"]
    payload: Payload
    after: DossierSummary


class EventChange(Answer):
    kind: Literal["event"]
    event: FeedEvent


class UnmatchedPaymentChange(Answer):
    """A bank transfer the server could not apply to a dossier of the agency (the code was
    found, the amount was not what is owed, or the dossier is closed): listed for the
    supervisor at the counters, never applied (issue 19 item 4)."""

    kind: Literal["unmatched_payment"]
    transaction_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    outcome: Literal["unmatched", "short"]
    reason: str = Field(pattern=r"^[a-z_]{1,20}$")
    amount: int = Field(ge=1, le=MAX_FEE_TOTAL)
    outstanding: int | None = Field(default=None, ge=0, le=MAX_FEE_TOTAL)
    code: str = Field(min_length=1, max_length=60)
    dossier_id: UUID
    paid_at: LocalTime


class FeedbackRecord(Answer):
    """One entry of the feedback register (phản ánh, kiến nghị; issue 20), as another counter of
    the agency pulls it. Feedback is its own thing, not a dossier's event: it may name a dossier
    of the agency, or none. Each entry is a fact appended once: ``received`` creates the item
    (its channel, who sent it, the text), then ``progress`` updates, one ``answered`` and one
    ``published`` (QĐ 84/2025 Quảng Ninh Điều 17.3.b, 18)."""

    id: UUID  # the entry's
    feedback_id: UUID  # the item's: the id of its ``received`` entry's item
    kind: Literal["received", "progress", "answered", "published"]
    at: LocalTime  # when it happened (for ``received``: when the feedback reached the agency)
    officer: str = Field(min_length=1, max_length=60)
    text: str | None = Field(default=None, max_length=MAX_FEEDBACK_TEXT)
    channel: Literal["counter", "phone", "letter", "email", "fax"] | None = None
    from_name: str | None = Field(default=None, max_length=MAX_PERSON_NAME)
    phone: str | None = Field(default=None, max_length=MAX_PHONE)
    dossier_id: UUID | None = None
    dossier_code: str | None = Field(default=None, max_length=60)


class FeedbackEntry(FeedbackRecord):
    """An entry as a counter pushes it (``POST /feedback``): strict, clean text, bounded times;
    what only a ``received`` entry carries is refused on the others."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: CheckedTime
    officer: SafeText = Field(min_length=1, max_length=60)
    text: SafeText | None = Field(default=None, min_length=1, max_length=MAX_FEEDBACK_TEXT)
    from_name: SafeText | None = Field(default=None, min_length=1, max_length=MAX_PERSON_NAME)
    phone: SafeText | None = Field(default=None, max_length=MAX_PHONE)
    dossier_code: SafeText | None = Field(default=None, max_length=60)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> FeedbackEntry:
        received = self.kind == "received"
        if received and (self.channel is None or self.from_name is None):
            raise PydanticCustomError(
                "feedback_incomplete", "a received entry names its channel and sender", {}
            )
        extra = (self.channel, self.from_name, self.phone, self.dossier_id, self.dossier_code)
        if not received and any(v is not None for v in extra):
            raise PydanticCustomError(
                "feedback_extra", "only a received entry carries the sender and dossier", {}
            )
        if self.kind != "published" and self.text is None:
            raise PydanticCustomError("feedback_no_text", "this entry needs its text", {})
        return self


class FeedbackPush(Request):
    entries: list[FeedbackEntry] = Field(min_length=1, max_length=MAX_FEEDBACK_BATCH)

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, v: list[FeedbackEntry]) -> list[FeedbackEntry]:
        if len({e.id for e in v}) != len(v):
            raise ValueError("the same entry id twice in one batch")
        return v


# the server's answer to a feedback push is a :class:`PushResponse`: one result per entry,
# applied, duplicate (the same entry again) or rejected with one of these codes
FEEDBACK_REJECTION_CODES = frozenset(
    {
        "id_conflict",  # the entry id, or the item's id, is already used by something else
        "unknown_feedback",  # an update, answer or publication of an item the agency lacks
        "unknown_dossier",  # the dossier it names is not one of the agency's
        "bad_transition",  # answered twice, an update after the answer, publishing no answer
    }
)


class FeedbackChange(Answer):
    """Feedback entered at another counter of the agency (the supervisor's statistics count
    every counter's)."""

    kind: Literal["feedback"]
    counter: str = Field(max_length=8)
    entry: FeedbackRecord


class LeaseChange(Answer):
    kind: Literal["lease"]
    day: date
    start: int = Field(ge=1)
    end: int = Field(ge=1)


class EmergencyChange(Answer):
    kind: Literal["emergency"]
    start: int = Field(ge=1)
    end: int = Field(ge=1)


class CalendarChange(Answer):
    kind: Literal["calendar"]
    day: date
    working: bool | None  # None: the announcement was withdrawn
    note: str = Field(default="", max_length=500)


class CatalogChange(Answer):
    kind: Literal["catalog"]
    version: str = Field(min_length=1, max_length=60)
    body: dict[str, Any]  # the app validates it as its catalog


class OfficerChange(Answer):
    kind: Literal["officer"]
    officer: OfficerRecord


class CounterKeyChange(Answer):
    kind: Literal["counter_key"]
    agency: Agency
    counter: CounterCode
    key_id: str = Field(pattern=r"^[A-Z2-7]{8}$")
    public_key: str = Field(pattern=r"^[0-9a-f]{64}$")
    revoked: bool = False


class ClaimChange(Answer):
    """Which counter holds the claim to check an online dossier (None: released)."""

    kind: Literal["claim"]
    dossier_id: UUID
    counter: str | None = Field(default=None, max_length=8)
    officer: str = Field(default="", max_length=60)
    at: LocalTime


class StatsChange(Answer):
    kind: Literal["stats"]
    taken_at: datetime
    body: dict[str, Any]  # the centre's statistics snapshot, app-defined


class PayeeChange(Answer):
    """The agency's receiving account for fees (VietQR on receipts). Only bounded here, not
    checked, so an entry the counter's VietQR rules refuse never makes a page of the feed
    unreadable: the counter checks it and records a conflict for one it cannot use."""

    kind: Literal["payee"]
    bank_bin: str = Field(max_length=40)
    account: str = Field(max_length=60)
    name: str = Field(max_length=300)


class OfficeChange(Answer):
    """The agency's office as its forms print it (issue 21): heading lines, the place of the
    date line, the number prefix; ``set_at`` is when the province's administrator set it
    (province time), so the counter keeps whichever of its own and this is later. Only bounded
    here, not checked: the counter checks it and records a conflict for one it cannot use."""

    kind: Literal["office"]
    authority: str = Field(max_length=MAX_OFFICE_LINE)
    name: str = Field(max_length=MAX_OFFICE_LINE)
    place: str = Field(max_length=MAX_OFFICE_PLACE)
    number_prefix: str = Field(default="", max_length=MAX_NUMBER_PREFIX)
    set_at: LocalTime


Change = Annotated[
    EventChange
    | UnmatchedPaymentChange
    | LeaseChange
    | EmergencyChange
    | CalendarChange
    | CatalogChange
    | OfficerChange
    | CounterKeyChange
    | StatsChange
    | ClaimChange
    | PayeeChange
    | OfficeChange
    | FeedbackChange,
    Field(discriminator="kind"),
]


CHANGE_KINDS = frozenset(
    {
        "event",
        "unmatched_payment",
        "lease",
        "emergency",
        "calendar",
        "catalog",
        "officer",
        "counter_key",
        "stats",
        "claim",
        "payee",
        "office",
        "feedback",
    }
)


class ChangesResponse(Answer):
    items: list[Change] = Field(max_length=MAX_CHANGES_PAGE)
    cursor: str = Field(pattern=CURSOR_RE.pattern)
    more: bool

    @field_validator("items", mode="before")
    @classmethod
    def _known_kinds(cls, v: Any) -> Any:
        """A kind of change this counter does not know yet (a newer server: the province
        upgrades its server before its hundreds of counters) is passed over, as unknown
        fields are, instead of making the whole page unreadable and the feed stall."""
        if isinstance(v, list):
            return [i for i in v if not isinstance(i, dict) or i.get("kind") in CHANGE_KINDS]
        return v


# -- code leases ----------------------------------------------------------------------------------


class LeaseAsk(Request):
    day: date
    count: int = Field(ge=1, le=MAX_LEASE_COUNT)


class LeaseRequest(Request):
    asks: list[LeaseAsk] = Field(min_length=1, max_length=MAX_LEASE_DAYS)


class LeaseBlock(Answer):
    day: date
    start: int = Field(ge=1)
    end: int = Field(ge=1)


class LeaseResponse(Answer):
    blocks: list[LeaseBlock]
    emergency: SeqRange | None = None


# -- online dossiers: the claim to check one (issue 18) -------------------------------------------


class ClaimRequest(Request):
    """A counter asks to be the one that checks an online dossier; ``release`` gives it back."""

    dossier_id: UUID
    officer: Username
    release: bool = False


class ClaimAnswer(Answer):
    dossier_id: UUID
    counter: str | None = Field(default=None, max_length=8)  # None: released
    officer: str = Field(default="", max_length=60)
    at: LocalTime


# -- attachments ----------------------------------------------------------------------------------


class BlobStatus(Answer):
    sha256: Sha256
    size: int | None = Field(default=None, ge=0, le=MAX_BLOB_BYTES)
    received: int = Field(ge=0)
    complete: bool


# -- reconciliation -------------------------------------------------------------------------------


class DayDigest(Answer):
    day: date
    count: int = Field(ge=0)
    digest: str = Field(pattern=r"^[0-9a-f]{16}$")
    # the day's dossiers' content (content_digest); None from a server that does not send it
    content: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$")


class ReconcileResponse(Answer):
    days: list[DayDigest]


def day_digest(codes: Iterable[str]) -> str:
    """Both sides hash the sorted dossier codes of a day the same way."""
    joined = "\n".join(sorted(codes)).encode("utf-8")
    return hashlib.sha256(joined).hexdigest()[:16]


def dossier_line(
    code: str,
    status: int,
    procedure: str,
    applicant_name: str,
    applicant_id: str,
    received_at: datetime,
) -> str:
    """What reconciliation compares of one dossier besides its code: what the receiving counter
    filed and where the dossier stands, so a dossier changed behind its counter's back is seen."""
    when = received_at.replace(microsecond=0).isoformat()
    return to_json([code, status, procedure, applicant_name, applicant_id, when]).decode()


def content_digest(lines: Iterable[str]) -> str:
    """Both sides hash the sorted ``dossier_line`` of a day's dossiers the same way."""
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:16]


DossierFacts = tuple[datetime | None, str | None, int, str, str, str]


def day_digests(rows: Iterable[DossierFacts]) -> list[DayDigest]:
    """Each day's count, code hash and content hash, from (received_at, code, status, procedure,
    applicant name, applicant id) rows; dossiers without a code or reception time are left out.
    One function for counter and server, so both sides hash exactly the same lines."""
    by_day: dict[date, list[tuple[str, str]]] = {}
    for received, code, status, procedure, name, id_number in rows:
        if received is not None and code is not None:
            line = dossier_line(code, status, procedure, name, id_number, received)
            by_day.setdefault(received.date(), []).append((code, line))
    return [
        DayDigest(
            day=d,
            count=len(items),
            digest=day_digest(c for c, _line in items),
            content=content_digest(line for _c, line in items),
        )
        for d, items in sorted(by_day.items())
    ]


def key_id_of(public_raw: bytes) -> str:
    """A counter key's id, as printed in receipt QR codes: RFC 4648 base32 (no padding) of
    the first 5 bytes of the raw Ed25519 public key's SHA-256."""
    return base64.b32encode(hashlib.sha256(public_raw).digest()[:5]).decode("ascii").rstrip("=")


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def dump(model: BaseModel) -> bytes:
    return model.model_dump_json(exclude_none=False).encode("utf-8")


# -- the audit log's anchor -----------------------------------------------------------------------


class AuditHead(Request):
    """The newest entry of a counter's audit log: its number and MAC (never its content). The
    server keeps the highest it saw, so entries cut off the end of the log are noticed."""

    seq: int = Field(ge=1, le=2**62)
    mac: Sha256
    # the counter's entry at the anchor it last had confirmed: the server raises its anchor
    # only for a chain that still holds that entry, so a cut-off-and-regrown log cannot
    # overtake it
    base_seq: int | None = Field(default=None, ge=1, le=2**62)
    base_mac: Sha256 | None = None


class AuditAnchor(Answer):
    """The highest head the server holds for the calling counter (seq 0: none yet)."""

    seq: int = Field(ge=0, le=2**62)
    mac: str = Field(pattern=r"^([0-9a-f]{64})?$")
