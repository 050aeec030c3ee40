"""The audit log: officer actions land in a chain that `motcua audit verify` checks; editing,
removing or cutting off entries is found, and no entry holds personal data."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.reception import ReceptionForm
from desktop.store.accounts import audit
from desktop.store.accounts.officers import AuthError, authenticate
from desktop.store.db import DB_NAME
from desktop.store.dossiers.lookup import lookup
from desktop.store.sync.device_keys import SERVICE
from tests.budget import examples
from tests.clitools import ADMIN_PASSWORD, Cli
from tests.conftest import RECEPTION, Counter, minimal_form


def _raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / DB_NAME)


def _busy_counter(counter: Counter, dossiers: int = 3) -> None:
    for i in range(dossiers):
        form = ReceptionForm.model_validate(minimal_form(phone=f"09123456{i:02d}"))
        counter.service.receive(form, RECEPTION)
    authenticate(counter.db, "admin", ADMIN_PASSWORD)
    with pytest.raises(AuthError):
        authenticate(counter.db, "admin", "sai-mat-khau-1")


def _verdict(counter: Counter) -> audit.Verdict:
    with counter.db.read() as s:
        return audit.verify(s)


def test_officer_actions_are_chained_and_verify(counter: Counter) -> None:
    _busy_counter(counter)
    with counter.db.read() as s:
        entries = list(reversed(audit.recent(s)))
    actions = [e.action for e in entries]
    assert actions[0] == "officer.created"  # the admin made at init
    assert actions.count("dossier.received") == 3
    assert actions[-2:] == ["login", "login.refused"]
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(b.prev == a.mac for a, b in itertools.pairwise(entries))
    received = [e for e in entries if e.action == "dossier.received"]
    assert all(e.officer == "tiepnhan" and e.target.startswith("000.00.12.H01") for e in received)
    assert _verdict(counter).ok


def test_an_edited_entry_is_found(counter: Counter) -> None:
    _busy_counter(counter)
    with _raw(counter.data_dir) as conn:
        conn.execute("UPDATE audit_log SET officer = 'ai_do' WHERE seq = 3")
    verdict = _verdict(counter)
    assert not verdict.ok
    assert [p.seq for p in verdict.problems] == [3]
    assert "bị sửa" in verdict.problems[0].message


def test_a_removed_entry_is_found_even_when_renumbered(counter: Counter) -> None:
    _busy_counter(counter)
    with _raw(counter.data_dir) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
    verdict = _verdict(counter)
    assert not verdict.ok and "Thiếu mục 2" in verdict.problems[0].message
    # closing the gap by renumbering breaks the MACs (the number is inside them) and the link
    with _raw(counter.data_dir) as conn:
        conn.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")
    verdict = _verdict(counter)
    assert not verdict.ok
    assert any("đứt" in p.message for p in verdict.problems)


def test_a_cut_off_tail_is_found_against_the_anchor(counter: Counter) -> None:
    _busy_counter(counter)
    with counter.db.write() as s:
        head = audit.head(s)
        assert head is not None
        audit.save_anchor(s, head)
    assert _verdict(counter).ok
    with _raw(counter.data_dir) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq >= ?", (head.seq - 1,))
    verdict = _verdict(counter)
    assert not verdict.ok
    assert f"neo đến mục {head.seq}" in verdict.problems[-1].message


def test_entries_never_hold_personal_data(counter: Counter) -> None:
    form = ReceptionForm.model_validate(
        minimal_form(name="Phạm Thị Hoa", id_number="079190123456", phone="0987654321")
    )
    counter.service.receive(form, RECEPTION)
    from desktop.services.desk import Desk

    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    desk.sign_in("admin", ADMIN_PASSWORD)
    assert desk.search("Phạm Thị Hoa") and desk.search("079190123456")
    with counter.db.read() as s:
        assert lookup(s, "0987654321")
    with _raw(counter.data_dir) as conn:
        rows = conn.execute("SELECT officer, action, target, detail FROM audit_log").fetchall()
    kinds = [json.loads(d)["kind"] for _o, a, _t, d in rows if a == "lookup"]
    assert kinds == ["name", "number"]
    dump = json.dumps(rows, ensure_ascii=False)
    for secret in ("Phạm Thị Hoa", "079190123456", "0987654321", ADMIN_PASSWORD):
        assert secret not in dump


def test_details_must_be_plain_values(counter: Counter) -> None:
    with pytest.raises(TypeError), counter.db.write() as s:
        audit.record(s, "admin", "x", "", {"amount": 1.5})  # type: ignore[dict-item]


@settings(
    max_examples=examples(0.3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.data(),
    change=st.sampled_from(
        ["officer", "action", "target", "detail", "at", "prev", "delete", "swap"]
    ),
)
def test_any_single_tampering_is_found(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, change: str
) -> None:
    counter = Counter(tmp_path_factory.mktemp("audit") / "data", "an-giang", "000.00.12.H01", None)
    try:
        with counter.db.write() as s:
            for i in range(6):
                audit.record(s, f"canbo{i % 2}", "lookup", "", {"kind": "name", "hits": i})
            last = audit.head(s)
        assert last is not None
        seq = data.draw(st.integers(1, last.seq - 1), label="seq")  # the tail needs an anchor
        sql = {
            "officer": "UPDATE audit_log SET officer = officer || 'x' WHERE seq = ?",
            "action": "UPDATE audit_log SET action = 'print' WHERE seq = ?",
            "target": "UPDATE audit_log SET target = target || '1' WHERE seq = ?",
            "detail": "UPDATE audit_log SET detail = '{\"hits\": 99}' WHERE seq = ?",
            "at": "UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE seq = ?",
            "prev": "UPDATE audit_log SET prev = '" + "f" * 64 + "' WHERE seq = ?",
            "delete": "DELETE FROM audit_log WHERE seq = ?",
            "swap": "UPDATE audit_log SET seq = CASE seq WHEN ? THEN -1 ELSE seq END",
        }[change]
        with _raw(counter.data_dir) as conn:
            conn.execute(sql, (seq,))
            if change == "swap":  # entries seq and seq+1 trade places
                conn.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (seq, seq + 1))
                conn.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", (seq + 1,))
        assert not _verdict(counter).ok
    finally:
        counter.db.close()


def test_cli_verify_reports_and_a_lost_key_is_not_papered_over(cli: Cli) -> None:
    cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    assert "nguyên vẹn" in cli.ok("audit", "verify")
    listed = cli.json("audit", "list", "--json", "--user", "admin")
    assert [e["action"] for e in listed][:2] == ["login", "dossier.received"]
    with _raw(cli.data_dir) as conn:
        conn.execute("UPDATE audit_log SET target = 'khac' WHERE action = 'dossier.received'")
        install = conn.execute(
            "SELECT agency, counter, install_id FROM counter_identity"
        ).fetchone()
    bad = cli.run("audit", "verify")
    assert bad.returncode == 1 and "bị sửa" in bad.stderr and "Traceback" not in bad.stderr
    verdict = json.loads(cli.run("audit", "verify", "--json").stdout)
    assert verdict["ok"] is False and verdict["problems"][0]["seq"] == 3
    # the keyring loses the key (or someone removes it): the next action starts a new key and
    # says so in the chain; verification keeps failing instead of blessing the old entries
    keyring.delete_password(SERVICE, "audit-key/{}/{}/{}".format(*install))
    # a new process, as at the counter's next start: this one still holds the key it read
    later = Cli(cli.data_dir, fresh_process=True)
    later.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    again = later.run("audit", "verify")
    assert again.returncode == 1 and "Khóa nhật ký đã bị thay" in again.stderr
