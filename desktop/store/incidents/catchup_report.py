"""Reading the catch-up report of an incident (stored by the recorder) and printing it.

While sync is still catching up the stored figures are refreshed from the data for display,
without writing: only the recorder, after a successful cycle, stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.forms.catchup import CatchUpFacts, catchup_report
from desktop.domain.incidents import ErrorSample, cause_label, causes_seen
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents import catchup
from desktop.store.incidents.records import OPEN, load
from desktop.store.printing.form_data import STEP_LABELS, office
from printing.slip import Document


@dataclass(frozen=True)
class CatchUpView:
    incident_id: int
    done: bool
    data: dict[str, Any]  # the keys documented in catchup.refresh

    def as_json(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "done": self.done, **self.data}


def catchup_view(db: Database, ctx: CounterContext, incident_id: int) -> CatchUpView | None:
    """None while the incident is still open (nothing has been caught up yet)."""
    now = local_now()
    with db.read() as s:
        row = load(s, incident_id)
        if row.state == OPEN or row.catchup is None:
            return None
        done = row.catchup_done_at is not None
        data = dict(row.catchup) if done else catchup.refresh(s, ctx, row, row.catchup, now)
        return CatchUpView(row.id, done, data)


def _facts(
    ctx: CounterContext, view: CatchUpView, row_info: dict[str, Any], prepared_by: str
) -> CatchUpFacts:
    d = view.data
    sums = d.get("sync") or {}
    by_type = tuple(
        (STEP_LABELS.get(t, t), int(n)) for t, n in (d.get("events_sent_by_type") or {}).items()
    )
    return CatchUpFacts(
        incident_id=view.incident_id,
        counter=ctx.counter,
        started_at=row_info["started_at"],
        ended_at=row_info["ended_at"],
        computed_at=datetime.fromisoformat(str(d.get("until") or local_now().isoformat())),
        done=view.done,
        cause="; ".join(row_info["causes"]) or cause_label(row_info["cause"], None),
        failures=row_info["failures"],
        dossiers_received=int(d.get("dossiers_received", 0)),
        events_backlog=int(d.get("events_backlog", 0)),
        events_sent=int(d.get("events_sent", 0)),
        events_by_type=by_type,
        dossiers_sent=int(d.get("dossiers_sent", 0)),
        attachments_uploaded=int(d.get("attachments_uploaded", 0)),
        duplicates=int(sums.get("duplicates", 0)),
        rejected=max(int(sums.get("rejected", 0)), len(d.get("dead_letters") or ())),
        conflicts=max(int(sums.get("conflicts", 0)), len(d.get("conflict_list") or ())),
        pending=int(d.get("pending", 0)),
        reconciled=d.get("reconciled"),
        mismatched_days=tuple(str(x) for x in d.get("mismatched_days") or ()),
        code_changes=tuple(
            (str(c["old_code"]), str(c["new_code"]), str(c["applicant_name"]), str(c["phone"]))
            for c in d.get("codes_replaced") or ()
        ),
        dead_letters=tuple(
            (str(x["code"]), STEP_LABELS.get(str(x["type"]), str(x["type"])), str(x["error"]))
            for x in d.get("dead_letters") or ()
        ),
        conflict_lines=tuple(
            (str(x["ref"]), str(x["message"])) for x in d.get("conflict_list") or ()
        ),
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
