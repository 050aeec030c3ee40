"""The connectivity monitor names the layer that failed — for the officer's banner and for the
incident record — from real failures on loopback: refused, TLS spoken to a plain server, a
server that never answers, a 503; and DNS from the resolver's own error."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from sync.client import ServerClient
from sync.connectivity import Cause, Connectivity, ConnectivityMonitor, Unreachable, classify
from tests.faultproxy import FaultProxy, FaultRates
from tests.synctools import ServerProcess


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cause(url: str, timeout: float = 3.0) -> Unreachable:
    with ServerClient(url, timeout=timeout) as client, pytest.raises(Unreachable) as info:
        client.health()
    return info.value


def test_failures_are_named_by_layer(sqlite_server: ServerProcess) -> None:
    assert _cause(f"http://127.0.0.1:{_free_port()}").cause is Cause.TCP
    assert _cause(f"https://127.0.0.1:{sqlite_server.port}").cause is Cause.TLS
    with FaultProxy(sqlite_server.port, mode="blackhole") as proxy:
        assert _cause(f"http://127.0.0.1:{proxy.port}", timeout=0.5).cause is Cause.TIMEOUT
    with FaultProxy(sqlite_server.port, mode="chaos", faults=FaultRates.only(http_503=1.0)) as p:
        problem = _cause(f"http://127.0.0.1:{p.port}")
        assert problem.cause is Cause.HTTP and "503" in problem.detail
    with ServerClient(sqlite_server.url) as client:
        assert client.health().status == "ok"


def test_dns_failures_are_named_from_the_resolver_error() -> None:
    wrapped = httpx.ConnectError("[Errno -2] Name or service not known")
    wrapped.__cause__ = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert classify(wrapped).cause is Cause.DNS


def test_the_monitor_keeps_when_the_outage_began() -> None:
    seen: list[tuple[bool | None, bool | None]] = []
    m = ConnectivityMonitor()
    m.subscribe(lambda old, new: seen.append((old.online, new.online)))
    t0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    m.ok(t0)
    m.failed(Unreachable(Cause.TCP, "refused"), t0 + timedelta(minutes=1))
    m.failed(Unreachable(Cause.TIMEOUT, "slow"), t0 + timedelta(minutes=2))
    state = m.state
    assert state == Connectivity(
        online=False,
        cause=Cause.TIMEOUT,
        detail="slow",
        since=t0 + timedelta(minutes=1),
        last_ok=t0,
        failures=2,
    )
    m.ok(t0 + timedelta(minutes=5))
    assert m.state.online and m.state.since == t0 + timedelta(minutes=5)
    assert seen == [(None, True), (True, False), (False, False), (False, True)]
