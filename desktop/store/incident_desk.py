"""The incident screen's services (DESIGN.md §6; Kiên Giang QĐ 921 Phụ lục II, An Giang QĐ 66
Điều 24 and 27): what the outage did, the request form, the citizens to tell, the appointments
to move with Mẫu 04, the catch-up report, and closing the day. Each call checks the signed-in
officer's roles, like the rest of :class:`~desktop.store.desk.Desk`, and blocks on the
database or a printer, so the window calls it from its DB worker only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.forms.facts import IncidentFacts
from printing.slip import Document

from . import audit
from .catchup_report import CatchUpView, catchup_document, catchup_view
from .clock import local_now
from .day_close import DayClosureView, close_day, list_closures, waiting
from .incident_form import FormOverrides, form_document, form_facts, save_overrides
from .incident_notify import CitizenNotice, citizens_to_notify, notices_from, write_notify_csv
from .incident_outage import (
    AffectedDossier,
    OfflineDossier,
    affected_dossiers,
    default_reason,
    offline_dossiers,
    reschedule_for_incident,
)
from .incidents import (
    IncidentView,
    effective_grace,
    get_incident,
    list_incidents,
    mark_reported,
)
from .stats_reports import register_document

if TYPE_CHECKING:
    from .desk import Desk, PrintOutcome

# who answers for the counter's work during an outage (the same roles the command line asks)
_INCIDENT_ROLES = ("reception", "returns", "supervisor")


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
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._last_viewed: tuple[str, int] | None = None

    # -- incidents -------------------------------------------------------------------------------

    def incidents(self) -> list[IncidentView]:
        self.desk._require(*_INCIDENT_ROLES)
        return list_incidents(self.desk.db)

    def detail(self, incident_id: int) -> IncidentDetail:
        officer = self.desk._require(*_INCIDENT_ROLES)
        db, ctx = self.desk.db, self.desk.ctx
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
            self.desk.note("incident.viewed", str(incident_id))
            self._last_viewed = seen
        return detail

    def save_form(self, incident_id: int, overrides: FormOverrides) -> IncidentFacts:
        officer = self.desk._require(*_INCIDENT_ROLES)
        db, ctx = self.desk.db, self.desk.ctx
        save_overrides(db, incident_id, overrides)
        with db.write() as s:
            audit.record(s, officer.username, "incident.form_saved", str(incident_id))
        return form_facts(db, ctx, incident_id, officer)

    def _print(
        self, document: Document, label: str, name: str, target: str, form: str
    ) -> PrintOutcome:
        out = self.desk.print_a4(document, label, name)
        self.desk.note("print", target, {"form": form})
        return out

    def print_form(self, incident_id: int) -> PrintOutcome:
        """Phụ lục II on A4. The promised answer time (An Giang Điều 27.6) starts when the
        officer marks it sent (:meth:`mark_reported`), not when it is printed."""
        officer = self.desk._require(*_INCIDENT_ROLES)
        document = form_document(self.desk.db, self.desk.ctx, incident_id, officer)
        label = f"Phiếu yêu cầu xử lý sự cố số {incident_id}"
        name = f"su-co-{incident_id}-phieu-yeu-cau.pdf"
        return self._print(document, label, name, str(incident_id), "incident_request")

    def mark_reported(self, incident_id: int) -> IncidentView:
        officer = self.desk._require(*_INCIDENT_ROLES)
        return mark_reported(self.desk.db, incident_id, officer)

    def export_notify(self, incident_id: int, out: Path) -> int:
        self.desk._require(*_INCIDENT_ROLES)
        notices = citizens_to_notify(self.desk.db, self.desk.ctx, incident_id)
        write_notify_csv(notices, out)
        self.desk.note("incident.notify_exported", str(incident_id), {"rows": len(notices)})
        return len(notices)

    def reschedule(
        self, incident_id: int, code: str, new_due_at: datetime | None, reason: str | None
    ) -> tuple[str, datetime, PrintOutcome]:
        """Give the dossier its new appointment and print Mẫu 04 for the citizen."""
        officer = self.desk._require(*_INCIDENT_ROLES)
        receipt, item = reschedule_for_incident(
            self.desk.db,
            self.desk.ctx,
            incident_id,
            code,
            officer,
            reason=reason,
            new_due_at=new_due_at,
        )
        due = receipt.due_at or new_due_at or item.proposed_due_at
        return item.code, due, self.desk.print_form("apology", item.code)

    def print_catchup(self, incident_id: int) -> PrintOutcome:
        officer = self.desk._require(*_INCIDENT_ROLES)
        document = catchup_document(self.desk.db, self.desk.ctx, incident_id, officer)
        label = f"Báo cáo đồng bộ sau sự cố số {incident_id}"
        name = f"su-co-{incident_id}-bao-cao.pdf"
        return self._print(document, label, name, str(incident_id), "catchup_report")

    # -- the end of the day ----------------------------------------------------------------------

    def day_state(self, day: date) -> DayState:
        self.desk._require(*_INCIDENT_ROLES)
        pending, dead = waiting(self.desk.db)
        closures = list_closures(self.desk.db, self.desk.ctx, day, day)
        return DayState(day, pending, dead, self.desk.ctx.server_url is not None, closures)

    def close_day(self, day: date, override_reason: str | None) -> DayClosureView:
        """Refused while events wait to sync, unless a supervisor overrides with a reason,
        which is recorded (issue 7; close_day checks the roles again)."""
        officer = self.desk._require(*_INCIDENT_ROLES)
        return close_day(self.desk.db, self.desk.ctx, day, officer, override_reason=override_reason)

    def print_register(self, day: date) -> PrintOutcome:
        """The day's register book (Mẫu 06): prints whether or not the day could be closed."""
        self.desk._require(*_INCIDENT_ROLES)
        document = register_document(self.desk.db, self.desk.ctx, day, day)
        label = f"Sổ theo dõi hồ sơ ngày {day:%d/%m/%Y}"
        name = f"so-theo-doi-{day:%Y-%m-%d}.pdf"
        return self._print(document, label, name, day.isoformat(), "register")
