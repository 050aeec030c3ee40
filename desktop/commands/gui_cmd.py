"""Opening the counter window (the default when ``motcua`` gets no sub-command), and rendering
its views to PNG for developers, documentation and tests."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import Any


def run_gui(data_dir: Path) -> int:
    from desktop.ui.app import run

    return run(data_dir)


def register(sub: Any) -> None:
    p = sub.add_parser("app", help="mở cửa sổ quầy, hoặc chụp ảnh các màn hình (--screenshot)")
    p.add_argument("--screenshot", type=Path, metavar="DIR", help="lưu ảnh PNG các màn hình")
    p.add_argument("--size", default="1366x768", help="kích thước cửa sổ, ví dụ 1920x1080")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    # for benchmarks and smoke tests of a build: open, wait for the sign-in screen, exit
    p.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=app_cmd)


def app_cmd(args: argparse.Namespace) -> int:
    if args.exit_when_ready:
        from desktop.ui.app import run_until_ready

        return run_until_ready(args.data_dir)
    if args.screenshot is None:
        return run_gui(args.data_dir)
    m = re.fullmatch(r"(\d{3,4})x(\d{3,4})", args.size)
    if not m:
        from .errors import UsageError

        raise UsageError("Kích thước phải có dạng RỘNGxCAO, ví dụ 1366x768")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.screenshots import VIEWS, take

    saved = take(args.data_dir, args.screenshot, (int(m[1]), int(m[2])), args.lang)
    for path in saved:
        print(path)
    return 0 if len(saved) == len(VIEWS) else 1  # every view, not only the login screen
