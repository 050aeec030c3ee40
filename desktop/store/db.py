"""Opening the counter's SQLite database: WAL, synchronous=FULL, foreign keys, migrations.

Writers take the write lock up front (BEGIN IMMEDIATE) so two processes on one database never
deadlock upgrading a read lock; readers use deferred transactions and see a WAL snapshot.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic_core import from_json, to_json
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desktop.store.first_look import DB_NAME, MIGRATIONS, schema_head, stored_revision
from desktop.store.storage_errors import DAMAGED, DatabaseError, StorageError, storage_failure
from sync.sqlite_engine import tune_sqlite

__all__ = ["DB_NAME", "MIGRATIONS", "Database", "DatabaseError"]


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        # pydantic-core reads and writes JSON several times faster than the json module; event
        # payloads and dossier details are JSON columns read in bulk by sync and look-up
        self.engine = create_engine(
            f"sqlite:///{path}",
            json_serializer=lambda v: to_json(v).decode("utf-8"),
            json_deserializer=from_json,
        )
        tune_sqlite(self.engine, busy_ms=15000, immediate_option="write")

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = False) -> Database:
        path = data_dir / DB_NAME
        existed = path.exists()
        if not existed and not create:
            raise DatabaseError(
                f"Chưa khởi tạo quầy trong thư mục {data_dir}: chạy 'motcua init' trước"
            )
        try:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise storage_failure(exc, data_dir) or DatabaseError(
                f"Không tạo được thư mục dữ liệu {data_dir}: {exc.strerror}"
            ) from None
        db = cls(path)
        try:
            if existed:
                db.verify()  # before a migration or anything else writes to it
            db.migrate()
        except DatabaseError:
            db.close()
            raise
        except Exception as exc:  # a foreign or damaged file must not become a traceback
            db.close()
            problem = storage_failure(exc, data_dir)
            if problem is not None:
                raise problem from exc
            raise DatabaseError(f"Không mở được cơ sở dữ liệu {path}: {_first_line(exc)}") from exc
        _keep_private(data_dir, path)
        return db

    def verify(self) -> None:
        """``PRAGMA quick_check`` at start-up (issue 17): a database damaged by a power cut or a
        failing disk is refused before anything is written to it, so the damage does not
        spread and the IT officer restores the last backup. quick_check reads every page (on
        this machine about 1.7 s a GB); a database larger than FULL_CHECK_BYTES (a counter
        after several years) gets the check of the tables every write depends on instead, so
        opening it stays quick."""
        size = self.path.stat().st_size
        targets = [""] if size <= FULL_CHECK_BYTES else [f"({t})" for t in CORE_TABLES]
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            for target in targets:
                try:
                    rows = raw.execute(f"PRAGMA quick_check{target or '(1)'}").fetchall()
                except sqlite3.OperationalError as exc:
                    if "no such table" in str(exc):
                        continue  # an older schema, migrated next
                    raise
                if rows != [("ok",)]:
                    raise StorageError(DAMAGED)

    def migrate(self) -> None:
        head = schema_head()
        if head is not None and self._revision() == head:
            return  # the usual open: alembic (a quarter of a second to import) is not needed
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        with self.engine.connect().execution_options(write=True) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()

    def _revision(self) -> str | None:
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            return stored_revision(raw) if isinstance(raw, sqlite3.Connection) else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction holding the write lock; commits on success, rolls back on error."""
        with (
            self.engine.connect().execution_options(write=True) as conn,
            Session(bind=conn, expire_on_commit=False) as session,
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) the session keeps loaded attributes readable afterwards.
        with self.engine.connect() as conn, Session(bind=conn, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


FULL_CHECK_BYTES = 128 * 1024 * 1024
CORE_TABLES = (
    "alembic_version",
    "counter_identity",
    "sequences",
    "code_blocks",
    "officers",
    "sync_state",
    "audit_anchor",
)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper: the driver's words, not its links
    text = str(orig if orig is not None else exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _keep_private(data_dir: Path, path: Path) -> None:
    """Citizens' data is readable by the counter's OS user only. On POSIX that is the modes
    below (the directory's mode covers the attachment store, spool and logs inside it too); on
    Windows the per-user application-data folder's ACL already does it and chmod is moot."""
    if os.name != "posix":
        return
    targets = [(data_dir, 0o700)]
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists():
            targets.append((file, 0o600))
    for target, mode in targets:
        try:
            os.chmod(target, mode)
        except OSError as exc:  # e.g. a folder owned by another account: work on, but say so
            logging.getLogger(__name__).warning("cannot restrict %s: %s", target, exc.strerror)
