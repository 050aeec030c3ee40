"""The audit log of officer actions: who did what, when (DESIGN.md §9).

Entries form a chain: each one carries the MAC of the one before, and its own MAC is an
HMAC-SHA256 under a key that lives only in the OS keyring, so someone who edits the database
cannot forge a MAC, and a removed or changed entry breaks the chain. Removing the *last*
entries leaves a shorter chain that is still whole; that is why the head is anchored at the
provincial server on every sync cycle (the server keeps the highest one it saw) and the last
anchor the server confirmed is kept here too.

An entry is written in the same transaction as the action it records: an action that
committed always has its entry. Entries never hold personal data (names, ID numbers, phones):
a dossier appears by its code or id, a look-up by the kind of query and the number of hits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from keyring.errors import KeyringError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.accounts.keyring_guard import KeyStoreError, secure_keyring
from desktop.store.clock import local_now
from desktop.store.models import AuditAnchor, AuditEntry, CounterIdentity
from desktop.store.sync.device_keys import SERVICE

GENESIS = "0" * 64
KEY_REPLACED = "audit.key_replaced"
Detail = Mapping[str, str | int | bool | None]

_keys: dict[str, bytes] = {}
_keys_lock = threading.Lock()


def _key_account(ident: CounterIdentity) -> str:
    return f"audit-key/{ident.agency}/{ident.counter}/{ident.install_id}"


def _read_key(account: str) -> bytes | None:
    with _keys_lock:
        if account in _keys:
            return _keys[account]
    try:
        raw = secure_keyring().get_password(SERVICE, account)
    except KeyringError as exc:
        raise KeyStoreError(
            f"Không đọc được khóa nhật ký từ kho khóa của hệ điều hành: {type(exc).__name__}"
        ) from None
    if not raw:
        return None
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError:
        return None
    if len(key) != 32:
        return None
    with _keys_lock:
        _keys[account] = key
    return key


def _new_key(account: str) -> bytes:
    key = secrets.token_bytes(32)
    try:
        secure_keyring().set_password(SERVICE, account, base64.b64encode(key).decode("ascii"))
    except KeyringError as exc:
        raise KeyStoreError(
            "Không lưu được khóa nhật ký vào kho khóa của hệ điều hành (keyring): "
            f"{type(exc).__name__}. Trên Linux cần dịch vụ Secret Service (GNOME Keyring)."
        ) from None
    with _keys_lock:
        _keys[account] = key
    return key


def _identity(session: Session) -> CounterIdentity:
    ident: CounterIdentity | None = session.scalar(select(CounterIdentity))
    if ident is None or not ident.install_id:
        raise KeyStoreError("Quầy chưa được khởi tạo")
    return ident


def ensure_audit_key(session: Session) -> None:
    """Create the counter's audit key if the keyring has none (at ``init``; or the first time
    an older database records an action)."""
    account = _key_account(_identity(session))
    if _read_key(account) is None:
        _new_key(account)


def canonical(
    seq: int, at: datetime, officer: str, action: str, target: str, detail: Detail, prev: str
) -> bytes:
    body = [seq, at.isoformat(timespec="microseconds"), officer, action, target, dict(detail), prev]
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _mac(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _check_detail(detail: Detail) -> dict[str, str | int | bool | None]:
    clean: dict[str, str | int | bool | None] = {}
    for k, v in detail.items():
        # floats would not survive a JSON round trip bit for bit, and nested values invite
        # personal data; both are refused here rather than breaking verification later
        if not isinstance(v, str | int | bool) and v is not None:
            raise TypeError(f"audit detail {k!r} must be str, int, bool or None")
        clean[str(k)] = v
    return clean


def record(
    session: Session,
    officer: str,
    action: str,
    target: str = "",
    detail: Detail | None = None,
    *,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (which must hold the write lock)."""
    account = _key_account(_identity(session))
    key = _read_key(account)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if key is None:
        key = _new_key(account)
        if last is not None:
            # the keyring lost the key: carry on with a new one, and say so in the chain itself
            # (verification then reports every entry before this one as unverifiable)
            _append(session, key, last, officer, KEY_REPLACED, "", {}, at)
            last = session.execute(
                select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
            ).first()
    return _append(session, key, last, officer, action, target, detail or {}, at)


def _append(
    session: Session,
    key: bytes,
    last: Any,
    officer: str,
    action: str,
    target: str,
    detail: Detail,
    at: datetime | None,
) -> AuditEntry:
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.mac
    when = at or local_now()
    clean = _check_detail(detail)
    mac = _mac(key, canonical(seq, when, officer, action, target, clean, prev))
    entry = AuditEntry(
        seq=seq,
        at=when,
        officer=officer,
        action=action,
        target=target,
        detail=clean,
        prev=prev,
        mac=mac,
    )
    session.add(entry)
    session.flush()
    return entry


# -- the head and its anchor ------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str


def head(session: Session) -> Head | None:
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return None if row is None else Head(row.seq, row.mac)


def mac_at(session: Session, seq: int) -> str | None:
    return session.scalar(select(AuditEntry.mac).where(AuditEntry.seq == seq))


def anchored(session: Session) -> Head | None:
    row = session.get(AuditAnchor, 1)
    return None if row is None else Head(row.seq, row.mac)


def save_anchor(session: Session, confirmed: Head, at: datetime | None = None) -> None:
    """The server confirmed it holds ``confirmed`` (its highest anchor for this counter)."""
    row = session.get(AuditAnchor, 1)
    if row is None:
        row = AuditAnchor(id=1, seq=confirmed.seq, mac=confirmed.mac, anchored_at=local_now())
        session.add(row)
    row.seq, row.mac, row.anchored_at = confirmed.seq, confirmed.mac, at or local_now()


# -- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    seq: int
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "message": self.message}


@dataclass(frozen=True)
class Verdict:
    entries: int
    first: int | None
    last: int | None
    anchor: Head | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first": self.first,
            "last": self.last,
            "anchor": None if self.anchor is None else {"seq": self.anchor.seq},
            "problems": [p.as_json() for p in self.problems],
        }


def verify(session: Session, *, server_anchor: Head | None = None, chunk: int = 5000) -> Verdict:
    """Walk the whole chain. Any edited entry (its MAC no longer matches), removed entry (a gap
    in the numbers, or a broken link) or removed tail (shorter than an anchor, or a different
    entry where the anchor points) is a problem."""
    ident = _identity(session)
    key = _read_key(_key_account(ident))
    problems: list[Problem] = []
    if key is None:
        problems.append(Problem(0, "Không còn khóa nhật ký trong kho khóa: không kiểm được"))
    anchors = [a for a in (anchored(session), server_anchor) if a is not None]
    pending = {a.seq: a for a in anchors}
    expected_seq = 1
    prev = GENESIS
    count = 0
    first: int | None = None
    last: int | None = None
    # entries before a key replacement were made under a key that is gone
    replaced_at = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.action == KEY_REPLACED)
    )
    after = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq).limit(chunk)
        ).all()
        if not rows:
            break
        for e in rows:
            count += 1
            first = e.seq if first is None else first
            last = e.seq
            if e.seq != expected_seq:
                problems.append(
                    Problem(e.seq, f"Thiếu mục {expected_seq}–{e.seq - 1} (đã bị xóa)")
                    if e.seq > expected_seq
                    else Problem(e.seq, "Số thứ tự mục bị lặp hoặc sai")
                )
            if e.prev != prev:
                problems.append(Problem(e.seq, "Liên kết với mục trước bị đứt"))
            if key is not None and (replaced_at is None or e.seq >= replaced_at):
                message = canonical(e.seq, e.at, e.officer, e.action, e.target, e.detail, e.prev)
                if not hmac.compare_digest(_mac(key, message), e.mac):
                    problems.append(Problem(e.seq, "Nội dung mục đã bị sửa (sai mã xác thực)"))
            want = pending.pop(e.seq, None)
            if want is not None and not hmac.compare_digest(want.mac, e.mac):
                problems.append(Problem(e.seq, "Khác với mục đã neo ở máy chủ tỉnh"))
            prev = e.mac
            expected_seq = e.seq + 1
        after = rows[-1].seq
    for a in sorted(pending.values(), key=lambda h: h.seq):
        problems.append(
            Problem(a.seq, f"Nhật ký đã neo đến mục {a.seq} nhưng nay chỉ còn {last or 0} mục")
        )
    if replaced_at is not None:
        problems.append(
            Problem(
                replaced_at,
                f"Khóa nhật ký đã bị thay ở mục {replaced_at}: các mục trước đó không kiểm được",
            )
        )
    problems.sort(key=lambda p: p.seq)
    best = max(anchors, key=lambda h: h.seq) if anchors else None
    return Verdict(count, first, last, best, tuple(problems))


def entry_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def recent(session: Session, limit: int = 200, *, officer: str | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if officer:
        stmt = stmt.where(AuditEntry.officer == officer)
    return list(session.scalars(stmt).all())
