"""The window's half of tests/sync/test_sync_session.py: its sync worker (SyncController over
the one SyncSession) reports a held sync lock, a broken CA bundle and an incident the same way
as ``motcua sync`` does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from pytestqt.qtbot import QtBot

from desktop.services.desk import Desk
from desktop.services.sync_session import LOCK_NAME, SyncBusy
from desktop.store.sync.local import read_status
from desktop.ui.sync_controller import SyncController
from sync.connectivity import Cause, Connectivity, Unreachable
from tests.conftest import Counter
from tests.sync.test_sync_session import (
    break_ca_bundle,
    closed_port_url,
    watch_started_minutes_ago,
)

WAIT = 30_000


@pytest.fixture
def offline_counter(tmp_path: Path) -> Iterator[Counter]:
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", closed_port_url())
    yield c
    c.db.close()


@pytest.fixture
def desk(offline_counter: Counter) -> Iterator[Desk]:
    d = Desk.open(offline_counter.data_dir)
    yield d
    d.close()


@pytest.fixture
def sync(desk: Desk) -> Iterator[SyncController]:
    controller = SyncController(desk, interval=60)
    yield controller
    controller.stop()  # before the desk closes its database


def test_the_window_waits_for_a_held_lock_saying_what_the_command_line_says(
    qtbot: QtBot, desk: Desk, sync: SyncController
) -> None:
    with FileLock(str(desk.data_dir / LOCK_NAME), timeout=1):
        with qtbot.waitSignal(sync.busy, timeout=WAIT) as busy:
            sync.start()
        assert busy.args == [str(SyncBusy())]
        assert not sync.running
        sync.stop()


def test_the_window_hears_a_broken_ca_bundle_as_the_command_line_prints_it(
    qtbot: QtBot, desk: Desk, sync: SyncController
) -> None:
    break_ca_bundle(desk.data_dir)
    heard: list[Connectivity] = []
    sync.connectivity.connect(heard.append)
    with qtbot.waitSignal(sync.cycle, timeout=WAIT) as cycle:
        sync.start()
    sync.stop()
    report, problem = cycle.args
    assert report is None and isinstance(problem, Unreachable)
    assert problem.cause is Cause.TLS
    assert problem.detail.startswith("Tệp chứng chỉ CA ca-bundle.pem không dùng được")
    assert heard and (heard[0].online, heard[0].cause, heard[0].detail) == (
        False,
        Cause.TLS,
        problem.detail,
    )
    saved = read_status(desk.db, desk.ctx)  # what `motcua sync --status` shows
    assert (saved.cause, saved.detail) == ("tls", problem.detail)


def test_the_window_tells_the_incident_before_the_failed_pass(
    qtbot: QtBot, offline_counter: Counter, sync: SyncController
) -> None:
    watch_started_minutes_ago(offline_counter, 2)
    order: list[str] = []
    sync.incident.connect(lambda kind, incident: order.append(f"{kind} {incident.id}"))
    sync.cycle.connect(lambda report, problem: order.append(f"cycle {type(problem).__name__}"))
    with qtbot.waitSignal(sync.cycle, timeout=WAIT):
        sync.start()
    sync.stop()
    assert order[:2] == ["opened 1", "cycle Unreachable"]


def test_a_refusal_that_ends_sync_is_said_not_swallowed(
    qtbot: QtBot, desk: Desk, sync: SyncController, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A counter whose device key is gone from the keyring cannot sync until IT re-keys it: the
    window says so where it shows sync's state. The sync thread used to die silently."""
    from desktop.services import sync_session
    from desktop.store.accounts.keyring_guard import KeyStoreError

    missing = KeyStoreError("Không tìm thấy khóa thiết bị của quầy trong kho khóa")

    def run_forever(*_a: object, **_k: object) -> None:
        raise missing

    monkeypatch.setattr(sync_session.SyncSession, "run_forever", run_forever)
    with qtbot.waitSignal(sync.busy, timeout=WAIT) as said:
        sync.start()
    assert said.args == [str(missing)]
    qtbot.waitUntil(lambda: not sync.running, timeout=WAIT)
