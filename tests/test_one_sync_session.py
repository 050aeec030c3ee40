"""Starting sync is written once (issue 24, item 3): the window's sync worker and the sync
commands reach the engine, the lock, the server link and the incident recorder only through
desktop/services/sync_session.py, and nothing else in the application builds them."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSION = "desktop/services/sync_session.py"
EDGES = ("desktop/ui/sync_controller.py", "desktop/commands/sync_cmds.py")
# what running sync is made of: only the session imports these for the edges
SYNC_PARTS = ("sync", "desktop.store.sync", "desktop.store.incidents.recorder", "filelock")
# what only the session builds
RUNNER_NAMES = {"SyncEngine", "IncidentRecorder", "FileLock", "ConnectivityMonitor"}


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every import in the file (at the top, in functions, under TYPE_CHECKING), as the
    absolute module and the names taken from it."""
    package = _module_of(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            found.append((base, [alias.name for alias in node.names]))
    return found


def _is_part(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in SYNC_PARTS)


def test_the_window_and_the_commands_reach_sync_only_through_the_session() -> None:
    offenders = []
    for rel in EDGES:
        imports = _imports(ROOT / rel)
        assert any(m == "desktop.services.sync_session" for m, _ in imports), rel
        offenders += [f"{rel}: {m}" for m, _ in imports if _is_part(m)]
    assert offenders == []


def test_only_the_session_builds_the_sync_runner() -> None:
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == SESSION:
            continue
        for module, names in _imports(path):
            taken = RUNNER_NAMES & set(names)
            if module == "filelock" or taken:
                offenders.append(f"{rel}: {module} {sorted(taken)}")
    assert offenders == []


def test_the_check_sees_an_import_inside_a_function() -> None:
    """The walk finds imports anywhere in a module, relative ones resolved."""
    probe = ROOT / "desktop" / "commands" / "sync_cmds.py"
    modules = [m for m, _ in _imports(probe)]
    assert "desktop.services.sync_session" in modules  # imported inside the handlers
    assert "desktop.commands.common" in modules  # `from .common import …`
