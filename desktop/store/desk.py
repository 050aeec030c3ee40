"""The counter's application services as the screens use them: one object per open data dir,
with plain-data answers. Every method may block on disk, network or a printer, so the windows
call them from worker threads only (Anki's collection plays the same part for its Qt screens).

The desk knows who is signed in, and each service checks that officer's roles itself (DESIGN.md
§9): a screen that forgot to hide a button still cannot print, look up or change settings for
someone without the role. What officers do is written to the audit log.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.procedures import Procedure, search
from desktop.domain.qr_token import QrToken, TrustedKey, verify
from desktop.domain.reception import ReceptionForm
from printing.a4_output import A4Unavailable, save_pdf, send_pdf
from printing.connections import PrinterSettings
from printing.slip import Document

from . import audit, printouts
from .accounts import OfficerInfo, PermissionDenied
from .catalog import list_procedures
from .clock import local_now
from .counter import CounterContext, load_context
from .db import Database
from .desk_settings import DeskSettings, load_settings, save_settings
from .device_keys import trusted_keys
from .dossiers import DossierService, Receipt, find_dossier
from .enrolment import Enrolment, enrol, set_server
from .first_look import counter_title
from .lookup import dossier_json, lookup, query_kind, recent
from .online_login import SignIn, change_password_everywhere, sign_in
from .scans import attach_scan
from .server_link import bundle_path, install_bundle, remove_bundle
from .stats import StatsService
from .stats_centre import CentreSnapshot, centre_snapshot
from .sync_local import SyncStatus, read_status

if TYPE_CHECKING:
    from .incident_desk import IncidentDesk
    from .incidents import IncidentView

A4_ONLY = {"control"}  # Mẫu 05 is attached to the result, on A4
_PRINT_ROLES = {"control": ("returns",)}
# personal data is shown to those who serve citizens or answer for the counter (DESIGN.md §9)
_LOOKUP_ROLES = ("reception", "returns", "supervisor")


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


@dataclass(frozen=True)
class Returnable:
    """A receipt's QR checked and its dossier found: what the returns screen shows."""

    token: QrToken
    dossier: dict[str, Any]

    @property
    def ready(self) -> bool:
        return int(self.dossier["status"]) == 9


class Desk:
    def __init__(self, data_dir: Path, db: Database, ctx: CounterContext) -> None:
        self.data_dir = data_dir
        self.db = db
        self.ctx = ctx
        self.service = DossierService(db, ctx)
        self._catalog: list[Procedure] | None = None
        self._stats: StatsService | None = None
        self._lock = threading.Lock()
        self.officer: OfficerInfo | None = None
        self._pending: OfficerInfo | None = None  # signed in, but must change the password first

    @classmethod
    def open(cls, data_dir: Path) -> Desk:
        db = Database.open(data_dir)
        try:
            return cls(data_dir, db, load_context(db, data_dir))
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def reload(self) -> None:
        """Pick up what sync changed: calendar, emergency range, catalog."""
        with self._lock:
            self.ctx = load_context(self.db, self.data_dir)
            self.service = DossierService(self.db, self.ctx)
            self._catalog = None

    @property
    def title(self) -> str:
        return counter_title(self.ctx.counter, self.ctx.agency, self.ctx.profile.name)

    # -- accounts -------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> SignIn:
        """Whoever was signed in is signed out first: a failed attempt at a locked screen
        leaves nobody signed in."""
        self.officer = self._pending = None
        user = username.strip().lower()
        result = sign_in(self.db, self.ctx, user, password, allow_must_change=True)
        if self.must_change_password(result.officer.username):
            self._pending = result.officer
            return replace(result, must_change=True)
        self.officer = result.officer
        return result

    def must_change_password(self, username: str) -> bool:
        from sqlalchemy import select

        from .models import Officer

        with self.db.read() as s:
            flag = s.scalar(
                select(Officer.must_change_password).where(Officer.username == username)
            )
        return bool(flag)

    def change_password(self, username: str, old: str, new: str) -> bool:
        online = change_password_everywhere(self.db, self.ctx, username, old, new)
        if self._pending is not None and self._pending.username == username:
            self.officer, self._pending = self._pending, None
        return online

    def sign_out(self, *, locked: bool = False) -> None:
        """The officer signed out, or the screen locked itself while idle."""
        officer, self.officer, self._pending = self.officer, None, None
        if officer is not None:
            with self.db.write() as s:
                audit.record(s, officer.username, "screen.locked" if locked else "logout")

    def _require(self, *roles: str) -> OfficerInfo:
        officer = self.officer
        if officer is None:
            raise PermissionDenied("Chưa đăng nhập, hoặc màn hình đã khóa: đăng nhập lại")
        if roles:
            officer.require(*roles)
        return officer

    def _acting(self, officer: OfficerInfo) -> None:
        """An action done in ``officer``'s name must be done by the one signed in."""
        current = self._require()
        if current.username != officer.username:
            raise PermissionDenied(f"Tài khoản {officer.username} không phải người đang đăng nhập")

    def note(self, action: str, target: str = "", detail: audit.Detail | None = None) -> None:
        officer = self._require()
        with self.db.write() as s:
            audit.record(s, officer.username, action, target, detail)

    # -- catalog and reception ------------------------------------------------------------------

    def procedures(self, query: str = "") -> list[Procedure]:
        with self._lock:
            if self._catalog is None:
                with self.db.read() as s:
                    self._catalog = list_procedures(s)
            catalog = self._catalog
        return search(catalog, query)

    def receive(self, form: ReceptionForm, officer: OfficerInfo) -> Receipt:
        self._acting(officer)
        return self.service.receive(form, officer)

    def refuse(
        self,
        form: ReceptionForm,
        officer: OfficerInfo,
        reason: str,
        *,
        supplement: bool,
        missing: list[str],
    ) -> Receipt:
        self._acting(officer)
        return self.service.refuse(form, officer, reason, supplement=supplement, missing=missing)

    # -- printing -------------------------------------------------------------------------------

    def document(self, kind: str, ref: str) -> tuple[Document, str]:
        self._require(*_PRINT_ROLES.get(kind, ("reception", "returns")))
        if kind == "receipt":
            return printouts.receipt_document(self.db, self.ctx, ref)
        if kind == "control":
            return printouts.control_document(self.db, self.ctx, ref)
        return printouts.notice_document(self.db, self.ctx, ref, printouts.NoticeKind(kind))

    def print_form(self, kind: str, ref: str) -> PrintOutcome:
        document, code = self.document(kind, ref)
        labels = {
            "receipt": "Giấy tiếp nhận",
            "control": "Phiếu kiểm soát",
            "supplement": "Phiếu yêu cầu bổ sung",
            "rejection": "Phiếu từ chối",
            "apology": "Phiếu xin lỗi và hẹn lại",
        }
        label = f"{labels.get(kind, kind)} {code}"
        mode = self.settings().print_mode
        out = PrintOutcome()
        if kind not in A4_ONLY and mode in ("thermal", "both"):
            self._thermal(document, label, out)
        if kind in A4_ONLY or mode in ("a4", "both"):
            self._a4(document, label, f"{kind}-{code}.pdf", out)
        self.note("print", code, {"form": kind, "queued": bool(out.waiting)})
        return out

    def _thermal(self, document: Document, label: str, out: PrintOutcome) -> None:
        printer = printouts.load_printer(self.data_dir)
        if printer is None:
            out.waiting.append("Quầy chưa cài máy in phiếu (Cài đặt → Máy in)")
            return
        _job, problem = printouts.print_thermal(self.ctx, document, printer, label)
        if problem:
            out.waiting.append(f"{printer.name}: {problem} — phiếu chờ trong hàng đợi in")
        else:
            out.printed.append(f"Đã in {label} ra {printer.name}")

    def print_a4(self, document: Document, label: str, name: str) -> PrintOutcome:
        """An A4 form to the counter's A4 printer, else saved as a PDF under DATA/printouts."""
        self._require()
        out = PrintOutcome()
        self._a4(document, label, name, out)
        return out

    def _a4(self, document: Document, label: str, name: str, out: PrintOutcome) -> None:
        from printing.pdf import render_pdf  # reportlab: loaded for the first A4 form

        data = render_pdf(document.copies, title=label)
        queue = self.settings().a4_queue
        if queue:
            try:
                send_pdf(data, queue, label)
                out.printed.append(f"Đã gửi {label} tới máy in A4 {queue}")
                return
            except A4Unavailable as exc:
                out.waiting.append(str(exc))
        safe = "".join(c if c.isalnum() or c in "-." else "_" for c in name)
        out.files.append(save_pdf(data, self.data_dir / "printouts", safe))

    def queued_prints(self) -> int:
        return len(printouts.spool(self.ctx).pending())

    def retry_prints(self) -> tuple[int, dict[str, str]]:
        printed, problems = printouts.retry_queue(self.ctx)
        return len(printed), problems

    def printer(self) -> PrinterSettings | None:
        return printouts.load_printer(self.data_dir)

    def save_printer(self, settings: PrinterSettings) -> None:
        self._require("admin")
        printouts.save_printer(self.data_dir, settings)
        self.note("settings.printer", settings.name)

    def test_print(self) -> PrintOutcome:
        self._require()
        from desktop.domain.forms.common import office_heading
        from printing.slip import Field, Paragraph, Slip, Title

        from .form_data import office

        now = local_now()
        slip = Slip(
            (
                office_heading(office(self.ctx), on=now.date()),
                Title("IN THỬ"),
                Paragraph("Máy in phiếu của quầy hoạt động tốt. Tiếng Việt: ắằẳẵặ ỗộ ựữ Đđ."),
                Field("Quầy", f"{self.ctx.counter} — {self.ctx.agency}"),
                Field("Thời điểm", now.strftime("%H:%M %d/%m/%Y")),
            ),
            name="in-thu",
        )
        out = PrintOutcome()
        self._thermal(Document((slip,)), "In thử", out)
        return out

    # -- look-up and returns --------------------------------------------------------------------

    def search(self, query: str) -> list[dict[str, Any]]:
        self._require(*_LOOKUP_ROLES)
        with self.db.read() as s:
            rows = lookup(s, query) if query.strip() else recent(s, 200)
            found = [dossier_json(r, with_history=False) for r in rows]
        if query.strip():
            # the query itself is personal data (a name, an ID number): only its kind is kept
            self.note("lookup", "", {"kind": query_kind(query), "hits": len(found)})
        return found

    def detail(self, ref: str) -> dict[str, Any]:
        self._require(*_LOOKUP_ROLES)
        with self.db.read() as s:
            shown = dossier_json(find_dossier(s, ref))
        self.note("dossier.viewed", shown["code"] or shown["id"])
        return shown

    def check_receipt(self, payload: str) -> Returnable:
        self._require("returns")
        with self.db.read() as s:
            token = verify(payload, trusted_keys(s), self.ctx.code_format)
            found = Returnable(token, dossier_json(find_dossier(s, token.code)))
        self.note("receipt.checked", token.code)
        return found

    def attach_scans(
        self, code: str, officer: OfficerInfo, scans: list[tuple[str, str, bytes, int]]
    ) -> int:
        """Attach each scanned document (name, file name, PDF, pages) to a dossier."""
        self._acting(officer)
        for document, filename, pdf, pages in scans:
            attach_scan(self.db, self.ctx, code, officer, document, filename, pdf, pages)
        return len(scans)

    def trusted_keys(self) -> dict[str, TrustedKey]:
        with self.db.read() as s:
            return trusted_keys(s)

    def result_ready(self, code: str, officer: OfficerInfo) -> Receipt:
        self._acting(officer)
        return self.service.result_ready(code, officer)

    def return_result(self, code: str, officer: OfficerInfo, name: str, id_number: str) -> Receipt:
        self._acting(officer)
        return self.service.return_result(code, officer, name, id_number)

    # -- settings and sync ----------------------------------------------------------------------

    def settings(self) -> DeskSettings:
        return load_settings(self.data_dir)

    def save_settings(self, settings: DeskSettings) -> None:
        self._require("admin")
        save_settings(self.data_dir, settings)
        self.note("settings.saved", "", {"print_mode": settings.print_mode})

    def set_server(self, url: str | None) -> None:
        officer = self._require("admin")
        set_server(self.db, url, by=officer.username)
        self.reload()

    def set_ca_bundle(self, source: Path | None) -> int:
        """Trust the province's own CA (a PEM file), or only the public ones again (None)."""
        self._require("admin")
        if source is None:
            remove_bundle(self.data_dir)
            self.note("settings.ca_bundle", "", {"installed": False})
            return 0
        count = install_bundle(self.data_dir, source)
        self.note("settings.ca_bundle", "", {"installed": True, "certificates": count})
        return count

    def has_ca_bundle(self) -> bool:
        return bundle_path(self.data_dir).exists()

    def enrol(self, username: str, password: str) -> Enrolment:
        self._require("admin")
        done = enrol(self.db, self.ctx, username, password)
        self.reload()
        return done

    def stats(self) -> StatsService:
        """The supervisor's figures (kept: it caches the working-day index between calls)."""
        self._require("supervisor")
        with self._lock:
            if self._stats is None or self._stats.ctx is not self.ctx:
                self._stats = StatsService(self.db, self.ctx)
            return self._stats

    def centre(self) -> CentreSnapshot | None:
        self._require("supervisor")
        return centre_snapshot(self.db)

    @cached_property
    def incidents(self) -> IncidentDesk:
        from .incident_desk import IncidentDesk  # loaded when the incident screen first asks

        return IncidentDesk(self)

    def sync_status(self) -> SyncStatus:
        return read_status(self.db, self.ctx)

    def open_incident(self) -> IncidentView | None:
        """The outage still open, for the status bar (also after a restart)."""
        from .incidents import current_incident

        return current_incident(self.db)

    def now(self) -> datetime:
        return local_now()
