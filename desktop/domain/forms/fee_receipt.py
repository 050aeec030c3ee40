"""Biên lai thu phí, lệ phí — and its counterpart for a fee paid back (issue 19).

The content of a fee receipt follows Nghị định 123/2020/NĐ-CP Điều 32 (nội dung biên lai): the
collecting organisation, the receipt's series symbol and number, the payer, the kind of fee and
the amount (in figures and in words), the date, and the collector's signature. Two copies: one
kept by the counter, one given to the payer. The series symbol is the collecting counter's
(``Q01/2026``), so numbers never repeat across counters (desktop/store/dossiers/payments.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.fees import in_words
from desktop.domain.forms.common import datetime_long, office_heading
from desktop.domain.forms.facts import Office
from printing.slip import (
    Block,
    Document,
    Field,
    Note,
    SignatureBlock,
    Signatures,
    Slip,
    Table,
    Title,
)

COPIES = ("Liên 1: Lưu tại quầy", "Liên 2: Giao người nộp tiền")
SIGNATURE_NOTE = "(Ký, ghi rõ họ tên)"


@dataclass(frozen=True)
class FeeLine:
    name: str
    quantity: int
    amount: int  # per unit


@dataclass(frozen=True)
class FeeReceiptFacts:
    receipt_no: str  # "Q01/2026-000123": the series symbol, then the number
    refund: bool
    at: datetime
    code: str
    procedure_name: str
    payer_name: str
    payer_address: str
    lines: tuple[FeeLine, ...]
    due: int
    amount: int  # this payment, or this refund
    outstanding: int  # still to pay after it
    method_label: str
    reference: str | None
    reason: str | None
    officer_name: str

    @property
    def series(self) -> str:
        return self.receipt_no.rsplit("-", 1)[0]

    @property
    def number(self) -> str:
        return self.receipt_no.rsplit("-", 1)[-1]


def money(amount: int) -> str:
    """1.250.000 đ — Vietnamese groups thousands with dots."""
    return f"{amount:,}".replace(",", ".") + " đ"


def fee_receipt(office: Office, facts: FeeReceiptFacts, *, now: datetime) -> Document:
    title = "BIÊN LAI HOÀN TRẢ PHÍ, LỆ PHÍ" if facts.refund else "BIÊN LAI THU PHÍ, LỆ PHÍ"
    rows = tuple(
        (line.name, str(line.quantity), money(line.amount), money(line.amount * line.quantity))
        for line in facts.lines
    )
    blocks: list[Block] = [
        office_heading(office, reference=f"Ký hiệu: {facts.series}", on=facts.at.date()),
        Title(title),
        Field("Số", facts.number, emphasis=True),
        Field("Mã hồ sơ", facts.code),
        Field("Họ tên người nộp", facts.payer_name),
        Field("Địa chỉ", facts.payer_address or "…"),
        Field("Thủ tục", facts.procedure_name),
    ]
    if rows:
        headers = ("Khoản phí, lệ phí", "SL", "Mức thu", "Thành tiền")
        blocks.append(Table(headers, rows, widths=(5, 1, 2, 2)))
    blocks += [
        Field("Tổng phí, lệ phí phải nộp", money(facts.due)),
        Field(
            "Số tiền hoàn trả" if facts.refund else "Số tiền nộp",
            money(facts.amount),
            emphasis=True,
        ),
        Field("Bằng chữ", in_words(facts.amount)),
    ]
    if facts.refund:
        blocks.append(Field("Lý do hoàn trả", facts.reason or ""))
    else:
        blocks.append(Field("Hình thức thanh toán", facts.method_label))
        if facts.reference:
            blocks.append(Field("Mã giao dịch", facts.reference))
        blocks.append(Field("Còn phải nộp", money(facts.outstanding)))
    blocks += [
        Field("Thời gian", datetime_long(facts.at)),
        Signatures(
            (
                SignatureBlock(
                    "NGƯỜI NHẬN TIỀN" if facts.refund else "NGƯỜI NỘP TIỀN", note=SIGNATURE_NOTE
                ),
                SignatureBlock(
                    "NGƯỜI CHI TIỀN" if facts.refund else "NGƯỜI THU TIỀN",
                    note=SIGNATURE_NOTE,
                    name=facts.officer_name,
                ),
            )
        ),
        Note(f"In lúc {datetime_long(now)}."),
    ]
    kind = "bien-lai-hoan-tra" if facts.refund else "bien-lai-thu-phi"
    return Document(
        tuple(
            Slip(tuple(blocks), copy_label=label, name=f"{kind}-lien-{i}")
            for i, label in enumerate(COPIES, 1)
        )
    )
