"""The incident screen's services (DESIGN.md §6; Kiên Giang QĐ 921 Phụ lục II, An Giang QĐ 66
Điều 24 and 27): what the outage did, the request form, the citizens to tell, the appointments
to move with Mẫu 04, the catch-up report, and closing the day. Each call checks the signed-in
officer's roles, like the rest of :class:`~desktop.services.desk.Desk`, and blocks on the
database or a printer, so the window calls it from its DB worker only. The command line calls
the same methods (``motcua incident …``, ``motcua day …``), signed in for the one command.

Reading citizens' data (the lists, the notify export, the reports) is written to the audit log by
kind and count only: never a name, a phone number or an address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.domain.forms.facts import IncidentFacts
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.dossiers.service import Receipt
from desktop.store.incidents.catchup_report import CatchUpView, catchup_document, catchup_view
from desktop.store.incidents.day_close import (
    DayCloseRefused,
    DayClosureView,
    close_day,
    closures_during,
    list_closures,
    waiting,
)
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
    IncidentSendRefused,
    IncidentView,
    effective_grace,
    get_incident,
    list_incidents,
    mark_reported,
)
from desktop.store.printing.printouts import write_pdf
from desktop.store.stats.reports import register_document, write_register
from printing.slip import Document

from .printing import Printing, PrintOutcome
from .state import DeskState

# what the command line and the window name when they call these services
__all__ = [
    "DayCloseRefused",
    "DayClosureView",
    "DayState",
    "FormOverrides",
    "IncidentDesk",
    "IncidentDetail",
    "IncidentSendRefused",
    "IncidentView",
]


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
class IncidentSummary:
    """What ``motcua incident show`` prints: the incident, the dossiers received during it, the
    days closed while it went on and, once it is over, the catch-up so far."""

    view: IncidentView
    offline: list[OfflineDossier]
    closures: list[DayClosureView]
    catchup: CatchUpView | None


@dataclass(frozen=True)
class Rescheduled:
    receipt: Receipt  # the dossier with its new appointment
    item: AffectedDossier  # as it was before: its old appointment and the proposed one


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

    def incidents(self, *, audited: bool = False) -> list[IncidentView]:
        """The incidents, newest first. The window re-reads this list every minute for its
        status, unaudited; a command shows it once and says so in the audit log."""
        self.state.session.require("incident.read")
        views = list_incidents(self.state.db)
        if audited:
            self.state.session.note("incident.listed", "", {"rows": len(views)})
        return views

    def summary(self, incident_id: int) -> IncidentSummary:
        """One incident as the command line shows it (the screen reads :meth:`detail`)."""
        self.state.session.require("incident.read")
        db, ctx = self.state.db, self.state.ctx
        view = get_incident(db, incident_id)
        found = IncidentSummary(
            view=view,
            offline=offline_dossiers(db, ctx, incident_id),
            closures=closures_during(db, ctx, view.started_at, view.ended_at),
            catchup=catchup_view(db, ctx, incident_id),
        )
        self.state.session.note("incident.viewed", str(incident_id), {"rows": len(found.offline)})
        return found

    def offline(self, incident_id: int) -> list[OfflineDossier]:
        """The dossiers received during the incident or still unsent (names included)."""
        self.state.session.require("incident.read")
        rows = offline_dossiers(self.state.db, self.state.ctx, incident_id)
        self.state.session.note("incident.offline_listed", str(incident_id), {"rows": len(rows)})
        return rows

    def at_risk(self, incident_id: int) -> list[AffectedDossier]:
        """The dossiers whose appointment the outage touches, with the proposed new dates."""
        self.state.session.require("incident.read")
        rows = affected_dossiers(self.state.db, self.state.ctx, incident_id)
        self.state.session.note("incident.at_risk_listed", str(incident_id), {"rows": len(rows)})
        return rows

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
        officer records it sent (:meth:`send`), not when it is printed."""
        officer = self.state.session.require("incident.act")
        document = form_document(self.state.db, self.state.ctx, incident_id, officer)
        label = f"Phiếu yêu cầu xử lý sự cố số {incident_id}"
        name = f"su-co-{incident_id}-phieu-yeu-cau.pdf"
        return self._print(document, label, name, str(incident_id), "incident_request")

    def send(
        self, incident_id: int, *, at: datetime | None = None, to: str | None = None
    ) -> IncidentView:
        """Record that the request form (Phụ lục II) was sent, at ``at`` (now when not given) to
        ``to`` (the incident's addressee when not given): its own action, apart from printing,
        and the one that starts the IT department's answer clock (An Giang QĐ 66/2020 Điều
        27.6: 04 giờ from receiving it). Refused when it was recorded already — the first
        sending is the one the clock runs from — or at an impossible time."""
        officer = self.state.session.require("incident.send")
        before = get_incident(self.state.db, incident_id)
        if before.reported_at is not None:
            raise IncidentSendRefused(
                f"Phiếu yêu cầu của sự cố số {incident_id} đã được ghi nhận gửi tới "
                f"{before.report_to} lúc {before.reported_at:%H:%M %d/%m/%Y}",
                code="incident_sent_already",
                incident=incident_id,
            )
        return mark_reported(self.state.db, incident_id, officer, at, to=to)

    def mark_reported(self, incident_id: int) -> IncidentView:
        """The window's button before :meth:`send` had options: sent now, to the addressee."""
        return self.send(incident_id)

    def export_notify(self, incident_id: int, out: Path) -> int:
        return len(self.notify_list(incident_id, out))

    def notify_list(self, incident_id: int, out: Path | None = None) -> list[CitizenNotice]:
        """The citizens to tell, with their phones and e-mails; written as CSV to ``out`` when
        given (for the SMS/e-mail tools). Audited as an export or a listing, with the count."""
        self.state.session.require("incident.notify")
        notices = citizens_to_notify(self.state.db, self.state.ctx, incident_id)
        if out is not None:
            write_notify_csv(notices, out)
        action = "incident.notify_exported" if out is not None else "incident.notify_listed"
        self.state.session.note(action, str(incident_id), {"rows": len(notices)})
        return notices

    def reschedule(
        self, incident_id: int, code: str, new_due_at: datetime | None, reason: str | None
    ) -> tuple[str, datetime, PrintOutcome]:
        """Give the dossier its new appointment and print Mẫu 04 for the citizen."""
        done = self.reschedule_dossier(incident_id, code, new_due_at, reason)
        receipt, item = done.receipt, done.item
        due = receipt.due_at or new_due_at or item.proposed_due_at
        return item.code, due, self.printing.print_form("apology", item.code)

    def reschedule_dossier(
        self,
        incident_id: int,
        code: str,
        new_due_at: datetime | None,
        reason: str | None,
        *,
        pdf: Path | None = None,
    ) -> Rescheduled:
        """The new appointment alone; with ``pdf``, Mẫu 04 written to that file as well (the
        role to print it is checked first, so a refusal leaves the appointment unmoved)."""
        officer = self.state.session.require("incident.act")
        if pdf is not None:
            self.state.session.require("print.form")
        receipt, item = reschedule_for_incident(
            self.state.db,
            self.state.ctx,
            incident_id,
            code,
            officer,
            reason=reason,
            new_due_at=new_due_at,
        )
        if pdf is not None:
            document, ref = self.printing.document("apology", receipt.code or receipt.id)
            write_pdf(document, pdf, f"Phiếu xin lỗi và hẹn lại {ref}")
            self.state.session.note("print", ref, {"form": "apology", "pdf": True})
        return Rescheduled(receipt, item)

    def export_form(self, incident_id: int, overrides: FormOverrides, out: Path) -> IncidentView:
        """Phụ lục II with the officer's edits, written to ``out``. Writing the file is not
        sending it: the officer records that with :meth:`send` (``motcua incident sent``) once
        it has left, and only then does the answer clock start."""
        officer = self.state.session.require("incident.act")
        db, ctx = self.state.db, self.state.ctx
        save_overrides(db, incident_id, overrides)
        self.state.session.note("incident.form_saved", str(incident_id))
        write_pdf(
            form_document(db, ctx, incident_id, officer),
            out,
            f"Phiếu yêu cầu xử lý sự cố số {incident_id}",
        )
        self.state.session.note(
            "print", str(incident_id), {"form": "incident_request", "pdf": True}
        )
        return get_incident(db, incident_id)

    def catchup(self, incident_id: int) -> CatchUpView | None:
        """The catch-up report's figures (None while the incident is open)."""
        self.state.session.require("incident.report")
        caught = catchup_view(self.state.db, self.state.ctx, incident_id)
        codes = len(caught.report.codes_replaced) if caught else 0
        self.state.session.note("incident.report_viewed", str(incident_id), {"codes": codes})
        return caught

    def export_catchup(self, incident_id: int, out: Path) -> None:
        """The catch-up report on A4, written to ``out``."""
        officer = self.state.session.require("incident.report")
        document = catchup_document(self.state.db, self.state.ctx, incident_id, officer)
        write_pdf(document, out, f"Báo cáo đồng bộ sau sự cố số {incident_id}")
        self.state.session.note("print", str(incident_id), {"form": "catchup_report", "pdf": True})

    def print_catchup(self, incident_id: int) -> PrintOutcome:
        officer = self.state.session.require("incident.report")
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
        which is recorded (issue 7). Only a supervisor may give such a reason at all, whether
        or not anything is waiting at that moment."""
        officer = self.state.session.require("day.close")
        if override_reason is not None:
            self.state.session.require("day.close_override")
        return close_day(
            self.state.db, self.state.ctx, day, officer, override_reason=override_reason
        )

    def closures(self, first: date | None, last: date | None) -> list[DayClosureView]:
        """The days closed, newest first. Who closed them and how many dossiers, no citizen's
        data: the command line lists them without signing in, as it always has."""
        return list_closures(self.state.db, self.state.ctx, first, last)

    def save_register(self, day: date, out: Path) -> int:
        """The day's register book (Mẫu 06) written to ``out``; how many dossiers it lists."""
        self.state.session.require("day.register")
        count = write_register(self.state.db, self.state.ctx, day, day, pdf=out)
        self.state.session.note("register.exported", day.isoformat(), {"rows": count})
        return count

    def print_register(self, day: date) -> PrintOutcome:
        """The day's register book (Mẫu 06): prints whether or not the day could be closed."""
        self.state.session.require("day.register")
        document = register_document(self.state.db, self.state.ctx, day, day)
        label = f"Sổ theo dõi hồ sơ ngày {day:%d/%m/%Y}"
        name = f"so-theo-doi-{day:%Y-%m-%d}.pdf"
        return self._print(document, label, name, day.isoformat(), "register")
