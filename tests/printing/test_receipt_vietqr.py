"""The receipt with a fee and a receiving account carries a second QR, the fee's VietQR: printed
through the virtual ESC/POS printer and as an A4 PDF, both QRs are read back from the images
with zxing-cpp; the VietQR's TLV and CRC are checked with the test's own decoder, the other is
the receipt's signed QR, and a returns scan of the VietQR is refused."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desktop.domain.forms.facts import TransferFacts
from desktop.domain.forms.receipt import receipt
from desktop.domain.vietqr import build
from devtools.virtual_printer import VirtualPrinter
from printing.thermal import render_bitmap
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.domain.test_vietqr import decode
from tests.pdftools import page_count, pdf_text, render_pdf_page
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE

ACCOUNT = "6380201001234"
HOLDER = "Trung tâm Phục vụ hành chính công tỉnh An Giang"
FEE = 2000 * 6
KEEP = os.environ.get("MOTCUA_KEEP_SLIPS")  # a directory: keep the images to look at


def _receive_with_fee(cli: Cli, amount: int = 2000, quantity: int = 6) -> str:
    form = minimal_form()
    form["fees"] = [
        {"name": "Phí chứng thực bản sao từ bản chính", "amount": amount, "quantity": quantity}
    ]
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


def _set_payee(cli: Cli) -> None:
    cli.ok("payee", "set", "--bank-bin", "970405", "--account", ACCOUNT, "--name", HOLDER,
           "--user", "admin")  # fmt: skip


def _qrs(img: Image.Image) -> list[str]:
    """Each QR printed on the page once: a detector that reports one symbol twice (seen once
    under load in the full suite, never reproduced alone) counts it once, by where it is."""
    seen: dict[tuple[str, int, int], str] = {}
    for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode):
        at = r.position.top_left
        seen.setdefault((r.text, round(at.x / 20), round(at.y / 20)), r.text)
    return list(seen.values())


def _check(cli: Cli, code: str, found: list[str]) -> None:
    """One receipt QR the counter verifies, one VietQR for the fee and this dossier."""
    receipts = [p for p in found if p.startswith("MC1:")]
    vietqrs = [p for p in found if p.startswith("000201")]
    assert len(receipts) == 1 and len(vietqrs) == 1 and len(found) == 2, found
    ok = cli.run("qr", "verify", receipts[0], "--user", "admin")
    assert ok.returncode == 0 and code in ok.stdout
    d = decode(vietqrs[0])
    assert d["01"] == "12" and d["54"] == str(FEE) and d["53"] == "704" and d["58"] == "VN"
    assert d["38"] == {"00": "A000000727", "01": {"00": "970405", "01": ACCOUNT}, "02": "QRIBFTTA"}
    assert d["62"] == {"08": code}
    bad = cli.run("qr", "verify", vietqrs[0], "--user", "admin")
    assert bad.returncode == 1 and "không phải mã QR trên giấy tiếp nhận" in bad.stderr


def test_thermal_receipt_has_the_receipt_qr_and_a_labelled_vietqr(cli: Cli, tmp_path: Path) -> None:
    _set_payee(cli)
    code = _receive_with_fee(cli)
    with VirtualPrinter(tmp_path / "slips") as printer:
        out = cli.run("print", "receipt", code, "--escpos", f"tcp://127.0.0.1:{printer.port}",
                      "--paper", "80", "--user", "admin")  # fmt: skip
        assert out.returncode == 0, out.stderr
        office, citizen = printer.wait_for_slips(2, timeout=20)
    # the office's copy: the receipt's QR only; the citizen's: both
    assert [p[:4] for p in _qrs(Image.open(office))] == ["MC1:"]
    img = Image.open(citizen)
    assert img.width == 576
    _check(cli, code, _qrs(img))
    # the VietQR is below the receipt's QR, under its own heading (read from the page's ink)
    results = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    tops = {r.text[:4]: r.position.top_left.y for r in results}
    assert tops["0002"] > tops["MC1:"] + 400
    if KEEP:
        shutil.copy(citizen, Path(KEEP) / "receipt-thermal-80mm-lien-2.png")


def test_a4_receipt_has_the_receipt_qr_and_a_labelled_vietqr(cli: Cli, tmp_path: Path) -> None:
    _set_payee(cli)
    code = _receive_with_fee(cli)
    pdf = tmp_path / "receipt.pdf"
    assert cli.run("print", "receipt", code, "--pdf", str(pdf), "--user", "admin").returncode == 0
    found = []
    for page in range(page_count(pdf)):
        img = render_pdf_page(pdf, dpi=150, page=page)
        found += _qrs(img)
        if KEEP:
            img.save(Path(KEEP) / f"receipt-a4-page-{page + 1}.png")
    # the office's copy has the receipt QR; the citizen's both (the same receipt QR)
    assert len(found) == 3 and sum(p.startswith("MC1:") for p in found) == 2
    _check(cli, code, sorted(set(found)))
    text = " ".join(pdf_text(pdf).split())
    assert "Quét mã để nộp phí, lệ phí bằng chuyển khoản (VietQR)" in text
    assert "không phải mã tra cứu hồ sơ" in text
    assert f"Số tài khoản: {ACCOUNT}" in text and "Agribank (BIN 970405)" in text
    assert "12.000 đồng" in text and f"Nội dung chuyển khoản: {code}" in text


def test_no_vietqr_without_an_account_or_without_a_fee(cli: Cli, tmp_path: Path) -> None:
    unpaid = _receive_with_fee(cli)
    pdf = tmp_path / "before.pdf"
    assert cli.run("print", "receipt", unpaid, "--pdf", str(pdf), "--user", "admin").returncode == 0
    assert "VietQR" not in pdf_text(pdf), "no account set yet"
    _set_payee(cli)
    free = _receive_with_fee(cli, amount=0)
    pdf = tmp_path / "free.pdf"
    assert cli.run("print", "receipt", free, "--pdf", str(pdf), "--user", "admin").returncode == 0
    assert "VietQR" not in pdf_text(pdf) and len(_qrs(render_pdf_page(pdf))) == 1
    # the same dossier's receipt printed again now the account is set carries the VietQR
    pdf = tmp_path / "reprint.pdf"
    assert cli.run("print", "receipt", unpaid, "--pdf", str(pdf), "--user", "admin").returncode == 0
    assert "VietQR" in pdf_text(pdf)


@pytest.mark.parametrize("dots", [384, 512, 576])
def test_both_qrs_fit_and_read_on_every_paper(dots: int) -> None:
    """58 mm, 80 mm at 180 dpi and 80 mm: within the paper, both codes read back."""
    code = "000.00.23.H34-261204-0001"  # the longest transfer content: 25 characters
    qr = build("970405", ACCOUNT, 9_999_999_999_999, code)
    transfer = TransferFacts(qr.payload, qr.amount, "Agribank (BIN 970405)", ACCOUNT, HOLDER, code)
    facts = replace(FACTS, transfer=transfer)
    office, citizen = receipt(OFFICE, facts, now=datetime(2023, 10, 27)).copies
    assert len(_qrs(render_bitmap(office, dots))) == 1
    img = render_bitmap(citizen, dots)
    bbox = img.convert("L").point(lambda v: 255 - v).getbbox()
    assert bbox is not None and bbox[0] >= 4 and bbox[2] <= dots - 4
    found = sorted(_qrs(img))
    assert found == sorted([FACTS.qr_payload, qr.payload])
    assert decode(qr.payload)["62"] == {"08": code}
