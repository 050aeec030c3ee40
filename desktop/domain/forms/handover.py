"""Phiếu bàn giao hồ sơ: the record of dossiers the one-stop section hands to a specialist unit.

Kon Tum QĐ 08/2018/QĐ-UBND (seed 003), Điều 14 khoản 4: "Trong thời hạn 1/2 ngày làm việc (kể
từ khi nhận được hồ sơ đầy đủ, hợp lệ), bộ phận tiếp nhận và trả kết quả phải chuyển hồ sơ cho
bộ phận chuyên môn giải quyết"; Điều 15 has the specialist unit check "nội dung hồ sơ do bộ phận
tiếp nhận hồ sơ và trả kết quả chuyển đến". The six forms of Thông tư 01/2018/TT-VPCP have none
for this paper (its Mẫu 05 records each hand-over on the dossier's control slip), so it follows
them: the office heading with a number and the date, who gives and who takes, one row per
dossier, the totals, and both signatures. Two copies, one for each side.

A4 portrait, ten dossiers to a page in the compact table: the dossier code breaks after its
agency part and long procedure names are cut, since the code identifies the dossier and the
receipt has the rest. The same blocks print on an 80 mm roll, one entry per dossier.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import date_short, datetime_long, office_heading
from desktop.domain.forms.facts import HandoverFacts, HandoverLine, Office
from printing.slip import (
    Block,
    Document,
    Field,
    Note,
    Paragraph,
    SignatureBlock,
    Signatures,
    Slip,
    Table,
    Title,
)

TITLE = "PHIẾU BÀN GIAO HỒ SƠ"
GIVER = "Bộ phận Tiếp nhận và Trả kết quả"
HEADERS = ("STT", "Mã hồ sơ", "Thủ tục", "Người nộp", "Tiếp nhận", "Hẹn trả", "Số giấy tờ")
# points of A4 portrait's 496, in the compact table's 9.5-point type with 4-point padding:
# "STT" and a date ("03/12/2026", the time wraps under it) fit their columns whole; the code
# column holds its agency part ("000.00.12.H01-"), the renderer breaks the rest onto the next
# line; a procedure name takes up to three lines
WIDTHS = (30.0, 84.0, 132.0, 76.0, 64.0, 64.0, 46.0)
COPIES = ("Liên 1: Bên giao giữ", "Liên 2: Bên nhận giữ")
SIGNATURE_NOTE = "(Ký, ghi rõ họ tên)"
NAME_MAX = 70  # the longest catalog names run to 400 characters; the row stays short


def _short(text: str) -> str:
    """At most ``NAME_MAX`` characters, cut between words."""
    text = " ".join(text.split())
    if len(text) <= NAME_MAX:
        return text
    cut = text[:NAME_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


def _when(t: datetime | None) -> str:
    """``03/12/2026 09:15``: the column is a date wide, so the time goes under it."""
    return f"{date_short(t)} {t:%H:%M}" if t is not None else ""


def handover_rows(lines: tuple[HandoverLine, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            str(i),
            line.code,
            _short(line.procedure_name),
            line.applicant_name,
            _when(line.received_at),
            _when(line.due_at),
            str(line.documents),
        )
        for i, line in enumerate(lines, 1)
    )


def totals(facts: HandoverFacts) -> str:
    return f"Tổng số: {len(facts.lines)} hồ sơ, {facts.documents} giấy tờ."


def giver(facts: HandoverFacts) -> str:
    counter = f" – quầy {facts.counter}" if facts.counter else ""
    officer = f" – {facts.officer_name}" if facts.officer_name else ""
    return f"{GIVER}{counter}{officer}"


def handover_slip(office: Office, facts: HandoverFacts, *, now: datetime) -> Document:
    """Both copies of the record; ``now`` is when it is printed (a reprint says so)."""
    blocks: list[Block] = [
        office_heading(office, reference=f"Số: {facts.number}", on=facts.handed_at.date()),
        Title(TITLE),
        Field("Thời gian bàn giao", datetime_long(facts.handed_at)),
        Field("Bên giao", giver(facts)),
        Field("Bên nhận", facts.unit, emphasis=True),
        Paragraph("Bên giao chuyển cho Bên nhận các hồ sơ sau:"),
        Table(HEADERS, handover_rows(facts.lines), widths=WIDTHS, compact=True),
        Paragraph(totals(facts), bold=True),
        Signatures(
            (
                SignatureBlock("BÊN GIAO", note=SIGNATURE_NOTE, name=facts.officer_name),
                SignatureBlock("BÊN NHẬN", note=SIGNATURE_NOTE),
            )
        ),
        # a copy printed again later says when, as the control slip does
        Note(f"In lúc {datetime_long(now)}."),
    ]
    return Document(
        tuple(
            Slip(tuple(blocks), copy_label=label, name=f"phieu-ban-giao-ho-so-lien-{i}")
            for i, label in enumerate(COPIES, 1)
        )
    )
