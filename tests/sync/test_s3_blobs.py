"""Attachments in an S3-compatible object store (issue 23 item 2): the real server with
``--blobs s3://…`` against a private SeaweedFS (tests/s3tools.py), over HTTP.

Resumed uploads are checked and stored once, by content, privately; a counter's chunks may reach
any of two instances on one PostgreSQL (nothing of an upload lives in one process); a store
that goes away is a 503 with Retry-After and a not-ready /readyz, never a lost or half-recorded
file, and the upload completes once it is back."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.store.dossiers.attachments import attach
from sync.connectivity import Unreachable
from sync.limits import API_PREFIX, CHUNK_BYTES
from sync.server.blobstore.s3 import S3ConfigError, parse_url
from sync.server.cli import main as server_main
from tests.clitools import run_main_in_process
from tests.pgcluster import fresh_database
from tests.s3tools import S3Server, S3Unavailable, throwaway_s3
from tests.sync.test_engine import _receive
from tests.sync.test_server_api import Device
from tests.synctools import OFFICER, ServerProcess, make_counter

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SeaweedFS tests run on POSIX"),
    # one object store for the module, started once on one worker (--dist loadgroup)
    pytest.mark.xdist_group("s3_blobs"),
]


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with contextlib.ExitStack() as stack:
        try:
            store = stack.enter_context(throwaway_s3())
        except S3Unavailable as exc:
            pytest.skip(f"SeaweedFS không có sẵn: {exc}")
        yield store


@pytest.fixture
def s3_env(s3: S3Server, monkeypatch: pytest.MonkeyPatch) -> S3Server:
    """The store's address and keys in the environment the servers are started with; the
    store running (a test that stopped it may have failed before starting it again)."""
    if not s3.alive():
        s3.start()
    for name, value in s3.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("MOTCUA_S3_ENDPOINT", raising=False)
    return s3


@pytest.fixture
def pg_url(pg_admin_url: str) -> str:
    return fresh_database(pg_admin_url, f"t_s3_{uuid.uuid4().hex[:12]}")


def _start(db_url: str, tmp_path: Path, name: str, blobs: str) -> ServerProcess:
    # the last --blobs wins: ServerProcess names a local folder first (its log goes beside it)
    return ServerProcess(db_url, tmp_path / name, extra=("--blobs", blobs)).start()


def _put(http: httpx.Client, sha: str, size: int, offset: int, chunk: bytes) -> httpx.Response:
    return http.put(f"/blobs/{sha}", params={"size": size, "offset": offset}, content=chunk)


def _keys(s3: S3Server, prefix: str) -> dict[str, Any]:
    client = s3.client()
    found: dict[str, Any] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=s3.bucket, Prefix=prefix):
        for obj in page.get("Contents", ()):
            found[obj["Key"]] = obj
    return found


def _stored(s3: S3Server, prefix: str, sha: str) -> bytes:
    body = s3.client().get_object(Bucket=s3.bucket, Key=f"{prefix}/blobs/{sha[:2]}/{sha}")["Body"]
    return bytes(body.read())


def _instance(server: ServerProcess, dev: Device) -> httpx.Client:
    """The same counter (same token) talking to another instance."""
    return httpx.Client(
        base_url=server.url + API_PREFIX,
        timeout=20,
        headers={"Authorization": dev.http.headers["Authorization"]},
    )


def test_upload_resume_check_and_dedupe_in_the_object_store(
    s3_env: S3Server, pg_url: str, tmp_path: Path
) -> None:
    s3, prefix = s3_env, f"t-{uuid.uuid4().hex[:8]}"
    srv = _start(pg_url, tmp_path, "a", s3.url(prefix))
    try:
        srv.ensure_admin()
        q1, q2 = Device(srv, "Q01"), Device(srv, "Q02")
        data = secrets.token_bytes(2 * CHUNK_BYTES + 12345)
        sha = hashlib.sha256(data).hexdigest()
        assert _put(q1.http, sha, len(data), 0, data[:CHUNK_BYTES]).status_code == 200
        # the chunk is an object of its own under uploads/, not in the instance's memory
        (first,) = [k for k in _keys(s3, prefix) if k.startswith(f"{prefix}/uploads/")]
        # leftovers of an instance that died between the store and the database (bytes at an
        # offset never recorded) are never read into the file
        s3.client().put_object(Bucket=s3.bucket, Key=first[:-12] + "000000000777", Body=b"junk")
        # resumed where the server's copy ends; a wrong offset is refused
        assert q1.http.get(f"/blobs/{sha}").json()["received"] == CHUNK_BYTES
        r = _put(q1.http, sha, len(data), 5, data[5:100])
        assert r.status_code == 409 and r.json()["error"]["code"] == "offset_mismatch"
        r = _put(q1.http, sha, len(data), CHUNK_BYTES, data[CHUNK_BYTES:])
        assert r.status_code == 200 and r.json()["complete"] is True, r.text
        assert _stored(s3, prefix, sha) == data
        # the chunks are gone once the file is stored
        assert not [k for k in _keys(s3, prefix) if k.startswith(f"{prefix}/uploads/")]

        # bytes that do not hash to their name: discarded, the upload starts over
        bad = secrets.token_bytes(1000)
        fake = hashlib.sha256(b"something else").hexdigest()
        r = _put(q1.http, fake, 1000, 0, bad)
        assert r.status_code == 422 and r.json()["error"]["code"] == "hash_mismatch"
        assert q1.http.get(f"/blobs/{fake}").json()["received"] == 0
        assert f"{prefix}/blobs/{fake[:2]}/{fake}" not in _keys(s3, prefix)

        # another counter with the same file proves it itself; it is stored once
        before = _keys(s3, f"{prefix}/blobs/")
        r = _put(q2.http, sha, len(data), 0, data)
        assert r.status_code == 200 and r.json()["complete"] is True
        after = _keys(s3, f"{prefix}/blobs/")
        assert list(after) == [f"{prefix}/blobs/{sha[:2]}/{sha}"]
        assert after == before  # written once: the stored object is not written again

        # named by an event, the agency's counters download it from the store
        (res,) = q1.push(q1.event(str(uuid.uuid4()), code=None, status=3, blobs=[sha]))
        assert res["outcome"] == "applied", res
        got, offset = b"", 0
        while offset < len(data):
            r = q1.http.get(f"/blobs/{sha}/content", params={"offset": offset})
            assert r.status_code == 200 and int(r.headers["x-blob-size"]) == len(data)
            got += r.content
            offset += len(r.content)
        assert got == data
        # private: no anonymous read
        plain = httpx.get(f"{s3.endpoint}/{s3.bucket}/{prefix}/blobs/{sha[:2]}/{sha}")
        assert plain.status_code in (401, 403)
    finally:
        srv.stop()


# slow (make check-all), for the default suite's 5-minute budget: the province's fault test
# (tests/sync/test_province_faults.py) sends every counter's chunks to either instance too
@pytest.mark.slow
def test_a_counters_chunks_may_reach_either_instance(
    s3_env: S3Server, pg_url: str, tmp_path: Path
) -> None:
    s3, prefix = s3_env, f"t-{uuid.uuid4().hex[:8]}"
    a = _start(pg_url, tmp_path, "a", s3.url(prefix))
    b = _start(pg_url, tmp_path, "b", s3.url(prefix))
    try:
        a.ensure_admin()
        dev = Device(a, "Q01")
        on_b = _instance(b, dev)
        data = secrets.token_bytes(3 * CHUNK_BYTES - 7)
        sha = hashlib.sha256(data).hexdigest()
        assert _put(dev.http, sha, len(data), 0, data[:CHUNK_BYTES]).status_code == 200
        # instance B knows how far A got (the database), and takes the next chunk (the store)
        assert on_b.get(f"/blobs/{sha}").json()["received"] == CHUNK_BYTES
        r = _put(on_b, sha, len(data), CHUNK_BYTES, data[CHUNK_BYTES : 2 * CHUNK_BYTES])
        assert r.status_code == 200 and r.json()["received"] == 2 * CHUNK_BYTES, r.text
        # A has never seen the second chunk, and completes the file with the third
        r = _put(dev.http, sha, len(data), 2 * CHUNK_BYTES, data[2 * CHUNK_BYTES :])
        assert r.status_code == 200 and r.json()["complete"] is True, r.text
        assert _stored(s3, prefix, sha) == data
        on_b.close()
        # (real counters whose syncs go to either instance: tests/sync/test_province_faults.py)
    finally:
        a.stop()
        b.stop()


def test_store_down_is_503_and_not_ready_and_the_upload_completes_after(
    s3_env: S3Server, pg_url: str, tmp_path: Path
) -> None:
    s3, prefix = s3_env, f"t-{uuid.uuid4().hex[:8]}"
    srv = _start(pg_url, tmp_path, "a", s3.url(prefix))
    try:
        srv.ensure_admin()
        dev = Device(srv, "Q01")
        counter = make_counter(tmp_path, srv.url, "Q02")
        code = _receive(counter)
        scan = b"%PDF-1.4\n" + secrets.token_bytes(CHUNK_BYTES + 500)
        attach(counter.db, counter.ctx, code, OFFICER, "Tờ khai", "tk.pdf", scan)
        data = secrets.token_bytes(CHUNK_BYTES + 999)
        sha = hashlib.sha256(data).hexdigest()
        assert _put(dev.http, sha, len(data), 0, data[:CHUNK_BYTES]).status_code == 200
        probe = httpx.Client(base_url=srv.url, timeout=30)
        assert probe.get("/readyz").json()["files"] == "ok"

        s3.stop()
        r = _put(dev.http, sha, len(data), CHUNK_BYTES, data[CHUNK_BYTES:])
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "storage_unavailable" and r.headers["Retry-After"]
        # nothing half-recorded: the server still holds the first chunk only
        assert dev.http.get(f"/blobs/{sha}").json()["received"] == CHUNK_BYTES
        ready = probe.get("/readyz")
        assert ready.status_code == 503
        assert ready.json() == {"status": "not_ready", "database": "ok", "files": "unreachable"}
        assert probe.get("/healthz").status_code == 200
        # a counter's sync meets an outage: its queue waits, nothing is refused
        with pytest.raises(Unreachable):
            counter.sync()

        s3.start()
        assert probe.get("/readyz").status_code == 200
        r = _put(dev.http, sha, len(data), CHUNK_BYTES, data[CHUNK_BYTES:])
        assert r.status_code == 200 and r.json()["complete"] is True, r.text
        assert _stored(s3, prefix, sha) == data
        report = counter.sync()
        assert report.rejected == 0
        assert _stored(s3, prefix, hashlib.sha256(scan).hexdigest()) == scan
        probe.close()
    finally:
        if not s3.alive():
            s3.start()
        srv.stop()


def test_a_hung_store_holds_up_uploads_and_never_the_pushes(
    s3_env: S3Server, pg_url: str, tmp_path: Path
) -> None:
    """An object store that stops answering (wedged, overloaded) holds each upload until its
    client's timeouts. Those requests wait in the store's own threads (sync/server/threads.py):
    with more uploads waiting than the instance has threads for database work, a counter's push
    is still answered at once, and the uploads go through when the store answers again."""
    s3, prefix = s3_env, f"t-{uuid.uuid4().hex[:8]}"
    srv = ServerProcess(
        pg_url, tmp_path / "a", extra=("--blobs", s3.url(prefix), "--threads", "2")
    ).start()
    files = [secrets.token_bytes(1000 + n) for n in range(3)]
    answers: list[int] = []
    try:
        srv.ensure_admin()
        dev = Device(srv, "Q01")
        clients = [_instance(srv, dev) for _ in files]

        def upload(http: httpx.Client, data: bytes) -> None:
            r = _put(http, hashlib.sha256(data).hexdigest(), len(data), 0, data)
            answers.append(r.status_code)

        with s3.hung():
            waiting = [
                threading.Thread(target=upload, args=(http, data), daemon=True)
                for http, data in zip(clients, files, strict=True)
            ]
            for t in waiting:
                t.start()
            # all three in the store's hands: more than the two database threads
            for _ in range(2000):
                if s3.waiting_requests() >= len(files):
                    break
                time.sleep(0.01)
            assert s3.waiting_requests() >= len(files)
            (res,) = dev.push(dev.event(str(uuid.uuid4()), code=None, status=3))
            assert res["outcome"] == "applied", res
            assert all(t.is_alive() for t in waiting), answers  # still waiting for the store
        for t in waiting:
            t.join(120)
        # answered once the store is back: stored, or 503 for the counter to send again
        assert sorted(answers) and set(answers) <= {200, 503}, answers
        for http in clients:
            http.close()
    finally:
        srv.stop()


def test_a_wrong_s3_address_is_refused_before_serving(tmp_path: Path) -> None:
    for url in ("s3://", "s3:///prefix", "s3://bad:bucket/x"):
        with pytest.raises(S3ConfigError):
            parse_url(url)
    assert parse_url("s3://tinh/tep/dinh-kem/") == ("tinh", "tep/dinh-kem/")
    assert parse_url("s3://tinh") == ("tinh", "")
    argv = ["--db", f"sqlite:///{tmp_path / 's.db'}", "--blobs", "s3:///x", "--port", "0"]
    out = run_main_in_process(server_main, argv, dict(os.environ), None)
    assert out.returncode == 1 and "bucket" in out.stderr and "Traceback" not in out.stderr
