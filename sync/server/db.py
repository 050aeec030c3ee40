"""The server's database: one SQLAlchemy engine for SQLite or PostgreSQL, write transactions
that commit their feed ids in order (the feed clock; on PostgreSQL pushes run side by side and
every other writer alone, under the writers' advisory lock), and the two clocks the server keeps
(UTC for its own instants, the province's wall clock for dossier times)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from pydantic_core import to_json
from sqlalchemy import Engine, Table, bindparam, create_engine, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from sync.sqlite_engine import tune_sqlite

from .bulk import insert_rows, recordset_insert, recordset_of
from .models import FeedClock

PROVINCE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
log = logging.getLogger("motcua.server.db")


class ServerDatabaseError(RuntimeError):
    pass


def utc_now() -> datetime:
    """Naive UTC, the way it is stored."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def local_now() -> datetime:
    return datetime.now(PROVINCE_TZ).replace(tzinfo=None, microsecond=0)


class ServerDatabase:
    def __init__(self, url: str, busy_ms: int = 30000) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ServerDatabaseError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: {url!r}") from None
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        # pydantic-core writes JSON several times faster than the json module, and a batch
        # stores three JSON columns per event
        kwargs: dict[str, Any] = {"json_serializer": json_text}
        if not self.is_sqlite:
            # As many connections kept open as the instance has threads using them at once
            # (sync/server/threads.py), with room for a request that holds two: connections
            # beyond the kept ones are closed when returned, and PostgreSQL starts a process
            # for each new one (the province benchmark opened 340 sessions in a 20-second
            # catch-up with 10 kept, 80-110 with 30; PostgreSQL's CPU per event fell a third).
            # No ping before each use: it was a round trip for every checkout, two a request,
            # ~20 % of a request's CPU. A connection PostgreSQL dropped (restart, failover) is
            # found by the request that uses it, answered 503 "try again" (storage.py), and
            # SQLAlchemy then discards the pool's other connections of that time too
            # (tests/sync/test_server_storage.py).
            kwargs.update(pool_size=30, max_overflow=10, pool_pre_ping=False)
        if self.is_sqlite and parsed.database not in (None, "", ":memory:"):
            private_sqlite_file(Path(parsed.database))
        self.engine: Engine = create_engine(parsed, **kwargs)
        # the writers' connections: on SQLite their transactions take the lock at BEGIN
        self._writer = (
            self.engine.execution_options(sqlite_immediate=True) if self.is_sqlite else self.engine
        )
        self._checkpointer: threading.Thread | None = None
        self._closing = threading.Event()
        if self.is_sqlite:
            tune_sqlite(
                self.engine,
                busy_ms=busy_ms,
                immediate_option="sqlite_immediate",
                autocheckpoint=lambda: self._checkpointer is None,
            )

    def create_schema(self) -> None:
        """Make an empty database, use a current one, refuse one that is behind
        (sync/server/schema.py: migrations, not create_all)."""
        from .schema import ensure_current

        ensure_current(self)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back when it raises.

        Its session takes a connection at its first statement, not here: the API opens it as a
        request's dependency (sync/server/routes/deps.py) before the route runs, and neither
        SQLite's write lock nor one of PostgreSQL's pooled connections is held meanwhile."""
        with Session(bind=self._writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session, connected at its first statement like ``write``'s."""
        with Session(bind=self.engine) as session:
            yield session

    def checkpoint_in_background(self, every: float = 0.5) -> None:
        """For the serving process on SQLite: copy the WAL into the database from a thread of
        its own instead of inside whichever commit crosses SQLite's threshold. That commit would
        otherwise wait for the copy and a second fsync while the counter that sent it waits; here
        the copy overlaps the requests (SQLite does it without the interpreter lock)."""
        if not self.is_sqlite or self.url.database in (None, "", ":memory:"):
            return
        if self._checkpointer is not None:
            return
        self._checkpointer = threading.Thread(
            target=self._checkpoint_every, args=(every,), name="wal-checkpoint", daemon=True
        )
        self.engine.dispose()  # connections opened from now on leave checkpoints to the thread
        self._checkpointer.start()

    def _checkpoint_every(self, every: float) -> None:
        while not self._closing.wait(every):
            try:
                with self.engine.connect() as conn:
                    # PASSIVE: never waits for readers or writers, never blocks them
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except SQLAlchemyError:
                log.warning("WAL checkpoint failed; retried in %.1f s", every, exc_info=True)

    def close(self) -> None:
        self._closing.set()
        if self._checkpointer is not None:
            self._checkpointer.join(timeout=30)
        self.engine.dispose()


def private_sqlite_file(path: Path) -> None:
    """Citizens' data is readable by the server's account only (issue 17): the database file
    is created 0600 before SQLite opens it, and SQLite gives its -wal and -shm files the
    database's mode. A database made by an older server (0644) is narrowed, with its WAL."""
    if os.name != "posix":  # Windows: the data folder's ACL does it
        return
    if not path.parent.is_dir():
        return  # SQLite's own error says what is wrong
    if not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError:
            return  # read-only media, no permission, a race: SQLite's own error says so
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.exists() and file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)
        except OSError as exc:  # a file owned by another account: work on, but say so
            log.warning("cannot restrict %s: %s", file, exc.strerror)


def json_text(value: Any) -> str:
    """The engine's JSON serializer: what every JSON column of the server stores."""
    return to_json(value).decode("utf-8")


_CLOCK = cast(Table, FeedClock.__table__)
_BUMP = update(_CLOCK).where(_CLOCK.c.id == 1).values(value=_CLOCK.c.value + bindparam("n"))
_BUMP_RETURNING = _BUMP.returning(_CLOCK.c.value)


# The writers' advisory lock on PostgreSQL (issue 23 item 5). A counter's push of dossier events
# takes it shared (``share_feed``) and runs beside other pushes, serialised only by the rows it
# touches (the batch's dossiers ``SELECT … FOR UPDATE``, unique keys) and, for its last few
# statements, the feed clock. Every other writer — a department's progress, a bank payment, a
# claim, a lease, an admin command — takes it exclusively through ``take_feed_ids`` and so runs
# alone, as every writer did before: their checks read state (leases, claims, tracking numbers)
# that no row lock of a push would cover.
_WRITERS_KEY = 0x6D6F746366  # "motcf"
_EXCLUSIVE = text("SELECT pg_advisory_xact_lock(:k)").bindparams(k=_WRITERS_KEY)
_SHARED = text("SELECT pg_advisory_xact_lock_shared(:k)").bindparams(k=_WRITERS_KEY)
_HELD = "motcua_writers_lock"  # session.info: (the transaction, "shared" | "exclusive")


def _writers_lock(session: Session, mode: str) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: one writer at a time anyway (BEGIN IMMEDIATE)
    tx = session.get_transaction()
    was = session.info.get(_HELD)
    held = was[1] if was is not None and was[0] is tx else None  # this transaction's only
    if held == "exclusive" or held == mode:
        return
    if held == "shared":  # an upgrade would wait on every other push: a bug, not a wait
        raise ServerDatabaseError("a push's transaction asked for the writers' exclusive lock")
    session.execute(_EXCLUSIVE if mode == "exclusive" else _SHARED)
    session.info[_HELD] = (session.get_transaction(), mode)


def share_feed(session: Session) -> None:
    """Begin a push that may run beside other pushes: the writers' lock, shared. Its feed ids
    are taken last, with ``stamp_feed_ids``, so the clock is held only until the commit."""
    _writers_lock(session, "shared")


_UPLOAD = text("SELECT pg_advisory_xact_lock(:counter, :file)")
_SHARED_AND_UPLOAD = text(
    "SELECT pg_advisory_xact_lock_shared(:k), pg_advisory_xact_lock(:counter, :file)"
)


def lock_upload(session: Session, counter_id: int, sha: str) -> None:
    """An upload's chunk is recorded by one request at a time (its offset is checked against
    what the database holds), beside pushes and other uploads: the writers' lock shared, and a
    lock of its own keyed by the counter and the file (two 32-bit keys: never the writers'
    64-bit one; two files sharing 28 bits of their sha256 only wait for each other). A push
    needs no more: it only takes files whose upload is complete, which stays complete."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: one writer at a time anyway
    keys = {"counter": counter_id, "file": int(sha[:7], 16)}
    tx = session.get_transaction()
    was = session.info.get(_HELD)
    if was is not None and was[0] is tx:  # the writers' lock already held, either way
        session.execute(_UPLOAD, keys)
        return
    # both in one round trip: the writers' lock first, as share_feed takes it
    session.execute(_SHARED_AND_UPLOAD, {"k": _WRITERS_KEY, **keys})
    session.info[_HELD] = (session.get_transaction(), "shared")


def insert_stamped(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """The end of a push that runs beside others (``share_feed``): give ``rows`` (of a
    feed-ordered table, ``feed_id`` 1…n within the batch) the next feed ids and insert them.

    On PostgreSQL through psycopg this also commits: the clock's bump and the insert are one
    statement, sent with the COMMIT without waiting for its answer (psycopg's pipeline), so the
    clock's row lock is held only while PostgreSQL runs them. Before (``stamp_feed_ids``, then
    the insert, then the commit) it was held across three round trips, each ending with this
    thread waiting for the interpreter lock among the server's other threads, while every other
    push queued behind it (issue 23: 95 % of PostgreSQL's busy sessions waited for the clock).
    The session's own commit afterwards has nothing left to do. A failure (a key another push
    took) is raised as SQLAlchemy raises one, so ``RETRYABLE`` reads its SQLSTATE."""
    conn = session.connection()
    if conn.dialect.driver != "psycopg":
        first = stamp_feed_ids(session, len(rows))
        insert_rows(conn, table, [{**r, "feed_id": first - 1 + r["feed_id"]} for r in rows])
        return
    import psycopg

    sql = _STAMPED.get(table.name)
    if sql is None:
        sql = _STAMPED[table.name] = (
            "WITH clock AS (UPDATE feed_clock SET value = value + %(n)s WHERE id = 1 "
            "RETURNING value) "
            + recordset_insert(
                conn.dialect,
                table,
                # a scalar subquery: no clock row gives NULL, which the NOT NULL column refuses,
                # where a join would insert nothing
                {"feed_id": "(SELECT value FROM clock) - %(n)s + r.feed_id"},
            )
        )
    params = {"n": len(rows), "rows": recordset_of(conn.dialect, table, rows)}
    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    try:
        with raw.pipeline():
            raw.execute(sql, params)
            raw.commit()
    except psycopg.Error as exc:
        # without the parameters: the rows hold citizens' names, and errors get logged
        raise DBAPIError.instance(sql, {}, exc, psycopg.Error, hide_parameters=True) from exc


_STAMPED: dict[str, str] = {}


def take_feed_ids(session: Session, n: int) -> int:
    """Reserve ``n`` consecutive feed ids; returns the first. Holds the clock's row lock until
    the transaction ends, which is what makes feed ids commit in order, and (PostgreSQL) the
    writers' lock exclusively: the transaction runs alone."""
    _writers_lock(session, "exclusive")
    return stamp_feed_ids(session, n)


def stamp_feed_ids(session: Session, n: int) -> int:
    """``take_feed_ids`` for a push that holds the writers' lock shared: only the clock's row
    lock, held from here to the commit, so pushes commit their feed ids in the order they got
    them and a reader's cursor never passes an id that commits later. Call it last."""
    if session.get_bind().dialect.update_returning:  # one statement instead of two
        top = session.execute(_BUMP_RETURNING, {"n": n}).scalar()
    else:
        result = session.execute(_BUMP, {"n": n})
        found = getattr(result, "rowcount", 1) == 1
        top = session.scalar(select(_CLOCK.c.value).where(_CLOCK.c.id == 1)) if found else None
    if top is None:
        raise ServerDatabaseError("feed clock missing: run the server once to create the schema")
    return int(top) - n + 1
