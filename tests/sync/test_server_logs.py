"""The server's logs (issue 23 item 4): a real server process through a counter's catch-up writes
one JSON object per line — a line per request with its id, the caller's codes, status and
duration — and no personal data: not the applicant's name, ID number, phone or address, not a
token, not a password (sync/server/logs.py)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path

from desktop.domain.reception import parse_form
from desktop.store.dossiers.attachments import attach
from desktop.store.sync.local import DeviceCredentials
from sync.server.logs import JsonFormatter
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import minimal_form
from tests.synctools import IT_PASSWORD, OFFICER, ServerProcess, lease_days, make_counter

APPLICANT = {
    "name": "Trịnh Thị Xuân Hương",
    "id_number": "079190123456",
    "phone": "0987654321",
    "address": "Số 77 Nguyễn Trãi, Châu Đốc",
}


def _lines(log: Path) -> list[dict[str, object]]:
    out = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("listening "):  # the start-up line scripts wait for, on stdout
            continue
        entry = json.loads(line)  # every other line is one JSON object
        assert isinstance(entry, dict), line
        out.append(entry)
    return out


def test_a_catch_up_is_logged_as_json_lines_without_personal_data(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q = make_counter(tmp_path, sqlite_server.url, "Q01")
    lease_days(q, [date.today()], 5)
    receipt = q.service.receive(parse_form(minimal_form(**APPLICANT)), OFFICER)
    assert receipt.code is not None
    attach(q.db, q.ctx, receipt.code, OFFICER, "Bản sao CCCD", "cccd.pdf", b"%PDF-1.4\n" * 50)
    report = q.sync()
    assert report.pushed == 2, report
    token = DeviceCredentials(q.db, q.ctx).token()
    assert token
    sqlite_server.stop()  # everything it logged is in the file

    text = sqlite_server.log.read_text(encoding="utf-8")
    entries = _lines(sqlite_server.log)
    for secret in [*APPLICANT.values(), token, IT_PASSWORD, ADMIN_PASSWORD]:
        assert secret not in text
    assert APPLICANT["id_number"][-6:] not in text  # not even a part of the ID number
    pushes = [e for e in entries if e.get("event") == "request" and e["path"] == "/api/v1/events"]
    assert pushes, entries
    push = pushes[-1]
    assert push["method"] == "POST" and push["status"] == 200
    assert push["agency"] == q.ctx.agency and push["counter"] == q.ctx.counter
    assert isinstance(push["duration_ms"], float) and push["request_id"]
    assert {"ts", "level", "logger", "pid"} <= push.keys()
    # the enrolment (with the IT officer's password in its body) is a line like any other
    assert any(e.get("path") == "/api/v1/counters/enroll" for e in entries)
    ids = [e["request_id"] for e in entries if e.get("event") == "request"]
    assert len(set(ids)) == len(ids)


def test_an_exception_is_logged_as_its_type_and_places_never_its_message() -> None:
    """A database error's message holds the statement's parameters (an applicant's data)."""
    try:
        raise ValueError(f"INSERT … [parameters: ('{APPLICANT['name']}',)]")
    except ValueError:
        record = logging.LogRecord("motcua.server", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["error"] == "ValueError" and entry["event"] == "failed"
    assert entry["trace"] and "test_server_logs.py" in entry["trace"][-1]
    assert APPLICANT["name"] not in line and "parameters" not in line
