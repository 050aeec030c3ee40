"""Enrolment is a trust boundary (issue 17 item 1): wrong passwords are counted and lock the
account, every source is rate-limited, an enrolled counter is never taken over by a second
enrolment (only after an explicit ``counter reset``, and its audit anchor is kept), an
administrator enrols only counters of its own agencies, and ``counter revoke`` takes effect on
the very next request. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.limits import API_PREFIX
from tests.sync.test_server_api import AGENCY, TEMPLATE, Device, _error
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

OTHER = "000.00.30.H02"


def _enrol_body(counter: str, agency: str = AGENCY, **over: Any) -> dict[str, Any]:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {
        "username": IT_USER,
        "password": IT_PASSWORD,
        "agency": agency,
        "counter": counter,
        "install_id": str(uuid.uuid4()),
        "public_key": public.hex(),
        "code_template": TEMPLATE,
        **over,
    }


def _http(server: ServerProcess) -> httpx.Client:
    return httpx.Client(base_url=server.url + API_PREFIX, timeout=20)


def _until_429(attempt: Callable[[int], httpx.Response], most: int = 200) -> list[int]:
    """The status codes of attempts up to the first 429, whose answer is checked."""
    codes = []
    for i in range(most):
        r = attempt(i)
        codes.append(r.status_code)
        if r.status_code == 429:
            _error(r, 429, "rate_limited")
            assert int(r.headers["retry-after"]) >= 1
            return codes
    raise AssertionError(f"never limited: {codes}")


def _add_admin(server: ServerProcess, username: str, *agency_args: str) -> None:
    out = server.admin(
        "officer",
        "add",
        username,
        "--name",
        "Cán bộ IT huyện",
        "--roles",
        "admin",
        "--no-change",
        *agency_args,
        env={"MOTCUA_NEW_PASSWORD": IT_PASSWORD},
    )
    assert out.returncode == 0, out.stderr


def test_wrong_enrolment_passwords_are_counted_and_lock_the_account(
    server: ServerProcess,
) -> None:
    http = _http(server)
    for _ in range(5):
        _error(
            http.post("/counters/enroll", json=_enrol_body("Q01", password="sai-mat-khau1")),
            401,
            "bad_credentials",
        )
    # the failures were committed: even the right password is refused now
    _error(http.post("/counters/enroll", json=_enrol_body("Q01")), 401, "locked")


def test_enrolment_is_rate_limited_per_source(sqlite_server: ServerProcess) -> None:
    """With the default burst (10). The limit is in the server's memory, whatever its
    database: SQLite only."""
    http = _http(sqlite_server)
    # no clock in the assertion: a slow machine regains an attempt now and then, but a flood
    # runs into the limit after its burst
    answers = _until_429(
        lambda i: http.post("/counters/enroll", json=_enrol_body("Q01", username=f"khong.co{i}"))
    )
    assert len(answers) > 10 and set(answers[:10]) == {401}, answers


def test_login_attempts_are_rate_limited_per_source(tmp_path: Path) -> None:
    """The limit is in the server's memory, whatever its database; a smaller burst than the
    default (30) spares the test thirty Argon2id checks."""
    srv = ServerProcess(
        f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs", extra=("--login-burst", "8")
    ).start()
    try:
        srv.ensure_admin()
        _login_flood(Device(srv, "Q01"))
    finally:
        srv.stop()
    bad = ServerProcess(
        f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "blobs", extra=("--login-burst", "0")
    )
    with pytest.raises(RuntimeError, match="--login-burst"):
        bad.start()


def _login_flood(dev: Device) -> None:
    codes = _until_429(
        lambda i: dev.http.post(
            "/login", json={"username": f"khong.co{i}", "password": "sai-mat-khau1"}
        )
    )
    assert len(codes) > 8 and set(codes[:8]) == {401}, codes


def test_an_enrolled_counter_is_not_taken_over_and_keeps_its_audit_anchor(
    server: ServerProcess,
) -> None:
    q1 = Device(server, "Q01")
    anchor = {"seq": 7, "mac": "ab" * 32}
    assert q1.http.post("/audit-anchor", json=anchor).status_code == 200
    http = _http(server)
    # the right admin password, a new key and installation: refused, nothing changes
    _error(http.post("/counters/enroll", json=_enrol_body("Q01")), 409, "counter_enrolled")
    assert q1.http.get("/changes").status_code == 200
    assert q1.http.get("/audit-anchor").json() == anchor

    bad = server.admin("counter", "reset", AGENCY, "Q99")
    assert bad.returncode == 1 and "Q99" in bad.stderr and "Traceback" not in bad.stderr
    out = server.admin("counter", "reset", AGENCY, "Q01")
    assert out.returncode == 0, out.stderr
    r = http.post("/counters/enroll", json=_enrol_body("Q01"))
    assert r.status_code == 200, r.text
    # the old installation is out at once; the reset allowed exactly one enrolment
    _error(q1.http.get("/changes"), 401, "unauthenticated")
    _error(http.post("/counters/enroll", json=_enrol_body("Q01")), 409, "counter_enrolled")
    # the old installation's anchor is kept, with the key and installation it belonged to
    engine = sa.create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            kept = conn.execute(sa.text("SELECT seq, mac, key_id FROM retired_audit_anchors")).all()
    finally:
        engine.dispose()
    assert [(s, m) for s, m, _k in kept] == [(7, anchor["mac"])]
    assert kept[0][2] == q1.enrolment["key_id"]


def test_an_admin_enrols_only_counters_of_its_agencies(server: ServerProcess) -> None:
    Device(server, "Q01")  # the agency exists, enrolled by the province's IT
    _add_admin(server, "it.huyen", "--agency", OTHER)
    http = _http(server)
    mine = http.post("/counters/enroll", json=_enrol_body("K01", OTHER, username="it.huyen"))
    assert mine.status_code == 200, mine.text
    for counter in ("Q01", "Q02"):  # an enrolled counter of another agency, or a new one
        _error(
            http.post("/counters/enroll", json=_enrol_body(counter, username="it.huyen")),
            403,
            "not_your_agency",
        )


def test_revoking_a_counter_takes_effect_on_its_next_request(server: ServerProcess) -> None:
    q1 = Device(server, "Q01")
    assert q1.http.get("/changes").status_code == 200
    out = server.admin("counter", "revoke", AGENCY, "Q01")
    assert out.returncode == 0, out.stderr
    r = q1.http.get("/changes")
    assert r.status_code in (401, 403), r.text
    assert r.json()["error"]["code"] in ("counter_revoked", "unauthenticated")
    # it cannot come back by itself, nor be enrolled again without a reset
    _error(_http(server).post("/counters/enroll", json=_enrol_body("Q01")), 409, "counter_enrolled")
    assert server.admin("counter", "reset", AGENCY, "Q01").returncode == 0
    assert _http(server).post("/counters/enroll", json=_enrol_body("Q01")).status_code == 200


def test_the_counter_says_how_to_enrol_a_reinstalled_counter(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    from tests.clitools import Cli

    outcomes = []
    for install in ("cu", "moi"):  # the same counter, installed twice
        cli = Cli(tmp_path / install)
        cli.ok(*f"init --province an-giang --agency {AGENCY} --counter Q01".split(),
               "--server", sqlite_server.url, "--admin-user", "admin")  # fmt: skip
        outcomes.append(cli.run("enroll", "--user", IT_USER, env={"MOTCUA_PASSWORD": IT_PASSWORD}))
    assert outcomes[0].returncode == 0, outcomes[0].stderr
    refused = outcomes[1]
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"counter reset {AGENCY} Q01" in refused.stderr, refused.stderr
