"""Officers sign in online when the server answers (their account and verifier come down, the
session token goes to the keyring) and offline with the same password when it does not."""

from __future__ import annotations

from pathlib import Path

from tests.clitools import Cli
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess


def test_online_then_offline_sign_in_with_the_same_password(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    created = sqlite_server.admin(
        "officer",
        "add",
        "canbo.lan",
        "--name",
        "Phạm Thị Lan",
        "--roles",
        "reception,returns",
        # no agency exists before the first enrolment: the officer's must be named
        "--agency",
        "000.00.12.H01",
        env={"MOTCUA_NEW_PASSWORD": "Lan2026abc"},
    )
    assert created.returncode == 0, created.stderr
    cli = Cli(tmp_path / "Q01")
    cli.ok(
        "init",
        "--province",
        "an-giang",
        "--agency",
        "000.00.12.H01",
        "--counter",
        "Q01",
        "--server",
        sqlite_server.url,
        "--admin-user",
        "admin",
    )
    assert (
        cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD}).returncode == 0
    )
    lan = {"MOTCUA_PASSWORD": "Lan2026abc"}
    bad = cli.run("login", "--user", "canbo.lan", env={"MOTCUA_PASSWORD": "sai-mat-khau9"})
    assert bad.returncode == 1 and "không đúng" in bad.stderr
    p = cli.run("login", "--user", "canbo.lan", "--json", env=lan)
    assert p.returncode == 0, p.stderr
    assert '"online": true' in p.stdout and "Phạm Thị Lan" in p.stdout
    # first login: she must choose her own password (Kiên Giang QĐ 921 Điều 19), online
    p = cli.run(
        "password", "--user", "canbo.lan", env={**lan, "MOTCUA_NEW_PASSWORD": "LanMoi2026x"}
    )
    assert p.returncode == 0 and "máy chủ tỉnh" in p.stdout, p.stderr
    sqlite_server.stop()
    p = cli.run("login", "--user", "canbo.lan", "--json", env={"MOTCUA_PASSWORD": "LanMoi2026x"})
    assert p.returncode == 0 and '"online": false' in p.stdout, p.stderr
    assert cli.run("login", "--user", "canbo.lan", env=lan).returncode == 1
