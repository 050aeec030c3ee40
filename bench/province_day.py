"""The province benchmark's data: one counter's day made by the real counter code, and copies of
it for any number of simulated counters, each with its own dossiers, codes and attachments.

A thousand counters' days made one by one through the counter's service would take longer than
the catch-up they measure (each counter is a SQLite database and Argon2id hashes), so one real
counter makes the day once — receptions, hand-overs, results, returns and scanned papers, as
its sync queue holds them — and each simulated counter gets that day with fresh event, dossier
and hand-over ids, its own agency's codes from the numbers the server leased to it, and
attachments of its own bytes (so no upload is a duplicate of another counter's).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

DOSSIERS = 40  # a busy counter's day; with the steps below, 100 events
HANDED_OVER = 25  # sent to the deciding unit, in records of 5
RESULTS = 16  # results received back, and returned to the applicant
SCANS = 3  # papers scanned and attached
SCAN_BYTES = 48 * 1024

_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class TemplateDay:
    events: list[bytes]  # WireEvent JSON, in the counter's queue order
    blobs: dict[str, bytes]  # sha256 → the scanned file
    agency: str
    code_template: str
    day: date  # the reception day the codes name
    dossiers: int  # numbers leased for the day


@dataclass(frozen=True)
class CounterDay:
    events: list[bytes]
    blobs: dict[str, bytes]


def make_template_day() -> TemplateDay:
    """One counter's day through the real service, against a throw-away SQLite server."""
    import shutil

    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-day-"))
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    os.environ.setdefault("MOTCUA_ALLOW_INSECURE_KEYRING", "1")  # a throw-away file keyring
    os.environ.setdefault("XDG_DATA_HOME", str(tmp / "keyring"))
    from desktop.domain.reception import parse_form
    from desktop.store.dossiers.attachments import attach
    from desktop.store.dossiers.handover import Handovers
    from desktop.store.sync.local import CounterStore
    from tests.conftest import minimal_form
    from tests.synctools import OFFICER, ServerProcess, lease_days, make_counter

    server = ServerProcess(f"sqlite:///{tmp / 'server.db'}", tmp / "blobs").start()
    try:
        server.ensure_admin()
        c = make_counter(tmp, server.url, "Q01")
        day = (datetime.now() - timedelta(days=1)).replace(hour=7, minute=30, second=0)
        lease_days(c, [day.date()], DOSSIERS)
        codes: list[str] = []
        for i in range(DOSSIERS):
            when = (day + timedelta(minutes=10 * i)).replace(microsecond=0)
            form = parse_form({**minimal_form(), "received_at": when.isoformat()})
            code = c.service.receive(form, OFFICER).code
            assert code is not None
            codes.append(code)
        for i in range(SCANS):
            scan = b"%PDF-1.4\n" + os.urandom(SCAN_BYTES)
            attach(c.db, c.ctx, codes[i], OFFICER, "Bản sao giấy tờ", "scan.pdf", scan)
        handovers = Handovers(c.db, c.ctx)
        for i in range(0, HANDED_OVER, 5):
            handovers.create(codes[i : i + 5], "UBND cấp xã", OFFICER)
        for code in codes[:RESULTS]:
            c.service.result_ready(code, OFFICER)
            c.service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")
        store = CounterStore(c.db, c.ctx)
        top = store.max_pending_seq()
        assert top is not None
        events = [p.wire for p in store.pending_events(10_000, top)]
        blobs = {sha: store.read_blob(sha, 0, size) for sha, size in store.pending_blobs()}
        template = c.ctx.code_format.template
        agency = c.ctx.agency
        c.db.close()
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return TemplateDay(events, blobs, agency, template, day.date(), DOSSIERS)


def counter_day(t: TemplateDay, agency: str, first_seq: int, salt: int) -> CounterDay:
    """The template's day as a counter of ``agency`` whose leased numbers start at
    ``first_seq``: new ids everywhere, the agency's codes, attachments of its own bytes."""
    ids: dict[bytes, bytes] = {}

    def new_id(m: re.Match[bytes]) -> bytes:
        old = m.group()
        if old not in ids:
            ids[old] = str(uuid.uuid4()).encode()
        return ids[old]

    # the template counter's codes: its agency, the day as the template spells it, a number
    day_text = re.escape(t.agency.encode()) + rb"(\d{6})(\d{3})\b"
    code = re.compile(day_text)
    new_agency = agency.encode()

    def new_code(m: re.Match[bytes]) -> bytes:
        n = int(m.group(2)) - 1 + first_seq
        return new_agency + m.group(1) + f"{n:03d}".encode()

    blobs: dict[str, bytes] = {}
    shas: dict[bytes, bytes] = {}
    for sha, data in t.blobs.items():
        mine = data[:-16] + hashlib.md5(f"{salt}:{sha}".encode()).digest()
        name = hashlib.sha256(mine).hexdigest()
        blobs[name] = mine
        shas[sha.encode()] = name.encode()
    events = []
    for e in t.events:
        e = _UUID.sub(new_id, e)
        e = code.sub(new_code, e)
        for old, new in shas.items():
            e = e.replace(old, new)
        events.append(e)
    return CounterDay(events, blobs)
