"""The counter's sync engine against the real reference server: dossiers, keys and department
progress travel between counters; counter changes are never overwritten by older news; rejected
events become dead letters and the queue moves on; a lost token is renewed with the device key;
what the server lost is sent again after reconciliation; a day offline catches up on its own."""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.dossier import Event, EventType, Status, fold
from desktop.domain.leases import BlockKind
from desktop.domain.qr_token import verify
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.codes import add_block
from desktop.store.dossiers.lookup import lookup
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import CodeBlockRow, Dossier, OutboxRow, SyncConflict
from desktop.store.printing.form_data import qr_text
from desktop.store.sync.device_keys import trusted_keys
from desktop.store.sync.journal import state_of
from desktop.store.sync.local import CounterStore, DeviceCredentials, read_status
from sync.connectivity import Cause, Unreachable
from sync.engine import SyncReport
from tests.conftest import minimal_form
from tests.faultproxy import FaultProxy, FaultRates
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter


def _receive(c: SyncCounter, **applicant: str) -> str:
    from desktop.domain.reception import parse_form

    receipt = c.service.receive(parse_form(minimal_form(**applicant)), OFFICER)
    assert receipt.code is not None
    return receipt.code


_GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Phúc", "Sơn"]


def _name(i: int) -> str:
    return f"Nguyễn {_GIVEN[i // 10 % 10]} {_GIVEN[i % 10]}"


def _report(server: ServerProcess) -> dict[str, object]:
    out = server.admin("report", "--json")
    assert out.returncode == 0, out.stderr
    report: dict[str, object] = json.loads(out.stdout)
    return report


def _rows_equal_folds(c: SyncCounter) -> None:
    with c.db.read() as s:
        for row in s.scalars(select(Dossier)):
            events = [
                Event(
                    e.id,
                    e.dossier_id,
                    EventType(e.type),
                    e.payload,
                    e.occurred_at,
                    e.officer,
                    e.counter,
                    e.seq,
                )
                for e in row.events
            ]
            assert fold(events) == state_of(row), row.code


def _pending(c: SyncCounter) -> int:
    return CounterStore(c.db, c.ctx).pending_count()


def test_two_counters_share_dossiers_keys_and_progress(
    server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, server.url, "Q01")
    q2 = make_counter(tmp_path, server.url, "Q02")
    q1.sync()  # leases for today and the next working days
    with q1.db.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(CodeBlockRow).where(CodeBlockRow.kind == "lease")
            )
            >= 3
        )
    code = _receive(q1)
    assert code.endswith("001"), "the first leased number, not the emergency range"
    with q1.db.read() as s:
        payload = qr_text(s, q1.ctx, code)
    report = q1.sync()
    assert report.pushed == 1 and report.reconciled
    # Q02 learns the dossier and Q01's public key: it can check the citizen's receipt offline
    q2.sync()
    with q2.db.read() as s:
        assert [d.code for d in lookup(s, code)] == [code]
        assert verify(payload, trusted_keys(s)).code == code
    # the department finishes it; the citizen collects the result at Q02
    assert server.admin("move", code, "--status", "4").returncode == 0
    assert server.admin("move", code, "--status", "9").returncode == 0
    q2.sync()
    q2.service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")
    q2.sync()
    q1.sync()
    with q1.db.read() as s:
        row = find_dossier(s, code)
        assert row.status == Status.DA_TRA_KET_QUA
        assert [e.type for e in row.events] == [
            "received",
            "department_progress",
            "department_progress",
            "result_returned",
        ]
        assert [e.origin for e in row.events] == ["counter", "server", "server", "remote"]
    for c in (q1, q2):
        _rows_equal_folds(c)
        assert _pending(c) == 0
    r = _report(server)
    assert r["dossiers"] == 1 and r["counter_events"] == 2 and r["server_events"] == 2


def test_department_news_waits_for_the_counters_unsent_changes(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    code = _receive(q1)
    q1.sync()
    assert sqlite_server.admin("move", code, "--status", "4").returncode == 0
    # meanwhile the result reached the counter, which has not told the server yet
    q1.service.result_ready(code, OFFICER)
    engine, client = q1.engine()
    with client:
        report = SyncReport()
        engine._pull(report)  # the feed arrives before the push (as after a crash mid-cycle)
    assert report.parked == 1
    with q1.db.read() as s:
        assert find_dossier(s, code).status == Status.DA_XU_LY_XONG
    q1.sync()  # the push goes first; the parked news is then older than what the counter did
    with q1.db.read() as s:
        assert find_dossier(s, code).status == Status.DA_XU_LY_XONG
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 1
    out = json.loads(sqlite_server.admin("export").stdout)
    assert out["data"][0]["TrangThaiHoSo"] == "9"
    _rows_equal_folds(q1)


def test_a_refused_event_becomes_a_dead_letter_and_the_queue_moves_on(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    q1.sync()
    first = _receive(q1)
    q1.sync()
    # Q02's database wrongly holds Q01's first number (say, a restored backup of another counter)
    with q2.db.write() as s:
        for row in s.scalars(select(CodeBlockRow)):
            s.delete(row)
        add_block(s, q2.ctx, q1.service.clock().date(), 1, 1, BlockKind.LEASE)
    clash = _receive(q2)
    assert clash == first
    fine = _receive(q2)  # from Q02's own emergency range: the server takes it
    report = q2.sync()
    assert report.rejected == 1 and report.pushed == 1
    status = read_status(q2.db, q2.ctx)
    assert status.dead == 1 and status.pending == 0
    with q2.db.read() as s:
        (dead,) = s.scalars(select(OutboxRow).where(OutboxRow.dead))
        assert dead.last_error is not None and dead.last_error.startswith("code_conflict")
    assert {d["MaHoSo"] for d in json.loads(sqlite_server.admin("export").stdout)["data"]} == {
        first,
        fine,
    }


def test_a_lost_or_stale_token_is_renewed_with_the_device_key(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    creds = DeviceCredentials(q1.db, q1.ctx)
    creds.store("x" * 43, datetime.fromisoformat("2099-01-01T00:00:00+00:00"))
    _receive(q1)
    assert q1.sync().pushed == 1
    assert creds.token() not in (None, "x" * 43)


def test_what_the_server_lost_is_sent_again(sqlite_server: ServerProcess, tmp_path: Path) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    codes = [_receive(q1) for _ in range(3)]
    q1.sync()
    # the province restores yesterday's backup: one dossier and its events are gone
    db = sqlite3.connect(sqlite_server.db_url.removeprefix("sqlite:///"))
    with db:
        (did,) = db.execute("select id from dossiers where code = ?", (codes[1],)).fetchone()
        db.execute("delete from events where dossier_id = ?", (did,))
        db.execute("delete from dossiers where id = ?", (did,))
    db.close()
    report = q1.sync()
    assert report.mismatched_days and report.resent == 3 and report.reconciled
    assert report.pushed == 1 and report.duplicates == 2
    assert {d["MaHoSo"] for d in json.loads(sqlite_server.admin("export").stdout)["data"]} == set(
        codes
    )


def test_a_day_offline_catches_up_by_itself_while_the_counter_works(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q1.sync()
    sqlite_server.stop()
    codes = [_receive(q1, name=_name(i)) for i in range(40)]
    with pytest.raises(Unreachable) as info:
        q1.sync()
    assert info.value.cause is Cause.TCP
    # leases (10 a day here), then the emergency range, then provisional codes
    kinds = [c.startswith("TAM-") for c in codes]
    assert kinds[:30] == [False] * 30 and all(kinds[30:])
    sqlite_server.start()
    engine, client = q1.engine()
    stop = threading.Event()
    done: list[SyncReport] = []
    worker = threading.Thread(
        target=engine.run_forever,
        args=(stop,),
        kwargs={"interval": 0.2, "on_cycle": lambda r, _e: r and done.append(r)},
    )
    worker.start()
    more = [_receive(q1, name=_name(i + 40)) for i in range(10)]  # while it syncs
    try:
        for _ in range(300):
            if done and _pending(q1) == 0 and done[-1].reconciled and len(done) >= 2:
                with q1.db.read() as s:
                    if not any(r.provisional for r in s.scalars(select(Dossier))):
                        break
            stop.wait(0.1)
    finally:
        stop.set()
        worker.join(timeout=30)
        client.close()
    assert _pending(q1) == 0
    r = _report(sqlite_server)
    assert r["dossiers"] == 50 and r["duplicate_codes"] == [] and r["provisional_without_code"] == 0
    with q1.db.read() as s:
        for provisional in [c for c in codes + more if c.startswith("TAM-")]:
            (row,) = lookup(s, provisional)  # the receipt's old code still finds it
            assert row.code and not row.code.startswith("TAM-") and not row.provisional
    _rows_equal_folds(q1)


def test_attachments_arrive_byte_identical_through_a_bad_network(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    code = _receive(q1)
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(3 * 1024 * 1024)
    attach(q1.db, q1.ctx, code, OFFICER, "Bản sao giấy khai sinh", "ks.pdf", pdf)
    rates = FaultRates.only(reset_before_response=0.15, reset_mid_response=0.1, http_503=0.1)
    with FaultProxy(sqlite_server.port, seed=3, mode="chaos", faults=rates) as proxy:
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        for _ in range(60):
            try:
                q1.sync(proxy_url)
                break
            except Unreachable:
                continue
        else:
            pytest.fail("never synced through the proxy")
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    assert (sqlite_server.blobs / sha[:2] / sha).read_bytes() == pdf
    assert _pending(q1) == 0
    r = _report(sqlite_server)
    assert r["counter_events"] == 2 and r["blobs"] == 1


def test_calendar_catalog_and_officers_come_down_the_feed(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    from desktop.store.models import CalendarException, Officer, ProcedureRow
    from desktop.store.resources import load_catalog

    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    catalog = load_catalog().model_dump(mode="json")
    catalog["version"] = "2026.11-tinh"
    catalog["procedures"][0]["name"] = "Thủ tục đã được tỉnh cập nhật tên mới"
    (tmp_path / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")
    broken = {"version": "hong", "procedures": [{"code": "x"}]}
    (tmp_path / "broken.json").write_text(json.dumps(broken), "utf-8")
    for args in (
        ("calendar", "2026-12-31", "--day-off", "--note", "Quyết định nghỉ bù của UBND tỉnh"),
        ("catalog", str(tmp_path / "catalog.json")),
        ("catalog", str(tmp_path / "broken.json")),
        ("officer", "add", "canbo.hoa", "--name", "Lê Thị Hoa", "--roles", "returns"),
    ):
        out = sqlite_server.admin(*args, env={"MOTCUA_NEW_PASSWORD": "Hoa2026abc"})
        assert out.returncode == 0, out.stderr
    report = q1.sync()
    assert report.conflicts == 1  # the broken catalog is reported, not imported
    with q1.db.read() as s:
        day = s.get(CalendarException, datetime(2026, 12, 31).date())
        assert day is not None and not day.working
        first = s.get(ProcedureRow, catalog["procedures"][0]["code"])
        assert first is not None and first.name == "Thủ tục đã được tỉnh cập nhật tên mới"
        assert first.catalog_version == "2026.11-tinh"
        hoa = s.scalar(select(Officer).where(Officer.username == "canbo.hoa"))
        assert hoa is not None and hoa.full_name == "Lê Thị Hoa" and hoa.roles == "returns"
        (problem,) = s.scalars(select(SyncConflict))
        assert problem.kind == "catalog"
    q1.reload()
    assert not q1.ctx.calendar.is_working_day(datetime(2026, 12, 31).date())
    assert sqlite_server.admin("officer", "disable", "canbo.hoa").returncode == 0
    q1.sync()
    with q1.db.read() as s:
        hoa = s.scalar(select(Officer).where(Officer.username == "canbo.hoa"))
        assert hoa is not None and not hoa.active
