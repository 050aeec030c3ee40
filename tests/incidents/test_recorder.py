"""The incident recorder on a real counter database, fed what a sync runner sees, with the clock
under the test's control: blips shorter than the grace open nothing; longer trouble opens one
incident dated from its first failure; a new recorder (the sync process restarted) carries on
the same watch or incident; a cycle that succeeds closes it and starts the catch-up report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import (
    IncidentView,
    current_incident,
    get_incident,
    list_incidents,
)
from desktop.store.models import Incident
from sync.client import Refused
from sync.connectivity import Cause, Connectivity, Unreachable
from sync.engine import SyncReport
from tests.conftest import Counter

GRACE = timedelta(minutes=5)
T0 = datetime(2023, 10, 23, 9, 0)
ONLINE = Connectivity(online=True)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def at(self, minutes: float) -> None:
        self.now = T0 + timedelta(minutes=minutes)


def down(cause: Cause = Cause.TCP, detail: str = "máy chủ từ chối kết nối") -> Connectivity:
    return Connectivity(online=False, cause=cause, detail=detail)


def fail(rec: IncidentRecorder, cause: Cause = Cause.TCP, detail: str = "kết nối bị ngắt") -> None:
    """What a runner does on a failed cycle: the monitor's listener, then the cycle callback."""
    rec.observe(ONLINE, down(cause, detail))
    rec.cycle(None, Unreachable(cause, detail))


def rows(counter: Counter) -> int:
    with counter.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Incident)) or 0)


def recorder(
    counter: Counter,
    clock: Clock,
    on_event: Callable[[str, IncidentView], None] | None = None,
) -> IncidentRecorder:
    return IncidentRecorder(counter.db, counter.ctx, grace=GRACE, clock=clock, on_event=on_event)


def test_a_blip_shorter_than_the_grace_opens_nothing(counter: Counter) -> None:
    clock = Clock()
    rec = recorder(counter, clock)
    for minute in (0, 1, 2, 4.9):
        clock.at(minute)
        fail(rec)
    assert current_incident(counter.db) is None and list_incidents(counter.db) == []
    clock.at(5.5)
    rec.cycle(SyncReport(reconciled=True))
    assert rows(counter) == 0, "the watch is forgotten once sync works again"
    assert list_incidents(counter.db) == []


def test_longer_trouble_opens_one_incident_from_its_first_failure(counter: Counter) -> None:
    clock = Clock()
    rec = recorder(counter, clock)
    for minute in (0, 2, 4, 6, 8):
        clock.at(minute)
        fail(rec, Cause.HTTP, "máy chủ trả lời HTTP 503 (unavailable)")
    (inc,) = list_incidents(counter.db)
    assert (
        inc.state == "open" and inc.started_at == T0 and inc.opened_at == T0 + timedelta(minutes=6)
    )
    assert inc.cause == "http" and inc.http_status == 503 and inc.failures == 5
    assert len(inc.samples) == 5, "observe and cycle report one failure once"
    assert inc.report_to == counter.ctx.profile.incident.report_to
    assert inc.answer_within_hours == 4 and inc.answer_due_at is None  # not reported yet
    clock.at(20)
    rec.cycle(SyncReport(pushed=3, reconciled=True))
    closed = get_incident(counter.db, inc.id)
    assert closed.state == "closed" and closed.ended_at == T0 + timedelta(minutes=20)
    assert closed.duration == timedelta(minutes=20) and closed.catchup_done_at is not None
    with counter.db.read() as s:
        row = s.get_one(Incident, inc.id)
        assert row.catchup is not None and row.catchup["sync"]["pushed"] == 3
    assert rows(counter) == 1


def test_a_restarted_recorder_carries_on_the_same_watch_and_incident(counter: Counter) -> None:
    clock = Clock()
    fail(recorder(counter, clock))  # the first sync process dies (SIGKILL) after one failure
    clock.at(6)
    second = recorder(counter, clock)
    fail(second)
    (inc,) = list_incidents(counter.db)
    assert inc.started_at == T0, "the trouble began before the restart"
    clock.at(9)
    third = recorder(counter, clock)  # and again, while the incident is open
    fail(third, Cause.DNS, "không phân giải được tên máy chủ")
    assert [i.id for i in list_incidents(counter.db)] == [inc.id]
    assert get_incident(counter.db, inc.id).failures == 3
    clock.at(12)
    recorder(counter, clock).cycle(SyncReport(reconciled=True))
    assert [i.state for i in list_incidents(counter.db)] == ["closed"]


def test_a_watch_left_for_long_is_not_resumed(counter: Counter) -> None:
    clock = Clock()
    fail(recorder(counter, clock))
    clock.at(45)  # the sync process was away for 45 minutes: nobody knows what happened
    rec = recorder(counter, clock)
    fail(rec)
    assert list_incidents(counter.db) == []
    clock.at(51)
    fail(rec)
    (inc,) = list_incidents(counter.db)
    assert inc.started_at == T0 + timedelta(minutes=45)


def test_a_refusal_that_stops_sync_counts_and_tick_opens_without_a_new_failure(
    counter: Counter,
) -> None:
    clock = Clock()
    seen: list[tuple[str, IncidentView]] = []
    rec = recorder(counter, clock, on_event=lambda kind, v: seen.append((kind, v)))
    rec.cycle(None, Refused(403, "counter_revoked", "Quầy đã bị thu hồi"))
    clock.at(4)
    assert rec.tick() is None
    clock.at(5)
    inc = rec.tick()
    assert inc is not None and inc.cause == "http" and inc.http_status == 403
    assert "counter_revoked" in inc.samples[0].detail
    clock.at(7)
    rec.cycle(SyncReport(reconciled=True))
    assert [k for k, _v in seen] == ["opened", "closed", "caught_up"]
    assert seen[0][1].started_at == T0 and seen[1][1].ended_at == T0 + timedelta(minutes=7)


def test_the_catchup_report_waits_for_the_queue_to_empty(counter: Counter) -> None:
    from desktop.domain.reception import parse_form
    from tests.conftest import RECEPTION, minimal_form

    clock = Clock()
    rec = recorder(counter, clock)
    for minute in (0, 6):
        clock.at(minute)
        fail(rec)
    counter.service.receive(parse_form(minimal_form()), RECEPTION)  # waits in the outbox
    clock.at(10)
    rec.cycle(SyncReport(pushed=0, reconciled=False))
    (inc,) = list_incidents(counter.db)
    assert inc.state == "closed" and inc.catchup_done_at is None
    with counter.db.read() as s:
        data = s.get_one(Incident, inc.id).catchup
    assert data is not None and data["pending"] == 1 and data["dossiers_received"] == 1
