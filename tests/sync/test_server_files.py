"""The server's files are its account's alone, and its database password need not be on the
command line (issue 17, item 12): the SQLite database, its WAL and shared-memory files and
every attachment are 0600, their directories 0700, whatever the umask; the database address
comes from MOTCUA_SERVER_DB or from a file named by --db-file."""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.cli import main as server_main
from tests.clitools import run_main_in_process
from tests.sync.test_server_api import Device
from tests.synctools import ServerProcess

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask of a service account, which leaves new files world-readable."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_database_wal_and_attachments_are_private(tmp_path: Path, loose_umask: None) -> None:
    db = tmp_path / "tinh" / "server.db"
    db.parent.mkdir()
    blobs = tmp_path / "tinh" / "blobs"
    srv = ServerProcess(f"sqlite:///{db}", blobs).start()
    try:
        srv.ensure_admin()
        dev = Device(srv, "Q01")
        data = secrets.token_bytes(2000)
        sha = hashlib.sha256(data).hexdigest()
        r = dev.http.put(f"/blobs/{sha}", params={"size": 2000, "offset": 0}, content=data[:900])
        assert r.status_code == 200, r.text
        (res,) = dev.push(dev.event(str(uuid.uuid4()), code=None, status=3))
        assert res["outcome"] == "applied"
        partial = [p for p in (blobs / "partial").rglob("*") if p.is_file()]
        r = dev.http.put(f"/blobs/{sha}", params={"size": 2000, "offset": 900}, content=data[900:])
        assert r.json()["complete"] is True
        wal = db.with_name("server.db-wal")
        shm = db.with_name("server.db-shm")
        assert wal.exists() and shm.exists()  # the server is running: WAL mode
        files = [db, wal, shm, blobs / sha[:2] / sha]
        dirs = [blobs, blobs / "partial", blobs / sha[:2], *{p.parent for p in partial}]
        assert partial, "the half-uploaded file was on disk"
        assert {str(f): oct(_mode(f)) for f in files} == {str(f): "0o600" for f in files}
        assert {str(d): oct(_mode(d)) for d in dirs} == {str(d): "0o700" for d in dirs}
    finally:
        srv.stop()


def test_an_existing_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    db = tmp_path / "cu.db"
    url = f"sqlite:///{db}"
    out = run_main_in_process(
        server_main, ["--db", url, "report", "--json"], dict(os.environ), None
    )
    assert out.returncode == 0, out.stderr
    db.chmod(0o644)  # made by an older server
    out = run_main_in_process(
        server_main, ["--db", url, "report", "--json"], dict(os.environ), None
    )
    assert out.returncode == 0, out.stderr
    assert _mode(db) == 0o600


def test_database_address_from_the_environment_or_a_file(
    server: ServerProcess, tmp_path: Path
) -> None:
    """No password in ``ps``: the address (with its password) from MOTCUA_SERVER_DB or a file."""
    env = {k: v for k, v in os.environ.items() if k != "MOTCUA_SERVER_DB"}
    blobs = ["--blobs", str(server.blobs)]
    out = run_main_in_process(
        server_main, [*blobs, "report", "--json"], {**env, "MOTCUA_SERVER_DB": server.db_url}, None
    )
    assert out.returncode == 0, out.stderr
    assert '"counters"' in out.stdout
    secret = tmp_path / "db-url"
    secret.write_text(server.db_url + "\n", encoding="utf-8")
    secret.chmod(0o600)
    out = run_main_in_process(
        server_main, ["--db-file", str(secret), *blobs, "report", "--json"], env, None
    )
    assert out.returncode == 0, out.stderr
    assert '"counters"' in out.stdout
    # nothing given: a clear refusal, not a traceback
    out = run_main_in_process(server_main, [*blobs, "report"], env, None)
    assert out.returncode != 0
    assert "MOTCUA_SERVER_DB" in out.stderr and "Traceback" not in out.stderr
    out = run_main_in_process(
        server_main, ["--db-file", str(tmp_path / "khong-co"), "report"], env, None
    )
    assert out.returncode == 1
    assert "khong-co" in out.stderr and "Traceback" not in out.stderr
