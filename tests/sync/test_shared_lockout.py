"""Guessing passwords across instances (issue 23): a guesser whose attempts land on two server
processes in turn, as behind a load balancer, is locked out and rate-limited at the same count
as against one process — the counts live in the shared database, not in each process's memory
(sync/server/ratelimit.py, the lockouts of sync/server/auth.py)."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from sync.limits import API_PREFIX
from sync.server.auth import MAX_FAILURES
from tests.synctools import IT_USER, ServerProcess

BURST = 8  # enrolment attempts from one address before 429 (--enrol-burst)


def _attempt(url: str, forwarded: str | None = None) -> tuple[int, str]:
    body = {
        "username": IT_USER,
        "password": "not-the-password-1",
        "agency": "000.00.12.H01",
        "counter": "Q01",
        "install_id": str(uuid.uuid4()),
        "public_key": "ab" * 32,
        "code_template": "{agency}{date:%d%m%y}{seq:03d}",
    }
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    r = httpx.post(f"{url}{API_PREFIX}/counters/enroll", json=body, headers=headers, timeout=30)
    return r.status_code, r.json()["error"]["code"]


def test_guesses_spread_over_two_instances_are_counted_as_on_one(
    db_url: str, tmp_path: Path
) -> None:
    flags = ("--enrol-burst", str(BURST))
    a = ServerProcess(db_url, tmp_path / "a-blobs", extra=flags).start()
    try:
        a.ensure_admin()
        b = ServerProcess(db_url, tmp_path / "b-blobs", extra=flags).start()
        try:
            got = [_attempt((a, b)[i % 2].url) for i in range(BURST + 2)]
        finally:
            b.stop()
    finally:
        a.stop()
    # five wrong passwords lock the account for this address, whichever instance saw them; the
    # address has BURST attempts in all, then waits
    expected = (
        [(401, "bad_credentials")] * MAX_FAILURES
        + [(401, "locked")] * (BURST - MAX_FAILURES)
        + [(429, "rate_limited")] * 2
    )
    assert got == expected


def test_x_forwarded_for_counts_only_from_a_trusted_proxy(tmp_path: Path) -> None:
    """Behind a load balancer the per-address limit must see each counter's address
    (X-Forwarded-For), but a client that is not the balancer must not pick its own address
    for every guess (`--trusted-proxies`, README "Running a province")."""
    flags = ("--enrol-burst", "2")

    def attempts(server: ServerProcess) -> list[int]:
        return [_attempt(server.url, f"10.0.0.{i + 1}")[0] for i in range(4)]

    trusting = ServerProcess(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "t", extra=flags)
    trusting.start()
    try:
        # from 127.0.0.1, the default balancer: four addresses, none limited
        assert 429 not in attempts(trusting)
    finally:
        trusting.stop()
    wary = ServerProcess(
        f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "w", extra=(*flags, "--trusted-proxies", "")
    ).start()
    try:
        # nobody trusted: the four claimed addresses are one, limited after two
        assert attempts(wary)[2:] == [429, 429]
    finally:
        wary.stop()
