"""Turning failures into one clear message on stderr and an exit status."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

EXIT_REFUSED = 1
EXIT_BUG = 70


class UsageError(ValueError):
    """Bad arguments or input files, explained in Vietnamese."""


def run_safely(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except UsageError as exc:
        return _refused(exc)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # desktop.failures names the refusals of every layer, so it imports them all (the
        # database, printing and sync stacks): only now, when the command already failed
        from desktop.failures import EXPECTED

        if isinstance(exc, EXPECTED):
            return _refused(exc)
        # a full disk, read-only media, an immutable or damaged database: said plainly, and
        # not a bug to log (the log may not be writable either)
        from desktop.store.storage_errors import storage_failure

        problem = storage_failure(exc, getattr(args, "data_dir", None))
        if problem is not None:
            return _refused(problem)
        # a bug: keep the officer's screen clean, keep the details for IT
        where = _log_bug(args, exc)
        print(
            f"Lỗi không mong đợi ({type(exc).__name__}). Chi tiết kỹ thuật đã ghi vào {where}; "
            "vui lòng báo cán bộ công nghệ thông tin.",
            file=sys.stderr,
        )
        return EXIT_BUG


def _refused(exc: Exception) -> int:
    print(f"Lỗi: {exc}", file=sys.stderr)
    return EXIT_REFUSED


def _log_bug(args: argparse.Namespace, exc: Exception) -> str:
    from desktop.failures import write_bug_log

    try:
        return str(write_bug_log(args.data_dir / "logs", str(args.command), exc))
    except OSError:
        logging.getLogger(__name__).exception("cannot write the error log")
        return "(không ghi được nhật ký)"
