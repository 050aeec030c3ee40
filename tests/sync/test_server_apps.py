"""The server's app in-process (sync/server/app.py, routes/): each app created by ``create_app``
keeps its own state, and a request's write is committed before its answer goes out."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from sync.limits import API_PREFIX
from sync.server.app import create_app, state_of
from sync.server.auth import issue_token
from sync.server.blobs import BlobFiles
from sync.server.db import ServerDatabase
from sync.server.models import AgencyRow, CounterRow
from sync.server.ratelimit import LOGIN_LIMIT, Limit

NOW = datetime(2026, 1, 5, 8, 0)
HEAD = {"seq": 7, "mac": "ab" * 32}


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[[str, int], FastAPI]]:
    made: list[FastAPI] = []

    def make(name: str, enrol_burst: int) -> FastAPI:
        db = ServerDatabase(f"sqlite:///{tmp_path / name}.db")
        db.create_schema()
        # one attempt regained per hour: nothing refills while the test runs
        limits = (Limit(burst=enrol_burst, per_second=1 / 3600), LOGIN_LIMIT)
        app = create_app(db, BlobFiles(tmp_path / f"{name}-blobs"), None, sign_in_limits=limits)
        made.append(app)
        return app

    yield make
    for app in made:
        state_of(app).db.close()


def _counter_token(app: FastAPI) -> str:
    with state_of(app).db.write() as s:
        s.add(
            AgencyRow(
                code="UB-X", code_template="{seq}", max_seq=999, emergency_size=10, created_at=NOW
            )
        )
        s.flush()
        s.add(
            CounterRow(
                id=1,
                agency="UB-X",
                counter="Q01",
                install_id="i",
                key_id="k",
                slot=0,
                enrolled_at=NOW,
                enrolled_by="admin",
            )
        )
        s.flush()
        token, _ = issue_token(s, "counter", 1)
    return token


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://server")


def test_two_apps_in_one_process_share_nothing(make_app: Callable[[str, int], FastAPI]) -> None:
    a, b = make_app("a", 1), make_app("b", 3)  # enrolment attempts allowed at once
    token = _counter_token(a)

    async def run() -> tuple[list[int], list[int], int, int]:
        async with _client(a) as ca, _client(b) as cb:
            # the same client address at both: each app counts its own attempts
            enrol_a, enrol_b = [], []
            for ask in (ca, cb, ca, cb, cb, cb):
                r = await ask.post(f"{API_PREFIX}/counters/enroll", json={})
                (enrol_a if ask is ca else enrol_b).append(r.status_code)
            # and reads its own database: b has never heard of a's counter
            auth = {"Authorization": f"Bearer {token}"}
            at_a = await ca.get(f"{API_PREFIX}/audit-anchor", headers=auth)
            at_b = await cb.get(f"{API_PREFIX}/audit-anchor", headers=auth)
            return enrol_a, enrol_b, at_a.status_code, at_b.status_code

    enrol_a, enrol_b, at_a, at_b = asyncio.run(run())
    assert enrol_a == [422, 429]  # an empty body is refused, once the attempt is counted
    assert enrol_b == [422, 422, 422, 429]
    assert (at_a, at_b) == (200, 401)


def test_a_commit_that_fails_is_the_answer(
    make_app: Callable[[str, int], FastAPI], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request's session is committed before the answer is sent: a commit the database
    refuses is a 503 the counter retries, never a success it would believe."""
    app = make_app("a", 1)
    auth = {"Authorization": f"Bearer {_counter_token(app)}"}

    def locked(_self: Session) -> None:
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database is locked"))

    async def run() -> tuple[httpx.Response, httpx.Response]:
        async with _client(app) as c:
            with monkeypatch.context() as patched:
                patched.setattr(Session, "commit", locked)
                refused = await c.post(f"{API_PREFIX}/audit-anchor", json=HEAD, headers=auth)
            return refused, await c.get(f"{API_PREFIX}/audit-anchor", headers=auth)

    refused, after = asyncio.run(run())
    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "busy"
    assert refused.headers["Retry-After"] == "2"
    assert after.json() == {"seq": 0, "mac": ""}  # rolled back
