"""`motcua --version`, `--help` and `calendar due`, and `motcua-server --help`, start at once:
they import only what they use (issue 16). Asserted by which modules a fresh process loaded,
not by how long it took; bench/bench_cli_start.py measures the time."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop.commands
from desktop import cli

ROOT = Path(__file__).resolve().parents[2]

# the database, printing, PDF, network, window and server stacks
HEAVY = (
    "sqlalchemy",
    "alembic",
    "escpos",
    "reportlab",
    "PIL",
    "PySide6",
    "httpx",
    "fastapi",
    "uvicorn",
    "openpyxl",
    "desktop.store.db",
    "sync.client",
    "printing",
)

_PROBE = """
import json, sys
from {module} import main
try:
    status = main({argv!r})
except SystemExit as exc:
    status = exc.code
sys.stdout.flush()
print("\\n" + json.dumps({{"status": status, "modules": sorted(sys.modules)}}))
"""


def _loaded(module: str, argv: list[str], tmp_path: Path) -> tuple[object, set[str]]:
    """Run ``module.main(argv)`` in a fresh interpreter: its exit status and sys.modules."""
    env = {**os.environ, "MOTCUA_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module, argv=argv)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    return result["status"], set(result["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["--data-dir", "/nonexistent", "--help"],
        ["calendar", "--help"],
        [
            "calendar",
            "due",
            "--province",
            "an-giang",
            "--received",
            "2023-10-27T09:32",
            "--limit",
            "5d",
        ],
    ],
    ids=["version", "help", "data-dir-help", "calendar-help", "calendar-due"],
)
def test_motcua_imports_only_what_the_command_uses(argv: list[str], tmp_path: Path) -> None:
    status, modules = _loaded("desktop.cli", argv, tmp_path)
    assert status == 0
    assert _heavy(modules) == []
    others = {f"desktop.commands.{m}" for m, _help in cli.COMMANDS.values()}
    others.discard("desktop.commands.calendar_cmd")
    assert sorted(modules & others) == []
    if argv[0] != "calendar":
        assert "desktop.commands.calendar_cmd" not in modules
        assert "pydantic" not in modules and "holidays" not in modules


def test_a_command_loads_its_own_module(tmp_path: Path) -> None:
    status, modules = _loaded("desktop.cli", ["stats", "--help"], tmp_path)
    assert status == 0
    assert "desktop.commands.stats_cmds" in modules
    assert "desktop.commands.calendar_cmd" not in modules


def test_a_misspelt_command_is_a_usage_error(tmp_path: Path) -> None:
    status, modules = _loaded("desktop.cli", ["calender", "due"], tmp_path)
    assert status == 2
    assert _heavy(modules) == []


def test_server_help_does_not_load_the_server(tmp_path: Path) -> None:
    status, modules = _loaded("sync.server.cli", ["--help"], tmp_path)
    assert status == 0
    assert _heavy(modules) == []
    assert "sync.server.db" not in modules and "sync.server.app" not in modules


# --- the table of commands in desktop/cli.py and what the modules register ---------------


def _command_modules() -> list[str]:
    """Every module of desktop.commands that registers commands."""
    return sorted(
        m.name
        for m in pkgutil.iter_modules(desktop.commands.__path__)
        if hasattr(importlib.import_module(f"desktop.commands.{m.name}"), "register")
    )


def _registered(module: str) -> list[tuple[str, str | None]]:
    """(top-level command, help) in the order ``module.register`` adds them to a throw-away
    parser."""
    sub = argparse.ArgumentParser().add_subparsers()
    cli.register_module(sub, module)
    return [(action.dest, action.help) for action in sub._choices_actions]


def test_every_command_module_is_in_the_table() -> None:
    assert _command_modules() == sorted({m for m, _help in cli.COMMANDS.values()})


@pytest.mark.parametrize("module", sorted({m for m, _help in cli.COMMANDS.values()}))
def test_the_table_names_what_the_module_registers(module: str) -> None:
    table = [(name, help_) for name, (m, help_) in cli.COMMANDS.items() if m == module]
    assert _registered(module) == table


def test_help_lists_the_commands_as_the_modules_do() -> None:
    light = cli.build_parser()
    full = cli.build_parser(load_all=True)
    assert light.format_help() == full.format_help()
    for name in cli.COMMANDS:
        one = cli.build_parser(name)
        assert one.format_help() == full.format_help()
