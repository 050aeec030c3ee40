"""Every command that shows citizens' data runs only as a signed-in officer whose role allows
it, and leaves an audit entry that says what kind of read it was and how much, never what
was asked for (issue 24). The table below names each such command; a command marked in the
parser (``add_user_option(p, personal_data=True)``) and missing here fails the last test."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from desktop import cli as motcua
from desktop.domain.roles import may, roles_for
from desktop.store.accounts import audit
from desktop.store.accounts.officers import create_officer
from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.printing import printouts
from desktop.store.printing.form_data import qr_text
from desktop.store.stats.centre import STATE_KEY
from desktop.store.sync.inbound import set_state
from tests.clitools import Cli
from tests.conftest import minimal_form

PASSWORD = "Quay2026abc"
# who is at this counter: one officer per role (the administrator may do everything)
OFFICERS = {"tiepnhan": "reception", "tratien": "returns", "lanhdao": "supervisor"}
# what must never reach the audit log: the citizen's name, ID number and phone
PERSONAL = ("Nguyễn Văn An", "Nguyen Van An", "089085001234", "0912345678")


@dataclass(frozen=True)
class Setting:
    """What the commands act on, made once for the module."""

    cli: Cli
    tmp: Path
    code: str  # received
    supplement: str  # received, then asked for a supplement
    rescheduled: str  # received, then given a new appointment
    rejected: str  # the id of a refused dossier (it has no code)
    job: str  # a slip printed once
    qr: str  # the receipt's genuine QR
    handover: str  # the number of a hand-over record
    fee_receipt: str  # the number of a fee receipt


@dataclass(frozen=True)
class Case:
    command: str  # as marked in the parser: "print receipt"
    argv: Callable[[Setting], list[str]]
    action: str  # the role table's action
    audited: str  # the audit entry's action
    detail: frozenset[str]  # the keys its detail must have


def _case(
    command: str,
    argv: Callable[[Setting], list[str]],
    action: str,
    audited: str,
    *detail: str,
) -> Case:
    return Case(command, argv, action, audited, frozenset(detail))


CASES = {
    "lookup by code": _case(
        "lookup", lambda s: ["lookup", s.code, "--json"], "dossier.lookup", "lookup", "kind", "hits"
    ),
    "lookup by name": _case(
        "lookup",
        lambda s: ["lookup", "Nguyễn Văn An"],
        "dossier.lookup",
        "lookup",
        "kind",
        "hits",
    ),
    "receipt": _case(
        "print receipt",
        lambda s: ["print", "receipt", s.code, "--pdf", str(s.tmp / "r.pdf")],
        "print.form",
        "print",
        "form",
    ),
    "control": _case(
        "print control",
        lambda s: ["print", "control", s.code, "--pdf", str(s.tmp / "c.pdf")],
        "print.control",
        "print",
        "form",
    ),
    "supplement": _case(
        "print supplement",
        lambda s: ["print", "supplement", s.supplement, "--pdf", str(s.tmp / "s.pdf")],
        "print.form",
        "print",
        "form",
    ),
    "rejection": _case(
        "print rejection",
        lambda s: ["print", "rejection", s.rejected, "--pdf", str(s.tmp / "t.pdf")],
        "print.form",
        "print",
        "form",
    ),
    "apology": _case(
        "print apology",
        lambda s: ["print", "apology", s.rescheduled, "--pdf", str(s.tmp / "a.pdf")],
        "print.form",
        "print",
        "form",
    ),
    "register": _case(
        "print register",
        lambda s: ["print", "register", "--from", _today(), "--csv", str(s.tmp / "so.csv")],
        "print.register",
        "register.exported",
        "kind",
        "count",
    ),
    "reprint": _case(
        "print reprint",
        lambda s: ["print", "reprint", s.job],
        "print.reprint",
        "print.reprinted",
        "queued",
    ),
    "qr verify": _case(
        "qr verify",
        lambda s: ["qr", "verify", s.qr],
        "receipt.verify",
        "receipt.verified",
        "genuine",
    ),
    "stats": _case(
        "stats",
        lambda s: ["stats", "--period", "today", "--json"],
        "stats.read",
        "stats.viewed",
        "kind",
    ),
    "stats by officer": _case(
        "stats",
        lambda s: ["stats", "--period", "today", "--by", "officer"],
        "stats.read",
        "stats.viewed",
        "kind",
    ),
    "stats drill": _case(
        "stats",
        lambda s: ["stats", "--period", "today", "--drill", "received", "--json"],
        "stats.drill",
        "stats.drilled",
        "kind",
        "count",
    ),
    "stats export": _case(
        "stats",
        lambda s: ["stats", "--period", "month", "--csv", str(s.tmp / "t.csv")],
        "stats.export",
        "stats.exported",
        "kind",
        "count",
    ),
    "stats centre": _case(
        "stats", lambda s: ["stats", "--centre", "--json"], "stats.centre", "stats.centre_viewed"
    ),
    "online list": _case(
        "online list",
        lambda s: ["online", "list", "--json"],
        "online.read",
        "online.listed",
        "rows",
    ),
    "online show": _case(
        "online show", lambda s: ["online", "show", s.code], "dossier.view", "online.viewed"
    ),
    "handover due": _case(
        "handover due",
        lambda s: ["handover", "due", "--json"],
        "handover.read",
        "handover.listed",
        "rows",
    ),
    "feedback list": _case(
        "feedback list",
        lambda s: ["feedback", "list", "--json"],
        "feedback.read",
        "feedback.listed",
        "rows",
    ),
    "print handover": _case(
        "print handover",
        lambda s: ["print", "handover", s.handover, "--pdf", str(s.tmp / "h.pdf")],
        "print.form",
        "print",
        "form",
    ),
    "print fee-receipt": _case(
        "print fee-receipt",
        lambda s: ["print", "fee-receipt", s.fee_receipt, "--pdf", str(s.tmp / "f.pdf")],
        "print.fee_receipt",
        "print",
        "form",
    ),
    "audit list": _case(
        "audit list",
        lambda s: ["audit", "list", "--limit", "5", "--json"],
        "audit.read",
        "audit.listed",
        "count",
    ),
}


def _today() -> str:
    return local_now().date().isoformat()


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    tmp = tmp_path_factory.mktemp("personal")
    cli = Cli(tmp / "data")
    cli.ok(
        "init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01",
        "--admin-user", "admin",
    )  # fmt: skip
    form = json.dumps(minimal_form())
    code, supplement, rescheduled = (
        cli.json("receive", "--json", "-", "--user", "admin", stdin=form)["code"] for _ in range(3)
    )
    cli.ok("supplement", supplement, "--request", "Thiếu bản sao tờ khai", "--user", "admin")
    cli.ok("reschedule", rescheduled, "--reason", "Chờ xác minh", "--extend", "3d",
           "--user", "admin")  # fmt: skip
    rejected = cli.json("reject", "--json", "-", "--reason", "Không thuộc thẩm quyền",
                        "--user", "admin", stdin=form)["id"]  # fmt: skip
    handover = cli.json("handover", "create", rescheduled, "--to", "UBND cấp xã",
                        "--user", "admin")["id"]  # fmt: skip
    with_fee = json.dumps({**minimal_form(), "procedure": "1.001612"})
    paid = cli.json("receive", "--json", "-", "--user", "admin", stdin=with_fee)["code"]
    fee_receipt = cli.json("pay", paid, "--method", "cash", "--user", "admin")["receipt_no"]
    slip = tmp / "slip.bin"
    cli.ok("print", "receipt", code, "--escpos", f"file://{slip}", "--user", "admin")
    db = Database.open(cli.data_dir)
    try:
        ctx = load_context(db, cli.data_dir)
        (job,) = printouts.spool(ctx).done()
        with db.write() as s:
            for name, role in OFFICERS.items():
                create_officer(s, name, name, frozenset({role}), PASSWORD, must_change=False,
                               by="admin")  # fmt: skip
            today = _today()
            set_state(s, STATE_KEY, {
                "taken_at": (local_now() - timedelta(minutes=5)).isoformat(),
                "agency": "000.00.12.H01",
                "periods": [{"kind": "today", "from": today, "to": today,
                             "figures": {"received": 3}, "counters": {}}],
            })  # fmt: skip
        with db.read() as s:
            qr = qr_text(s, ctx, code)
    finally:
        db.close()
    yield Setting(
        cli, tmp, code, supplement, rescheduled, rejected, job.id, qr, handover, fee_receipt
    )


def _run(setting: Setting, argv: list[str], user: str | None) -> tuple[int, str, str]:
    env = {"MOTCUA_PASSWORD": PASSWORD}
    args = [*argv, "--user", user] if user else argv
    p = setting.cli.run(*args, env=env if user != "admin" else None)
    return p.returncode, p.stdout, p.stderr


def _entries_after(setting: Setting, seq: int) -> list[audit.AuditEntry]:
    db = Database.open(setting.cli.data_dir)
    try:
        with db.read() as s:
            return [e for e in audit.recent(s, 1000) if e.seq > seq]
    finally:
        db.close()


def _last_seq(setting: Setting) -> int:
    entries = _entries_after(setting, 0)
    return max(e.seq for e in entries)


def _allowed(action: str) -> str:
    """An officer (not the administrator) whose role may do ``action``."""
    return next(n for n, role in OFFICERS.items() if may(frozenset({role}), action))


def _refused(action: str) -> str | None:
    """An officer whose role may not do ``action``: None when every role may."""
    return next((n for n, role in OFFICERS.items() if not may(frozenset({role}), action)), None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_without_user_the_command_is_refused(setting: Setting, name: str) -> None:
    case = CASES[name]
    before = _last_seq(setting)
    status, out, err = _run(setting, case.argv(setting), None)
    assert status in (1, 2) and out == "", (status, out, err)
    assert "--user" in err and "Traceback" not in err
    assert _entries_after(setting, before) == []  # nobody signed in, nothing read


@pytest.mark.parametrize("name", sorted(CASES))
def test_with_the_role_it_runs_and_is_audited_by_kind_and_count(
    setting: Setting, name: str
) -> None:
    case = CASES[name]
    officer = _allowed(case.action)
    before = _last_seq(setting)
    status, out, err = _run(setting, case.argv(setting), officer)
    assert status == 0, err
    assert out or "Đã ghi" in err  # it showed something
    mine = [e for e in _entries_after(setting, before) if e.officer == officer]
    audited = [e for e in mine if e.action == case.audited]
    assert len(audited) == 1, [(e.action, e.detail) for e in mine]
    entry = audited[0]
    detail = json.loads(entry.detail) if isinstance(entry.detail, str) else dict(entry.detail or {})
    assert case.detail <= set(detail), detail
    if "count" in case.detail or "hits" in case.detail:
        assert isinstance(detail.get("count", detail.get("hits")), int)
    logged = f"{entry.target} {json.dumps(detail, ensure_ascii=False)}"
    for text in PERSONAL:
        assert text not in logged


@pytest.mark.parametrize("name", sorted(CASES))
def test_without_the_role_it_is_refused(setting: Setting, name: str) -> None:
    case = CASES[name]
    officer = _refused(case.action)
    if officer is None:  # every role at the counter may (desktop/domain/roles.py): none to refuse
        assert roles_for(case.action) >= set(OFFICERS.values())
        return
    before = _last_seq(setting)
    status, out, err = _run(setting, case.argv(setting), officer)
    assert status == 1 and out == "", (status, out, err)
    assert "không có quyền" in err and "Traceback" not in err
    assert [e.action for e in _entries_after(setting, before)] == ["login"]  # nothing else


def test_the_admin_may_do_everything(setting: Setting) -> None:
    status, out, _err = _run(setting, CASES["lookup by code"].argv(setting), "admin")
    assert status == 0 and setting.code in out


def _marked(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[str]:
    """Every command whose parser says it shows personal data, as "print receipt"."""
    if parser.get_default("shows_personal_data"):
        yield " ".join(path)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _marked(sub, (*path, name))


def test_the_table_names_every_command_marked_as_showing_personal_data() -> None:
    marked = set(_marked(motcua.build_parser(load_all=True)))
    assert {c.command for c in CASES.values()} == marked


def test_every_marked_command_requires_user() -> None:
    parser = motcua.build_parser(load_all=True)
    for command in _marked(parser):
        p = parser
        for word in command.split():
            sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
            p = sub.choices[word]
        user = next(a for a in p._actions if "--user" in a.option_strings)
        assert user.required, command
