"""The counter's cold start to a usable window (the sign-in screen up, the counter's database
found and checked) as a ratio to a bare PySide6 window's start, both as fresh processes,
offscreen. Goal (issue 16): at most twice the bare window.

The machine's load falls on both: the runs alternate (bare, app, bare, app, …) and the best
of each is kept, for the wall clock and, as a second figure, for the CPU time the process used
(its user and system time, from the kernel), which other processes' load disturbs less.
Python's bytecode cache is on for both, in a scratch folder, as in an installed counter (a
developer shell with PYTHONDONTWRITEBYTECODE would otherwise recompile every module of the app
at every start); one unmeasured run of each fills it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0
RUNS = 7

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("Quầy Một Cửa")
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``argv`` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=120)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    from bench.common import report

    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-start-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "MOTCUA_ALLOW_INSECURE_KEYRING": "1",
        "XDG_DATA_HOME": str(tmp / "keyring"),
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    data = tmp / "data"
    subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "demo"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    bare_argv = [sys.executable, "-c", BARE]
    app_argv = [
        *(sys.executable, "-m", "desktop.cli", "--data-dir", str(data)),
        *("app", "--exit-when-ready"),
    ]
    _run(bare_argv, env)  # fill the bytecode cache and the OS's file cache
    _run(app_argv, env)
    bare: list[tuple[float, float]] = []
    app: list[tuple[float, float]] = []
    for _ in range(RUNS):
        bare.append(_run(bare_argv, env))
        app.append(_run(app_argv, env))
    bare_wall, bare_cpu = min(w for w, _c in bare), min(c for _w, c in bare)
    app_wall, app_cpu = min(w for w, _c in app), min(c for _w, c in app)
    print(
        f"best of {RUNS} alternating runs: bare {bare_wall * 1000:.0f} ms "
        f"({bare_cpu * 1000:.0f} ms CPU), counter {app_wall * 1000:.0f} ms "
        f"({app_cpu * 1000:.0f} ms CPU)"
    )
    goal = f"goal ≤ {GOAL:g}×"
    report(
        [
            (
                f"cold start to the sign-in window ({goal})",
                app_wall,
                bare_wall,
                "a bare PySide6 window",
            ),
            (
                f"cold start to the sign-in window, CPU time ({goal})",
                app_cpu,
                bare_cpu,
                "a bare PySide6 window",
            ),
        ]
    )


if __name__ == "__main__":
    main()
