"""The API's refusals: ``ApiError`` for what a route refuses, and the handlers that turn every
exception into ``{"error": {"code", "message"}}``.

Anything malformed, oversized or unauthorised gets a 4xx and never a 500; storage that cannot
serve (locked, full, read-only, damaged) gets a 503 with Retry-After; a 500 means a bug, and its
details go to the log, not to the client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import error_body
from sync.validation_vi import describe

from .. import storage
from ..auth import Forbidden, Unauthorized
from ..enrol import Conflict

log = logging.getLogger("motcua.server")
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers


def guarded(fn: Callable[[], T]) -> T:
    """``fn()``, its domain refusals (sync/server/auth.py, enrol.py) answered as 401/403/409."""
    try:
        return fn()
    except Unauthorized as exc:
        raise ApiError(401, exc.code, str(exc)) from None
    except Forbidden as exc:
        raise ApiError(403, exc.code, str(exc)) from None
    except Conflict as exc:
        raise ApiError(409, exc.code, str(exc)) from None


def validated(raw: bytes, model: type[M]) -> M:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", _describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    # in Vietnamese, naming the field: the counter shows this to the officer (issue 21 item 5)
    return describe(exc.errors(), limit=5)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return JSONResponse(error_body(exc.code, str(exc)), exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body("invalid_request", describe(exc.errors(), limit=5)), 422)

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
    # re-raises what reaches its last-resort handler, and the log would get a traceback. A
    # failed commit reaches them too: the request's session is closed before its answer is
    # sent (routes/deps.py)
    app.add_exception_handler(DBAPIError, _storage)
    app.add_exception_handler(OSError, _storage)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return JSONResponse(error_body("internal", "internal server error"), 500)
