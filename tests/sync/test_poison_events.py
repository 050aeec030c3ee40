"""No single event can stall a counter's queue (issue 17, item 2).

A text the server cannot store (a NUL makes PostgreSQL fail the whole batch) is refused with a
4xx on SQLite and PostgreSQL alike, so the event becomes a dead letter and the clean events behind
it arrive; and a server that fails (500) on one chosen event, again and again, gets that event
isolated and dead-lettered while a server failing on everything is an outage that dead-letters
nothing."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import date
from pathlib import Path

import httpx
import pytest

from desktop.domain.reception import parse_form
from sync.connectivity import Unreachable
from sync.limits import API_PREFIX
from tests.conftest import minimal_form
from tests.faultproxy import PoisonProxy
from tests.sync.test_server_api import Device
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter


def _receive(c: SyncCounter, n: int) -> list[str]:
    """``n`` dossiers; the ids of their reception events, in queue order."""
    for i in range(n):
        c.service.receive(parse_form(minimal_form(name=f"Nguyễn Văn {chr(65 + i)}")), OFFICER)
    return [r[0] for r in _outbox(c, "SELECT event_id FROM outbox ORDER BY seq")]


def _outbox(c: SyncCounter, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:
        return conn.execute(sql, args).fetchall()


def _dead(c: SyncCounter) -> list[tuple[object, ...]]:
    return _outbox(c, "SELECT event_id, last_error FROM outbox WHERE dead ORDER BY seq")


def _pending(c: SyncCounter) -> int:
    return int(_outbox(c, "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND NOT dead")[0][0])


def _tamper(c: SyncCounter, event_id: str, text: str) -> None:
    """Put ``text`` into an event already in the outbox, as a counter from before the local
    check did (its receipt was printed, its event queued)."""
    (raw,) = _outbox(c, "SELECT wire FROM outbox WHERE event_id = ?", (event_id,))[0]
    wire = json.loads(raw)
    wire["after"]["applicant_name"] = text
    wire["payload"]["applicant"]["name"] = text
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:
        conn.execute(
            "UPDATE outbox SET wire = ? WHERE event_id = ?", (json.dumps(wire).encode(), event_id)
        )


BAD_TEXTS = {
    "nul": "Nguyễn\x00An",
    "bidi-override": "Nguyễn \u202enA",
    "zero-width": "Nguyễn\u200bAn",
}


def test_a_text_the_server_cannot_keep_is_a_dead_letter_and_the_queue_moves_on(
    server: ServerProcess, tmp_path: Path
) -> None:
    """One queue, each kind of bad text in one event, clean events before, between and after."""
    c = make_counter(tmp_path, server.url, "Q01")
    ids = _receive(c, 2 * len(BAD_TEXTS) + 1)
    tampered = {ids[2 * i + 1]: bad for i, bad in enumerate(BAD_TEXTS.values())}
    for event_id, bad in tampered.items():
        _tamper(c, event_id, bad)
    report = c.sync()  # before: PostgreSQL answered 500 (an outage, forever); SQLite stored it
    assert (report.pushed, report.rejected) == (len(ids) - len(tampered), len(tampered))
    dead = dict(_dead(c))
    assert set(dead) == set(tampered)
    assert all("invalid_request" in str(why) for why in dead.values())
    assert _pending(c) == 0
    assert c.sync().rejected == 0  # the next cycle is clean and online


def test_an_event_the_server_fails_on_is_isolated_and_dead_lettered(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    # first in the queue; in the middle of it; two of them in one queue
    for counter, where in (("Q01", [0]), ("Q02", [4]), ("Q03", [1, 5])):
        c = make_counter(tmp_path, sqlite_server.url, counter)
        ids = _receive(c, 7)
        poison = {ids[i] for i in where}
        with PoisonProxy(sqlite_server.port, poison) as proxy:
            report = c.sync(proxy.url)  # before: Unreachable, and the queue stalled for good
        assert proxy.failed >= 2 * len(poison)  # each failed alone twice before it was set aside
        assert (report.pushed, report.rejected, report.isolated) == (
            7 - len(poison),
            len(poison),
            len(poison),
        )
        dead = dict(_dead(c))
        assert set(dead) == poison and all("500" in str(why) for why in dead.values())
        assert _pending(c) == 0
        again = c.sync()  # straight to the server: nothing left, nothing new refused
        assert again.rejected == 0 and again.pushed == 0


def test_a_server_failing_on_everything_is_an_outage_not_a_dead_letter(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    c = make_counter(tmp_path, sqlite_server.url, "Q01")
    _receive(c, 5)
    with PoisonProxy(sqlite_server.port) as proxy:
        proxy.fail_all_pushes = True
        with pytest.raises(Unreachable):
            c.sync(proxy.url)
        proxy.fail_all_pushes = False
        assert _dead(c) == [] and _pending(c) == 5
        assert c.sync(proxy.url).pushed == 5


# -- numbers, cursors and nesting the server used to answer with a 500 ------------------------


def _error(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    return str(r.json()["error"]["code"])


def test_huge_numbers_and_cursors_are_refused_with_422(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    big = 2**63
    ev = dev.event(str(uuid.uuid4()), code="X" * 10)
    ev["after"]["fee_total"] = big
    assert _error(dev.http.post("/events", json={"events": [ev]}), 422) == "invalid_request"
    ev = dev.event(str(uuid.uuid4()), code="Y" * 10, seq=big)
    assert _error(dev.http.post("/events", json={"events": [ev]}), 422) == "invalid_request"
    cursor = "v1_" + "9" * 27
    assert _error(dev.http.get("/changes", params={"cursor": cursor}), 422) == "bad_cursor"
    for digits in ("v1_²", "v1_" + "١٢"):  # digits to str.isdigit(), not to int()
        assert _error(dev.http.get("/changes", params={"cursor": digits}), 422) == "bad_cursor"


def test_deeply_nested_json_is_refused_not_a_500(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    deep = b"[" * 100_000 + b"]" * 100_000
    r = dev.http.post(f"{API_PREFIX}/events"[len(API_PREFIX) :], content=deep)
    assert _error(r, 422) == "invalid_request"
    payload: dict[str, object] = {}
    inner = payload
    for _ in range(200):  # within the byte limit, but deeper than any event needs
        inner["x"] = {}
        inner = inner["x"]  # type: ignore[assignment]
    ev = dev.event(str(uuid.uuid4()), code="Z" * 10, payload=payload)
    r = dev.http.post("/events", content=json.dumps({"events": [ev]}).encode())
    assert _error(r, 422) == "invalid_request"


def test_reception_times_out_of_bounds_are_refused_by_the_server(server: ServerProcess) -> None:
    """Item 5 on the server: a reception before 2000 (two centuries would share ddmmyy codes) or
    further back than any profile allows before the event recording it is refused with a 422."""
    dev = Device(server, "Q01")
    for received in ("0001-01-01T08:00:00", "1999-12-31T09:00:00", "2022-11-01T09:00:00"):
        ev = dev.event(str(uuid.uuid4()), code="W" * 10)  # recorded 2026-11-20
        ev["after"]["received_at"] = received
        r = dev.http.post("/events", json={"events": [ev]})
        assert _error(r, 422) == "invalid_request", received
    ev = dev.event(str(uuid.uuid4()), code=dev.code(date(2025, 12, 1)))
    ev["after"]["received_at"] = "2025-12-01T09:00:00"  # within a year: a late paper receipt
    assert dev.push(ev)[0]["outcome"] == "applied"
