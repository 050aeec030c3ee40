"""`motcua post send | delivered | list` (issue 20, item 4): a finished result handed to the post
with its UPU S10 number, the post's 24 hours (An Giang QĐ 66/2020 Điều 26.2) in the list and the
look-up, the delivery that returns the dossier; and every bad input refused in Vietnamese, exit
1, with nothing written."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.store.accounts.officers import create_officer
from desktop.store.db import Database
from desktop.store.models import AuditEntry, EventRow, OutboxRow
from tests.clitools import Cli
from tests.conftest import minimal_form

POSTAL = "1.004873"  # xác nhận tình trạng hôn nhân: the catalog lets its result go by post
TRACKING = "EB123456785VN"  # EB + 12345678 + check digit 5 + VN
OTHER = "EB000000005VN"
ADDRESS = "Số 1 Lê Lợi, phường Mỹ Bình, Long Xuyên"


def _receive(cli: Cli, *, by_post: bool = True, ready: bool = True) -> str:
    form = {
        **minimal_form(),
        "procedure": POSTAL,
        "result_delivery": {"method": "post", "address": ADDRESS} if by_post else {},
    }
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    if ready:
        cli.ok("result-ready", code, "--user", "admin")
    return code


def _lookup(cli: Cli, code: str) -> dict[str, object]:
    (found,) = cli.json("lookup", code, "--json", "--user", "admin")
    return dict(found)


def _written(cli: Cli) -> tuple[int, ...]:
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            return tuple(
                int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in (EventRow, OutboxRow)
            )
    finally:
        db.close()


def _minute(text: object) -> datetime:
    return datetime.fromisoformat(str(text))


def test_send_list_and_delivery(cli: Cli) -> None:
    waiting = _receive(cli, ready=False)
    assert cli.json("post", "list", "--json", "--user", "admin") == []
    cli.ok("result-ready", waiting, "--user", "admin")
    (item,) = cli.json("post", "list", "--json", "--user", "admin")
    assert item == {
        "code": waiting, "state": "waiting", "tracking": None, "posted_at": None,
        "due_at": None, "overdue": False, "minutes_left": None,
    }  # fmt: skip
    assert _lookup(cli, waiting)["post"] == {
        "tracking": None, "sent_at": None, "due_at": None, "delivered_at": None,
        "on_time": None, "overdue": False, "minutes_left": None,
    }  # fmt: skip
    # typed as printed on some labels: spaces and small letters
    p = cli.run("post", "send", waiting, "--tracking", " eb 123 456 785 vn ", "--user", "admin")
    assert p.returncode == 0 and "số hiệu EB123456785VN" in p.stdout, p.stderr
    (item,) = cli.json("post", "list", "--json", "--user", "admin")
    sent = _minute(item["posted_at"])
    assert (item["state"], item["tracking"], item["overdue"]) == ("sent", TRACKING, False)
    assert _minute(item["due_at"]) == sent + timedelta(hours=24)
    assert 24 * 60 - 2 <= item["minutes_left"] <= 24 * 60
    text = cli.ok("post", "list", "--user", "admin")
    assert TRACKING in text and "còn 2" in text  # "còn 23 giờ 59 phút" or "còn 24 giờ 00 phút"
    post = _lookup(cli, waiting)["post"]
    assert isinstance(post, dict)
    assert post["tracking"] == TRACKING and post["delivered_at"] is None
    assert _minute(post["due_at"]) == sent + timedelta(hours=24) and post["overdue"] is False
    # the post delivers two hours later (told afterwards, with --at)
    at = sent + timedelta(minutes=1)
    done = cli.json(
        "post", "delivered", waiting, "--at", f"{at:%Y-%m-%d %H:%M}", "--json", "--user", "admin"
    )
    assert done["state"] == "delivered" and done["on_time"] is True and done["overdue"] is False
    assert _minute(done["delivered_at"]) == at
    found = _lookup(cli, waiting)
    assert (found["status"], _minute(found["returned_at"])) == (10, at)
    assert found["post"]["on_time"] is True  # type: ignore[index]
    assert cli.json("post", "list", "--json", "--user", "admin") == []
    # the audit log names what was done, by whom
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            actions = set(s.scalars(select(AuditEntry.action)))
    finally:
        db.close()
    assert {"dossier.sent_by_post", "dossier.post_delivered"} <= actions


def test_a_result_collected_at_the_counter_has_no_post_block(cli: Cli) -> None:
    code = _receive(cli, by_post=False)
    assert "post" not in _lookup(cli, code)
    assert cli.json("post", "list", "--json", "--user", "admin") == []


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("check_digit", "sai số kiểm tra: chữ số thứ 11 là 9, theo chuẩn UPU S10 phải là 5"),
        ("short", "có 12 ký tự"),
        ("letters", "9 ký tự giữa (12345678X)"),
        ("country", "2 ký tự cuối (V1)"),
        ("not_ready", "chỉ gửi kết quả qua bưu chính khi kết quả đã về"),
        ("at_the_counter", "nhận kết quả tại Bộ phận Một cửa, không qua bưu chính"),
        ("twice", "mỗi kết quả chỉ gửi một lần"),
        ("used", f"Số hiệu bưu gửi {TRACKING} đã dùng cho hồ sơ"),
        ("not_sent", "chưa gửi kết quả qua bưu chính"),
        ("future", "ở tương lai"),
        ("before_sent", "trước lúc gửi bưu chính"),
        ("bad_time", "không đúng dạng"),
        ("delivered_twice", "bưu chính đã phát kết quả lúc"),
        ("unknown", "Không tìm thấy hồ sơ"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(cli: Cli, case: str, message: str) -> None:
    code = _receive(cli, ready=case != "not_ready", by_post=case != "at_the_counter")
    send = ["post", "send", code, "--user", "admin", "--tracking"]
    if case in ("twice", "future", "before_sent", "bad_time", "delivered_twice"):
        cli.ok(*send, TRACKING)
    if case == "used":
        cli.ok("post", "send", _receive(cli), "--tracking", TRACKING, "--user", "admin")
    if case == "delivered_twice":
        cli.ok("post", "delivered", code, "--user", "admin")
    yesterday = f"{datetime.now() - timedelta(days=1):%Y-%m-%d %H:%M}"
    argv = {
        "check_digit": [*send, "EB123456789VN"],
        "short": [*send, "EB12345678VN"],
        "letters": [*send, "EB12345678XVN"],
        "country": [*send, "EB123456785V1"],
        "not_ready": [*send, TRACKING],
        "at_the_counter": [*send, TRACKING],
        "twice": [*send, OTHER],
        "used": [*send, TRACKING],
        "not_sent": ["post", "delivered", code, "--user", "admin"],
        "future": ["post", "delivered", code, "--at", "2099-01-01 10:00", "--user", "admin"],
        "before_sent": ["post", "delivered", code, "--at", yesterday, "--user", "admin"],
        "bad_time": ["post", "delivered", code, "--at", "hôm qua", "--user", "admin"],
        "delivered_twice": ["post", "delivered", code, "--user", "admin"],
        "unknown": [*send[:2], "000.00.12.H01999999999", *send[3:], TRACKING],
    }[case]
    before = _written(cli)
    p = cli.run(*argv)
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert message in p.stderr and p.stderr.startswith("Lỗi: "), p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert _written(cli) == before


def test_only_the_returns_desk_sends(cli: Cli) -> None:
    from tests.cli.test_personal_data_commands import PASSWORD

    code = _receive(cli)
    db = Database.open(cli.data_dir)
    try:
        with db.write() as s:
            create_officer(s, "tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception"}), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    finally:
        db.close()
    before = _written(cli)
    p = cli.run(
        "post", "send", code, "--tracking", TRACKING, "--user", "tiepnhan",
        env={"MOTCUA_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert p.returncode == 1 and "không có quyền" in p.stderr, p.stderr
    assert _written(cli) == before
