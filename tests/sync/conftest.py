"""The reference server for sync tests: SQLite always, PostgreSQL too when it is installed
(a private throw-away cluster per session, an empty database per test)."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL_ENV
from tests.pgcluster import PostgresUnavailable, fresh_database, throwaway_cluster
from tests.synctools import ServerProcess

# The `server` fixtures start on a copy of a database their server would have made itself
# (issue 16): `ServerDatabase.create_schema()` on an empty one, once per test process and
# backend, is what every new server did first. The server then finds it current and uses it
# as is. Tests that want the database empty (`db_url` without `server`) still get it empty.
_schema_templates: dict[str, str] = {}


def _at_head(url: str) -> None:
    from sync.server.db import ServerDatabase

    db = ServerDatabase(url)
    try:
        db.create_schema()
    finally:
        db.close()


def _sqlite_at_head(path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """``path`` (not there yet) as a copy of an SQLite server database made at the head."""
    template = _schema_templates.get("sqlite")
    if template is None:
        template = str(tmp_path_factory.mktemp("server-template") / "server.db")
        _at_head(f"sqlite:///{template}")
        _schema_templates["sqlite"] = template
    shutil.copyfile(template, path)
    path.chmod(0o600)


def _postgresql_at_head(admin: str, name: str) -> str:
    """The new database ``name`` made from a PostgreSQL database at the head (CREATE DATABASE
    … TEMPLATE copies it in the cluster; nobody stays connected to the template)."""
    template = _schema_templates.get("postgresql")
    if template is None:
        template = f"t_head_{uuid.uuid4().hex[:12]}"
        _at_head(fresh_database(admin, template))
        _schema_templates["postgresql"] = template
    return fresh_database(admin, name, template=template)


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
    name = f"t_{uuid.uuid4().hex[:12]}"
    if "server" in request.fixturenames:  # its server would make the schema first thing
        return _postgresql_at_head(admin, name)
    return fresh_database(admin, name)


@pytest.fixture
def server(
    db_url: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    if db_url.startswith("sqlite:///") and not Path(db_url.removeprefix("sqlite:///")).exists():
        _sqlite_at_head(Path(db_url.removeprefix("sqlite:///")), tmp_path_factory)
    srv = ServerProcess(db_url, tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def sqlite_server(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """For tests about the client, where the server's database does not matter."""
    _sqlite_at_head(tmp_path / "server.db", tmp_path_factory)
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()
