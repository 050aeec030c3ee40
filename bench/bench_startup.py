"""The counter's cold start to a usable window (the sign-in screen up, the database open) as a
ratio to a bare PySide6 window's start, both as fresh processes, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _time(argv: list[str], env: dict[str, str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True, timeout=120)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    from bench.common import report

    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-start-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp / "keyring"),
    }
    data = tmp / "data"
    subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "demo"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    bare = _time([sys.executable, "-c", BARE], env)
    app = _time(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "app", "--exit-when-ready"],
        env,
    )
    report([("cold start to the sign-in window", app, bare, "a bare PySide6 window")])


if __name__ == "__main__":
    main()
