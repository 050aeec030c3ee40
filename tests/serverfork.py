"""Starting ``motcua-server`` processes quickly: forked from a process that has already imported
the server's libraries.

A fresh interpreter spends most of a server's start-up importing FastAPI, SQLAlchemy, pydantic
and uvicorn (about 0.7 s of CPU), and the suite starts a server for most sync tests. Python's
forkserver start method keeps one clean, single-threaded process per test run with those modules
loaded and forks each server from it. The server is still its own process running the console
script's ``main`` with the same arguments: it listens on its own port, is stopped with SIGTERM,
killed with SIGKILL and started again like one started from the shell.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

# imported once by the fork server, so each server forked from it starts with them loaded
PRELOAD = [
    "sqlalchemy",
    "psycopg",
    "fastapi",
    "uvicorn",
    "httpx",
    "sync.server.cli",
    "sync.server.app",
    "sync.server.db",
    "sync.server.stats_worker",
    "sync.server.admin",
    "sync.server.code_rules",
    "sync.server.event_rules",
    "sync.server.ratelimit",
    "sync.server.storage",
    "pydantic.v1",  # FastAPI looks for pydantic v1 models when it builds each route
    "boto3",  # a server with --blobs s3://… (skipped by the fork server when not installed)
]

_context: Any = None
_started: list[ForkedServer] = []


@atexit.register  # after multiprocessing's own exit handler, so it runs before it
def _kill_leftovers() -> None:
    """A test that failed before stopping its server must not leave the run waiting for it
    (multiprocessing joins its children at exit)."""
    for server in _started:
        server.kill()


def _ctx() -> Any:
    global _context
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _context = ctx
    return _context


def _serve(argv: list[str], env: dict[str, str], log: str) -> None:
    """In the forked server: the environment of the test at the moment it started the server,
    stdout and stderr to its log file (the test reads the listening line there), then ``main``."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    # what the fork server loaded stays out of the server's own collections (its start-up runs
    # gc.collect(), which would walk all of FastAPI and SQLAlchemy again in every server)
    gc.freeze()
    os.environ.clear()
    os.environ.update(env)
    # the default dispositions, as in a process started from the shell
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from argon2 import PasswordHasher

    import sync.server.auth
    from sync.server.cli import main

    # as in the test process (tests/conftest.py): Argon2id at the lowest cost, since a wrong or
    # unknown name is hashed at full cost otherwise; tests/store/test_accounts.py holds the
    # real server to RFC 9106's cost in a fresh process
    sync.server.auth._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    raise SystemExit(code)


class ForkedServer:
    """What the tests use of ``subprocess.Popen`` (pid, poll, wait, send_signal, kill), for a
    server forked from the fork server."""

    stdout = None

    def __init__(self, argv: list[str], log: Path) -> None:
        self.args = argv
        self._process = _ctx().Process(
            target=_serve, args=(argv, dict(os.environ), str(log)), daemon=False
        )
        self._process.start()
        self.pid: int = self._process.pid
        _started.append(self)

    @property
    def returncode(self) -> int | None:
        return self.poll()

    def poll(self) -> int | None:
        return None if self._process.is_alive() else self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.is_alive():
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        code = self._process.exitcode
        assert code is not None
        return code

    def send_signal(self, sig: int) -> None:
        if self._process.is_alive():
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)
