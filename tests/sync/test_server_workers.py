"""`motcua-server --workers N` (issue 23 item 1): N processes serve one port; a worker killed
outright is replaced and the counters' requests keep being answered meanwhile; SIGTERM ends
them all."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from desktop.domain.reception import parse_form
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, make_counter


def _workers(pid: int) -> set[int]:
    """The serving processes: the server's children that are not its statistics workers'."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _wait_for(check, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 30
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_workers_share_the_port_and_a_dead_one_is_replaced(tmp_path: Path) -> None:
    srv = ServerProcess(
        f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs", extra=("--workers", "2")
    ).start()
    srv.ensure_admin()
    assert srv.proc is not None
    parent = srv.proc.pid
    try:
        _wait_for(lambda: len(_workers(parent)) == 2, "two serving processes")
        c = make_counter(tmp_path, srv.url, "Q01")
        c.service.receive(parse_form(minimal_form()), OFFICER)
        assert c.sync().rejected == 0
        first, _second = sorted(_workers(parent))
        os.kill(first, signal.SIGKILL)
        # answered meanwhile by the other, and the parent starts a new one
        c.service.receive(parse_form(minimal_form(name="Trần Thị Bình")), OFFICER)
        report = c.sync()
        assert report.rejected == 0 and report.pushed == 1
        _wait_for(
            lambda: len(_workers(parent)) == 2 and first not in _workers(parent),
            "a replacement for the killed process",
        )
        with httpx.Client(base_url=srv.url, timeout=10) as http:
            assert http.get("/readyz").status_code == 200
        left = _workers(parent)
        srv.proc.send_signal(signal.SIGTERM)
        assert srv.proc.wait(timeout=30) == 0
        assert not any(Path(f"/proc/{p}").exists() and _alive(p) for p in left)
    finally:
        srv.stop()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"
