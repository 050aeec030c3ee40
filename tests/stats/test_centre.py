"""The centre snapshot end to end: the real server (SQLite and PostgreSQL) computes the figures of
every counter of the agency, publishes them through the change feed (on a counter's pull, or with
``motcua-server stats publish``), the counter keeps them and shows them offline with their time;
and they are the same numbers as the counter's own statistics over the same dossiers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.domain.reception import parse_form
from desktop.domain.stats.metrics import COUNT_METRICS, Metric
from desktop.domain.stats.period import named
from desktop.store.clock import local_now
from desktop.store.dossiers.service import find_dossier
from desktop.store.stats.centre import CentreSnapshot, centre_snapshot
from desktop.store.stats.service import StatsQuery, StatsService
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.synctools import OFFICER, SERVER, ServerProcess, SyncCounter, make_counter


def _receive(c: SyncCounter, channel: int = 1) -> str:
    r = c.service.receive(parse_form({**minimal_form(), "channel": channel}), OFFICER)
    assert r.code is not None
    return r.code


def _snapshot_after_syncs(
    c: SyncCounter, until: Callable[[CentreSnapshot], bool] = lambda _snap: True
) -> CentreSnapshot:
    for _ in range(100):
        c.sync()
        snap = centre_snapshot(c.db)
        if snap is not None and until(snap):
            return snap
        time.sleep(0.05)
    raise AssertionError("the awaited centre snapshot did not reach the counter in 100 syncs")


def _received_today(snap: CentreSnapshot) -> int:
    today = snap.period("today")
    return -1 if today is None else today.figures[Metric.RECEIVED]


def test_the_centre_snapshot_reaches_every_counter(server: ServerProcess, tmp_path: Path) -> None:
    q1 = make_counter(tmp_path, server.url, "Q01")
    q2 = make_counter(tmp_path, server.url, "Q02")
    _receive(q1)
    _receive(q1, channel=2)
    done = _receive(q2)
    q2.service.result_ready(done, OFFICER)
    q2.service.return_result(done, OFFICER, "Trần Thị Bình", "089185004321")
    # Q01's first pull found no snapshot, so the server started one (Q02 had sent nothing yet);
    # it is computed in the background and reaches Q01 with a later pull
    first = _snapshot_after_syncs(q1)
    assert first.agency == "000.00.12.H01"
    today = first.period("today")
    assert today is not None and today.figures[Metric.RECEIVED] == 2
    q2.sync()
    q1.sync()
    # within five minutes a pull does not recompute
    again = centre_snapshot(q1.db)
    assert again is not None and again.taken_at == first.taken_at

    out = server.admin("stats", "publish", "--json")
    assert out.returncode == 0, out.stderr
    [published] = json.loads(out.stdout)
    assert published["agency"] == "000.00.12.H01" and published["dossiers"] == 3
    q1.sync()
    snap = centre_snapshot(q1.db)
    assert snap is not None and snap.taken_at >= first.taken_at
    assert abs(snap.taken_at - local_now()) < timedelta(minutes=2)
    assert [p.kind for p in snap.periods] == ["today", "week", "month", "quarter"]
    today = snap.period("today")
    assert today is not None
    f = today.figures
    assert (f[Metric.RECEIVED], f[Metric.RECEIVED_ONLINE], f[Metric.RESOLVED]) == (3, 1, 1)
    assert (f[Metric.RETURNED], f[Metric.IN_PROGRESS], f[Metric.WITHDRAWN]) == (1, 2, 0)
    assert today.counters["Q01"][Metric.RECEIVED] == 2
    # returned at once: on time when its appointment is today (received before the working day
    # began, 8 working hours end at 17:00), early when it is a later day (received during it)
    with q2.db.read() as session:
        due = find_dossier(session, done).due_at
    assert due is not None
    returned_in = (
        Metric.RESOLVED_ON_TIME if due.date() == local_now().date() else Metric.RESOLVED_EARLY
    )
    assert today.counters["Q02"][returned_in] == 1
    assert today.counters["Q02"][Metric.RESOLVED_LATE] == 0

    # the counter's own statistics over the same dossiers (Q02's came with the sync) agree
    service = StatsService(q1.db, q1.ctx)
    for p in snap.periods:
        local = service.summary(StatsQuery(named(p.kind, local_now().date()))).figures
        assert {m: local[m] for m in COUNT_METRICS} == {m: p.figures[m] for m in COUNT_METRICS}

    shown = Cli(q1.data_dir).json("stats", "--centre", "--json", "--user", "admin")
    assert shown["agency"] == "000.00.12.H01" and shown["age_minutes"] <= 2
    assert shown["taken_at"] == snap.taken_at.isoformat(timespec="seconds")
    assert shown["periods"][0]["figures"]["received"] == 3
    assert shown["periods"][0]["counters"]["Q02"]["returned"] == 1
    text = Cli(q1.data_dir).ok("stats", "--centre", "--user", "admin")
    assert "SỐ LIỆU TOÀN TRUNG TÂM" in text and "Máy chủ tính lúc" in text and "Hôm nay" in text


def test_publish_refuses_an_unknown_agency(server: ServerProcess) -> None:
    out = server.admin("stats", "publish", "--agency", "000.00.99.H99")
    assert out.returncode == 1 and "không có cơ quan" in out.stderr
    assert "Traceback" not in out.stderr


# slow (make check-all), for the default suite's 5-minute budget: the snapshot's publishing and
# pull stay in the default suite (the other tests here)
@pytest.mark.slow
def test_a_stale_snapshot_is_refreshed_on_pull_and_replaces_the_old_one(tmp_path: Path) -> None:
    db = tmp_path / "server.db"
    srv = ServerProcess(f"sqlite:///{db}", tmp_path / "blobs")
    srv.ensure_admin()
    # ServerProcess starts with the default age; start this one with 0.01 min (0.6 s)
    proc = subprocess.Popen(
        [*SERVER, "--db", f"sqlite:///{db}", "--port", "0", "--stats-max-age", "0.01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("listening "), line
        url = line.split()[1]
        c = make_counter(tmp_path, url, "Q01")
        _receive(c)
        first = _snapshot_after_syncs(c)
        time.sleep(1.5)
        _receive(c)
        # pushes, then pulls: the snapshot was older than 0.6 s, so the server makes a new one
        second = _snapshot_after_syncs(c, until=lambda snap: _received_today(snap) == 2)
        assert second.taken_at > first.taken_at
        today = second.period("today")
        assert today is not None and today.figures[Metric.RECEIVED] == 2
        with sqlite3.connect(db) as conn:
            kinds = conn.execute("SELECT kind, count(*) FROM changes GROUP BY kind").fetchall()
        assert dict(kinds)["stats"] == 1  # each snapshot replaced the agency's previous one
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        if proc.stdout:
            proc.stdout.close()


def _children(pid: int) -> dict[int, str]:
    """The living processes whose parent is ``pid``, with their command lines (from /proc)."""
    kids: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue  # gone meanwhile
        if int(parent) == pid and state != "Z":
            kids[int(stat.parent.name)] = cmdline
    return kids


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_the_snapshot_is_made_in_a_worker_process_that_ends_with_the_server(
    tmp_path: Path,
) -> None:
    """Statistics over a province's dossiers take seconds of pure Python: in a worker process,
    started with the server, they do not hold up its requests; and a server killed outright takes
    its worker along."""
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs").start()
    assert srv.proc is not None
    server_pid = srv.proc.pid

    def workers() -> list[int]:
        # multiprocessing's resource tracker is a child too, but not a worker
        return [p for p, cmd in _children(server_pid).items() if "resource_tracker" not in cmd]

    try:
        started = workers()
        assert len(started) == 1, _children(server_pid)
        srv.ensure_admin()
        c = make_counter(tmp_path, srv.url, "Q01")
        _receive(c)
        snap = _snapshot_after_syncs(c)
        assert _received_today(snap) == 1
        assert workers() == started  # the same worker made it
        os.kill(server_pid, signal.SIGKILL)
        srv.proc.wait(timeout=15)
        for _ in range(200):
            if not _alive(started[0]):
                break
            time.sleep(0.05)
        assert not _alive(started[0]), "the statistics worker outlived its server"
    finally:
        srv.stop()
