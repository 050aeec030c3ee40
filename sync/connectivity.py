"""Is the provincial server reachable, and if not, why: DNS, TCP, TLS, an HTTP error status, a
timeout, or an answer that is not the protocol (DESIGN.md §6). The counter shows this to the
officer and opens incidents from it; nothing here waits on the network itself."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

import httpx


class Cause(StrEnum):
    DNS = "dns"
    TCP = "tcp"
    TLS = "tls"
    HTTP = "http"
    TIMEOUT = "timeout"
    PROTOCOL = "protocol"


class Unreachable(Exception):
    """The server could not be used just now; worth retrying later."""

    # an expected refusal, not a bug (the app checks this name; this package does not
    # import the app to derive from its Refusal base)
    refusal_code = "server_unreachable"

    def __init__(self, cause: Cause, detail: str) -> None:
        super().__init__(f"{cause.value}: {detail}")
        self.cause = cause
        self.detail = detail


def classify(exc: BaseException) -> Unreachable:
    """Name the layer that failed, looking through httpx's wrapping to the OS error."""
    if isinstance(exc, Unreachable):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return Unreachable(Cause.TIMEOUT, type(exc).__name__)
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 10:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for inner in chain:
        if isinstance(inner, socket.gaierror):
            return Unreachable(Cause.DNS, f"không phân giải được tên máy chủ ({inner.strerror})")
        if isinstance(inner, ssl.SSLCertVerificationError):
            return Unreachable(Cause.TLS, _untrusted(inner))
        if isinstance(inner, ssl.SSLError | ssl.CertificateError):
            return Unreachable(Cause.TLS, f"lỗi TLS/chứng chỉ: {type(inner).__name__}")
        if isinstance(inner, TimeoutError | socket.timeout):
            return Unreachable(Cause.TIMEOUT, "quá thời gian chờ")
    text = " ".join(str(x) for x in chain).lower()
    if "name or service not known" in text or "nodename nor servname" in text:
        return Unreachable(Cause.DNS, "không phân giải được tên máy chủ")
    if "ssl" in text or "certificate" in text:
        return Unreachable(Cause.TLS, "lỗi TLS/chứng chỉ")
    if isinstance(exc, httpx.TransportError):
        return Unreachable(Cause.TCP, _tcp_detail(chain))
    return Unreachable(Cause.TCP, type(exc).__name__)


def _untrusted(exc: ssl.SSLCertVerificationError) -> str:
    why = {
        "certificate has expired": "chứng chỉ máy chủ đã hết hạn",
        "Hostname mismatch": "chứng chỉ không cấp cho địa chỉ này",
        "IP address mismatch": "chứng chỉ không cấp cho địa chỉ này",
    }
    reason = str(exc.verify_message or "")
    for key, text in why.items():
        if key in reason:
            return f"không tin được máy chủ: {text}"
    return (
        "không tin được chứng chỉ của máy chủ (nếu tỉnh dùng CA riêng, cán bộ IT cài tệp CA "
        "trong Cài đặt hoặc bằng 'motcua server ca-bundle')"
    )


def _tcp_detail(chain: list[BaseException]) -> str:
    for inner in chain:
        if isinstance(inner, ConnectionRefusedError):
            return "máy chủ từ chối kết nối"
        if isinstance(inner, ConnectionResetError):
            return "kết nối bị ngắt"
    return f"lỗi kết nối ({type(chain[0]).__name__})"


@dataclass(frozen=True)
class Connectivity:
    online: bool | None  # None: not tried yet
    cause: Cause | None = None
    detail: str = ""
    since: datetime | None = None  # when the current state began (UTC)
    last_ok: datetime | None = None
    failures: int = 0  # consecutive


Listener = Callable[[Connectivity, Connectivity], None]


class ConnectivityMonitor:
    """Keeps the current state; tells listeners (old, new) on every observation."""

    def __init__(self, initial: Connectivity | None = None) -> None:
        self._state = initial or Connectivity(online=None)
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def state(self) -> Connectivity:
        return self._state

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def ok(self, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        with self._lock:
            old = self._state
            since = old.since if old.online else now
            self._state = Connectivity(online=True, since=since, last_ok=now)
        self._tell(old)

    def failed(self, problem: Unreachable, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        with self._lock:
            old = self._state
            since = now if old.online is not False else old.since
            self._state = replace(
                old,
                online=False,
                cause=problem.cause,
                detail=problem.detail,
                since=since,
                failures=old.failures + 1 if old.online is False else 1,
            )
        self._tell(old)

    def _tell(self, old: Connectivity) -> None:
        for listener in list(self._listeners):
            listener(old, self._state)
