"""Mẫu số 05 (Thông tư 01/2018/TT-VPCP): Phiếu kiểm soát quá trình giải quyết hồ sơ.

Printed from the dossier's history and attached to the dossier when its result is returned
(seed 002 Điều 16: "in Phiếu kiểm soát hồ sơ đính kèm vào hồ sơ đã giải quyết (kết xuất quá
trình xử lý)"). One row per hand-over.

Compared against: the template Mẫu số 05 in the appendix of Thông tư 01/2018/TT-VPCP (guiding
Nghị định 61/2018/NĐ-CP; the one-stop regime is now Nghị định 118/2025/NĐ-CP, whose guiding
circular 03/2025/TT-VPCP is said to renumber this form Mẫu 06 — not verified here). The
`search` tool's pages/docs corpora held no copy of the circular's text (queries for the form's
title and column names returned nothing relevant, 2026-12-04); the columns below follow the
template as the seeds cite it and as public reconstructions of it lay it out (found through
the code corpus: print templates with the columns "TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ
(1. Giao … 2. Nhận …, Người giao | Người nhận) | KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/Đúng
hạn/Quá hạn) | GHI CHÚ"). Field by field, in order:

- heading, title, "Mã hồ sơ";
- the dossier's lines (applicant, address, phone, request, received and appointment times);
- the table: Tên cơ quan (the body that hands over and the one that receives, "Giao: …" /
  "Nhận: …", never an officer), Thời gian giao, nhận (HH:MM over dd/mm/yyyy), the two
  signatures the template puts under that time (Bên giao = "Người giao", Bên nhận = "Người
  nhận"), Kết quả giải quyết hồ sơ (Trước hạn/Đúng hạn/Quá hạn, judged by date against the
  appointment then in force, as statistics judge it: desktop/domain/ontime.py), Ghi chú;
- the template's footnote: the receiving side writes the result; by post the post's receipt
  carries time and signatures.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import (
    applicant_line,
    datetime_long,
    office_heading,
    or_blank,
)
from desktop.domain.forms.facts import DossierFacts, HistoryLine, Office
from printing.slip import Block, Document, Field, Note, Slip, Table, Title

HISTORY_HEADERS = (
    "Tên cơ quan",
    "Thời gian giao, nhận hồ sơ",
    "Bên giao",
    "Bên nhận",
    "Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn)",
    "Ghi chú",
)
# Fixed widths in points, adding up to the 496 an A4 portrait page has (so the renderer does
# not scale them), in the compact 9.5-point cells: the time column holds "dd/mm/yyyy" whole in
# the bundled serif (55 points and 8 of padding), so a time is two lines, never three; the
# signature columns leave room to sign by hand.
HISTORY_WIDTHS = (118.0, 68.0, 72.0, 72.0, 64.0, 102.0)
SIGN_SPACE = "\n\n"  # blank lines above a name: room for the signature


def when_cell(t: datetime) -> str:
    """``09:32`` over ``27/10/2023``: two lines in the narrow column, never wrapped further."""
    return f"{t:%H:%M}\n{t:%d/%m/%Y}"


def agencies_cell(h: HistoryLine) -> str:
    """``Giao: Trung tâm …`` / ``Nhận: Phòng Kinh tế``: the template's numbered Giao/Nhận
    lines in the agency column — bodies, not the officers (who sign in the next columns)."""
    if not h.giver_unit and not h.receiver_unit:
        return h.by
    if h.giver_unit == h.receiver_unit:
        return h.giver_unit
    return f"Giao: {h.giver_unit}\nNhận: {h.receiver_unit}"


def signature_cell(name: str) -> str:
    return f"{SIGN_SPACE}{name}" if name else SIGN_SPACE


def history_rows(history: tuple[HistoryLine, ...]) -> tuple[tuple[str, ...], ...]:
    """The hand-overs in time order (the store may hand them over in any order). The slip
    shows minutes, and a time given to the minute (a hand-over's) may follow one with seconds
    (the reception) within the same minute: within a minute the store's order stands."""
    ordered = sorted(
        enumerate(history), key=lambda p: (p[1].at.replace(second=0, microsecond=0), p[0])
    )
    return tuple(
        (
            agencies_cell(h),
            when_cell(h.at),
            signature_cell(h.by if h.giver_unit or h.receiver_unit else ""),
            signature_cell(h.receiver),
            h.verdict,
            "; ".join(t for t in (h.step, h.note) if t),
        )
        for _i, h in ordered
    )


def control_slip(office: Office, facts: DossierFacts, *, now: datetime) -> Document:
    blocks: list[Block] = [
        office_heading(office),
        Title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        Field("Mã hồ sơ", facts.code, emphasis=True),
        Field("Tiếp nhận hồ sơ của", applicant_line(facts)),
        Field("Địa chỉ", or_blank(facts.address)),
        Field("Số điện thoại", or_blank(facts.phone)),
        Field("Nội dung yêu cầu giải quyết", facts.procedure_name),
        Field("Thời gian nhận hồ sơ", datetime_long(facts.received_at)),
        Field("Thời gian trả kết quả giải quyết hồ sơ", datetime_long(facts.due_at)),
        Table(
            HISTORY_HEADERS,
            history_rows(facts.history),
            widths=HISTORY_WIDTHS,
            compact=True,
        ),
        Note(
            "Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận hồ sơ; hồ sơ chuyển qua dịch vụ "
            "bưu chính thì thời gian giao, nhận và việc ký nhận thể hiện trên phiếu của bưu chính."
        ),
    ]
    if facts.status_label:
        blocks.append(Field("Tình trạng hồ sơ", facts.status_label))
    if facts.returned_to:
        blocks.append(Field("Người nhận kết quả", facts.returned_to))
    blocks.append(Note(f"Kết xuất quá trình xử lý lúc {datetime_long(now)}."))
    return Document((Slip(tuple(blocks), form_number="Mẫu số 05", name="mau-05-phieu-kiem-soat"),))
