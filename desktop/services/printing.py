"""Print routing: which form goes to the thermal printer, which to the A4 printer or to a PDF
under ``DATA/printouts``, and what the officer is told about it. Printing a form shows
personal data, so each form checks its role and is audited (DESIGN.md §8, §9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from desktop.store.clock import local_now
from desktop.store.desk_settings import load_settings
from desktop.store.printing import printouts
from desktop.store.printing.form_data import STEP_LABELS as STEP_LABELS  # the window's look-up
from printing.a4_output import A4Unavailable, save_pdf, send_pdf
from printing.connections import PrinterSettings
from printing.slip import Document

from .state import DeskState

# Mẫu 05 is attached to the result; the hand-over record is signed by both sides and kept
A4_ONLY = {"control", "handover"}
# a fee receipt is printed by whoever took or paid back the money: a refund is the supervisor's
_ACTIONS = {"control": "print.control", "fee_receipt": "print.fee_receipt"}


PrintKind = Literal["printed", "sent", "queued", "not_installed", "a4_unavailable", "saved"]


@dataclass(frozen=True)
class PrintLine:
    """What became of one form on one printer. The window words it itself (translated);
    :meth:`text_vi` is the Vietnamese the command line prints.

    kind: ``printed`` on the thermal printer; ``sent`` to the A4 queue; ``queued``: the thermal
    printer was not ready, the slip waits in the print queue; ``not_installed``: the counter has
    no thermal printer; ``a4_unavailable``: the A4 queue refused (a PDF is saved instead);
    ``saved``: written as a PDF at ``path``.
    form: the form's key (receipt, control, supplement, rejection, apology, incident_request,
    catchup_report, register, test); ``code`` what it is for (a dossier code, an incident
    number, an ISO day). ``label`` is the Vietnamese name with the code, as printed on the job.
    ``problem`` is the printer's own words (from the driver or CUPS), not translated.
    """

    kind: PrintKind
    form: str
    code: str
    label: str
    printer: str | None = None
    problem: str | None = None
    path: Path | None = None

    @property
    def waiting(self) -> bool:
        return self.kind in ("queued", "not_installed", "a4_unavailable")

    def text_vi(self) -> str:
        if self.kind == "printed":
            return f"Đã in {self.label} ra {self.printer}"
        if self.kind == "sent":
            return f"Đã gửi {self.label} tới máy in A4 {self.printer}"
        if self.kind == "queued":
            return f"{self.printer}: {self.problem} — phiếu chờ trong hàng đợi in"
        if self.kind == "not_installed":
            return NOT_INSTALLED_VI
        if self.kind == "a4_unavailable":
            return self.problem or ""
        return f"Đã lưu {self.path.name if self.path else ''}"


NOT_INSTALLED_VI = "Quầy chưa cài máy in phiếu (Cài đặt → Máy in)"


@dataclass
class PrintOutcome:
    """The lines of one print request, in the order they happened."""

    lines: list[PrintLine] = field(default_factory=list)

    @property
    def printed(self) -> list[PrintLine]:
        return [x for x in self.lines if x.kind in ("printed", "sent")]

    @property
    def waiting(self) -> list[PrintLine]:
        """Queued: the printer was not ready (or there is none)."""
        return [x for x in self.lines if x.waiting]

    @property
    def files(self) -> list[Path]:
        return [x.path for x in self.lines if x.kind == "saved" and x.path is not None]

    def summary_vi(self) -> str:
        """The Vietnamese sentence the command line prints: what was printed, then what
        waits, then the files saved."""
        order = (*self.printed, *self.waiting, *(x for x in self.lines if x.kind == "saved"))
        return "; ".join(x.text_vi() for x in order) or "Không có gì được in"


LABELS = {
    "receipt": "Giấy tiếp nhận",
    "control": "Phiếu kiểm soát",
    "supplement": "Phiếu yêu cầu bổ sung",
    "rejection": "Phiếu từ chối",
    "apology": "Phiếu xin lỗi và hẹn lại",
    "handover": "Phiếu bàn giao hồ sơ",
    "fee_receipt": "Biên lai thu phí, lệ phí",
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
        if kind == "handover":  # ref: the hand-over's id
            return printouts.handover_document(db, ctx, ref)
        if kind == "fee_receipt":  # ref: the receipt's number
            return printouts.fee_receipt_document(db, ctx, ref)
        return printouts.notice_document(db, ctx, ref, printouts.NoticeKind(kind))

    def print_form(self, kind: str, ref: str) -> PrintOutcome:
        document, code = self.document(kind, ref)
        label = f"{LABELS.get(kind, kind)} {code}"
        mode = load_settings(self.state.data_dir).print_mode
        out = PrintOutcome()
        if kind not in A4_ONLY and mode in ("thermal", "both"):
            self._thermal(document, label, out, kind, code)
        if kind in A4_ONLY or mode in ("a4", "both"):
            self._a4(document, label, f"{kind}-{code}.pdf", out, kind, code)
        self.state.session.note("print", code, {"form": kind, "queued": bool(out.waiting)})
        return out

    def _thermal(
        self, document: Document, label: str, out: PrintOutcome, form: str, code: str
    ) -> None:
        printer = printouts.load_printer(self.state.data_dir)
        if printer is None:
            out.lines.append(PrintLine("not_installed", form, code, label))
            return
        _job, problem = printouts.print_thermal(self.state.ctx, document, printer, label)
        if problem:
            out.lines.append(PrintLine("queued", form, code, label, printer.name, problem))
        else:
            out.lines.append(PrintLine("printed", form, code, label, printer.name))

    def print_a4(
        self, document: Document, label: str, name: str, form: str = "", code: str = ""
    ) -> PrintOutcome:
        """An A4 form to the counter's A4 printer, else saved as a PDF under DATA/printouts.
        The caller checked the form's own role; any signed-in officer may print."""
        self.state.session.require("print.queue")
        out = PrintOutcome()
        self._a4(document, label, name, out, form, code)
        return out

    def _a4(
        self, document: Document, label: str, name: str, out: PrintOutcome, form: str, code: str
    ) -> None:
        from printing.pdf import render_pdf  # reportlab: loaded for the first A4 form

        data = render_pdf(document.copies, title=label)
        queue = load_settings(self.state.data_dir).a4_queue
        if queue:
            try:
                send_pdf(data, queue, label)
                out.lines.append(PrintLine("sent", form, code, label, queue))
                return
            except A4Unavailable as exc:
                out.lines.append(PrintLine("a4_unavailable", form, code, label, queue, str(exc)))
        safe = "".join(c if c.isalnum() or c in "-." else "_" for c in name)
        path = save_pdf(data, self.state.data_dir / "printouts", safe)
        out.lines.append(PrintLine("saved", form, code, label, path=path))

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
        self._thermal(Document((slip,)), "In thử", out, "test", "")
        return out
