"""Officers belong to agencies (issue 17 item 8): they sign in only at counters of agencies they
were given, a counter's feed carries only the verifiers of officers allowed at its agency, and
wrong guesses at one counter lock the account at that counter, not everywhere (with a
province-wide ceiling). On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from sync.server.db import ServerDatabase
from sync.server.models import OfficerAgencyRow
from tests.sync.test_server_api import AGENCY, Device, _error
from tests.synctools import ServerProcess

OTHER = "000.00.30.H02"
LAN = "Lan2026abc"


def _add(server: ServerProcess, username: str, *extra: str) -> Any:
    return server.admin(
        "officer",
        "add",
        username,
        "--name",
        "Phạm Thị Lan",
        "--roles",
        "reception",
        "--no-change",
        *extra,
        env={"MOTCUA_NEW_PASSWORD": LAN},
    )


def _login(dev: Device, username: str, password: str = LAN) -> Any:
    return dev.http.post("/login", json={"username": username, "password": password})


def _feed_officers(dev: Device) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cursor = None
    while True:
        page = dev.http.get("/changes", params={"cursor": cursor} if cursor else {}).json()
        for item in page["items"]:
            if item["kind"] == "officer":
                out[item["officer"]["username"]] = item["officer"]
        cursor = page["cursor"]
        if not page["more"]:
            return out


def test_officers_sign_in_only_at_counters_of_their_agencies(server: ServerProcess) -> None:
    q1, k1 = Device(server, "Q01"), Device(server, "K01", agency=OTHER)
    # two agencies exist: an officer must be given one
    missing = _add(server, "canbo.lan")
    assert missing.returncode == 1 and "--agency" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert _add(server, "canbo.lan", "--agency", AGENCY).returncode == 0
    assert _login(q1, "canbo.lan").status_code == 200
    _error(_login(k1, "canbo.lan"), 401, "bad_credentials")
    # five more tries at the other agency's counter lock nothing anywhere
    for _ in range(5):
        _error(_login(k1, "canbo.lan", "sai-mat-khau1"), 401, "bad_credentials")
    assert _login(q1, "canbo.lan").status_code == 200

    assert "canbo.lan" in _feed_officers(q1)
    assert "canbo.lan" not in _feed_officers(k1)

    out = server.admin("officer", "grant", "canbo.lan", OTHER)
    assert out.returncode == 0, out.stderr
    assert _login(k1, "canbo.lan").status_code == 200
    assert _feed_officers(k1)["canbo.lan"]["verifier"]
    out = server.admin("officer", "ungrant", "canbo.lan", OTHER)
    assert out.returncode == 0, out.stderr
    _error(_login(k1, "canbo.lan"), 401, "bad_credentials")
    # the agency's counters are told at once: the account is no longer theirs
    gone = _feed_officers(k1)["canbo.lan"]
    assert gone["active"] is False and not gone["verifier"]
    bad = server.admin("officer", "grant", "khong.co", OTHER)
    assert bad.returncode == 1 and "khong.co" in bad.stderr


def test_wrong_guesses_lock_an_account_at_that_counter_only(server: ServerProcess) -> None:
    counters = [Device(server, f"Q0{i}") for i in range(1, 6)]
    assert _add(server, "canbo.lan").returncode == 0  # one agency: it is the officer's
    first = counters[0]
    for _ in range(5):
        _error(_login(first, "canbo.lan", "sai-mat-khau1"), 401, "bad_credentials")
    _error(_login(first, "canbo.lan"), 401, "locked")
    assert _login(counters[1], "canbo.lan").status_code == 200
    # a province-wide ceiling still holds when many counters guess
    for dev in counters[1:4]:
        for _ in range(5):
            _login(dev, "canbo.lan", "sai-mat-khau1")
    _error(_login(counters[4], "canbo.lan"), 401, "locked")


def test_accounts_from_before_agencies_are_named_at_start_and_sign_in_nowhere(
    server: ServerProcess,
) -> None:
    """A database from before officers belonged to agencies: its accounts are not guessed into
    any agency (that could open another agency's counters to them); the server says at start how
    many wait for 'officer grant', and they cannot sign in until then."""
    dev = Device(server, "Q01")
    assert _add(server, "lan.pham", "--agency", AGENCY).returncode == 0
    db = ServerDatabase(server.db_url)
    try:
        with db.write() as s:  # as an older server left it: no agency rows
            s.execute(delete(OfficerAgencyRow).where(OfficerAgencyRow.agency == AGENCY))
    finally:
        db.engine.dispose()
    server.stop()
    server.start()
    assert "1 tài khoản cán bộ chưa thuộc cơ quan nào" in server.log.read_text(encoding="utf-8")
    _error(_login(dev, "lan.pham"), 401, "bad_credentials")
    assert server.admin("officer", "grant", "lan.pham", AGENCY).returncode == 0
    assert _login(dev, "lan.pham").status_code == 200
