"""The province sets an agency's fee account on the server (``motcua-server payee set``); its
counters take it from the feed, the other agencies' counters do not; a bad one is refused by the
server, and one a counter cannot use is a conflict for the supervisor, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.store.models import SyncConflict
from desktop.store.payee import load_payee, save_payee
from desktop.store.sync.inbound import apply_changes
from sync.protocol import ChangesResponse, PayeeChange
from tests.conftest import Counter
from tests.synctools import ServerProcess, make_counter

NAME = "Trung tâm Phục vụ hành chính công tỉnh An Giang"


def test_the_server_sets_an_agencys_account_for_its_counters(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    other = make_counter(tmp_path, sqlite_server.url, "Q09", agency="000.00.12.H02")
    for bad in (
        ("--bank-bin", "97040", "--account", "123", "--name", NAME),
        ("--bank-bin", "970405\n", "--account", "123", "--name", NAME),
        ("--bank-bin", "970405", "--account", "12 34", "--name", NAME),
        ("--bank-bin", "970405", "--account", "1234", "--name", " "),
    ):
        out = sqlite_server.admin("payee", "set", "--agency", "000.00.12.H01", *bad)
        assert out.returncode != 0 and "Traceback" not in out.stderr
    out = sqlite_server.admin(
        "payee", "set", "--agency", "000.00.12.H01", "--bank-bin", "970405",
        "--account", "6380201001234", "--name", NAME,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    q1.sync()
    other.sync()
    with q1.db.read() as s:
        payee = load_payee(s)
        assert payee is not None and payee.source == "server"
        assert (payee.bank_bin, payee.account, payee.name) == ("970405", "6380201001234", NAME)
        assert not list(s.scalars(select(SyncConflict)))
    with other.db.read() as s:
        assert load_payee(s) is None, "another agency's account"
    journal = sqlite_server.admin("journal")
    assert "payee set" in journal.stdout


@pytest.mark.parametrize(
    ("bank_bin", "account", "name"),
    [("97040", "123", NAME), ("970405", "1" * 20, NAME), ("970405", "123", ""), ("", "", "")],
)
def test_an_account_the_counter_cannot_use_is_a_conflict_and_the_old_one_stays(
    counter: Counter, bank_bin: str, account: str, name: str
) -> None:
    with counter.db.write() as s:
        save_payee(s, "970436", "0011001932418", "UBND XÃ", source="counter", by="admin")
    bad = PayeeChange(kind="payee", bank_bin=bank_bin, account=account, name=name)
    with counter.db.write() as s:
        report = apply_changes(s, counter.ctx, [bad], "c1")
    assert report.conflicts == 1 and report.applied == 0
    with counter.db.read() as s:
        payee = load_payee(s)
        assert payee is not None and payee.account == "0011001932418"
        (problem,) = s.scalars(select(SyncConflict))
        assert problem.kind == "payee" and "tài khoản nhận phí" in problem.message


def test_a_page_with_an_odd_payee_entry_still_reads() -> None:
    """The protocol reads a payee loosely: the counter, not the page parser, judges it."""
    page = ChangesResponse.model_validate(
        {
            "items": [{"kind": "payee", "bank_bin": "x", "account": "", "name": ""}],
            "cursor": "c1",
            "more": False,
        }
    )
    assert isinstance(page.items[0], PayeeChange)
