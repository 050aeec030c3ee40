"""Stopping the reference server from its terminal: Ctrl+C reaches the whole process group, the
server shuts down without a traceback and its statistics worker goes with it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.synctools import SERVER


def test_ctrl_c_stops_the_server_and_its_worker_cleanly(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*SERVER, "--db", f"sqlite:///{tmp_path / 'server.db'}", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
        # a shell starts background jobs with SIGINT ignored; a terminal's server has it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().startswith("listening ")
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
        out = proc.stdout.read()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        proc.stdout.close()
    assert proc.returncode == 0, out
    assert "Traceback" not in out, out
    for _ in range(100):  # the worker leaves when it sees its server gone
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("a process of the server's group outlived it")
