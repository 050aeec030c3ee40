"""Chaos, for real processes: three counters receive dossiers (some scanned, some returned) while
a fault-injecting proxy drops, delays, resets and 503s their traffic, goes down for a while, the
server is killed once, and the counters' sync and workload processes are SIGKILLed at random.
After recovery the server holds every dossier once, every event once, every code once, every
attachment byte-identical; every outbox is empty and every counter knows every dossier.

The counters use the national code format (4-digit daily sequence): An Giang's own format
(QĐ 66/2020 Điều 7) holds 999 dossiers an agency a day, fewer than three busy counters receive
here, and past that the server rightly leaves the extra codes provisional.

`make test` runs a small version; `make chaos` runs 1,000 dossiers a counter over many seeds
(CHAOS_DOSSIERS, CHAOS_SEEDS)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.clitools import MOTCUA, Cli
from tests.faultproxy import FaultProxy
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

DOSSIERS = int(os.environ.get("CHAOS_DOSSIERS", "25"))
SEEDS = [int(s) for s in os.environ.get("CHAOS_SEEDS", "1").split(",") if s.strip()]
COUNTERS = ("Q01", "Q02", "Q03")
DEADLINE = float(os.environ.get("CHAOS_DEADLINE", str(120 + DOSSIERS * 1.5)))


class Proc:
    """A process the test kills and starts again."""

    def __init__(self, argv: list[str], log: Path) -> None:
        self.argv = argv
        self.log = log
        self.p: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.p = subprocess.Popen(self.argv, stdout=out, stderr=subprocess.STDOUT)

    def alive(self) -> bool:
        return self.p is not None and self.p.poll() is None

    def kill(self) -> None:
        if self.alive():
            assert self.p is not None
            self.p.send_signal(signal.SIGKILL)
            self.p.wait(timeout=30)
            self.kills += 1

    def stop(self) -> None:
        if self.alive():
            assert self.p is not None
            self.p.terminate()
            try:
                self.p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(timeout=20)


def _local(data: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(data / "motcua.db", timeout=30)
    try:
        return list(db.execute(sql))
    finally:
        db.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_chaos(tmp_path: Path, seed: int, db_url: str) -> None:
    rng = random.Random(seed)
    server = ServerProcess(db_url, tmp_path / "blobs").start()
    server.ensure_admin()
    proxy = FaultProxy(server.port, seed=seed, mode="pass")
    url = f"http://127.0.0.1:{proxy.port}"
    counters: dict[str, Path] = {}
    workers: dict[str, Proc] = {}
    syncers: dict[str, Proc] = {}
    try:
        for name in COUNTERS:
            cli = Cli(tmp_path / name)
            cli.ok(
                "init",
                "--province",
                "kon-tum",
                "--agency",
                "000.00.23.H34",
                "--counter",
                name,
                "--server",
                url,
                "--admin-user",
                "admin",
            )
            out = cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD})
            assert out.returncode == 0, out.stderr
            counters[name] = cli.data_dir
            workers[name] = Proc(
                [
                    sys.executable,
                    "-m",
                    "tests.chaos_worker",
                    "--data-dir",
                    str(cli.data_dir),
                    "--count",
                    str(DOSSIERS),
                    "--seed",
                    str(seed),
                    "--pause",
                    "0.08",
                ],
                tmp_path / f"{name}-worker.log",
            )
            syncers[name] = Proc(
                [
                    *MOTCUA,
                    "--data-dir",
                    str(cli.data_dir),
                    "sync",
                    "--interval",
                    "0.3",
                    "--backoff",
                    "0.2",
                    "--json",
                ],
                tmp_path / f"{name}-sync.log",
            )
        proxy.set_mode("chaos")
        for p in (*workers.values(), *syncers.values()):
            p.start()
        start = time.monotonic()
        server_killed = False
        while any(w.alive() for w in workers.values()):
            assert time.monotonic() - start < DEADLINE, "workload did not finish"
            time.sleep(rng.uniform(0.2, 1.0))
            victim = rng.choice([*workers.values(), *syncers.values()])
            victim.kill()
            victim.start() if victim in syncers.values() or _unfinished(victim) else None
            roll = rng.random()
            if roll < 0.08:
                proxy.set_mode("down")
                time.sleep(rng.uniform(0.5, 2.0))
                proxy.set_mode("chaos")
            elif roll < 0.12 and not server_killed:
                server.proc.send_signal(signal.SIGKILL)  # type: ignore[union-attr]
                server.proc.wait(timeout=30)  # type: ignore[union-attr]
                server.proc = None
                time.sleep(0.5)
                server.start()  # same port: the proxy keeps pointing at it
                server_killed = True
            for name, w in workers.items():
                if not w.alive() and _unfinished(w):
                    w.start()
                if not syncers[name].alive():
                    syncers[name].start()
        # recovery: the network is good again; the queues drain on their own
        proxy.set_mode("pass")
        for s in syncers.values():
            if not s.alive():
                s.start()
        _wait_drained(counters, start)
        for p in (*workers.values(), *syncers.values()):
            p.stop()
        _check(server, counters)
    finally:
        for p in (*workers.values(), *syncers.values()):
            p.stop()
        proxy.close()
        server.stop()
    kills = sum(p.kills for p in (*workers.values(), *syncers.values()))
    print(
        f"chaos seed {seed}: {DOSSIERS}×{len(COUNTERS)} dossiers, {kills} SIGKILLs, "
        f"proxy {proxy.stats}"
    )


def _unfinished(worker: Proc) -> bool:
    return worker.p is None or worker.p.returncode != 0


def _wait_drained(counters: dict[str, Path], start: float) -> None:
    want = DOSSIERS * len(COUNTERS)
    while True:
        done = True
        for data in counters.values():
            pending = _local(data, "select count(*) from outbox where acked_at is null")[0][0]
            known = _local(data, "select count(*) from dossiers")[0][0]
            provisional = _local(data, "select count(*) from dossiers where provisional = 1")[0][0]
            if pending or known != want or provisional:
                done = False
        if done:
            return
        assert time.monotonic() - start < DEADLINE + 120, "queues did not drain"
        time.sleep(0.5)


def _check(server: ServerProcess, counters: dict[str, Path]) -> None:
    report = json.loads(server.admin("report", "--json").stdout)
    assert report["dossiers"] == DOSSIERS * len(COUNTERS)
    assert report["duplicate_codes"] == [] and report["duplicate_counter_seqs"] == []
    assert report["provisional_without_code"] == 0
    assert report["codes"] == report["dossiers"]
    engine = sa.create_engine(server.db_url)
    with engine.connect() as srv:
        server_events = {
            r[0] for r in srv.execute(sa.text("select id from events where origin = 'counter'"))
        }
        server_codes = {r[0]: r[1] for r in srv.execute(sa.text("select id, code from dossiers"))}
    engine.dispose()
    assert report["counter_events"] == len(server_events)
    local_events: set[str] = set()
    for name, data in counters.items():
        own = {str(r[0]) for r in _local(data, "select id from events where origin = 'counter'")}
        assert not own & local_events
        local_events |= own
        assert _local(data, "select count(*) from outbox where acked_at is null")[0][0] == 0
        assert _local(data, "select count(*) from outbox where dead")[0][0] == 0, name
        # every counter knows every dossier, under the server's code
        assert dict(_local(data, "select id, code from dossiers")) == server_codes  # type: ignore[arg-type]
        for (sha,) in _local(data, "select distinct sha256 from attachments"):
            blob = data / "attachments" / str(sha)[:2] / str(sha)
            if blob.exists():  # another counter's attachment is known by name only
                on_server = server.blobs / str(sha)[:2] / str(sha)
                assert hashlib.sha256(on_server.read_bytes()).hexdigest() == sha
                assert on_server.read_bytes() == blob.read_bytes()
    assert local_events == server_events
