"""`motcua online …` and `motcua handover …` (issue 18) on a counter without a server: the
inbox with its clock, the three answers with their forms as PDF, the hand-over and its refusals
— each refusal a clear Vietnamese message, exit 1, nothing written."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.models import EventRow
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.onlinetools import register_online
from tests.pdftools import pdf_text


def _events(cli: Cli) -> int:
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(EventRow)) or 0)
    finally:
        db.close()


@pytest.fixture
def inbox(cli: Cli) -> list[str]:
    """Three online dossiers: one long overdue, one just in, one in between."""
    db = Database.open(cli.data_dir)
    try:
        ctx = load_context(db, cli.data_dir)
        now = local_now()
        codes = ["G22.A1-000003", "G22.A1-000001", "G22.A1-000002"]
        ages = (timedelta(minutes=5), timedelta(days=9), timedelta(days=1))
        for code, ago in zip(codes, ages, strict=True):
            register_online(db, ctx, code, now - ago)
    finally:
        db.close()
    return codes


def test_the_inbox_lists_what_is_due_first(cli: Cli, inbox: list[str]) -> None:
    listed = cli.json("online", "list", "--json", "--user", "admin")
    assert [i["code"] for i in listed] == ["G22.A1-000001", "G22.A1-000002", "G22.A1-000003"]
    assert listed[0]["overdue"] is True and listed[-1]["overdue"] is False
    assert set(listed[0]) >= {
        "code", "procedure", "applicant_name", "submitted_at", "check_due_at", "overdue",
        "taken_by",
    }  # fmt: skip
    text = cli.ok("online", "list", "--user", "admin")
    assert "Hạn kiểm tra: 8 giờ làm việc (QĐ 66/2020/QĐ-UBND An Giang" in text
    assert "quá hạn" in text


def test_accept_keeps_the_portal_code_and_writes_the_receipt(
    cli: Cli, inbox: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "mau01.pdf"
    done = cli.json("online", "accept", inbox[0], "--user", "admin", "--pdf", str(out))
    assert (done["code"], done["status"]) == (inbox[0], 2) and done["due_at"]
    assert inbox[0] in pdf_text(out).replace("\n", "")
    # now received: no longer in the inbox, waiting for its hand-over instead
    assert inbox[0] not in [
        i["code"] for i in cli.json("online", "list", "--json", "--user", "admin")
    ]
    due = cli.json("handover", "due", "--json", "--user", "admin")
    assert [d["code"] for d in due] == [inbox[0]]
    assert set(due[0]) >= {"code", "received_at", "handover_due_at", "unit"}


def test_supplement_and_refusal_write_mau_02_and_03(
    cli: Cli, inbox: list[str], tmp_path: Path
) -> None:
    m02, m03 = tmp_path / "m02.pdf", tmp_path / "m03.pdf"
    asked = cli.json(
        "online", "request-supplement", inbox[1], "--reason", "Thiếu giấy chứng sinh bản chính",
        "--missing", "Giấy chứng sinh", "--user", "admin", "--pdf", str(m02),
    )  # fmt: skip
    assert asked["status"] == 5
    assert "Giấy chứng sinh" in pdf_text(m02)
    refused = cli.json(
        "online", "reject", inbox[2], "--reason", "Không thuộc thẩm quyền của xã",
        "--user", "admin", "--pdf", str(m03),
    )  # fmt: skip
    assert refused["status"] == 3
    assert "Không thuộc thẩm quyền" in pdf_text(m03)
    listed = cli.json("online", "list", "--json", "--user", "admin")
    assert [i["code"] for i in listed] == [inbox[0]]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["online", "accept", "G22.A1-999999"], "Không tìm thấy hồ sơ mã G22.A1-999999"),
        (["online", "reject", "G22.A1-000001", "--reason", "sai"], "ít nhất 5 ký tự"),
        (["online", "accept", "WALKIN"], "không phải hồ sơ nộp trực tuyến"),
        (["online", "accept", "G22.A1-000002", "--again"], "đã được kiểm tra"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    cli: Cli, inbox: list[str], argv: list[str], message: str
) -> None:
    if "WALKIN" in argv:
        walk_in = cli.json(
            "receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form())
        )
        argv = [a.replace("WALKIN", walk_in["code"]) for a in argv]
    if "--again" in argv:
        argv.remove("--again")
        cli.ok(*argv, "--user", "admin")
    before = _events(cli)
    p = cli.run(*argv, "--user", "admin")
    assert p.returncode == 1 and message in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert _events(cli) == before


def test_handover_refuses_what_it_cannot_hand_over(
    cli: Cli, inbox: list[str], tmp_path: Path
) -> None:
    form = json.dumps(minimal_form())  # 2.000815, decided by "UBND cấp xã"
    code = cli.json("receive", "--json", "-", "--user", "admin", stdin=form)["code"]
    units = cli.ok("handover", "units").splitlines()
    assert "UBND cấp xã" in units and "Sở Y tế" in units
    before = _events(cli)
    for argv, message in (
        (["--to", "Phòng Không Có"], "không có trong danh mục"),
        (["--to", "Sở Y tế"], "thuộc thẩm quyền của UBND cấp xã"),
        ([inbox[0], "--to", "UBND cấp xã"], "chưa được tiếp nhận"),
    ):
        p = cli.run("handover", "create", code, *argv, "--user", "admin")
        assert p.returncode == 1 and message in p.stderr, p.stderr
    assert _events(cli) == before
    slip = tmp_path / "ban-giao.pdf"
    done = cli.json(
        "handover", "create", code, "--to", "UBND cấp xã", "--user", "admin", "--pdf", str(slip)
    )
    assert (done["count"], done["codes"], done["late"]) == (1, [code], 0)
    text = pdf_text(slip)
    assert "PHIẾU BÀN GIAO HỒ SƠ" in text and "UBND cấp xã" in text and "BÊN NHẬN" in text
    again = tmp_path / "in-lai.pdf"
    cli.ok("print", "handover", done["id"][:8].upper(), "--pdf", str(again), "--user", "admin")
    assert "PHIẾU BÀN GIAO HỒ SƠ" in pdf_text(again)
    assert cli.json("handover", "due", "--json", "--user", "admin") == []
    p = cli.run("handover", "create", code, "--to", "UBND cấp xã", "--user", "admin")
    assert p.returncode == 1 and "đã bàn giao cho UBND cấp xã" in p.stderr
