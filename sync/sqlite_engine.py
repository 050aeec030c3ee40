"""The SQLite settings shared by the counter's store and the reference server: WAL, every commit
on disk before it is acknowledged (an acked event must survive a power cut, since the other
side then forgets its copy), foreign keys, and write transactions that take the lock at BEGIN
so two writers queue instead of failing half-way."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event


def tune_sqlite(
    engine: Engine,
    *,
    busy_ms: int,
    immediate_option: str,
    autocheckpoint: Callable[[], bool] = lambda: True,
) -> None:
    """``immediate_option``: the execution option that marks a connection as a writer;
    ``autocheckpoint``: asked for each new connection, whether its commits checkpoint the WAL
    (SQLite's default) or leave that to someone else."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let the "begin" hook below decide how transactions start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        if not autocheckpoint():
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(immediate_option, False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
