"""Attachments are private to the counter that uploads them (issue 17, item 9): another counter
can neither see a partial or unclaimed upload, nor learn whether the province holds a file, nor
block an upload by pre-declaring its hash with a wrong size; and a counter whose upload keeps
failing its check stops with an error (retried later with backoff), never loops."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from pathlib import Path

import httpx
import pytest

from desktop.store.dossiers.attachments import attach
from desktop.store.sync.local import CounterStore, DeviceCredentials
from sync.client import Refused, ServerClient
from sync.connectivity import ConnectivityMonitor
from sync.engine import SyncEngine
from tests.sync.test_engine import _receive
from tests.sync.test_server_api import Device
from tests.synctools import OFFICER, ServerProcess, make_counter

NOTHING = {"size": None, "received": 0, "complete": False}


def _status(dev: Device, sha: str) -> dict[str, object]:
    r = dev.http.get(f"/blobs/{sha}")
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    assert body.pop("sha256") == sha
    return body


def _put(dev: Device, sha: str, size: int, offset: int, chunk: bytes) -> httpx.Response:
    return dev.http.put(f"/blobs/{sha}", params={"size": size, "offset": offset}, content=chunk)


def test_uploads_are_private_until_an_event_claims_them(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    data = secrets.token_bytes(3000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(q1, sha, len(data), 0, data[:1000]).json()["received"] == 1000
    # another counter sees nothing of a partial upload...
    assert _status(q2, sha) == NOTHING
    assert _put(q1, sha, len(data), 1000, data[1000:]).json()["complete"] is True
    # ...nor of a complete one: the status is no oracle for "the province holds this file"
    assert _status(q2, sha) == NOTHING
    # and it cannot attach a file it never sent
    ev2 = q2.event(str(uuid.uuid4()), code=None, status=3, blobs=[sha])
    (res,) = q2.push(ev2)
    assert res["code"] == "missing_blob"
    (res,) = q1.push(q1.event(str(uuid.uuid4()), code=None, status=3, blobs=[sha]))
    assert res["outcome"] == "applied", res
    assert _status(q2, sha) == NOTHING  # claimed by Q01's event: still not Q02's to see
    assert _status(q1, sha) == {"size": 3000, "received": 3000, "complete": True}
    # Q02 holding the same file uploads it itself, and then may name it
    r = _put(q2, sha, len(data), 0, data)
    assert r.status_code == 200 and r.json()["complete"] is True, r.text
    (res,) = q2.push(ev2)
    assert res["outcome"] == "applied"
    assert (server.blobs / sha[:2] / sha).read_bytes() == data


def test_a_wrong_size_declared_by_another_counter_blocks_nothing(server: ServerProcess) -> None:
    q1, hostile = Device(server, "Q01"), Device(server, "Q09")
    data = secrets.token_bytes(5000)
    sha = hashlib.sha256(data).hexdigest()
    # the hostile counter guesses the hash of a file Q01 will attach, with a wrong size
    assert _put(hostile, sha, 7, 0, b"abc").status_code == 200
    r = _put(q1, sha, len(data), 0, data)
    assert r.status_code == 200, r.text
    assert r.json()["complete"] is True


def test_a_counter_restarts_its_own_upload_with_another_size(server: ServerProcess) -> None:
    q1 = Device(server, "Q01")
    data = secrets.token_bytes(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(q1, sha, 9999, 0, data[:500]).status_code == 200  # a local file since replaced
    # mid-file, the other size is still a mistake
    r = _put(q1, sha, len(data), 500, data[500:])
    assert r.status_code == 409 and r.json()["error"]["code"] == "size_mismatch"
    # from the start, it replaces the upload
    r = _put(q1, sha, len(data), 0, data)
    assert r.status_code == 200 and r.json()["complete"] is True, r.text


class _CountingTransport(httpx.HTTPTransport):
    """A real transport that gives up after ``limit`` requests, so a client stuck in a loop
    ends the test instead of hanging it."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        if self.count > self.limit:
            raise AssertionError(f"more than {self.limit} requests: the client is looping")
        return super().handle_request(request)


def test_a_damaged_local_attachment_is_an_error_not_a_loop(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    code = _receive(q1)
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(4000)
    attach(q1.db, q1.ctx, code, OFFICER, "Tờ khai", "to-khai.pdf", pdf)
    sha = hashlib.sha256(pdf).hexdigest()
    stored = q1.ctx.attachments_dir / sha[:2] / sha
    stored.chmod(0o600)
    stored.write_bytes(b"%PDF-1.4\n" + secrets.token_bytes(4000))  # same size, other bytes
    transport = _CountingTransport(limit=60)
    client = ServerClient(
        q1.ctx.server_url or "", DeviceCredentials(q1.db, q1.ctx), transport=transport
    )
    engine = SyncEngine(CounterStore(q1.db, q1.ctx), client, ConnectivityMonitor())
    try:
        with pytest.raises(Refused) as refused:
            engine.run_once()
    finally:
        client.close()
    assert refused.value.code == "hash_mismatch"
    assert "đính kèm" in refused.value.message
