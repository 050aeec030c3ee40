"""Payments travel between counters (issue 19): two counters offline number their fee receipts
in their own series, so no number repeats when they sync; the server refuses a receipt
numbered in another counter's series."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import select

from desktop.domain.fees import Method
from desktop.domain.reception import parse_form
from desktop.store.clock import local_now
from desktop.store.dossiers.payments import Payments
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import Payment
from tests.conftest import minimal_form
from tests.sync.test_engine import _rows_equal_folds
from tests.synctools import OFFICER, ServerProcess, make_counter


def test_receipt_series_never_repeat_across_counters_offline(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    form = parse_form({**minimal_form(), "procedure": "1.001612"})
    codes = {}
    for c in (q1, q2):
        code = c.service.receive(form, OFFICER).code
        assert code is not None
        codes[c.ctx.counter] = code
    # both offline: each takes two payments
    numbers = []
    for c in (q1, q2):
        payments = Payments(c.db, c.ctx)
        code = codes[c.ctx.counter]
        numbers.append(payments.pay(code, OFFICER, Method.CASH, 30_000).receipt_no)
        numbers.append(payments.pay(code, OFFICER, Method.CARD, 70_000, "POS-778812").receipt_no)
    year = local_now().year
    assert numbers == [f"{q}/{year}-{n:06d}" for q in ("Q01", "Q02") for n in (1, 2)]
    for c in (q1, q2, q1, q2):
        assert c.sync().rejected == 0
    for c in (q1, q2):
        with c.db.read() as s:
            held = sorted(p.receipt_no or "" for p in s.scalars(select(Payment)))
            assert held == sorted(numbers)
            for code in codes.values():
                assert find_dossier(s, code).fee_paid == 100_000
        _rows_equal_folds(c)


def test_the_server_refuses_a_receipt_outside_the_series_or_more_than_is_owed(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    form = parse_form({**minimal_form(), "procedure": "1.001612"})
    code = q2.service.receive(form, OFFICER).code
    assert code is not None and q2.sync().rejected == 0
    q1.sync()
    # a counter writing receipts in Q01's series
    pretender = dataclasses.replace(q2.ctx, counter="Q01")
    Payments(q2.db, pretender).pay(code, OFFICER, Method.CASH)
    assert q2.sync().rejected == 1
    q1.sync()
    with q1.db.read() as s:
        assert find_dossier(s, code).fee_paid == 0
    # the same fee taken at both counters offline: the second is a dead letter for the
    # supervisor (who refunds the citizen), never a silent double payment
    other = q1.service.receive(form, OFFICER).code
    assert other is not None and q1.sync().rejected == 0
    q2.sync()
    Payments(q1.db, q1.ctx).pay(other, OFFICER, Method.CASH)
    Payments(q2.db, q2.ctx).pay(other, OFFICER, Method.CASH)
    assert q1.sync().rejected == 0
    assert q2.sync().rejected == 1
    q1.sync()
    with q1.db.read() as s:
        assert find_dossier(s, other).fee_paid == 100_000
