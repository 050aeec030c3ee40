"""Attachments on the server: uploaded in chunks at explicit offsets, so an upload cut by the
network resumes where the server's copy ends; checked against their sha256 when complete."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy.orm import Session

from sync.protocol import MAX_BLOB_BYTES, BlobStatus

from .db import utc_now
from .models import BlobRow


class BlobError(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class BlobFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "partial").mkdir(parents=True, exist_ok=True)

    def final(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def partial(self, sha: str) -> Path:
        return self.root / "partial" / sha


def status(session: Session, sha: str) -> BlobStatus:
    row = session.get(BlobRow, sha)
    if row is None:
        return BlobStatus(sha256=sha, size=None, received=0, complete=False)
    return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=row.complete)


def append(
    session: Session, files: BlobFiles, sha: str, size: int, offset: int, chunk: bytes
) -> tuple[BlobStatus, BlobError | None]:
    """Write ``chunk`` at ``offset``; the offset must be exactly what the server holds.

    A finished upload whose bytes do not hash to ``sha`` is discarded and reported as the
    second value, so the reset is committed before the client hears about it."""
    if not 0 < size <= MAX_BLOB_BYTES:
        raise BlobError(413, "too_large", f"attachments are limited to {MAX_BLOB_BYTES} bytes")
    now = utc_now()
    row = session.get(BlobRow, sha)
    if row is None:
        row = BlobRow(sha256=sha, size=size, received=0, complete=False, created_at=now)
        session.add(row)
    if row.complete:
        return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=True), None
    if row.size != size:
        raise BlobError(409, "size_mismatch", f"this upload started with size {row.size}")
    if offset != row.received:
        raise BlobError(409, "offset_mismatch", f"the server holds {row.received} bytes")
    if offset + len(chunk) > size:
        raise BlobError(422, "too_long", "more bytes than the declared size")
    part = files.partial(sha)
    # a crash may have left bytes past what the database recorded: cut them off first
    with part.open("ab") as f:
        f.truncate(offset)
        f.write(chunk)
        f.flush()
        os.fsync(f.fileno())
    row.received = offset + len(chunk)
    row.updated_at = now
    problem = _finish(row, files, sha) if row.received == size else None
    session.flush()
    current = BlobStatus(sha256=sha, size=row.size, received=row.received, complete=row.complete)
    return current, problem


def _finish(row: BlobRow, files: BlobFiles, sha: str) -> BlobError | None:
    part = files.partial(sha)
    h = hashlib.sha256()
    with part.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    if h.hexdigest() != sha:
        part.unlink(missing_ok=True)
        row.received = 0
        return BlobError(422, "hash_mismatch", "the uploaded bytes do not match their sha256")
    target = files.final(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(part, target)
    row.complete = True
    return None
