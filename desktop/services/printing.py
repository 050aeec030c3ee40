"""Print routing: which form goes to the thermal printer, which to the A4 printer or to a PDF
under ``DATA/printouts``, and what the officer is told about it. Printing a form shows
personal data, so each form checks its role and is audited (DESIGN.md §8, §9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.clock import local_now
from desktop.store.desk_settings import load_settings
from desktop.store.printing import printouts
from printing.a4_output import A4Unavailable, save_pdf, send_pdf
from printing.connections import PrinterSettings
from printing.slip import Document

from .state import DeskState

A4_ONLY = {"control"}  # Mẫu 05 is attached to the result, on A4
_ACTIONS = {"control": "print.control"}


@dataclass
class PrintOutcome:
    printed: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # queued: the printer was not ready
    files: list[Path] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [*self.printed, *self.waiting]
        parts += [f"Đã lưu {p.name}" for p in self.files]
        return "; ".join(parts) or "Không có gì được in"


LABELS = {
    "receipt": "Giấy tiếp nhận",
    "control": "Phiếu kiểm soát",
    "supplement": "Phiếu yêu cầu bổ sung",
    "rejection": "Phiếu từ chối",
    "apology": "Phiếu xin lỗi và hẹn lại",
}


class Printing:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def document(self, kind: str, ref: str) -> tuple[Document, str]:
        self.state.session.require(_ACTIONS.get(kind, "print.form"))
        db, ctx = self.state.db, self.state.ctx
        if kind == "receipt":
            return printouts.receipt_document(db, ctx, ref)
        if kind == "control":
            return printouts.control_document(db, ctx, ref)
        return printouts.notice_document(db, ctx, ref, printouts.NoticeKind(kind))

    def print_form(self, kind: str, ref: str) -> PrintOutcome:
        document, code = self.document(kind, ref)
        label = f"{LABELS.get(kind, kind)} {code}"
        mode = load_settings(self.state.data_dir).print_mode
        out = PrintOutcome()
        if kind not in A4_ONLY and mode in ("thermal", "both"):
            self._thermal(document, label, out)
        if kind in A4_ONLY or mode in ("a4", "both"):
            self._a4(document, label, f"{kind}-{code}.pdf", out)
        self.state.session.note("print", code, {"form": kind, "queued": bool(out.waiting)})
        return out

    def _thermal(self, document: Document, label: str, out: PrintOutcome) -> None:
        printer = printouts.load_printer(self.state.data_dir)
        if printer is None:
            out.waiting.append("Quầy chưa cài máy in phiếu (Cài đặt → Máy in)")
            return
        _job, problem = printouts.print_thermal(self.state.ctx, document, printer, label)
        if problem:
            out.waiting.append(f"{printer.name}: {problem} — phiếu chờ trong hàng đợi in")
        else:
            out.printed.append(f"Đã in {label} ra {printer.name}")

    def print_a4(self, document: Document, label: str, name: str) -> PrintOutcome:
        """An A4 form to the counter's A4 printer, else saved as a PDF under DATA/printouts.
        The caller checked the form's own role; any signed-in officer may print."""
        self.state.session.require("print.queue")
        out = PrintOutcome()
        self._a4(document, label, name, out)
        return out

    def _a4(self, document: Document, label: str, name: str, out: PrintOutcome) -> None:
        from printing.pdf import render_pdf  # reportlab: loaded for the first A4 form

        data = render_pdf(document.copies, title=label)
        queue = load_settings(self.state.data_dir).a4_queue
        if queue:
            try:
                send_pdf(data, queue, label)
                out.printed.append(f"Đã gửi {label} tới máy in A4 {queue}")
                return
            except A4Unavailable as exc:
                out.waiting.append(str(exc))
        safe = "".join(c if c.isalnum() or c in "-." else "_" for c in name)
        out.files.append(save_pdf(data, self.state.data_dir / "printouts", safe))

    def queued(self) -> int:
        return len(printouts.spool(self.state.ctx).pending())

    def retry(self) -> tuple[int, dict[str, str]]:
        printed, problems = printouts.retry_queue(self.state.ctx)
        return len(printed), problems

    def printer(self) -> PrinterSettings | None:
        return printouts.load_printer(self.state.data_dir)

    def save_printer(self, settings: PrinterSettings) -> None:
        self.state.session.require("settings.change")
        printouts.save_printer(self.state.data_dir, settings)
        self.state.session.note("settings.printer", settings.name)

    def test_print(self) -> PrintOutcome:
        self.state.session.require("print.queue")
        from desktop.domain.forms.common import office_heading
        from desktop.store.printing.form_data import office
        from printing.slip import Field, Paragraph, Slip, Title

        ctx = self.state.ctx
        now = local_now()
        slip = Slip(
            (
                office_heading(office(ctx), on=now.date()),
                Title("IN THỬ"),
                Paragraph("Máy in phiếu của quầy hoạt động tốt. Tiếng Việt: ắằẳẵặ ỗộ ựữ Đđ."),
                Field("Quầy", f"{ctx.counter} — {ctx.agency}"),
                Field("Thời điểm", now.strftime("%H:%M %d/%m/%Y")),
            ),
            name="in-thu",
        )
        out = PrintOutcome()
        self._thermal(Document((slip,)), "In thử", out)
        return out
