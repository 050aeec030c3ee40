"""The reference provincial server's HTTP API (``/api/v1``), a FastAPI app.

Anything malformed, oversized or unauthorised gets a 4xx with ``{"error": {"code", "message"}}``
and never a 500; a 500 means a bug, and its details go to the log, not to the client.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import (
    API_PREFIX,
    CHUNK_BYTES,
    MAX_CHANGES_PAGE,
    MAX_REQUEST_BYTES,
    PROTOCOL_VERSION,
    SHA256_RE,
    AuditAnchor,
    AuditHead,
    DayDigest,
    DeviceAuthRequest,
    EnrollRequest,
    EnrollResponse,
    Health,
    LeaseRequest,
    LeaseResponse,
    LoginRequest,
    LoginResponse,
    PasswordChangeRequest,
    PushRequest,
    PushResponse,
    ReconcileResponse,
    SeqRange,
    TokenGrant,
    day_digests,
    error_body,
)

from . import audit_anchor, storage
from . import blobs as blob_store
from .auth import (
    Caller,
    Forbidden,
    Unauthorized,
    caller_for,
    check_password,
    device_sign_in,
    issue_token,
    make_verifier,
    officer_record,
)
from .db import ServerDatabase, take_feed_ids
from .enrol import Conflict, enrol
from .feed import BadCursor, add_change, read_feed
from .ingest import push
from .models import AgencyRow, CounterRow, DossierRow, OfficerRow
from .officers import publish as publish_officer
from .ratelimit import ENROL_LIMIT, LOGIN_LIMIT, Limit, RateLimiter
from .sequences import lease
from .stats import DEFAULT_MAX_AGE
from .stats_worker import StatsPublisher

log = logging.getLogger("motcua.server")
M = TypeVar("M", bound=BaseModel)
_PASSWORD_RE = (re.compile(r"[A-Za-z]"), re.compile(r"\d"))


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers


def create_app(
    db: ServerDatabase,
    files: blob_store.BlobFiles,
    stats_max_age: timedelta | None = DEFAULT_MAX_AGE,
    sign_in_limits: tuple[Limit, Limit] = (ENROL_LIMIT, LOGIN_LIMIT),
) -> FastAPI:
    """``stats_max_age``: a pull first refreshes the agency's statistics snapshot when it is older
    (sync/server/stats.py); None publishes only on ``motcua-server stats publish``.
    ``sign_in_limits``: attempts per client address at enrolment and at officer sign-in."""
    app = FastAPI(title="Quầy Một Cửa — máy chủ tỉnh (tham chiếu)", docs_url=None, redoc_url=None)
    _errors(app)
    stats = StatsPublisher(db, stats_max_age)
    app.state.stats = stats  # the command line starts its worker before serving

    async def body_of(request: Request, limit: int = MAX_REQUEST_BYTES) -> bytes:
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

    async def parse(request: Request, model: type[M]) -> M:
        return validated(await body_of(request), model)

    def write(fn: Callable[[Session], Any]) -> Any:
        with db.write() as s:
            return fn(s)

    def counter_caller(request: Request) -> Caller:
        return caller_of(request.headers.get("authorization"))

    def caller_of(authorization: str | None) -> Caller:
        with db.engine.connect() as conn:
            try:
                return caller_for(conn, authorization)
            except Unauthorized as exc:
                raise ApiError(401, exc.code, str(exc)) from None

    @app.get(f"{API_PREFIX}/health")
    def health() -> Health:
        return Health(status="ok", protocol=PROTOCOL_VERSION, server_time=datetime.now(UTC))

    enrol_limit, login_limit = (RateLimiter(limit) for limit in sign_in_limits)

    def source_of(request: Request) -> str:
        return request.client.host if request.client else "?"

    def limited(limiter: RateLimiter, request: Request) -> None:
        wait = limiter.take(source_of(request))
        if wait:
            raise ApiError(
                429,
                "rate_limited",
                f"too many attempts from this address; retry in {wait} s",
                {"Retry-After": str(wait)},
            )

    def checked(s: Session, username: str, password: str, **where: Any) -> int | ApiError:
        """The officer's id, or the refusal to answer after the failure count is committed."""
        take_feed_ids(s, 0)  # one writer at a time: the failure counts stay exact
        try:
            return check_password(s, username, password, **where).id
        except Unauthorized as exc:
            return ApiError(401, exc.code, str(exc))

    @app.post(f"{API_PREFIX}/counters/enroll")
    async def enroll(request: Request) -> EnrollResponse:
        limited(enrol_limit, request)
        req = await parse(request, EnrollRequest)
        source = f"addr:{source_of(request)}"
        officer = await run_in_threadpool(
            write, lambda s: checked(s, req.username, req.password, source=source)
        )
        if isinstance(officer, ApiError):
            raise officer
        return await run_in_threadpool(write, lambda s: _guard(lambda: enrol(s, req, officer)))

    @app.post(f"{API_PREFIX}/auth/device")
    async def device(request: Request) -> TokenGrant:
        req = await parse(request, DeviceAuthRequest)

        def sign_in(s: Session) -> TokenGrant:
            counter = _guard(lambda: device_sign_in(s, req))
            token, expires = issue_token(s, "counter", counter.id)
            return TokenGrant(token=token, expires_at=expires.replace(tzinfo=UTC))

        return await run_in_threadpool(write, sign_in)

    @app.post(f"{API_PREFIX}/login")
    async def login(request: Request) -> Response:
        limited(login_limit, request)
        caller = await run_in_threadpool(counter_caller, request)
        req = await parse(request, LoginRequest)

        def sign_in(s: Session) -> tuple[LoginResponse | None, ApiError | None]:
            # only officers of the counter's agency; wrong guesses lock at this counter only
            found = checked(
                s,
                req.username,
                req.password,
                source=f"counter:{caller.counter_id}",
                agency=caller.agency,
            )
            if isinstance(found, ApiError):  # the failure count must be kept: commit, then 401
                return None, found
            officer = s.get(OfficerRow, found)
            assert officer is not None
            token, expires = issue_token(s, "officer", caller.counter_id, officer.id)
            grant = TokenGrant(token=token, expires_at=expires.replace(tzinfo=UTC))
            return LoginResponse(token=grant, officer=officer_record(officer)), None

        answer, problem = await run_in_threadpool(write, sign_in)
        if problem is not None:
            raise problem
        return _json(answer)

    @app.post(f"{API_PREFIX}/password")
    async def password(request: Request) -> Response:
        req = await parse(request, PasswordChangeRequest)

        def change(s: Session) -> None:
            try:
                who = caller_for(s, request.headers.get("authorization"), kind="officer")
            except Unauthorized as exc:
                raise ApiError(401, exc.code, str(exc)) from None
            officer = s.get(OfficerRow, who.officer_id)
            assert officer is not None
            source = f"counter:{who.counter_id}"
            _guard(lambda: check_password(s, officer.username, req.old_password, source=source))
            if not all(r.search(req.new_password) for r in _PASSWORD_RE):
                raise ApiError(422, "weak_password", "a password needs letters and digits")
            officer.verifier = make_verifier(req.new_password)
            officer.must_change_password = False
            publish_officer(s, officer)

        await run_in_threadpool(write, change)
        return Response(status_code=204)

    @app.post(f"{API_PREFIX}/events")
    async def events(request: Request) -> Response:
        authorization = request.headers.get("authorization")
        if not authorization:  # refused before its body is even read
            raise ApiError(401, "unauthenticated", "Authorization: Bearer <token> required")
        raw = await body_of(request)

        def ingest() -> PushResponse:
            # one trip to a worker thread for the whole batch: the token, then the body, then
            # the write; a batch is hundreds of events, and the event loop stays free meanwhile
            caller = caller_of(authorization)
            req = validated(raw, PushRequest)
            with db.write() as s:
                return PushResponse(results=push(s, caller, req.events))

        # encoded straight from the model: FastAPI would validate the answer again first
        return _json(await run_in_threadpool(ingest))

    @app.get(f"{API_PREFIX}/changes")
    def changes(request: Request, cursor: str | None = None, limit: int = 500) -> Response:
        caller = counter_caller(request)
        if not 1 <= limit <= MAX_CHANGES_PAGE:
            raise ApiError(422, "invalid_request", f"limit must be 1..{MAX_CHANGES_PAGE}")
        stats.refresh(caller.agency)
        with db.read() as s:
            try:
                return _json(read_feed(s, caller, cursor, limit))
            except BadCursor as exc:
                raise ApiError(422, "bad_cursor", str(exc)) from None

    @app.post(f"{API_PREFIX}/leases")
    async def leases(request: Request) -> LeaseResponse:
        caller = await run_in_threadpool(counter_caller, request)
        req = await parse(request, LeaseRequest)

        def grant(s: Session) -> LeaseResponse:
            take_feed_ids(s, 0)  # serialise with every other writer of the day sequences
            agency = s.get(AgencyRow, caller.agency)
            counter = s.get(CounterRow, caller.counter_id)
            assert agency is not None and counter is not None
            blocks = lease(s, agency, caller.counter_id, list(req.asks))
            if blocks:
                first = take_feed_ids(s, len(blocks))
                for i, b in enumerate(blocks):
                    add_change(
                        s,
                        first + i,
                        "lease",
                        b.model_dump(mode="json"),
                        agency=caller.agency,
                        counter_id=caller.counter_id,
                    )
            emergency = (
                SeqRange(start=counter.emergency_start, end=counter.emergency_end)
                if counter.emergency_start and counter.emergency_end
                else None
            )
            return LeaseResponse(blocks=blocks, emergency=emergency)

        return await run_in_threadpool(write, grant)

    @app.get(API_PREFIX + "/blobs/{sha}")
    def blob_status(request: Request, sha: str) -> Response:
        caller = counter_caller(request)
        _check_sha(sha)
        with db.read() as s:  # this counter's own upload only: no oracle for others' files
            return _json(blob_store.status(s, caller.counter_id, sha))

    @app.put(API_PREFIX + "/blobs/{sha}")
    async def blob_put(request: Request, sha: str, size: int, offset: int) -> Response:
        caller = await run_in_threadpool(counter_caller, request)
        _check_sha(sha)
        chunk = await body_of(request, limit=4 * CHUNK_BYTES)

        def put(s: Session) -> Any:
            take_feed_ids(s, 0)
            return blob_store.append(s, files, caller.counter_id, sha, size, offset, chunk)

        try:
            current, problem = await run_in_threadpool(write, put)
        except blob_store.BlobError as exc:
            raise ApiError(exc.status, exc.code, str(exc)) from None
        if problem is not None:
            raise ApiError(problem.status, problem.code, str(problem))
        return _json(current)

    @app.get(f"{API_PREFIX}/audit-anchor")
    def audit_anchor_get(request: Request) -> Response:
        caller = counter_caller(request)
        with db.read() as s:
            return _json(audit_anchor.current(s, caller.counter_id))

    @app.post(f"{API_PREFIX}/audit-anchor")
    async def audit_anchor_post(request: Request) -> Response:
        caller = await run_in_threadpool(counter_caller, request)
        head = await parse(request, AuditHead)

        def keep(s: Session) -> AuditAnchor:
            take_feed_ids(s, 0)  # one writer at a time, on PostgreSQL too
            return audit_anchor.raise_to(s, caller.counter_id, head)

        return _json(await run_in_threadpool(write, keep))

    @app.get(f"{API_PREFIX}/reconcile")
    def reconcile(request: Request, first: date, last: date) -> ReconcileResponse:
        caller = counter_caller(request)
        if (last - first).days > 400 or last < first:
            raise ApiError(422, "invalid_request", "reconcile at most 400 days at a time")
        with db.read() as s:
            return ReconcileResponse(days=_digests(s, caller, first, last))

    return app


def _digests(s: Session, caller: Caller, first: date, last: date) -> list[DayDigest]:
    code = func.coalesce(DossierRow.code, DossierRow.provisional_code)
    rows = s.execute(
        select(
            DossierRow.received_at,
            code,
            DossierRow.status,
            DossierRow.procedure,
            DossierRow.applicant_name,
            DossierRow.applicant_id,
        ).where(
            DossierRow.counter_id == caller.counter_id,
            DossierRow.received_at >= datetime.combine(first, datetime.min.time()),
            DossierRow.received_at <= datetime.combine(last, datetime.max.time()),
            code.is_not(None),
        )
    ).all()
    return day_digests(rows)


T = TypeVar("T")


def validated(raw: bytes, model: type[M]) -> M:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", _describe(exc)) from None


def _guard(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except Unauthorized as exc:
        raise ApiError(401, exc.code, str(exc)) from None
    except Forbidden as exc:
        raise ApiError(403, exc.code, str(exc)) from None
    except Conflict as exc:
        raise ApiError(409, exc.code, str(exc)) from None


def _check_sha(sha: str) -> None:
    if not SHA256_RE.match(sha):
        raise ApiError(422, "invalid_request", "blobs are named by their lower-case sha256")


def _json(model: BaseModel | None) -> Response:
    assert model is not None
    return Response(model.model_dump_json(), media_type="application/json")


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    more = exc.error_count() - 5
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return JSONResponse(error_body(exc.code, str(exc)), exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        first = errs[0] if errs else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse(
            error_body("invalid_request", f"{where}: {first.get('msg', 'invalid')}"), 422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), exc.status_code)

    async def _storage(_request: Request, exc: Exception) -> JSONResponse:
        problem = storage.classify(exc)
        if problem is None:
            log.exception("unexpected error", exc_info=exc)
            return JSONResponse(error_body("internal", "internal server error"), 500)
        if problem is not storage.BUSY:  # IT must act: one clear line, no stack
            log.error("%s (%s)", problem.message, type(exc).__name__)
        headers = {"Retry-After": str(problem.retry_after)}
        return JSONResponse(error_body(problem.code, problem.message), 503, headers=headers)

    # registered for these classes (not only Exception) so the answer is final: Starlette
    # re-raises what reaches its last-resort handler, and the log would get a traceback
    app.add_exception_handler(DBAPIError, _storage)
    app.add_exception_handler(OSError, _storage)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return JSONResponse(error_body("internal", "internal server error"), 500)
