"""The server's storage failing (issue 17, low items): a SQLite database locked by someone else
is "503, try again" with Retry-After, never a 500, and the counter backs off with its events
still queued (no dead letter); a full disk answers 503 with a clear log line; a damaged
database stops the server at start with a clear message, not a stack trace."""

from __future__ import annotations

import os
import secrets
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.store.models import OutboxRow
from sync.connectivity import Unreachable
from sync.server.cli import main as server_main
from tests.clitools import run_main_in_process
from tests.disks import fill, tiny_tmpfs
from tests.sync.test_engine import _receive
from tests.sync.test_server_api import Device
from tests.synctools import ServerProcess, make_counter

BUSY = ("--busy-timeout", "0.2")  # seconds a write waits for the SQLite lock


@contextmanager
def locked(db: Path) -> Iterator[None]:
    """Another process holds the database's write lock (a backup tool, an admin's sqlite3)."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs", extra=BUSY)
    srv.start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


def test_a_locked_database_is_503_with_retry_after(busy_server: ServerProcess) -> None:
    dev = Device(busy_server, "Q01")
    with locked(Path(busy_server.db_url.removeprefix("sqlite:///"))):
        r = dev.http.post("/events", json={"events": [dev.event(str(uuid.uuid4()), code=None)]})
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "busy"
        assert int(r.headers["retry-after"]) >= 1
        r = dev.http.put(f"/blobs/{'a' * 64}", params={"size": 3, "offset": 0}, content=b"abc")
        assert r.status_code == 503 and r.json()["error"]["code"] == "busy"
    (res,) = dev.push(dev.event(str(uuid.uuid4()), code=None, status=3))
    assert res["outcome"] == "applied"


def test_the_counter_backs_off_and_keeps_its_events(
    busy_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, busy_server.url, "Q01")
    _receive(q1)
    with (
        locked(Path(busy_server.db_url.removeprefix("sqlite:///"))),
        pytest.raises(Unreachable, match="503"),
    ):
        q1.sync()
    with q1.db.read() as s:
        dead = select(func.count()).select_from(OutboxRow).where(OutboxRow.dead)
        waiting = select(func.count()).select_from(OutboxRow).where(OutboxRow.acked_at.is_(None))
        assert s.scalar(dead) == 0 and (s.scalar(waiting) or 0) > 0
    report = q1.sync()
    assert report.rejected == 0 and report.pushed > 0


def test_a_full_disk_is_503_and_a_clear_log_line(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "disk", 2) as mount:
        srv = ServerProcess(f"sqlite:///{mount / 'server.db'}", mount / "blobs")
        srv.log = tmp_path / "server.log"  # not on the disk about to be full
        srv.start()
        try:
            srv.ensure_admin()
            dev = Device(srv, "Q01")
            fill(mount)
            data = secrets.token_bytes(200_000)
            r = dev.http.put(
                f"/blobs/{'b' * 64}", params={"size": len(data), "offset": 0}, content=data
            )
            assert r.status_code == 503, r.text
            assert r.json()["error"]["code"] == "storage_full"
        finally:
            srv.stop()
        log = srv.log.read_text(encoding="utf-8")
        assert "đầy" in log and "Traceback" not in log


def test_a_damaged_database_stops_the_server_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    out = run_main_in_process(
        server_main, ["--db", f"sqlite:///{db}", "report"], dict(os.environ), None
    )
    assert out.returncode == 0, out.stderr
    raw = bytearray(db.read_bytes())
    raw[:100] = secrets.token_bytes(100)  # the header is gone
    db.write_bytes(bytes(raw))
    out = run_main_in_process(
        server_main, ["--db", f"sqlite:///{db}", "report"], dict(os.environ), None
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "hỏng" in out.stderr


def _drop_connections(db_url: str) -> int:
    """PostgreSQL ends every session of the database (a restart, a failover, an idle timeout in
    between): what the server's pooled connections then meet."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    dsn = f"host={url.host} port={url.port} user={url.username} dbname={url.database}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def test_connections_postgresql_dropped_are_503_then_served(
    pg_admin_url: str, tmp_path: Path
) -> None:
    """After PostgreSQL drops the instance's connections, a request that meets a dropped one is
    "503, try again" — never a 500 the counter would take for a refusal — and the instance
    opens new connections for the next: nothing is lost, the counter sends again."""
    from tests.pgcluster import fresh_database

    srv = ServerProcess(fresh_database(pg_admin_url, f"drop_{uuid.uuid4().hex[:12]}"), tmp_path)
    srv.start()
    try:
        srv.ensure_admin()
        dev = Device(srv, "Q01")
        for round_ in range(3):
            event = dev.event(str(uuid.uuid4()), code=None, status=3)
            assert dev.http.post("/events", json={"events": [event]}).status_code == 200
            assert _drop_connections(srv.db_url) > 0
            statuses = []
            for _ in range(5):
                r = dev.http.post("/events", json={"events": [event]})
                statuses.append(r.status_code)
                if r.status_code == 200:
                    assert r.json()["results"][0]["outcome"] == "duplicate"
                    break
                assert r.status_code == 503, (round_, r.text)
                assert r.json()["error"]["code"] == "database_unreachable"
                assert int(r.headers["retry-after"]) >= 1
            assert statuses[-1] == 200, statuses
        log = srv.log.read_text(errors="replace")
        assert "Traceback" not in log and "unexpected error" not in log
    finally:
        srv.stop()
