"""The province benchmark (issue 23 item 5): after a province-wide outage every counter catches up
at once. N simulated counters, each with its own Ed25519 device key and token, push a day's
catch-up (≈100 events forming real dossiers — receptions, hand-overs, results, returns — and a
few scanned papers; bench/province_day.py) to K ``motcua-server`` instances on one PostgreSQL,
the counters spread over the instances round-robin, as a load balancer would.

Reported for K = 1, 2 and 4 instances:

- events/s of the whole catch-up (attachments uploaded, then the events in batches);
- the ratio of its time to a raw PostgreSQL ``COPY`` of the same rows (the events the server
  stored, read back) into an equivalent table (``LIKE events``: its key and indexes), timed on
  the same cluster in the same run — the goal is ≤ 3× (issue 23), printed with whether it is met;
- p50/p99 latency of one pushed batch.

Timed, for every counter at once: its device sign-in (``/auth/device``, signed with its own
key: its token expired during the outage), its attachments (``/blobs``), its events
(``/events``), each request retried on 503/429 or a lost connection as the sync engine does.

Not timed: the private PostgreSQL cluster (tests/pgcluster.py; fsync off, as in the tests —
the COPY baseline runs on it too), the template day, the counters' HTTP clients, and enrolment
with each counter's lease of the day's numbers (the server's own ``enrol`` and ``lease`` called
straight on the database: a thousand Argon2id checks of the IT officer's password through the
API would only measure Argon2id).

    python -m bench.bench_province                      # 50 counters (make bench)
    python -m bench.bench_province --counters 1000      # the province: 1,000 counters
    python -m bench.bench_province --counters 1000 --instances 2

The client is one asyncio process (httpx.AsyncClient per counter) on the same machine as the
servers and PostgreSQL, so on a small machine it takes its share of the CPUs too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import ssl
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from bench.province_day import CounterDay, TemplateDay, counter_day, make_template_day
from sync.limits import API_PREFIX

if TYPE_CHECKING:  # psycopg, which the floor needs, only once PostgreSQL is known to be here
    from bench.province_floor import Floor

GOAL = 3.0  # the catch-up within 3x a raw COPY of the same rows (issue 23)
COUNTERS_PER_AGENCY = 10  # a commune/ward centre has a few counters, the province's centre more
BATCH = 500  # the sync engine's batch size (sync/engine.py)
NETWORK_ATTEMPTS = 5  # a request whose connection fails is sent again, as the engine does
DEFAULT_COUNTERS = int(os.environ.get("BENCH_PROVINCE_COUNTERS", "50"))


@dataclass
class SimCounter:
    agency: str
    code: str
    key: Any  # Ed25519PrivateKey
    key_id: str
    token: str
    url: str
    day: CounterDay | None = None


@dataclass
class RunResult:
    instances: int
    counters: int
    events: int
    seconds: float
    copy_seconds: float
    latencies: list[float] = field(default_factory=list)
    retries: int = 0  # answered 503/429: busy, try again
    network_retries: int = 0  # the connection failed: sent again
    # CPU seconds spent during the catch-up (Linux /proc): by the server instances, by
    # PostgreSQL (every backend), by this client, and by the whole machine, of how many seconds
    # the machine's CPUs had — what the catch-up is limited by on a machine it shares
    cpu: dict[str, float] = field(default_factory=dict)
    # PostgreSQL's sessions of the run sampled every 0.2 s: (running a statement, waiting for a
    # lock another transaction holds) — the writers' serialisation, seen by the database
    sessions: list[tuple[int, int]] = field(default_factory=list)
    sessions_opened: int = 0  # PostgreSQL sessions (backend processes) started during the run
    floor: Floor | None = None  # the rows' writes alone, with no server (bench/province_floor.py)

    @property
    def lock_share(self) -> float:
        """Of the sessions running a statement, the share waiting for a lock (mean)."""
        busy = sum(a for a, _ in self.sessions)
        return sum(w for _, w in self.sessions) / busy if busy else 0.0

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds

    @property
    def ratio(self) -> float:
        return self.seconds / self.copy_seconds

    def percentile(self, p: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu(pid: int, *, children: bool = False) -> float:
    """CPU seconds of one process (with ``children``: and of its children it has reaped)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # ended meanwhile
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / _TICK


def _tree_cpu(root: int) -> float:
    """CPU seconds of a process, its descendants now alive and those it has reaped."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    total, todo = _proc_cpu(root, children=True), [root]
    while todo:
        p = todo.pop()
        for child, pp in parent.items():
            if pp == p:
                total += _proc_cpu(child)
                todo.append(child)
    return total


def _machine_cpu() -> tuple[float, float]:
    """(busy, available) CPU seconds of the whole machine since boot."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks) - idle) / _TICK, sum(ticks) / _TICK


def _postmaster(admin_url: str) -> int | None:
    """The test cluster's postmaster: the postgres process listening on the URL's port."""
    from sqlalchemy.engine import make_url

    port = str(make_url(admin_url).port)
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            argv = (d / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if not (argv and argv[0].endswith(b"postgres") and b"-p" in argv):
            continue
        if argv[argv.index(b"-p") + 1 : argv.index(b"-p") + 2] == [port.encode()]:
            return int(d.name)
    return None


def _dsn(db_url: str) -> str:
    """psycopg's connection string for a SQLAlchemy URL of the test cluster."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    return f"host={url.host} port={url.port} user={url.username} dbname={url.database}"


def _sessions_opened(db_url: str) -> int:
    """How many sessions PostgreSQL has opened to the run's database: a connection pool that
    closes and reopens connections makes PostgreSQL start a backend process for each."""
    import psycopg

    dsn = _dsn(db_url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def _cpu_now(servers: Sequence[Any], postmaster: int | None) -> dict[str, float]:
    busy, available = _machine_cpu()
    own = os.times()
    return {
        "server": sum(_tree_cpu(srv.proc.pid) for srv in servers if srv.proc is not None),
        "postgres": _tree_cpu(postmaster) if postmaster else 0.0,
        "client": own.user + own.system,
        "machine": busy,
        "available": available,
    }


_SESSIONS = (
    "SELECT count(*) FILTER (WHERE state = 'active'), "
    "count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') "
    "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


def _watch_sessions(db_url: str, out: list[tuple[int, int]], stop: threading.Event) -> None:
    import psycopg

    dsn = _dsn(db_url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        while not stop.wait(0.2):
            row = conn.execute(_SESSIONS).fetchone()
            if row is not None:
                out.append((int(row[0]), int(row[1])))


def _agency(i: int) -> str:
    return f"000.{i // 100:02d}.{i % 100:02d}.H01"


def _enrol_all(db_url: str, t: TemplateDay, n: int, urls: Sequence[str]) -> list[SimCounter]:
    """Enrol ``n`` counters with the server's own enrolment (sync/server/enrol.py) and lease each
    the day's numbers (sync/server/sequences.py, as ``POST /leases`` does), straight on the
    database, a hundred counters a transaction: the IT officer's password check is what the API
    adds to enrolment, and a thousand Argon2id checks are not what this measures."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from sqlalchemy import select

    from sync.protocol import EnrollRequest, LeaseAsk
    from sync.server.db import ServerDatabase, take_feed_ids
    from sync.server.enrol import enrol
    from sync.server.feed import add_change
    from sync.server.models import AgencyRow, OfficerRow
    from sync.server.sequences import lease
    from tests.synctools import IT_PASSWORD, IT_USER

    db = ServerDatabase(db_url)
    try:
        with db.read() as s:
            officer_id = s.scalar(select(OfficerRow.id).where(OfficerRow.username == IT_USER))
        assert officer_id is not None
        out: list[SimCounter] = []
        for first in range(0, n, 100):
            with db.write() as s:
                for i in range(first, min(n, first + 100)):
                    key = Ed25519PrivateKey.generate()
                    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
                    agency = _agency(i // COUNTERS_PER_AGENCY)
                    code = f"Q{i % COUNTERS_PER_AGENCY + 1:02d}"
                    req = EnrollRequest(
                        username=IT_USER,
                        password=IT_PASSWORD,
                        agency=agency,
                        counter=code,
                        install_id=uuid.uuid4(),
                        public_key=public,
                        code_template=t.code_template,
                    )
                    answer = enrol(s, req, officer_id)
                    row = s.get(AgencyRow, agency)
                    assert row is not None
                    ask = LeaseAsk(day=t.day, count=t.dossiers)
                    (block,) = lease(s, row, answer.counter_id, [ask])
                    assert block.end - block.start + 1 >= t.dossiers, block
                    fid = take_feed_ids(s, 1)
                    change = block.model_dump(mode="json")
                    add_change(s, fid, "lease", change, agency=agency, counter_id=answer.counter_id)
                    sim = SimCounter(agency, code, key, answer.key_id, "", urls[i % len(urls)])
                    sim.day = counter_day(t, agency, block.start, i)
                    out.append(sim)
        return out
    finally:
        db.close()


async def _send(
    http: httpx.AsyncClient, method: str, path: str, result: RunResult, **kw: Any
) -> httpx.Response:
    """One request, retried as the sync engine retries a busy server (503/429 with
    Retry-After) or a lost connection, the retries counted. (A push whose answer was lost is
    sent again and answered "duplicate": every request here may be repeated.)"""
    network = 0
    while True:
        try:
            r = await http.request(method, path, **kw)
        except httpx.TransportError:
            network += 1
            if network >= NETWORK_ATTEMPTS:
                raise
            result.network_retries += 1
            await asyncio.sleep(0.5)
            continue
        if r.status_code not in (429, 503):
            r.raise_for_status()
            return r
        result.retries += 1
        await asyncio.sleep(min(float(r.headers.get("retry-after", "1")), 1.0))


async def _sign_in(c: SimCounter, http: httpx.AsyncClient, result: RunResult) -> None:
    """``/auth/device``: the counter proves it holds its key and gets a token, as its sync does
    on coming back after the outage (its token long expired). Signed afresh for each attempt:
    the server refuses a signature it has seen."""
    from sync.protocol import auth_message

    for attempt in range(NETWORK_ATTEMPTS):
        now = datetime.now(UTC).replace(microsecond=0)
        nonce = secrets.token_hex(16)
        signature = c.key.sign(auth_message(c.agency, c.code, c.key_id, now, nonce)).hex()
        body = {
            "agency": c.agency,
            "counter": c.code,
            "key_id": c.key_id,
            "timestamp": now.isoformat(),
            "nonce": nonce,
            "signature": signature,
        }
        try:
            r = await http.post("/auth/device", json=body)
        except httpx.TransportError:
            if attempt == NETWORK_ATTEMPTS - 1:
                raise
            result.network_retries += 1
            await asyncio.sleep(0.5)
            continue
        if r.status_code in (429, 503):
            result.retries += 1
            await asyncio.sleep(1.0)
            continue
        r.raise_for_status()
        c.token = r.json()["token"]
        http.headers["Authorization"] = f"Bearer {c.token}"
        return
    raise RuntimeError(f"{c.agency}/{c.code}: no token after {NETWORK_ATTEMPTS} attempts")


async def _catch_up(c: SimCounter, http: httpx.AsyncClient, result: RunResult) -> int:
    """The counter's catch-up: sign in with its key, its attachments (resumable upload), then
    its events in batches. Returns how many events the server holds of them."""
    from sync.client import encode_push
    from sync.limits import CHUNK_BYTES

    assert c.day is not None
    applied = 0
    await _sign_in(c, http, result)
    for sha, data in c.day.blobs.items():
        # as the sync engine does (SyncEngine._upload_blob): a one-chunk file is sent at once
        if len(data) <= CHUNK_BYTES:
            status: dict[str, Any] = {"size": len(data), "received": 0, "complete": False}
        else:
            status = (await _send(http, "GET", f"/blobs/{sha}", result)).json()
        offset = status["received"] if status.get("size") == len(data) else 0
        while not status["complete"]:
            chunk = data[offset : offset + CHUNK_BYTES]
            status = (
                await _send(
                    http,
                    "PUT",
                    f"/blobs/{sha}",
                    result,
                    params={"size": len(data), "offset": offset},
                    content=chunk,
                    headers={"Content-Type": "application/octet-stream"},
                )
            ).json()
            offset = status["received"]
    events = c.day.events
    for i in range(0, len(events), BATCH):
        body = encode_push(events[i : i + BATCH])
        t0 = time.perf_counter()
        r = await _send(http, "POST", "/events", result, content=body, headers=_JSON)
        result.latencies.append(time.perf_counter() - t0)
        results = r.json()["results"]
        bad = [x for x in results if x["outcome"] == "rejected"]
        if bad:
            raise RuntimeError(f"{c.agency}/{c.code}: rejected {bad[:3]}")
        # stored now or by a first sending whose answer was lost
        applied += sum(x["outcome"] in ("applied", "duplicate") for x in results)
    return applied


_JSON = {"Content-Type": "application/json"}


def _copy_seconds(db_url: str) -> tuple[float, int]:
    """A raw ``COPY`` of the rows the server stored for the counters' events into an equivalent
    table (same columns, key and indexes): the limit of writing those rows to PostgreSQL."""
    import psycopg

    dsn = _dsn(db_url)
    with psycopg.connect(dsn) as conn:
        buf = bytearray()
        with conn.cursor().copy(
            "COPY (SELECT * FROM events WHERE origin = 'counter') TO STDOUT"
        ) as cp:
            for chunk in cp:
                buf += chunk
        rows = conn.execute("SELECT count(*) FROM events WHERE origin = 'counter'").fetchone()
        assert rows is not None
        best = float("inf")
        for _ in range(3):  # the best of three, like the other benchmarks' baselines
            conn.execute("DROP TABLE IF EXISTS raw_events")
            conn.execute("CREATE TABLE raw_events (LIKE events INCLUDING ALL)")
            conn.commit()
            t0 = time.perf_counter()
            with conn.cursor().copy("COPY raw_events FROM STDIN") as cp:
                cp.write(bytes(buf))
            conn.commit()
            best = min(best, time.perf_counter() - t0)
        conn.execute("DROP TABLE raw_events")
        conn.commit()
    return best, int(rows[0])


def run_once(
    admin_url: str,
    t: TemplateDay,
    counters: int,
    instances: int,
    tmp: Path,
    *,
    floor: bool = False,
) -> RunResult:
    from tests.pgcluster import fresh_database
    from tests.synctools import ServerProcess

    db_url = fresh_database(admin_url, f"province_{instances}_{secrets.token_hex(4)}")
    servers = []
    try:
        for k in range(instances):
            # one database and one file store (a shared folder here), as instances on separate
            # hosts share PostgreSQL and the object store
            srv = ServerProcess(db_url, tmp / f"blobs-{instances}", extra=("--stats-max-age", "0"))
            servers.append(srv.start())
            if k == 0:
                srv.ensure_admin()
        sims = _enrol_all(db_url, t, counters, [s.url for s in servers])
        postmaster = _postmaster(admin_url)
        expected = sum(len(c.day.events) for c in sims if c.day is not None)
        result = RunResult(instances, counters, expected, 0.0, 0.0)

        async def everyone() -> list[int]:
            # each counter its own connection, made before the clock starts (one TLS context
            # for all: httpx would load the CA bundle for each client)
            tls = ssl.create_default_context()
            clients = [
                httpx.AsyncClient(base_url=c.url + API_PREFIX, timeout=600, verify=tls)
                for c in sims
            ]
            try:
                stop = threading.Event()
                watcher = threading.Thread(
                    target=_watch_sessions, args=(db_url, result.sessions, stop), daemon=True
                )
                watcher.start()
                before = _cpu_now(servers, postmaster)
                opened = _sessions_opened(db_url)
                t0 = time.perf_counter()
                done = await asyncio.gather(
                    *(_catch_up(c, h, result) for c, h in zip(sims, clients, strict=True))
                )
                result.seconds = time.perf_counter() - t0
                after = _cpu_now(servers, postmaster)
                result.sessions_opened = _sessions_opened(db_url) - opened - 1
                stop.set()
                watcher.join()
                result.cpu = {k: after[k] - before[k] for k in after}
                return done
            finally:
                for h in clients:
                    await h.aclose()

        applied = asyncio.run(everyone())
        if sum(applied) != expected:
            raise RuntimeError(f"{sum(applied)} events applied of {expected}")
        result.copy_seconds, rows = _copy_seconds(db_url)
        assert rows == expected, (rows, expected)
        if floor:
            from bench import province_floor

            def pg_and_driver() -> float:
                own = os.times()
                return (_tree_cpu(postmaster) if postmaster else 0.0) + own.user + own.system

            result.floor = province_floor.measure(_dsn(db_url), pg_and_driver)
        return result
    except BaseException:
        for srv in servers:  # what the servers said, for whoever reads the failure
            if srv.log.exists():
                lines = srv.log.read_text(errors="replace").splitlines()
                first = [x for x in lines if '"level": "info"' not in x][:8]
                print(f"--- {srv.log.name} (port {srv.port}), first errors ---", *first, sep="\n")
                shutil.copy(srv.log, Path(tempfile.gettempdir()) / srv.log.name)
        raise
    finally:
        for srv in servers:
            srv.stop()


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="bench_province", description=__doc__.split("\n\n")[0])
    p.add_argument("--counters", type=int, default=DEFAULT_COUNTERS)
    p.add_argument("--instances", default="1,2,4", help="instance counts to run, e.g. 1,2,4")
    args = p.parse_args(argv if argv is not None else [])
    sizes = [int(x) for x in args.instances.split(",")]
    main_size = 2 if 2 in sizes else sizes[-1]  # the configuration: two instances

    from bench.common import report
    from tests import pgcluster

    # every instance keeps a pool of up to 30 connections: four of them and the COPY exceed the
    # test cluster's 100 (a province's PostgreSQL is configured for its instances likewise)
    pgcluster._SETTINGS["max_connections"] = str(40 * max(sizes) + 20)
    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-province-"))
    try:
        try:
            pgcluster.find_server_binaries()
        except pgcluster.PostgresUnavailable as exc:
            print(f"skipped: {exc}")  # the rest of make bench still runs
            return
        t0 = time.perf_counter()
        t = make_template_day()
        print(
            f"(template day: {len(t.events)} events, {len(t.blobs)} attachments, "
            f"made in {time.perf_counter() - t0:.1f} s)",
            flush=True,
        )
        results: list[RunResult] = []
        with pgcluster.throwaway_cluster() as admin_url:
            for k in sizes:
                r = run_once(admin_url, t, args.counters, k, tmp, floor=k == main_size)
                results.append(r)
                print(
                    f"{k} instance(s): {r.counters} counters, {r.events} events in "
                    f"{r.seconds:.2f} s = {r.events_per_s:,.0f} events/s; COPY of the same rows "
                    f"{r.copy_seconds:.3f} s ({r.events / r.copy_seconds:,.0f} rows/s), ratio "
                    f"{r.ratio:.1f}x; batch p50 {r.percentile(50) * 1000:.0f} ms, "
                    f"p99 {r.percentile(99) * 1000:.0f} ms; {r.retries} retries (503/429), "
                    f"{r.network_retries} after a failed connection",
                    flush=True,
                )
                if r.cpu:
                    c, per = r.cpu, 1000 / r.events
                    others = c["machine"] - c["server"] - c["postgres"] - c["client"]
                    print(
                        f"  CPU per event: server {c['server'] * per:.2f} ms, PostgreSQL "
                        f"{c['postgres'] * per:.2f} ms, client {c['client'] * per:.2f} ms; the "
                        f"machine {c['machine'] / c['available']:.0%} busy "
                        f"({c['available'] / r.seconds:.1f} CPUs), other work "
                        f"{others / c['available']:.0%} of it",
                        flush=True,
                    )
                if r.sessions:
                    active = sum(a for a, _ in r.sessions) / len(r.sessions)
                    print(
                        f"  PostgreSQL sessions running a statement: {active:.1f} on average, "
                        f"{r.lock_share:.0%} of them waiting for another's lock; "
                        f"{r.sessions_opened} sessions opened",
                        flush=True,
                    )
        base = results[0]
        for r in results[1:]:
            print(
                f"scaling {base.instances} → {r.instances} instances: "
                f"{r.events_per_s / base.events_per_s:.2f}x the events/s"
            )
        main_run = next(r for r in results if r.instances == main_size)
        met = "met" if main_run.ratio <= GOAL else "NOT met"
        print(
            f"goal: catch-up within {GOAL:.0f}x a raw COPY of the same rows "
            f"({main_run.instances} instances): {main_run.ratio:.1f}x — {met}"
        )
        rows = [
            (
                f"province catch-up, {r.counters} counters, {r.instances} inst.",
                r.seconds,
                r.copy_seconds,
                "raw PostgreSQL COPY of the same rows",
            )
            for r in results
        ]
        f = main_run.floor
        if f is not None:
            print(
                f"the floor: the same rows with no server at all, each counter's dossiers and "
                f"events in a transaction of its own, {f.sessions} sessions side by side — by "
                f"COPY {f.copy_seconds:.2f} s ({f.copy_seconds / main_run.copy_seconds:.1f}x), "
                f"by one INSERT per table {f.insert_seconds:.2f} s "
                f"({f.insert_seconds / main_run.copy_seconds:.1f}x); the catch-up is "
                f"{main_run.seconds / f.insert_seconds:.1f}x the INSERT floor\n"
                f"  CPU per event of the writes alone (PostgreSQL and the driver): by COPY "
                f"{f.copy_cpu * 1000 / main_run.events:.3f} ms, by INSERT "
                f"{f.insert_cpu * 1000 / main_run.events:.3f} ms"
            )
            rows += [
                (
                    f"the writes alone, per counter, by {how}",
                    seconds,
                    main_run.copy_seconds,
                    "raw PostgreSQL COPY of the same rows",
                )
                for how, seconds in (("COPY", f.copy_seconds), ("INSERT", f.insert_seconds))
            ]
        report(rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
