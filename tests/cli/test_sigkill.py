"""SIGKILL in the middle of a bulk reception leaves a consistent database: the list is one
transaction, so either every dossier of it is there (each with its event and outbox row) or none
is; every dossier the command reported is there; running the same file again (its items carry a
``request_id``) finishes the list exactly once, never receiving a citizen twice (issue 17, item
6: re-running a file after SIGKILLs used to create duplicate dossiers); the next run carries on
with the next code."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.clitools import MOTCUA, Cli
from tests.conftest import minimal_form

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _batch(tmp_path: Path, n: int) -> Path:
    batch = tmp_path / "batch.json"
    items = [{**minimal_form(), "request_id": f"dot-1/{i}"} for i in range(n)]
    batch.write_text(json.dumps(items))
    return batch


def _run(cli: Cli, batch: Path, kill_at: float | None) -> tuple[list[dict], bool]:
    """Run ``receive --json BATCH``, killed after ``kill_at`` seconds (None: let it finish);
    what it reported, and whether it was killed before it ended."""
    proc = subprocess.Popen(
        [
            *MOTCUA,
            "--data-dir",
            str(cli.data_dir),
            "receive",
            "--json",
            str(batch),
            "--user",
            "admin",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cli.env,
        text=True,
    )
    if kill_at is not None:
        try:
            proc.wait(timeout=kill_at)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err
    return [json.loads(x) for x in out.splitlines() if x.strip()], killed


def _check_consistent(db: Path, reported: list[dict]) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for r in reported:
            row = conn.execute("SELECT code, status FROM dossiers WHERE id = ?", (r["id"],))
            assert row.fetchone() == (r["code"], 2), f"reported dossier {r['code']} was lost"
        # nothing half-written: each dossier has its reception event, each event its outbox row
        orphans = conn.execute(
            "SELECT count(*) FROM dossiers d WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.dossier_id = d.id AND e.type = 'received')"
        ).fetchone()[0]
        assert orphans == 0
        unqueued = conn.execute(
            "SELECT count(*) FROM events e LEFT JOIN outbox o ON o.event_id = e.id "
            "WHERE o.event_id IS NULL"
        ).fetchone()[0]
        assert unqueued == 0
        codes = [c for (c,) in conn.execute("SELECT code FROM dossiers ORDER BY register_seq")]
        seqs = [int(c[-3:]) for c in codes]
        assert seqs == list(range(1, len(seqs) + 1)), "codes are consecutive, none reused"
        events = [s for (s,) in conn.execute("SELECT seq FROM events ORDER BY seq")]
        assert events == list(range(1, len(events) + 1))
        return len(codes)
    finally:
        conn.close()


def test_sigkill_mid_batch_then_a_rerun_receives_each_item_once(cli: Cli, tmp_path: Path) -> None:
    n = 60
    batch = _batch(tmp_path, n)
    rng = random.Random(20231027)
    kills = 0
    for _ in range(3):
        # anywhere from interpreter start-up to the commit and the printing after it
        reported, killed = _run(cli, batch, rng.uniform(0.2, 3.0) if kills else 0.2)
        kills += killed
        stored = _check_consistent(cli.data_dir / "motcua.db", reported)
        assert stored in (0, n), "the list is all or nothing"
        if stored == n:
            break
    assert kills >= 1, "no run was killed: the test proves nothing"
    # run the same file until it ends on its own: the list is received once, whatever happened
    reported, killed = _run(cli, batch, None)
    assert not killed and len(reported) == n
    assert len({r["id"] for r in reported}) == n
    assert _check_consistent(cli.data_dir / "motcua.db", reported) == n
    again, _ = _run(cli, batch, None)
    assert [r["id"] for r in again] == [r["id"] for r in reported]
    assert all(r["existing"] for r in again)
    # after the crashes the counter carries on with the next number
    out = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    assert int(out["code"][-3:]) == n + 1
