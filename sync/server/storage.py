"""What a failure of the server's storage means, and what to answer (issue 17): the database
locked by someone else is "busy, try again" (503 with Retry-After), a full disk, read-only or
damaged storage is 503 with a clear line in the log for IT, never a 500 with a stack trace.

The counter treats 503 as an outage: it backs off and keeps its events queued (no dead letter).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, OperationalError

# PostgreSQL: serialization failure, deadlock, lock not available, too many connections
_PG_BUSY = frozenset({"40001", "40P01", "55P03", "53300"})
_PG_FULL = frozenset({"53100"})  # disk_full


@dataclass(frozen=True)
class StorageProblem:
    code: str  # machine-readable: busy, storage_full, storage_readonly, storage_damaged
    message: str  # for the log and the client, Vietnamese
    retry_after: int  # seconds


BUSY = StorageProblem("busy", "cơ sở dữ liệu đang bận, hãy thử lại sau ít giây", 2)
FULL = StorageProblem(
    "storage_full", "ổ đĩa của máy chủ đã đầy: cán bộ CNTT cần giải phóng dung lượng", 60
)
READONLY = StorageProblem(
    "storage_readonly",
    "máy chủ không ghi được vào ổ đĩa (chỉ đọc hoặc không có quyền ghi)",
    60,
)
# the database went away under the instance (a restart, a failover, a network cut): the
# connection is discarded with every other pooled one (SQLAlchemy invalidates the pool on a
# disconnect) and the next request opens a new one
UNREACHABLE = StorageProblem(
    "database_unreachable", "máy chủ mất kết nối tới cơ sở dữ liệu, hãy thử lại sau ít giây", 2
)
DAMAGED = StorageProblem(
    "storage_damaged", "cơ sở dữ liệu của máy chủ bị hỏng: cần khôi phục từ bản sao lưu", 300
)


def classify(exc: BaseException) -> StorageProblem | None:
    """The storage problem behind ``exc``, or None if it is something else (a bug)."""
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate in _PG_BUSY:
            return BUSY
        if sqlstate in _PG_FULL:
            return FULL
        if exc.connection_invalidated or _lost_connection(exc, sqlstate):
            return UNREACHABLE
        return _from_text(str(exc.orig))
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READONLY
    return None


def _lost_connection(exc: DBAPIError, sqlstate: str | None) -> bool:
    """PostgreSQL: the connection failed or was ended (class 08; 57P01-57P03: the server shut
    down, crashed, or is starting), or psycopg lost it before any answer (an operational
    error with no SQLSTATE: only the server sends one). SQLite is told by its text."""
    if sqlstate is not None:
        return sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03")
    orig = exc.orig
    return isinstance(exc, OperationalError) and type(orig).__module__.startswith("psycopg")


def _from_text(text: str) -> StorageProblem | None:
    """SQLite says what went wrong only in its message."""
    t = text.lower()
    if "database is locked" in t or "database table is locked" in t or "database is busy" in t:
        return BUSY
    if "disk is full" in t:
        return FULL
    if "readonly database" in t or "read-only" in t or "unable to open database file" in t:
        return READONLY
    if "malformed" in t or "not a database" in t or "corrupt" in t:
        return DAMAGED
    return None
