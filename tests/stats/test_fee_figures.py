"""Fees collected in the statistics (issue 19, item 5): money by method and period, counted by
the payment's time (the last day of the period counts, the day after does not), by officer who
took it, by day, for the counter that took it; refunds apart; and the same figures in
``motcua stats --json`` and its text, the CSV, the XLSX and the Biểu 06a PDF.

Payments go through the real store (``Payments.pay``/``refund``) on dossiers of procedure
1.001612 (lệ phí 100 000 đồng), the counter's clock held at each moment."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.dossier import EventType
from desktop.domain.fees import Method
from desktop.domain.stats.fees import Money
from desktop.domain.stats.metrics import Grouping, Metric
from desktop.domain.stats.period import between, month
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.dossiers.payments import Payments
from desktop.store.dossiers.service import find_dossier
from desktop.store.stats.reports import write_report_pdf, write_report_xlsx
from desktop.store.stats.service import StatsQuery, StatsService
from desktop.store.sync.journal import record
from tests.clitools import Cli
from tests.conftest import RECEPTION, Counter
from tests.pdftools import pdf_text
from tests.stats.history import HOUSEHOLD, History, t
from tests.stats.test_duties import SECOND

SEPTEMBER = month(2023, 9)
BOSS = OfficerInfo("lanhdao", "Lãnh đạo", frozenset({"supervisor"}))
LATER = datetime(2023, 10, 15, 9, 0)


class Fees(History):
    """A History whose dossiers (1.001612, 100 000 đồng) are paid and refunded."""

    def pay(
        self,
        name: str,
        when: str,
        method: Method,
        amount: int,
        officer: OfficerInfo = RECEPTION,
        counter: str | None = None,
    ) -> None:
        self.at(when)
        ctx = self.c.ctx if counter is None else replace(self.c.ctx, counter=counter)
        ref = "FT0001" if method in (Method.QR, Method.CARD) else None
        Payments(self.c.db, ctx, clock=self.c.clock).pay(
            self.codes[name], officer, method, amount, ref
        )

    def bank(self, name: str, when: str, amount: int) -> None:
        """A transfer the bank notified to the provincial server, as the feed brings it."""
        at = t(when)
        payload = {"method": "bank", "amount": amount, "receipt_no": "TINH/2023-000001"}
        with self.c.db.write() as s:
            row = find_dossier(s, self.codes[name])
            record(
                s,
                self.c.ctx,
                row,
                EventType.PAID,
                {**payload, "paid_at": at},
                "he-thong",
                at=at,
                origin="server",
                counter="TINH",
            )

    def refund(self, name: str, when: str, amount: int) -> None:
        self.withdraw(name, when)
        Payments(self.c.db, self.c.ctx, clock=self.c.clock).refund(
            self.codes[name], BOSS, amount, "Công dân rút hồ sơ trước khi giải quyết"
        )


def september(c: Counter) -> Fees:
    h = Fees(c)
    # before the period: not counted
    h.receive("F", "2023-08-30T09:00", HOUSEHOLD)
    h.pay("F", "2023-08-31T23:59", Method.CASH, 100_000)
    # A: paid in two parts by two officers
    h.receive("A", "2023-09-05T09:00", HOUSEHOLD)
    h.pay("A", "2023-09-05T09:10", Method.CASH, 40_000)
    h.pay("A", "2023-09-06T10:00", Method.QR, 60_000, officer=SECOND)
    # D: paid, withdrawn, paid back (by the supervisor) the next day
    h.receive("D", "2023-09-11T09:00", HOUSEHOLD)
    h.pay("D", "2023-09-11T09:05", Method.CASH, 100_000)
    h.refund("D", "2023-09-12T08:00", 100_000)
    # E: the bank's transfer, through the server
    h.receive("E", "2023-09-19T09:00", HOUSEHOLD)
    h.bank("E", "2023-09-20T14:00", 100_000)
    # B: by card at the last minute of the period, at another counter
    h.receive("B", "2023-09-28T09:00", HOUSEHOLD)
    h.pay("B", "2023-09-30T23:59", Method.CARD, 100_000, counter="Q02")
    # C: the first minute after the period: October's
    h.receive("C", "2023-09-29T09:00", HOUSEHOLD)
    h.pay("C", "2023-10-01T00:00", Method.CASH, 100_000)
    return h


@pytest.fixture
def fees(counter: Counter) -> StatsService:
    september(counter)
    return StatsService(counter.db, counter.ctx, clock=lambda: LATER)


def _m(money: Money) -> tuple[int, int, int, int, int, int, int]:
    cash, qr, card, bank = (money.method(m) for m in Method)
    return (money.collected, cash, qr, card, bank, money.refunded, money.receipts)


def test_money_of_a_period_by_method(fees: StatsService) -> None:
    s = fees.summary(StatsQuery(SEPTEMBER))
    assert _m(s.fees) == (400_000, 140_000, 60_000, 100_000, 100_000, 100_000, 5)
    assert (s.fees.net, s.fees.refunds) == (300_000, 1)
    assert s.as_json()["fees"] == {
        "collected": 400_000,
        "refunded": 100_000,
        "net": 300_000,
        "by_method": {"cash": 140_000, "qr": 60_000, "card": 100_000, "bank": 100_000},
        "receipts": 5,
        "refunds": 1,
    }
    # the dossiers' figures are untouched by money: five received in September
    assert s.figures[Metric.RECEIVED] == 5 and s.figures[Metric.WITHDRAWN] == 1  # D
    # the last day counts, the day after does not
    last = fees.summary(StatsQuery(between(SEPTEMBER.last, SEPTEMBER.last))).fees
    assert _m(last) == (100_000, 0, 0, 100_000, 0, 0, 1)
    october = fees.summary(StatsQuery(month(2023, 10))).fees
    assert _m(october) == (100_000, 100_000, 0, 0, 0, 0, 1)
    august = fees.summary(StatsQuery(month(2023, 8))).fees
    assert august.method(Method.CASH) == 100_000
    # a counter's money is what was taken at that counter
    q01 = fees.summary(StatsQuery(SEPTEMBER, "Q01")).fees
    assert _m(q01) == (200_000, 140_000, 60_000, 0, 0, 100_000, 3)  # not the card, bank
    q02 = fees.summary(StatsQuery(SEPTEMBER, "Q02")).fees
    assert _m(q02) == (100_000, 0, 0, 100_000, 0, 0, 1)
    assert fees.summary(StatsQuery(SEPTEMBER, "Q09")).fees.empty


def test_money_by_officer_and_by_day(fees: StatsService) -> None:
    q = StatsQuery(SEPTEMBER)
    by_officer = fees.split(q, Grouping.OFFICER)
    money = {r.key: r.fees for r in by_officer.rows}
    assert _m(money["tiepnhan"]) == (240_000, 140_000, 0, 100_000, 0, 0, 3)
    assert _m(money["canbo2"]) == (60_000, 0, 60_000, 0, 0, 0, 1)
    assert _m(money["he-thong"]) == (100_000, 0, 0, 0, 100_000, 0, 1)
    # the supervisor received nothing but paid a refund back: a row of his own
    assert _m(money["lanhdao"]) == (0, 0, 0, 0, 0, 100_000, 0)
    assert sum((r.fees for r in by_officer.rows), start=Money()) == by_officer.fees
    assert by_officer.fees == fees.summary(q).fees
    by_day = fees.split(q, Grouping.DAY)
    days = {r.key: r.fees for r in by_day.rows if not r.fees.empty}
    assert {d: (m.collected, m.refunded) for d, m in days.items()} == {
        "2023-09-05": (40_000, 0),
        "2023-09-06": (60_000, 0),
        "2023-09-11": (100_000, 0),
        "2023-09-12": (0, 100_000),
        "2023-09-20": (100_000, 0),
        "2023-09-30": (100_000, 0),
    }
    assert len(by_day.rows) == 30 and by_day.fees.net == 300_000
    # by procedure, field, channel: the dossier's
    by_field = fees.split(q, Grouping.FIELD)
    assert [(r.key, r.fees.collected) for r in by_field.rows] == [("BTC.HKD", 400_000)]
    by_channel = fees.split(q, Grouping.CHANNEL)
    assert {r.key: r.fees.net for r in by_channel.rows} == {"1": 300_000}


def test_exports_and_the_period_report_have_the_money(fees: StatsService, tmp_path: Path) -> None:
    q = StatsQuery(SEPTEMBER)
    xlsx = tmp_path / "bieu.xlsx"
    write_report_xlsx(fees, q, xlsx, [Grouping.OFFICER])
    wb = load_workbook(xlsx)
    cells = [[c for c in row] for row in wb["Biểu 06a"].iter_rows(values_only=True)]
    at = next(i for i, row in enumerate(cells) if "PHÍ, LỆ PHÍ ĐÃ THU" in row)
    section = {row[1]: row[2] for row in cells[at + 2 : at + 9]}
    assert section["Tiền mặt"] == 140_000 and section["Thẻ"] == 100_000
    assert section["Chuyển khoản (mã QR)"] == 60_000
    assert section["Chuyển khoản (ngân hàng báo)"] == 100_000
    assert section["Tổng số đã thu (5 biên lai)"] == 400_000
    assert section["Đã hoàn trả (1 lần)"] == 100_000
    # the national table keeps its thirteen columns
    numbers = next(row for row in cells if row[0] == "(1)")
    assert [n for n in numbers if n] == [f"({i})" for i in range(1, 14)]
    lines = {row[2]: row[1] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row[2]}
    assert (lines["fees.collected"], lines["fees.qr"], lines["fees.net"]) == (
        400_000,
        60_000,
        300_000,
    )
    sheet = [list(r) for r in wb["Theo cán bộ"].iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(sheet) if r[0] == "Cán bộ tiếp nhận")
    cols = [
        str(a or "") + "|" + str(b or "") for a, b in zip(sheet[head], sheet[head + 1], strict=True)
    ]
    total = next(r for r in sheet if r[0] == "Tổng cộng")
    assert total[cols.index("Phí, lệ phí (đồng)|Đã thu")] == 400_000
    assert total[cols.index("|Thực thu")] == 300_000
    pdf = tmp_path / "bieu.pdf"
    write_report_pdf(fees, q, pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "PHÍ, LỆ PHÍ ĐÃ THU" in text and "400.000 đ" in text and "140.000 đ" in text
    assert text.index("PHÍ, LỆ PHÍ ĐÃ THU") < text.index("THỦ TRƯỞNG ĐƠN VỊ")


def _receive(cli: Cli) -> str:
    import json

    from tests.conftest import minimal_form

    form = {**minimal_form(), "procedure": HOUSEHOLD}
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


def test_the_command_line_shows_the_money(cli: Cli, tmp_path: Path) -> None:
    a, b = _receive(cli), _receive(cli)
    cli.json("pay", a, "--method", "cash", "--amount", "40000", "--user", "admin")
    cli.json("pay", a, "--method", "card", "--ref", "POS123", "--user", "admin")
    cli.json("pay", b, "--method", "qr", "--ref", "FT2633700123", "--user", "admin")
    out = cli.json("stats", "--period", "month", "--json", "--user", "admin")
    assert out["fees"] == {
        "collected": 200_000,
        "refunded": 0,
        "net": 200_000,
        "by_method": {"cash": 40_000, "qr": 100_000, "card": 60_000, "bank": 0},
        "receipts": 3,
        "refunds": 0,
    }
    assert "figures" in out and out["figures"]["received"] == 2  # the existing keys stay
    split = cli.json("stats", "--period", "month", "--by", "day", "--json", "--user", "admin")
    today = [r for r in split["rows"] if r["fees"]["receipts"]]
    assert len(today) == 1 and today[0]["fees"]["collected"] == 200_000
    assert split["fees"]["net"] == 200_000
    officers = cli.json(
        "stats", "--period", "month", "--by", "officer", "--json", "--user", "admin"
    )
    assert {r["key"]: r["fees"]["collected"] for r in officers["rows"]} == {"admin": 200_000}
    text = cli.ok("stats", "--period", "month", "--user", "admin")
    assert "Phí, lệ phí" in text and "200.000 đ" in text and "100.000 đ" in text
    assert "(3 biên lai)" in text
    by_officer = cli.ok("stats", "--period", "month", "--by", "officer", "--user", "admin")
    assert "Thực thu" in by_officer and "200.000" in by_officer
    out_csv = tmp_path / "t.csv"
    cli.ok("stats", "--period", "month", "--csv", str(out_csv), "--user", "admin")
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"))))
    found = {r[2]: r[1] for r in rows[1:]}
    assert found["fees.collected"] == "200000" and found["fees.card"] == "60000"
    split_csv = tmp_path / "s.csv"
    cli.ok(
        "stats", "--period", "month", "--by", "officer", "--csv", str(split_csv), "--user", "admin"
    )
    rows = list(csv.reader(io.StringIO(split_csv.read_bytes().decode("utf-8-sig"))))
    head, total = rows[0], rows[-1]
    assert total[head.index("Phí, lệ phí (đồng): đã thu")] == "200000"
    assert total[head.index("Phí, lệ phí (đồng): mã QR")] == "100000"
