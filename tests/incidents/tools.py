"""Real parts for the incident tests: a counter driven through the real ``motcua`` command and
enrolled with the real server behind the fault proxy, ``motcua sync`` as a background process
that the tests stop, SIGKILL and start again, and bounded waits."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.incidents.records import set_grace
from tests.clitools import MOTCUA, Cli
from tests.synctools import IT_PASSWORD, IT_USER

T = TypeVar("T")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Phúc", "Sơn")


def person(i: int, **extra: str) -> dict[str, str]:
    return {
        "name": f"Nguyễn {GIVEN[i // 10 % 10]} {GIVEN[i % 10]}",
        "id_number": f"0890850{i:05d}",
        "address": "Số 1 Lê Lợi, Long Xuyên",
        "phone": f"0912{i:06d}",
        **extra,
    }


def form(i: int, procedure: str = "2.000815", **extra: str) -> dict[str, Any]:
    return {"procedure": procedure, "applicant": person(i, **extra)}


def counter(root: Path, server_url: str, name: str = "Q01") -> Cli:
    """An An Giang counter, initialised and enrolled through the command line."""
    cli = Cli(root / name)
    cli.ok(
        "init",
        "--province",
        "an-giang",
        "--agency",
        "000.00.12.H01",
        "--counter",
        name,
        "--server",
        server_url,
        "--admin-user",
        "admin",
        "--admin-name",
        "Lê Thị Hạnh",
    )
    enrolled = cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD})
    assert enrolled.returncode == 0, enrolled.stderr
    return cli


def shorten_grace(cli: Cli, seconds: float) -> None:
    """The counter setting that declares an incident sooner than the profile (never later)."""
    db = Database.open(cli.data_dir)
    try:
        set_grace(db, load_context(db, cli.data_dir), seconds)
    finally:
        db.close()


def receive(cli: Cli, forms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = cli.ok("receive", "--json", "-", "--user", "admin", stdin=json.dumps(forms))
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = 90.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = probe()
        if got:
            return got
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def incidents(cli: Cli) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = cli.json("incident", "list", "--json", "--user", "admin")
    return got


class SyncProcess:
    """``motcua sync`` running in the background, as a counter runs it all day."""

    def __init__(self, cli: Cli, log: Path, *, interval: float = 0.5, backoff: float = 0.2):
        self.cli = cli
        self.log = log
        self.argv = [
            *MOTCUA,
            "--data-dir",
            str(cli.data_dir),
            "sync",
            "--json",
            "--interval",
            str(interval),
            "--backoff",
            str(backoff),
        ]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> SyncProcess:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self.cli.env,
            )  # fmt: skip
        return self

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.returncode == -signal.SIGKILL
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.proc = None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")
