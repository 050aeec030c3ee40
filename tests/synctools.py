"""Real parts for the sync tests: the reference server as a process on a loopback port (SQLite
or PostgreSQL), and counters that are enrolled with it and sync through the real engine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.store.accounts.officers import OfficerInfo
from desktop.store.counter import CounterContext, init_counter, load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService
from desktop.store.sync.local import CounterStore, DeviceCredentials
from sync.client import ServerClient
from sync.connectivity import ConnectivityMonitor
from sync.engine import SyncEngine, SyncReport
from sync.limits import MAX_LEASE_DAYS
from sync.protocol import LeaseAsk, LeaseRequest
from tests.clitools import ADMIN_PASSWORD, run_main_in_process
from tests.serverfork import ForkedServer

SERVER = [sys.executable, "-m", "sync.server.cli"]
IT_USER = "it.admin"
IT_PASSWORD = "Server2026it"
OFFICER = OfficerInfo("tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception", "returns"}))


class ServerProcess:
    """``motcua-server`` running for real; stop and start it again on the same port."""

    def __init__(
        self,
        db_url: str,
        blobs: Path,
        port: int = 0,
        extra: tuple[str, ...] = (),
        *,
        fresh_process: bool = False,
    ) -> None:
        self.db_url = db_url
        self.blobs = blobs
        self.port = port
        self.extra = extra  # more server options, e.g. --tls-cert/--tls-key
        self.scheme = "http"
        # forked from a process with the server's libraries loaded (tests/serverfork.py), or a
        # new interpreter as from the shell
        self.fresh_process = fresh_process
        self.proc: subprocess.Popen[str] | ForkedServer | None = None
        self.log = blobs.parent / f"{blobs.name}.server.log"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def admin(
        self, *args: str, env: dict[str, str] | None = None, fresh_process: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """``motcua-server --db … ARGS``: in this process (the console script's ``main``)
        unless ``fresh_process``."""
        argv = ["--db", self.db_url, "--blobs", str(self.blobs), *args]
        full_env = {**os.environ, **(env or {})}
        if not fresh_process:
            from sync.server.cli import main

            return run_main_in_process(main, argv, full_env, None)
        return subprocess.run(
            [*SERVER, *argv], capture_output=True, text=True, timeout=60, env=full_env
        )

    def start(self) -> ServerProcess:
        argv = [
            *("--db", self.db_url, "--blobs", str(self.blobs), "--port", str(self.port)),
            *self.extra,
        ]
        line = self._start_fresh(argv) if self.fresh_process else self._start_forked(argv)
        if not line.startswith("listening "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}")
        self.scheme = line.split()[1].split(":", 1)[0]
        self.port = int(line.strip().rsplit(":", 1)[1])
        return self

    def _start_fresh(self, argv: list[str]) -> str:
        proc = self.proc = subprocess.Popen(
            [*SERVER, *argv], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("listening ") or not line:
                break
        return line

    def _start_forked(self, argv: list[str]) -> str:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.log.touch()
        offset = self.log.stat().st_size
        proc = self.proc = ForkedServer(argv, self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with self.log.open(encoding="utf-8", errors="replace") as f:
                f.seek(offset)
                lines = f.read().splitlines()
            for line in lines:
                if line.startswith("listening "):
                    return line
            if proc.poll() is not None:
                return "\n".join(lines[-5:]) or f"exit status {proc.poll()}"
            time.sleep(0.01)
        return "no answer within 60 s"

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def ensure_admin(self) -> None:
        out = self.admin(
            "officer",
            "add",
            IT_USER,
            "--name",
            "Cán bộ IT",
            "--roles",
            "admin",
            "--no-change",
            "--all-agencies",  # the province's IT enrols counters of every agency
            env={"MOTCUA_NEW_PASSWORD": IT_PASSWORD},
        )
        assert out.returncode == 0 or "đã tồn tại" in out.stderr, out.stderr


@dataclass
class SyncCounter:
    """A counter database bound to the server, with its engine."""

    data_dir: Path
    db: Database
    ctx: CounterContext
    service: DossierService

    def engine(self, url: str | None = None) -> tuple[SyncEngine, ServerClient]:
        client = ServerClient(
            url or self.ctx.server_url or "", DeviceCredentials(self.db, self.ctx)
        )
        engine = SyncEngine(CounterStore(self.db, self.ctx), client, ConnectivityMonitor())
        return engine, client

    def sync(self, url: str | None = None) -> SyncReport:
        engine, client = self.engine(url)
        try:
            return engine.run_once()
        finally:
            client.close()

    def reload(self) -> None:
        """Pick up what sync changed in the counter's identity (emergency range, calendar)."""
        self.ctx = load_context(self.db, self.data_dir)
        self.service = DossierService(self.db, self.ctx)


def make_counter(
    root: Path,
    server_url: str,
    counter: str,
    *,
    agency: str = "000.00.12.H01",
    province: str = "an-giang",
    enrol: bool = True,
) -> SyncCounter:
    data = root / counter
    db = Database.open(data, create=True)
    init_counter(
        db,
        province=province,
        agency=agency,
        counter=counter,
        server_url=server_url,
        admin_user="admin",
        admin_password=ADMIN_PASSWORD,
    )
    with db.write() as s:
        from desktop.store.accounts.officers import create_officer

        create_officer(
            s,
            OFFICER.username,
            OFFICER.full_name,
            OFFICER.roles,
            ADMIN_PASSWORD,
            must_change=False,
            by="admin",
        )
    ctx = load_context(db, data)
    c = SyncCounter(data, db, ctx, DossierService(db, ctx))
    if enrol:
        enroll(c, server_url)
    return c


def enroll(c: SyncCounter, server_url: str) -> None:
    from desktop.store.sync.enrolment import enrol

    assert c.ctx.server_url == server_url
    enrol(c.db, c.ctx, IT_USER, IT_PASSWORD)
    c.reload()


def lease_days(c: SyncCounter, days: list[date], count: int) -> None:
    """Take ``count`` numbers of each day from the server, as the counter's sync does for the
    days ahead: the server takes a code only from the pushing counter's leases (issue 17), so a
    test that numbers past days must lease them for real, not write blocks into the counter."""
    engine, client = c.engine()
    try:
        for i in range(0, len(days), MAX_LEASE_DAYS):
            asks = [LeaseAsk(day=day, count=count) for day in days[i : i + MAX_LEASE_DAYS]]
            answer = client.leases(LeaseRequest(asks=asks))
            assert len(answer.blocks) == len(asks), answer
            engine.store.add_leases(list(answer.blocks), answer.emergency)
    finally:
        client.close()
