"""Attachments on the server: uploaded in chunks at explicit offsets, so an upload cut by the
network resumes where the server's copy ends; checked against their sha256 when complete.

Each upload belongs to the counter that sends it (issue 17): its status, its size and its
partial bytes are that counter's alone until an event naming the file is applied. So a counter
cannot learn whether the province holds a file (a status query answers only for its own
uploads), cannot block another's upload by declaring the same hash with a wrong size, and
cannot attach a file it never sent. Checked bytes are stored once, by content.

Files and directories are created readable by the server's account only (0600/0700): scans
of citizens' papers are personal data."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import MAX_BLOB_BYTES, BlobStatus

from .db import utc_now
from .models import BlobRefRow, BlobRow, BlobUploadRow

DIR_MODE = 0o700
FILE_MODE = 0o600


class BlobError(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class BlobFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        private_dir(root / "partial")
        private_dir(root)

    def final(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def partial(self, counter_id: int, sha: str) -> Path:
        return self.root / "partial" / str(counter_id) / sha


def private_dir(path: Path) -> None:
    """``path`` and any parents it needs, 0700; an existing one is narrowed to 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)


def status(session: Session, counter_id: int, sha: str) -> BlobStatus:
    row = session.get(BlobUploadRow, (counter_id, sha))
    if row is None:
        return BlobStatus(sha256=sha, size=None, received=0, complete=False)
    return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=row.complete)


def append(
    session: Session,
    files: BlobFiles,
    counter_id: int,
    sha: str,
    size: int,
    offset: int,
    chunk: bytes,
) -> tuple[BlobStatus, BlobError | None]:
    """Write ``chunk`` at ``offset`` of the counter's upload; the offset must be exactly what
    the server holds. A chunk at offset 0 with another size starts the upload over (the
    counter's own file changed; nobody else's upload is touched).

    A finished upload whose bytes do not hash to ``sha`` is discarded and reported as the
    second value, so the reset is committed before the client hears about it."""
    if not 0 < size <= MAX_BLOB_BYTES:
        raise BlobError(413, "too_large", f"attachments are limited to {MAX_BLOB_BYTES} bytes")
    now = utc_now()
    row = session.get(BlobUploadRow, (counter_id, sha))
    if row is None:
        row = BlobUploadRow(
            counter_id=counter_id,
            sha256=sha,
            size=size,
            received=0,
            complete=False,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
    if row.complete:
        return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=True), None
    if row.size != size:
        if offset != 0:
            raise BlobError(409, "size_mismatch", f"this upload started with size {row.size}")
        row.size, row.received = size, 0
    if offset != row.received:
        raise BlobError(409, "offset_mismatch", f"the server holds {row.received} bytes")
    if offset + len(chunk) > size:
        raise BlobError(422, "too_long", "more bytes than the declared size")
    part = files.partial(counter_id, sha)
    private_dir(part.parent)
    # a crash may have left bytes past what the database recorded: cut them off first
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        f.truncate(offset)
        f.seek(offset)
        f.write(chunk)
        f.flush()
        os.fsync(f.fileno())
    row.received = offset + len(chunk)
    row.updated_at = now
    problem = _finish(row, files, part) if row.received == size else None
    session.flush()
    current = BlobStatus(sha256=sha, size=row.size, received=row.received, complete=row.complete)
    return current, problem


def _finish(row: BlobUploadRow, files: BlobFiles, part: Path) -> BlobError | None:
    sha = row.sha256
    h = hashlib.sha256()
    with part.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    if h.hexdigest() != sha:
        part.unlink(missing_ok=True)
        row.received = 0
        return BlobError(422, "hash_mismatch", "the uploaded bytes do not match their sha256")
    target = files.final(sha)
    private_dir(target.parent)
    # the same checked bytes may already be stored (another counter's copy): either is right
    os.replace(part, target)
    row.complete = True
    return None


def uploaded(session: Session, counter_id: int, shas: Iterable[str]) -> set[str]:
    """Which of ``shas`` this counter has uploaded completely: the only files its events may
    name."""
    wanted = set(shas)
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(BlobUploadRow.sha256).where(
                BlobUploadRow.counter_id == counter_id,
                BlobUploadRow.sha256.in_(wanted),
                BlobUploadRow.complete,
            )
        )
    )


def share(session: Session, agency: str, shas: Iterable[str]) -> None:
    """The agency's counters may download these stored files (their dossiers name them)."""
    for sha in sorted(set(shas)):
        if session.get(BlobRefRow, (sha, agency)) is None:
            session.add(BlobRefRow(sha256=sha, agency=agency))


def store(session: Session, files: BlobFiles, data: bytes) -> str:
    """Keep bytes that reach the server other than by a counter's upload (an online dossier's
    papers from the portal): written, synced and renamed into place; returns their sha256."""
    if not 0 < len(data) <= MAX_BLOB_BYTES:
        raise BlobError(413, "too_large", f"attachments are limited to {MAX_BLOB_BYTES} bytes")
    sha = hashlib.sha256(data).hexdigest()
    target = files.final(sha)
    private_dir(target.parent)
    if not (target.exists() and target.stat().st_size == len(data)):
        tmp = target.with_name(f".tmp-{os.getpid()}-{sha[:12]}")
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE
        )
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    now = utc_now()
    row = session.get(BlobRow, sha)
    if row is None:
        session.add(
            BlobRow(
                sha256=sha,
                size=len(data),
                received=len(data),
                complete=True,
                created_at=now,
                updated_at=now,
            )
        )
    elif not row.complete:
        row.size, row.received, row.complete, row.updated_at = len(data), len(data), True, now
    return sha


def read_shared(
    session: Session, files: BlobFiles, agency: str, sha: str, offset: int, length: int
) -> tuple[bytes, int] | None:
    """Up to ``length`` bytes of a stored file from ``offset`` and its size, for a counter of
    an agency allowed to have it; None for a file it may not have or the server does not hold
    (one answer for both: no oracle for other agencies' files)."""
    if session.get(BlobRefRow, (sha, agency)) is None:
        return None
    row = session.get(BlobRow, sha)
    path = files.final(sha)
    if row is None or not row.complete or not path.exists():
        return None
    if offset > row.size:
        raise BlobError(416, "bad_offset", f"the file holds {row.size} bytes")
    with path.open("rb") as f:
        f.seek(offset)
        return f.read(length), row.size


def claim(session: Session, counter_id: int, shas: Iterable[str]) -> None:
    """Files named by events just applied enter the province's store."""
    wanted = set(shas)
    if not wanted:
        return
    sizes = dict(
        session.execute(
            select(BlobUploadRow.sha256, BlobUploadRow.size).where(
                BlobUploadRow.counter_id == counter_id, BlobUploadRow.sha256.in_(wanted)
            )
        ).all()
    )
    now = utc_now()
    for sha in sorted(wanted):
        row = session.get(BlobRow, sha)
        size = sizes.get(sha)
        if size is None:
            continue
        if row is None:
            session.add(
                BlobRow(
                    sha256=sha,
                    size=size,
                    received=size,
                    complete=True,
                    created_at=now,
                    updated_at=now,
                )
            )
        elif not row.complete:  # a partial upload left by a server from before blob_uploads
            row.size, row.received, row.complete, row.updated_at = size, size, True, now
