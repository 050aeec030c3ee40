"""The counter's application services as the screens use them: one object per open data dir,
with plain-data answers. Every method may block on disk, network or a printer, so the windows
call them from worker threads only (Anki's collection plays the same part for its Qt screens).

The desk knows who is signed in, and each service checks that officer's roles itself (DESIGN.md
§9): a screen that forgot to hide a button still cannot print, look up or change settings for
someone without the role. What officers do is written to the audit log.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.procedures import Procedure, search
from desktop.domain.qr_token import QrToken, TrustedKey, verify
from desktop.domain.reception import ReceptionForm
from desktop.store.accounts import audit
from desktop.store.accounts.officers import OfficerInfo, authenticate
from desktop.store.catalog import list_procedures, procedure_usage
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext, load_context
from desktop.store.db import Database
from desktop.store.desk_settings import DeskSettings, SettingsError, load_settings, save_settings
from desktop.store.desk_settings import settings_from as settings_from
from desktop.store.dossiers.lookup import DossierView, dossier_view, lookup, query_kind, recent
from desktop.store.dossiers.scans import attach_scan
from desktop.store.dossiers.service import DossierService, Receipt, find_dossier
from desktop.store.first_look import counter_title
from desktop.store.stats.centre import CentreSnapshot, centre_snapshot
from desktop.store.stats.service import StatsService
from desktop.store.sync.device_keys import trusted_keys
from desktop.store.sync.enrolment import Enrolment, enrol, set_server
from desktop.store.sync.local import SyncStatus, read_status
from desktop.store.sync.online_login import SignIn, change_password_everywhere, sign_in
from desktop.store.sync.server_link import bundle_path, install_bundle, remove_bundle
from printing.connections import PrinterSettings
from printing.slip import Document

from .printing import Printing, PrintOutcome
from .state import DeskState

# the types the window and the command line read (they reach the store only through here)
__all__ = [
    "CentreSnapshot",
    "Desk",
    "DeskSettings",
    "DossierView",
    "Enrolment",
    "OfficerInfo",
    "Receipt",
    "Returnable",
    "SettingsError",
    "SignIn",
    "SyncStatus",
    "settings_from",
]

if TYPE_CHECKING:
    from desktop.services.audit_log import AuditDesk
    from desktop.services.calendar import CalendarDesk
    from desktop.services.catalog import CatalogDesk
    from desktop.services.day_figures import DayFiguresDesk
    from desktop.services.dossiers import DossierDesk
    from desktop.services.feedback import FeedbackDesk
    from desktop.services.forms import FormDesk
    from desktop.services.handover import HandoverDesk
    from desktop.services.incidents import IncidentDesk
    from desktop.services.officers import OfficerDesk
    from desktop.services.online import OnlineDesk
    from desktop.services.payee import PayeeDesk
    from desktop.services.payments import PaymentDesk
    from desktop.services.post import PostDesk
    from desktop.services.ratings import RatingDesk
    from desktop.services.stats import StatsDesk
    from desktop.store.incidents.records import IncidentView


@dataclass(frozen=True)
class Returnable:
    """A receipt's QR checked and its dossier found: what the returns screen shows."""

    token: QrToken
    dossier: DossierView

    @property
    def ready(self) -> bool:
        return self.dossier.status == 9


class Desk:
    """The facade the window holds: one per open data dir. The work is done by the services it
    is made of (session, printing, incidents), which share one :class:`DeskState`."""

    def __init__(self, data_dir: Path, db: Database, ctx: CounterContext) -> None:
        self.state = DeskState(data_dir, db, ctx)
        self.session = self.state.session
        self.printing = Printing(self.state)
        self.service = DossierService(db, ctx)
        self._catalog: list[Procedure] | None = None
        self._stats: StatsService | None = None
        self._lock = threading.Lock()

    @property
    def data_dir(self) -> Path:
        return self.state.data_dir

    @property
    def db(self) -> Database:
        return self.state.db

    @property
    def ctx(self) -> CounterContext:
        return self.state.ctx

    @property
    def officer(self) -> OfficerInfo | None:
        return self.session.officer

    @officer.setter
    def officer(self, officer: OfficerInfo | None) -> None:
        self.session.officer = officer

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
            self.state.reload()
            self.service = DossierService(self.db, self.ctx)
            self._catalog = None

    @property
    def title(self) -> str:
        return counter_title(self.ctx.counter, self.ctx.agency, self.ctx.profile.name)

    @property
    def office_lines(self) -> tuple[str, ...]:
        """The office's heading as its forms print it ("UBND TỈNH AN GIANG", "TRUNG TÂM…")."""
        return (self.ctx.office_parent, self.ctx.office_name)

    # -- accounts -------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> SignIn:
        """Whoever was signed in is signed out first: a failed attempt at a locked screen
        leaves nobody signed in."""
        self.session.officer = self.session.pending = None
        user = username.strip().lower()
        result = sign_in(self.db, self.ctx, user, password, allow_must_change=True)
        if self.must_change_password(result.officer.username):
            self.session.pending = result.officer
            return replace(result, must_change=True)
        self.session.officer = result.officer
        return result

    def sign_in_for_command(self, username: str, password: str) -> OfficerInfo:
        """A command signs in at the counter (its local verifier, no network) for the one action
        it runs; the role check and the audit entry are the window's (DESIGN.md §11)."""
        self.session.officer = self.session.pending = None
        officer = authenticate(self.db, username.strip().lower(), password)
        self.session.officer = officer
        return officer

    def must_change_password(self, username: str) -> bool:
        from sqlalchemy import select

        from desktop.store.models import Officer

        with self.db.read() as s:
            flag = s.scalar(
                select(Officer.must_change_password).where(Officer.username == username)
            )
        return bool(flag)

    def change_password(self, username: str, old: str, new: str) -> bool:
        online = change_password_everywhere(self.db, self.ctx, username, old, new)
        pending = self.session.pending
        if pending is not None and pending.username == username:
            self.session.officer, self.session.pending = pending, None
        return online

    def sign_out(self, *, locked: bool = False) -> None:
        """The officer signed out, or the screen locked itself while idle."""
        officer = self.session.officer
        self.session.officer = self.session.pending = None
        if officer is not None:
            with self.db.write() as s:
                audit.record(s, officer.username, "screen.locked" if locked else "logout")

    def note(self, action: str, target: str = "", detail: audit.Detail | None = None) -> None:
        self.session.note(action, target, detail)

    # -- catalog and reception ------------------------------------------------------------------

    def procedures(self, query: str = "") -> list[Procedure]:
        with self._lock:
            if self._catalog is None:
                with self.db.read() as s:
                    self._catalog = list_procedures(s)
            catalog = self._catalog
        return search(catalog, query)

    def procedure_usage(self) -> dict[str, int]:
        """Procedure code → dossiers received at this counter (the picker's ranking)."""
        with self.db.read() as s:
            return procedure_usage(s)

    def receive(self, form: ReceptionForm, officer: OfficerInfo) -> Receipt:
        self.session.acting(officer, "dossier.receive")
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
        self.session.acting(officer, "dossier.refuse")
        return self.service.refuse(form, officer, reason, supplement=supplement, missing=missing)

    # -- printing -------------------------------------------------------------------------------

    def document(self, kind: str, ref: str) -> tuple[Document, str]:
        return self.printing.document(kind, ref)

    def print_form(self, kind: str, ref: str) -> PrintOutcome:
        return self.printing.print_form(kind, ref)

    def print_a4(self, document: Document, label: str, name: str) -> PrintOutcome:
        return self.printing.print_a4(document, label, name)

    def queued_prints(self) -> int:
        return self.printing.queued()

    def retry_prints(self) -> tuple[int, dict[str, str]]:
        return self.printing.retry()

    def printer(self) -> PrinterSettings | None:
        return self.printing.printer()

    def save_printer(self, settings: PrinterSettings) -> None:
        self.printing.save_printer(settings)

    def test_print(self) -> PrintOutcome:
        return self.printing.test_print()

    # -- look-up and returns --------------------------------------------------------------------

    def search(self, query: str) -> list[DossierView]:
        self.session.require("dossier.lookup")
        with self.db.read() as s:
            rows = lookup(s, query) if query.strip() else recent(s, 200)
            found = [dossier_view(r, with_history=False) for r in rows]
        if query.strip():
            # the query itself is personal data (a name, an ID number): only its kind is kept
            self.note("lookup", "", {"kind": query_kind(query), "hits": len(found)})
        return found

    def detail(self, ref: str) -> DossierView:
        self.session.require("dossier.view")
        with self.db.read() as s:
            shown = dossier_view(find_dossier(s, ref))
        self.note("dossier.viewed", shown.code or shown.id)
        return shown

    def check_receipt(self, payload: str) -> Returnable:
        self.session.require("receipt.check")
        with self.db.read() as s:
            token = verify(payload, trusted_keys(s), self.ctx.code_format)
            found = Returnable(token, dossier_view(find_dossier(s, token.code)))
        self.note("receipt.checked", token.code)
        return found

    def attach_scans(
        self, code: str, officer: OfficerInfo, scans: list[tuple[str, str, bytes, int]]
    ) -> int:
        """Attach each scanned document (name, file name, PDF, pages) to a dossier."""
        self.session.acting(officer, "dossier.attach")
        for document, filename, pdf, pages in scans:
            attach_scan(self.db, self.ctx, code, officer, document, filename, pdf, pages)
        return len(scans)

    def trusted_keys(self) -> dict[str, TrustedKey]:
        with self.db.read() as s:
            return trusted_keys(s)

    def result_ready(self, code: str, officer: OfficerInfo) -> Receipt:
        self.session.acting(officer, "dossier.result_ready")
        return self.dossiers.result_ready(code)  # the command line's own entry

    def return_result(self, code: str, officer: OfficerInfo, name: str, id_number: str) -> Receipt:
        self.session.acting(officer, "dossier.return")
        return self.dossiers.return_result(code, None, name, id_number)

    # -- settings and sync ----------------------------------------------------------------------

    def settings(self) -> DeskSettings:
        return load_settings(self.data_dir)

    def save_settings(self, settings: DeskSettings) -> None:
        self.session.require("settings.change")
        save_settings(self.data_dir, settings)
        self.note("settings.saved", "", {"print_mode": settings.print_mode})

    def set_server(self, url: str | None) -> None:
        officer = self.session.require("server.change")
        set_server(self.db, url, by=officer.username)
        self.reload()

    def set_ca_bundle(self, source: Path | None) -> int:
        """Trust the province's own CA (a PEM file), or only the public ones again (None)."""
        self.session.require("server.change")
        if source is None:
            remove_bundle(self.data_dir)
            self.note("settings.ca_bundle", "", {"installed": False})
            return 0
        count = install_bundle(self.data_dir, source)
        self.note("settings.ca_bundle", "", {"installed": True, "certificates": count})
        return count

    def has_ca_bundle(self) -> bool:
        return self.ca_bundle() is not None

    def ca_bundle(self) -> Path | None:
        """The province's own CA file the counter trusts, if one is installed."""
        path = bundle_path(self.data_dir)
        return path if path.exists() else None

    def enrol(self, username: str, password: str) -> Enrolment:
        self.session.require("counter.enrol")
        done = enrol(self.db, self.ctx, username, password)
        self.reload()
        return done

    def stats(self) -> StatsService:
        """The supervisor's figures (kept: it caches the working-day index between calls)."""
        self.session.require("stats.read")
        with self._lock:
            if self._stats is None or self._stats.ctx is not self.ctx:
                self._stats = StatsService(self.db, self.ctx)
            return self._stats

    def centre(self) -> CentreSnapshot | None:
        self.session.require("stats.centre")
        return centre_snapshot(self.db)

    @cached_property
    def incidents(self) -> IncidentDesk:
        from .incidents import IncidentDesk  # loaded when the incident screen first asks

        return IncidentDesk(self.state, self.printing)

    # The services the command line asks for, loaded on first use (each checks its actions'
    # roles in desktop.domain.roles and writes the audit entries).

    @cached_property
    def dossiers(self) -> DossierDesk:
        from .dossiers import DossierDesk

        return DossierDesk(self.state)

    @cached_property
    def online(self) -> OnlineDesk:
        from .online import OnlineDesk

        return OnlineDesk(self.state)

    @cached_property
    def payments(self) -> PaymentDesk:
        from .payments import PaymentDesk

        return PaymentDesk(self.state)

    @cached_property
    def ratings(self) -> RatingDesk:
        from .ratings import RatingDesk

        return RatingDesk(self.state)

    @cached_property
    def feedback(self) -> FeedbackDesk:
        from .feedback import FeedbackDesk

        return FeedbackDesk(self.state)

    @cached_property
    def day_figures(self) -> DayFiguresDesk:
        from .day_figures import DayFiguresDesk

        return DayFiguresDesk(self.state)

    @cached_property
    def handovers(self) -> HandoverDesk:
        from .handover import HandoverDesk

        return HandoverDesk(self.state)

    @cached_property
    def post(self) -> PostDesk:
        from .post import PostDesk

        return PostDesk(self.state)

    @cached_property
    def forms(self) -> FormDesk:
        from .forms import FormDesk

        return FormDesk(self.state)

    @cached_property
    def statistics(self) -> StatsDesk:
        from .stats import StatsDesk

        return StatsDesk(self.state)

    @cached_property
    def audit_log(self) -> AuditDesk:
        from .audit_log import AuditDesk

        return AuditDesk(self.state)

    @cached_property
    def calendar(self) -> CalendarDesk:
        from .calendar import CalendarDesk

        return CalendarDesk(self.state)

    @cached_property
    def officers(self) -> OfficerDesk:
        from .officers import OfficerDesk

        return OfficerDesk(self.state)

    @cached_property
    def payee(self) -> PayeeDesk:
        from .payee import PayeeDesk

        return PayeeDesk(self.state)

    @cached_property
    def catalog(self) -> CatalogDesk:
        from .catalog import CatalogDesk

        return CatalogDesk(self.state)

    def sync_status(self) -> SyncStatus:
        return read_status(self.db, self.ctx)

    def open_incident(self) -> IncidentView | None:
        """The outage still open, for the status bar (also after a restart)."""
        from desktop.store.incidents.records import current_incident

        return current_incident(self.db)

    def now(self) -> datetime:
        return local_now()
