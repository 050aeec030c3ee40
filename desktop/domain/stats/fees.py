"""Fees collected (phí, lệ phí, issue 19 item 5) as statistics count them: money, not dossiers.

Definitions (a period as in metrics.py, from ``start`` to ``end``):

- collected: the payments (``paid`` events, the counter's ``payments`` rows of kind "payment")
  whose time ``at`` is inside the period, whenever the dossier was received; ``by_method`` is
  that amount per method (cash, qr, card, bank: a transfer the bank notified);
- refunded: the refunds paid back inside the period (always in cash at the counter);
- net: collected less refunded; receipts / refunds: how many of each;
- with a counter: the money taken at that counter (``Payment.counter``), whichever counter
  the dossier belongs to — the takings of a drawer, as the day close counts them;
- by officer: the officer who took the payment or paid the refund; by day: each day's money;
  by procedure, field, channel: the dossier's.

Why a block of its own (:class:`Money`, beside :class:`~.metrics.Figures`) rather than new
metrics: every metric is a count of dossiers — figures add up, rates divide them, the charts
stack them, each number drills to the dossiers it counted, the centre's snapshot carries them and
the consistency checks (carried over + received = resolved + withdrawn + in progress) loop over
them. An amount in đồng is none of that: a dossier paid in two parts is counted once but its
money twice, and a refund is negative money on a dossier that counts nowhere. Kept apart, no
code that assumes counts can misread an amount, and the JSON key ``fees`` says what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.fees import Method

METHODS: tuple[Method, ...] = (Method.CASH, Method.QR, Method.CARD, Method.BANK)
# Short headings for tables and tiles (the full names are Method.label_vi)
METHOD_SHORT_VI: Mapping[Method, str] = {
    Method.CASH: "Tiền mặt",
    Method.QR: "Mã QR",
    Method.CARD: "Thẻ",
    Method.BANK: "Ngân hàng báo",
}
GROUP_VI = "Phí, lệ phí"


@dataclass(frozen=True)
class Money:
    """The fee money of one cell group, in đồng."""

    by_method: Mapping[str, int] = field(default_factory=dict)  # collected, per method
    refunded: int = 0
    receipts: int = 0  # payments (fee receipts issued for money taken)
    refunds: int = 0  # refunds paid back

    @property
    def collected(self) -> int:
        return sum(self.by_method.values())

    @property
    def net(self) -> int:
        return self.collected - self.refunded

    def method(self, method: Method | str) -> int:
        return self.by_method.get(str(method), 0)

    @property
    def empty(self) -> bool:
        return not (self.receipts or self.refunds)

    def __add__(self, other: Money) -> Money:
        keys = {*self.by_method, *other.by_method}
        return Money(
            {k: self.method(k) + other.method(k) for k in keys},
            self.refunded + other.refunded,
            self.receipts + other.receipts,
            self.refunds + other.refunds,
        )

    def as_json(self) -> dict[str, Any]:
        """Stable keys for scripts: the four methods always, zero when none; any other method
        a future version records is in ``collected`` and listed after them."""
        methods = {m.value: self.method(m) for m in METHODS}
        methods.update({k: v for k, v in sorted(self.by_method.items()) if k not in methods})
        return {
            "collected": self.collected,
            "refunded": self.refunded,
            "net": self.net,
            "by_method": methods,
            "receipts": self.receipts,
            "refunds": self.refunds,
        }


@dataclass(frozen=True)
class MoneyLine:
    """One payment or refund as the statistics read it (a ``payments`` row, grouped)."""

    kind: str  # payment | refund
    method: str
    amount: int
    count: int = 1


def money_of(lines: Iterable[MoneyLine]) -> Money:
    by_method: dict[str, int] = {}
    refunded = receipts = refunds = 0
    for line in lines:
        if line.kind == "refund":
            refunded += line.amount
            refunds += line.count
        else:
            by_method[line.method] = by_method.get(line.method, 0) + line.amount
            receipts += line.count
    return Money(by_method, refunded, receipts, refunds)


def dong(amount: int) -> str:
    """1250000 → "1.250.000 đ", as the receipts write amounts."""
    return f"{amount:,} đ".replace(",", ".")


# (key, short heading) of the money columns of a table, in order
COLUMNS: tuple[tuple[str, str], ...] = (
    ("collected", "Đã thu"),
    *((m.value, METHOD_SHORT_VI[m]) for m in METHODS),
    ("refunded", "Đã hoàn trả"),
    ("net", "Thực thu"),
)


def money_cells(m: Money) -> tuple[int, ...]:
    out = []
    for key, _h in COLUMNS:
        if key == "collected":
            out.append(m.collected)
        elif key == "refunded":
            out.append(m.refunded)
        elif key == "net":
            out.append(m.net)
        else:
            out.append(m.method(key))
    return tuple(out)


def money_rows(m: Money) -> tuple[tuple[str, int, str], ...]:
    """The money as lines (label, đồng, code): a summary's lines and the Biểu's section."""
    return (
        ("Tổng số tiền phí, lệ phí đã thu", m.collected, "fees.collected"),
        *((f"— {method.label_vi}", m.method(method), f"fees.{method.value}") for method in METHODS),
        ("Số biên lai thu phí, lệ phí", m.receipts, "fees.receipts"),
        ("Số tiền đã hoàn trả", m.refunded, "fees.refunded"),
        ("Số tiền thực thu (đã thu trừ hoàn trả)", m.net, "fees.net"),
    )
