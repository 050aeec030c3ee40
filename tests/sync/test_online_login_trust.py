"""When the provincial server answers a sign-in, its answer stands (issue 17 item 7): a disabled
officer, or a password the server no longer accepts, is refused at once and the counter's own
copy of the account is blocked, so the same password does not work offline either. Only no
answer at all lets the counter check the password itself."""

from __future__ import annotations

from pathlib import Path

from tests.clitools import Cli
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

AGENCY = "000.00.12.H01"
LAN = {"MOTCUA_PASSWORD": "Lan2026abc"}


def _counter(server: ServerProcess, root: Path, counter: str) -> Cli:
    cli = Cli(root / counter)
    cli.ok(
        "init",
        "--province",
        "an-giang",
        "--agency",
        AGENCY,
        "--counter",
        counter,
        "--server",
        server.url,
        "--admin-user",
        "admin",
    )
    p = cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD})
    assert p.returncode == 0, p.stderr
    return cli


def _officer(server: ServerProcess) -> None:
    out = server.admin(
        "officer",
        "add",
        "canbo.lan",
        "--name",
        "Phạm Thị Lan",
        "--roles",
        "reception",
        "--no-change",
        env={"MOTCUA_NEW_PASSWORD": LAN["MOTCUA_PASSWORD"]},
    )
    assert out.returncode == 0, out.stderr


def test_a_disabled_officer_is_refused_while_the_server_answers(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    cli = _counter(sqlite_server, tmp_path, "Q01")
    _officer(sqlite_server)
    p = cli.run("login", "--user", "canbo.lan", "--json", env=LAN)
    assert p.returncode == 0 and '"online": true' in p.stdout, p.stderr
    assert sqlite_server.admin("officer", "disable", "canbo.lan").returncode == 0
    p = cli.run("login", "--user", "canbo.lan", "--json", env=LAN)
    assert p.returncode == 1 and "vô hiệu" in p.stderr, p.stdout + p.stderr
    # the counter's copy was blocked at once: no offline sign-in once the server is gone
    sqlite_server.stop()
    p = cli.run("login", "--user", "canbo.lan", "--json", env=LAN)
    assert p.returncode == 1, p.stdout
    # the counter's own administrator (an account of this counter only) still signs in
    assert cli.run("login", "--user", "admin").returncode == 0


def test_a_password_the_server_refuses_is_refused_and_not_kept(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = _counter(sqlite_server, tmp_path, "Q01")
    q2 = _counter(sqlite_server, tmp_path, "Q02")
    _officer(sqlite_server)
    assert q1.run("login", "--user", "canbo.lan", env=LAN).returncode == 0
    # she changes her password at another counter; Q01 has not heard of it yet
    assert q2.run("login", "--user", "canbo.lan", env=LAN).returncode == 0
    p = q2.run("password", "--user", "canbo.lan", env={**LAN, "MOTCUA_NEW_PASSWORD": "LanMoi2026x"})
    assert p.returncode == 0 and "máy chủ tỉnh" in p.stdout, p.stderr
    p = q1.run("login", "--user", "canbo.lan", "--json", env=LAN)
    assert p.returncode == 1 and "không đúng" in p.stderr, p.stdout
    sqlite_server.stop()
    # the old password is no longer good here, online or not
    assert q1.run("login", "--user", "canbo.lan", env=LAN).returncode == 1
    # while the server is down the counter's own administrator still signs in
    assert q1.run("login", "--user", "admin").returncode == 0


def test_the_counters_own_accounts_sign_in_while_the_server_answers(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    cli = _counter(sqlite_server, tmp_path, "Q01")
    p = cli.run("login", "--user", "admin", "--json")
    assert p.returncode == 0 and '"online": false' in p.stdout, p.stderr
