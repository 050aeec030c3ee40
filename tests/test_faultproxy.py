"""The fault-injecting proxy, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import itertools
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.faultproxy import FAULTS, FaultProxy, FaultRates, parse_target

pytestmark = pytest.mark.timeout(20)

REPO = Path(__file__).resolve().parent.parent
CHAOS = FaultRates(
    drop=0.08, delay=0.05, reset_before_response=0.1, reset_mid_response=0.06, http_503=0.08,
    slow=0.06,
)  # fmt: skip
CLOSING = {"drop", "reset_before_response", "reset_mid_response", "http_503"}


class Upstream:
    """An echo server that records the X-Request-Id of every request it handled."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.lock = threading.Lock()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn does
            timeout = 10
            disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with upstream.lock:
                    upstream.seen.append(self.headers.get("X-Request-Id", ""))
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # the proxy cuts connections on purpose

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port: int = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def ids(self) -> set[str]:
        with self.lock:
            return set(self.seen)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    server = Upstream()
    yield server
    server.close()


def post(client: httpx.Client, rid: str, body: bytes = b"ping") -> httpx.Response:
    return client.post("/echo", content=body, headers={"X-Request-Id": rid})


def drive(port: int, n: int, prefix: str) -> list[str]:
    """n sequential requests on one keep-alive client: "ok", "503" or "error" for each."""
    outcomes = []
    # a generous timeout: the proxy must never leave a request hanging (asserted below), but a
    # busy machine may take seconds to answer one that is merely slow
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for i in range(n):
            body = f"body-{prefix}-{i}".encode()
            try:
                r = post(client, f"{prefix}-{i}", body)
            except httpx.TransportError as exc:
                assert not isinstance(exc, httpx.TimeoutException), exc
                outcomes.append("error")
                continue
            if r.status_code == 503:
                assert r.headers["content-type"] == "application/json"
                assert r.json() == {"error": {"code": "unavailable", "message": "injected"}}
                outcomes.append("503")
            else:
                assert r.status_code == 200 and r.content == body
                outcomes.append("ok")
    return outcomes


def wait_until(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def closed_unanswered(sock: socket.socket) -> bool:
    try:
        data = sock.recv(100)
    except ConnectionResetError:
        data = b""
    sock.close()
    return data == b""


def test_refuses_targets_off_this_machine() -> None:
    for host in ("10.0.0.1", "example.com", "0.0.0.0"):
        with pytest.raises(ValueError):
            FaultProxy(80, target_host=host)
    with pytest.raises(ValueError):
        parse_target("192.168.1.10:8000")
    assert parse_target("localhost:8000") == ("localhost", 8000)
    with pytest.raises(ValueError):
        FaultRates(drop=1.5)
    with pytest.raises(ValueError):
        FaultRates.only(drop=0.6, slow=0.6)


def test_pass_forwards_bodies_byte_exactly(upstream: Upstream) -> None:
    big = os.urandom(2 * 1024 * 1024)
    with FaultProxy(upstream.port) as proxy:
        with httpx.Client(base_url=f"http://127.0.0.1:{proxy.port}", timeout=10) as client:
            for i, body in enumerate((b"", b"xin chao", big, bytes(range(256)) * 3)):
                r = post(client, f"p{i}", body)
                assert r.status_code == 200 and r.content == body
        stats = proxy.stats
    assert stats["connections"] == 1 and stats["requests"] == 4
    assert stats["bytes_up"] > len(big) and stats["bytes_down"] > len(big)
    assert upstream.ids() == {"p0", "p1", "p2", "p3"}


def test_down_fails_fast_and_cuts_existing_connections(upstream: Upstream) -> None:
    with FaultProxy(upstream.port) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        with httpx.Client(base_url=url, timeout=5) as client:
            assert post(client, "before").status_code == 200
            proxy.set_mode("down")
            for rid in ("kept-alive", "fresh"):
                # refused or reset at once: not left to the client's timeout
                with pytest.raises(httpx.TransportError) as caught:
                    post(client, rid)
                assert not isinstance(caught.value, httpx.TimeoutException)
            proxy.set_mode("pass")
            assert post(client, "after").status_code == 200
        assert proxy.stats["reset_down"] >= 2
    assert upstream.ids() == {"before", "after"}


def test_blackhole_times_out_then_recovers(upstream: Upstream) -> None:
    with FaultProxy(upstream.port) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        with httpx.Client(base_url=url, timeout=0.5) as client:
            assert post(client, "before").status_code == 200
            proxy.set_mode("blackhole")
            with pytest.raises(httpx.TimeoutException):
                post(client, "kept-alive")  # opened before the outage
            held = socket.create_connection(("127.0.0.1", proxy.port), timeout=5)
            held.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            assert wait_until(lambda: proxy.stats["blackholed"] == 2)
            proxy.set_mode("pass")
            assert closed_unanswered(held)  # cut on leaving blackhole
            assert post(client, "after").status_code == 200
    assert upstream.ids() == {"before", "after"}


def test_chaos_injects_every_fault_and_the_server_agrees(upstream: Upstream) -> None:
    with FaultProxy(upstream.port, seed=7, mode="chaos", faults=CHAOS) as proxy:
        outcomes = drive(proxy.port, 300, "c")
        decisions, stats = proxy.decisions, proxy.stats
    assert len(decisions) == 300 and set(FAULTS) <= set(decisions)
    seen = upstream.ids()
    for i, (fault, outcome) in enumerate(zip(decisions, outcomes, strict=True)):
        reached_server = f"c-{i}" in seen
        if fault == "http_503":
            assert outcome == "503" and not reached_server
        elif fault == "drop":
            assert outcome == "error" and not reached_server
        elif fault in ("reset_before_response", "reset_mid_response"):
            # The dangerous case for exactly-once delivery: done on the server, an error here.
            assert outcome == "error" and reached_server, (i, fault)
        else:
            assert outcome == "ok" and reached_server, (i, fault)
    for fault in FAULTS:
        assert stats[fault] == decisions.count(fault), fault
    # Faults hit kept-alive connections, not only fresh ones.
    closing = sum(d in CLOSING for d in decisions)
    assert stats["connections"] <= closing + 1
    assert any(a not in CLOSING and b in CLOSING for a, b in itertools.pairwise(decisions))


def test_same_seed_same_decisions(upstream: Upstream) -> None:
    runs: list[tuple[list[str], list[str]]] = []
    for seed in (11, 11, 12):
        with FaultProxy(upstream.port, seed=seed, mode="chaos", faults=CHAOS) as proxy:
            outcomes = drive(proxy.port, 60, f"s{len(runs)}")
            runs.append((proxy.decisions, outcomes))
    assert runs[0] == runs[1]
    assert runs[0][0] != runs[2][0]


def test_close_is_prompt_with_connections_held(upstream: Upstream) -> None:
    proxy = FaultProxy(upstream.port, mode="blackhole")
    held = [socket.create_connection(("127.0.0.1", proxy.port), timeout=5) for _ in range(5)]
    for sock in held:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert wait_until(lambda: proxy.stats["blackholed"] == 5)
    proxy.close()  # returns (a hang is caught by the test timeout) with its thread ended
    assert not proxy._thread.is_alive()
    assert all(closed_unanswered(sock) for sock in held)


def test_process_prints_obeys_control_file_and_stops(upstream: Upstream, tmp_path: Path) -> None:
    control = tmp_path / "mode"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.faultproxy", "--target", f"127.0.0.1:{upstream.port}",
         "--seed", "3", "--mode", "pass", "--control", str(control)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert select.select([proc.stdout], [], [], 10)[0], "no listening line"
        line = proc.stdout.readline()
        assert line.startswith("listening 127.0.0.1:") and line.endswith("\n")
        url = f"http://127.0.0.1:{int(line.rsplit(':', 1)[1])}"

        def answers(client: httpx.Client) -> bool:
            try:
                return post(client, "probe").status_code == 200
            except httpx.TransportError:
                return False

        with httpx.Client(base_url=url, timeout=0.5) as client:
            assert answers(client)
            control.write_text("down\n")
            assert wait_until(lambda: not answers(client))
            control.write_text("pass")
            assert wait_until(lambda: answers(client))
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=5)
        assert proc.returncode == 0, err
        assert out == ""  # exactly one line in all
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=5)


def test_process_refuses_remote_target() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.faultproxy", "--target", "10.1.2.3:80"],
        cwd=REPO, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    assert proc.returncode == 2 and "127.0.0.1" in proc.stderr
    assert proc.stdout == ""
