"""Refreshing the centre's statistics snapshot away from the requests: in a separate process.

Computing a snapshot is pure Python over every dossier of an agency: seconds for a province's
million. On a thread of the server process it would hold the interpreter lock for most of that
time, and every counter's push, pull and lease would wait behind it. A worker process of its own
runs on another core and shares nothing with the requests but the database, where its single
short write serialises on the feed clock like every other writer.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta

from .db import ServerDatabase, utc_now
from .stats import DEFAULT_MAX_AGE, publish

log = logging.getLogger("motcua.server.stats")

_databases: dict[str, ServerDatabase] = {}  # in the worker process: one engine per database


def _publish_in_worker(url: str, agency: str, max_age: timedelta) -> datetime | None:
    """Runs in the worker process; the UTC time the agency's latest snapshot was stored, or None
    when it could not be made (logged there: statistics must never break the server)."""
    try:
        db = _databases.get(url)
        if db is None:
            db = _databases[url] = ServerDatabase(url)
        return publish(db, agency, max_age=max_age).stored_at
    except Exception:
        log.exception("centre statistics for %s not published", agency)
        return None


def _ready() -> None:
    """Nothing: submitted once so that the worker process exists before the server listens."""


def _leave_with_parent() -> None:
    """The worker's initializer: a server killed outright (SIGKILL, power) leaves no one to stop
    its worker, which would otherwise wait for work forever. Ctrl+C in the server's terminal
    reaches the worker too; it leaves when the server does, not with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="stats-parent", daemon=True).start()


def _in_memory(db: ServerDatabase) -> bool:
    return db.is_sqlite and db.url.database in (None, "", ":memory:")


class StatsPublisher:
    """Keeps each agency's snapshot at most ``max_age`` old, refreshed when its counters pull.

    A pull only starts the work and never waits for it; the new snapshot reaches the counters with
    their next pull. The worker is started with the server (:meth:`start`); a worker that died is
    replaced on the next pull. An in-memory SQLite database cannot be opened by another process, so
    there the work falls back to a thread."""

    def __init__(self, db: ServerDatabase, max_age: timedelta | None = DEFAULT_MAX_AGE) -> None:
        self.db = db
        self.max_age = max_age
        self._url = db.url.render_as_string(hide_password=False)
        self._fresh_until: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self._worker: Executor | None = None

    def refresh(self, agency: str) -> None:
        """Start a new snapshot of ``agency`` in the background if its last one is stale."""
        max_age = self.max_age
        if max_age is None:
            return
        with self._lock:
            until = self._fresh_until.get(agency)
            if until is not None and utc_now() < until:
                return
            # claimed until the work is done, so concurrent pulls do not all start it
            self._fresh_until[agency] = utc_now() + max_age
            try:
                job = self._executor().submit(_publish_in_worker, self._url, agency, max_age)
            except RuntimeError:  # a worker that died (killed, out of memory): start another
                self._worker = None
                job = self._executor().submit(_publish_in_worker, self._url, agency, max_age)
        job.add_done_callback(lambda done: self._finished(agency, max_age, done))

    def start(self) -> None:
        """Start the worker now, while the server is still one thread: a fork then costs
        milliseconds, where a worker started by the first pull must be spawned and import the
        server's libraries again (half a second of CPU beside the requests)."""
        if self.max_age is None or _in_memory(self.db) or self._worker is not None:
            return
        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return  # the first pull spawns one
        # the child must not inherit open database connections; it opens its own
        self.db.engine.dispose()
        worker = self._new_worker("fork")
        worker.submit(_ready).result(timeout=60)
        self._worker = worker

    def _executor(self) -> Executor:
        if self._worker is None:
            if _in_memory(self.db):
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stats")
            else:
                # spawn, not fork: by now the server has threads, and a forked copy of a lock
                # another thread holds would never be released in the child
                self._worker = self._new_worker("spawn")
        return self._worker

    @staticmethod
    def _new_worker(method: str) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context(method),
            initializer=_leave_with_parent,
        )

    def _finished(self, agency: str, max_age: timedelta, job: Future[datetime | None]) -> None:
        try:
            stored = job.result()
        except Exception:  # the worker process died; the claim runs out and a pull retries
            log.exception("centre statistics for %s not published", agency)
            with self._lock:
                self._worker = None
            return
        if stored is not None:
            with self._lock:
                self._fresh_until[agency] = stored + max_age
