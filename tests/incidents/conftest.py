"""The reference server (SQLite) and the fault proxy in front of it, for incident tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faultproxy import FaultProxy
from tests.synctools import ServerProcess


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    with FaultProxy(server.port, seed=11) as p:
        yield p
