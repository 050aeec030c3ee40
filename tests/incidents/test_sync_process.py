"""The incident record kept by a real ``motcua sync`` process while the fault proxy cuts the
counter off: a blip shorter than the grace opens nothing, and a sync process SIGKILLed — during
the grace period or during the incident — and started again carries on the same incident."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.clitools import Cli
from tests.faultproxy import FaultProxy
from tests.incidents.tools import SyncProcess, counter, incidents, shorten_grace, wait_for
from tests.synctools import ServerProcess

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _rows(cli: Cli) -> list[dict[str, Any]]:
    """Every incident row, watches included, read the way another program would."""
    db = sqlite3.connect(f"file:{cli.data_dir / 'motcua.db'}?mode=ro", uri=True, timeout=15)
    try:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("select * from incidents order by id")]
    finally:
        db.close()


def _online(cli: Cli) -> bool:
    return bool(cli.json("sync", "--status", "--json")["online"])


def test_a_blip_shorter_than_the_grace_opens_no_incident(
    server: ServerProcess, proxy: FaultProxy, tmp_path: Path
) -> None:
    cli = counter(tmp_path, f"http://127.0.0.1:{proxy.port}")
    shorten_grace(cli, 60)
    sync = SyncProcess(cli, tmp_path / "sync.log", interval=0.3, backoff=0.1).start()
    try:
        wait_for("a first successful cycle", lambda: _online(cli))
        proxy.set_mode("down")
        watch = wait_for("the trouble to be noticed", lambda: _rows(cli))
        assert [r["state"] for r in watch] == ["watch"]
        time.sleep(1.5)
        proxy.set_mode("pass")
        wait_for("sync to work again", lambda: _online(cli) and not _rows(cli))
    finally:
        sync.stop()
    assert incidents(cli) == []
    assert "Ghi nhận sự cố" not in sync.output()


# slow (make check-all), for the default suite's 5-minute budget: SIGKILL stays in the default
# suite through tests/cli/test_sigkill.py and the province fault test
@pytest.mark.slow
def test_a_sigkilled_sync_process_carries_on_the_same_incident(
    server: ServerProcess, proxy: FaultProxy, tmp_path: Path
) -> None:
    cli = counter(tmp_path, f"http://127.0.0.1:{proxy.port}")
    shorten_grace(cli, 4)
    log = tmp_path / "sync.log"
    sync = SyncProcess(cli, log, interval=0.3, backoff=0.1).start()
    try:
        wait_for("a first successful cycle", lambda: _online(cli))
        proxy.set_mode("down")
        (watch,) = wait_for("the trouble to be noticed", lambda: _rows(cli))
        assert watch["state"] == "watch"
        sync.kill()  # inside the grace period
        sync.start()
        (opened,) = wait_for("the incident", lambda: incidents(cli))
        assert opened["id"] == watch["id"] and opened["state"] == "open"
        started = datetime.fromisoformat(opened["started_at"])
        assert started == datetime.fromisoformat(watch["started_at"]), "dated before the kill"
        failures = opened["failures"]
        sync.kill()  # during the incident
        time.sleep(1)
        sync.start()
        wait_for("failures after the restart", lambda: incidents(cli)[0]["failures"] > failures)
        (still,) = incidents(cli)
        assert still["id"] == opened["id"] and still["started_at"] == opened["started_at"]
        proxy.set_mode("pass")
        wait_for("the close", lambda: incidents(cli)[0]["state"] == "closed", timeout=120)
    finally:
        sync.stop()
    (closed,) = incidents(cli)
    assert closed["id"] == opened["id"] and closed["ended_at"] > closed["started_at"]
    assert [r["state"] for r in _rows(cli)] == ["closed"]
    out = sync.output()
    assert out.count("Ghi nhận sự cố số") == 1 and "Traceback" not in out
