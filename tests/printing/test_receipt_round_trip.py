"""Receive a dossier → print its receipt over TCP to the virtual printer → PNG → decode the QR
→ `qr verify` accepts it; anything altered, foreign or garbage is refused with a reason. The
same for the QR in the A4 PDF, rendered with PDFium. A printer that is off keeps the job
queued until it is back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.devices.qr_decode import decode_file, decode_image
from desktop.domain.qr_token import sign
from devtools.virtual_printer import VirtualPrinter
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.pdftools import render_pdf_page


def _receive(cli: Cli) -> str:
    form = minimal_form()
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


def _verify(cli: Cli, payload: str) -> subprocess.CompletedProcess[str]:
    return cli.run("qr", "verify", payload, "--user", "admin")


def test_thermal_receipt_qr_round_trip(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    with VirtualPrinter(tmp_path / "slips") as printer:
        for paper in ("58", "80"):
            out = cli.run(
                "print",
                "receipt",
                code,
                "--escpos",
                f"tcp://127.0.0.1:{printer.port}",
                "--paper",
                paper,
                "--user",
                "admin",
            )
            assert out.returncode == 0, out.stderr
        printer.wait_for_slips(4, timeout=20)  # two copies (liên) per receipt, two receipts
        slips = printer.slips()
    assert len(slips) == 4
    payloads = {p for slip in slips for p in decode_file(slip)}
    assert len(payloads) == 1, "every copy carries the same signed QR"
    payload = payloads.pop()
    assert payload.startswith(f"MC1:{code}:")
    ok = _verify(cli, payload)
    assert ok.returncode == 0 and code in ok.stdout

    # one altered character anywhere: refused, with a reason
    for i in (4, len("MC1:") + len(code) + 3, len(payload) - 5):
        forged = payload[:i] + ("B" if payload[i] != "B" else "C") + payload[i + 1 :]
        bad = _verify(cli, forged)
        assert bad.returncode != 0 and "Mã QR không hợp lệ" in bad.stderr
    # signed by a key this counter does not trust
    foreign = sign(code, Ed25519PrivateKey.generate())
    bad = _verify(cli, foreign)
    assert bad.returncode != 0 and "không có trong danh sách" in bad.stderr
    for garbage in ("", "hello", "MC1:", "MC1:" + "A" * 400, "\x7f\x01", "Đ" * 10):
        bad = _verify(cli, garbage)
        assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_pdf_receipt_qr_round_trip(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    pdf = tmp_path / "receipt.pdf"
    assert cli.run("print", "receipt", code, "--pdf", str(pdf), "--user", "admin").returncode == 0
    (payload,) = decode_image(render_pdf_page(pdf, dpi=150))
    assert _verify(cli, payload).returncode == 0


def test_printer_off_keeps_the_job_until_it_is_back(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    with VirtualPrinter(tmp_path / "first") as probe:
        port = probe.port  # a port we know is free once this printer stops
    out = cli.run(
        "print", "receipt", code, "--escpos", f"tcp://127.0.0.1:{port}", "--user", "admin"
    )
    assert out.returncode == 3 and "hàng đợi" in out.stdout
    listing = cli.run("print", "queue", "--json", "--user", "admin")
    assert listing.returncode == 3
    (job,) = json.loads(listing.stdout)
    assert job["attempts"] == 1 and "từ chối kết nối" in job["last_error"]
    with VirtualPrinter(tmp_path / "slips", port=port) as printer:
        retry = cli.run("print", "queue", "--retry", "--user", "admin")
        assert retry.returncode == 0, retry.stdout + retry.stderr
        printer.wait_for_slips(2, timeout=20)
        assert len(printer.slips()) == 2
        assert decode_file(printer.slips()[0])[0].startswith(f"MC1:{code}:")
    assert json.loads(cli.run("print", "queue", "--json", "--user", "admin").stdout) == []
