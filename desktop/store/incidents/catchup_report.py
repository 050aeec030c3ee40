"""Reading the catch-up report of an incident (stored by the recorder) and printing it.

While sync is still catching up the stored figures are refreshed from the data for display,
without writing: only the recorder, after a successful cycle, stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.forms.catchup import CatchUpFacts, catchup_report
from desktop.domain.incidents import ErrorSample, cause_label, causes_seen
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents import catchup
from desktop.store.incidents.catchup import CatchUpReport
from desktop.store.incidents.records import OPEN, load
from desktop.store.printing.form_data import STEP_LABELS, office
from printing.slip import Document


@dataclass(frozen=True)
class CatchUpView:
    incident_id: int
    done: bool
    report: CatchUpReport

    def as_json(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "done": self.done, **self.report.to_json()}


def catchup_view(db: Database, ctx: CounterContext, incident_id: int) -> CatchUpView | None:
    """None while the incident is still open (nothing has been caught up yet)."""
    now = local_now()
    with db.read() as s:
        row = load(s, incident_id)
        if row.state == OPEN or row.catchup is None:
            return None
        done = row.catchup_done_at is not None
        data = dict(row.catchup) if done else catchup.refresh(s, ctx, row, row.catchup, now)
        return CatchUpView(row.id, done, CatchUpReport.from_json(data))


def _facts(
    ctx: CounterContext, view: CatchUpView, row_info: dict[str, Any], prepared_by: str
) -> CatchUpFacts:
    r = view.report
    by_type = tuple((STEP_LABELS.get(t, t), n) for t, n in r.events_sent_by_type)
    return CatchUpFacts(
        incident_id=view.incident_id,
        counter=ctx.counter,
        started_at=row_info["started_at"],
        ended_at=row_info["ended_at"],
        computed_at=r.until or local_now(),
        done=view.done,
        cause="; ".join(row_info["causes"]) or cause_label(row_info["cause"], None),
        failures=row_info["failures"],
        dossiers_received=r.dossiers_received,
        events_backlog=r.events_backlog,
        events_sent=r.events_sent,
        events_by_type=by_type,
        dossiers_sent=r.dossiers_sent,
        attachments_uploaded=r.attachments_uploaded,
        duplicates=r.sync.duplicates,
        rejected=r.rejected,
        conflicts=r.conflicts,
        pending=r.pending,
        reconciled=r.reconciled,
        mismatched_days=r.mismatched_days or (),
        code_changes=tuple(
            (c.old_code, c.new_code, c.applicant_name, c.phone) for c in r.codes_replaced
        ),
        dead_letters=tuple(
            (x.code, STEP_LABELS.get(x.type, x.type), x.error) for x in r.dead_letters
        ),
        conflict_lines=tuple((x.ref, x.message) for x in r.conflict_list),
        prepared_by=prepared_by,
    )


def catchup_document(
    db: Database, ctx: CounterContext, incident_id: int, officer: OfficerInfo | None = None
) -> Document:
    """The report as an A4 document (printouts.write_pdf)."""
    view = catchup_view(db, ctx, incident_id)
    if view is None:
        raise ActionError(
            f"Sự cố số {incident_id} chưa kết thúc: báo cáo đồng bộ có sau khi quầy kết nối lại"
        )
    with db.read() as s:
        row = load(s, incident_id)
        info = {
            "started_at": row.started_at,
            "ended_at": row.ended_at,
            "cause": row.cause,
            "http_status": row.http_status,
            "failures": row.failures,
            "causes": causes_seen(tuple(ErrorSample.from_json(x) for x in row.samples)),
        }
    facts = _facts(ctx, view, info, officer.full_name if officer else "")
    return catchup_report(office(ctx), facts)
