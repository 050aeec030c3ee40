"""Every change made with ``motcua-server`` commands leaves a row in the administrators' journal,
in the change's own transaction: who (the operating-system account), when, what and on what. A
refused command changes nothing and leaves no row."""

from __future__ import annotations

import getpass
import json

from tests.sync.test_server_api import AGENCY, Device
from tests.synctools import ServerProcess


def _journal(server: ServerProcess) -> list[dict[str, str]]:
    out = server.admin("journal", "--limit", "20")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_admin_changes_are_journalled_and_refusals_are_not(server: ServerProcess) -> None:
    Device(server, "Q01")
    before = len(_journal(server))
    steps = [
        ("officer", "add", "lan.pham", "--name", "Phạm Thị Lan", "--roles", "reception"),
        ("officer", "grant", "lan.pham", "000.00.12.H02"),
        ("officer", "disable", "lan.pham"),
        ("counter", "reset", AGENCY, "Q01"),
        ("counter", "revoke", AGENCY, "Q01"),
    ]
    for step in steps:
        out = server.admin(*step, env={"MOTCUA_NEW_PASSWORD": "Lan2026abc"})
        assert out.returncode == 0, out.stderr
    refused = server.admin("counter", "revoke", AGENCY, "Q99")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    journal = _journal(server)  # newest first
    assert len(journal) == before + len(steps)  # the refused revoke left no row
    rows = journal[: len(steps)]
    assert [(r["action"], r["target"]) for r in reversed(rows)] == [
        ("officer add", "lan.pham"),
        ("officer grant", "lan.pham 000.00.12.H02"),
        ("officer disable", "lan.pham"),
        ("counter reset", f"{AGENCY} Q01"),
        ("counter revoke", f"{AGENCY} Q01"),
    ]
    assert {r["os_user"] for r in rows} == {getpass.getuser()}
    assert "Lan2026abc" not in json.dumps(rows)
    assert server.admin("journal", "--limit", "0").returncode == 1
