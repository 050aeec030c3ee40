"""The national-portal export (issue 21 item 4): real dossiers, made at counters that sync with a
real server, come out of ``motcua-server export`` in the DongBoHoSoMC shape VietOpenCPS
opencps-v2 sends (tests/schemas/dongbo_hoso_mc.schema.json, written from its
DVCQGIntegrationActionImpl.java): every record validates, and each case says what the portal
needs to know — the result by post or at the counter, an organisation's dossier, fees and how
they were paid, a supplement asked for and taken, a new appointment that keeps the original, a
refusal, an online dossier still waiting (status 1), returned results with their files."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from desktop.domain.fees import Method
from desktop.domain.limits import Limit
from desktop.domain.reception import parse_form
from desktop.store.clock import local_now
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.handover import Handovers
from desktop.store.dossiers.payments import Payments
from desktop.store.dossiers.post import PostDelivery
from desktop.store.dossiers.service import find_dossier
from resources import CATALOG
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

from .test_server_api import Device

# the day of dossiers is built once, on one worker (pyproject.toml: --dist loadgroup)
pytestmark = pytest.mark.xdist_group("portal_export")

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "schemas" / "dongbo_hoso_mc.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
AGENCY = "000.00.12.H01"
TRACKING = "EB123456785VN"
FILES_URL = "https://motcua.angiang.gov.vn"
CERTIFICATE = "1.004873"  # Giấy xác nhận tình trạng hôn nhân: lệ phí 5.000 đ, result by post
HOUSEHOLD_BUSINESS = "1.001612"  # Đăng ký thành lập hộ kinh doanh: lệ phí 100.000 đ
ADDRESS = "Số 1 Lê Lợi, Long Xuyên"
FORM = "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)"  # the catalog's first paper


def _stamp(v: datetime | None) -> str:
    return v.strftime("%Y%m%d%H%M%S") if v else ""


def _png(tag: bytes) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + hashlib.sha256(tag).digest() * 8


def _receive(c: SyncCounter, procedure: str, **over: Any) -> str:
    code = c.service.receive(
        parse_form({**minimal_form(), "procedure": procedure, **over}), OFFICER
    )
    assert code.code is not None
    return code.code


def _due(c: SyncCounter, code: str) -> datetime:
    with c.db.read() as s:
        due = find_dossier(s, code).due_at
    assert due is not None
    return due


def _errors(doc: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(doc)
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the module: the dossiers are built once and only read by the tests."""
    root = tmp_path_factory.mktemp("portal-export")
    srv = ServerProcess(f"sqlite:///{root / 'server.db'}", root / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def exported(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two counters' day (and one online dossier from the portal) exported from the server: the
    records by a name for each case, and the whole document under ``doc``."""
    sqlite_server = server
    tmp_path = tmp_path_factory.mktemp("counters")
    out = sqlite_server.admin("catalog", str(CATALOG / "demo-catalog.json"))
    assert out.returncode == 0, out.stderr
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    cases: dict[str, str] = {}
    due: dict[str, datetime] = {}

    # at the counter: paid in cash, handed to its unit, the result back and collected
    code = cases["counter"] = _receive(q1, CERTIFICATE)
    Payments(q1.db, q1.ctx).pay(code, OFFICER, Method.CASH)
    attach(q1.db, q1.ctx, code, OFFICER, FORM, "to-khai.png", _png(b"form"))
    Handovers(q1.db, q1.ctx).create([code], "UBND cấp xã", OFFICER)
    q1.service.result_ready(code, OFFICER)
    attach(q1.db, q1.ctx, code, OFFICER, "Giấy xác nhận", "ket-qua.png", _png(b"result"))
    q1.sync()
    q2.sync()
    q2.service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")  # at Q02

    # by post: sent and delivered
    post = {"method": "post", "address": ADDRESS}
    code = cases["post"] = _receive(q1, CERTIFICATE, result_delivery=post)
    q1.service.result_ready(code, OFFICER)
    PostDelivery(q1.db, q1.ctx).send(code, OFFICER, TRACKING)
    PostDelivery(q1.db, q1.ctx).delivered(code, OFFICER)

    # an organisation, paid by card, asked for papers while processed, then a new appointment
    household = {
        "organisation": {"name": "Hộ kinh doanh Tạp hóa Bình An", "tax_code": "0312345678"},
    }
    code = cases["organisation"] = _receive(
        q1,
        HOUSEHOLD_BUSINESS,
        applicant={**minimal_form()["applicant"], **household},  # type: ignore[dict-item]
        note="Nộp thay cho hộ kinh doanh",
    )
    Payments(q1.db, q1.ctx).pay(code, OFFICER, Method.CARD, reference="POS-000123")
    due["original"] = _due(q1, code)
    q1.service.request_supplement(
        code, OFFICER, "Thiếu hợp đồng thuê địa điểm", missing=["Hợp đồng thuê địa điểm"]
    )
    q1.service.receive_supplement(code, OFFICER)
    due["after_supplement"] = _due(q1, code)
    q1.service.reschedule(
        code, OFFICER, "Cần xác minh địa điểm kinh doanh", extra=Limit.parse("2d")
    )
    due["rescheduled"] = _due(q1, code)

    # refused at intake (Mẫu 03): no code ever
    refused = q1.service.refuse(
        parse_form({**minimal_form(), "procedure": CERTIFICATE}),
        OFFICER,
        "Không thuộc thẩm quyền giải quyết",
        supplement=False,
    )
    cases["refused"] = refused.id
    assert q1.sync().rejected == 0 and q2.sync().rejected == 0

    # online, still waiting for a counter's check (status 1)
    submitted = local_now().replace(second=0, microsecond=0) - timedelta(hours=1)
    online = {
        "agency": AGENCY,
        "procedure": CERTIFICATE,
        "applicant": minimal_form(name="Trần Thị Bình", id_number="089185001235")["applicant"],
        "documents": [{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "originals": 1}],
        "submitted_at": submitted.isoformat(timespec="minutes"),
        "code": "G22.99-261120-0001",
    }
    (tmp_path / "online.json").write_text(json.dumps(online, ensure_ascii=False), "utf-8")
    out = sqlite_server.admin("portal", "submit", str(tmp_path / "online.json"))
    assert out.returncode == 0, out.stderr
    cases["online"] = online["code"]

    out = sqlite_server.admin("export", "--files-url", FILES_URL)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    by_code = {r["MaHoSo"]: r for r in doc["data"]}
    records = {name: by_code[code] for name, code in cases.items()}
    return {"doc": doc, "due": due, **records}


def test_every_record_validates_against_the_portal_schema(exported: dict[str, Any]) -> None:
    doc = exported["doc"]
    assert len(doc["data"]) == 5
    assert _errors(doc) == []
    assert doc["service"] == "DongBoHoSoMC" and doc["isUpdating"] == "False"


def test_the_fields_say_what_happened(exported: dict[str, Any]) -> None:
    counter, post, org = exported["counter"], exported["post"], exported["organisation"]
    refused, online, due = exported["refused"], exported["online"], exported["due"]
    # result delivery (opencps-v2: by post → "1", at the counter → "0")
    assert (counter["HinhThuc"], post["HinhThuc"]) == ("0", "1")
    assert post["ThongTinTra"].endswith(TRACKING) and post["TrangThaiHoSo"] == "10"
    # the procedure's field of work from the catalog, the unit by name
    assert (counter["MaLinhVuc"], counter["TenLinhVuc"]) == ("BTP.HT", "Hộ tịch")
    assert (org["MaLinhVuc"], org["TenLinhVuc"]) == (
        "BTC.HKD",
        "Thành lập và hoạt động của hộ kinh doanh",
    )
    assert counter["DonViXuLy"] == "UBND cấp xã" and AGENCY not in org["DonViXuLy"]
    # a citizen and an organisation
    assert (counter["LoaiDoiTuong"], counter["ChuHoSo"]) == ("1", "Nguyễn Văn An")
    assert (org["LoaiDoiTuong"], org["ChuHoSo"]) == ("2", "Hộ kinh doanh Tạp hóa Bình An")
    assert org["ThongTinKhac"] == "Người nộp: Nguyễn Văn An (089085001234)"
    assert org["GhiChu"] == "Nộp thay cho hộ kinh doanh"
    assert org["TrichYeuHoSo"].startswith("Đăng ký thành lập hộ kinh doanh")
    # fees with their amount and how they were paid
    assert counter["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân",
            "MaPhiLePhi": "",
            "HinhThucThu": "Tiền mặt",
            "Gia": "5000",
            "LoaiPhiLePhi": "Lệ phí",
        }
    ]
    assert [(f["Gia"], f["HinhThucThu"]) for f in org["DanhSachLePhi"]] == [("100000", "Thẻ")]
    assert post["DanhSachLePhi"][0]["HinhThucThu"] == "Chưa thu"
    # the papers filed, a scan linked; the result's file
    scan, identity = counter["TaiLieuNop"]  # the scan is linked to the paper it shows
    assert (scan["TenTepDinhKem"], len(scan["TepDinhKemId"])) == (FORM, 64)
    assert scan["DuongDanTaiTepTin"] == f"{FILES_URL}/api/v1/blobs/{scan['TepDinhKemId']}/content"
    assert identity["TenTepDinhKem"].startswith("Giấy tờ tùy thân")
    assert (identity["TepDinhKemId"], identity["DuongDanTaiTepTin"]) == ("", "")
    assert all(d["IsDeleted"] == "False" for d in counter["TaiLieuNop"])
    assert [d["TenTepDinhKem"] for d in online["TaiLieuNop"]] == [
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"
    ]
    (result,) = counter["DanhSachGiayToKetQua"]
    assert result["TenGiayTo"] == "Giấy xác nhận"
    assert result["DuongDanTepTinKetQua"].startswith(f"{FILES_URL}/api/v1/blobs/")
    assert counter["TrangThaiHoSo"] == "10" and counter["NgayTra"] and counter["NgayKetThucXuLy"]
    # the supplement, then the new appointment: the original appointment is kept
    asked, moved = org["DanhSachHoSoBoSung"]
    assert asked["NoiDungBoSung"] == "Thiếu hợp đồng thuê địa điểm"
    assert asked["DanhSachGiayToBoSung"][0]["TenGiayTo"] == "Hợp đồng thuê địa điểm"
    assert asked["TrangThaiBoSung"] == "1" and asked["NgayTiepNhanBoSung"]
    assert asked["NgayHenTraTruoc"] == _stamp(due["original"])
    assert asked["NgayHenTraMoi"] == _stamp(due["after_supplement"])
    assert moved["NgayHenTraTruoc"] == _stamp(due["after_supplement"])
    assert moved["NgayHenTraMoi"] == org["NgayHenTra"] == _stamp(due["rescheduled"])
    assert moved["NoiDungBoSung"].endswith("Cần xác minh địa điểm kinh doanh")
    # refused at intake: status 3, never received, the reason said
    assert (refused["TrangThaiHoSo"], refused["NgayTiepNhan"]) == ("3", "")
    assert refused["GhiChu"] == "Lý do không tiếp nhận: Không thuộc thẩm quyền giải quyết"
    assert refused["DanhSachLePhi"][0]["HinhThucThu"] == "Không thu"
    # online and waiting: status 1, channel 2
    assert (online["TrangThaiHoSo"], online["KenhThucHien"], online["NgayTiepNhan"]) == (
        "1",
        "2",
        "",
    )


def test_a_day_range_keeps_the_dossiers_never_received(
    exported: dict[str, Any], server: ServerProcess
) -> None:
    today = local_now().date().isoformat()
    out = server.admin("export", "--from", today, "--to", today)
    codes = {r["MaHoSo"] for r in json.loads(out.stdout)["data"]}
    assert exported["refused"]["MaHoSo"] in codes and exported["online"]["MaHoSo"] in codes


WRONG: list[tuple[str, Any]] = [
    ("HinhThuc", 1),  # a number, not the text "1"
    ("HinhThuc", "2"),
    ("TrangThaiHoSo", 10),
    ("LoaiDoiTuong", "0"),
    ("NgayHenTra", "2026-11-20T09:00:00"),  # not yyyyMMddHHmmss
    ("NgayTiepNhan", "20261332090000"),
    ("MaLinhVuc", ""),
    ("DonViXuLy", AGENCY),  # a code, not the unit's name
    ("DanhSachLePhi", [{"TenPhiLePhi": "Lệ phí", "Gia": 5000}]),
    ("TaiLieuNop", [{"TenTepDinhKem": "Tờ khai", "IsDeleted": False}]),
]


@pytest.mark.parametrize(("field", "value"), WRONG)
def test_the_schema_catches_a_wrong_field(exported: dict[str, Any], field: str, value: Any) -> None:
    doc = copy.deepcopy(exported["doc"])
    record = next(r for r in doc["data"] if r["MaHoSo"] == exported["counter"]["MaHoSo"])
    record[field] = value
    assert _errors(doc), (field, value)
    del record[field]
    assert _errors(doc), f"{field} missing"


def test_the_schema_catches_a_lost_original_appointment(exported: dict[str, Any]) -> None:
    doc = copy.deepcopy(exported["doc"])
    record = next(r for r in doc["data"] if r["MaHoSo"] == exported["organisation"]["MaHoSo"])
    record["DanhSachHoSoBoSung"][1]["NgayHenTraTruoc"] = None
    assert _errors(doc)
    doc["isUpdating"] = False
    assert len(_errors(doc)) == 2


def test_odd_payloads_still_export_in_shape(sqlite_server: ServerProcess) -> None:
    """A row stored from an older or broken counter, with payload fields of the wrong type, is
    exported with what can be read, still in the portal's shape (no catalog published either)."""
    dev = Device(sqlite_server, "Q01")
    dev.lease(1)
    did, code = str(uuid.uuid4()), f"{AGENCY}201126001"
    odd = {
        "applicant": {"organisation": "không phải đối tượng", "representative": ["x"]},
        "documents": "Tờ khai",
        "fees": [{"name": 5, "amount": "1000"}, {"name": "Phí", "amount": -5, "quantity": True}],
        "result_delivery": ["post"],
        "note": 7,
    }
    assert dev.push(dev.event(did, code=code, payload=odd))[0]["outcome"] == "applied"
    later = [
        dev.event(did, code=code, type="attached", payload={"sha256": 5, "document": None}),
        dev.event(did, code=code, type="rescheduled", payload={"previous_due_at": "hôm qua"}),
    ]
    assert [r["outcome"] for r in dev.push(*later)] == ["applied"] * 2
    out = sqlite_server.admin("export")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    (record,) = doc["data"]
    # without a catalog the field of work and the unit's name are unknown (the agency's code
    # stands in): the only things the schema refuses, so the province sees what to publish
    assert {e.split(":")[0] for e in _errors(doc)} == {
        "data/0/MaLinhVuc",
        "data/0/TenLinhVuc",
        "data/0/DonViXuLy",
    }
    assert record["DonViXuLy"] == AGENCY
    assert record["LoaiDoiTuong"] == "1" and record["HinhThuc"] == "0"
    assert record["DanhSachLePhi"][0]["Gia"] == "0"
