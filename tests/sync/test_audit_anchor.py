"""The audit log's head is anchored at the provincial server on every sync: entries cut off
the end of a counter's log are found even when the local anchor was removed with them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.store.db import DB_NAME
from tests.conftest import minimal_form
from tests.sync.test_sync_cli import _counter
from tests.synctools import ServerProcess


def test_the_server_keeps_the_highest_head(sqlite_server: ServerProcess, tmp_path: Path) -> None:
    cli = _counter(tmp_path, sqlite_server)
    for phone in ("0912345601", "0912345602"):
        cli.json(
            "receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form(phone=phone))
        )
    db = sqlite3.connect(cli.data_dir / DB_NAME)
    (head,) = db.execute("SELECT max(seq) FROM audit_log").fetchone()
    out = cli.json("sync", "--once", "--json")
    assert out["audit_anchor"] == head
    assert db.execute("SELECT seq FROM audit_anchor").fetchone() == (head,)
    assert "neo đến mục" in cli.ok("audit", "verify", "--online")
    # nothing new: the next cycle does not ask again
    assert cli.json("sync", "--once", "--json")["audit_anchor"] == 0

    # someone removes the last two entries, and the local anchor with them
    with db:
        db.execute("DELETE FROM audit_log WHERE seq > ?", (head - 2,))
        db.execute("DELETE FROM audit_anchor")
    assert cli.run("audit", "verify").returncode == 0  # locally nothing shows ...
    online = cli.run("audit", "verify", "--online")
    assert online.returncode == 1  # ... but the server remembers
    assert f"neo đến mục {head}" in online.stderr and "Traceback" not in online.stderr

    # the counter carries on: its shorter chain is reported, the server keeps its anchor, and
    # the local check now fails too, at the entry that differs from the anchored one
    cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    cli.json("sync", "--once", "--json")  # gets the server's anchor back
    cli.json("sync", "--once", "--json")  # offers its head on top of a different entry
    assert db.execute("SELECT seq FROM audit_anchor").fetchone() == (head,)
    local = cli.run("audit", "verify")
    assert local.returncode == 1 and "máy chủ tỉnh" in local.stderr
    db.close()
    server_db = sqlite_server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(server_db) as srv:
        assert srv.execute("SELECT seq, diverged_at IS NOT NULL FROM audit_anchors").fetchall() == [
            (head, 1)
        ]
