"""What the routes ask FastAPI for, as ``Annotated[..., Depends(...)]``: the app's shared state,
a database session for the request, the authenticated caller, the per-address rate limits of
the password-taking routes, and request bodies read up to a size limit.

Nothing here is a closure over an app or a module-level variable: ``create_app`` keeps each
app's ``ServerState`` on ``app.state.server`` and every dependency finds it through the request,
so two apps in one process (the tests make several) share nothing.

Where each runs: the async ones (state, bodies) on the event loop, as they never wait on the
disk; the sync ones (callers, sessions, limits) in the worker threads, like every route that
uses a session, so the event loop never waits on the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.applications import Starlette

from sync.limits import MAX_REQUEST_BYTES

from ..auth import Caller, Unauthorized, caller_for
from ..blobs import BlobStore
from ..db import ServerDatabase
from ..logs import note_caller
from ..ratelimit import RateLimiter
from ..stats_worker import StatsPublisher
from .errors import ApiError, validated

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ServerState:
    """One app's shared state, built by ``create_app``."""

    db: ServerDatabase
    files: BlobStore  # a local folder or an object store (sync/server/blobstore)
    stats: StatsPublisher  # the command line starts its worker before serving
    enrol_limit: RateLimiter  # attempts per client address at enrolment
    login_limit: RateLimiter  # and at officer sign-in


def state_of(app: Starlette) -> ServerState:
    state = app.state.server
    assert isinstance(state, ServerState)
    return state


async def _state(request: Request) -> ServerState:
    return state_of(request.app)


State = Annotated[ServerState, Depends(_state)]


# -- the request's database session ----------------------------------------------------------


def _write_session(state: State) -> Iterator[Session]:
    with state.db.write() as s:  # commits when the route returns, rolls back when it raises
        yield s


def _read_session(state: State) -> Iterator[Session]:
    with state.db.read() as s:
        yield s


# scope="function": the session is closed, its transaction committed, before the answer goes
# out, so a commit that fails (database locked, disk full) is the answer, a 503 with
# Retry-After (routes/errors.py), and never a success the counter would believe. Both connect at
# their first statement (ServerDatabase.write), so a route reads its body and checks its caller
# before it holds SQLite's write lock or a pooled connection.
#
# A route that writes commits as its last step all the same: FastAPI closes the dependency from
# another worker thread, after a turn of the event loop, and SQLite's write lock would be held
# meanwhile, every other writer of the server waiting (a busy server answers them 503). What
# the dependency commits is what a route leaves; it rolls back whatever raises.
WriteSession = Annotated[Session, Depends(_write_session, scope="function")]
ReadSession = Annotated[Session, Depends(_read_session, scope="function")]


# -- who is calling -----------------------------------------------------------------------------


def caller_of(db: ServerDatabase, authorization: str | None, kind: str = "counter") -> Caller:
    """The caller behind an ``Authorization`` header, checked on a connection of its own."""
    with db.engine.connect() as conn:
        try:
            caller = caller_for(conn, authorization, kind)
        except Unauthorized as exc:
            raise ApiError(401, exc.code, str(exc)) from None
    note_caller(caller.agency, caller.counter)  # for the request's log line (logs.py)
    return caller


def _counter(request: Request, state: State) -> Caller:
    return caller_of(state.db, request.headers.get("authorization"))


def _officer(request: Request, state: State) -> Caller:
    return caller_of(state.db, request.headers.get("authorization"), kind="officer")


async def _bearer(request: Request) -> str:
    authorization = request.headers.get("authorization")
    if not authorization:
        raise ApiError(401, "unauthenticated", "Authorization: Bearer <token> required")
    return authorization


CounterCaller = Annotated[Caller, Depends(_counter)]  # a counter's token (its device sign-in)
OfficerCaller = Annotated[Caller, Depends(_officer)]  # an officer's token (online sign-in)
# only that the header is there, so a request without one is refused before its body is read;
# the route checks the token itself (see routes/events.py)
Bearer = Annotated[str, Depends(_bearer)]


# -- rate limits (sync/server/ratelimit.py) ---------------------------------------------------


def client_address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _take(limiter: RateLimiter, request: Request) -> None:
    wait = limiter.take(client_address(request))
    if wait:
        raise ApiError(
            429,
            "rate_limited",
            f"too many attempts from this address; retry in {wait} s",
            {"Retry-After": str(wait)},
        )


# in a worker thread, as they write to the database (the buckets every instance shares)
def enrol_attempt(request: Request, state: State) -> None:
    """For ``dependencies=[Depends(enrol_attempt)]``: refused before anything else is done."""
    _take(state.enrol_limit, request)


def login_attempt(request: Request, state: State) -> None:
    _take(state.login_limit, request)


# -- bodies -------------------------------------------------------------------------------------


async def read_body(request: Request, limit: int = MAX_REQUEST_BYTES) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise ApiError(413, "too_large", f"request bodies are limited to {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"request bodies are limited to {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def raw_body(limit: int = MAX_REQUEST_BYTES) -> Callable[[Request], Awaitable[bytes]]:
    """A dependency: the request's bytes, at most ``limit`` of them (else 413)."""

    async def body(request: Request) -> bytes:
        return await read_body(request, limit)

    return body


def json_body(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency: the request's JSON as ``model`` (413 when too large, 422 when invalid).
    Read here rather than by FastAPI, for the size limit and the error bodies of the protocol."""

    async def body(request: Request) -> M:
        return validated(await read_body(request), model)

    return body


def json_response(model: BaseModel | None) -> Response:
    """Encoded straight from the model: FastAPI would validate the answer again first, and for
    a sync route in another trip to a worker thread, with the request's session still open
    (SQLite's write lock held, a pooled connection taken). Routes that answer this way name
    their model in ``response_model=`` for the OpenAPI schema."""
    assert model is not None
    return Response(model.model_dump_json(), media_type="application/json")
