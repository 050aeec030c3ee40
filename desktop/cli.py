"""The ``motcua`` command: every counter action of the GUI, for support staff, scripts, bulk
entry after an outage, and tests (DESIGN.md §11).

Errors reach the user as one Vietnamese sentence on stderr and a non-zero exit status, never as
a traceback; unexpected failures are logged to the data dir without personal data.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__

EXIT_USAGE = 2
EXIT_REFUSED = 1
EXIT_BUG = 70


def default_data_dir() -> Path:
    env = os.environ.get("MOTCUA_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("motcua-desk", "QuayMotCua"))


def build_parser() -> argparse.ArgumentParser:
    from desktop.commands import (
        audit_cmds,
        calendar_cmd,
        counter_cmds,
        dossier_cmds,
        gui_cmd,
        incident_cmds,
        print_cmds,
        scan_cmds,
        server_cmds,
        stats_cmds,
        sync_cmds,
    )

    p = argparse.ArgumentParser(
        prog="motcua",
        description="Quầy Một Cửa — phần mềm quầy tiếp nhận và trả kết quả",
    )
    p.add_argument("--version", action="version", version=f"motcua-desk {__version__}")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="thư mục dữ liệu của quầy (mặc định: thư mục dữ liệu người dùng)",
    )
    sub = p.add_subparsers(dest="command", metavar="LỆNH")
    counter_cmds.register(sub)
    dossier_cmds.register(sub)
    calendar_cmd.register(sub)
    print_cmds.register(sub)
    scan_cmds.register(sub)
    sync_cmds.register(sub)
    stats_cmds.register(sub)
    incident_cmds.register(sub)
    server_cmds.register(sub)
    audit_cmds.register(sub)
    gui_cmd.register(sub)
    return p


def _window_parser() -> argparse.ArgumentParser:
    """Only what opening the window takes: loading every command's modules would add most of
    a second to the counter's start-up (measured with python -X importtime)."""
    from desktop.commands import gui_cmd

    p = argparse.ArgumentParser(prog="motcua", add_help=False)
    p.add_argument("--data-dir", type=Path, default=None)
    sub = p.add_subparsers(dest="command")
    gui_cmd.register(sub)
    return p


def _wants_window(argv: Sequence[str]) -> bool:
    """`motcua [--data-dir D]` or `motcua [--data-dir D] app …` (not --help or --version)."""
    rest = list(argv)
    if rest[:1] == ["--data-dir"]:
        rest = rest[2:]
    elif rest and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return not rest or rest[0] == "app"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _window_parser() if _wants_window(argv) else build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    args.data_dir = args.data_dir.expanduser().resolve()
    if args.command is None:
        from desktop.commands.gui_cmd import run_gui

        return run_gui(args.data_dir)
    from desktop.commands.errors import run_safely

    return run_safely(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
