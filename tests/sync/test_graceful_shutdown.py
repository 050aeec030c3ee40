"""Graceful shutdown (issue 23 item 4): a SIGTERM (a rolling restart, systemd stopping the
unit) stops taking new connections at once, answers the request already in flight, then ends
— a counter's batch in flight is answered, not cut off. It ends by the signal it was sent
(uvicorn raises it again once shut down, so a parent sees why it stopped), which systemd counts
as a clean stop of a service."""

from __future__ import annotations

import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from sync.limits import API_PREFIX
from tests.synctools import ServerProcess


def _refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_the_request_in_flight_is_answered_after_sigterm(tmp_path: Path) -> None:
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs").start()
    assert srv.proc is not None
    body = json.dumps({"agency": "000.00.00.H01", "counter": "Q01"}).encode()

    def slow() -> Iterator[bytes]:
        yield body[:10]  # the request is under way
        srv.proc.send_signal(signal.SIGTERM)  # type: ignore[union-attr]
        deadline = time.monotonic() + 30
        while not _refused(srv.port):  # shutdown has begun: no new connection is taken
            assert time.monotonic() < deadline, "the server kept listening after SIGTERM"
            time.sleep(0.02)
        yield body[10:]

    try:
        with httpx.Client(base_url=srv.url, timeout=30) as http:
            answer = http.post(
                f"{API_PREFIX}/counters/enroll",
                content=slow(),
                headers={"content-type": "application/json"},
            )
        # an answer (this body is not a valid enrolment), not a connection cut off
        assert answer.status_code in (400, 401, 422), answer.text
        assert srv.proc.wait(timeout=30) == -signal.SIGTERM
    finally:
        srv.stop()
