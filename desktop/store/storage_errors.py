"""The counter's storage failing, said plainly (issue 17): a full disk, read-only media, a file
made immutable or unwritable, and a damaged database each become one Vietnamese sentence for
the officer (stderr and exit 1 on the command line, a message in the window), never "unexpected
error" with a stack. SQLite tells what went wrong only in its message text; an I/O error on a
disk with no space left is a full disk."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from desktop.domain.refusal import Refusal

FULL = (
    "Ổ đĩa chứa dữ liệu của quầy đã đầy nên thao tác chưa được lưu. Hãy giải phóng dung lượng "
    "(hoặc báo cán bộ CNTT) rồi làm lại; dữ liệu đã lưu trước đó không bị ảnh hưởng."
)
READONLY = (
    "Không ghi được vào dữ liệu của quầy (ổ đĩa chỉ đọc, tệp bị khóa hoặc không có quyền ghi) "
    "nên thao tác chưa được lưu. Hãy báo cán bộ CNTT."
)
DAMAGED = (
    "Cơ sở dữ liệu của quầy bị hỏng; quầy không ghi thêm gì vào đó để tránh mất thêm dữ liệu. "
    "Hãy báo cán bộ CNTT khôi phục từ bản sao lưu."
)
IO = (
    "Lỗi đọc/ghi ổ đĩa chứa dữ liệu của quầy nên thao tác chưa được lưu. Hãy báo cán bộ CNTT "
    "kiểm tra ổ đĩa."
)
_FREE_ENOUGH = 256 * 1024  # less than this left on the disk: an I/O error is a full disk


class DatabaseError(Refusal, RuntimeError):
    """The database cannot be opened or is not a counter database; message for an officer.
    Defined here, not in :mod:`desktop.store.db`, so that the two modules do not import each
    other (db names storage failures, and a storage failure is a database error)."""

    code = "database_unusable"


class StorageError(DatabaseError):
    """The counter's storage cannot be used; the message is for the officer."""

    code = "storage_failed"


def storage_failure(exc: BaseException, data_dir: Path | None) -> StorageError | None:
    """What ``exc`` means, if it is a failure of the counter's storage under ``data_dir``."""
    if isinstance(exc, StorageError):
        return exc
    text = _sqlite_text(exc)
    if text is not None:
        message = _from_sqlite(text, data_dir)
        return StorageError(message) if message else None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return StorageError(FULL)
        if exc.errno == errno.EROFS:
            return StorageError(READONLY)
        if exc.errno in (errno.EACCES, errno.EPERM) and _inside(exc.filename, data_dir):
            return StorageError(READONLY)
    return None


def _sqlite_text(exc: BaseException) -> str | None:
    """The message of the SQLite error behind ``exc`` (raised directly or by SQLAlchemy)."""
    e: BaseException | None = exc
    for _ in range(5):
        if e is None:
            break
        orig = getattr(e, "orig", None)  # SQLAlchemy's wrapper
        if isinstance(orig, sqlite3.Error):
            return str(orig).lower()
        if isinstance(e, sqlite3.Error):
            return str(e).lower()
        e = e.__cause__ or e.__context__
    return None


def _from_sqlite(text: str, data_dir: Path | None) -> str | None:
    if "disk is full" in text:
        return FULL
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DAMAGED
    if "readonly database" in text or "unable to open database file" in text:
        return FULL if _disk_full(data_dir) else READONLY
    if "disk i/o error" in text:
        return FULL if _disk_full(data_dir) else IO
    return None


def _disk_full(data_dir: Path | None) -> bool:
    if data_dir is None or not hasattr(os, "statvfs"):
        return False
    try:
        st = os.statvfs(data_dir)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < _FREE_ENOUGH


def _inside(filename: object, data_dir: Path | None) -> bool:
    if data_dir is None or not isinstance(filename, str | os.PathLike):
        return False
    try:
        return Path(filename).resolve().is_relative_to(data_dir.resolve())
    except (OSError, ValueError):
        return False
