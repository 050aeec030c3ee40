"""Attachments on the server: uploaded in chunks at explicit offsets, so an upload cut by the
network resumes where the server's copy ends; checked against their sha256 when complete.

Each upload belongs to the counter that sends it (issue 17): its status, its size and its
partial bytes are that counter's alone until an event naming the file is applied. So a counter
cannot learn whether the province holds a file (a status query answers only for its own
uploads), cannot block another's upload by declaring the same hash with a wrong size, and
cannot attach a file it never sent. Checked bytes are stored once, by content.

The bytes themselves are kept by a ``BlobStore`` (sync/server/blobstore/): a local folder by
default, or an S3-compatible object store for instances on several hosts. Each chunk is in the
store before the database records it; a store that cannot answer is a 503 (``StoreUnavailable``)
and the request's transaction is rolled back, so the counter sends the chunk again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol, cast

from sqlalchemy import Executable, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from sync.limits import MAX_BLOB_BYTES
from sync.protocol import BlobStatus

from .blobstore import BlobError, BlobStore, StoreUnavailable, open_store
from .blobstore.local import DIR_MODE, FILE_MODE, BlobFiles, private_dir
from .bulk import one_of, values_of
from .db import utc_now
from .models import BlobRefRow, BlobRow, BlobUploadRow

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "BlobError",
    "BlobFiles",
    "BlobStore",
    "StoreUnavailable",
    "append",
    "claim",
    "open_store",
    "private_dir",
    "read_shared",
    "share",
    "status",
    "store",
    "uploaded",
]


def status(session: Session, counter_id: int, sha: str) -> BlobStatus:
    # a Core statement built once: every counter asks before each upload, and the ORM's get
    # cost more than the query (tests/sync/test_blobs*.py cover the answers)
    row = session.execute(_STATUS, {"counter_id": counter_id, "sha": sha}).first()
    if row is None:
        return BlobStatus(sha256=sha, size=None, received=0, complete=False)
    return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=row.complete)


class _Held(Protocol):
    """What the database records of an upload (a row of ``_STATUS``)."""

    size: int
    received: int
    complete: bool


_UPLOADS = cast(Table, BlobUploadRow.__table__)
_BLOBS = cast(Table, BlobRow.__table__)
_REFS = cast(Table, BlobRefRow.__table__)
_STATUS = select(_UPLOADS.c.size, _UPLOADS.c.received, _UPLOADS.c.complete).where(
    _UPLOADS.c.counter_id == bindparam("counter_id"), _UPLOADS.c.sha256 == bindparam("sha")
)


def append(
    session: Session,
    files: BlobStore,
    counter_id: int,
    sha: str,
    size: int,
    offset: int,
    chunk: bytes,
    lock: Callable[[], object] = lambda: None,
) -> tuple[BlobStatus, BlobError | None]:
    """Write ``chunk`` at ``offset`` of the counter's upload; the offset must be exactly what
    the server holds. A chunk at offset 0 with another size starts the upload over (the
    counter's own file changed; nobody else's upload is touched).

    The bytes go to the store before ``lock()`` (the route's: one writer at a time) is taken,
    and a finished upload is checked and stored as a file before it too: an object store's
    round trips never hold up the other counters' batches. What the store holds counts only
    once the database records it under the lock, and every file is checked against its sha256
    before it is stored, so a chunk written by a request that then loses a race (a retry, a
    reset) can at worst make that upload start over, never store wrong bytes.

    A finished upload whose bytes do not hash to ``sha`` is discarded and reported as the
    second value, so the reset is committed before the client hears about it."""
    if not 0 < size <= MAX_BLOB_BYTES:
        raise BlobError(413, "too_large", f"attachments are limited to {MAX_BLOB_BYTES} bytes")
    where = {"counter_id": counter_id, "sha": sha}
    # Core statements built once, not the ORM's get and flush: a scan's upload is a few chunks
    # and the ORM's bookkeeping cost more than its queries
    seen = session.execute(_STATUS, where).first()
    if seen is not None and seen.complete:
        return BlobStatus(sha256=sha, size=seen.size, received=seen.received, complete=True), None
    _expect(seen, size, offset, len(chunk))  # refused before any byte is written
    end = offset + len(chunk)
    # in the store before the database records it (StoreUnavailable: nothing recorded)
    files.write_part(counter_id, sha, offset, chunk)
    checked = files.finish_part(counter_id, sha, size) if end == size else None

    lock()
    now = utc_now()
    row = session.execute(_STATUS, where).first()  # as it stands under the lock
    if row is not None and row.complete:  # another request of this counter finished it
        return BlobStatus(sha256=sha, size=row.size, received=row.received, complete=True), None
    _expect(row, size, offset, len(chunk))
    received, complete, problem = end, False, None
    if checked is True:
        complete = True
    elif checked is False:
        received = 0
        problem = BlobError(422, "hash_mismatch", "the uploaded bytes do not match their sha256")
    values = {"size": size, "received": received, "complete": complete, "updated_at": now}
    if row is None:
        session.execute(
            insert(_UPLOADS).values(counter_id=counter_id, sha256=sha, created_at=now, **values)
        )
    else:
        changed = {f"new_{k}": v for k, v in values.items()}
        session.execute(_UPDATE_UPLOAD, {"of_counter": counter_id, "of_sha": sha, **changed})
    current = BlobStatus(sha256=sha, size=size, received=received, complete=complete)
    return current, problem


# parameter names other than the columns': SQLAlchemy keeps those for the SET clause
_UPDATE_UPLOAD = (
    update(_UPLOADS)
    .where(
        _UPLOADS.c.counter_id == bindparam("of_counter"), _UPLOADS.c.sha256 == bindparam("of_sha")
    )
    .values(
        size=bindparam("new_size"),
        received=bindparam("new_received"),
        complete=bindparam("new_complete"),
        updated_at=bindparam("new_updated_at"),
    )
)


def _expect(row: _Held | None, size: int, offset: int, length: int) -> None:
    """The chunk continues the upload as the database records it, or starts it over."""
    held = 0 if row is None or row.size != size else row.received
    if row is not None and row.size != size and offset != 0:
        raise BlobError(409, "size_mismatch", f"this upload started with size {row.size}")
    if offset != held:
        raise BlobError(409, "offset_mismatch", f"the server holds {held} bytes")
    if offset + length > size:
        raise BlobError(422, "too_long", "more bytes than the declared size")


def uploaded(session: Session, counter_id: int, shas: Iterable[str]) -> set[str]:
    """Which of ``shas`` this counter has uploaded completely: the only files its events may
    name."""
    wanted = set(shas)
    if not wanted:
        return set()
    q = _queries(_dialect(session))
    return set(
        session.scalars(q.uploaded, {"counter_id": counter_id, "shas": _list(session, wanted)})
    )


def share(session: Session, agency: str, shas: Iterable[str]) -> None:
    """The agency's counters may download these stored files (their dossiers name them)."""
    wanted = set(shas)
    if not wanted:
        return
    q = _queries(_dialect(session))
    held = set(session.scalars(q.shared, {"agency": agency, "shas": _list(session, wanted)}))
    missing = sorted(wanted - held)
    if missing:
        session.execute(insert(_REFS), [{"sha256": sha, "agency": agency} for sha in missing])


def store(session: Session, files: BlobStore, data: bytes) -> str:
    """Keep bytes that reach the server other than by a counter's upload (an online dossier's
    papers from the portal): stored (written once, by content) before the database names them;
    returns their sha256."""
    if not 0 < len(data) <= MAX_BLOB_BYTES:
        raise BlobError(413, "too_large", f"attachments are limited to {MAX_BLOB_BYTES} bytes")
    sha = hashlib.sha256(data).hexdigest()
    files.put(sha, data)
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
    session: Session, files: BlobStore, agency: str, sha: str, offset: int, length: int
) -> tuple[bytes, int] | None:
    """Up to ``length`` bytes of a stored file from ``offset`` and its size, for a counter of
    an agency allowed to have it; None for a file it may not have or the server does not hold
    (one answer for both: no oracle for other agencies' files)."""
    if session.get(BlobRefRow, (sha, agency)) is None:
        return None
    row = session.get(BlobRow, sha)
    if row is None or not row.complete:
        return None
    if offset > row.size:
        raise BlobError(416, "bad_offset", f"the file holds {row.size} bytes")
    data = files.read(sha, offset, length)
    return None if data is None else (data, row.size)


def claim(session: Session, counter_id: int, shas: Iterable[str]) -> None:
    """Files named by events just applied enter the province's store. Set-based: a push claims
    its batch's files with two queries and one insert, not a look-up per file."""
    wanted = set(shas)
    if not wanted:
        return
    q = _queries(_dialect(session))
    sizes: dict[str, int] = dict(
        session.execute(q.sizes, {"counter_id": counter_id, "shas": _list(session, wanted)}).all()
    )
    if not sizes:
        return
    stored: dict[str, bool] = dict(
        session.execute(q.stored, {"shas": _list(session, set(sizes))}).all()
    )
    now = utc_now()
    new = [
        {
            "sha256": sha,
            "size": sizes[sha],
            "received": sizes[sha],
            "complete": True,
            "created_at": now,
            "updated_at": now,
        }
        for sha in sorted(sizes)
        if sha not in stored
    ]
    if new:
        session.execute(insert(_BLOBS), new)
    for sha in sorted(sha for sha, complete in stored.items() if not complete):
        # a partial upload left by a server from before blob_uploads
        session.execute(
            update(_BLOBS)
            .where(_BLOBS.c.sha256 == sha)
            .values(size=sizes[sha], received=sizes[sha], complete=True, updated_at=now)
        )


@dataclass(frozen=True)
class _Queries:
    uploaded: Executable  # the counter's complete uploads among the files
    sizes: Executable  # the counter's uploads among the files, with their sizes
    stored: Executable  # the files the province's store holds, complete or not
    shared: Executable  # the files the agency may already download


@cache
def _queries(dialect: str) -> _Queries:
    """Built once per dialect, each with its list of files bound as one parameter
    (``bulk.one_of``): an IN list would be rendered and compiled again for every push."""
    mine = _UPLOADS.c.counter_id == bindparam("counter_id")
    return _Queries(
        uploaded=select(_UPLOADS.c.sha256).where(
            mine, one_of(_UPLOADS.c.sha256, "shas", dialect), _UPLOADS.c.complete
        ),
        sizes=select(_UPLOADS.c.sha256, _UPLOADS.c.size).where(
            mine, one_of(_UPLOADS.c.sha256, "shas", dialect)
        ),
        stored=select(_BLOBS.c.sha256, _BLOBS.c.complete).where(
            one_of(_BLOBS.c.sha256, "shas", dialect)
        ),
        shared=select(_REFS.c.sha256).where(
            _REFS.c.agency == bindparam("agency"), one_of(_REFS.c.sha256, "shas", dialect)
        ),
    )


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _list(session: Session, shas: set[str]) -> object:
    return values_of(sorted(shas), _dialect(session))
