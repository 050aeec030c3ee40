"""Who may talk to the server: officer accounts (Argon2id), counter enrolment, device-key
sign-in for sync, bearer tokens.

A counter syncs as itself, proving it holds the Ed25519 key it was enrolled with, so the sync
worker never needs an officer's password and a lost token is replaced without anyone typing
(DESIGN.md §5: 401 → re-login). Officers still sign in online through an enrolled counter.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Executable, Join, Table, bindparam, delete, select
from sqlalchemy.orm import Session

from sync.protocol import DeviceAuthRequest, OfficerRecord

from .db import utc_now
from .models import (
    CounterControlRow,
    CounterKeyRow,
    CounterRow,
    NonceRow,
    OfficerAgencyRow,
    OfficerRow,
    SignInFailureRow,
    TokenRow,
)

COUNTER_TOKEN_TTL = timedelta(hours=12)
OFFICER_TOKEN_TTL = timedelta(hours=9)
CLOCK_SKEW = timedelta(minutes=5)
MAX_FAILURES = 5  # wrong passwords from one source before the account is locked there
# from all sources together: many counters guessing still lock the account province-wide
GLOBAL_MAX_FAILURES = 3 * MAX_FAILURES
LOCKOUT = timedelta(minutes=15)
EVERY_AGENCY = "*"  # an officer_agencies row for the provincial IT
ROLES = ("reception", "returns", "supervisor", "admin")
_hasher = PasswordHasher()


class Unauthorized(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Forbidden(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Caller:
    counter_id: int
    agency: str
    counter: str
    officer_id: int | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def issue_token(
    session: Session, kind: str, counter_id: int, officer_id: int | None = None
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    now = utc_now()
    expires = now + (COUNTER_TOKEN_TTL if kind == "counter" else OFFICER_TOKEN_TTL)
    session.add(
        TokenRow(
            token_hash=hash_token(token),
            kind=kind,
            counter_id=counter_id,
            officer_id=officer_id,
            expires_at=expires,
            created_at=now,
        )
    )
    # expired tokens are of no use to anyone; keep the table small
    session.execute(delete(TokenRow).where(TokenRow.expires_at < now - timedelta(days=1)))
    return token, expires


# a Core statement built once: every request of a sync passes through here, and an ORM select
# would be compiled through the ORM for each
_TOKENS = cast(Table, TokenRow.__table__)
_COUNTERS = cast(Table, CounterRow.__table__)
_CONTROLS = cast(Table, CounterControlRow.__table__)


def _with_counter(table: Table) -> Join:
    """``table`` with the row of the counter its ``counter_id`` names and the IT's decision
    about that counter (either may be missing)."""
    return table.outerjoin(_COUNTERS, _COUNTERS.c.id == table.c.counter_id).outerjoin(
        _CONTROLS, _CONTROLS.c.counter_id == table.c.counter_id
    )


_CALLER = (
    select(
        _TOKENS.c.kind,
        _TOKENS.c.expires_at,
        _TOKENS.c.officer_id,
        _COUNTERS.c.id,
        _COUNTERS.c.agency,
        _COUNTERS.c.counter,
        _CONTROLS.c.revoked_at,
    )
    .select_from(_with_counter(_TOKENS))
    .where(_TOKENS.c.token_hash == bindparam("token_hash"))
)


def caller_for(
    db: Session | Connection, authorization: str | None, kind: str = "counter"
) -> Caller:
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("unauthenticated", "Authorization: Bearer <token> required")
    row = db.execute(_CALLER, {"token_hash": hash_token(authorization[7:].strip())}).first()
    if row is None or row.kind != kind:
        raise Unauthorized("unauthenticated", "unknown token")
    if row.expires_at <= utc_now():
        raise Unauthorized("token_expired", "token expired; sign in again")
    if row.id is None:
        raise Unauthorized("unauthenticated", "counter no longer enrolled")
    # checked at every request, not only when the token expires: a revoked counter (stolen,
    # retired) is out at its next request (`motcua-server counter revoke`)
    if row.revoked_at is not None:
        raise Unauthorized("counter_revoked", "this counter was revoked by the provincial IT")
    return Caller(row.id, row.agency, row.counter, row.officer_id)


# -- officers ---------------------------------------------------------------------------------


def make_verifier(password: str) -> str:
    return _hasher.hash(password)


def officer_agencies(session: Session, officer_id: int) -> set[str]:
    return set(
        session.scalars(
            select(OfficerAgencyRow.agency).where(OfficerAgencyRow.officer_id == officer_id)
        )
    )


def allowed_at(session: Session, officer_id: int, agency: str) -> bool:
    """Whether the officer works for the agency (or for every agency of the province)."""
    return bool(officer_agencies(session, officer_id) & {agency, EVERY_AGENCY})


def check_password(
    session: Session, username: str, password: str, *, source: str, agency: str | None = None
) -> OfficerRow:
    """The officer when the password is right; counts failures and locks the account after
    five (Kiên Giang QĐ 921/QĐ-UBND Điều 19: own accounts, protected).

    ``source`` is where the attempt comes from (a counter, or a client address): five wrong
    passwords lock the account there only, so one counter cannot lock an officer out of every
    other; ``GLOBAL_MAX_FAILURES`` from all sources together lock it everywhere. ``agency``: the
    officer must work for it, or the account is as unknown as a wrong name (and nothing is
    counted: another agency's counter cannot lock this officer anywhere).

    The caller commits even when this raises: the failure count must be kept."""
    now = utc_now()
    officer = session.scalar(select(OfficerRow).where(OfficerRow.username == username))
    if officer is None or (agency is not None and not allowed_at(session, officer.id, agency)):
        _hasher.hash(password)  # same cost either way: no hint which usernames exist
        raise Unauthorized("bad_credentials", "wrong username or password")
    here = session.get(SignInFailureRow, (officer.id, source))
    here_until = here.locked_until if here is not None else None
    if any(u is not None and u > now for u in (officer.locked_until, here_until)):
        raise Unauthorized("locked", "account locked after repeated failures; try later")
    try:
        _hasher.verify(officer.verifier, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        if here is None:
            here = SignInFailureRow(officer_id=officer.id, source=source[:80], failures=0)
            session.add(here)
        here.failures += 1
        if here.failures >= MAX_FAILURES:
            here.locked_until = now + LOCKOUT
            here.failures = 0
        officer.failed_attempts += 1
        if officer.failed_attempts >= GLOBAL_MAX_FAILURES:
            officer.locked_until = now + LOCKOUT
            officer.failed_attempts = 0
        raise Unauthorized("bad_credentials", "wrong username or password") from None
    if here is not None:
        session.delete(here)
    officer.failed_attempts = 0
    officer.locked_until = None
    if not officer.active:
        # said only to whoever knows the password: the counter then blocks its own copy of the
        # account at once (Quảng Ninh QĐ 84/2025 Điều 12: accounts revoked centrally)
        raise Unauthorized("account_disabled", "this account is disabled")
    return officer


def officer_record(officer: OfficerRow, *, with_verifier: bool = True) -> OfficerRecord:
    return OfficerRecord(
        username=officer.username,
        full_name=officer.full_name,
        roles=[r for r in officer.roles.split(",") if r in ROLES],
        active=officer.active,
        must_change_password=officer.must_change_password,
        verifier=officer.verifier if with_verifier else None,
    )


# -- counters -------------------------------------------------------------------------------------


_KEYS = cast(Table, CounterKeyRow.__table__)
_NONCES = cast(Table, NonceRow.__table__)
# the key, its counter's current key and the IT's decision, in one query (Core, built once): a
# province's counters all sign in at once after an outage
_SIGNING_KEY = (
    select(
        _KEYS.c.counter_id,
        _KEYS.c.agency,
        _KEYS.c.counter,
        _KEYS.c.public_key,
        _KEYS.c.revoked_at,
        _CONTROLS.c.revoked_at.label("counter_revoked_at"),
        _COUNTERS.c.key_id.label("current_key"),
    )
    .select_from(_with_counter(_KEYS))
    .where(_KEYS.c.key_id == bindparam("key_id"))
)
_FORGET_NONCES = delete(_NONCES).where(_NONCES.c.seen_at < bindparam("before"))


@cache
def _note_nonce(dialect: str) -> Executable:
    """The nonce recorded unless it is there already (no row inserted: a replay), one statement
    on either database instead of a savepoint, an insert and its release."""
    from sqlalchemy.dialects import postgresql, sqlite

    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        make(_NONCES)
        .values(nonce=bindparam("nonce"), seen_at=bindparam("seen_at"))
        .on_conflict_do_nothing(index_elements=[_NONCES.c.nonce])
        # SQLAlchemy keeps an INSERT's row count only when asked (2.0.28)
        .execution_options(preserve_rowcount=True)
    )


def device_sign_in(session: Session, req: DeviceAuthRequest) -> int:
    """The counter (its id) whose enrolled key signed ``req``, its nonce recorded."""
    now = utc_now()
    ts = req.timestamp
    ts_utc = ts.astimezone(UTC).replace(tzinfo=None) if ts.tzinfo else ts
    if abs(ts_utc - now) > CLOCK_SKEW:
        raise Unauthorized("clock_skew", "the counter's clock is more than 5 minutes off")
    key = session.execute(_SIGNING_KEY, {"key_id": req.key_id}).first()
    if key is None or key.revoked_at is not None:
        raise Unauthorized("unknown_key", "this counter key is not enrolled")
    if key.counter_revoked_at is not None:
        raise Unauthorized("counter_revoked", "this counter was revoked by the provincial IT")
    if key.agency != req.agency or key.counter != req.counter:
        raise Unauthorized("unknown_key", "this key belongs to another counter")
    if key.current_key != req.key_id:  # None: the counter's row is gone
        raise Unauthorized("unknown_key", "this key was replaced by a newer enrolment")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(key.public_key)).verify(
            bytes.fromhex(req.signature), req.message()
        )
    except (InvalidSignature, ValueError):
        raise Unauthorized("bad_signature", "signature does not match the enrolled key") from None
    session.execute(_FORGET_NONCES, {"before": now - 2 * CLOCK_SKEW})
    # the row count, not RETURNING (SQLite 3.35), on the session's connection (an ORM-enabled
    # insert reports none)
    conn = session.connection()
    noted = conn.execute(_note_nonce(conn.dialect.name), {"nonce": req.nonce, "seen_at": now})
    if noted.rowcount != 1:
        raise Unauthorized("replay", "this sign-in was already used")
    return int(key.counter_id)
