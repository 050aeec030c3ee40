"""`motcua feedback add|list|update|answer|publish` (issue 20 item 3; QĐ 84/2025 Quảng Ninh
Điều 17.3.b, 18): the register with its clocks, and bad input refused in Vietnamese with
nothing written (no item, no entry, no audit entry)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.store.clock import local_now
from desktop.store.db import Database
from desktop.store.models import AuditEntry, FeedbackEntryRow, FeedbackItem
from tests.clitools import Cli
from tests.conftest import minimal_form

TEXT = "Hồ sơ trễ hẹn 3 ngày mà không có thư xin lỗi"
NAME = "Trần Thị Bích"


def _counts(cli: Cli) -> tuple[int, int, int]:
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            items, entries = (
                int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in (FeedbackItem, FeedbackEntryRow)
            )
            audited = s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action.like("feedback.%"), AuditEntry.action != "feedback.listed")
            )
            return items, entries, int(audited or 0)
    finally:
        db.close()


def _add(cli: Cli, *extra: str) -> dict[str, object]:
    out: dict[str, object] = cli.json(
        "feedback", "add", "--text", TEXT, "--from-name", NAME, "--user", "admin", "--json",
        *extra,
    )  # fmt: skip
    return out


def test_the_register_through_its_states(cli: Cli) -> None:
    code = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))[
        "code"
    ]
    added = _add(cli, "--phone", "0912 345 678", "--dossier", code, "--channel", "phone")
    assert added["state"] == "open" and added["dossier"] == code
    assert added["phone"] == "0912345678" and added["channel"] == "phone"
    assert added["answer_due_at"] and added["next_update_due_at"] is None
    fid = str(added["id"])
    (listed,) = cli.json("feedback", "list", "--open", "--json", "--user", "admin")
    for key in ("id", "received_at", "answer_due_at", "next_update_due_at", "state", "dossier"):
        assert key in listed
    assert listed["id"] == fid and listed["sync"] == "pending"  # no server configured
    updated = cli.json(
        "feedback", "update", fid[:8], "--text", "Đã chuyển phòng chuyên môn", "--user", "admin",
        "--json",
    )  # fmt: skip
    assert updated["updates"] == 1 and updated["state"] == "open"
    answered = cli.json(
        "feedback", "answer", fid, "--text", "Đã xin lỗi và trả kết quả", "--user", "admin",
        "--json",
    )  # fmt: skip
    assert answered["state"] == "answered" and answered["answered_late"] is False
    assert answered["publish_due_at"]
    assert cli.json("feedback", "list", "--open", "--json", "--user", "admin") == []
    published = cli.json("feedback", "publish", fid, "--user", "admin", "--json")
    assert published["state"] == "published" and published["due_at"] is None
    # the audit log names the item by its id, never the citizen, the phone or the text
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action.like("feedback%"))))
    finally:
        db.close()
    assert {e.action for e in entries} >= {
        "feedback.added", "feedback.progress", "feedback.answered", "feedback.published",
    }  # fmt: skip
    blob = json.dumps([[e.target, e.detail] for e in entries], ensure_ascii=False)
    assert NAME not in blob and "0912345678" not in blob and TEXT not in blob


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--text", "   "), "không được để trống"),
        (("--received-at", "2999-01-01 08:00"), "tương lai"),
        (("--dossier", "000.00.12.H01-999999-9999"), "Không tìm thấy hồ sơ"),
        (("--phone", "12345"), "Số điện thoại không hợp lệ"),
        (("--received-at", "hôm qua"), "không đúng dạng"),
        (("--text", "có ký tự \u202e lạ"), "không được phép"),
        (("--text", "x" * 4001), "quá dài"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    cli: Cli, args: tuple[str, ...], words: str
) -> None:
    before = _counts(cli)
    base = {"--text": TEXT, "--from-name": NAME}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    flat = [x for kv in base.items() for x in kv]
    p = cli.run("feedback", "add", *flat, "--user", "admin")
    assert p.returncode == 1, p.stderr
    assert words in p.stderr and "Traceback" not in p.stderr
    assert _counts(cli) == before


def test_answering_twice_is_refused_and_nothing_is_written(cli: Cli) -> None:
    fid = str(_add(cli)["id"])
    cli.ok("feedback", "answer", fid, "--text", "Đã giải quyết", "--user", "admin")
    before = _counts(cli)
    for args in (
        ("answer", fid, "--text", "Lần hai"),
        ("update", fid, "--text", "Sau khi đã trả lời"),
        ("answer", fid, "--text", " "),
        ("answer", "12345678", "--text", "Không có"),
    ):
        p = cli.run("feedback", *args, "--user", "admin")
        assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
        assert p.stderr.startswith("Lỗi: ")
    assert _counts(cli) == before


def test_a_late_item_shows_its_progress_clock(cli: Cli) -> None:
    long_ago = (local_now() - timedelta(days=40)).strftime("%Y-%m-%d %H:%M")
    added = _add(cli, "--received-at", long_ago)
    assert added["overdue"] is True and added["next_update_due_at"] is not None
    text = cli.ok("feedback", "list", "--user", "admin")
    assert "QUÁ HẠN" in text and "Điều 18" in text


def test_a_receptionist_enters_and_updates_but_only_a_supervisor_answers(cli: Cli) -> None:
    out = cli.run(
        "officer", "add", "tiepnhan", "--name", "Cán bộ", "--roles", "reception", "--user",
        "admin", env={"MOTCUA_NEW_PASSWORD": "Batdau2026"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    other = {"MOTCUA_PASSWORD": "Moi2026abc"}
    out = cli.run(
        "password", "--user", "tiepnhan",
        env={"MOTCUA_PASSWORD": "Batdau2026", "MOTCUA_NEW_PASSWORD": other["MOTCUA_PASSWORD"]},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    p = cli.run(
        "feedback", "add", "--text", TEXT, "--from-name", NAME, "--user", "tiepnhan", "--json",
        env=other,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    fid = json.loads(p.stdout)["id"]
    p = cli.run("feedback", "update", fid, "--text", "Đang xử lý", "--user", "tiepnhan", env=other)
    assert p.returncode == 0, p.stderr
    before = _counts(cli)
    p = cli.run("feedback", "answer", fid, "--text", "Xong", "--user", "tiepnhan", env=other)
    assert p.returncode == 1 and "không có quyền" in p.stderr
    assert _counts(cli) == before


def test_supervisors_see_the_register_in_the_statistics(cli: Cli) -> None:
    now = local_now()
    long_ago = (now - timedelta(days=40)).strftime("%Y-%m-%d %H:%M")
    _add(cli, "--received-at", long_ago)  # open and overdue
    late = str(_add(cli, "--received-at", long_ago)["id"])
    fresh = str(_add(cli)["id"])
    for fid in (late, fresh):
        cli.ok("feedback", "answer", fid, "--text", "Đã trả lời", "--user", "admin")
    first = (now - timedelta(days=60)).strftime("%Y-%m-%d")
    args = ("stats", "--from", first, "--to", now.strftime("%Y-%m-%d"), "--json")
    got = cli.json(*args, "--user", "admin")["feedback"]
    assert got == {
        "received": 3, "answered": 2, "answered_on_time": 1, "answered_late": 1,
        "published": 0, "published_late": 0, "open": 1, "overdue": 1,
    }  # fmt: skip
    assert cli.json(*args, "--by", "day", "--user", "admin")["feedback"] == got
    assert cli.json(*args, "--by", "officer", "--user", "admin")["feedback"] == got
