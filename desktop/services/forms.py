"""A dossier's forms and the register book written where the command line asks (a PDF file,
a given thermal printer), and the print queue. A printed form shows the citizen's data, so
each call checks its action's role (:mod:`desktop.domain.roles`) and is audited by the form's
kind and the count, never by a name (DESIGN.md §8, §9). The window prints through
:class:`~desktop.services.printing.Printing`, which routes forms by the counter's settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.store.printing import printouts
from desktop.store.printing.printouts import NoticeKind as NoticeKind
from desktop.store.stats.reports import write_register
from printing.connections import PrinterSettings
from printing.slip import Document
from printing.spool import Job

from .state import DeskState

# the form's title, as on the PDF and in the print queue
TITLES = {
    "receipt": "Giấy tiếp nhận",
    "control": "Phiếu kiểm soát",
    NoticeKind.SUPPLEMENT.value: "Phiếu yêu cầu bổ sung",
    NoticeKind.REJECTION.value: "Phiếu từ chối tiếp nhận",
    NoticeKind.APOLOGY.value: "Phiếu xin lỗi và hẹn lại",
    "handover": "Phiếu bàn giao hồ sơ",  # ref: the hand-over's id (or its printed number)
    "fee_receipt": "Biên lai thu phí, lệ phí",  # ref: the receipt's number
}
_ACTIONS = {"control": "print.control", "fee_receipt": "print.fee_receipt"}  # others: print.form


@dataclass(frozen=True)
class FormOutput:
    title: str  # "Giấy tiếp nhận 000.00.12.H01…"
    pdf: Path | None
    job: Job | None = None  # the thermal slip, in the queue
    problem: str | None = None  # why it did not print yet (it waits in the queue)


@dataclass
class QueueState:
    printed: list[Job] = field(default_factory=list)
    pending: list[Job] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # printer URI → why not


class FormDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def configured_printer(self) -> PrinterSettings | None:
        return printouts.load_printer(self.state.data_dir)

    def _document(self, form: str, ref: str) -> tuple[Document, str]:
        db, ctx = self.state.db, self.state.ctx
        if form == "receipt":
            return printouts.receipt_document(db, ctx, ref)
        if form == "control":
            return printouts.control_document(db, ctx, ref)
        if form == "handover":
            return printouts.handover_document(db, ctx, ref)
        if form == "fee_receipt":
            return printouts.fee_receipt_document(db, ctx, ref)
        return printouts.notice_document(db, ctx, ref, NoticeKind(form))

    def output(
        self, form: str, ref: str, *, pdf: Path | None, printer: PrinterSettings | None
    ) -> FormOutput:
        """Mẫu 01–05 of one dossier, or a hand-over record (``ref`` its id), to ``pdf`` and/or
        ``printer`` (through the spool)."""
        self.state.session.require(_ACTIONS.get(form, "print.form"))
        document, code = self._document(form, ref)
        title = f"{TITLES[form]} {code}"
        if pdf is not None:
            printouts.write_pdf(document, pdf, title)
        out = FormOutput(title, pdf)
        if printer is not None:
            job, problem = printouts.print_thermal(self.state.ctx, document, printer, title)
            out = FormOutput(title, pdf, job, problem)
        detail: dict[str, str | bool] = {
            "form": form,
            "pdf": pdf is not None,
            "thermal": printer is not None,
        }
        self.state.session.note("print", code, {**detail, "queued": out.problem is not None})
        return out

    def register(
        self,
        first: date,
        last: date,
        *,
        pdf: Path | None = None,
        xlsx: Path | None = None,
        csv: Path | None = None,
    ) -> int:
        """The register book (Mẫu 06) of the days to each file asked for; how many dossiers."""
        self.state.session.require("print.register")
        count = write_register(
            self.state.db, self.state.ctx, first, last, pdf=pdf, xlsx=xlsx, csv=csv
        )
        formats = ",".join(n for n, p in (("pdf", pdf), ("xlsx", xlsx), ("csv", csv)) if p)
        self.state.session.note(
            "register.exported", "", {"kind": "register", "formats": formats, "count": count}
        )
        return count

    def queue(self, *, retry: bool) -> QueueState:
        """The slips still waiting, after trying them again when ``retry``."""
        self.state.session.require("print.queue")
        out = QueueState()
        if retry:
            out.printed, out.problems = printouts.retry_queue(self.state.ctx)
        out.pending = printouts.spool(self.state.ctx).pending()
        self.state.session.note(
            "print.queue",
            "",
            {"retry": retry, "printed": len(out.printed), "pending": len(out.pending)},
        )
        return out

    def reprint(self, job_id: str) -> tuple[Job, str | None]:
        """Print a slip again: the job, and why it did not print yet (None once printed).
        A job the spool does not know is a :class:`KeyError`."""
        self.state.session.require("print.reprint")
        job = printouts.spool(self.state.ctx).reprint(job_id)
        printed, problems = printouts.retry_queue(self.state.ctx)
        problem = None
        if not any(j.id == job.id for j in printed):
            problem = problems.get(job.printer_uri, "máy in bận")
        self.state.session.note("print.reprinted", job.id, {"queued": problem is not None})
        return job, problem
