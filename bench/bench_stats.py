"""Supervisor statistics at a real centre's scale: 1,000,000 dossiers over five years.

(a) the dashboard's figures for a quarter (StatsService.summary) as a ratio to the same aggregate
    written as one raw SQL query and run with the sqlite3 module (target: at most 1.5x);
(b) look-up by dossier code (desktop/store/dossiers/lookup.py) in the 1,000,000-dossier database
    as a ratio to the same look-up in a 10,000-dossier one (target: at most 1.5x).

The databases are generated once (bench/stats_data.py, a few minutes for the big one) and cached
in var/bench/; ``BENCH_STATS_DOSSIERS`` changes the big one's size.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "var" / "bench"
BIG = int(os.environ.get("BENCH_STATS_DOSSIERS", "1000000"))
SMALL = 10_000
PASSWORD = "Bench2026xyz"

# The dashboard's quarter written by hand: the same candidates, the same derived columns and the
# same definitions as desktop/store/stats/sql.py (Kiên Giang hours 07:00-11:30, 13:30-17:00, no
# cut-off), all in one statement. Seconds of day: 25200-41400 and 48600-61200.
_SEC = (
    "(CAST(substr({x}, 12, 2) AS INTEGER) * 3600 + CAST(substr({x}, 15, 2) AS INTEGER) * 60"
    " + CAST(substr({x}, 18, 2) AS INTEGER))"
)
_W = (
    "(SELECT w.cum + CASE WHEN w.working = 1 THEN MIN(MAX({s} - 25200, 0), 16200)"
    " + MIN(MAX({s} - 48600, 0), 12600) ELSE 0 END FROM temp.stats_workdays w"
    " WHERE w.day = substr({x}, 1, 10))"
)


def _w(x: str) -> str:
    return _W.format(s=_SEC.format(x=x), x=x)


RAW_SQL = f"""
WITH cand(rid) AS (
  SELECT rowid FROM dossiers WHERE finished_at >= :s AND +received_at < :e
  UNION ALL
  SELECT rowid FROM dossiers INDEXED BY ix_dossiers_unfinished
    WHERE finished_at IS NULL AND received_at < :e AND NOT (status IN (7, 8) AND updated_at < :s)
  UNION ALL
  SELECT rowid FROM dossiers WHERE returned_at >= :s AND returned_at < :e AND +finished_at < :s
),
x AS MATERIALIZED (
  SELECT d.received_at AS rec, d.finished_at AS fin, d.returned_at AS ret, d.channel,
    substr(d.due_at, 1, 10) AS due_day, d.paused_at, d.pauses,
    CASE WHEN d.finished_at IS NULL AND d.status IN (7, 8) THEN COALESCE((SELECT MIN(e.occurred_at)
      FROM events e WHERE e.dossier_id = d.id AND (e.type = 'withdrawn' OR (e.type =
      'department_progress' AND CAST(json_extract(e.payload, '$.status') AS INTEGER) = 8))),
      d.updated_at) END AS closed,
    substr(COALESCE((SELECT json_extract(r.payload, '$.previous_due_at') FROM events r
      WHERE r.dossier_id = d.id AND r.type = 'rescheduled' ORDER BY r.seq LIMIT 1), d.due_at),
      1, 10) AS class_due,
    CASE WHEN d.finished_at >= :s AND d.finished_at < :e THEN MAX({_w("d.finished_at")}
      - {_w("d.received_at")} - (CASE WHEN d.pauses = '[]' THEN 0 ELSE (SELECT TOTAL(MAX(
      {_w("json_extract(p.value, '$[1]')")} - {_w("json_extract(p.value, '$[0]')")}, 0))
      FROM json_each(d.pauses) p) END), 0) END AS secs
  FROM cand JOIN dossiers d ON d.rowid = cand.rid
),
y AS (SELECT *, COALESCE(fin, closed) AS ended,
  rec < :e AND (COALESCE(fin, closed) IS NULL OR COALESCE(fin, closed) >= :e) AS open_e,
  fin >= :s AND fin < :e AS resolved, rec >= :s AND rec < :e AS rec_in FROM x)
SELECT
  SUM(rec_in), SUM(rec_in AND channel = 2), SUM(rec_in AND channel = 1),
  SUM(rec_in AND channel = 3), SUM(rec < :s AND (ended IS NULL OR ended >= :s)),
  SUM(resolved), SUM(resolved AND substr(fin, 1, 10) < class_due),
  SUM(resolved AND substr(fin, 1, 10) = class_due),
  SUM(resolved AND substr(fin, 1, 10) > class_due),
  SUM(ret >= :s AND ret < :e), SUM(fin IS NULL AND closed >= :s AND closed < :e),
  SUM(open_e), SUM(open_e AND class_due >= :cutoff), SUM(open_e AND class_due < :cutoff),
  SUM(open_e AND ((paused_at IS NOT NULL AND paused_at <= :e) OR (pauses <> '[]' AND EXISTS (
    SELECT 1 FROM json_each(pauses) p WHERE json_extract(p.value, '$[0]') <= :e_iso
    AND json_extract(p.value, '$[1]') > :e_iso)))),
  SUM(open_e AND due_day = :cutoff),
  SUM(resolved AND secs < 28800), SUM(resolved AND secs >= 28800 AND secs < 86400),
  SUM(resolved AND secs >= 86400 AND secs < 144000),
  SUM(resolved AND secs >= 144000 AND secs < 288000),
  SUM(resolved AND secs >= 288000 AND secs < 576000), SUM(resolved AND secs >= 576000),
  TOTAL(CASE WHEN resolved THEN secs END), COUNT(CASE WHEN resolved THEN secs END)
FROM y
"""


def _keyring(tmp: Path) -> None:
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["MOTCUA_ALLOW_INSECURE_KEYRING"] = "1"  # a throw-away file keyring, on purpose
    os.environ["XDG_DATA_HOME"] = str(tmp)


def prepare(n: int) -> Path:
    """The data dir of a counter database with ``n`` dossiers, generated once and cached."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bench.stats_data import AGENCY, END, GEN_VERSION, OFFICER_NAMES, OWN, PROVINCE, fill
    from desktop.store.db import MIGRATIONS, Database

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    want = {
        "version": GEN_VERSION,
        "dossiers": n,
        "end": END.isoformat(),
        "schema": ScriptDirectory.from_config(cfg).get_current_head(),
    }
    data = CACHE / f"stats-{n}"
    stamp = data / "bench.json"
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        return data
    from desktop.store.accounts.officers import create_officer
    from desktop.store.counter import init_counter
    from desktop.store.resources import load_catalog

    print(f"(generating {n:,} dossiers into {data}; cached for later runs)", flush=True)
    t0 = time.perf_counter()
    work = data.with_name(data.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    db = Database.open(work, create=True)
    init_counter(
        db,
        province=PROVINCE,
        agency=AGENCY,
        counter=OWN,
        server_url=None,
        admin_user="admin",
        admin_password=PASSWORD,
    )
    with db.write() as s:
        for username, full_name in OFFICER_NAMES.items():
            create_officer(s, username, full_name, frozenset({"reception"}), PASSWORD, by="bench")
    db.close()
    catalog = [p.model_dump(mode="json") for p in load_catalog().procedures]
    made = fill(work / "motcua.db", catalog, n)
    Database.open(work).close()  # opens, checks the schema head, leaves WAL mode on
    shutil.rmtree(data, ignore_errors=True)
    work.rename(data)
    stamp.write_text(json.dumps(want))
    print(f"(generated in {time.perf_counter() - t0:.0f} s: {made})", flush=True)
    return data


def main() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    _keyring(CACHE / "keyring")
    from sqlalchemy import text

    from bench.common import best_of, report
    from bench.stats_data import END
    from desktop.domain.stats.metrics import DOSSIER_METRICS
    from desktop.domain.stats.period import quarter_of
    from desktop.store.counter import load_context
    from desktop.store.db import Database
    from desktop.store.dossiers.lookup import lookup
    from desktop.store.stats import sql as stats_sql
    from desktop.store.stats.service import StatsQuery, StatsService

    big, small = prepare(BIG), prepare(SMALL)
    db = Database.open(big)
    ctx = load_context(db, big)
    service = StatsService(db, ctx, clock=lambda: END)
    query = StatsQuery(quarter_of(END.date()))
    summary = service.summary(query)

    # the raw query on its own connection, with the same working-day table loaded beforehand
    raw = sqlite3.connect(big / "motcua.db")
    index = service.work_index(query.period)
    raw.execute(
        "CREATE TEMP TABLE stats_workdays (day TEXT PRIMARY KEY, cum INTEGER NOT NULL,"
        " working INTEGER NOT NULL) WITHOUT ROWID"
    )
    raw.executemany("INSERT INTO temp.stats_workdays VALUES (?, ?, ?)", list(index.rows()))
    values = stats_sql.params(query.period, summary.cutoff, None)

    def raw_query() -> tuple[Any, ...]:
        row: tuple[Any, ...] = raw.execute(RAW_SQL, values).fetchone()
        return row

    # the SQL's metrics (the counter's duties are classified in Python, not by this query)
    got = [summary.figures[m] for m in DOSSIER_METRICS]
    expected = list(raw_query()[: len(got)])
    if got != expected:
        sys.exit(f"bench_stats: the raw query disagrees with the service: {got} != {expected}")

    def lookups(data: Path) -> float:
        d = Database.open(data)
        with d.read() as s:
            codes = [c for (c,) in s.execute(text(_SAMPLE_CODES)).all()]
        random.Random(1).shuffle(codes)

        def run() -> None:
            for code in codes:
                with d.read() as s:
                    assert lookup(s, code)

        t = best_of(run, repeat=5) / len(codes)
        d.close()
        return t

    dashboard = best_of(lambda: service.summary(query), repeat=9)
    baseline = best_of(raw_query, repeat=9)
    look_big, look_small = lookups(big), lookups(small)
    report(
        [
            (f"dashboard, quarter, {BIG:,} dossiers", dashboard, baseline, "one raw SQL query"),
            (f"look-up by code, {BIG:,} dossiers", look_big, look_small, f"{SMALL:,} dossiers"),
        ]
    )
    raw.close()
    db.close()


_SAMPLE_CODES = (
    "SELECT code FROM dossiers WHERE code IS NOT NULL AND rowid % "
    "(SELECT MAX(rowid) / 200 + 1 FROM dossiers) = 0"
)


if __name__ == "__main__":
    main()
