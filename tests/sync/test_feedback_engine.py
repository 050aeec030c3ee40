"""The engine's feedback step alone, over a scripted server (the real one is in
test_feedback_sync.py): a server without the register keeps the entries for later, and one the
server fails on alone (500) waits for the next cycle while the others go — unless the next one
fails alone too, which is the server failing, not an entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import cast
from uuid import UUID, uuid4

import pytest

from sync.client import Refused, ServerClient, ServerFailed
from sync.engine import LocalStore, PendingFeedback, SyncEngine, SyncReport
from sync.protocol import EventResult, PushResponse


class Store:
    def __init__(self, n: int) -> None:
        self.entries = [
            PendingFeedback(seq=i + 1, id=uuid4(), wire=json.dumps({"n": i + 1}).encode())
            for i in range(n)
        ]
        self.marks: dict[int, str] = {}

    def pending_feedback(self, limit: int, after: int = 0) -> list[PendingFeedback]:
        left = [e for e in self.entries if e.seq > after and e.seq not in self.marks]
        return left[:limit]

    def mark_feedback(self, results: list[tuple[int, EventResult]]) -> None:
        for seq, r in results:
            self.marks[seq] = r.outcome


class Client:
    def __init__(self, answer: Callable[[list[int]], str | None]) -> None:
        self.answer = answer  # the entries' numbers → None (applied) or what to raise
        self.calls: list[list[int]] = []

    def push_feedback(self, ids: list[UUID], body: bytes) -> PushResponse:
        numbers = [e["n"] for e in json.loads(body)["entries"]]
        self.calls.append(numbers)
        trouble = self.answer(numbers)
        if trouble == "404":
            raise Refused(404, "not_found", "no such route")
        if trouble == "500":
            raise ServerFailed(500, "máy chủ trả lời HTTP 500")
        return PushResponse(results=[EventResult(id=i, outcome="applied") for i in ids])


def _engine(store: Store, client: Client) -> SyncEngine:
    return SyncEngine(cast(LocalStore, store), cast(ServerClient, client))


def test_a_server_without_the_register_keeps_them_for_later() -> None:
    store = Store(3)
    report = SyncReport()
    _engine(store, Client(lambda _n: "404"))._push_feedback(report)
    assert store.marks == {} and report.feedback_rejected == 0


def test_one_the_server_fails_on_alone_waits_and_the_others_go() -> None:
    store, report = Store(5), SyncReport()
    client = Client(lambda n: "500" if 2 in n else None)
    _engine(store, client)._push_feedback(report)
    assert store.marks == {1: "applied", 3: "applied", 4: "applied", 5: "applied"}
    assert (report.feedback_pushed, report.feedback_held) == (4, 1)
    assert [2] in client.calls


def test_two_failing_alone_in_a_row_is_the_server_failing() -> None:
    store = Store(4)
    client = Client(lambda n: "500" if {2, 3} & set(n) else None)
    with pytest.raises(ServerFailed):
        _engine(store, client)._push_feedback(SyncReport())
    assert store.marks == {1: "applied"}
