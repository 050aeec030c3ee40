"""Taking a dossier's fee, paying it back, exempting it (issue 19, items 1, 2 and 5).

Each payment and refund is an event (synced, audited with it) and gets a fee receipt number
(biên lai thu phí, lệ phí). Numbers come from the series of the counter that takes the money:
``Q01/2026-000123`` — the series' symbol is the counter's code and the year, as each collector's
receipt book has its own symbol. The counter code is unique in the agency and the number only
grows at that counter, so no two counters ever give the same number, offline included, with
no lease to wait for; the server refuses a number outside the pushing counter's series
(sync/server/ingest.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.dossier import EventType, Status, TransitionError
from desktop.domain.fees import FeeError, Fees, FeeState, Method, check_amount
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import Dossier
from desktop.store.sync.journal import bump, record
from desktop.store.sync.outbound import Unsendable
from sync.protocol import forbidden_char

MAX_REFERENCE = 100


def fees_of(row: Dossier) -> Fees:
    return Fees(row.fee_total, row.fee_paid or 0, row.fee_exempt_reason)


@dataclass(frozen=True)
class PaymentDone:
    code: str
    kind: str  # payment | refund | exemption
    amount: int
    method: str | None
    receipt_no: str | None
    fee: Fees
    at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "amount": self.amount,
            "method": self.method,
            "receipt_no": self.receipt_no,
            "at": self.at.isoformat(timespec="minutes"),
            "fee": fee_json(self.fee),
        }


def fee_json(f: Fees) -> dict[str, Any]:
    return {
        "due": f.due,
        "paid": f.paid,
        "outstanding": f.outstanding,
        "state": f.state.value,
        "state_label": f.state.label_vi,
        "exempt_reason": f.exempt_reason,
    }


def _text(value: str, what: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    bad = forbidden_char(text)
    if bad is not None:
        raise ActionError(
            f"{what} chứa ký tự không được phép ({bad})",
            code="forbidden_character",
            what=what,
            char=bad,
        )
    if len(text) > limit:
        raise ActionError(f"{what} quá dài (tối đa {limit} ký tự)", code="text_too_long", max=limit)
    return text


def _reason(text: str, what: str) -> str:
    """A refund's reason or an exemption's legal basis: stated, in clean text."""
    why = _text(text, what[:1].upper() + what[1:], 2000)
    if len(why) < 5:
        raise FeeError(
            f"Phải ghi rõ {what} (ít nhất 5 ký tự)", code="reason_too_short", what=what, min=5
        )
    return why


class Payments:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock

    def _receipt_no(self, s: Any, now: datetime) -> str:
        return f"{self.ctx.counter}/{now.year}-{bump(s, f'fee_receipt:{now.year}'):06d}"

    def _record(
        self,
        s: Any,
        row: Dossier,
        type_: EventType,
        payload: dict[str, Any],
        who: str,
        now: datetime,
    ) -> None:
        try:
            record(s, self.ctx, row, type_, payload, who, at=now)
        except (TransitionError, Unsendable) as exc:
            raise ActionError(
                f"Hồ sơ {row.code or row.id}: {exc}",
                code="transition_not_allowed",
                detail=str(exc),
            ) from None

    def pay(
        self,
        ref: str,
        officer: OfficerInfo,
        method: Method,
        amount: int | None = None,
        reference: str | None = None,
    ) -> PaymentDone:
        """Take the fee, or part of it; the whole outstanding amount when none is given. A second
        payment of a paid fee is refused (a double payment), as is more than is outstanding."""
        if method is Method.BANK:
            raise FeeError(
                "Chuyển khoản do ngân hàng báo về máy chủ tỉnh được ghi tự động",
                code="method_not_at_counter",
            )
        ref_text = _text(reference, "Mã giao dịch", MAX_REFERENCE) if reference else None
        if method in (Method.QR, Method.CARD) and not ref_text:
            raise FeeError(
                "Thanh toán chuyển khoản hoặc thẻ cần mã giao dịch (--ref)", code="reference_needed"
            )
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            fee = fees_of(row)
            if Status(row.status).is_final:
                raise FeeError(
                    f"Hồ sơ {code} đã {Status(row.status).label_vi.lower()}: không thu phí",
                    code="fee_dossier_closed",
                    dossier=code,
                )
            if fee.state in (FeeState.NONE, FeeState.EXEMPT, FeeState.PAID):
                raise FeeError(
                    f"Hồ sơ {code}: {fee.state.label_vi.lower()}, không còn khoản phải thu",
                    code="fee_nothing_due",
                    dossier=code,
                    state=fee.state.value,
                )
            amount = fee.outstanding if amount is None else check_amount(amount)
            if amount > fee.outstanding:
                raise FeeError(
                    f"Hồ sơ {code} chỉ còn phải nộp {fee.outstanding:,} đồng".replace(",", "."),
                    code="fee_overpaid",
                    dossier=code,
                    outstanding=fee.outstanding,
                )
            receipt_no = self._receipt_no(s, now)
            payload = {
                "method": method.value,
                "amount": amount,
                "receipt_no": receipt_no,
                "reference": ref_text,
                "paid_at": now,
            }
            self._record(s, row, EventType.PAID, payload, officer.username, now)
            return PaymentDone(code, "payment", amount, method.value, receipt_no, fees_of(row), now)

    def refund(self, ref: str, officer: OfficerInfo, amount: int, reason: str) -> PaymentDone:
        """Pay back a fee the agency could not deliver the service for (Kon Tum QĐ 08/2018
        Điều 8.2.c): the dossier was refused, withdrawn or stopped, never decided."""
        amount = check_amount(amount)
        why = _reason(reason, "lý do hoàn trả")
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            status = Status(row.status)
            if status not in (
                Status.KHONG_DUOC_TIEP_NHAN,
                Status.CONG_DAN_RUT_HO_SO,
                Status.DUNG_XU_LY,
            ):
                raise FeeError(
                    f"Hồ sơ {code} đang ở trạng thái {status.label_vi}: chỉ hoàn trả phí khi cơ "
                    "quan không thực hiện được dịch vụ (QĐ 08/2018 Kon Tum Điều 8 khoản 2 điểm c)",
                    code="refund_not_allowed",
                    dossier=code,
                )
            paid = row.fee_paid or 0
            if amount > paid:
                raise FeeError(
                    f"Hồ sơ {code} chỉ có {paid:,} đồng đã nộp để hoàn trả".replace(",", "."),
                    code="refund_more_than_paid",
                    dossier=code,
                    paid=paid,
                )
            receipt_no = self._receipt_no(s, now)
            payload = {
                "method": "cash",
                "amount": amount,
                "receipt_no": receipt_no,
                "reason": why,
                "refunded_at": now,
            }
            self._record(s, row, EventType.REFUNDED, payload, officer.username, now)
            return PaymentDone(code, "refund", amount, "cash", receipt_no, fees_of(row), now)

    def exempt(self, ref: str, officer: OfficerInfo, reason: str) -> PaymentDone:
        """No fee, for the legal reason given (e.g. a group the fee law exempts)."""
        why = _reason(reason, "căn cứ miễn phí, lệ phí")
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            if (row.fee_paid or 0) > 0:
                raise FeeError(
                    f"Hồ sơ {code} đã nộp phí: hoàn trả trước khi miễn", code="fee_already_paid"
                )
            if row.fee_exempt_reason:
                raise FeeError(f"Hồ sơ {code} đã được miễn phí, lệ phí", code="fee_exempt_already")
            self._record(s, row, EventType.FEE_EXEMPTED, {"reason": why}, officer.username, now)
            return PaymentDone(code, "exemption", 0, None, None, fees_of(row), now)
