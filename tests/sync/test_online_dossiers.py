"""Online dossiers from the portal (issue 18, items 1–3) against the real reference server: the
portal submission reaches every counter of the agency with its files; two counters race for a
dossier, one of them offline, and it is checked exactly once; the server refuses an answer from
a counter without the claim; bad portal files change nothing."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.dossier import Status
from desktop.store.clock import local_now
from desktop.store.dossiers.attachments import BlobStore
from desktop.store.dossiers.online import OnlineDossiers, inbox
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import OutboxRow
from desktop.store.sync.claims import take_claim
from tests.sync.test_engine import _rows_equal_folds
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "demo-catalog.json"
AGENCY = "000.00.12.H01"
PDF = b"%PDF-1.4\n% giay to cong dan\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def portal_item(**over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "agency": AGENCY,
        "procedure": "1.001193",
        "applicant": {
            "name": "Trần Thị Mai",
            "id_number": "001190012345",
            "address": "Ấp Mỹ Hòa, xã Mỹ Hòa Hưng, An Giang",
            "phone": "0912345678",
        },
        "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1}],
        "submitted_at": (local_now() - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
    }
    item.update(over)
    return item


def submit(server: ServerProcess, tmp: Path, body: object) -> list[dict[str, Any]]:
    f = tmp / "portal.json"
    f.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    out = server.admin("portal", "submit", str(f))
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def publish_catalog(server: ServerProcess) -> None:
    out = server.admin("catalog", str(CATALOG))
    assert out.returncode == 0, out.stderr


def answering(c: SyncCounter) -> OnlineDossiers:
    def claim(dossier_id: str, code: str) -> None:
        take_claim(c.db, c.ctx, OFFICER.username, dossier_id, code)

    return OnlineDossiers(c.db, c.ctx, claim)


def offline(c: SyncCounter) -> SyncCounter:
    """The same counter with its server out of reach (nothing listens on port 9)."""
    ctx = dataclasses.replace(c.ctx, server_url="http://127.0.0.1:9")
    return dataclasses.replace(c, ctx=ctx)


def outbox(c: SyncCounter) -> int:
    with c.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def status(c: SyncCounter, code: str) -> int:
    with c.db.read() as s:
        return find_dossier(s, code).status


@pytest.fixture
def two_counters(server: ServerProcess, tmp_path: Path) -> tuple[SyncCounter, SyncCounter]:
    publish_catalog(server)
    q1 = make_counter(tmp_path, server.url, "Q01")
    q2 = make_counter(tmp_path, server.url, "Q02")
    return q1, q2


def test_a_portal_dossier_reaches_every_counter_with_its_files(
    server: ServerProcess, two_counters: tuple[SyncCounter, SyncCounter], tmp_path: Path
) -> None:
    q1, q2 = two_counters
    (tmp_path / "to-khai.pdf").write_bytes(PDF)
    docs = [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "file": "to-khai.pdf"}]
    (done,) = submit(server, tmp_path, portal_item(documents=docs))
    # the server gave the next number of the agency's day, in An Giang's format (QĐ 66 Điều 7.3)
    assert done["code"].startswith(AGENCY) and len(done["code"]) == 22
    for c in (q1, q2):
        report = c.sync()
        assert report.downloaded == 1
        with c.db.read() as s:
            row = find_dossier(s, done["code"])
            assert (row.status, row.channel, row.counter) == (1, 2, "")
            assert row.submitted_at is not None and row.checked_at is None
            (att,) = row.attachments
            assert att.mime == "application/pdf" and att.uploaded_at is not None
            assert BlobStore(c.ctx.attachments_dir).read(att.sha256) == PDF
            (item,) = inbox(s, c.ctx, local_now())
            assert item.code == done["code"] and item.files == 1 and item.taken_by is None
        assert outbox(c) == 0  # nothing to send back: the server has it all
        _rows_equal_folds(c)


def test_two_counters_race_and_the_dossier_is_checked_once(
    server: ServerProcess, two_counters: tuple[SyncCounter, SyncCounter], tmp_path: Path
) -> None:
    q1, q2 = two_counters
    first, second = (d["code"] for d in submit(server, tmp_path, [portal_item(), portal_item()]))
    q1.sync()
    q2.sync()
    # Q02 is offline and never took the first dossier: it may not check it, and nothing changes
    with pytest.raises(ActionError) as refused:
        answering(offline(q2)).accept(first, OFFICER)
    assert refused.value.code == "claim_offline"
    assert (outbox(q2), status(q2, first)) == (0, 1)
    # Q01 takes the claim and accepts it: the official reception keeps the portal's code
    receipt = answering(q1).accept(first, OFFICER)
    assert receipt.code == first and receipt.status is Status.DUOC_TIEP_NHAN
    # Q02, back online before Q01 synced, is told where the dossier is being checked
    with pytest.raises(ActionError) as refused:
        answering(q2).reject(first, OFFICER, "Hồ sơ không đúng thẩm quyền")
    assert refused.value.code == "claimed_elsewhere" and "Q01" in str(refused.value)
    assert (outbox(q2), status(q2, first)) == (0, 1)
    # the feed shows every counter who holds it
    q2.sync()
    with q2.db.read() as s:
        shown = {i.code: i.taken_by for i in inbox(s, q2.ctx, local_now())}
    assert shown[first] == "Q01"
    q1.sync()
    q2.sync()
    with q2.db.read() as s:
        row = find_dossier(s, first)
        assert (row.status, row.counter) == (2, "Q01") and row.received_at is not None
        assert row.officer == OFFICER.username  # who received it, not the portal
    # Q02 takes the second dossier, then loses the network: it still answers what it holds
    with q2.db.read() as s:
        row = find_dossier(s, second)
        did = row.id
    take_claim(q2.db, q2.ctx, OFFICER.username, did, second)
    asked = answering(offline(q2)).request_supplement(
        second, OFFICER, "Thiếu bản sao giấy chứng sinh", ["Giấy chứng sinh"]
    )
    assert asked.status is Status.YEU_CAU_BO_SUNG
    # meanwhile Q01 may not take it
    with pytest.raises(ActionError) as refused:
        answering(q1).accept(second, OFFICER)
    assert refused.value.code == "claimed_elsewhere" and "Q02" in str(refused.value)
    # Q02's answer reaches the server when it is back, and every counter sees it
    assert q2.sync().rejected == 0
    q1.sync()
    with q1.db.read() as s:
        row = find_dossier(s, second)
        assert (row.status, row.counter, row.received_at) == (5, "Q02", None)
        assert row.checked_at is not None
    for c in (q1, q2):
        with c.db.read() as s:
            assert inbox(s, c.ctx, local_now()) == []
        _rows_equal_folds(c)


def test_the_server_refuses_an_answer_from_a_counter_without_the_claim(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    publish_catalog(sqlite_server)
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    (done,) = submit(sqlite_server, tmp_path, [portal_item()])
    q1.sync()
    q2.sync()
    # a hostile (or buggy) counter writes the claim into its own database and answers
    with q2.db.write() as s:
        find_dossier(s, done["code"]).claim_counter = "Q02"
    answering(q2).accept(done["code"], OFFICER)
    report = q2.sync()
    assert (report.pushed, report.rejected) == (0, 1)
    q1.sync()
    assert status(q1, done["code"]) == 1  # still waiting for a real check
    # and the rightful answer goes through
    answering(q1).reject(done["code"], OFFICER, "Giấy tờ kèm theo không đọc được")
    assert q1.sync().rejected == 0
    assert status(q1, done["code"]) == 3


BAD_PORTAL_ITEMS = [
    ({"applicant": {"name": "Trần Mai", "address": "Mỹ Hòa Hưng"}}, "applicant.id_number"),
    ({"submitted_at": "2099-01-01T08:00"}, "submitted_at"),
    ({"procedure": "9.999999"}, "procedure"),
    ({"agency": "000.00.99.H99"}, "agency"),
    ({"documents": [{"name": "Tờ khai", "file": "khong-co.pdf"}]}, "documents.0.file"),
    ({"documents": [{"name": "Tờ khai", "file": "portal.json"}]}, "documents.0.file"),
    ({"code": "MA CO DAU CACH"}, "code"),
    ({"extra": 1}, "extra"),
]


def test_a_bad_portal_file_names_the_field_and_writes_nothing(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    publish_catalog(sqlite_server)
    make_counter(tmp_path, sqlite_server.url, "Q01")
    f = tmp_path / "portal.json"
    for change, field in BAD_PORTAL_ITEMS:  # one server for all: each refusal writes nothing
        f.write_text(json.dumps([portal_item(), portal_item(**change)]), encoding="utf-8")
        out = sqlite_server.admin("portal", "submit", str(f))
        assert out.returncode == 1 and out.stdout == "", (field, out.stdout)
        assert out.stderr.startswith("Lỗi: hồ sơ thứ 2") and field in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
        report = sqlite_server.admin("report", "--json")
        assert json.loads(report.stdout)["dossiers"] == 0, (field, report.stdout)


def test_a_portal_code_is_kept_and_never_given_twice(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    publish_catalog(sqlite_server)
    make_counter(tmp_path, sqlite_server.url, "Q01")
    (done,) = submit(sqlite_server, tmp_path, portal_item(code="G22.99-261203-0001"))
    assert done["code"] == "G22.99-261203-0001"
    f = tmp_path / "again.json"
    f.write_text(json.dumps(portal_item(code="G22.99-261203-0001")), encoding="utf-8")
    out = sqlite_server.admin("portal", "submit", str(f))
    assert out.returncode == 1 and "trường code" in out.stderr


def test_a_claim_can_be_given_back_and_taken_elsewhere(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    from desktop.store.sync.claims import release_claim

    publish_catalog(sqlite_server)
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    (done,) = submit(sqlite_server, tmp_path, [portal_item()])
    q1.sync()
    q2.sync()
    with q1.db.read() as s:
        did = find_dossier(s, done["code"]).id
    take_claim(q1.db, q1.ctx, OFFICER.username, did, done["code"])
    release_claim(q1.db, q1.ctx, OFFICER.username, did, done["code"])
    assert answering(q2).accept(done["code"], OFFICER).status is Status.DUOC_TIEP_NHAN
    assert q2.sync().rejected == 0


def test_the_provinces_it_frees_a_claim_a_dead_counter_held(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    publish_catalog(sqlite_server)
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    (done,) = submit(sqlite_server, tmp_path, [portal_item()])
    q1.sync()
    q2.sync()
    with q1.db.read() as s:
        did = find_dossier(s, done["code"]).id
    take_claim(q1.db, q1.ctx, OFFICER.username, did, done["code"])  # then Q01's disk dies
    out = sqlite_server.admin("online", "release", done["code"])
    assert out.returncode == 0, out.stderr
    assert answering(q2).accept(done["code"], OFFICER).code == done["code"]
    assert q2.sync().rejected == 0


def test_a_hand_over_travels_to_every_counter(sqlite_server: ServerProcess, tmp_path: Path) -> None:
    from desktop.domain.reception import parse_form
    from desktop.store.dossiers.handover import Handovers
    from tests.conftest import minimal_form

    publish_catalog(sqlite_server)
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    code = q1.service.receive(parse_form(minimal_form()), OFFICER).code
    assert code is not None
    q1.sync()
    q2.sync()
    # the day's hand-over record is made at one counter for the dossiers of all of them
    done = Handovers(q2.db, q2.ctx).create([code], "UBND cấp xã", OFFICER)
    assert q2.sync().rejected == 0
    q1.sync()
    with q1.db.read() as s:
        row = find_dossier(s, code)
        assert (row.handover_unit, row.handover_id) == ("UBND cấp xã", done.id)
        assert row.handed_over_at == done.at and row.status == 2
    _rows_equal_folds(q1)


def test_another_agencys_counter_can_neither_claim_nor_download(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    import uuid

    from desktop.store.sync.local import DeviceCredentials
    from sync.client import Refused, ServerClient
    from sync.protocol import ClaimRequest

    publish_catalog(sqlite_server)
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    other = make_counter(tmp_path / "b", sqlite_server.url, "Q01", agency="000.00.13.H01")
    (tmp_path / "to-khai.pdf").write_bytes(PDF)
    docs = [{"name": "Tờ khai", "originals": 1, "file": "to-khai.pdf"}]
    (done,) = submit(sqlite_server, tmp_path, portal_item(documents=docs))
    q1.sync()
    assert other.sync().downloaded == 0  # its feed never named the file
    with q1.db.read() as s:
        sha = find_dossier(s, done["code"]).attachments[0].sha256
    client = ServerClient(sqlite_server.url, DeviceCredentials(other.db, other.ctx))
    try:
        for ask in (
            lambda: client.claim(
                ClaimRequest(dossier_id=uuid.UUID(done["id"]), officer="tiepnhan")
            ),
            lambda: client.blob_get(sha, 0),
            # an unknown dossier is answered the same way
            lambda: client.claim(ClaimRequest(dossier_id=uuid.uuid4(), officer="tiepnhan")),
            lambda: client.blob_get("0" * 64, 0),
        ):
            with pytest.raises(Refused) as refused:
                ask()
            assert refused.value.status == 404
    finally:
        client.close()
