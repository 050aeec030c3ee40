"""Which counter may append which event to whose dossier (issue 17, item 10): unknown and
server-only event types are refused, only the receiving counter changes what the citizen filed,
statuses follow the national status machine, and reconciliation notices a dossier whose content
differs from the server's even when its code does not. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from desktop.domain.dossier import ANY_COUNTER_EVENTS, TRANSITIONS
from sync.protocol import REJECTION_CODES
from sync.server.event_rules import ANY_COUNTER_OF_THE_AGENCY, COUNTER_TRANSITIONS, SERVER_ONLY
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, make_counter

from .test_server_api import AGENCY, Device

CODE = f"{AGENCY}201126001"


def _server_row(server: ServerProcess, code: str) -> dict[str, Any]:
    out = server.admin("export", "--from", "2026-11-20", "--to", "2026-11-20")
    assert out.returncode == 0, out.stderr
    (row,) = [r for r in json.loads(out.stdout)["data"] if r["MaHoSo"] == code]
    return dict(row)


def test_another_counter_cannot_rewrite_a_dossier(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    q1.lease(1)
    did = str(uuid.uuid4())
    assert q1.push(q1.event(did, code=CODE))[0]["outcome"] == "applied"
    before = _server_row(server, CODE)

    def refused(dev: Device, **over: Any) -> str:
        after = {**dev.event(did, code=CODE)["after"], **over.pop("after", {})}
        (res,) = dev.push(dev.event(did, code=CODE, after=after, **over))
        assert res["outcome"] == "rejected", res
        assert res["code"] in REJECTION_CODES, res
        return str(res["code"])

    forged = {"status": 10, "applicant_name": "Kẻ Mạo Danh", "applicant_id": "001099000001"}
    assert refused(q2, type="zzz_forged", after=forged) == "unknown_event"
    assert refused(q1, type="zzz_forged", after=forged) == "unknown_event"
    # events only the server writes
    assert refused(q2, type="department_progress", after={"status": 9}) == "not_permitted"
    assert refused(q1, type="code_assigned") == "not_permitted"
    # only the receiving counter receives, refuses, withdraws or changes the applicant
    for kind, status in (("received", 2), ("withdrawn", 7), ("supplement_requested", 5)):
        assert refused(q2, type=kind, after={"status": status}) == "not_owner"
    assert refused(q2, type="rescheduled", after=forged | {"status": 2}) == "not_owner"
    # a returned result before the department finished it, from any counter
    for dev in (q1, q2):
        assert refused(dev, type="result_returned", after={"status": 10}) == "bad_transition"
    # an event whose status is not the one its type leads to, and a second reception
    assert refused(q1, type="result_received", after={"status": 10}) == "bad_transition"
    assert refused(q1, type="received") == "bad_transition"
    assert _server_row(server, CODE) == before
    # the department finishes it: any counter of the agency may hand the result back, but
    # not rename the citizen while doing so
    assert server.admin("move", CODE, "--status", "9").returncode == 0
    renamed = forged | {"status": 10}
    assert refused(q2, type="result_returned", after=renamed) == "not_owner"
    ok = q2.event(
        did,
        code=CODE,
        type="result_returned",
        after={**q2.event(did, code=CODE)["after"], "status": 10},
    )
    assert q2.push(ok)[0]["outcome"] == "applied"
    row = _server_row(server, CODE)
    assert row["TrangThaiHoSo"] == "10" and row["ChuHoSo"] == before["ChuHoSo"]
    # never across agencies
    kg = Device(server, "Q01", agency="000.00.99.H01")
    assert refused(kg, type="attached") == "wrong_agency"


def test_an_event_that_moves_no_status_keeps_the_servers(server: ServerProcess) -> None:
    q1 = Device(server, "Q01")
    q1.lease(1)
    did = str(uuid.uuid4())
    assert q1.push(q1.event(did, code=CODE))[0]["outcome"] == "applied"
    ev = q1.event(did, code=CODE, type="rescheduled")
    ev["after"]["status"] = 10  # a new appointment is never made for a returned dossier
    (res,) = q1.push(ev)
    assert res["outcome"] == "rejected" and res["code"] == "bad_transition"
    # scans may be attached at any status, but attaching them sets none
    ev = q1.event(did, code=CODE, type="attached")
    ev["after"]["status"] = 10
    assert q1.push(ev)[0]["outcome"] == "applied"
    assert _server_row(server, CODE)["TrangThaiHoSo"] == "2"


def test_the_servers_status_machine_is_the_counters() -> None:
    mine = {
        t.value: ({s if s is None else int(s) for s in src}, None if to is None else int(to))
        for t, (src, to) in TRANSITIONS.items()
        if t.value not in SERVER_ONLY
    }
    assert {t: (set(src), to) for t, (src, to) in COUNTER_TRANSITIONS.items()} == mine
    assert {t.value for t in TRANSITIONS} >= SERVER_ONLY
    assert {t.value for t in ANY_COUNTER_EVENTS} == ANY_COUNTER_OF_THE_AGENCY


def test_a_counter_refuses_what_only_the_receiving_counter_may_do(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    """The counter says no before anything is written or printed, rather than queueing an event
    the server will refuse (a dead letter after a slip was handed over)."""
    import pytest
    from sqlalchemy import func, select

    from desktop.domain.reception import parse_form
    from desktop.store.dossiers.service import ActionError
    from desktop.store.models import OutboxRow

    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    q1.sync()
    code = q1.service.receive(parse_form(minimal_form()), OFFICER).code
    assert code is not None
    q1.sync()
    q2.sync()
    with q2.db.read() as s:
        queued = s.scalar(select(func.count()).select_from(OutboxRow))
    with pytest.raises(ActionError, match="do quầy Q01 tiếp nhận"):
        q2.service.withdraw(code, OFFICER, "Công dân rút")
    with pytest.raises(ActionError, match="do quầy Q01 tiếp nhận"):
        q2.service.request_supplement(code, OFFICER, "Thiếu bản sao")
    with q2.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxRow)) == queued
    # what any counter of the agency may do still works: the result comes back at Q02
    assert sqlite_server.admin("move", code, "--status", "9").returncode == 0
    q2.sync()
    q2.service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")
    report = q2.sync()
    assert report.pushed == 1 and report.rejected == 0


def test_reconciliation_notices_a_dossier_changed_behind_the_counters_back(
    server: ServerProcess, tmp_path: Path
) -> None:
    from desktop.domain.reception import parse_form

    q1 = make_counter(tmp_path, server.url, "Q01")
    q1.sync()
    code = q1.service.receive(parse_form(minimal_form()), OFFICER).code
    assert code is not None
    report = q1.sync()
    assert report.pushed == 1 and report.reconciled and not report.mismatched_days
    # the server's row diverges with its code intact (an old server that took a forgery, a
    # restored backup, a hand edit): the counter must notice, not stay silently different
    engine = sa.create_engine(server.db_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE dossiers SET applicant_name = :n, status = 10 WHERE code = :c"),
            {"n": "Kẻ Mạo Danh", "c": code},
        )
    engine.dispose()
    report = q1.sync()
    assert not report.reconciled
    assert report.mismatched_days and report.resent >= 1
