"""The bank's payment notifications (issue 19 item 4): a transfer to the province's account is
matched to a dossier by the code in its description and the amount owed, and applied as a
``paid`` event of the server (method ``bank``) that the feed carries to the agency's counters.
Anything that does not match exactly is listed for the supervisor, never applied.

The bank signs each notification with the province's secret: ``X-Signature: sha256=<hex
HMAC-SHA256(secret, timestamp + "." + body)>`` and ``X-Timestamp`` (seconds since the epoch);
a timestamp more than five minutes away is refused, so a captured notification cannot be
replayed later, and the transaction id is applied at most once whenever it is replayed.

Only the dossier code found is kept of the transfer's description: it may name the payer.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from hashlib import sha256
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.limits import MAX_FEE_TOTAL
from sync.protocol import CheckedTime, SafeText, forbidden_char

from .db import PROVINCE_TZ, local_now, take_feed_ids, utc_now
from .feed import add_change
from .ingest import row_of, server_event
from .models import (
    BankReceiptSeriesRow,
    BankTransactionRow,
    DossierRow,
    EventRow,
    PaymentNotificationRow,
    PaymentSecretRow,
    UnmatchedPaymentRow,
)

SECRET_ENV = "MOTCUA_PAYMENT_SECRET"
MIN_SECRET = 32
MAX_SECRET = 256
MAX_SKEW_SECONDS = 300  # a notification signed longer ago (or ahead) than this is refused
MAX_NOTIFICATION_BYTES = 16 * 1024
BANK_OFFICER = "ngan-hang"  # who the server's "paid" events name
RECEIPT_SERIES = "NH"  # the server's fee receipts: NH/2026-000001
# the statuses a fee may be paid at (event_rules.COUNTER_TRANSITIONS["paid"])
PAYABLE = frozenset({1, 2, 4, 5, 6, 9})

Outcome = Literal["applied", "duplicate", "unmatched", "short", "bad_signature", "invalid"]

# a whole token of the description: letters, digits, dots and dashes, starting and ending with a
# letter or digit (a full stop after the code is punctuation, not part of it)
_TOKEN_RE = re.compile(
    r"(?<![A-Za-z0-9.-])[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?![A-Za-z0-9])"
)
# what looks like a dossier code (000.00.12.H01031226001, 000.00.23.H34-261204-0001): said as
# "unknown code" rather than "no code" when no dossier has it
_CODE_LIKE_RE = re.compile(r"^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){2,}[.-][0-9A-Z-]{4,}$")
_TIMESTAMP_RE = re.compile(r"^[0-9]{1,12}$")


class PaymentsError(ValueError):
    pass


class BankNotification(BaseModel):
    """The bank's notification of one transfer to the province's account."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    transaction_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    amount: int = Field(ge=1, le=MAX_FEE_TOTAL)
    content: SafeText = Field(max_length=500)
    # local naive time, as every time of the protocol; strict mode still reads ISO text in JSON
    paid_at: CheckedTime
    account: SafeText | None = Field(default=None, min_length=1, max_length=40)


# -- the secret -----------------------------------------------------------------------------------


def set_secret(s: Session, secret: str) -> None:
    """The province's secret shared with the bank; replaces the previous one at once."""
    secret = secret.strip()
    if len(secret) < MIN_SECRET:
        raise PaymentsError(f"khóa bí mật cần ít nhất {MIN_SECRET} ký tự")
    if len(secret) > MAX_SECRET:
        raise PaymentsError(f"khóa bí mật dài tối đa {MAX_SECRET} ký tự")
    if (
        not secret.isascii()
        or forbidden_char(secret) is not None
        or any(c.isspace() for c in secret)
    ):
        raise PaymentsError("khóa bí mật chỉ gồm ký tự ASCII in được, không có khoảng trắng")
    take_feed_ids(s, 0)
    row = s.get(PaymentSecretRow, 1)
    if row is None:
        s.add(PaymentSecretRow(id=1, secret=secret, set_at=utc_now()))
    else:
        row.secret = secret
        row.set_at = utc_now()


def secret_of(s: Session) -> str | None:
    row = s.get(PaymentSecretRow, 1)
    return row.secret if row is not None else None


def signature_problem(
    secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float
) -> str | None:
    """Why the notification is not the bank's (None: it is). The timestamp is inside the MAC, so
    it cannot be moved forward to replay an old notification."""
    if timestamp is None or not _TIMESTAMP_RE.match(timestamp):
        return "X-Timestamp (seconds since the epoch) required"
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        return "stale or future X-Timestamp"
    if signature is None or not signature.startswith("sha256="):
        return "X-Signature: sha256=<hex> required"
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, sha256).hexdigest()
    given = signature[len("sha256=") :].strip().lower().encode("latin-1", "replace")
    if not hmac.compare_digest(expected.encode(), given):
        return "signature does not match"
    return None


def record_attempt(
    s: Session,
    outcome: Outcome,
    transaction_id: str | None = None,
    code: str | None = None,
    amount: int | None = None,
) -> None:
    s.add(
        PaymentNotificationRow(
            received_at=utc_now(),
            transaction_id=transaction_id,
            outcome=outcome,
            code=code,
            amount=amount,
        )
    )


# -- matching -------------------------------------------------------------------------------------


def codes_in(content: str) -> list[str]:
    """The whole tokens of a transfer's description that could be a dossier code, upper-cased."""
    found: list[str] = []
    for token in _TOKEN_RE.findall(content):
        t = token.upper()
        if 8 <= len(t) <= 60 and any(c.isdigit() for c in t) and t not in found:
            found.append(t)
    return found


def outstanding(s: Session, d: DossierRow) -> int | None:
    """What the dossier still owes: its fee less what was paid, plus what was refunded, from
    its events on the server; None when the fee was exempted."""
    paid = 0
    rows = s.execute(
        select(EventRow.type, EventRow.payload).where(
            EventRow.dossier_id == d.id,
            EventRow.type.in_(("paid", "refunded", "fee_exempted")),
        )
    )
    for type_, payload in rows:
        if type_ == "fee_exempted":
            return None
        amount = payload.get("amount") if isinstance(payload, dict) else None
        if isinstance(amount, bool) or not isinstance(amount, int):
            continue  # the server refuses such events (event_rules.payment_problem)
        paid += amount if type_ == "paid" else -amount
    return max(0, (d.fee_total or 0) - paid)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str = ""
    code: str | None = None
    receipt_no: str | None = None
    outstanding: int | None = None

    def answer(self, transaction_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {"outcome": self.outcome, "transaction_id": transaction_id}
        if self.code is not None:
            out["code"] = self.code
        if self.reason:
            out["reason"] = self.reason
        if self.receipt_no is not None:
            out["receipt_no"] = self.receipt_no
        if self.outstanding is not None:
            out["outstanding"] = self.outstanding
        return out


def _find(s: Session, content: str) -> tuple[DossierRow | None, str | None, str]:
    """(the dossier, the code found, the reason when none)."""
    tokens = codes_in(content)
    if not tokens:
        return None, None, "no_code"
    found = list(
        s.scalars(
            select(DossierRow).where(
                or_(DossierRow.code.in_(tokens), DossierRow.provisional_code.in_(tokens))
            )
        )
    )
    if len(found) > 1:
        return None, None, "several_codes"
    if found:
        d = found[0]
        code = d.code if d.code in tokens else d.provisional_code
        return d, code, ""
    like = [t for t in tokens if _CODE_LIKE_RE.match(t)]
    return None, (like[0] if like else None), "unknown_code" if like else "no_code"


def next_receipt(s: Session, year: int) -> str:
    row = s.get(BankReceiptSeriesRow, year)
    if row is None:
        row = BankReceiptSeriesRow(year=year, high=0)
        s.add(row)
    row.high = (row.high or 0) + 1
    s.flush()
    return f"{RECEIPT_SERIES}/{year}-{row.high:06d}"


def apply_notification(s: Session, note: BankNotification) -> Decision:
    """Decide one signed notification, record it, and apply it when it matches exactly."""
    take_feed_ids(s, 0)  # one writer at a time: a transaction decided once, receipts in order
    tid = note.transaction_id
    done = s.get(BankTransactionRow, tid)
    if done is not None:
        record_attempt(s, "duplicate", tid, done.code, note.amount)
        return Decision("duplicate", code=done.code)
    d, code, reason = _find(s, note.content)
    owed: int | None = None
    decision: Decision
    if d is None:
        decision = Decision("unmatched", reason, code)
    elif d.status not in PAYABLE:
        decision = Decision("unmatched", "closed", code)
    else:
        owed = outstanding(s, d)
        if owed is None:
            decision = Decision("unmatched", "exempt", code)
        elif owed == 0:
            decision = Decision("unmatched", "nothing_due", code, outstanding=0)
        elif note.amount > owed:
            decision = Decision("unmatched", "over", code, outstanding=owed)
        elif note.amount < owed:
            decision = Decision("short", "short", code, outstanding=owed)
        else:
            decision = Decision("applied", code=code, outstanding=0)
    event_id: str | None = None
    if decision.outcome == "applied":
        assert d is not None
        receipt = next_receipt(s, local_now().year)
        payload = {
            "method": "bank",
            "amount": note.amount,
            "receipt_no": receipt,
            "reference": tid,
            "paid_at": note.paid_at.isoformat(),
        }
        d.updated_at = utc_now()
        event_id = server_event(s, row_of(d), "paid", payload, BANK_OFFICER).id
        decision = Decision("applied", code=code, receipt_no=receipt)
    else:
        _list_unmatched(s, note, decision, d)
    s.add(
        BankTransactionRow(
            transaction_id=tid,
            outcome=decision.outcome,
            amount=note.amount,
            paid_at=note.paid_at,
            decided_at=utc_now(),
            dossier_id=d.id if d is not None else None,
            code=decision.code,
            receipt_no=decision.receipt_no,
            event_id=event_id,
        )
    )
    record_attempt(s, decision.outcome, tid, decision.code, note.amount)
    return decision


def _list_unmatched(
    s: Session, note: BankNotification, decision: Decision, d: DossierRow | None
) -> None:
    """For the supervisor at the server, and at the agency's counters when the dossier (so the
    agency) is known."""
    s.add(
        UnmatchedPaymentRow(
            transaction_id=note.transaction_id,
            outcome=decision.outcome,
            reason=decision.reason,
            amount=note.amount,
            outstanding=decision.outstanding,
            paid_at=note.paid_at,
            received_at=utc_now(),
            code=decision.code,
            dossier_id=d.id if d is not None else None,
            agency=d.agency if d is not None else None,
        )
    )
    if d is None or decision.code is None:
        return
    body = {
        "transaction_id": note.transaction_id,
        "outcome": decision.outcome,
        "reason": decision.reason,
        "amount": note.amount,
        "outstanding": decision.outstanding,
        "code": decision.code,
        "dossier_id": d.id,
        "paid_at": note.paid_at.isoformat(),
    }
    add_change(s, take_feed_ids(s, 1), "unmatched_payment", body, agency=d.agency)


# -- for the supervisor ---------------------------------------------------------------------------

REASONS_VI = {
    "no_code": "nội dung chuyển khoản không có mã hồ sơ",
    "unknown_code": "không có hồ sơ mang mã này",
    "several_codes": "nội dung có mã của nhiều hồ sơ",
    "closed": "hồ sơ không còn nhận nộp phí (đã trả, từ chối, rút, dừng)",
    "exempt": "hồ sơ được miễn phí, lệ phí",
    "nothing_due": "hồ sơ đã nộp đủ phí",
    "over": "số tiền lớn hơn số còn phải nộp",
    "short": "số tiền nhỏ hơn số còn phải nộp",
}


def to_local(at_utc: datetime) -> datetime:
    """A stored UTC instant as the province's wall clock."""
    return at_utc.replace(tzinfo=UTC).astimezone(PROVINCE_TZ).replace(tzinfo=None)


def _utc_of_local_day(day: date) -> datetime:
    start = datetime.combine(day, time()).replace(tzinfo=PROVINCE_TZ)
    return start.astimezone(UTC).replace(tzinfo=None)


def unmatched(s: Session) -> Sequence[dict[str, Any]]:
    rows = s.scalars(select(UnmatchedPaymentRow).order_by(UnmatchedPaymentRow.received_at))
    return [
        {
            "transaction_id": r.transaction_id,
            "outcome": r.outcome,
            "reason": r.reason,
            "reason_vi": REASONS_VI.get(r.reason, r.reason),
            "amount": r.amount,
            "outstanding": r.outstanding,
            "code": r.code,
            "agency": r.agency,
            "paid_at": r.paid_at.isoformat(),
            "received_at": to_local(r.received_at).isoformat(),
        }
        for r in rows
    ]


def notifications(s: Session, first: date | None, last: date | None) -> Sequence[dict[str, Any]]:
    """Every notification received on the province's days ``first``..``last``."""
    q = select(PaymentNotificationRow).order_by(PaymentNotificationRow.id)
    if first is not None:
        q = q.where(PaymentNotificationRow.received_at >= _utc_of_local_day(first))
    if last is not None:
        end = _utc_of_local_day(last + timedelta(days=1))
        q = q.where(PaymentNotificationRow.received_at < end)
    return [
        {
            "received_at": to_local(r.received_at).isoformat(),
            "transaction_id": r.transaction_id,
            "outcome": r.outcome,
            "code": r.code,
            "amount": r.amount,
        }
        for r in s.scalars(q)
    ]
