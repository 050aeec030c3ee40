"""The counter's HTTP client for the provincial server.

Every answer is validated against the protocol before anyone uses it: a malformed answer is an
error, never data. Network failures and 5xx become :class:`Unreachable` (retry later, with
backoff); other 4xx become :class:`Refused` with the server's machine-readable code; a 401 makes
the client sign in again once with the device key, then repeat the request.
"""

from __future__ import annotations

import functools
import ssl
from datetime import date
from typing import Any, Protocol, TypeVar
from uuid import UUID

import httpx
from pydantic import BaseModel, ValidationError

from .connectivity import Cause, Unreachable, classify
from .limits import API_PREFIX
from .protocol import (
    AuditAnchor,
    AuditHead,
    BlobStatus,
    ChangesResponse,
    ClaimAnswer,
    ClaimRequest,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    LeaseRequest,
    LeaseResponse,
    LoginRequest,
    LoginResponse,
    PasswordChangeRequest,
    PushRequest,
    PushResponse,
    ReconcileResponse,
    TokenGrant,
    WireEvent,
)

M = TypeVar("M", bound=BaseModel)
MAX_ANSWER_BYTES = 16 * 1024 * 1024


class Refused(Exception):
    """The server understood and said no (4xx other than a retryable one)."""

    # an expected refusal, not a bug (the app checks this name; this package does not
    # import the app to derive from its Refusal base)
    refusal_code = "server_refused"

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class ServerFailed(Unreachable):
    """The server answered 500: it failed on this request. Usually an outage (retried with
    backoff); when it repeats for one pushed event while others go through, that event is what
    the server cannot take (sync/engine.py isolates it)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(Cause.HTTP, detail)
        self.status = status


class Credentials(Protocol):
    """Where the counter's sync token lives (the OS keyring) and how to get a new one."""

    def token(self) -> str | None: ...

    def renew(self, client: ServerClient) -> str: ...


@functools.cache
def public_cas() -> ssl.SSLContext:
    """TLS settings trusting the public CAs (certifi's bundle, as httpx's ``verify=True``), made
    once per process and shared (an SSLContext is safe to share between threads): httpx loads
    the bundle again for every client, ~25 ms of CPU each."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class ServerClient:
    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None = None,
        *,
        verify: bool | str | ssl.SSLContext = True,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        # TLS verification is never switched off; ``verify`` may name a CA bundle file or be
        # an SSL context that trusts one
        self._http = httpx.Client(
            base_url=self.base_url,
            verify=public_cas() if verify is True or verify is False else verify,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            transport=transport,
            headers={"User-Agent": "motcua-desk"},
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the calls ------------------------------------------------------------------------------

    def health(self) -> Health:
        return self._call("GET", "/health", Health, auth=False)

    def enroll(self, req: EnrollRequest) -> EnrollResponse:
        return self._call("POST", "/counters/enroll", EnrollResponse, body=req, auth=False)

    def device_auth(self, req: BaseModel) -> TokenGrant:
        return self._call("POST", "/auth/device", TokenGrant, body=req, auth=False)

    def login(self, req: LoginRequest) -> LoginResponse:
        return self._call("POST", "/login", LoginResponse, body=req)

    def change_password(self, officer_token: str, req: PasswordChangeRequest) -> None:
        response = self._send("POST", "/password", body=req, auth=False, token=officer_token)
        _check(response, 204)

    def push(self, events: list[WireEvent]) -> PushResponse:
        body = PushRequest(events=events).model_dump_json().encode()
        return self.push_encoded([e.id for e in events], body)

    def push_encoded(self, ids: list[UUID], body: bytes) -> PushResponse:
        """Push a request :func:`encode_push` made; ``ids`` are its events' ids, in order."""
        return push_answer(ids, self.send_push(body))

    def send_push(self, body: bytes) -> httpx.Response:
        """Send a push request; the server's answer, once its status said it was taken.
        Read it with :func:`push_answer`."""
        response = self._send("POST", "/events", json=body)
        _check(response, 200)
        return response

    def push_feedback(self, ids: list[UUID], body: bytes) -> PushResponse:
        """Push feedback register entries (a ``FeedbackPush`` :func:`encode_feedback` made);
        ``ids`` are its entries' ids, in order. One result for each, as for events."""
        response = self._send("POST", "/feedback", json=body)
        return push_answer(ids, response)

    def changes(self, cursor: str | None, limit: int = 500) -> ChangesResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._call("GET", "/changes", ChangesResponse, params=params)

    def leases(self, req: LeaseRequest) -> LeaseResponse:
        return self._call("POST", "/leases", LeaseResponse, body=req)

    def blob_status(self, sha: str) -> BlobStatus:
        return self._call("GET", f"/blobs/{sha}", BlobStatus)

    def blob_put(self, sha: str, size: int, offset: int, chunk: bytes) -> BlobStatus:
        return self._call(
            "PUT",
            f"/blobs/{sha}",
            BlobStatus,
            params={"size": size, "offset": offset},
            raw=chunk,
        )

    def blob_get(self, sha: str, offset: int) -> tuple[bytes, int]:
        """A piece of a file of this counter's agency from ``offset``, and the file's size."""
        response = self._send("GET", f"/blobs/{sha}/content", params={"offset": offset})
        _check(response, 200)
        size = response.headers.get("x-blob-size", "")
        if not size.isdigit() or len(response.content) > int(size) - offset:
            raise ServerFailed(response.status_code, "the server's file answer is malformed")
        return response.content, int(size)

    def claim(self, req: ClaimRequest) -> ClaimAnswer:
        """Ask for (or give back) the claim to check an online dossier."""
        return self._call("POST", "/online/claim", ClaimAnswer, body=req)

    def reconcile(self, first: date, last: date) -> ReconcileResponse:
        params = {"first": first.isoformat(), "last": last.isoformat()}
        return self._call("GET", "/reconcile", ReconcileResponse, params=params)

    def audit_anchor(self, head: AuditHead | None = None) -> AuditAnchor:
        """Report the audit log's head (the server keeps the highest); without one, only ask
        which head the server holds."""
        if head is None:
            return self._call("GET", "/audit-anchor", AuditAnchor)
        return self._call("POST", "/audit-anchor", AuditAnchor, body=head)

    # -- plumbing -------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: BaseModel | None = None,
        json: bytes | None = None,
        raw: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> M:
        response = self._send(method, path, body=body, json=json, raw=raw, params=params, auth=auth)
        return _read(response, model)

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        json: bytes | None = None,
        raw: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        token: str | None = None,
    ) -> httpx.Response:
        """``body`` is a model to encode, ``json`` an already encoded JSON body, ``raw`` bytes."""
        headers: dict[str, str] = {}
        content: bytes | None = None
        if raw is not None:
            content, headers["Content-Type"] = raw, "application/octet-stream"
        elif json is not None:
            content = json
        elif body is not None:
            content = body.model_dump_json().encode()
        if content is not None and raw is None:
            headers["Content-Type"] = "application/json"

        def send(bearer: str | None) -> httpx.Response:
            h = dict(headers)
            if bearer:
                h["Authorization"] = f"Bearer {bearer}"
            try:
                return self._http.request(
                    method, API_PREFIX + path, content=content, params=params, headers=h
                )
            except httpx.HTTPError as exc:
                raise classify(exc) from exc

        bearer = token
        if auth and self.credentials is not None:
            bearer = self.credentials.token() or self.credentials.renew(self)
        response = send(bearer)
        if response.status_code == 401 and auth and self.credentials is not None:
            response = send(self.credentials.renew(self))
        return response


def push_answer(ids: list[UUID], response: httpx.Response) -> PushResponse:
    """The answer to a push of the events (or feedback entries) ``ids``: one result for each,
    or a protocol error."""
    answer = _read(response, PushResponse)
    got = [r.id for r in answer.results]
    if len(got) != len(ids) or set(got) != set(ids):
        raise Unreachable(Cause.PROTOCOL, "câu trả lời không khớp các sự kiện đã gửi")
    return answer


def encode_push(wires: list[bytes]) -> bytes:
    """A push request from events already encoded one by one (``WireEvent`` JSON)."""
    return b'{"events":[' + b",".join(wires) + b"]}"


def encode_feedback(wires: list[bytes]) -> bytes:
    """A feedback push from entries already encoded one by one (``FeedbackEntry`` JSON)."""
    return b'{"entries":[' + b",".join(wires) + b"]}"


def _check(response: httpx.Response, expect: int) -> None:
    status = response.status_code
    if status == 500:
        raise ServerFailed(status, f"máy chủ trả lời HTTP {status}{_code_of(response)}")
    if status >= 500 or status in (408, 429):
        raise Unreachable(Cause.HTTP, f"máy chủ trả lời HTTP {status}{_code_of(response)}")
    if status != expect:
        if 300 <= status < 400:
            raise Unreachable(Cause.PROTOCOL, f"máy chủ chuyển hướng (HTTP {status})")
        code, message = "http_error", f"HTTP {status}"
        try:
            err = ErrorBody.model_validate_json(response.content)
            code, message = err.error.code, err.error.message
        except ValidationError:
            pass
        raise Refused(status, code, message)


def _read(response: httpx.Response, model: type[M]) -> M:
    _check(response, 200)
    if len(response.content) > MAX_ANSWER_BYTES:
        raise Unreachable(Cause.PROTOCOL, "câu trả lời của máy chủ quá lớn")
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise Unreachable(
            Cause.PROTOCOL,
            f"câu trả lời của máy chủ không đúng giao thức ({exc.error_count()} lỗi)",
        ) from None


def _code_of(response: httpx.Response) -> str:
    try:
        return f" ({ErrorBody.model_validate_json(response.content).error.code})"
    except ValidationError:
        return ""
