"""`motcua pay`, `refund`, `fee exempt` (issue 19, items 1, 2, 5): fee states, fee receipts
numbered in the counter's own series, refunds only when the service was not delivered and only
by a supervisor, and bad input refused with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.fees import in_words
from desktop.store.accounts.officers import create_officer
from desktop.store.db import Database
from desktop.store.models import EventRow, Payment
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.pdftools import pdf_text

FEE = 100_000  # 1.001612, đăng ký hộ kinh doanh: lệ phí 100.000 đồng per dossier


def _receive(cli: Cli, procedure: str = "1.001612") -> str:
    form = {**minimal_form(), "procedure": procedure}
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


def _fee(cli: Cli, code: str) -> dict[str, object]:
    (found,) = cli.json("lookup", code, "--json", "--user", "admin")
    fee: dict[str, object] = found["fee"]
    return fee


def _count(cli: Cli, model: type) -> int:
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        db.close()


def test_fee_states_and_numbered_receipts(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    assert _fee(cli, code) == {
        "due": FEE, "paid": 0, "state": "unpaid", "state_label": "Chưa nộp phí",
        "exempt_reason": None,
    }  # fmt: skip
    part = cli.json("pay", code, "--method", "cash", "--amount", "40000", "--user", "admin")
    assert part["receipt_no"].startswith("Q01/") and part["fee"]["state"] == "partial"
    assert part["fee"]["outstanding"] == 60_000
    pdf = tmp_path / "bien-lai.pdf"
    rest = cli.json(
        "pay", code, "--method", "qr", "--ref", "FT2633700123", "--user", "admin", "--pdf", str(pdf)
    )
    assert rest["amount"] == 60_000 and rest["fee"]["state"] == "paid"
    first, second = (int(r["receipt_no"].rsplit("-", 1)[1]) for r in (part, rest))
    assert second == first + 1
    text = " ".join(pdf_text(pdf).split())
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and "60.000 đ" in text
    assert "Sáu mươi nghìn đồng" in text and "FT2633700123" in text
    assert _fee(cli, code)["state"] == "paid"
    again = tmp_path / "in-lai.pdf"
    cli.ok("print", "fee-receipt", part["receipt_no"], "--pdf", str(again), "--user", "admin")
    assert "40.000 đ" in pdf_text(again) and "Còn phải nộp" in pdf_text(again)
    # a second payment of a paid fee is refused
    p = cli.run("pay", code, "--method", "cash", "--user", "admin")
    assert p.returncode == 1 and "đã nộp đủ phí" in p.stderr


def test_exempt_and_no_fee(cli: Cli) -> None:
    code = _receive(cli)
    done = cli.json("fee", "exempt", code, "--reason", "Hộ nghèo, miễn lệ phí", "--user", "admin")
    assert done["fee"]["state"] == "exempt"
    p = cli.run("pay", code, "--method", "cash", "--user", "admin")
    assert p.returncode == 1 and "miễn phí, lệ phí" in p.stderr
    free = _receive(cli, "1.000656")  # khai tử: no fee
    assert _fee(cli, free)["state"] == "none"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--method", "cash", "--amount", "0"], "--amount phải lớn hơn 0"),
        (["--method", "cash", "--amount", "-5"], "--amount phải lớn hơn 0"),
        (["--method", "cash", "--amount", "100001"], "chỉ còn phải nộp 100.000 đồng"),
        (["--method", "cash", "--amount", "99999999999999999999"], "quá lớn"),
        (["--method", "qr"], "cần mã giao dịch"),
        (["--method", "card", "--ref", "A\u202eB"], "không được phép"),
    ],
)
def test_bad_payments_change_nothing(cli: Cli, argv: list[str], message: str) -> None:
    code = _receive(cli)
    before = _count(cli, EventRow)
    p = cli.run("pay", code, *argv, "--user", "admin")
    assert p.returncode in (1, 2) and message in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
    assert (_count(cli, EventRow), _count(cli, Payment)) == (before, 0)


def test_no_payment_on_a_returned_or_withdrawn_dossier(cli: Cli) -> None:
    code = _receive(cli)
    cli.ok("withdraw", code, "--reason", "Công dân xin rút", "--user", "admin")
    p = cli.run("pay", code, "--method", "cash", "--user", "admin")
    assert p.returncode == 1 and "không thu phí" in p.stderr


def test_refunds_only_when_not_delivered_and_only_by_a_supervisor(cli: Cli, tmp_path: Path) -> None:
    from tests.cli.test_personal_data_commands import PASSWORD

    code = _receive(cli)
    cli.json("pay", code, "--method", "cash", "--user", "admin")
    # still being processed: the service may yet be delivered
    p = cli.run(
        "refund", code, "--amount", "100000", "--reason", "Công dân đề nghị", "--user", "admin"
    )
    assert p.returncode == 1 and "Điều 8 khoản 2 điểm c" in p.stderr
    cli.ok("withdraw", code, "--reason", "Công dân xin rút hồ sơ", "--user", "admin")
    db = Database.open(cli.data_dir)
    try:
        with db.write() as s:
            create_officer(s, "tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception"}), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    finally:
        db.close()
    p = cli.run(
        "refund", code, "--amount", "100000", "--reason", "Rút hồ sơ trước khi giải quyết",
        "--user", "tiepnhan", env={"MOTCUA_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert p.returncode == 1 and "không có quyền" in p.stderr, p.stderr
    p = cli.run("refund", code, "--amount", "100001", "--reason", "Rút hồ sơ", "--user", "admin")
    assert p.returncode == 1 and "chỉ có 100.000 đồng đã nộp" in p.stderr
    pdf = tmp_path / "hoan-tra.pdf"
    done = cli.json(
        "refund", code, "--amount", "100000", "--reason", "Rút hồ sơ trước khi giải quyết",
        "--user", "admin", "--pdf", str(pdf),
    )  # fmt: skip
    assert done["kind"] == "refund" and done["fee"]["paid"] == 0
    assert "BIÊN LAI HOÀN TRẢ PHÍ, LỆ PHÍ" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5_000, "Năm nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (24_500, "Hai mươi tư nghìn năm trăm đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (2_000_000_014, "Hai tỷ không trăm mười bốn đồng"),
    ],
)
def test_amounts_in_words(amount: int, words: str) -> None:
    assert in_words(amount) == words


def test_the_day_close_counts_the_money(cli: Cli) -> None:
    a, b = _receive(cli), _receive(cli)
    cli.json("pay", a, "--method", "cash", "--user", "admin")
    cli.json("pay", b, "--method", "card", "--ref", "POS-1", "--amount", "30000", "--user", "admin")
    cli.json("pay", b, "--method", "cash", "--amount", "20000", "--user", "admin")
    closed = cli.json("day", "close", "--json", "--user", "admin")
    money = closed["money"]
    assert (money["collected"], money["refunded"], money["cash_expected"]) == (150_000, 0, 120_000)
    assert money["by_method"] == {"cash": 120_000, "card": 30_000}
    assert {(m["officer"], m["method"], m["payments"]) for m in money["lines"]} == {
        ("admin", "cash", 2),
        ("admin", "card", 1),
    }
    text = cli.ok("day", "close", "--user", "admin")
    assert "tiền mặt phải có trong két: 120.000 đồng" in text


def test_the_receipt_and_its_vietqr_follow_what_is_still_owed(cli: Cli, tmp_path: Path) -> None:
    import zxingcpp

    from tests.pdftools import page_count, render_pdf_page

    cli.ok(
        "payee", "set", "--bank-bin", "970415", "--account", "113366668888",
        "--name", "TRUNG TAM PHUC VU HCC", "--user", "admin",
    )  # fmt: skip
    code = _receive(cli)
    cli.json("pay", code, "--method", "cash", "--amount", "40000", "--user", "admin")
    out = tmp_path / "mau01.pdf"
    cli.ok("print", "receipt", code, "--pdf", str(out), "--user", "admin")
    text = " ".join(pdf_text(out).split())
    assert "Đã nộp một phần, còn 60.000 đồng" in text
    found = []
    for page in range(page_count(out)):
        image = render_pdf_page(out, dpi=200, page=page)
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    vietqr = [t for t in found if t.startswith("000201")]
    assert vietqr and all("540560000" in t for t in vietqr), found  # tag 54, 5 digits: 60000


def test_the_day_close_lists_transfers_the_server_did_not_apply(cli: Cli) -> None:
    from desktop.store.clock import local_now
    from desktop.store.models import UnmatchedPayment

    code = _receive(cli)
    db = Database.open(cli.data_dir)
    try:
        with db.write() as s:  # as the feed brings it (tests/sync/test_bank_notify.py)
            s.add(UnmatchedPayment(
                transaction_id="FT26337001", dossier_id="x", code=code, outcome="short",
                reason="short", amount=50_000, outstanding=100_000, paid_at=local_now(),
                received_at=local_now(),
            ))  # fmt: skip
    finally:
        db.close()
    closed = cli.json("day", "close", "--json", "--user", "admin")
    (u,) = closed["money"]["unmatched"]
    assert (u["transaction_id"], u["code"], u["amount"]) == ("FT26337001", code, 50_000)
    assert closed["money"]["collected"] == 0  # never counted as paid
    assert "Chuyển khoản chuyển thiếu: FT26337001" in cli.ok("day", "close", "--user", "admin")


def test_a_refused_payment_is_audited_and_changes_nothing(cli: Cli) -> None:
    from desktop.store.accounts import audit

    code = _receive(cli)
    p = cli.run("pay", code, "--method", "cash", "--amount", "100001", "--user", "admin")
    assert p.returncode == 1
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            refused = [e for e in audit.recent(s, 50) if e.action == "fee.refused"]
    finally:
        db.close()
    (entry,) = refused
    assert entry.target == code and entry.detail == {"action": "pay", "refused": "fee_overpaid"}
    assert _count(cli, Payment) == 0
