"""What counts as an expected refusal (its message is for the officer) and what is a bug (its
stack goes to ``DATA/logs/errors.log`` for the IT officer; its message never leaves the process
because it may quote personal data). Shared by the command line and the windows.

A refusal says so itself: it derives from :class:`desktop.domain.refusal.Refusal` (or, in
``sync`` and ``printing``, carries a ``refusal_code``), so :func:`is_refusal` decides without a
hand-kept list of every layer's exception classes — and without importing those layers.
Everything else, a plain ``ValueError`` or ``KeyError`` included, is a bug."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from desktop.domain.refusal import is_refusal, refusal_code

__all__ = ["UnexpectedFailure", "is_refusal", "refusal_code", "storage_failure", "write_bug_log"]

LOG_NAME = "errors.log"


def storage_failure(exc: BaseException, data_dir: Path | None) -> Exception | None:
    """A full disk, read-only media or a damaged database behind ``exc``, said plainly (see
    :mod:`desktop.store.storage_errors`); loaded only once something failed."""
    from desktop.store.storage_errors import storage_failure as explain

    return explain(exc, data_dir)


def write_bug_log(log_dir: Path, context: str, exc: BaseException) -> Path:
    """Append the stack of an unexpected failure (never its message) to the data dir's log."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    frames = "".join(traceback.format_tb(exc.__traceback__))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(f"{datetime.now().isoformat()} {context} {type(exc).__name__}\n{frames}\n")
    return path


class UnexpectedFailure(RuntimeError):
    """A bug reached a screen: what the officer reads instead of the raw exception."""

    def __init__(self, exc: BaseException, logged: Path | None) -> None:
        where = f" Chi tiết kỹ thuật đã ghi vào {logged}." if logged else ""
        super().__init__(
            f"Lỗi không mong đợi ({type(exc).__name__}).{where} Vui lòng báo cán bộ công nghệ "
            "thông tin; dữ liệu đã lưu không bị ảnh hưởng."
        )
        self.kind = type(exc).__name__
        self.logged = logged
