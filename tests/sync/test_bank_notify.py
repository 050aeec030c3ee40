"""The bank's payment notification (issue 19 item 4), against the real reference server: a signed
transfer whose description holds a dossier code and the exact amount owed is applied as a server
"paid" event that reaches the counters through sync; anything else (forged, stale, unknown code,
short, closed dossier, the same transfer again) changes nothing and is recorded, the unmatched
ones listed for the supervisor."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desktop.domain.fees import FeeState
from desktop.domain.reception import parse_form
from desktop.store.dossiers.payments import fees_of
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import Payment, SyncConflict, UnmatchedPayment
from desktop.store.sync.inbound import apply_changes
from sync.limits import API_PREFIX
from sync.protocol import UnmatchedPaymentChange
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

SECRET = "s3cret-of-the-province-and-its-bank-2026"
FEE = 100_000  # 1.001612, đăng ký hộ kinh doanh: lệ phí 100.000 đồng per dossier


def _set_secret(srv: ServerProcess, secret: str = SECRET) -> Any:
    return srv.admin("payments", "secret", env={"MOTCUA_PAYMENT_SECRET": secret})


def _notify(
    srv: ServerProcess,
    body: dict[str, Any] | bytes,
    *,
    secret: str = SECRET,
    at: float | None = None,
    signature: str | None = None,
) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    ts = str(int(time.time() if at is None else at))
    mac = hmac.new(secret.encode(), ts.encode() + b"." + raw, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Timestamp": ts,
        "X-Signature": signature or f"sha256={mac}",
    }
    return httpx.post(f"{srv.url}{API_PREFIX}/payments/notify", content=raw, headers=headers)


def _transfer(code: str, amount: int = FEE, tid: str = "FT26337000001") -> dict[str, Any]:
    return {
        "transaction_id": tid,
        "amount": amount,
        # what a bank puts in the description: the dossier code the VietQR carried, and a name
        "content": f"NGUYEN VAN AN chuyen tien HS {code.lower()}. Cam on",
        "paid_at": "2026-12-03T09:15:00",
        "account": "0011001234567",
    }


def _counter_with_dossier(srv: ServerProcess, root: Path) -> tuple[SyncCounter, str]:
    c = make_counter(root, srv.url, "Q01")
    form = parse_form({**minimal_form(), "procedure": "1.001612"})
    code = c.service.receive(form, OFFICER).code
    assert code is not None
    assert c.sync().rejected == 0  # the server has the dossier and its fee
    return c, code


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _payments_at(c: SyncCounter) -> list[Payment]:
    with c.db.read() as s:
        return list(s.scalars(select(Payment)))


def test_a_good_notification_is_applied_and_reaches_the_counter(
    server: ServerProcess, tmp_path: Path
) -> None:
    c, code = _counter_with_dossier(server, tmp_path)
    assert _set_secret(server).returncode == 0
    answer = _notify(server, _transfer(code))
    assert answer.status_code == 200, answer.text
    year = time.localtime().tm_year
    assert answer.json() == {
        "outcome": "applied",
        "transaction_id": "FT26337000001",
        "code": code,
        "receipt_no": f"NH/{year}-000001",
    }
    assert c.sync().conflicts == 0
    [payment] = _payments_at(c)
    assert (payment.method, payment.amount, payment.reference) == ("bank", FEE, "FT26337000001")
    assert payment.receipt_no == f"NH/{year}-000001"
    with c.db.read() as s:
        assert fees_of(find_dossier(s, code)).state is FeeState.PAID
    listed = _lines(server.admin("payments", "list", "--json").stdout)
    assert [(r["outcome"], r["code"], r["amount"]) for r in listed] == [("applied", code, FEE)]
    # the secret is journalled, never written there
    journal = server.admin("journal").stdout
    assert "payments secret" in journal and SECRET not in journal


def test_a_forged_or_stale_notification_is_refused_and_recorded(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    srv = sqlite_server
    c, code = _counter_with_dossier(srv, tmp_path)
    _set_secret(srv)
    forged = _notify(srv, _transfer(code), secret="another-secret-of-32-characters-or-more")
    assert forged.status_code == 401 and forged.json()["error"]["code"] == "bad_signature"
    tampered = _notify(srv, _transfer(code), signature="sha256=" + "0" * 64)
    assert tampered.status_code == 401
    stale = _notify(srv, _transfer(code), at=time.time() - 600)
    assert stale.status_code == 401 and stale.json()["error"]["code"] == "bad_signature"
    # a body changed after signing: the signature was of another body
    raw = json.dumps(_transfer(code)).encode()
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), ts.encode() + b"." + raw, hashlib.sha256).hexdigest()
    changed = httpx.post(
        f"{srv.url}{API_PREFIX}/payments/notify",
        content=raw.replace(b"100000", b"900000"),
        headers={"X-Timestamp": ts, "X-Signature": f"sha256={mac}"},
    )
    assert changed.status_code == 401
    c.sync()
    assert _payments_at(c) == []
    listed = _lines(srv.admin("payments", "list", "--json").stdout)
    assert [r["outcome"] for r in listed] == ["bad_signature"] * 4
    assert all(r["transaction_id"] is None for r in listed)  # nothing of a forged body is kept


def test_unknown_code_short_amount_and_withdrawn_dossier_are_listed_never_applied(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    srv = sqlite_server
    c, code = _counter_with_dossier(srv, tmp_path)
    _set_secret(srv)
    unknown = _notify(srv, _transfer("000.00.12.H01010199999", tid="FT1"))
    assert unknown.json() == {
        "outcome": "unmatched",
        "transaction_id": "FT1",
        "code": "000.00.12.H01010199999",
        "reason": "unknown_code",
    }
    nothing = _notify(srv, {**_transfer(code, tid="FT2"), "content": "NGUYEN VAN AN nop phi"})
    assert nothing.json()["outcome"] == "unmatched" and nothing.json()["reason"] == "no_code"
    # not a whole token: the code glued to other text is not the code
    glued = _notify(srv, {**_transfer(code, tid="FT3"), "content": f"HS{code}X"})
    assert glued.json()["reason"] == "no_code"
    short = _notify(srv, _transfer(code, amount=60_000, tid="FT4"))
    assert short.json() == {
        "outcome": "short",
        "transaction_id": "FT4",
        "code": code,
        "reason": "short",
        "outstanding": FEE,
    }
    over = _notify(srv, _transfer(code, amount=FEE + 1, tid="FT5"))
    assert over.json()["outcome"] == "unmatched" and over.json()["reason"] == "over"
    c.service.withdraw(code, OFFICER, "Công dân xin rút hồ sơ")
    assert c.sync().rejected == 0
    closed = _notify(srv, _transfer(code, tid="FT6"))
    assert closed.json()["outcome"] == "unmatched" and closed.json()["reason"] == "closed"

    c.sync()
    assert _payments_at(c) == []  # nothing applied
    listed = _lines(srv.admin("payments", "unmatched", "--json").stdout)
    assert [(r["transaction_id"], r["outcome"], r["reason"]) for r in listed] == [
        ("FT1", "unmatched", "unknown_code"),
        ("FT2", "unmatched", "no_code"),
        ("FT3", "unmatched", "no_code"),
        ("FT4", "short", "short"),
        ("FT5", "unmatched", "over"),
        ("FT6", "unmatched", "closed"),
    ]
    assert all("NGUYEN" not in json.dumps(r) for r in listed)  # the payer's name is not kept
    text = srv.admin("payments", "unmatched")
    assert text.returncode == 0 and "số tiền nhỏ hơn số còn phải nộp" in text.stdout
    # the agency's counters hear of those whose dossier was found
    with c.db.read() as s:
        held = {u.transaction_id: u for u in s.scalars(select(UnmatchedPayment))}
    assert sorted(held) == ["FT4", "FT5", "FT6"]
    assert (held["FT4"].outcome, held["FT4"].amount, held["FT4"].outstanding) == (
        "short",
        60_000,
        FEE,
    )
    assert held["FT4"].code == code


def test_the_same_transaction_twice_is_applied_once(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    srv = sqlite_server
    c, code = _counter_with_dossier(srv, tmp_path)
    _set_secret(srv)
    first = _notify(srv, _transfer(code))
    again = _notify(srv, _transfer(code))
    assert first.json()["outcome"] == "applied"
    assert again.status_code == 200
    assert again.json() == {"outcome": "duplicate", "transaction_id": "FT26337000001", "code": code}
    c.sync()
    assert len(_payments_at(c)) == 1
    # a second transfer for a dossier already paid is not applied either
    more = _notify(srv, _transfer(code, tid="FT26337000002"))
    assert more.json()["reason"] == "nothing_due"
    c.sync()
    assert len(_payments_at(c)) == 1
    outcomes = [r["outcome"] for r in _lines(srv.admin("payments", "list", "--json").stdout)]
    assert outcomes == ["applied", "duplicate", "unmatched"]


def test_no_secret_malformed_bodies_and_short_secrets(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    srv = sqlite_server
    none = _notify(srv, _transfer("000.00.12.H01010126001"))
    assert none.status_code == 503 and none.json()["error"]["code"] == "payments_not_configured"

    weak = _set_secret(srv, "too-short-a-secret")
    assert weak.returncode == 1
    assert "ít nhất 32 ký tự" in weak.stderr and "Traceback" not in weak.stderr
    missing = srv.admin("payments", "secret", env={"MOTCUA_PAYMENT_SECRET": ""})
    assert missing.returncode == 1 and "MOTCUA_PAYMENT_SECRET" in missing.stderr
    assert _notify(srv, _transfer("000.00.12.H01010126001")).status_code == 503

    assert _set_secret(srv).returncode == 0
    good = _transfer("000.00.12.H01010126001")
    for bad in (
        {**good, "amount": 0},
        {**good, "amount": -5},
        {**good, "amount": 10**16},
        {**good, "amount": "100000"},
        {**good, "transaction_id": "FT 1"},
        {**good, "transaction_id": ""},
        {**good, "content": "x" * 501},
        {**good, "content": "HS\u202e000"},
        {**good, "paid_at": "2026-12-03T09:15:00+07:00"},
        {**good, "extra": 1},
    ):
        answer = _notify(srv, bad)
        assert answer.status_code == 422, bad
    assert _notify(srv, b"not json").status_code == 422
    outcomes = [r["outcome"] for r in _lines(srv.admin("payments", "list", "--json").stdout)]
    assert outcomes == ["invalid"] * 11
    assert _lines(srv.admin("payments", "unmatched", "--json").stdout) == []


@pytest.mark.parametrize("content", ["{code}", "MA HS: {code}, nop phi", "({code})"])
def test_the_code_is_found_as_a_whole_token(
    sqlite_server: ServerProcess, tmp_path: Path, content: str
) -> None:
    srv = sqlite_server
    _c, code = _counter_with_dossier(srv, tmp_path)
    _set_secret(srv)
    answer = _notify(srv, {**_transfer(code), "content": content.format(code=code)})
    assert answer.json()["outcome"] == "applied"


def test_a_contradictory_unmatched_payment_from_the_feed_is_a_conflict(tmp_path: Path) -> None:
    c = make_counter(tmp_path, "http://127.0.0.1:9", "Q01", enrol=False)
    good = UnmatchedPaymentChange(
        kind="unmatched_payment",
        transaction_id="FT9",
        outcome="short",
        reason="short",
        amount=50_000,
        outstanding=FEE,
        code="000.00.12.H01010126001",
        dossier_id=uuid.uuid4(),
        paid_at=datetime(2026, 12, 3, 9, 0),
    )
    # "short" but more than is owed; a code with a bidirectional override
    contradictory = good.model_copy(update={"transaction_id": "FT10", "amount": 2 * FEE})
    disguised = good.model_copy(update={"transaction_id": "FT11", "code": "000\u202e.H01"})
    with c.db.write() as s:
        report = apply_changes(s, c.ctx, [good, contradictory, disguised, good], "v1_4")
    assert (report.applied, report.conflicts, report.skipped) == (1, 2, 1)
    with c.db.read() as s:
        assert [u.transaction_id for u in s.scalars(select(UnmatchedPayment))] == ["FT9"]
        refs = sorted(x.ref for x in s.scalars(select(SyncConflict)))
    assert refs == ["FT10", "FT11"]
