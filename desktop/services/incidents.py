"""The incident screen's services (DESIGN.md §6; Kiên Giang QĐ 921 Phụ lục II, An Giang QĐ 66
Điều 24 and 27): what the outage did, the request form, the citizens to tell, the appointments
to move with Mẫu 04, the catch-up report, and closing the day. Each call checks the signed-in
officer's roles, like the rest of :class:`~desktop.services.desk.Desk`, and blocks on the
database or a printer, so the window calls it from its DB worker only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.domain.forms.facts import IncidentFacts
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.incidents.catchup_report import CatchUpView, catchup_document, catchup_view
from desktop.store.incidents.day_close import DayClosureView, close_day, list_closures, waiting
from desktop.store.incidents.form import FormOverrides, form_document, form_facts, save_overrides
from desktop.store.incidents.notify import (
    CitizenNotice,
    citizens_to_notify,
    notices_from,
    write_notify_csv,
)
from desktop.store.incidents.outage import (
    AffectedDossier,
    OfflineDossier,
    affected_dossiers,
    default_reason,
    offline_dossiers,
    reschedule_for_incident,
)
from desktop.store.incidents.records import (
    IncidentView,
    effective_grace,
    get_incident,
    list_incidents,
    mark_reported,
)
from desktop.store.stats.reports import register_document
from printing.slip import Document

from .printing import Printing, PrintOutcome
from .state import DeskState


@dataclass(frozen=True)
class IncidentDetail:
    view: IncidentView
    form: IncidentFacts  # pre-filled, with the officer's saved edits
    grace: timedelta
    offline: list[OfflineDossier]
    notify: list[CitizenNotice]
    affected: list[AffectedDossier]
    catchup: CatchUpView | None  # None while the incident is open
    default_reason: str  # what Mẫu 04 says unless the officer writes otherwise


@dataclass(frozen=True)
class DayState:
    day: date
    pending: int  # events waiting to sync
    dead: int  # events the server refused
    needs_server: bool  # False: a counter with no server has nothing to wait for
    closures: list[DayClosureView]  # of this day, newest first

    @property
    def blocked(self) -> bool:
        return self.needs_server and self.pending > 0


class IncidentDesk:
    def __init__(self, state: DeskState, printing: Printing) -> None:
        self.state = state
        self.printing = printing
        self._last_viewed: tuple[str, int] | None = None

    # -- incidents -------------------------------------------------------------------------------

    def incidents(self) -> list[IncidentView]:
        self.state.session.require("incident.read")
        return list_incidents(self.state.db)

    def detail(self, incident_id: int) -> IncidentDetail:
        officer = self.state.session.require("incident.read")
        db, ctx = self.state.db, self.state.ctx
        view = get_incident(db, incident_id)
        now = local_now()
        offline = offline_dossiers(db, ctx, incident_id)
        affected = affected_dossiers(db, ctx, incident_id, now=now)
        detail = IncidentDetail(
            view=view,
            form=form_facts(db, ctx, incident_id, officer, offline=offline),
            grace=effective_grace(db, ctx),
            offline=offline,
            notify=notices_from(offline, affected),
            affected=affected,
            catchup=catchup_view(db, ctx, incident_id),
            default_reason=default_reason(view),
        )
        seen = (officer.username, incident_id)
        if seen != self._last_viewed:  # the screen re-reads every minute: one entry per opening
            self.state.session.note("incident.viewed", str(incident_id))
            self._last_viewed = seen
        return detail

    def save_form(self, incident_id: int, overrides: FormOverrides) -> IncidentFacts:
        officer = self.state.session.require("incident.act")
        db, ctx = self.state.db, self.state.ctx
        save_overrides(db, incident_id, overrides)
        with db.write() as s:
            audit.record(s, officer.username, "incident.form_saved", str(incident_id))
        return form_facts(db, ctx, incident_id, officer)

    def _print(
        self, document: Document, label: str, name: str, target: str, form: str
    ) -> PrintOutcome:
        out = self.printing.print_a4(document, label, name, form, target)
        self.state.session.note("print", target, {"form": form})
        return out

    def print_form(self, incident_id: int) -> PrintOutcome:
        """Phụ lục II on A4. The promised answer time (An Giang Điều 27.6) starts when the
        officer marks it sent (:meth:`mark_reported`), not when it is printed."""
        officer = self.state.session.require("incident.act")
        document = form_document(self.state.db, self.state.ctx, incident_id, officer)
        label = f"Phiếu yêu cầu xử lý sự cố số {incident_id}"
        name = f"su-co-{incident_id}-phieu-yeu-cau.pdf"
        return self._print(document, label, name, str(incident_id), "incident_request")

    def mark_reported(self, incident_id: int) -> IncidentView:
        officer = self.state.session.require("incident.act")
        return mark_reported(self.state.db, incident_id, officer)

    def export_notify(self, incident_id: int, out: Path) -> int:
        self.state.session.require("incident.notify")
        notices = citizens_to_notify(self.state.db, self.state.ctx, incident_id)
        write_notify_csv(notices, out)
        self.state.session.note(
            "incident.notify_exported", str(incident_id), {"rows": len(notices)}
        )
        return len(notices)

    def reschedule(
        self, incident_id: int, code: str, new_due_at: datetime | None, reason: str | None
    ) -> tuple[str, datetime, PrintOutcome]:
        """Give the dossier its new appointment and print Mẫu 04 for the citizen."""
        officer = self.state.session.require("incident.act")
        receipt, item = reschedule_for_incident(
            self.state.db,
            self.state.ctx,
            incident_id,
            code,
            officer,
            reason=reason,
            new_due_at=new_due_at,
        )
        due = receipt.due_at or new_due_at or item.proposed_due_at
        return item.code, due, self.printing.print_form("apology", item.code)

    def print_catchup(self, incident_id: int) -> PrintOutcome:
        officer = self.state.session.require("incident.act")
        document = catchup_document(self.state.db, self.state.ctx, incident_id, officer)
        label = f"Báo cáo đồng bộ sau sự cố số {incident_id}"
        name = f"su-co-{incident_id}-bao-cao.pdf"
        return self._print(document, label, name, str(incident_id), "catchup_report")

    # -- the end of the day ----------------------------------------------------------------------

    def day_state(self, day: date) -> DayState:
        self.state.session.require("incident.read")
        pending, dead = waiting(self.state.db)
        closures = list_closures(self.state.db, self.state.ctx, day, day)
        return DayState(day, pending, dead, self.state.ctx.server_url is not None, closures)

    def close_day(self, day: date, override_reason: str | None) -> DayClosureView:
        """Refused while events wait to sync, unless a supervisor overrides with a reason,
        which is recorded (issue 7; close_day checks the roles again)."""
        officer = self.state.session.require("day.close")
        return close_day(
            self.state.db, self.state.ctx, day, officer, override_reason=override_reason
        )

    def print_register(self, day: date) -> PrintOutcome:
        """The day's register book (Mẫu 06): prints whether or not the day could be closed."""
        self.state.session.require("incident.act")
        document = register_document(self.state.db, self.state.ctx, day, day)
        label = f"Sổ theo dõi hồ sơ ngày {day:%d/%m/%Y}"
        name = f"so-theo-doi-{day:%Y-%m-%d}.pdf"
        return self._print(document, label, name, day.isoformat(), "register")
