"""Running the real ``motcua`` command: in this process by default (the same ``main`` the
console script calls, with its own stdin, stdout, stderr and environment), or as a fresh
process where a test is about the process itself (exit codes of the interpreter, tracebacks
that would escape ``main``, SIGKILL, start-up imports).

In-process runs skip a Python start-up and the command's imports for each call, which made
CLI-driven tests most of the suite's time (issue 16); they go through exactly the same code
from ``desktop.cli.main`` on."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ADMIN_PASSWORD = "Quay2026xyz"

MOTCUA = [sys.executable, "-m", "desktop.cli"]

# One in-process command at a time: it swaps the process's stdio and environment.
_IN_PROCESS = threading.Lock()


@contextlib.contextmanager
def patched_environ(env: dict[str, str]) -> Iterator[None]:
    """``os.environ`` is exactly ``env`` for the duration, then exactly what it was."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _text_stream(data: bytes = b"") -> io.TextIOWrapper:
    # a real text stream over bytes, with .buffer, as sys.stdin/stdout are; never a tty
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None, write_through=True)


def run_main_in_process(
    main: Any, argv: list[str], env: dict[str, str], stdin: str | None
) -> subprocess.CompletedProcess[str]:
    """Call ``main(argv)`` as its console script would, capturing what it writes.

    An exception escaping ``main`` is printed as Python would print it (a traceback on
    stderr, exit status 1), so a test that checks for tracebacks sees it."""
    out, err = _text_stream(), _text_stream()
    fake_in = _text_stream((stdin or "").encode("utf-8"))
    with _IN_PROCESS, patched_environ(env):
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if exc.code is not None and not isinstance(exc.code, int):
                err.write(f"{exc.code}\n")
        except BaseException:
            err.write(traceback.format_exc())
            code = 1
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
    return subprocess.CompletedProcess(argv, int(code or 0), _read(out), _read(err))


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return raw.decode("utf-8").replace("\r\n", "\n")


class Cli:
    """The ``motcua`` command on one data directory.

    ``fresh_process=True`` runs each command as its own Python process."""

    def __init__(self, data_dir: Path, *, fresh_process: bool = False) -> None:
        self.data_dir = data_dir
        self.fresh_process = fresh_process
        self.env = {**os.environ, "MOTCUA_PASSWORD": ADMIN_PASSWORD}

    def run(
        self,
        *args: str,
        stdin: str | None = None,
        data_dir: bool = True,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = [*(["--data-dir", str(self.data_dir)] if data_dir else []), *args]
        full_env = {**self.env, **(env or {})}
        if not self.fresh_process:
            from desktop.cli import main

            return run_main_in_process(main, argv, full_env, stdin)
        return subprocess.run(
            [*MOTCUA, *argv],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env=full_env,
            stdin=None if stdin else subprocess.DEVNULL,
        )

    def ok(self, *args: str, stdin: str | None = None) -> str:
        p = self.run(*args, stdin=stdin)
        assert p.returncode == 0, p.stderr
        assert "Traceback" not in p.stderr
        return p.stdout

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.ok(*args, stdin=stdin))
