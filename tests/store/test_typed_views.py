"""The typed answers the window reads: a dossier view whose JSON is, key for key, what the
command line has always printed, and the catch-up report read once into types."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop.domain.dossier import Status
from desktop.domain.reception import parse_form
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.lookup import DossierView, dossier_json, dossier_view, lookup
from desktop.store.incidents.catchup import CatchUpReport, SyncSums
from desktop.store.models import Dossier
from tests.conftest import RECEPTION, Counter, minimal_form


def _iso(v: Any) -> str | None:
    return v.isoformat(timespec="minutes") if v is not None else None


def _dict_as_it_was(row: Dossier, *, with_history: bool = True) -> dict[str, Any]:
    """The dict dossier_json built before the view was typed (commit 53ed811), kept here to
    pin the command line's JSON."""
    out: dict[str, Any] = {
        "id": row.id,
        "code": row.code,
        "provisional": row.provisional,
        "aliases": [a.code for a in row.aliases],
        "procedure": row.procedure_code,
        "procedure_name": row.procedure_name,
        "status": row.status,
        "status_label": Status(row.status).label_vi,
        "channel": row.channel,
        "received_at": _iso(row.received_at),
        "due_at": _iso(row.due_at),
        "finished_at": _iso(row.finished_at),
        "returned_at": _iso(row.returned_at),
        "applicant": row.applicant,
        "documents": row.documents,
        "sets": row.sets,
        "result_delivery": row.result_delivery,
        "fees": row.fees,
        "fee_total": row.fee_total,
        "register_book": row.register_book,
        "register_seq": row.register_seq,
        "officer": row.officer,
        "counter": row.counter,
    }
    if with_history:
        out["attachments"] = [
            {
                "sha256": a.sha256,
                "document": a.document,
                "filename": a.filename,
                "mime": a.mime,
                "size": a.size,
                "pages": a.pages,
            }
            for a in row.attachments
        ]
        out["events"] = [
            {
                "id": e.id,
                "type": e.type,
                "seq": e.seq,
                "occurred_at": _iso(e.occurred_at),
                "officer": e.officer,
                "counter": e.counter,
            }
            for e in row.events
        ]
    return out


def test_a_dossier_view_with_history_gives_the_json_it_always_gave(counter: Counter) -> None:
    form = parse_form(minimal_form())
    receipt = counter.service.receive(form, RECEPTION)
    assert receipt.code is not None
    pdf = b"%PDF-1.4\n" + b"0" * 4096
    attach(counter.db, counter.ctx, receipt.code, RECEPTION, "Tờ khai", "to-khai.pdf", pdf, 2)
    with counter.db.read() as s:
        (row,) = lookup(s, receipt.code)
        view = dossier_view(row)
        # what it always gave, and since issue 19 where the fee stands
        fee = {"due": 0, "paid": 0, "state": "none", "state_label": "Không thu phí",
               "exempt_reason": None}  # fmt: skip
        old = {**_dict_as_it_was(row), "fee": fee}
        received = row.received_at
        brief = dossier_view(row, with_history=False)
        old_brief = {**_dict_as_it_was(row, with_history=False), "fee": fee}
        assert dossier_json(row) == old
    assert len(old["events"]) == 2 and len(old["attachments"]) == 1
    assert view.to_json() == old
    assert brief.to_json() == old_brief and brief.events is None
    # what the screens read: attributes, typed
    assert isinstance(view, DossierView) and view.code == receipt.code
    assert received is not None  # shown to the minute, as the JSON always was
    assert view.received_at == received.replace(second=0, microsecond=0)
    assert view.applicant_name == "Nguyễn Văn An" and view.applicant_phone == "0912345678"
    assert view.events is not None and [e.type for e in view.events] == ["received", "attached"]
    assert view.attachments is not None and view.attachments[0].size == len(pdf)


STORED: dict[str, Any] = {
    "cycles": 2,
    "sync": {
        "pushed": 5,
        "duplicates": 1,
        "rejected": 0,
        "blobs": 1,
        "pulled": 3,
        "applied": 3,
        "parked": 0,
        "conflicts": 0,
    },
    "reconciled": True,
    "mismatched_days": ["2026-01-05"],
    "since": "2026-01-05T08:00:00",
    "until": "2026-01-05T10:30:00",
    "events_backlog": 6,
    "events_sent": 5,
    "events_sent_by_type": {"attached": 1, "received": 4},
    "dossiers_sent": 4,
    "dossiers_received": 4,
    "attachments_uploaded": 1,
    "pending": 0,
    "dead_letters": [{"code": "X1", "type": "received", "error": "bị từ chối"}],
    "conflict_list": [
        {"at": "2026-01-05T09:00:00", "kind": "status", "ref": "X2", "message": "khác nhau"}
    ],
    "codes_replaced": [
        {
            "old_code": "T-1",
            "new_code": "000.00.12.H01050126001",
            "applicant_name": "Nguyễn Văn An",
            "phone": "0912345678",
            "received_at": "2026-01-05T08:30",
        }
    ],
}


def test_the_catchup_report_reads_its_stored_dict_once_and_gives_it_back() -> None:
    report = CatchUpReport.from_json(STORED)
    assert report.to_json() == STORED
    assert report.sync == SyncSums(pushed=5, duplicates=1, blobs=1, pulled=3, applied=3)
    assert report.until == datetime(2026, 1, 5, 10, 30)
    assert report.rejected == 1 and report.conflicts == 1  # the lists count when longer
    assert report.codes_replaced[0].new_code == "000.00.12.H01050126001"
    # before any cycle reported: no reconciliation yet, and the JSON does not invent one
    first = {k: v for k, v in STORED.items() if k not in ("reconciled", "mismatched_days")}
    again = CatchUpReport.from_json(first)
    assert again.reconciled is None and again.to_json() == first
