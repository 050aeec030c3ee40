"""What the citizen display says, as plain data (issue 20, item 1): no Qt here, so it is tested
and reused without a window.

The display is for citizens, so everything here is Vietnamese, always: it is never passed
through ``tr()`` (the officer's window may speak English; the citizen facing it reads
Vietnamese), and lupdate has nothing to collect from this module.

The dossier's code, its look-up QR and the fee's VietQR are read off the receipt itself
(:func:`receipt_facts` walks the citizen's copy of Mẫu 01 as built for printing), so the
display can never show a payload other than the one on the paper the citizen takes home.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.forms.receipt import TRANSFER_TITLE
from printing.slip import Document, Field, Paragraph, Qr

# the receipt's own field labels (desktop/domain/forms/receipt.py), read back by label
CODE_LABEL = "Mã hồ sơ"
PROCEDURE_LABEL = "Nội dung yêu cầu giải quyết"
DUE_LABEL = "Thời gian trả kết quả giải quyết hồ sơ"
FEE_LABEL = "Phí, lệ phí"


@dataclass(frozen=True)
class ReceiptFacts:
    """What the receipt page shows: the citizen's copy of the receipt, reduced to its facts."""

    code: str
    procedure: str = ""
    due: str = ""  # as printed: "14 giờ 30 phút, ngày 12 tháng 01 năm 2026"
    fee: str = ""  # as printed: "100.000 đồng — Chưa nộp phí"; empty when no fee
    lookup_payload: str = ""  # the signed look-up QR printed at the top of the receipt
    transfer_payload: str = ""  # the fee's VietQR printed on the citizen's copy, if any
    transfer_lines: tuple[tuple[str, str], ...] = ()  # its amount, bank, account, holder…


def receipt_facts(document: Document) -> ReceiptFacts:
    """The facts of the citizen's copy (the last one) of a receipt document."""
    blocks = document.copies[-1].blocks
    fields: dict[str, str] = {}
    lookup = transfer = ""
    transfer_lines: list[tuple[str, str]] = []
    in_transfer = False
    for block in blocks:
        if isinstance(block, Paragraph) and block.text == TRANSFER_TITLE:
            in_transfer = True
        elif isinstance(block, Qr):
            if in_transfer and not transfer:
                transfer = block.payload
            elif not in_transfer and not lookup:
                lookup = block.payload
        elif isinstance(block, Field):
            if in_transfer:
                transfer_lines.append((block.label, block.value))
            else:
                fields.setdefault(block.label, block.value)
    return ReceiptFacts(
        code=fields.get(CODE_LABEL, ""),
        procedure=fields.get(PROCEDURE_LABEL, ""),
        due=fields.get(DUE_LABEL, ""),
        fee=fields.get(FEE_LABEL, ""),
        lookup_payload=lookup,
        transfer_payload=transfer,
        transfer_lines=tuple(transfer_lines),
    )


def mask_name(name: str) -> str:
    """A name others at the counter may read: family and given name whole, the middle names as
    initials ("Nguyễn Văn An" → "Nguyễn V. An", "Trần Thị Thu Hà" → "Trần T. T. Hà"). A name of
    two words shows the family name and the given name's initial ("Lê Lan" → "Lê L."): the
    citizen recognises it, a stranger learns little."""
    words = name.split()
    if len(words) <= 1:
        return words[0][:1] + "." if words else ""
    if len(words) == 2:
        return f"{words[0]} {words[1][:1]}."
    middle = " ".join(w[:1] + "." for w in words[1:-1])
    return f"{words[0]} {middle} {words[-1]}"


def dong(amount: int) -> str:
    """``100.000 đồng``: thousands grouped with dots, as on the receipt."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def document_line(d: Mapping[str, Any]) -> str:
    """One received document with its counts: "Tờ khai (1 bản chính, 2 bản sao)"."""
    parts = []
    originals = int(d.get("originals", 0) or 0)
    copies = int(d.get("certified_copies", 0) or 0) + int(d.get("photocopies", 0) or 0)
    if originals:
        parts.append(f"{originals} bản chính")
    if copies:
        parts.append(f"{copies} bản sao")
    counts = f" ({', '.join(parts)})" if parts else ""
    return f"{d.get('name', '')}{counts}"


def when(moment: datetime | None) -> str:
    """``14:30 ngày 12/01/2026``."""
    return moment.strftime("%H:%M ngày %d/%m/%Y") if moment is not None else ""


def lookup_lines(lookup: Any) -> list[str]:
    """How a citizen follows their dossier, from the province profile's ``[lookup]`` section
    (only what the profile has: nothing is made up), as the receipt prints them."""
    lines = []
    portal = getattr(lookup, "portal_url", None)
    if portal:
        lines.append(f"Cổng dịch vụ công: {portal}")
    lines.append("Quét mã QR trên giấy tiếp nhận hồ sơ")
    syntax, number = getattr(lookup, "sms_syntax", None), getattr(lookup, "sms_number", None)
    if syntax and number:
        lines.append(f"Nhắn tin: {syntax.format(code='<mã hồ sơ>')} gửi {number}")
    hotline = getattr(lookup, "hotline", None)
    if hotline:
        lines.append(f"Tổng đài hỗ trợ: {hotline}")
    others: Iterable[str] = getattr(lookup, "other_channels", ()) or ()
    lines += list(others)[:2]
    return lines
