"""The reference server for sync tests: SQLite always, PostgreSQL too when it is installed
(a private throw-away cluster per session, an empty database per test)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL_ENV
from tests.pgcluster import PostgresUnavailable, fresh_database, throwaway_cluster
from tests.synctools import ServerProcess


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    shared = os.environ.get(PG_ADMIN_URL_ENV)  # started by the xdist controller (tests/conftest.py)
    if shared:
        yield shared
        return
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_cluster())
        except PostgresUnavailable as exc:
            pytest.skip(f"PostgreSQL không có sẵn: {exc}")
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    admin: str = request.getfixturevalue("pg_admin_url")
    return fresh_database(admin, f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(db_url, tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """For tests about the client, where the server's database does not matter."""
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()
