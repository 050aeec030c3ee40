"""The floor under the province catch-up (bench/bench_province.py): the rows a catch-up must
store, written with nothing else at all — no HTTP, no sign-in, no checks, no scans.

Issue 23 sets the goal as a ratio to one raw ``COPY`` of the events. But a counter's batch must
be durable before the counter hears "applied", and the server keeps each dossier's current
state beside its events (codes unique, status, deadlines: what pulls, statistics and the
citizen's look-up read). So the least any server can do is one transaction per counter holding
that counter's dossiers and events. This module times exactly that, on copies of the tables
(same columns, keys and indexes), with as many sessions side by side as the machine has CPUs:

- ``copy``: each table's rows by ``COPY`` — the fastest way PostgreSQL has to take rows;
- ``insert``: one ``INSERT … SELECT FROM json_populate_recordset`` per table, the statement
  shape the server itself uses for a batch (sync/server/bulk.py).

Each counter's rows are read out before the clock starts, so the timing is PostgreSQL's work and
the driver's sending. Whatever these take over the plain ``COPY`` is spent before any server
code runs."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

_TABLES = ("dossiers", "events")
# a counter's rows: what its catch-up stored (not the server's own events, nor portal dossiers
# no counter has taken)
_OF_COUNTERS = {
    "dossiers": "WHERE counter_id IS NOT NULL",
    "events": "WHERE origin = 'counter' AND counter_id IS NOT NULL",
}


@dataclass(frozen=True)
class _CounterRows:
    copy_text: dict[str, bytes]  # table → the counter's rows in COPY's text format
    json_doc: dict[str, str]  # table → the counter's rows as one JSON array


@dataclass(frozen=True)
class Floor:
    sessions: int
    counters: int
    copy_seconds: float  # per counter by COPY
    insert_seconds: float  # per counter by one INSERT per table
    # CPU seconds PostgreSQL and this process (the driver) spent in the faster of each way's two
    # timings: what the writes alone take of the machine
    copy_cpu: float
    insert_cpu: float


def _rows_by_counter(conn: psycopg.Connection) -> list[_CounterRows]:
    copy_text: dict[int, dict[str, bytes]] = {}
    json_doc: dict[int, dict[str, str]] = {}
    for table in _TABLES:
        where = _OF_COUNTERS[table]
        counts = conn.execute(
            f"SELECT counter_id, count(*) FROM {table} {where} GROUP BY counter_id "
            "ORDER BY counter_id"
        ).fetchall()
        buf = bytearray()
        with conn.cursor().copy(
            f"COPY (SELECT * FROM {table} {where} ORDER BY counter_id) TO STDOUT"
        ) as cp:
            for chunk in cp:
                buf += chunk
        # COPY's text format escapes newlines inside values, so each row is one line
        lines = bytes(buf).split(b"\n")
        start = 0
        for counter_id, n in counts:
            copy_text.setdefault(counter_id, {})[table] = b"\n".join(
                [*lines[start : start + n], b""]
            )
            start += n
        for counter_id, doc in conn.execute(
            f"SELECT counter_id, json_agg(t)::text FROM {table} t {where} GROUP BY counter_id"
        ):
            json_doc.setdefault(counter_id, {})[table] = doc
    return [
        _CounterRows(
            {t: copy_text[c].get(t, b"") for t in _TABLES},
            {t: json_doc.get(c, {}).get(t, "[]") for t in _TABLES},
        )
        for c in sorted(copy_text)
    ]


def _write_all(
    dsn: str, work: list[_CounterRows], sessions: int, how: str, cpu: Callable[[], float]
) -> tuple[float, float]:
    with psycopg.connect(dsn) as conn:
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS floor_{table}")
            conn.execute(f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)")
        conn.commit()
    queue = list(reversed(work))
    lock = threading.Lock()
    failures: list[BaseException] = []

    def session() -> None:
        try:
            with psycopg.connect(dsn) as c:
                while True:
                    with lock:
                        if not queue:
                            return
                        rows = queue.pop()
                    with c.transaction():  # one counter's batch: durable as a whole
                        for table in _TABLES:  # dossiers first, as the server writes them
                            if how == "copy":
                                with c.cursor().copy(f"COPY floor_{table} FROM STDIN") as cp:
                                    cp.write(rows.copy_text[table])
                            else:
                                c.execute(
                                    f"INSERT INTO floor_{table} SELECT * FROM "
                                    f"json_populate_recordset(NULL::floor_{table}, %s::json)",
                                    (rows.json_doc[table],),
                                )
        except BaseException as exc:  # reported by the caller, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=session) for _ in range(sessions)]
    cpu0, t0 = cpu(), time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    seconds, spent = time.perf_counter() - t0, cpu() - cpu0
    if failures:
        raise failures[0]
    with psycopg.connect(dsn) as conn:
        for table in _TABLES:
            stored = conn.execute(f"SELECT count(*) FROM floor_{table}").fetchone()
            expected = conn.execute(
                f"SELECT count(*) FROM {table} {_OF_COUNTERS[table]}"
            ).fetchone()
            assert stored == expected, (table, stored, expected)
            conn.execute(f"DROP TABLE floor_{table}")
        conn.commit()
    return seconds, spent


def measure(dsn: str, cpu: Callable[[], float], *, sessions: int | None = None) -> Floor:
    """The floor of the catch-up just run on ``dsn``: the faster of two timings of each way.
    ``cpu``: CPU seconds PostgreSQL and this process have spent so far."""
    sessions = sessions or os.cpu_count() or 1
    with psycopg.connect(dsn) as conn:
        work = _rows_by_counter(conn)
    best = {
        how: min(_write_all(dsn, work, sessions, how, cpu) for _ in range(2))
        for how in ("copy", "insert")
    }
    (copy_s, copy_cpu), (insert_s, insert_cpu) = best["copy"], best["insert"]
    return Floor(sessions, len(work), copy_s, insert_s, copy_cpu, insert_cpu)
