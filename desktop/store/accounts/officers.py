"""Officer accounts: Argon2id verifiers, first-login password change, lockout, roles.

Kiên Giang QĐ 921/QĐ-UBND Điều 19: every officer has an own account and password, changes it at
first login and never shares it. The verifier kept here also allows login while offline.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.refusal import Refusal
from desktop.domain.roles import ALL_ROLES
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.db import Database
from desktop.store.models import Officer

ROLES = ALL_ROLES  # the role table's (desktop/domain/roles.py)
ROLE_LABELS_VI = {
    "reception": "Cán bộ tiếp nhận",
    "returns": "Cán bộ trả kết quả",
    "supervisor": "Lãnh đạo bộ phận",
    "admin": "Quản trị",
}
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
_USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,59}$")
_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters


class AuthError(Refusal):
    """Login refused; the message is safe to show to the officer (no hint which part failed)."""

    code = "auth_failed"


class AccountError(Refusal, ValueError):
    """An account that cannot be created as asked (name, roles); the message is for the
    administrator. A ValueError still, for the callers that catch one."""

    code = "account_invalid"


class PasswordChangeRequired(AuthError):
    code = "password_change_required"


class PermissionDenied(Refusal):
    code = "permission_denied"


@dataclass(frozen=True)
class OfficerInfo:
    username: str
    full_name: str
    roles: frozenset[str]


def check_password_policy(password: str, username: str) -> None:
    if len(password) < 8:
        raise AuthError("Mật khẩu phải có ít nhất 8 ký tự", code="password_too_short", min=8)
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise AuthError("Mật khẩu phải có cả chữ và số", code="password_too_simple")
    if username.lower() in password.lower():
        raise AuthError("Mật khẩu không được chứa tên đăng nhập", code="password_has_username")


def parse_roles(text: str) -> frozenset[str]:
    roles = frozenset(r.strip() for r in text.split(",") if r.strip())
    unknown = roles - set(ROLES)
    if not roles or unknown:
        raise AccountError(
            f"Vai trò không hợp lệ: {text!r} (chọn trong: {', '.join(ROLES)})",
            code="roles_invalid",
            roles=text,
        )
    return roles


def create_officer(
    session: Session,
    username: str,
    full_name: str,
    roles: frozenset[str],
    password: str,
    *,
    must_change: bool = True,
    by: str,
) -> None:
    """``by``: the officer (or set-up step) creating the account, for the audit log."""
    if not _USERNAME_RE.match(username):
        raise AccountError(
            f"Tên đăng nhập {username!r} không hợp lệ (chữ thường không dấu, số, . _ -; 3–60 ký tự)"
        )
    check_password_policy(password, username)
    if session.scalar(select(Officer).where(Officer.username == username)):
        raise AccountError(
            f"Tên đăng nhập {username!r} đã tồn tại", code="username_taken", user=username
        )
    session.add(
        Officer(
            username=username,
            full_name=full_name,
            roles=",".join(sorted(roles)),
            verifier=_hasher.hash(password),
            must_change_password=must_change,
            failed_attempts=0,
            active=True,
            created_at=local_now(),
        )
    )
    audit.record(session, by, "officer.created", username, {"roles": ",".join(sorted(roles))})


# not an Argon2id hash: no password verifies against it (an account the server took back)
BLOCKED_VERIFIER = "!blocked"


def verifies(officer: Officer, password: str) -> bool:
    return _verify(officer, password)


def _verify(officer: Officer, password: str) -> bool:
    try:
        return _hasher.verify(officer.verifier, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# Wrong names are counted too, in this process only and by a hash of the name, so a wrong
# password for a real account and any attempt at a name that does not exist get the same
# answer ("còn 3 lần thử"): the count must not tell a guesser which names exist.
_PHANTOMS: OrderedDict[bytes, tuple[int, datetime | None]] = OrderedDict()
_PHANTOMS_KEPT = 256


def _phantom_failure(username: str, now: datetime) -> AuthError:
    """The answer for a name with no account, counted as an account's failures are."""
    key = hashlib.sha256(username.encode()).digest()
    failures, until = _PHANTOMS.pop(key, (0, None))
    if until is not None and until <= now:
        failures, until = 0, None
    answer = _locked(until, now) if until is not None else None
    if until is None:
        failures += 1
        if failures >= MAX_FAILURES:
            failures, until = 0, now + LOCKOUT
    _PHANTOMS[key] = (failures, until)
    while len(_PHANTOMS) > _PHANTOMS_KEPT:
        _PHANTOMS.popitem(last=False)
    return answer or _wrong(failures, until is not None)


def _locked(until: datetime, now: datetime) -> AuthError:
    minutes = int((until - now).total_seconds() // 60) + 1
    return AuthError(
        f"Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút",
        code="account_locked",
        minutes=minutes,
    )


def _wrong(failures: int, locks: bool) -> AuthError:
    """The answer to a wrong name or password: how many tries are left, or that this one
    locked the account (issue 22: the officer could not tell)."""
    minutes = int(LOCKOUT.total_seconds() // 60)
    if locks:
        return AuthError(
            f"Tên đăng nhập hoặc mật khẩu không đúng; tài khoản tạm khóa {minutes} phút do "
            "nhập sai nhiều lần",
            code="login_refused_locks",
            minutes=minutes,
        )
    left = MAX_FAILURES - failures
    return AuthError(
        f"Tên đăng nhập hoặc mật khẩu không đúng; còn {left} lần thử trước khi tài khoản "
        f"tạm khóa {int(LOCKOUT.total_seconds() // 60)} phút",
        code="login_refused_tries",
        left=left,
        minutes=minutes,
    )


def authenticate(
    db: Database,
    username: str,
    password: str,
    *,
    allow_must_change: bool = False,
    now: datetime | None = None,
) -> OfficerInfo:
    """Check a password against the local verifier; failures count towards a lockout."""
    now = now or local_now()
    with db.write() as s:
        officer = s.scalar(select(Officer).where(Officer.username == username))
        if officer is None or not officer.active:
            _hasher.hash(password)  # take as long as a real check, not to reveal which names exist
            # what was typed as a name is not kept: it may be a password typed in the wrong box
            audit.record(s, "", "login.refused", "", {"known": False}, at=now)
            s.commit()
            raise _phantom_failure(username, now)
        if officer.locked_until and officer.locked_until > now:
            audit.record(s, officer.username, "login.refused", "", {"locked": True}, at=now)
            s.commit()
            raise _locked(officer.locked_until, now)
        if not _verify(officer, password):
            officer.failed_attempts += 1
            locks = officer.failed_attempts >= MAX_FAILURES
            if locks:
                officer.locked_until = now + LOCKOUT
                officer.failed_attempts = 0
            audit.record(s, officer.username, "login.refused", "", {"locks": locks}, at=now)
            s.commit()
            raise _wrong(officer.failed_attempts, locks)
        officer.failed_attempts = 0
        officer.locked_until = None
        if _hasher.check_needs_rehash(officer.verifier):
            officer.verifier = _hasher.hash(password)
        info = OfficerInfo(officer.username, officer.full_name, parse_roles(officer.roles))
        must_change = officer.must_change_password
        audit.record(s, officer.username, "login", "", at=now)
    if must_change and not allow_must_change:
        raise PasswordChangeRequired(
            f"Tài khoản {username} phải đổi mật khẩu ở lần đăng nhập đầu tiên", user=username
        )
    return info


def change_password(db: Database, username: str, old: str, new: str) -> None:
    authenticate(db, username, old, allow_must_change=True)
    check_password_policy(new, username)
    if new == old:
        raise AuthError("Mật khẩu mới phải khác mật khẩu cũ", code="password_unchanged")
    with db.write() as s:
        officer = s.scalar(select(Officer).where(Officer.username == username))
        assert officer is not None
        officer.verifier = _hasher.hash(new)
        officer.must_change_password = False
        officer.password_changed_at = local_now()
        audit.record(s, username, "password.changed", username)
