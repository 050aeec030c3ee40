"""One sync session for the window and the command line (issue 24, item 3): where the two
copies used to differ, the command line and the window now report the same thing the same way.

- a sync lock held by another process: ``motcua sync`` refuses at once (exit 1) and the
  window's worker waits, both with the same sentence;
- a CA bundle that cannot be used: an outage with cause TLS for both — saved as the counter's
  connectivity, ``motcua sync --once`` exits 4 like any offline pass, the window hears it as a
  failed pass with the same detail;
- the order of reporting: incident news first, then the pass's outcome.

The window's half of each is in tests/ui/test_sync_session_window.py; the server is a closed
loopback port (no server process: every pass fails at TCP, fast)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from desktop.services.sync_session import (
    CA_BUNDLE,
    LOCK_NAME,
    UNREACHABLE,
    NotConfigured,
    SyncBusy,
    SyncSession,
)
from desktop.store.clock import local_now
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import set_grace
from desktop.store.sync.local import read_status
from sync.connectivity import Cause, Unreachable
from tests.clitools import Cli
from tests.conftest import Counter

BROKEN_BUNDLE = "đây không phải chứng chỉ\n"


def closed_port_url() -> str:
    """A loopback address nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"https://127.0.0.1:{port}"


@pytest.fixture
def offline_counter(tmp_path: Path) -> Iterator[Counter]:
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", closed_port_url())
    yield c
    c.db.close()


def break_ca_bundle(data_dir: Path) -> None:
    (data_dir / "ca-bundle.pem").write_text(BROKEN_BUNDLE, encoding="utf-8")


def watch_started_minutes_ago(c: Counter, minutes: int) -> None:
    """Trouble seen ``minutes`` ago, shorter than the profile's grace; with the grace cut to a
    minute, the next failure opens the incident (no waiting in the test)."""
    then = local_now() - timedelta(minutes=minutes)
    IncidentRecorder(c.db, c.ctx, clock=lambda: then).cycle(
        None, Unreachable(Cause.TCP, "thử nghiệm")
    )
    set_grace(c.db, c.ctx, 60)


def test_a_held_sync_lock_is_refused_at_once_by_the_command_line(
    offline_counter: Counter,
) -> None:
    cli = Cli(offline_counter.data_dir)
    with FileLock(str(offline_counter.data_dir / LOCK_NAME), timeout=1):
        p = cli.run("sync", "--once")
    assert p.returncode == 1
    assert p.stderr == f"Lỗi: {SyncBusy()}\n"  # the sentence the window shows while it waits
    assert str(SyncBusy()) == "Một tiến trình đồng bộ khác đang chạy cho quầy này"


def test_a_broken_ca_bundle_is_a_tls_outage_on_the_command_line(
    offline_counter: Counter,
) -> None:
    break_ca_bundle(offline_counter.data_dir)
    cli = Cli(offline_counter.data_dir)
    p = cli.run("sync", "--once", "--retries", "3", "--backoff", "30")  # no retry: no waiting
    assert p.returncode == 4, p.stderr
    assert "Traceback" not in p.stderr
    lines = p.stderr.splitlines()
    assert lines == [
        "Chưa đồng bộ được: tls — Tệp chứng chỉ CA ca-bundle.pem không dùng được: "
        + lines[0].split("không dùng được: ", 1)[1]
    ]
    assert lines[0].endswith(". Quầy vẫn làm việc bình thường.")
    status = cli.json("sync", "--status", "--json")
    assert status["online"] is False and status["cause"] == "tls"
    assert status["detail"].startswith("Tệp chứng chỉ CA ca-bundle.pem không dùng được")
    assert status["detail"] in p.stderr


def test_the_session_reports_a_broken_ca_bundle_as_one_typed_problem(
    offline_counter: Counter,
) -> None:
    break_ca_bundle(offline_counter.data_dir)
    heard = []
    session = SyncSession(offline_counter.db, offline_counter.ctx, on_connectivity=heard.append)
    with session.lock() as lock:
        result = session.run_once(lock, retries=0)
    assert not result.ok and result.report is None
    assert result.problem is not None
    assert (result.problem.code, result.problem.cause) == (CA_BUNDLE, "tls")
    assert result.problem.detail.startswith("Tệp chứng chỉ CA ca-bundle.pem không dùng được")
    assert [c.cause for c in heard] == [Cause.TLS]
    assert heard[0].detail == result.problem.detail
    saved = read_status(offline_counter.db, offline_counter.ctx)
    assert (saved.cause, saved.detail) == ("tls", result.problem.detail)


def test_incident_news_is_reported_before_the_outcome_of_the_pass(
    offline_counter: Counter,
) -> None:
    watch_started_minutes_ago(offline_counter, 2)
    p = Cli(offline_counter.data_dir).run("sync", "--once", "--retries", "0")
    assert p.returncode == 4, p.stderr
    lines = p.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("Ghi nhận sự cố số 1: mất kết nối máy chủ tỉnh")
    assert lines[1].startswith("Chưa đồng bộ được: tcp — ")


def test_one_pass_carries_the_incident_news_and_the_problem_as_codes(
    offline_counter: Counter,
) -> None:
    watch_started_minutes_ago(offline_counter, 2)
    session = SyncSession(offline_counter.db, offline_counter.ctx)
    with session.lock() as lock:
        result = session.run_once(lock, retries=0)
    assert [(n.kind, n.incident.id) for n in result.incidents] == [("opened", 1)]
    assert result.problem is not None
    assert (result.problem.code, result.problem.cause) == (UNREACHABLE, "tcp")
    assert isinstance(result.error, Unreachable)
    assert (result.pushed, result.pulled, result.dead_letters, result.attention) == (0, 0, 0, ())


def test_the_session_lock_is_the_command_lines_lock(offline_counter: Counter) -> None:
    session = SyncSession(offline_counter.db, offline_counter.ctx)
    with session.lock():
        with pytest.raises(SyncBusy):
            session.lock()
        p = Cli(offline_counter.data_dir).run("sync", "--once")
        assert p.returncode == 1 and "đang chạy" in p.stderr
    session.lock().release()  # free again once released


def test_without_a_server_both_enrol_and_sync_say_so_the_same_way(counter: Counter) -> None:
    cli = Cli(counter.data_dir)
    for command in (["sync", "--once"], ["enroll", "--user", "it.admin"]):
        p = cli.run(*command)
        assert p.returncode == 1
        assert p.stderr == f"Lỗi: {NotConfigured()}\n", command
    with pytest.raises(NotConfigured):
        SyncSession(counter.db, counter.ctx).enrol("it.admin", "x")
