"""What the window says about a print request, in the officer's language. The print service
returns typed lines (:class:`~desktop.services.printing.PrintLine`); the sentences are built here
with ``QCoreApplication.translate`` so an English window shows no Vietnamese except the
printer's own words (its name, and what its driver or CUPS said)."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.services.printing import PrintLine, PrintOutcome


def form_name(line: PrintLine) -> str:
    """The form and what it is for, e.g. "Giấy tiếp nhận H12.34-260105-0001"."""
    code = line.code
    if line.form == "register":
        with contextlib.suppress(ValueError):  # an ISO day; shown the Vietnamese way
            code = date.fromisoformat(code).strftime("%d/%m/%Y")
    names = {
        "receipt": QCoreApplication.translate("PrintOutcome", "Giấy tiếp nhận {0}"),
        "control": QCoreApplication.translate("PrintOutcome", "Phiếu kiểm soát {0}"),
        "supplement": QCoreApplication.translate("PrintOutcome", "Phiếu yêu cầu bổ sung {0}"),
        "rejection": QCoreApplication.translate("PrintOutcome", "Phiếu từ chối {0}"),
        "apology": QCoreApplication.translate("PrintOutcome", "Phiếu xin lỗi và hẹn lại {0}"),
        "handover": QCoreApplication.translate("PrintOutcome", "Phiếu bàn giao hồ sơ {0}"),
        "fee_receipt": QCoreApplication.translate("PrintOutcome", "Biên lai thu phí, lệ phí {0}"),
        "incident_request": QCoreApplication.translate(
            "PrintOutcome", "Phiếu yêu cầu xử lý sự cố số {0}"
        ),
        "catchup_report": QCoreApplication.translate(
            "PrintOutcome", "Báo cáo đồng bộ sau sự cố số {0}"
        ),
        "register": QCoreApplication.translate("PrintOutcome", "Sổ theo dõi hồ sơ ngày {0}"),
        "test": QCoreApplication.translate("PrintOutcome", "In thử"),
    }
    named = names.get(line.form)
    return named.format(code) if named is not None else line.label


def line_text(line: PrintLine, *, full_path: bool = False) -> str:
    if line.kind == "printed":
        return QCoreApplication.translate("PrintOutcome", "Đã in {0} ra {1}").format(
            form_name(line), line.printer
        )
    if line.kind == "sent":
        return QCoreApplication.translate("PrintOutcome", "Đã gửi {0} tới máy in A4 {1}").format(
            form_name(line), line.printer
        )
    if line.kind == "queued":
        return QCoreApplication.translate(
            "PrintOutcome", "{0}: {1} — phiếu chờ trong hàng đợi in"
        ).format(line.printer, line.problem)
    if line.kind == "not_installed":
        return QCoreApplication.translate(
            "PrintOutcome", "Quầy chưa cài máy in phiếu (Cài đặt → Máy in)"
        )
    if line.kind == "a4_unavailable":
        return line.problem or ""  # CUPS's words (the PDF is saved: a "saved" line follows)
    shown = "" if line.path is None else str(line.path) if full_path else line.path.name
    return QCoreApplication.translate("PrintOutcome", "Đã lưu {0}").format(shown)


def outcome_text(outcome: PrintOutcome, *, full_path: bool = False, empty: bool = True) -> str:
    """Printed, then waiting, then saved (the order the command line uses). ``empty``: say
    that nothing was printed rather than show nothing."""
    saved = [x for x in outcome.lines if x.kind == "saved"]
    ordered = (*outcome.printed, *outcome.waiting, *saved)
    parts = [line_text(x, full_path=full_path) for x in ordered]
    if not parts and empty:
        return QCoreApplication.translate("PrintOutcome", "Không có gì được in")
    return "; ".join(parts)
