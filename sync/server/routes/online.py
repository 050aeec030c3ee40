"""Online dossiers from the portal (issue 18): ``POST /online/claim`` asks for, or with
``release`` gives back, the claim to check one (sync/server/online.py); ``GET
/blobs/{sha}/content`` lets a counter download the papers of its agency's dossiers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sync.limits import CHUNK_BYTES, SHA256_RE
from sync.protocol import ClaimAnswer, ClaimRequest

from .. import blobs as blob_store
from .. import online
from ..auth import Caller
from ..threads import in_store_thread
from .deps import (
    CounterCaller,
    ReadSession,
    ServerState,
    State,
    WriteSession,
    json_body,
    json_response,
)
from .errors import ApiError

router = APIRouter()
MAX_DOWNLOAD_CHUNK = 4 * CHUNK_BYTES


@router.post("/online/claim", response_model=ClaimAnswer)
def claim(
    caller: CounterCaller,
    req: Annotated[ClaimRequest, Depends(json_body(ClaimRequest))],
    s: WriteSession,
) -> Response:
    did = str(req.dossier_id)
    try:
        if req.release:
            answer = online.release(s, caller.agency, caller.counter_id, did)
        else:
            answer = online.claim(
                s, caller.agency, caller.counter_id, caller.counter, did, req.officer
            )
    except online.ClaimRefused as exc:
        raise ApiError(exc.status, exc.code, str(exc)) from None
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(answer)


@router.get("/blobs/{sha}/content")
async def blob_content(
    caller: CounterCaller, sha: str, state: State, s: ReadSession, offset: int = 0
) -> Response:
    if not SHA256_RE.match(sha):
        raise ApiError(422, "invalid_request", "blobs are named by their lower-case sha256")
    if offset < 0:
        raise ApiError(422, "invalid_request", "offset must not be negative")
    # in a store thread (sync/server/threads.py), as uploads
    found = await in_store_thread(lambda: _read(caller, sha, state, s, offset))
    if found is None:
        raise ApiError(404, "blob_not_found", "no such file for this agency")
    data, size = found
    return Response(data, media_type="application/octet-stream", headers={"X-Blob-Size": str(size)})


def _read(
    caller: Caller, sha: str, state: ServerState, s: Session, offset: int
) -> tuple[bytes, int] | None:
    try:
        return blob_store.read_shared(
            s, state.files, caller.agency, sha, offset, MAX_DOWNLOAD_CHUNK
        )
    except blob_store.BlobError as exc:
        raise ApiError(exc.status, exc.code, str(exc)) from None
