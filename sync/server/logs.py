"""The server's logs (issue 23 item 4): one JSON object per line on stderr, through the standard
``logging`` module, for whatever collects a province's logs (journald, Loki, ELK).

Every line has ``ts`` (UTC), ``level``, ``logger``, ``event`` and ``pid`` (``--workers`` runs
several processes); each answered request adds a line ``"event": "request"`` with its
``request_id`` (the ``X-Request-ID`` a proxy sent, else a new one, sent back in the answer),
``method``, ``path``, ``status``, ``duration_ms`` and, once the caller's token was checked, the
``agency`` and ``counter`` codes.

No personal data (Nghị định 13/2023/NĐ-CP on personal data protection): no request or answer
body, no query string, no header is logged, and an exception is logged as its type and the
places in the code it passed through — never its message, which for a database error holds the
statement's parameters (an applicant's name, ID number, phone, address) and could hold a token.
tests/sync/test_server_logs.py runs a real server through a catch-up and looks for them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import traceback
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = b"x-request-id"
_REQUEST_ID_RE = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
# what one request has learnt about its caller: a dict the request-log middleware makes, filled
# in by the token check (routes/deps.py caller_of) in whichever worker thread it runs — the
# thread gets a copy of the context, but the same dict
_request: ContextVar[dict[str, Any] | None] = ContextVar("motcua_request", default=None)
# fields a log call may add with extra={...}; anything else passed as extra is left out
_EXTRA_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "agency", "counter")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            "pid": record.process,
        }
        current = _request.get()
        if current is not None and "request_id" in current:
            out["request_id"] = current["request_id"]
        for name in _EXTRA_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                out[name] = value
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            out["error"] = type(exc).__name__
            # where it happened, without the message (see the module's docstring)
            out["trace"] = [
                f"{os.path.basename(f.filename)}:{f.lineno} {f.name}"
                for f in traceback.extract_tb(exc.__traceback__)
            ][-12:]
        return json.dumps(out, ensure_ascii=False, default=str)


def configure(level: str = "info") -> None:
    """The serving process's logging: JSON lines on stderr, replacing any handler set before."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if type(old) is logging.StreamHandler:  # a console handler (basicConfig's), not a file's
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # uvicorn's own lines (a failed request, a slow shutdown) go the same way, as JSON
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


def note_caller(agency: str, counter: str) -> None:
    """The request's caller, for its log line (called once its token was checked)."""
    current = _request.get()
    if current is not None:
        current["agency"] = agency
        current["counter"] = counter


_access = logging.getLogger("motcua.server.request")


class RequestLog:
    """ASGI middleware: one log line per answered request (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or ()).get(REQUEST_ID_HEADER, b"")
        request_id = given.decode("ascii") if _REQUEST_ID_RE.match(given) else uuid.uuid4().hex[:16]
        info: dict[str, Any] = {"request_id": request_id}
        token = _request.set(info)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or ())
                headers.append((REQUEST_ID_HEADER, request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if _access.isEnabledFor(logging.INFO):
                _access.info(
                    "request",
                    extra={
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "agency": info.get("agency"),
                        "counter": info.get("counter"),
                    },
                )
            _request.reset(token)
