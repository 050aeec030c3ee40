"""The province's fault test (issue 23 item 6): two server instances on one PostgreSQL with their
attachments in an S3-compatible store (SeaweedFS, tests/s3tools.py); several counters catch up
at once, each with a backlog made offline and more dossiers received meanwhile, some with
scanned papers of one or several chunks, every sync going to either instance. During the
catch-up one instance is SIGKILLed and started again, and the object store is stopped and
started again later.

Afterwards every event is on the server exactly once, every code is unique, every attachment in
the store is byte-identical to the counter's (sha256), every outbox is empty and no event was
set aside as a dead letter: no counter is stuck.

The faults come at points of progress (a share of the events on the server, failed syncs while
the store is away), not at times, so the test checks the same thing on a fast or a busy
machine. `make test` runs a small province; `make check-all` the larger one (``slow``)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.domain.reception import parse_form
from desktop.store.dossiers.attachments import attach
from sync.client import ServerFailed
from sync.connectivity import Unreachable
from sync.limits import CHUNK_BYTES
from tests.conftest import minimal_form
from tests.pgcluster import fresh_database
from tests.s3tools import S3Server, S3Unavailable, throwaway_s3
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and SeaweedFS are POSIX")

GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Phúc", "Sơn"]
# a bound so a broken build fails instead of hanging; never reached by a working one
DEADLINE = 600.0


@dataclass
class Size:
    counters: int
    backlog: int  # dossiers each counter holds when the catch-up begins
    live: int  # and receives during it


SMALL = Size(counters=3, backlog=4, live=3)
FULL = Size(counters=8, backlog=60, live=40)


@dataclass
class Tally:
    """What the counters' threads met, shared with the test's thread."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    failed_syncs: int = 0  # cycles that met an outage (a killed instance, the store away)
    isolated: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, **counts: int) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


def test_catch_up_survives_a_killed_instance_and_an_object_store_outage(
    tmp_path: Path, pg_admin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _province(SMALL, tmp_path, pg_admin_url, monkeypatch)


@pytest.mark.slow
def test_catch_up_of_a_larger_province(
    tmp_path: Path, pg_admin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _province(FULL, tmp_path, pg_admin_url, monkeypatch)


@contextlib.contextmanager
def _store() -> Iterator[S3Server]:
    with contextlib.ExitStack() as stack:
        try:
            s3 = stack.enter_context(throwaway_s3())
        except S3Unavailable as exc:
            pytest.skip(f"SeaweedFS không có sẵn: {exc}")
        yield s3


def _province(
    size: Size, tmp_path: Path, pg_admin_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(23)
    db_url = fresh_database(pg_admin_url, f"t_prov_{uuid.uuid4().hex[:12]}")
    with _store() as s3:
        for name, value in s3.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("MOTCUA_S3_ENDPOINT", raising=False)
        blobs = s3.url("tinh")
        a = ServerProcess(db_url, tmp_path / "a", extra=("--blobs", blobs)).start()
        b = ServerProcess(db_url, tmp_path / "b", extra=("--blobs", blobs)).start()
        try:
            a.ensure_admin()
            # one agency, so every counter's codes come from the same day sequences; the
            # national format (4-digit sequence): An Giang's 3-digit one holds 999 a day, fewer
            # than the larger province's counters lease (QĐ 66/2020 An Giang Điều 7)
            counters = [
                make_counter(
                    tmp_path,
                    [a, b][i % 2].url,
                    f"Q{i + 1:02d}",
                    agency="000.00.23.H34",
                    province="kon-tum",
                )
                for i in range(size.counters)
            ]
            for c in counters:  # the backlog of an outage: nothing of it synced yet
                for _ in range(size.backlog):
                    _receive(c, rng)
            _catch_up(size, counters, a, b, s3, db_url, rng)
            _check(counters, a, s3, db_url, size)
        finally:
            a.stop()
            b.stop()


def _receive(c: SyncCounter, rng: random.Random) -> None:
    name = f"Nguyễn {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
    receipt = c.service.receive(parse_form(minimal_form(name=name)), OFFICER)
    assert receipt.code is not None
    if rng.random() < 0.4:  # scanned papers: most of one chunk, some of several
        n = rng.choice([20_000, 150_000, CHUNK_BYTES + 70_000, 2 * CHUNK_BYTES + 5])
        scan = b"%PDF-1.4\n" + rng.randbytes(n)
        attach(c.db, c.ctx, receipt.code, OFFICER, "Bản sao giấy tờ", "scan.pdf", scan)


def _local(c: SyncCounter, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(c.data_dir / "motcua.db", timeout=30)
    try:
        return list(db.execute(sql))
    finally:
        db.close()


def _pending(c: SyncCounter) -> int:
    return int(_local(c, "select count(*) from outbox where acked_at is null")[0][0])  # type: ignore[call-overload]


def _catch_up(
    size: Size,
    counters: list[SyncCounter],
    a: ServerProcess,
    b: ServerProcess,
    s3: S3Server,
    db_url: str,
    rng: random.Random,
) -> None:
    tally = Tally()
    urls = [a.url, b.url]
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=_counter_loop,
            args=(c, size.live, random.Random(rng.random()), urls, tally, stop),
            name=f"counter-{c.ctx.counter}",
            daemon=True,
        )
        for c in counters
    ]
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)

    def on_server() -> int:
        with engine.connect() as conn:
            q = sa.text("select count(*) from events where origin = 'counter'")
            return int(conn.execute(q).scalar() or 0)

    dossiers = size.counters * (size.backlog + size.live)  # each one event or more
    try:
        for t in threads:
            t.start()
        # a quarter of the way: one instance dies outright and comes back on its port
        _until(lambda: on_server() >= dossiers // 4, threads, tally)
        assert a.proc is not None
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait(timeout=30)
        a.proc = None
        a.start()
        # half-way: the object store goes away until the counters have met its absence
        _until(lambda: on_server() >= dossiers // 2, threads, tally)
        s3.stop()
        met = tally.failed_syncs
        _until(lambda: tally.failed_syncs >= met + size.counters, threads, tally)
        s3.start()
        for t in threads:
            t.join(timeout=DEADLINE)
    finally:
        stop.set()
        engine.dispose()
    assert not [t.name for t in threads if t.is_alive()], "a counter never finished catching up"
    assert tally.errors == []
    assert tally.isolated == 0 and tally.rejected == 0
    print(f"province: {size}, {tally.failed_syncs} syncs met an outage")


def _until(done: Callable[[], bool], threads: list[threading.Thread], tally: Tally) -> None:
    """Wait for a point of progress; if every counter is finished first, the fault comes
    after the catch-up (a very fast machine): still a fault, still checked."""
    deadline = time.monotonic() + DEADLINE
    while not done():
        assert not tally.errors, tally.errors
        if not any(t.is_alive() for t in threads):
            return
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.02)


def _counter_loop(
    c: SyncCounter,
    live: int,
    rng: random.Random,
    urls: list[str],
    tally: Tally,
    stop: threading.Event,
) -> None:
    """One counter: receives its live dossiers between syncs, each sync to either instance,
    until everything it holds is on the server."""
    made = 0
    try:
        while not stop.is_set():
            if made < live and rng.random() < 0.6:
                _receive(c, rng)
                made += 1
            try:
                report = c.sync(rng.choice(urls))
            except (Unreachable, ServerFailed):
                tally.add(failed_syncs=1)
                time.sleep(0.05)  # the engine's own back-off, shortened
                continue
            tally.add(isolated=report.isolated, rejected=report.rejected)
            if made == live and _pending(c) == 0:
                return
    except Exception as exc:  # reported by the test's thread, with the counter's name
        tally.errors.append(f"{c.ctx.counter}: {type(exc).__name__}: {exc}")


def _check(
    counters: list[SyncCounter], server: ServerProcess, s3: S3Server, db_url: str, size: Size
) -> None:
    report = json.loads(server.admin("report", "--json").stdout)
    assert report["dossiers"] == size.counters * (size.backlog + size.live)
    assert report["duplicate_codes"] == [] and report["duplicate_counter_seqs"] == []
    assert report["provisional_without_code"] == 0
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select id from events where origin = 'counter'")).all()
        codes = [r[0] for r in conn.execute(sa.text("select code from dossiers")).all()]
    engine.dispose()
    server_events = [str(r[0]) for r in rows]
    assert len(server_events) == len(set(server_events))  # exactly once
    assert len(codes) == len(set(codes)) and None not in codes
    local_events: set[str] = set()
    client = s3.client()
    files = 0
    for c in counters:
        own = {str(r[0]) for r in _local(c, "select id from events where origin = 'counter'")}
        assert not own & local_events
        local_events |= own
        assert _pending(c) == 0, c.ctx.counter
        assert _local(c, "select count(*) from outbox where dead")[0][0] == 0, c.ctx.counter
        for (sha,) in _local(c, "select distinct sha256 from attachments"):
            mine = c.ctx.attachments_dir / str(sha)[:2] / str(sha)
            if not mine.exists():  # another counter's file, known by name only
                continue
            key = f"tinh/blobs/{str(sha)[:2]}/{sha}"
            stored = client.get_object(Bucket=s3.bucket, Key=key)["Body"].read()
            assert hashlib.sha256(stored).hexdigest() == sha
            assert stored == mine.read_bytes()
            files += 1
    assert local_events == set(server_events)
    assert files > 0
