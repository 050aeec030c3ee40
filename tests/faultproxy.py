"""A fault-injecting TCP proxy between an HTTP client and a server, both on 127.0.0.1.

Sync tests put it between httpx and uvicorn to prove that every event is delivered exactly
once through outages. In-process::

    with FaultProxy(server_port, seed=7, mode="chaos") as proxy:
        client = httpx.Client(base_url=f"http://127.0.0.1:{proxy.port}")
        ...
        proxy.set_mode("down")

As a process (a test can switch modes by writing a mode name into the control file)::

    python -m tests.faultproxy --target 127.0.0.1:8000 --seed 7 --mode chaos --control FILE

Modes: ``pass`` forwards faithfully; ``down`` resets every connection; ``blackhole`` accepts
and swallows everything (clients time out); ``chaos`` injects the faults of ``FaultRates``.

In chaos mode a fault is decided for every request: the first client bytes on a connection,
and again the first client bytes after any response bytes, so that kept-alive connections
are hit too. Decisions come from ``random.Random(seed)`` with a fixed number of draws per
request, so the same seed and the same sequence of requests give the same decisions
(``FaultProxy.decisions``). Timing (how reads are split, how long sleeps last) still varies.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import signal
import socket
import struct
import sys
import threading
from dataclasses import dataclass, fields
from pathlib import Path

MODES = ("pass", "down", "blackhole", "chaos")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
_BUF = 65536
_SLOW_BYTES = 4096  # only the head of each read trickles, so a big body cannot stall a test
_SLOW_CHUNK = 128
_SLOW_SLEEP = 0.002
_BODY_503 = b'{"error":{"code":"unavailable","message":"injected"}}'
RESPONSE_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(_BODY_503), _BODY_503)
)


@dataclass(frozen=True)
class FaultRates:
    """Probability per request of each fault in chaos mode; at most one fault per request."""

    drop: float = 0.03
    delay: float = 0.05
    reset_before_response: float = 0.05
    reset_mid_response: float = 0.03
    http_503: float = 0.04
    slow: float = 0.03

    def __post_init__(self) -> None:
        rates = [getattr(self, f.name) for f in fields(self)]
        if any(not 0.0 <= p <= 1.0 for p in rates) or sum(rates) > 1.0 + 1e-9:
            raise ValueError(f"fault rates must be in 0..1 and sum to at most 1: {self}")

    @classmethod
    def only(cls, **rates: float) -> FaultRates:
        """The given rates, every other fault off."""
        return cls(**{**{f.name: 0.0 for f in fields(cls)}, **rates})


FAULTS = tuple(f.name for f in fields(FaultRates))
STAT_KEYS = (
    "connections", "requests", "bytes_up", "bytes_down", *FAULTS,
    "reset_down", "blackholed", "upstream_errors",
)  # fmt: skip


@dataclass(frozen=True)
class _Decision:
    fault: str | None
    delay: float  # seconds, for "delay"
    cut: float  # the share of the first response read that "reset_mid_response" lets through


_NO_FAULT = _Decision(None, 0.0, 0.0)


def parse_target(target: str) -> tuple[str, int]:
    """``HOST:PORT`` for a local host only: the proxy must never reach another machine."""
    host, _, port = target.rpartition(":")
    if host not in LOCAL_HOSTS:
        raise ValueError(f"the target must be 127.0.0.1 or localhost, not {host!r}")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"bad target port in {target!r}")
    return host, int(port)


def _rst(writer: asyncio.StreamWriter) -> None:
    # SO_LINGER 0 turns the close into an RST: the client sees "connection reset", the way a
    # crashed server or a middlebox dropping state looks, rather than a polite FIN.
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class _Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.client_r, self.client_w = reader, writer
        self.up_w: asyncio.StreamWriter | None = None
        self.s2c: asyncio.Task[None] | None = None
        self.blackholed = False
        self.closed = False
        self.awaiting_request = True
        self.response_started = False
        self.decision = _NO_FAULT

    def reset(self) -> None:
        if not self.closed:
            self.closed = True
            _rst(self.client_w)
            if self.up_w is not None:
                self.up_w.close()

    def close(self) -> None:
        self.closed = True
        self.client_w.close()
        if self.up_w is not None:
            self.up_w.close()


class FaultProxy:
    """A proxy on 127.0.0.1 running its own asyncio loop in a daemon thread."""

    def __init__(
        self,
        target_port: int,
        *,
        seed: int = 0,
        mode: str = "pass",
        faults: FaultRates | None = None,
        listen_port: int = 0,
        target_host: str = "127.0.0.1",
    ) -> None:
        parse_target(f"{target_host}:{target_port}")
        _check_mode(mode)
        self.target_port = target_port
        self.faults = faults or FaultRates()
        self._rng = random.Random(seed)
        self._mode = mode
        self._listen_port = listen_port
        self._conns: set[_Conn] = set()
        self._stats = dict.fromkeys(STAT_KEYS, 0)
        self._decisions: list[str] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = asyncio.Event()
        self.port = 0  # the listening port, known once __init__ returns
        self._error: BaseException | None = None
        self._ready = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="faultproxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10) or self._error is not None:
            self.close()
            raise self._error or RuntimeError("the fault proxy did not start")

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def stats(self) -> dict[str, int]:
        with self._lock:
            return dict(self._stats)

    @property
    def decisions(self) -> list[str]:
        """The fault decided for each request in chaos mode, in order ("none" for none)."""
        with self._lock:
            return list(self._decisions)

    def set_mode(self, mode: str) -> None:
        """Switch modes; returns once existing connections have been cut as the mode asks."""
        _check_mode(mode)
        if self._loop is None or self._closed:
            raise RuntimeError("the fault proxy is closed")
        asyncio.run_coroutine_threadsafe(self._apply_mode(mode), self._loop).result(timeout=5)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _count(self, key: str, n: int = 1) -> None:
        with self._lock:
            self._stats[key] += n

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to the thread that waits in __init__
            self._error = exc
        finally:
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        server = await asyncio.start_server(self._handle, "127.0.0.1", self._listen_port)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            server.close()
            for conn in list(self._conns):
                conn.reset()  # their reads end, so handlers finish on their own
            tasks = asyncio.all_tasks() - {asyncio.current_task()}
            if tasks:
                _, late = await asyncio.wait(tasks, timeout=1)
                for task in late:  # sleeping in a delay, or connecting
                    task.cancel()
                if late:
                    await asyncio.wait(late, timeout=1)

    async def _apply_mode(self, mode: str) -> None:
        self._mode = mode
        for conn in list(self._conns):
            if mode == "down":
                self._count("reset_down")
                conn.reset()
            elif mode == "blackhole":
                # Kept-alive connections must go silent too, or a client would keep talking
                # to the server through a connection opened before the outage.
                if not conn.blackholed:
                    self._count("blackholed")
                conn.blackholed = True
            elif conn.blackholed:
                conn.reset()

    def _decide(self) -> _Decision:
        # Always three draws, whatever is decided, so one decision never shifts the next.
        roll, delay, cut = self._rng.random(), self._rng.uniform(0.010, 0.300), self._rng.random()
        fault = None
        for name in FAULTS:
            rate: float = getattr(self.faults, name)
            if roll < rate:
                fault = name
                break
            roll -= rate
        with self._lock:
            self._decisions.append(fault or "none")
        return _Decision(fault, delay, cut)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = _Conn(reader, writer)
        self._count("connections")
        if self._mode == "down":
            self._count("reset_down")
            _rst(writer)
            return
        if self._mode == "blackhole":
            self._count("blackholed")
            conn.blackholed = True
        self._conns.add(conn)
        try:
            await self._client_to_server(conn)
        except (OSError, asyncio.CancelledError):
            # Only close() cancels, and Python 3.11's start_server logs a cancelled handler
            # as an error, so the handler ends quietly instead.
            pass
        finally:
            self._conns.discard(conn)
            if conn.s2c is not None and not conn.s2c.done():
                conn.s2c.cancel()
            conn.close()

    async def _client_to_server(self, conn: _Conn) -> None:
        while data := await conn.client_r.read(_BUF):
            if conn.blackholed:
                continue
            if conn.awaiting_request:
                conn.awaiting_request = conn.response_started = False
                self._count("requests")
                conn.decision = self._decide() if self._mode == "chaos" else _NO_FAULT
                fault = conn.decision.fault
                if fault in ("drop", "http_503", "delay", "slow"):
                    self._count(fault)
                if fault == "drop":
                    return
                if fault == "http_503":
                    await self._answer_503(conn)
                    return
                if fault == "delay":
                    await asyncio.sleep(conn.decision.delay)
                if conn.up_w is None and not await self._connect(conn):
                    return
            if conn.closed or conn.up_w is None:
                return
            await self._send(conn, conn.up_w, data, "bytes_up")
        # Pass a half-close on: the client may still be waiting for the rest of a response.
        if conn.up_w is not None and conn.s2c is not None and not conn.closed:
            conn.up_w.write_eof()
            await conn.s2c

    async def _answer_503(self, conn: _Conn) -> None:
        conn.client_w.write(RESPONSE_503)
        await conn.client_w.drain()
        conn.client_w.write_eof()
        # Closing with unread request bytes would send an RST that can destroy the 503 before
        # the client reads it, so read until the client closes (a "lingering close").
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(1.0):
                while await conn.client_r.read(_BUF):
                    pass

    async def _connect(self, conn: _Conn) -> bool:
        try:
            async with asyncio.timeout(5):
                reader, writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except (OSError, TimeoutError):
            self._count("upstream_errors")
            conn.reset()
            return False
        if conn.closed:  # the mode changed while connecting
            writer.close()
            return False
        conn.up_w = writer
        conn.s2c = asyncio.create_task(self._server_to_client(conn, reader))
        return True

    async def _server_to_client(self, conn: _Conn, reader: asyncio.StreamReader) -> None:
        try:
            while data := await reader.read(_BUF):
                if conn.blackholed:
                    continue
                fault = conn.decision.fault
                first, conn.response_started = not conn.response_started, True
                if fault == "reset_before_response":
                    # The server has done the work (it is answering); the client never learns.
                    self._count(fault)
                    conn.reset()
                    return
                if fault == "reset_mid_response" and first:
                    cut = min(max(1, int(len(data) * conn.decision.cut)), len(data) - 1)
                    await self._send(conn, conn.client_w, data[:cut], "bytes_down")
                    await asyncio.sleep(0.05)  # let the partial bytes land before the RST
                    self._count(fault)
                    conn.reset()
                    return
                # Before the write, not after: the client may send its next request as soon
                # as the bytes land, while this task is still in drain().
                conn.awaiting_request = True
                await self._send(conn, conn.client_w, data, "bytes_down")
            if not conn.closed:
                conn.client_w.write_eof()
        except OSError:
            conn.reset()

    async def _send(self, conn: _Conn, w: asyncio.StreamWriter, data: bytes, key: str) -> None:
        if conn.decision.fault == "slow":
            head, data = data[:_SLOW_BYTES], data[_SLOW_BYTES:]
            for i in range(0, len(head), _SLOW_CHUNK):
                if conn.closed:
                    return
                w.write(head[i : i + _SLOW_CHUNK])
                await w.drain()
                await asyncio.sleep(_SLOW_SLEEP)
            self._count(key, len(head))
        if conn.closed:
            return
        w.write(data)
        await w.drain()
        self._count(key, len(data))


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faultproxy", description=__doc__)
    parser.add_argument("--target", required=True, help="127.0.0.1:PORT or localhost:PORT")
    parser.add_argument("--listen-port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=MODES, default="pass")
    parser.add_argument("--control", type=Path, help="a file holding a mode name, polled")
    parser.add_argument(
        "--rate", action="append", default=[], metavar="FAULT=P",
        help=f"override one fault rate; faults: {', '.join(FAULTS)}",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        host, port = parse_target(args.target)
        rates = FaultRates(**{k: float(v) for k, _, v in (r.partition("=") for r in args.rate)})
    except (ValueError, TypeError) as exc:
        parser.error(str(exc))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _sig, _frame: stop.set())
    with FaultProxy(
        port, target_host=host, seed=args.seed, mode=args.mode, faults=rates,
        listen_port=args.listen_port,
    ) as proxy:  # fmt: skip
        print(f"listening 127.0.0.1:{proxy.port}", flush=True)
        while not stop.wait(0.1):
            with contextlib.suppress(OSError):  # not written yet, or being replaced
                wanted = args.control.read_text(encoding="utf-8").strip() if args.control else ""
                if wanted in MODES and wanted != proxy.mode:
                    proxy.set_mode(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())


class PoisonProxy:
    """An HTTP proxy on 127.0.0.1 in front of the real server that answers 500 to every push
    (``POST …/events``) whose body names one of the ``poison`` event ids, the way a server
    fails on one event it cannot store; everything else is forwarded as it is.

    ``fail_all_pushes`` answers 500 to every push instead: a server that is broken for all
    events, not poisoned by one. ``pushes`` counts the push requests seen."""

    def __init__(self, target_port: int, poison: set[str] | None = None) -> None:
        import http.server

        import httpx

        self.poison = set(poison or ())
        self.fail_all_pushes = False
        self.pushes = 0
        self.failed = 0
        upstream = httpx.Client(base_url=f"http://127.0.0.1:{target_port}", timeout=30)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the test output stays readable

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.command == "POST" and self.path.endswith("/events"):
                    with proxy._lock:
                        proxy.pushes += 1
                        poisoned = proxy.fail_all_pushes or any(
                            p.encode() in body for p in proxy.poison
                        )
                        proxy.failed += poisoned
                    if poisoned:
                        self._answer(500, b'{"error":{"code":"internal","message":"injected"}}')
                        return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "content-length", "connection")
                }
                r = upstream.request(self.command, self.path, content=body, headers=headers)
                self._answer(r.status_code, r.content, r.headers.get("content-type"))

            def _answer(self, status: int, body: bytes, kind: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind or "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _forward

        self._lock = threading.Lock()
        self._upstream = upstream
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._upstream.close()

    def __enter__(self) -> PoisonProxy:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
