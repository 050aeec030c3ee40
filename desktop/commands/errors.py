"""Turning failures into one clear message on stderr and an exit status."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from desktop.domain.refusal import Refusal, is_refusal

EXIT_REFUSED = 1
EXIT_BUG = 70


class UsageError(Refusal, ValueError):
    """Bad arguments or input files, explained in Vietnamese. Still a ``ValueError``: commands
    catch their own parsing errors and this one alike."""

    code = "usage_invalid"


def run_safely(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # a refusal says so itself (desktop.domain.refusal): its message is for the officer
        if is_refusal(exc):
            return _refused(exc)
        # a full disk, read-only media, an immutable or damaged database: said plainly, and
        # not a bug to log (the log may not be writable either)
        from desktop.failures import storage_failure

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
