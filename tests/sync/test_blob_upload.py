"""How the sync engine sends a counter's attachments (sync/engine.py ``_upload_blob``): a file of
one chunk in one request, without asking the server first; a longer one resumed from where the
server's copy ends, never sent again from the start. Checked on the requests that reach a real
server and on the bytes it stores."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

import httpx

from desktop.store.dossiers.attachments import attach
from desktop.store.sync.local import CounterStore, DeviceCredentials
from sync.client import ServerClient
from sync.connectivity import ConnectivityMonitor
from sync.engine import SyncEngine
from sync.limits import API_PREFIX, CHUNK_BYTES
from tests.sync.test_engine import _receive
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter


class _RecordingTransport(httpx.HTTPTransport):
    """A real transport that notes each blob request as (method, offset or None)."""

    def __init__(self, sha: str) -> None:
        super().__init__()
        self.path = f"{API_PREFIX}/blobs/{sha}"
        self.seen: list[tuple[str, int | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self.path:
            offset = request.url.params.get("offset")
            self.seen.append((request.method, int(offset) if offset is not None else None))
        return super().handle_request(request)


def _counter_with_scan(
    tmp_path: Path, server: ServerProcess, size: int
) -> tuple[SyncCounter, bytes]:
    c = make_counter(tmp_path, server.url, "Q01")
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(size - 9)
    attach(c.db, c.ctx, _receive(c), OFFICER, "Bản sao giấy tờ", "scan.pdf", pdf)
    return c, pdf


def _sync(c: SyncCounter, transport: httpx.HTTPTransport) -> None:
    client = ServerClient(
        c.ctx.server_url or "", DeviceCredentials(c.db, c.ctx), transport=transport
    )
    try:
        report = SyncEngine(CounterStore(c.db, c.ctx), client, ConnectivityMonitor()).run_once()
    finally:
        client.close()
    assert report.blobs == 1 and report.rejected == 0, report


def _on_server(server: ServerProcess, sha: str) -> bytes:
    return (server.blobs / sha[:2] / sha).read_bytes()


def test_a_one_chunk_scan_goes_up_in_one_request(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    c, pdf = _counter_with_scan(tmp_path, sqlite_server, 48 * 1024)
    sha = hashlib.sha256(pdf).hexdigest()
    seen = _RecordingTransport(sha)
    _sync(c, seen)
    assert seen.seen == [("PUT", 0)]  # no question before it
    assert _on_server(sqlite_server, sha) == pdf
    assert CounterStore(c.db, c.ctx).pending_blobs() == []


def test_a_one_chunk_scan_the_server_already_holds_is_not_sent_twice(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    """The answer to the upload was lost: the server holds the file, the counter does not know.
    Sent again, it is answered "complete" and nothing is stored twice."""
    c, pdf = _counter_with_scan(tmp_path, sqlite_server, CHUNK_BYTES)  # exactly one chunk
    sha = hashlib.sha256(pdf).hexdigest()
    first = ServerClient(c.ctx.server_url or "", DeviceCredentials(c.db, c.ctx))
    try:
        assert first.blob_put(sha, len(pdf), 0, pdf).complete
    finally:
        first.close()
    seen = _RecordingTransport(sha)
    _sync(c, seen)
    assert seen.seen == [("PUT", 0)]
    assert _on_server(sqlite_server, sha) == pdf


def test_a_longer_scan_resumes_where_the_servers_copy_ends(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    """An upload cut after its first chunk (the network, a restart): the next sync asks the
    server how much it holds and sends only the rest."""
    c, pdf = _counter_with_scan(tmp_path, sqlite_server, 2 * CHUNK_BYTES + 5000)
    sha = hashlib.sha256(pdf).hexdigest()
    first = ServerClient(c.ctx.server_url or "", DeviceCredentials(c.db, c.ctx))
    try:
        assert first.blob_put(sha, len(pdf), 0, pdf[:CHUNK_BYTES]).received == CHUNK_BYTES
    finally:
        first.close()
    seen = _RecordingTransport(sha)
    _sync(c, seen)
    assert seen.seen == [("GET", None), ("PUT", CHUNK_BYTES), ("PUT", 2 * CHUNK_BYTES)]
    assert _on_server(sqlite_server, sha) == pdf
