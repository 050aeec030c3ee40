"""``motcua enroll`` and ``motcua sync`` as an IT officer and a counter run them: one sync
worker per database, a clear message and exit 4 when the server is away, status on demand."""

from __future__ import annotations

import json
from pathlib import Path

from filelock import FileLock

from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess


def _counter(tmp_path: Path, server: ServerProcess, name: str = "Q01") -> Cli:
    cli = Cli(tmp_path / name)
    cli.ok(
        "init",
        "--province",
        "an-giang",
        "--agency",
        "000.00.12.H01",
        "--counter",
        name,
        "--server",
        server.url,
        "--admin-user",
        "admin",
    )
    enrolled = cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD})
    assert enrolled.returncode == 0, enrolled.stderr
    assert "dải số dự phòng 980–999" in enrolled.stdout
    return cli


def test_enroll_receive_sync_and_status(sqlite_server: ServerProcess, tmp_path: Path) -> None:
    cli = _counter(tmp_path, sqlite_server)
    status = cli.json("sync", "--status", "--json")
    assert status["configured"] and status["online"] is None and status["pending"] == 0
    out = cli.json("sync", "--once", "--json")
    assert out["leased"] >= 3 and out["reconciled"]
    got = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    assert got["code"].endswith("001")
    assert cli.json("sync", "--status", "--json")["pending"] == 1
    out = cli.json("sync", "--once", "--json")
    assert out["pushed"] == 1
    status = cli.json("sync", "--status", "--json")
    assert status["online"] is True and status["pending"] == 0 and status["last_sync_at"]
    text = cli.ok("sync", "--status")
    assert "trực tuyến" in text and "Chờ gửi: 0" in text


def test_offline_sync_says_why_and_the_counter_keeps_working(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    cli = _counter(tmp_path, sqlite_server)
    sqlite_server.stop()
    got = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    assert got["status"] == 2
    p = cli.run("sync", "--once", "--retries", "1", "--backoff", "0.05")
    assert p.returncode == 4
    assert "Chưa đồng bộ được" in p.stderr and "tcp" in p.stderr and "Traceback" not in p.stderr
    status = cli.json("sync", "--status", "--json")
    assert status["online"] is False and status["cause"] == "tcp" and status["pending"] == 1
    sqlite_server.start()
    assert cli.json("sync", "--once", "--json")["pushed"] == 1


def test_one_sync_worker_per_database(sqlite_server: ServerProcess, tmp_path: Path) -> None:
    cli = _counter(tmp_path, sqlite_server)
    with FileLock(str(cli.data_dir / "sync.lock"), timeout=1):
        p = cli.run("sync", "--once")
        assert p.returncode == 1 and "đang chạy" in p.stderr
    assert cli.run("sync", "--once").returncode == 0


def test_counter_without_a_server_is_told_so(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "alone")
    cli.ok(
        "init",
        "--province",
        "kon-tum",
        "--agency",
        "000.00.23.H34",
        "--counter",
        "Q01",
        "--admin-user",
        "admin",
    )
    p = cli.run("sync", "--once")
    assert p.returncode == 1 and "chưa khai báo máy chủ" in p.stderr
    assert "tự cấp mã" in cli.ok("sync", "--status")
