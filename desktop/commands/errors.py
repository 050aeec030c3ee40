"""Turning failures into one clear message on stderr and an exit status."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from desktop.failures import EXPECTED, write_bug_log

EXIT_REFUSED = 1
EXIT_BUG = 70


class UsageError(ValueError):
    """Bad arguments or input files, explained in Vietnamese."""


REFUSALS: tuple[type[BaseException], ...] = (*EXPECTED, UsageError)


def run_safely(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except REFUSALS as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: keep the officer's screen clean, keep the details for IT
        where = _log_bug(args, exc)
        print(
            f"Lỗi không mong đợi ({type(exc).__name__}). Chi tiết kỹ thuật đã ghi vào {where}; "
            "vui lòng báo cán bộ công nghệ thông tin.",
            file=sys.stderr,
        )
        return EXIT_BUG


def _log_bug(args: argparse.Namespace, exc: Exception) -> str:
    try:
        return str(write_bug_log(args.data_dir / "logs", str(args.command), exc))
    except OSError:
        logging.getLogger(__name__).exception("cannot write the error log")
        return "(không ghi được nhật ký)"
