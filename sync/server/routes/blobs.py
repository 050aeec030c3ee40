"""Attachments, uploaded by chunks and resumed (sync/server/blobs.py): ``GET /blobs/{sha}`` says
how much of its own upload the counter has sent, ``PUT /blobs/{sha}`` appends a chunk.

A counter only ever sees its own uploads: no oracle for what other counters hold.

The bytes go to the server's ``BlobStore`` (a local folder or an S3-compatible object store,
sync/server/blobstore/); when the store cannot answer the counter gets 503 with Retry-After and
nothing of the chunk is recorded, so it sends the same chunk again after its back-off.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sync.limits import CHUNK_BYTES, SHA256_RE

from .. import blobs as blob_store
from ..auth import Caller
from ..db import lock_upload
from ..threads import in_store_thread
from .deps import (
    CounterCaller,
    ReadSession,
    ServerState,
    State,
    WriteSession,
    json_response,
    raw_body,
)
from .errors import ApiError

router = APIRouter()


async def _sha(sha: str) -> str:
    """The path's blob name, checked before a chunk is read."""
    if not SHA256_RE.match(sha):
        raise ApiError(422, "invalid_request", "blobs are named by their lower-case sha256")
    return sha


Sha = Annotated[str, Depends(_sha)]


@router.get("/blobs/{sha}")
def blob_status(caller: CounterCaller, sha: Sha, s: ReadSession) -> Response:
    return json_response(blob_store.status(s, caller.counter_id, sha))


@router.put("/blobs/{sha}")
async def blob_put(
    caller: CounterCaller,
    sha: Sha,
    chunk: Annotated[bytes, Depends(raw_body(4 * CHUNK_BYTES))],
    state: State,
    s: WriteSession,
    size: int,
    offset: int,
) -> Response:
    # in a store thread (sync/server/threads.py): a store that hangs holds these, not the
    # threads the pushes need
    return await in_store_thread(lambda: _put(caller, sha, chunk, state, s, size, offset))


def _put(
    caller: Caller,
    sha: str,
    chunk: bytes,
    state: ServerState,
    s: Session,
    size: int,
    offset: int,
) -> Response:
    try:
        # once the bytes are in the store (blobs.py): one writer at a time of this counter's
        # upload of this file, beside other counters' uploads and pushes (issue 23 item 5)
        current, problem = blob_store.append(
            s,
            state.files,
            caller.counter_id,
            sha,
            size,
            offset,
            chunk,
            lock=lambda: lock_upload(s, caller.counter_id, sha),
        )
    except blob_store.StoreUnavailable as exc:  # rolled back: the chunk is sent again later
        retry = {"Retry-After": str(exc.RETRY_AFTER)}
        raise ApiError(exc.status, exc.code, str(exc), retry) from None
    except blob_store.BlobError as exc:
        raise ApiError(exc.status, exc.code, str(exc)) from None
    if problem is not None:  # the discarded upload is reset before the counter hears of it
        s.commit()
        raise ApiError(problem.status, problem.code, str(problem))
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    if current.complete and current.received == offset + len(chunk):
        # only once the completion is committed: until then a retried last chunk needs them
        state.files.forget_part(caller.counter_id, sha)
    return json_response(current)
