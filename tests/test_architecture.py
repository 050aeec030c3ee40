"""The dependency rules of DESIGN.md §1, checked by import-linter's contracts in pyproject."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    with open(ROOT / "pyproject.toml", "rb") as f:
        contracts = tomllib.load(f)["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in out.stdout


def test_only_ui_imports_qt() -> None:
    offenders = []
    for path in (ROOT / "desktop").rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[1] in ("ui", "devices"):
            continue
        if "PySide6" in path.read_text(encoding="utf-8"):
            offenders.append(str(rel))
    for pkg in ("sync", "printing"):
        offenders += [
            str(p.relative_to(ROOT))
            for p in (ROOT / pkg).rglob("*.py")
            if "PySide6" in p.read_text(encoding="utf-8")
        ]
    assert offenders == []
