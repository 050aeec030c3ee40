"""The serving process copies SQLite's write-ahead log into the database from a thread of its own,
so no counter's commit waits for a checkpoint; the log still reaches the database file."""

from __future__ import annotations

import time
from pathlib import Path

from sync.server.db import ServerDatabase


def _fill(db: ServerDatabase, rows: int) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO filler SELECT randomblob(4000) FROM n",
            (rows,),
        )


def test_the_log_is_copied_by_the_background_thread_not_by_commits(tmp_path: Path) -> None:
    path = tmp_path / "server.db"
    db = ServerDatabase(f"sqlite:///{path}")
    try:
        db.create_schema()
        db.checkpoint_in_background(every=0.05)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        before = path.stat().st_size
        _fill(db, 3000)  # about 12 MB: three times SQLite's own checkpoint threshold
        for _ in range(200):
            if path.stat().st_size > before + 10_000_000:
                break
            time.sleep(0.05)
        assert path.stat().st_size > before + 10_000_000, "the log never reached the database"
    finally:
        db.close()
    assert db._checkpointer is not None and not db._checkpointer.is_alive()


def test_other_processes_keep_sqlites_own_checkpoints(tmp_path: Path) -> None:
    """Admin commands and the statistics worker do not run the thread, so their commits
    checkpoint as SQLite does by default."""
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        db.create_schema()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        db.close()
