"""The sync itself: a counter pushes its events (``POST /events``, sync/server/ingest.py) and
pulls what the province publishes for it (``GET /changes``, the feed of sync/server/feed.py).

A pull first refreshes the agency's statistics snapshot when it is older than the app's
``stats_max_age`` (sync/server/stats_worker.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from sync.limits import MAX_CHANGES_PAGE
from sync.protocol import PushRequest, PushResponse

from ..feed import BadCursor, read_feed
from ..ingest import push_batch
from .deps import Bearer, CounterCaller, ReadSession, State, caller_of, json_response, raw_body
from .errors import ApiError, validated

router = APIRouter()


@router.post("/events")
def events(
    authorization: Bearer, raw: Annotated[bytes, Depends(raw_body())], state: State
) -> Response:
    # one trip to a worker thread for the whole batch: the token, then the body's validation,
    # then the write and its commit. A batch is hundreds of events and this is the busiest
    # route: the caller and session dependencies would each add a trip. Without a token the
    # request is refused before its body is read (``Bearer``).
    caller = caller_of(state.db, authorization)
    req = validated(raw, PushRequest)
    answer = PushResponse(results=push_batch(state.db, caller, req.events))
    return json_response(answer)


@router.get("/changes")
def changes(
    caller: CounterCaller,
    state: State,
    s: ReadSession,
    cursor: str | None = None,
    limit: int = 500,
) -> Response:
    if not 1 <= limit <= MAX_CHANGES_PAGE:
        raise ApiError(422, "invalid_request", f"limit must be 1..{MAX_CHANGES_PAGE}")
    state.stats.refresh(caller.agency)  # before the session's first statement: it connects then
    try:
        return json_response(read_feed(s, caller, cursor, limit))
    except BadCursor as exc:
        raise ApiError(422, "bad_cursor", str(exc)) from None
