"""The incident, day-close, scan and server commands go through the same services as the window
(issue 24, item 1): every command that shows citizens' data needs ``--user``; signed in with the
role it succeeds and leaves one audit entry that says what kind of data and how much, never whose;
without the role (per the one role table) it is refused with exit 1 and prints nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from desktop.domain import roles
from desktop.domain.reception import parse_form
from desktop.store.accounts import audit
from desktop.store.accounts.officers import create_officer
from desktop.store.clock import local_now
from desktop.store.db import Database
from desktop.store.incidents.recorder import IncidentRecorder
from sync.connectivity import Cause, Connectivity, Unreachable
from sync.engine import SyncReport
from tests.clitools import Cli
from tests.conftest import RECEPTION, Counter, minimal_form
from tests.incidents.tools import form

PASSWORD = "Quay2026abc"
# the citizens received during the outage: none of this may reach the audit log
CITIZENS = [1, 2, 3, 4]


def _recent_working_day(counter: Counter) -> date:
    """A working day a month back or more: recent enough for the dossiers received on it to
    take further events today (a scan, a new appointment; the server bounds how far back),
    old enough for every appointment made on it to have passed, even over Tết."""
    d = local_now().date() - timedelta(days=30)
    while not counter.ctx.calendar.is_working_day(d):
        d -= timedelta(days=1)
    return d


@dataclass(frozen=True)
class Outage:
    db: Database
    cli: Cli
    personal: tuple[str, ...]  # names, phones, ID numbers, e-mails of the citizens
    day: date  # of the outage


@pytest.fixture(scope="module")
def outage_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...], date]:
    """A counter with officers of each role and one closed incident, with four dossiers
    received during it (none reached a server: all of them are to be notified). Built once;
    each test works on its own copy."""
    counter = Counter(tmp_path_factory.mktemp("outage") / "data", "an-giang", "000.00.12.H01", None)
    with counter.db.write() as s:
        for username, role in (
            ("tiepnhan", "reception"),
            ("tra.ketqua", "returns"),
            ("lanhdao", "supervisor"),
        ):
            create_officer(s, username, f"Cán bộ {role}", frozenset({role}), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    day = _recent_working_day(counter)

    def _at(hh: int, mm: int = 0) -> datetime:
        return datetime.combine(day, time(hh, mm))

    personal: list[str] = []
    for i, (hh, procedure) in zip(CITIZENS, ((8, "2.000815"), (9, "1.001193"), (9, "2.000815"),
                                             (10, "1.004873")), strict=True):  # fmt: skip
        counter.now = _at(hh, 30)
        filled = form(i, procedure=procedure, email=f"congdan{i}@example.vn")
        counter.service.receive(parse_form(filled), RECEPTION)
        applicant = filled["applicant"]
        personal += [applicant[k] for k in ("name", "phone", "id_number", "email")]
    clock = [_at(9)]
    rec = IncidentRecorder(
        counter.db, counter.ctx, grace=timedelta(minutes=5), clock=lambda: clock[0]
    )
    for when in (_at(9), _at(9, 6)):
        clock[0] = when
        rec.observe(Connectivity(True), Connectivity(False, Cause.TIMEOUT, "quá thời gian chờ"))
        rec.cycle(None, Unreachable(Cause.TIMEOUT, "quá thời gian chờ"))
    clock[0] = _at(11)
    rec.cycle(SyncReport(pushed=0, reconciled=True))  # over: the catch-up report exists
    counter.db.close()
    return counter.data_dir, tuple(personal), day


@pytest.fixture
def outage(outage_template: tuple[Path, tuple[str, ...], date], tmp_path: Path) -> Iterator[Outage]:
    template, personal, day = outage_template
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    db = Database.open(data_dir)
    try:
        yield Outage(db, Cli(data_dir), personal, day)
    finally:
        db.close()


def _run(o: Outage, argv: list[str], user: str | None) -> subprocess.CompletedProcess[str]:
    password = "Quay2026xyz" if user in (None, "admin") else PASSWORD
    args = [*argv, *(["--user", user] if user else [])]
    return o.cli.run(*args, env={"MOTCUA_PASSWORD": password})


def _entries(o: Outage) -> list[Any]:
    """The audit log, oldest first, without the sign-ins (each command signs in once)."""
    with o.db.read() as s:
        return [e for e in reversed(audit.recent(s, 1000)) if e.action != "login"]


@dataclass(frozen=True)
class Shown:
    """A command that shows or exports citizens' data, and the audit entry it must leave."""

    argv: tuple[str, ...]
    action: str  # the role table's row the service checks
    audited: str  # the audit entry's action
    detail: dict[str, Any]  # exactly: kinds and counts
    out: str | None = None  # the file it writes, if any


SHOWN = [
    Shown(("incident", "list", "--json"), "incident.read", "incident.listed", {"rows": 1}),
    Shown(("incident", "list"), "incident.read", "incident.listed", {"rows": 1}),
    Shown(("incident", "show", "1", "--json"), "incident.read", "incident.viewed", {"rows": 4}),
    Shown(("incident", "show", "1"), "incident.read", "incident.viewed", {"rows": 4}),
    Shown(
        ("incident", "offline", "1", "--json"),
        "incident.read",
        "incident.offline_listed",
        {"rows": 4},
    ),
    Shown(("incident", "offline", "1"), "incident.read", "incident.offline_listed", {"rows": 4}),
    Shown(
        ("incident", "notify", "1", "--json"),
        "incident.notify",
        "incident.notify_listed",
        {"rows": 4},
    ),
    Shown(
        ("incident", "notify", "1", "--csv", "{out}"),
        "incident.notify",
        "incident.notify_exported",
        {"rows": 4},
        out="thong-bao.csv",
    ),
    Shown(
        ("incident", "at-risk", "1", "--json"),
        "incident.read",
        "incident.at_risk_listed",
        {"rows": 1},
    ),
    Shown(("incident", "at-risk", "1"), "incident.read", "incident.at_risk_listed", {"rows": 1}),
    Shown(
        ("incident", "report", "1", "--json"),
        "incident.report",
        "incident.report_viewed",
        {"codes": 0},
    ),
    Shown(
        ("incident", "report", "1", "--pdf", "{out}"),
        "incident.report",
        "print",
        {"form": "catchup_report", "pdf": True},
        out="bao-cao.pdf",
    ),
]
IDS = [" ".join(s.argv[:2] + tuple(a for a in s.argv[2:] if a.startswith("--"))) for s in SHOWN]


def _argv(case: Shown, tmp_path: Path) -> list[str]:
    return [a.replace("{out}", str(tmp_path / (case.out or ""))) for a in case.argv]


@pytest.mark.parametrize("case", SHOWN, ids=IDS)
def test_without_user_it_is_refused_and_shows_nothing(
    outage: Outage, case: Shown, tmp_path: Path
) -> None:
    before = len(_entries(outage))
    got = _run(outage, _argv(case, tmp_path), None)
    assert got.returncode != 0 and got.stdout == ""
    assert "--user" in got.stderr and "Traceback" not in got.stderr
    assert case.out is None or not (tmp_path / case.out).exists()
    assert len(_entries(outage)) == before


# each role that may read the outage, in turn
USERS = ["tiepnhan", "tra.ketqua", "lanhdao", "admin"]


@pytest.mark.parametrize(
    ("case", "user"),
    [(case, USERS[i % len(USERS)]) for i, case in enumerate(SHOWN)],
    ids=[f"{name}-{USERS[i % len(USERS)]}" for i, name in enumerate(IDS)],
)
def test_signed_in_with_the_role_it_shows_and_audits_kind_and_count(
    outage: Outage, case: Shown, user: str, tmp_path: Path
) -> None:
    before = len(_entries(outage))
    got = _run(outage, _argv(case, tmp_path), user)
    assert got.returncode == 0, got.stderr
    if case.out is not None:
        assert (tmp_path / case.out).stat().st_size > 0
    elif case.argv[1] in ("notify", "offline", "at-risk", "show") and "--json" in case.argv:
        assert "Nguyễn" in got.stdout  # the citizens' data is what the officer asked for
    (entry,) = _entries(outage)[before:]
    assert (entry.officer, entry.action) == (user, case.audited)
    assert entry.detail == case.detail
    assert entry.target in ("", "1")
    logged = json.dumps([entry.target, entry.detail], ensure_ascii=False)
    assert not [p for p in outage.personal if p in logged]


@pytest.mark.parametrize("case", SHOWN, ids=IDS)
def test_an_officer_without_the_role_is_refused(
    outage: Outage, case: Shown, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every counter role may read its outages today; narrowed in the one table, the command
    follows it: the check is the service's, not the command's."""
    table = dict(roles.PERMISSIONS)
    table[case.action] = frozenset({roles.SUPERVISOR})
    monkeypatch.setattr(roles, "PERMISSIONS", MappingProxyType(table))
    before = len(_entries(outage))
    got = _run(outage, _argv(case, tmp_path), "tiepnhan")
    assert got.returncode == 1 and got.stdout == ""
    assert "không có quyền" in got.stderr and "Traceback" not in got.stderr
    assert case.out is None or not (tmp_path / case.out).exists()
    assert len(_entries(outage)) == before
    assert _run(outage, _argv(case, tmp_path), "lanhdao").returncode == 0


def test_a_wrong_password_shows_nothing(outage: Outage) -> None:
    got = outage.cli.run("incident", "notify", "1", "--json", "--user", "tiepnhan",
                         env={"MOTCUA_PASSWORD": "Sai2026mat"})  # fmt: skip
    assert got.returncode == 1 and got.stdout == "" and "Traceback" not in got.stderr


# -- the day's close: the supervisor's override, checked by the service ---------------------------


def _waiting_counter(tmp_path: Path) -> tuple[Counter, Cli]:
    """A counter with a server (never reached) and one dossier waiting to sync."""
    counter = Counter(tmp_path / "srv", "an-giang", "000.00.12.H01", "https://motcua.invalid")
    with counter.db.write() as s:
        for username, role in (("tiepnhan", "reception"), ("lanhdao", "supervisor")):
            create_officer(s, username, f"Cán bộ {role}", frozenset({role}), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    counter.service.receive(parse_form(minimal_form()), RECEPTION)
    return counter, Cli(counter.data_dir)


def test_only_a_supervisor_closes_the_day_over_waiting_events(tmp_path: Path) -> None:
    counter, cli = _waiting_counter(tmp_path)
    try:
        pw = {"MOTCUA_PASSWORD": PASSWORD}
        book = tmp_path / "so.pdf"
        override = ["day", "close", "--override", "--reason", "Mất mạng cả buổi chiều"]
        refused = cli.run(*override, "--pdf", str(book), "--user", "tiepnhan", env=pw)
        assert refused.returncode == 1 and "không có quyền" in refused.stderr
        assert "Lãnh đạo" in refused.stderr and not book.exists()
        waiting = cli.run("day", "close", "--pdf", str(book), "--user", "tiepnhan", env=pw)
        assert waiting.returncode == 1 and "chờ đồng bộ" in waiting.stderr
        assert book.exists()  # the paper book does not wait for the network
        closed = cli.run(*override, "--json", "--user", "lanhdao", env=pw)
        assert closed.returncode == 0, closed.stderr
        assert json.loads(closed.stdout)["override"] is True
        with counter.db.read() as s:
            mine = [(e.officer, e.action, e.detail) for e in audit.recent(s, 20)]
        assert ("lanhdao", "day.closed", {"pending": 1, "override": True}) in mine
        # the register written while refused: counted, not named
        assert ("tiepnhan", "register.exported", {"rows": 1}) in mine
    finally:
        counter.db.close()


def test_day_close_with_the_register_is_audited_by_count(outage: Outage, tmp_path: Path) -> None:
    book = tmp_path / "so.pdf"
    before = len(_entries(outage))
    got = _run(
        outage, ["day", "close", "--date", outage.day.isoformat(), "--pdf", str(book)], "tiepnhan"
    )
    assert got.returncode == 0, got.stderr
    assert "Đã ghi sổ theo dõi hồ sơ" in got.stdout and book.stat().st_size > 0
    actions = {e.action: e.detail for e in _entries(outage)[before:]}
    assert actions["register.exported"] == {"rows": 4}
    assert actions["day.closed"] == {"pending": 0, "override": False}
    # the list of closures has no citizen's data: it needs no sign-in, as before
    listed = outage.cli.run("day", "list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1


# -- acting commands: the role from the table, the audit entry ------------------------------------


def test_rescheduling_with_the_apology_pdf(outage: Outage, tmp_path: Path) -> None:
    at_risk = json.loads(_run(outage, ["incident", "at-risk", "1", "--json"], "tiepnhan").stdout)
    code = at_risk[0]["code"]
    pdf = tmp_path / "mau-04.pdf"
    # a supervisor may move the appointment but not print the citizen's form (the window's
    # rule): refused before the appointment moves
    refused = _run(outage, ["incident", "reschedule", "1", code, "--pdf", str(pdf)], "lanhdao")
    assert refused.returncode == 1 and "không có quyền" in refused.stderr and not pdf.exists()
    again = json.loads(_run(outage, ["incident", "at-risk", "1", "--json"], "tiepnhan").stdout)
    assert code in {a["code"] for a in again}
    before = len(_entries(outage))
    done = _run(outage, ["incident", "reschedule", "1", code, "--pdf", str(pdf)], "tiepnhan")
    assert done.returncode == 0, done.stderr
    assert f"Đã ghi {pdf}" in done.stdout and pdf.stat().st_size > 0
    printed = [e for e in _entries(outage)[before:] if e.action == "print"]
    assert [(e.target, e.detail) for e in printed] == [(code, {"form": "apology", "pdf": True})]


def test_the_request_form_is_saved_and_printed_not_sent(outage: Outage, tmp_path: Path) -> None:
    pdf = tmp_path / "phieu.pdf"
    before = len(_entries(outage))
    got = _run(outage, ["incident", "form", "1", "--pdf", str(pdf), "--phone", "0296 3852 000"],
               "tra.ketqua")  # fmt: skip
    assert got.returncode == 0, got.stderr
    # printing is not sending (issue 21): the officer records that with `incident sent`
    assert pdf.stat().st_size > 0 and "motcua incident sent 1" in got.stdout
    actions = [e.action for e in _entries(outage)[before:]]
    assert actions == ["incident.form_saved", "print"]
    got = _run(outage, ["incident", "sent", "1"], "tra.ketqua")
    assert got.returncode == 0, got.stderr
    assert [e.action for e in _entries(outage)[before:]][-1] == "incident.reported"


def test_server_settings_are_the_administrators(outage: Outage, tmp_path: Path) -> None:
    refused = _run(outage, ["server", "set", "https://motcua.example.vn"], "lanhdao")
    assert refused.returncode == 1 and "không có quyền" in refused.stderr
    assert _run(outage, ["server", "set", "https://motcua.example.vn"], "admin").returncode == 0
    shown = outage.cli.run("server", "show", "--json")
    assert json.loads(shown.stdout)["server_url"] == "https://motcua.example.vn"
    cleared = _run(outage, ["server", "ca-bundle", "--clear"], "admin")
    assert cleared.returncode == 0 and "Quầy không có CA riêng" in cleared.stdout
    with outage.db.read() as s:
        latest = [(e.officer, e.action) for e in audit.recent(s, 10) if e.action != "login"][:2]
    assert latest == [("admin", "settings.ca_bundle"), ("admin", "settings.server")]


def test_scanning_is_for_those_who_serve_citizens(outage: Outage, tmp_path: Path) -> None:
    listed = json.loads(_run(outage, ["incident", "offline", "1", "--json"], "admin").stdout)
    code = listed[0]["code"] or listed[0]["id"]
    blank = tmp_path / "trang.pdf"
    from PIL import Image

    Image.new("L", (400, 560), 0).save(blank, "PDF")
    scan = ["scan", "--device", f"file:{blank}", "--dossier", code, "--document", "Tờ khai",
            "--keep-blank"]  # fmt: skip
    refused = _run(outage, scan, "lanhdao")
    assert refused.returncode == 1 and "không có quyền" in refused.stderr and not refused.stdout
    before = len(_entries(outage))
    got = _run(outage, scan, "tiepnhan")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["pages"] == 1
    (entry,) = _entries(outage)[before:]
    assert (entry.officer, entry.action, entry.target) == ("tiepnhan", "dossier.attached", code)
    assert set(entry.detail) == {"event"}  # the event's id: never the document's name
