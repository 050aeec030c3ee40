"""The server's statistics survive any stored date (issue 17, item 5), and ``motcua sync`` says
so with its exit status when it left new dead letters or could not reconcile (low items)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import update

from desktop.domain.reception import parse_form
from sync.server.db import ServerDatabase
from sync.server.models import DossierRow
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, make_counter


def test_server_statistics_survive_any_stored_date(server: ServerProcess, tmp_path: Path) -> None:
    c = make_counter(tmp_path, server.url, "Q01")
    for i in range(3):
        c.service.receive(parse_form(minimal_form(name=f"Trần Văn {chr(65 + i)}")), OFFICER)
    assert c.sync().pushed == 3
    # rows as a server before the bounds kept them (NUL-free, but from any century)
    db = ServerDatabase(server.db_url)
    try:
        with db.write() as s:
            ids = list(s.scalars(DossierRow.__table__.select().with_only_columns(DossierRow.id)))
            for did, when in zip(
                ids,
                (datetime(1, 1, 1, 8), datetime(1899, 12, 31, 9), datetime(9999, 12, 31, 9)),
                strict=True,
            ):
                s.execute(
                    update(DossierRow)
                    .where(DossierRow.id == did)
                    .values(received_at=when, due_at=when, finished_at=when, returned_at=when)
                )
    finally:
        db.close()
    out = server.admin("stats", "publish", "--agency", "000.00.12.H01")
    assert out.returncode == 0, out.stderr
    assert c.sync().pulled >= 1  # and the counter takes the snapshot


def _wire_name(data_dir: Path, text: str) -> None:
    with sqlite3.connect(data_dir / "motcua.db") as conn:
        event_id, raw = conn.execute("SELECT event_id, wire FROM outbox ORDER BY seq").fetchone()
        wire = json.loads(raw)
        wire["after"]["applicant_name"] = text
        conn.execute(
            "UPDATE outbox SET wire = ? WHERE event_id = ?", (json.dumps(wire).encode(), event_id)
        )


def test_sync_exits_non_zero_on_new_dead_letters(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    c = make_counter(tmp_path, sqlite_server.url, "Q01")
    c.service.receive(parse_form(minimal_form()), OFFICER)
    c.service.receive(parse_form(minimal_form(name="Lê Thị Bình")), OFFICER)
    _wire_name(c.data_dir, "Nguyễn\x00An")  # queued by a counter from before the local check
    cli = Cli(c.data_dir)
    p = cli.run("sync", "--once")
    assert p.returncode == 3, (p.returncode, p.stderr)  # before: 0, and nobody looked
    assert "không gửi được" in p.stderr and "1 sự kiện" in p.stderr
    p = cli.run("sync", "--once")  # the dead letter is not new any more
    assert p.returncode == 0, p.stderr


def test_sync_exits_non_zero_when_reconciliation_fails(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    c = make_counter(tmp_path, sqlite_server.url, "Q01")
    c.service.receive(parse_form(minimal_form()), OFFICER)
    assert c.sync().reconciled
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:  # the counter's copy drifted
        conn.execute("UPDATE dossiers SET code = code || 'X'")
    p = Cli(c.data_dir).run("sync", "--once")
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "đối soát" in p.stderr


def test_server_statistics_survive_an_odd_payload_date(server: ServerProcess) -> None:
    """A rescheduling event whose ``previous_due_at`` is not a date (payloads are what counters
    wrote) used to stop the agency's statistics with a ValueError."""
    from sync.server.stats import periods
    from tests.sync.test_server_api import Device

    dev = Device(server, "Q01")
    today = periods(datetime.now().date())[0][1]
    did = str(uuid.uuid4())
    code = dev.code(today)
    ev = dev.event(did, code=code, occurred_at=f"{today}T09:00:00")
    ev["after"].update(received_at=f"{today}T09:00:00", due_at=f"{today}T16:00:00")
    later = dev.event(did, code=code, type="rescheduled", occurred_at=f"{today}T10:00:00")
    later["after"].update(received_at=f"{today}T09:00:00", due_at=f"{today}T17:00:00")
    later["payload"] = {"previous_due_at": "không phải ngày", "reason": "thử"}
    assert [r["outcome"] for r in dev.push(ev, later)] == ["applied", "applied"]
    out = server.admin("stats", "publish", "--agency", "000.00.12.H01")
    assert out.returncode == 0, out.stderr
