"""The throw-away PostgreSQL cluster the reference server's tests run on."""

from __future__ import annotations

import contextlib
import os
import select
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests import pgcluster
from tests.pgcluster import PostgresUnavailable, fresh_database, throwaway_cluster

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the helper is for POSIX machines")


@pytest.fixture(scope="module")
def admin_url() -> Iterator[str]:
    """One cluster for the module, the way a session-wide fixture would use it."""
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_cluster())
        except PostgresUnavailable as exc:
            pytest.skip(f"PostgreSQL not available: {exc}")
        yield url


def _scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar_one()
    finally:
        engine.dispose()


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of the live processes whose command line contains text."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # exited meanwhile, or not ours to read
            continue
        if text in cmdline:
            found.append(f"{proc.name}: {cmdline}")
    return found


def _listening_addresses(port: int) -> set[str]:
    """The local addresses with a TCP socket listening on port, from /proc/net."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state = fields[1], fields[3]
                address, _, hex_port = local.rpartition(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    addresses.add(address)
    return addresses


def test_tables_round_trip(admin_url: str) -> None:
    url = fresh_database(admin_url, "roundtrip")
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    dossiers = sa.Table(
        "dossiers",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("applicant", sa.String(200), nullable=False),
    )
    try:
        meta.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                dossiers.insert(),
                [{"id": 1, "applicant": "Nguyễn Văn An"}, {"id": 2, "applicant": "Trần Thị Bình"}],
            )
        with engine.connect() as conn:
            rows = conn.execute(sa.select(dossiers).order_by(dossiers.c.id)).all()
            encoding = conn.execute(sa.text("SHOW server_encoding")).scalar_one()
        assert [tuple(r) for r in rows] == [(1, "Nguyễn Văn An"), (2, "Trần Thị Bình")]
        assert encoding == "UTF8"
    finally:
        engine.dispose()


def test_listens_on_loopback_only(admin_url: str) -> None:
    url = make_url(admin_url)
    assert url.host == "127.0.0.1"
    assert url.port is not None
    assert _scalar(admin_url, "SHOW listen_addresses") == "127.0.0.1"
    assert str(_scalar(admin_url, "SELECT inet_server_addr()")) == "127.0.0.1"
    # What the kernel sees: one listening socket on the port, bound to 127.0.0.1 only
    # (/proc/net/tcp writes 127.0.0.1 as 0100007F), none on 0.0.0.0 or IPv6.
    assert _listening_addresses(url.port) == {"0100007F"}


def test_unix_socket_is_in_the_private_directory(admin_url: str) -> None:
    data_dir = Path(str(_scalar(admin_url, "SHOW data_directory")))
    socket_dir = str(_scalar(admin_url, "SHOW unix_socket_directories"))
    assert socket_dir == str(data_dir.parent)
    assert data_dir.parent.name.startswith("motcua-pg-")
    port = make_url(admin_url).port
    assert (Path(socket_dir) / f".s.PGSQL.{port}").is_socket()


def test_server_does_not_run_as_root(admin_url: str) -> None:
    data_dir = Path(str(_scalar(admin_url, "SHOW data_directory")))
    pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
    owner = Path(f"/proc/{pid}").stat().st_uid
    import pwd  # POSIX only: here, not at the top, so the module imports on Windows

    expected = pwd.getpwnam("postgres").pw_uid if os.geteuid() == 0 else os.geteuid()
    assert owner == expected


def test_fresh_databases_are_independent(admin_url: str) -> None:
    first = fresh_database(admin_url, "independent_a")
    second = fresh_database(admin_url, "independent_b")
    assert make_url(first).database == "independent_a"
    assert make_url(second).database == "independent_b"

    engine = sa.create_engine(first)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE only_in_a (x integer)"))
            conn.execute(sa.text("INSERT INTO only_in_a VALUES (1)"))
    finally:
        engine.dispose()

    assert _scalar(first, "SELECT count(*) FROM only_in_a") == 1
    assert _scalar(second, "SELECT to_regclass('only_in_a') IS NULL") is True
    assert _scalar(second, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


def test_fresh_database_rejects_names_that_need_quoting(admin_url: str) -> None:
    with pytest.raises(ValueError):
        fresh_database(admin_url, 'x"; DROP DATABASE postgres; --')


def _start_and_note() -> tuple[int, Path]:
    """Enter a cluster, record its postmaster pid and directory, and leave it."""
    with throwaway_cluster("leftovers") as url:
        data_dir = Path(str(_scalar(url, "SHOW data_directory")))
        pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
        assert Path(f"/proc/{pid}").exists()
        assert _processes_mentioning(str(data_dir))
    return pid, data_dir


def _assert_gone(pid: int, data_dir: Path) -> None:
    # Not even a zombie: the postmaster is our own child and has been waited for.
    assert not Path(f"/proc/{pid}").exists()
    assert _processes_mentioning(str(data_dir)) == []
    assert not data_dir.parent.exists()


def test_exit_stops_the_server_and_removes_its_directory(admin_url: str) -> None:
    # admin_url: only to skip where PostgreSQL is missing; this test starts its own cluster.
    pid, data_dir = _start_and_note()
    _assert_gone(pid, data_dir)


def test_exit_cleans_up_when_the_body_raises(admin_url: str) -> None:
    noted: list[tuple[int, Path]] = []

    class Boom(Exception):
        pass

    with pytest.raises(Boom), throwaway_cluster("raises") as url:
        data_dir = Path(str(_scalar(url, "SHOW data_directory")))
        noted.append((int((data_dir / "postmaster.pid").read_text().split()[0]), data_dir))
        raise Boom
    pid, data_dir = noted[0]
    _assert_gone(pid, data_dir)


def test_missing_binaries_raise_postgres_unavailable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pgcluster, "_DEBIAN_ROOT", tmp_path / "no-postgresql")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PostgresUnavailable, match="postgresql"), throwaway_cluster():
        pytest.fail("the body must not run without a server")


def test_a_taken_port_is_retried(admin_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real_free_port = pgcluster._free_port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1], real_free_port()])
        monkeypatch.setattr(pgcluster, "_free_port", lambda: next(ports))
        with throwaway_cluster("retried") as url:
            assert make_url(url).port != taken.getsockname()[1]
            assert _scalar(url, "SELECT 1") == 1


_ORPHAN_SCRIPT = """
import sys, time
from tests.pgcluster import throwaway_cluster
with throwaway_cluster("orphan") as url:
    print(url, flush=True)
    time.sleep(120)
"""


# slow (make check-all), for the default suite's 5-minute budget: the cluster's own clean-up
# after a killed test run; it does not test the product
@pytest.mark.slow
def test_a_cluster_whose_test_process_was_killed_is_reaped_by_the_next(admin_url: str) -> None:
    # A test process killed with SIGKILL runs no `finally`: its postmaster lives on. The
    # next cluster start must stop it, or CI machines would collect postgres processes.
    repo = Path(__file__).resolve().parents[1]
    child = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT], cwd=repo, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "the child did not start its cluster within 60 s"
        orphan_url = child.stdout.readline().strip()
        data_dir = Path(str(_scalar(orphan_url, "SHOW data_directory")))
        pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        child.kill()
        child.wait(timeout=30)
        assert pgcluster._alive(pid), "the postmaster should outlive a SIGKILLed test"

        with throwaway_cluster("after_orphan"):
            pass

        assert not pgcluster._alive(pid)
        assert _processes_mentioning(str(data_dir)) == []
        assert not data_dir.parent.exists()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        pgcluster._reap_stale()  # whatever the assertions found, leave nothing running
