"""The ``motcua`` command end to end: stable JSON keys, clear errors, no writes on bad input."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desktop import __version__
from tests.clitools import Cli
from tests.conftest import design_friday, minimal_form


def _count(cli: Cli, table: str = "dossiers") -> int:
    with sqlite3.connect(cli.data_dir / "motcua.db") as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_version(tmp_path: Path) -> None:
    out = Cli(tmp_path).run("--version", data_dir=False)
    assert out.returncode == 0 and __version__ in out.stdout


def test_calendar_due_matches_the_design_check(tmp_path: Path) -> None:
    out = Cli(tmp_path).run(
        "calendar",
        "due",
        "--province",
        "an-giang",
        "--received",
        "2023-10-27T09:32",
        "--limit",
        "5d",
        data_dir=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2023-11-03T09:32"
    out = Cli(tmp_path).run(
        "calendar",
        "due",
        "--province",
        "an-giang",
        "--received",
        "2023-10-27T16:30",
        "--limit",
        "4h",
        "--channel",
        "2",
        "--json",
        data_dir=False,
    )
    # An Giang Điều 15.4: online after 16:00 counts from 07:00 next working day (Mon 30/10).
    assert json.loads(out.stdout)["due_at"] == "2023-10-30T11:00"


def test_catalog_list_json_has_stable_keys(cli: Cli) -> None:
    items = cli.json("catalog", "list", "--json")
    assert len(items) >= 18
    assert {"code", "name", "field", "limit"} <= items[0].keys()
    assert any(i["limit"].endswith("h") for i in items)
    assert any(i["limit"].endswith("d") for i in items)
    found = cli.json("catalog", "list", "chung thuc ban sao", "--json")
    assert found[0]["code"] == "2.000815"


def test_receive_lookup_result_ready_and_return(cli: Cli) -> None:
    friday = design_friday(cli.data_dir)  # as the design check's Friday 27/10/2023
    form = {**minimal_form(), "received_at": f"{friday}T09:32", "procedure": "1.001612"}
    out = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))
    assert {"id", "code", "received_at", "due_at", "status"} <= out.keys()
    assert out["code"] == f"000.00.12.H01{friday:%d%m%y}001"
    # 3 working days: Fri 09:32 → Wed 09:32 (27/10/2023 → 01/11/2023 in the design check)
    wednesday = friday + timedelta(days=5)
    assert out["received_at"] == f"{friday}T09:32" and out["due_at"] == f"{wednesday}T09:32"
    assert out["status"] == 2
    found = cli.json("lookup", "089085001234", "--json", "--user", "admin")
    assert [d["code"] for d in found] == [out["code"]]
    assert {"applicant", "attachments", "events"} <= found[0].keys()
    assert found[0]["applicant"]["name"] == "Nguyễn Văn An"
    assert cli.json("result-ready", out["code"], "--user", "admin")["status"] == 9
    back = cli.json(
        "return",
        out["code"],
        "--receiver-name",
        "Nguyễn Văn An",
        "--receiver-id",
        "089085001234",
        "--user",
        "admin",
    )
    assert back["status"] == 10
    events = cli.json("lookup", out["code"], "--json", "--user", "admin")[0]["events"]
    assert [e["type"] for e in events] == ["received", "result_received", "result_returned"]


def test_receive_a_batch_prints_one_line_per_dossier(cli: Cli, tmp_path: Path) -> None:
    day = design_friday(cli.data_dir)
    batch = tmp_path / "batch.json"
    batch.write_text(
        json.dumps([{**minimal_form(), "received_at": f"{day}T10:0{i}"} for i in range(3)]),
        encoding="utf-8",
    )
    lines = cli.ok("receive", "--json", str(batch), "--user", "admin").splitlines()
    assert [json.loads(x)["code"][-3:] for x in lines] == ["001", "002", "003"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({**minimal_form(), "procedure": "9.999999"}, "Không có thủ tục"),
        (minimal_form(id_number="12AB"), "Số giấy tờ '12AB' không hợp lệ"),
        (
            {
                "procedure": "2.000815",
                "applicant": {"id_number": "089085001234", "address": "Số 1 Lê Lợi"},
            },
            "họ tên",
        ),
        ("{not json", "không phải JSON hợp lệ"),
        ([minimal_form(), minimal_form(name="")], "Hồ sơ thứ 2"),
        ({**minimal_form(), "received_at": "2099-01-01T09:00"}, "tương lai"),
    ],
)
def test_bad_input_is_refused_clearly_and_writes_nothing(
    cli: Cli, payload: object, message: str
) -> None:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    p = cli.run("receive", "--json", "-", "--user", "admin", stdin=text)
    assert p.returncode != 0
    assert message in p.stderr and "Traceback" not in p.stderr
    assert p.stdout == ""
    assert _count(cli) == 0 and _count(cli, "events") == 0 and _count(cli, "outbox") == 0


def test_wrong_password_and_missing_init_are_explained(cli: Cli, tmp_path: Path) -> None:
    p = cli.run("result-ready", "X", "--user", "admin", env={"MOTCUA_PASSWORD": "sai-mat-khau1"})
    assert p.returncode == 1 and "mật khẩu không đúng" in p.stderr
    p = Cli(tmp_path / "empty").run("lookup", "abc", "--user", "admin")
    assert p.returncode == 1 and "motcua init" in p.stderr
    p = cli.run("init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q02")
    assert p.returncode == 1 and "đã có dữ liệu" in p.stderr


def test_bad_profile_file_and_bad_agency_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "hong.toml"
    bad.write_text('id = "hong"\nname = "Tỉnh hỏng"\n', encoding="utf-8")
    c = Cli(tmp_path / "data")
    p = c.run("init", "--province", str(bad), "--agency", "000.00.12.H01", "--counter", "Q01")
    assert p.returncode == 1 and "Hồ sơ tỉnh hong.toml không hợp lệ" in p.stderr
    assert "Traceback" not in p.stderr
    assert not (c.data_dir / "motcua.db").exists()
    # An Giang's code layout needs exactly 13 characters of agency code (Điều 7.3.a).
    p = c.run("init", "--province", "an-giang", "--agency", "000.00.12.H1", "--counter", "Q01")
    assert p.returncode == 1 and "13 ký tự" in p.stderr
    assert not (c.data_dir / "motcua.db").exists()


def test_officer_must_change_password_at_first_login(cli: Cli) -> None:
    p = cli.run(
        "officer",
        "add",
        "tiepnhan",
        "--name",
        "Lê Thị Hạnh",
        "--roles",
        "reception",
        "--user",
        "admin",
        env={"MOTCUA_NEW_PASSWORD": "Batdau2026"},
    )
    assert p.returncode == 0, p.stderr
    form = json.dumps(minimal_form())
    officer = {"MOTCUA_PASSWORD": "Batdau2026"}
    p = cli.run("receive", "--json", "-", "--user", "tiepnhan", stdin=form, env=officer)
    assert p.returncode == 1 and "đổi mật khẩu" in p.stderr
    p = cli.run(
        "password", "--user", "tiepnhan", env={**officer, "MOTCUA_NEW_PASSWORD": "Moi2026abc"}
    )
    assert p.returncode == 0, p.stderr
    p = cli.run(
        "receive",
        "--json",
        "-",
        "--user",
        "tiepnhan",
        stdin=form,
        env={"MOTCUA_PASSWORD": "Moi2026abc"},
    )
    assert p.returncode == 0, p.stderr
    p = cli.run(
        "result-ready",
        json.loads(p.stdout)["code"],
        "--user",
        "tiepnhan",
        env={"MOTCUA_PASSWORD": "Moi2026abc"},
    )
    assert p.returncode == 1 and "không có quyền" in p.stderr


def test_demo_loads_a_catalog_and_sample_dossiers(tmp_path: Path) -> None:
    c = Cli(tmp_path / "demo")
    assert c.run("demo", "--dossiers", "6").returncode == 0
    assert _count(c) == 6
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:
        statuses = {r[0] for r in conn.execute("SELECT status FROM dossiers")}
        codes = [r[0] for r in conn.execute("SELECT code FROM dossiers")]
    assert statuses == {2, 9, 10}
    assert len(set(codes)) == 6 and all(code.startswith("000.00.12.H01") for code in codes)


def test_announced_day_off_moves_appointments(cli: Cli) -> None:
    # a Friday as the design check's 27/10/2023; announce the Monday after as a day off
    friday = design_friday(cli.data_dir)
    cli.ok(
        "calendar",
        "set",
        str(friday + timedelta(days=3)),
        "--day-off",
        "--note",
        "Thông báo số 1/TB-UBND",
        "--user",
        "admin",
    )
    form = {**minimal_form(), "procedure": "1.001612", "received_at": f"{friday}T09:32"}
    out = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))
    # 3 working days: Tuesday, Wednesday, Thursday (31/10, 1/11, 2/11 in the design check)
    assert out["due_at"] == f"{friday + timedelta(days=6)}T09:32"
    p = cli.run(
        "calendar", "set", "30-10-2023", "--day-off", "--note", "Thông báo", "--user", "admin"
    )
    assert p.returncode == 1 and "YYYY-MM-DD" in p.stderr


@pytest.mark.parametrize(
    ("username", "roles", "said"),
    [
        ("tiepnhan2", "reception,boss", "Vai trò không hợp lệ"),
        ("Cán Bộ", "reception", "không hợp lệ"),
        ("admin", "reception", "đã tồn tại"),
    ],
)
def test_a_bad_new_account_is_a_refusal_not_a_bug(
    cli: Cli, username: str, roles: str, said: str
) -> None:
    """Was a bare ValueError, which the command line (rightly, since issue 24) calls a bug:
    exit 70 and a bug report for a typing mistake by the administrator."""
    p = cli.run(
        "officer",
        "add",
        username,
        "--name",
        "Lê Thị Hạnh",
        "--roles",
        roles,
        "--user",
        "admin",
        env={"MOTCUA_NEW_PASSWORD": "Batdau2026"},
    )
    assert p.returncode == 1 and said in p.stderr, p.stderr
    assert not (cli.data_dir / "logs" / "errors.log").exists()
