"""Fees (phí, lệ phí) due on a dossier and what was paid (issue 19).

The fee due is fixed at reception from the catalog (quantity × amount per line, the dossier's
``fee_total``). Payments (cash, bank transfer by QR, card terminal, or a transfer the bank
confirmed) and refunds are events; the state follows from them:

- ``none``: the procedure carries no fee; ``exempt``: exempted, with the legal reason;
- ``unpaid``, ``partial``, ``paid``: nothing, some, all of the fee paid (less refunds).

Non-cash payment is what the provincial and commune centres offer (Quảng Ninh QĐ 84/2025
Điều 14.5: chuyển khoản, quét mã QR, thẻ); a refund is due only when the agency did not deliver
the service (Kon Tum QĐ 08/2018 Điều 8.2.c: not when it was decided and the citizen did not
collect the result).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.refusal import Refusal
from sync.limits import MAX_FEE_TOTAL


class Method(StrEnum):
    CASH = "cash"
    QR = "qr"  # bank transfer by scanning the VietQR code
    CARD = "card"  # the card terminal at the counter
    BANK = "bank"  # a transfer the bank notified to the provincial server

    @property
    def label_vi(self) -> str:
        return {
            "cash": "Tiền mặt",
            "qr": "Chuyển khoản (mã QR)",
            "card": "Thẻ",
            "bank": "Chuyển khoản (ngân hàng báo)",
        }[self.value]


class FeeState(StrEnum):
    NONE = "none"
    EXEMPT = "exempt"
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"

    @property
    def label_vi(self) -> str:
        return {
            "none": "Không thu phí",
            "exempt": "Miễn phí, lệ phí",
            "unpaid": "Chưa nộp phí",
            "partial": "Đã nộp một phần",
            "paid": "Đã nộp đủ phí",
        }[self.value]


class FeeError(Refusal, ValueError):
    code = "fee_refused"


@dataclass(frozen=True)
class Fees:
    due: int
    paid: int  # payments less refunds
    exempt_reason: str | None = None

    @property
    def outstanding(self) -> int:
        return 0 if self.exempt_reason else max(0, self.due - self.paid)

    @property
    def state(self) -> FeeState:
        if self.exempt_reason:
            return FeeState.EXEMPT
        if self.due == 0:
            return FeeState.NONE
        if self.paid >= self.due:
            return FeeState.PAID
        return FeeState.PARTIAL if self.paid > 0 else FeeState.UNPAID


def check_amount(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise FeeError("Số tiền phải là số nguyên (đồng)", code="amount_invalid")
    if amount <= 0:
        raise FeeError("Số tiền phải lớn hơn 0", code="amount_not_positive")
    if amount > MAX_FEE_TOTAL:
        raise FeeError("Số tiền quá lớn", code="amount_too_large")
    return amount


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")


def _three(n: int, full: bool) -> str:
    """0–999 read as Vietnamese; ``full``: a group after a higher one ("không trăm linh năm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def in_words(amount: int) -> str:
    """An amount of đồng as written on a receipt: 1 250 000 → "Một triệu hai trăm năm mươi
    nghìn đồng"."""
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    n = amount
    while n:
        groups.append(n % 1000)
        n //= 1000
    parts: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        higher = i < len(groups) - 1
        parts.append(_three(g, higher))
        if _GROUPS[i]:
            parts.append(_GROUPS[i])
    text = " ".join(parts) + " đồng"
    return text[0].upper() + text[1:]
