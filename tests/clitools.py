"""Running the real ``motcua`` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ADMIN_PASSWORD = "Quay2026xyz"

MOTCUA = [sys.executable, "-m", "desktop.cli"]


class Cli:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = {**os.environ, "MOTCUA_PASSWORD": ADMIN_PASSWORD}

    def run(
        self,
        *args: str,
        stdin: str | None = None,
        data_dir: bool = True,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = [*MOTCUA, *(["--data-dir", str(self.data_dir)] if data_dir else []), *args]
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env={**self.env, **(env or {})},
            stdin=None if stdin else subprocess.DEVNULL,
        )

    def ok(self, *args: str, stdin: str | None = None) -> str:
        p = self.run(*args, stdin=stdin)
        assert p.returncode == 0, p.stderr
        assert "Traceback" not in p.stderr
        return p.stdout

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.ok(*args, stdin=stdin))
