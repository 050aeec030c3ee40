"""Signing an officer in: online against the provincial server when it answers, else offline
against the Argon2id verifier kept here (DESIGN.md §9).

A successful online sign-in refreshes the local account (name, roles, active, verifier), so the
same password works offline afterwards, and keeps the officer's session token in the OS keyring.
A server that cannot be reached (network error, time-out, 5xx) never blocks the counter: it falls
back to the local check. A server that answers is believed (issue 17): "wrong password",
"disabled" or "locked" refuse the sign-in, and a local copy of the account that still accepts a
password the server refused, or of an account the server disabled, is blocked at once, so it
does not work offline either. Only the counter's own accounts (made here, never sent by the
server, such as its administrator from init) are checked here when the server does not know them.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from keyring.errors import KeyringError
from sqlalchemy import select

from desktop.store.accounts import audit
from desktop.store.accounts.keyring_guard import KeyStoreError, secure_keyring
from desktop.store.accounts.officers import (
    BLOCKED_VERIFIER,
    AuthError,
    OfficerInfo,
    authenticate,
    change_password,
    parse_roles,
    verifies,
)
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.models import Officer
from desktop.store.sync.device_keys import SERVICE
from desktop.store.sync.local import DeviceCredentials
from desktop.store.sync.server_link import CaBundleError, open_client
from sync.client import Refused
from sync.connectivity import Unreachable
from sync.protocol import LoginRequest, OfficerRecord, PasswordChangeRequest


@dataclass(frozen=True)
class SignIn:
    officer: OfficerInfo
    online: bool  # False: checked against the local verifier (server unreachable or absent)
    must_change: bool = False  # the password must be changed before any work (Điều 19)


def _token_account(ctx: CounterContext, username: str) -> str:
    return f"officer-token/{ctx.agency}/{ctx.counter}/{username}"


def sign_in(
    db: Database,
    ctx: CounterContext,
    username: str,
    password: str,
    *,
    allow_must_change: bool = False,
    timeout: float = 5.0,
) -> SignIn:
    if ctx.server_url is None:
        return SignIn(
            authenticate(db, username, password, allow_must_change=allow_must_change), False
        )
    try:
        with open_client(
            ctx.data_dir, ctx.server_url, DeviceCredentials(db, ctx), timeout=timeout
        ) as client:
            answer = client.login(LoginRequest(username=username, password=password))
    except (Unreachable, CaBundleError):  # a broken CA bundle must not keep officers out
        return SignIn(
            authenticate(db, username, password, allow_must_change=allow_must_change), False
        )
    except Refused as exc:
        if exc.code == "locked":
            raise AuthError(
                "Tài khoản tạm khóa do nhập sai nhiều lần", code="account_locked_on_server"
            ) from None
        if exc.code == "account_disabled":
            _block(db, username)
            raise AuthError(
                "Tài khoản đã bị vô hiệu hóa trên máy chủ tỉnh", code="account_disabled"
            ) from None
        if exc.code == "bad_credentials":
            if _own_account(db, username):
                # an account of this counter only: the local check decides, with its own
                # failure count and lockout
                info = authenticate(db, username, password, allow_must_change=allow_must_change)
                return SignIn(info, False)
            _forget_refused_password(db, username, password)
            raise AuthError(
                "Tên đăng nhập hoặc mật khẩu không đúng", code="login_refused"
            ) from None
        raise AuthError(
            f"Máy chủ tỉnh không cho đăng nhập: {exc.message}",
            code="server_login_refused",
            detail=exc.message,
        ) from None
    _remember(db, answer.officer)
    _keep_token(ctx, username, answer.token.token, answer.token.expires_at)
    # the local verifier now matches the server's; the local check applies the first-login
    # rule and the roles exactly as offline
    info = authenticate(db, username, password, allow_must_change=allow_must_change)
    return SignIn(info, True)


def _own_account(db: Database, username: str) -> bool:
    """An account made at this counter and never sent by the server."""
    with db.read() as s:
        row = s.scalar(select(Officer).where(Officer.username == username))
        return row is not None and not row.from_server


def _block(db: Database, username: str) -> None:
    with db.write() as s:
        row = s.scalar(select(Officer).where(Officer.username == username))
        if row is not None:
            row.active = False
            row.from_server = True
            audit.record(s, "he-thong", "officer.blocked", username, {"by": "server"})


def _forget_refused_password(db: Database, username: str, password: str) -> None:
    """The server refused this password: if the local copy still accepts it (changed or
    withdrawn elsewhere), that copy is stale and must not let it in offline."""
    with db.write() as s:
        row = s.scalar(select(Officer).where(Officer.username == username))
        if row is None or not verifies(row, password):
            return
        row.verifier = BLOCKED_VERIFIER
        audit.record(s, "he-thong", "officer.blocked", username, {"by": "server"})


def _remember(db: Database, rec: OfficerRecord) -> None:
    with db.write() as s:
        row = s.scalar(select(Officer).where(Officer.username == rec.username))
        if row is None:
            if not rec.verifier:
                return
            row = Officer(username=rec.username, failed_attempts=0, created_at=local_now())
            s.add(row)
        row.full_name = rec.full_name
        row.roles = ",".join(sorted(parse_roles(",".join(rec.roles))))
        row.active = rec.active
        row.must_change_password = rec.must_change_password
        if rec.verifier:
            row.verifier = rec.verifier
        row.failed_attempts = 0
        row.locked_until = None
        row.from_server = True


def _keep_token(ctx: CounterContext, username: str, token: str, expires: datetime) -> None:
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    value = json.dumps({"token": token, "expires_at": expires.isoformat()})
    # the token only spares a second sign-in; the counter works without it
    with contextlib.suppress(KeyringError, KeyStoreError):
        secure_keyring().set_password(SERVICE, _token_account(ctx, username), value)


def officer_token(ctx: CounterContext, username: str) -> str | None:
    try:
        raw = secure_keyring().get_password(SERVICE, _token_account(ctx, username))
        data = json.loads(raw) if raw else None
        if not data or datetime.fromisoformat(data["expires_at"]) <= datetime.now(UTC):
            return None
        return str(data["token"])
    except (KeyringError, KeyStoreError, ValueError, KeyError, TypeError):
        return None


def change_password_everywhere(
    db: Database, ctx: CounterContext, username: str, old: str, new: str
) -> bool:
    """Change the password locally and, when the server answers, there too (Kiên Giang
    QĐ 921/QĐ-UBND Điều 19: own password, changed at first login). True when the server has it."""
    token = officer_token(ctx, username)
    changed_online = False
    if ctx.server_url is not None and token is not None:
        try:
            with open_client(ctx.data_dir, ctx.server_url) as client:
                client.change_password(
                    token, PasswordChangeRequest(old_password=old, new_password=new)
                )
            changed_online = True
        except (Unreachable, CaBundleError):
            changed_online = False
        except Refused as exc:
            raise AuthError(
                f"Máy chủ tỉnh không đổi được mật khẩu: {exc.message}",
                code="server_password_refused",
                detail=exc.message,
            ) from None
    change_password(db, username, old, new)
    return changed_online
