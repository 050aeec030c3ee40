"""The counter's storage failing (issue 17, low items): a damaged database is found by
``PRAGMA quick_check`` when the counter opens it and nothing more is written to it; a full
disk, read-only media and an immutable database file are each one clear Vietnamese line on
stderr and exit 1, never a stack trace or "unexpected error"."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.db import DB_NAME, Database, DatabaseError
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.disks import ROOT, fill, tiny_tmpfs


def _init(cli: Cli) -> Cli:
    cli.ok(
        *("init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01"),
        *("--admin-user", "admin", "--admin-name", "Lê Thị Hạnh"),
    )
    return cli


def _receive(cli: Cli) -> subprocess.CompletedProcess[str]:
    form = json.dumps(minimal_form())
    return cli.run("receive", "--json", "-", "--user", "admin", stdin=form)


def _refused_clearly(p: subprocess.CompletedProcess[str], *words: str) -> None:
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and "không mong đợi" not in p.stderr, p.stderr
    assert p.stderr.startswith("Lỗi: "), p.stderr
    for word in words:
        assert word in p.stderr, p.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_an_index(db: Path) -> None:
    """Garble the cells of one index page: the database opens and reads its identity, but
    ``PRAGMA quick_check`` finds the damage (as after a power cut on a lying disk)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name='ix_events_dossier_id'"
    ).fetchone()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(secrets.token_bytes(page_size))


def test_a_damaged_database_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    cli = _init(Cli(tmp_path / "data"))
    assert _receive(cli).returncode == 0
    db = tmp_path / "data" / DB_NAME
    _damage_an_index(db)
    before = _digest(db)
    _refused_clearly(_receive(cli), "bị hỏng", "sao lưu")
    assert _digest(db) == before
    with pytest.raises(DatabaseError, match="bị hỏng"):
        Database.open(tmp_path / "data")


def test_a_database_with_a_garbage_header_is_a_clear_message(tmp_path: Path) -> None:
    cli = _init(Cli(tmp_path / "data"))
    db = tmp_path / "data" / DB_NAME
    with db.open("r+b") as f:
        f.write(secrets.token_bytes(100))
    p = _receive(cli)
    _refused_clearly(p, "bị hỏng")
    assert "sqlalche" not in p.stderr and "sqlite3." not in p.stderr


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path / "disk", 6) as mount:
        yield mount


def test_a_full_disk_is_a_clear_message(tiny_disk: Path) -> None:
    cli = _init(Cli(tiny_disk / "data"))
    fill(tiny_disk)
    _refused_clearly(_receive(cli), "đầy")


def test_read_only_media_is_a_clear_message(tiny_disk: Path) -> None:
    assert _receive(_init(Cli(tiny_disk / "data"))).returncode == 0
    # the same files seen through a read-only mount (a write-protected USB disk, a CD)
    media = tiny_disk.parent / "media"
    media.mkdir()
    subprocess.run(["mount", "--bind", str(tiny_disk), str(media)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(media)], check=True)
        _refused_clearly(_receive(Cli(media / "data")), "chỉ đọc")
    finally:
        subprocess.run(["umount", "-l", str(media)], check=False)


def test_an_immutable_database_file_is_a_clear_message(tmp_path: Path) -> None:
    if not ROOT:
        pytest.skip("chattr +i needs root")
    cli = _init(Cli(tmp_path / "data"))
    db = tmp_path / "data" / DB_NAME
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode:
        pytest.skip("this filesystem has no immutable attribute")
    try:
        _refused_clearly(_receive(cli), "Không ghi được")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
