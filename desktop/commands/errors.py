"""Turning failures into one clear message on stderr and an exit status."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime

from desktop.devices.scanning import ScanError
from desktop.domain.applicants import IdNumberError
from desktop.domain.calendar import CalendarError
from desktop.domain.codes import CodeFormatError
from desktop.domain.dossier import TransitionError
from desktop.domain.leases import LeaseError
from desktop.domain.procedures import CatalogError
from desktop.domain.profile import ProfileError
from desktop.domain.qr_token import QrRejected
from desktop.domain.reception import FormError
from desktop.domain.stats.period import PeriodError
from desktop.store.accounts import AuthError, PermissionDenied
from desktop.store.counter import NotInitialised
from desktop.store.db import DatabaseError
from desktop.store.device_keys import KeyStoreError
from desktop.store.dossiers import ActionError
from desktop.store.stats import StatsError
from desktop.store.stats_centre import SnapshotError
from printing.connections import PrinterConfigError

EXIT_REFUSED = 1
EXIT_BUG = 70

EXPECTED: tuple[type[BaseException], ...] = (
    ActionError,
    AuthError,
    PermissionDenied,
    FormError,
    ProfileError,
    CatalogError,
    NotInitialised,
    DatabaseError,
    LeaseError,
    CodeFormatError,
    TransitionError,
    IdNumberError,
    CalendarError,
    KeyStoreError,
    QrRejected,
    PrinterConfigError,
    ScanError,  # includes ImageInputError: a bad or hostile image/PDF file
    PeriodError,
    StatsError,
    SnapshotError,
)


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
    log_dir = args.data_dir / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "errors.log"
        # Only the stack, never the exception's message: it may quote personal data.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        with path.open("a", encoding="utf-8") as f:
            f.write(f"{datetime.now().isoformat()} {args.command} {type(exc).__name__}\n{frames}\n")
        return str(path)
    except OSError:
        logging.getLogger(__name__).exception("cannot write the error log")
        return "(không ghi được nhật ký)"
