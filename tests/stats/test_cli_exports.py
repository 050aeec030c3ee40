"""``motcua stats`` and ``motcua print register`` for real, in subprocesses: the JSON keys scripts
rely on, the Vietnamese table, refusals on one line, and the files — CSV with a byte-order mark,
XLSX read back with openpyxl, PDF read back with pdftotext."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.stats.metrics import BUCKET_METRICS, COUNT_METRICS
from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService
from tests.clitools import Cli
from tests.conftest import copy_data_dir, init_cli
from tests.stats.history import History, september


class _Existing:
    """The counter the ``cli`` fixture initialised, opened in-process to write a history."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db = Database.open(data_dir)
        self.ctx = load_context(self.db, data_dir)
        self.now: datetime | None = None
        self.service = DossierService(self.db, self.ctx, self.clock)

    def clock(self) -> datetime:
        return self.now or local_now()


@pytest.fixture(scope="module")
def _september_snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, History]:
    """The ``cli`` fixture's counter with September's history, written once for the module;
    the tests only read it, each from its own copy."""
    data_dir = tmp_path_factory.mktemp("september") / "data"
    c = _Existing(init_cli(data_dir).data_dir)
    h = september(c)  # type: ignore[arg-type]
    c.db.close()
    return data_dir, h


@pytest.fixture
def sept(_september_snapshot: tuple[Path, History], tmp_path: Path) -> tuple[Cli, History]:
    snapshot, h = _september_snapshot
    return Cli(copy_data_dir(snapshot, tmp_path / "data")), h


SEPT = ("--from", "2023-09-01", "--to", "2023-09-30")


def _refused(cli: Cli, *args: str) -> str:
    p = cli.run(*args)
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr and p.stderr.startswith("Lỗi: ")
    assert len(p.stderr.strip().splitlines()) == 1
    return p.stderr


def test_json_keys_are_stable(sept: tuple[Cli, History]) -> None:
    cli, _h = sept
    out = cli.json("stats", *SEPT, "--json", "--user", "admin")
    assert set(out) == {
        "from",
        "to",
        "period",
        "label",
        "cutoff",
        "computed_at",
        "counter",
        "figures",
        "fees",  # the fee money (issue 19), beside the dossier counts
        "satisfaction",  # the citizens' ratings (issue 20), beside them too
        "feedback",  # the feedback register (issue 20)
    }
    assert (out["from"], out["to"], out["period"], out["cutoff"]) == (
        "2023-09-01",
        "2023-09-30",
        "month",
        "2023-09-30",
    )
    assert out["label"] == "Tháng 09/2023"
    f = out["figures"]
    assert set(f) == {m.value for m in COUNT_METRICS} | {
        "processing_days",
        "mean_processing_days",
        "on_time_rate",
        "late_rate",
    }
    assert set(f["processing_days"]) == {m.value for m in BUCKET_METRICS}
    assert (f["received"], f["resolved_late"], f["in_progress_overdue"]) == (11, 2, 2)
    assert (f["on_time_rate"], f["mean_processing_days"]) == (66.67, 2.84)
    split = cli.json("stats", *SEPT, "--by", "field", "--json", "--user", "admin")
    assert split["by"] == "field" and split["total"]["received"] == 11
    rows = {r["key"]: r for r in split["rows"]}
    assert rows["BTP.HT"]["label"] == "Hộ tịch" and rows["BTP.HT"]["figures"]["received"] == 4


def test_text_table_in_vietnamese(sept: tuple[Cli, History]) -> None:
    cli, _h = sept
    out = cli.ok("stats", *SEPT, "--user", "admin")
    assert "TỔNG HỢP TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in out
    assert re.search(r"Giải quyết quá hạn\s+2\n", out)
    assert re.search(r"Tỷ lệ đúng hạn \(trước hạn và đúng hạn\), %\s+66,7\n", out)
    by_day = cli.ok(
        "stats", "--from", "2023-09-05", "--to", "2023-09-07", "--by", "day", "--user", "admin"
    )
    assert "06/09/2023" in by_day and "Tổng cộng" in by_day


def test_drill_down_from_the_command_line(sept: tuple[Cli, History]) -> None:
    cli, h = sept
    out = cli.json("stats", *SEPT, "--drill", "resolved_late", "--json", "--user", "admin")
    assert out["count"] == 2
    assert {d["code"] for d in out["dossiers"]} == {h.codes["E"], h.codes["F"]}
    f = next(d for d in out["dossiers"] if d["code"] == h.codes["F"])
    assert (f["due_at"], f["class_due"]) == ("2023-09-21T09:00", "2023-09-18")
    one = cli.json(
        "stats",
        *SEPT,
        "--drill",
        "received",
        "--by",
        "channel",
        "--key",
        "3",
        "--json",
        "--user",
        "admin",
    )
    assert [d["code"] for d in one["dossiers"]] == [h.codes["K"]]
    text = cli.ok("stats", *SEPT, "--drill", "resolved_late", "--user", "admin")
    assert "hạn gốc 18/09/2023" in text


def test_period_today_counts_what_was_just_received(cli: Cli) -> None:
    form = json.dumps(
        {
            "procedure": "2.000815",
            "applicant": {"name": "Lê Văn Tám", "id_number": "089085001234", "address": "Số 2"},
        }
    )
    cli.ok("receive", "--json", "-", "--user", "admin", stdin=form)
    out = cli.json("stats", "--period", "today", "--json", "--user", "admin")
    assert out["period"] == "today" and out["from"] == local_now().date().isoformat()
    assert (out["figures"]["received"], out["figures"]["in_progress"]) == (1, 1)
    week = cli.json("stats", "--period", "week", "--by", "officer", "--json", "--user", "admin")
    assert [r["key"] for r in week["rows"]] == ["admin"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2023-09-30", "--to", "2023-09-01"), "trước ngày bắt đầu"),
        (("--from", "2010-01-01", "--to", "2023-01-01"), "10 năm"),
        (("--from", "27/09/2023"), "YYYY-MM-DD"),
        (("--from", "2099-01-01"), "sau hôm nay"),
        ((), "Chọn kỳ thống kê"),
        (("--to", "2023-09-30"), "Thiếu --from"),
        (("--period", "today", "--from", "2023-09-01"), "không dùng cả hai"),
        (("--period", "month", "--drill", "nope"), "Chỉ tiêu 'nope'"),
        (("--period", "month", "--key", "BTP.HT"), "--key"),
        (("--period", "month", "--drill", "received", "--by", "field"), "--key"),
        (("--period", "month", "--counter", "q-1!"), "Mã quầy"),
        (("--centre",), "Chưa có số liệu toàn trung tâm"),
        (("--centre", "--period", "month"), "--centre chỉ dùng một mình"),
    ],
)
def test_refusals_are_one_vietnamese_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    assert message in _refused(cli, "stats", *args, "--user", "admin")


def test_csv_xlsx_and_pdf_of_a_month(sept: tuple[Cli, History], tmp_path: Path) -> None:
    cli, _h = sept
    out = cli.ok(
        "stats",
        *SEPT,
        "--by",
        "field",
        "--csv",
        str(tmp_path / "t.csv"),
        "--xlsx",
        str(tmp_path / "t.xlsx"),
        "--pdf",
        str(tmp_path / "t.pdf"),
        "--user",
        "admin",
    )
    assert out.count("Đã ghi") == 3
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Lĩnh vực", "Tiếp nhận: kỳ trước chuyển qua", "Tiếp nhận: mới tiếp nhận"]
    assert rows[-1][:3] == ["Tổng cộng", "2", "11"]
    assert rows[3][:3] == ["Hộ tịch", "0", "4"]

    wb = load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["Biểu 06a", "Tổng hợp", "Theo lĩnh vực"]
    ws = wb["Biểu 06a"]
    assert ws["A4"].value == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert ws["A5"].value == "Kỳ báo cáo: Tháng 09/2023 (từ ngày 01/09/2023 đến ngày 30/09/2023)"
    assert {"C7:F7", "G7:J7", "K7:M7", "A7:A8"} <= {str(r) for r in ws.merged_cells.ranges}
    assert (ws["C7"].value, ws["G7"].value, ws["K8"].value) == (
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Tổng số",
    )
    total = next(r for r in ws.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total[2:] == (13, 2, 1, 10, 6, 1, 3, 2, 5, 3, 2)
    summary = {r[2]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=8, values_only=True) if r[2]}
    assert (summary["received"], summary["on_time_rate"], summary["mean_processing_days"]) == (
        11,
        66.7,
        2.84,
    )

    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "t.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Biểu số 06a",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: Tháng 09/2023",
        "Tổng cộng 13 2 1 10 6 1 3 2 5 3 2",
        "Tỷ lệ giải quyết đúng hạn: 66,7%; quá hạn: 33,3%",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ):
        assert expected in flat, expected
    assert "3 Hộ tịch 4 0 0 4 2 1 1 0 2 1 1" in flat  # a field wraps in its column: "Hoạt động xây"


def test_register_book_as_pdf_xlsx_and_csv(sept: tuple[Cli, History], tmp_path: Path) -> None:
    cli, h = sept
    out = cli.ok(
        "print",
        "register",
        "--from",
        "2023-09-01",
        "--to",
        "2023-09-30",
        "--pdf",
        str(tmp_path / "s.pdf"),
        "--xlsx",
        str(tmp_path / "s.xlsx"),
        "--csv",
        str(tmp_path / "s.csv"),
        "--user",
        "admin",
    )
    assert out.count("(11 hồ sơ)") == 3  # received in September (the refused one has no line)
    ws = load_workbook(tmp_path / "s.xlsx")["Sổ theo dõi hồ sơ"]
    assert ws["A4"].value == "SỔ THEO DÕI HỒ SƠ" and ws["N1"].value == "Mẫu số 06"
    header = [c.value for c in ws[7]]
    assert header[:3] == ["TT", "Mã hồ sơ", "Tên TTHC"]
    lines = [r for r in ws.iter_rows(min_row=8, values_only=True) if isinstance(r[0], int)]
    assert len(lines) == 11
    b = next(r for r in lines if r[1] == h.codes["B"])
    assert b[7] == datetime(2023, 9, 5, 10, 0) and b[10] == datetime(2023, 9, 12, 15, 0)
    assert b[6] == "UBND cấp xã"  # the procedure's agency from the catalog
    raw = (tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 12 and rows[0][0] == "TT"
    assert any(r[1] == h.codes["B"] and r[7] == "05/09/2023 10:00" for r in rows)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "s.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Tổng số: 11 hồ sơ." in text
    # the agency part of a code on one line, the rest on the next
    assert re.search(
        rf"{re.escape(h.codes['B'][:13])}.{{0,300}}?\n.*{h.codes['B'][13:]}", text, re.S
    )
    assert "Cho biết tệp cần ghi" in _refused(
        cli, "print", "register", "--from", "2023-09-01", "--user", "admin"
    )
