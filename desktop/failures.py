"""What counts as an expected refusal (its message is for the officer) and what is a bug (its
stack goes to ``DATA/logs/errors.log`` for the IT officer; its message never leaves the process
because it may quote personal data). Shared by the command line and the windows."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    EXPECTED: tuple[type[BaseException], ...]


def __getattr__(name: str) -> object:
    """``EXPECTED`` names the refusals of every layer, so building it imports the database,
    printing, scanning and sync stacks: done on first use (a failure to explain), not when the
    window or a command starts and only needs :class:`UnexpectedFailure` or the bug log."""
    if name != "EXPECTED":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    expected = _expected()
    globals()["EXPECTED"] = expected
    return expected


def _expected() -> tuple[type[BaseException], ...]:
    from desktop.devices.scanning import ScanError
    from desktop.domain.applicants import IdNumberError
    from desktop.domain.calendar import CalendarError
    from desktop.domain.cccd_qr import CccdQrError
    from desktop.domain.codes import CodeFormatError
    from desktop.domain.dossier import TransitionError
    from desktop.domain.leases import LeaseError
    from desktop.domain.procedures import CatalogError
    from desktop.domain.profile import ProfileError
    from desktop.domain.qr_token import QrRejected
    from desktop.domain.reception import FormError
    from desktop.domain.stats.period import PeriodError
    from desktop.store.accounts.keyring_guard import KeyStoreError
    from desktop.store.accounts.officers import AuthError, PermissionDenied
    from desktop.store.catalog import UnknownProcedure
    from desktop.store.counter import NotInitialised
    from desktop.store.db import DatabaseError
    from desktop.store.desk_settings import SettingsError
    from desktop.store.dossiers.service import ActionError
    from desktop.store.stats.centre import SnapshotError
    from desktop.store.stats.service import StatsError
    from desktop.store.sync.enrolment import EnrolmentError
    from desktop.store.sync.outbound import Unsendable
    from desktop.store.sync.server_link import CaBundleError
    from printing.a4_output import A4Unavailable
    from printing.connections import PrinterConfigError, PrinterUnavailable
    from sync.client import Refused
    from sync.connectivity import Unreachable

    return (
        Unsendable,
        ActionError,
        AuthError,
        PermissionDenied,
        FormError,
        ProfileError,
        CatalogError,
        UnknownProcedure,
        NotInitialised,
        DatabaseError,
        LeaseError,
        CodeFormatError,
        TransitionError,
        IdNumberError,
        CalendarError,
        CccdQrError,
        KeyStoreError,
        QrRejected,
        PrinterConfigError,
        PrinterUnavailable,
        A4Unavailable,
        ScanError,  # includes ImageInputError: a bad or hostile image/PDF file
        PeriodError,
        StatsError,
        SnapshotError,
        CaBundleError,
        EnrolmentError,
        SettingsError,
        Unreachable,
        Refused,
    )


LOG_NAME = "errors.log"


def write_bug_log(log_dir: Path, context: str, exc: BaseException) -> Path:
    """Append the stack of an unexpected failure (never its message) to the data dir's log."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    frames = "".join(traceback.format_tb(exc.__traceback__))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(f"{datetime.now().isoformat()} {context} {type(exc).__name__}\n{frames}\n")
    return path


class UnexpectedFailure(RuntimeError):
    """A bug reached a screen: what the officer reads instead of the raw exception."""

    def __init__(self, exc: BaseException, logged: Path | None) -> None:
        where = f" Chi tiết kỹ thuật đã ghi vào {logged}." if logged else ""
        super().__init__(
            f"Lỗi không mong đợi ({type(exc).__name__}).{where} Vui lòng báo cán bộ công nghệ "
            "thông tin; dữ liệu đã lưu không bị ảnh hưởng."
        )
        self.kind = type(exc).__name__
