"""``motcua payee set|show``: an administrator sets the office's fee account, audited; anyone
else is refused; a bad BIN or account number stores nothing."""

from __future__ import annotations

import pytest

from tests.clitools import Cli

PAYEE = ("--bank-bin", "970405", "--account", "6380201001234")
NAME = "Trung tâm Phục vụ hành chính công tỉnh An Giang"


OTHER = {"MOTCUA_PASSWORD": "Moi2026abc"}


def _add_officer(cli: Cli, name: str, roles: str) -> None:
    """An officer with only ``roles``, past the first sign-in's password change."""
    out = cli.run(
        "officer", "add", name, "--name", "Cán bộ", "--roles", roles, "--user", "admin",
        env={"MOTCUA_NEW_PASSWORD": "Batdau2026"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = cli.run(
        "password", "--user", name,
        env={"MOTCUA_PASSWORD": "Batdau2026", "MOTCUA_NEW_PASSWORD": OTHER["MOTCUA_PASSWORD"]},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr


def test_admin_sets_it_show_reads_it_and_the_audit_names_it(cli: Cli) -> None:
    assert "Chưa đặt tài khoản nhận phí" in cli.ok("payee", "show")
    assert cli.json("payee", "show", "--json") is None
    out = cli.ok("payee", "set", *PAYEE, "--name", NAME, "--user", "admin")
    assert "6380201001234" in out and "Agribank" in out
    shown = cli.json("payee", "show", "--json")
    assert shown["bank_bin"] == "970405" and shown["account"] == "6380201001234"
    assert shown["name"] == NAME and shown["source"] == "counter"
    text = cli.ok("payee", "show")
    assert "Agribank (BIN 970405)" in text and NAME in text
    log = cli.ok("audit", "list", "--json", "--user", "admin")
    assert '"payee.changed"' in log and "6380201001234" in log


@pytest.mark.parametrize("role", ["reception", "returns", "supervisor"])
def test_only_an_administrator_may_set_it(cli: Cli, role: str) -> None:
    _add_officer(cli, "cb.khac", role)
    out = cli.run("payee", "set", *PAYEE, "--name", NAME, "--user", "cb.khac", env=OTHER)
    assert out.returncode == 1 and "không có quyền" in out.stderr
    assert "Traceback" not in out.stderr
    assert cli.json("payee", "show", "--json") is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--bank-bin", "97040", "--account", "123"), "6 chữ số"),
        (("--bank-bin", "970405x", "--account", "123"), "6 chữ số"),
        (("--bank-bin", "970405", "--account", "123 456"), "Số tài khoản"),
        (("--bank-bin", "970405", "--account", "1" * 20), "Số tài khoản"),
    ],
)
def test_a_bad_bin_or_account_exits_1_and_stores_nothing(
    cli: Cli, args: tuple[str, ...], said: str
) -> None:
    cli.ok("payee", "set", *PAYEE, "--name", NAME, "--user", "admin")
    before = cli.json("payee", "show", "--json")
    out = cli.run("payee", "set", *args, "--name", NAME, "--user", "admin")
    assert out.returncode == 1 and said in out.stderr and "Traceback" not in out.stderr
    assert cli.json("payee", "show", "--json") == before


def test_an_empty_name_is_refused(cli: Cli) -> None:
    out = cli.run("payee", "set", *PAYEE, "--name", "  ", "--user", "admin")
    assert out.returncode == 1 and "Tên tài khoản" in out.stderr
    assert cli.json("payee", "show", "--json") is None
