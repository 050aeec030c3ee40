"""The money a counter took in a day, for its day close (issue 19, item 5): by officer and
method, refunds paid back, and the cash that should be in the drawer — counted from the fee
receipts of this counter's series (its ``Payment`` rows), so another counter's takings are
never in this drawer's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.fees import Method
from desktop.store.models import Payment, UnmatchedPayment


@dataclass(frozen=True)
class MoneyLine:
    officer: str
    method: str
    payments: int  # how many receipts
    collected: int
    refunded: int

    def as_json(self) -> dict[str, Any]:
        return {
            "officer": self.officer,
            "method": self.method,
            "payments": self.payments,
            "collected": self.collected,
            "refunded": self.refunded,
        }


@dataclass(frozen=True)
class Unmatched:
    """A bank transfer the server did not apply (issue 19 item 4): the supervisor settles it."""

    transaction_id: str
    code: str
    outcome: str  # unmatched | short
    reason: str
    amount: int
    outstanding: int | None
    paid_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "transaction_id": self.transaction_id,
            "code": self.code,
            "outcome": self.outcome,
            "reason": self.reason,
            "amount": self.amount,
            "outstanding": self.outstanding,
            "paid_at": self.paid_at.isoformat(timespec="minutes"),
        }


@dataclass(frozen=True)
class DayMoney:
    lines: tuple[MoneyLine, ...]
    unmatched: tuple[Unmatched, ...] = ()

    @property
    def collected(self) -> int:
        return sum(line.collected for line in self.lines)

    @property
    def refunded(self) -> int:
        return sum(line.refunded for line in self.lines)

    def by_method(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for line in self.lines:
            out[line.method] = out.get(line.method, 0) + line.collected - line.refunded
        return out

    @property
    def cash_expected(self) -> int:
        """What the drawer should hold from the day: cash taken less cash paid back."""
        return self.by_method().get(Method.CASH.value, 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "collected": self.collected,
            "refunded": self.refunded,
            "cash_expected": self.cash_expected,
            "by_method": self.by_method(),
            "lines": [line.as_json() for line in self.lines],
            "unmatched": [u.as_json() for u in self.unmatched],
        }


def day_money(session: Session, counter: str, day: date) -> DayMoney:
    first, last = datetime.combine(day, time.min), datetime.combine(day, time.max)
    rows = session.scalars(
        select(Payment).where(Payment.counter == counter, Payment.at.between(first, last))
    )
    tally: dict[tuple[str, str], list[int]] = {}
    for p in rows:
        t = tally.setdefault((p.officer, p.method), [0, 0, 0])
        if p.kind == "payment":
            t[0] += 1
            t[1] += p.amount
        else:
            t[2] += p.amount
    transfers = session.scalars(
        select(UnmatchedPayment)
        .where(UnmatchedPayment.paid_at.between(first, last))
        .order_by(UnmatchedPayment.paid_at)
    )
    return DayMoney(
        tuple(
            MoneyLine(officer, method, n, collected, refunded)
            for (officer, method), (n, collected, refunded) in sorted(tally.items())
        ),
        tuple(
            Unmatched(
                u.transaction_id, u.code, u.outcome, u.reason, u.amount, u.outstanding, u.paid_at
            )
            for u in transfers
        ),
    )
