"""The notices handed over the desk — Mẫu 02 (bổ sung), 03 (từ chối), 04 (xin lỗi, hẹn lại) —
printed from the events that recorded them, on A4 (text read back with PDFium) and on the
thermal printer; and returning a result against the receipt's signed QR."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.devices.qr_decode import decode_file, decode_image
from desktop.domain.qr_token import sign
from devtools.virtual_printer import VirtualPrinter
from tests.clitools import Cli
from tests.conftest import design_friday, minimal_form
from tests.pdftools import flat_text, render_pdf_page


def _receive(cli: Cli, when: str | None = None) -> str:
    form = {**minimal_form(), "received_at": when} if when else minimal_form()
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


def test_rejection_is_printed_by_id_with_its_reason(cli: Cli, tmp_path: Path) -> None:
    out = cli.json(
        "reject",
        "--json",
        "-",
        "--reason",
        "Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân xã",
        "--user",
        "admin",
        stdin=json.dumps(minimal_form()),
    )
    assert out["code"] is None and out["status"] == 3
    pdf = tmp_path / "mau03.pdf"
    cli.ok("print", "rejection", out["id"], "--pdf", str(pdf), "--user", "admin")
    text = flat_text(pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân xã" in text
    assert "Nguyễn Văn An" in text and "Mẫu số 03" in text
    # a dossier that was not refused has no Mẫu 03
    code = _receive(cli)
    p = cli.run("print", "rejection", code, "--pdf", str(tmp_path / "x.pdf"), "--user", "admin")
    assert p.returncode == 1 and "không bị từ chối" in p.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_supplement_request_lists_the_missing_documents(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    cli.json(
        "supplement",
        code,
        "--request",
        "Bản sao chưa được chứng thực",
        "--missing",
        "Bản sao có chứng thực Giấy khai sinh",
        "--missing",
        "Tờ khai có chữ ký của người yêu cầu",
        "--user",
        "admin",
    )
    pdf = tmp_path / "mau02.pdf"
    cli.ok("print", "supplement", code, "--pdf", str(pdf), "--user", "admin")
    text = flat_text(pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "1. Bản sao có chứng thực Giấy khai sinh" in text
    assert "2. Tờ khai có chữ ký của người yêu cầu" in text
    assert "Bản sao chưa được chứng thực" in text and code in text
    # the citizen brings the papers: processing resumes (the store tests check the clock)
    back = cli.json("supplement", code, "--received", "--user", "admin")
    assert back["status"] == 4


def test_reschedule_computes_the_new_date_and_prints_the_apology(cli: Cli, tmp_path: Path) -> None:
    friday = design_friday(cli.data_dir)
    monday = friday + timedelta(days=3)
    code = _receive(cli, f"{friday}T09:32")  # Fri 09:32, 8 working hours → Mon 09:32
    assert cli.json("lookup", code, "--json", "--user", "admin")[0]["due_at"] == f"{monday}T09:32"
    out = cli.json(
        "reschedule",
        code,
        "--reason",
        "Hệ thống phần mềm bị sự cố, chưa chuyển được hồ sơ",
        "--extend",
        "2d",
        "--user",
        "admin",
    )
    # counted from now (later than the old appointment): two working days on, same clock time
    assert out["status"] == 2 and out["due_at"] > f"{monday}T09:32"
    with VirtualPrinter(tmp_path / "slips") as printer:
        p = cli.run(
            "print",
            "apology",
            code,
            "--escpos",
            f"tcp://127.0.0.1:{printer.port}",
            "--user",
            "admin",
        )
        assert p.returncode == 0, p.stderr
        printer.wait_for_slips(1, timeout=20)
        (slip,) = printer.slips()
    assert decode_file(slip) == []  # Mẫu 04 carries no QR: it is not a receipt
    pdf = tmp_path / "mau04.pdf"
    cli.ok("print", "apology", code, "--pdf", str(pdf), "--user", "admin")
    text = flat_text(pdf)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    # the missed appointment
    assert f"09 giờ 32 phút, ngày {monday:%d} tháng {monday:%m} năm {monday:%Y}" in text
    assert "Hệ thống phần mềm bị sự cố" in text


def test_reschedule_refuses_an_earlier_date_and_changes_nothing(cli: Cli) -> None:
    friday = design_friday(cli.data_dir)
    code = _receive(cli, f"{friday}T09:32")  # due Monday 09:32
    before = cli.json("lookup", code, "--json", "--user", "admin")[0]
    for args in (
        ["--due", f"{friday + timedelta(days=3)}T09:00"],  # before the old appointment
        ["--due", "yesterday"],
        ["--extend", "0"],
    ):
        p = cli.run("reschedule", code, "--reason", "Chậm do sự cố", *args, "--user", "admin")
        assert p.returncode == 1 and "Traceback" not in p.stderr and p.stderr.strip()
    p = cli.run("reschedule", code, "--reason", "x", "--extend", "1d", "--user", "admin")
    assert p.returncode == 1 and "lý do" in p.stderr
    assert cli.json("lookup", code, "--json", "--user", "admin")[0] == before


def test_return_by_qr_checks_the_signature_first(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    cli.json("result-ready", code, "--user", "admin")
    pdf = tmp_path / "receipt.pdf"
    cli.ok("print", "receipt", code, "--pdf", str(pdf), "--user", "admin")
    payload = sign(code, Ed25519PrivateKey.generate())  # right code, key nobody trusts
    who = ["--receiver-name", "Nguyễn Văn An", "--receiver-id", "089085001234"]
    bad = cli.run("return", "--qr", payload, *who, "--user", "admin")
    assert bad.returncode == 1 and "không có trong danh sách" in bad.stderr
    assert cli.json("lookup", code, "--json", "--user", "admin")[0]["status"] == 9
    (payload,) = decode_image(render_pdf_page(pdf, dpi=150))
    back = cli.json("return", "--qr", payload, *who, "--user", "admin", "--json")
    assert back["code"] == code and back["status"] == 10
