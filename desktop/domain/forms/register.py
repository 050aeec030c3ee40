"""Mẫu số 06 (Thông tư 01/2018/TT-VPCP): Sổ theo dõi hồ sơ, the register book.

Printed (or exported) on A4 landscape: the official columns flattened into one header row,
one line per dossier entered in the book.

Compared against: the template Mẫu số 06 in the appendix of Thông tư 01/2018/TT-VPCP (guiding
Nghị định 61/2018/NĐ-CP, a regime Nghị định 118/2025/NĐ-CP keeps; its circular 03/2025/TT-VPCP
is said to renumber the book Mẫu 07 — not verified here) and seed 002 (An Giang QĐ 66/2020,
Mẫu 01: "Vào Sổ theo dõi hồ sơ, Quyển số: … Số thứ tự …"). The `search` tool's pages/docs
corpora held no copy of the circular's text (queries for the title and its column names found
nothing relevant, 2026-12-04), so the columns follow the template as the project has carried
it since issue 4: TT, Mã hồ sơ, Tên TTHC, Số lượng hồ sơ (bộ), Tên cá nhân, tổ chức, Địa chỉ,
số điện thoại, Cơ quan chủ trì giải quyết, then the times — Nhận hồ sơ, Hẹn trả kết quả,
Chuyển hồ sơ đến cơ quan giải quyết, Nhận kết quả từ cơ quan giải quyết, Trả kết quả — Ký
nhận, Ghi chú. Checked field by field: the book number ("Quyển số") is printed under the
title, the TT column is the number in that book; the hand-over column names the unit that took
the dossier and when (its hand-over event); a moved appointment keeps the first one beside
the new (the reschedule's ``previous_due_at``).
"""

from __future__ import annotations

from desktop.domain.forms.common import datetime_short, office_heading
from desktop.domain.forms.facts import Office, RegisterRow
from printing.slip import Document, Note, Paragraph, Slip, Table, Title

REGISTER_HEADERS = (
    "TT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả",
    "Ký nhận",
    "Ghi chú",
)
_WIDTHS = (0.6, 1.8, 3.2, 0.9, 1.8, 2.2, 1.6, 1.3, 1.3, 1.3, 1.3, 1.3, 1.2, 1.3)


def post_return(row: RegisterRow) -> str:
    """The "Trả kết quả" cell of a result sent by post (issue 20): who took it and when it was
    delivered, ``Bưu chính EB123456785VN, 10:30 04/12/2026``; while the post has it, when it
    went. Empty for a result collected at the counter."""
    if not row.post_tracking:
        return ""
    if row.returned_at is not None:
        return f"Bưu chính {row.post_tracking}, {row.returned_at:%H:%M %d/%m/%Y}"
    sent = f" {row.posted_at:%H:%M %d/%m/%Y}" if row.posted_at is not None else ""
    return f"Đã gửi bưu chính {row.post_tracking}{sent}, chưa phát"


def appointment(row: RegisterRow) -> str:
    """The appointment; once moved (Mẫu 04), the first one stays beside the new one."""
    if row.original_due_at is None or row.original_due_at == row.due_at:
        return datetime_short(row.due_at)
    return f"{datetime_short(row.original_due_at)}; hẹn lại {datetime_short(row.due_at)}"


def handed_over(row: RegisterRow) -> str:
    """Who took the dossier for processing (its hand-over's unit) and when."""
    if row.handed_over_at is None:
        return ""
    return ", ".join(t for t in (row.handover_unit, datetime_short(row.handed_over_at)) if t)


def book_line(rows: tuple[RegisterRow, ...]) -> str:
    """``Quyển số: 2026`` (seed 002: "Vào Sổ theo dõi hồ sơ, Quyển số: …"): the books the
    lines come from, in order; a range over New Year spans two."""
    books = list(dict.fromkeys(r.book for r in rows if r.book))
    return f"Quyển số: {', '.join(books) if books else '…'}"


def register_row(row: RegisterRow) -> tuple[str, ...]:
    contact = ", ".join(t for t in (row.address, row.phone) if t.strip())
    return (
        str(row.seq),
        row.code,
        row.procedure_name,
        str(row.sets),
        row.applicant_name,
        contact,
        row.agency,
        datetime_short(row.received_at),
        appointment(row),
        handed_over(row),
        datetime_short(row.finished_at),
        post_return(row) or datetime_short(row.returned_at),
        "",  # signed by hand when the result is collected
        row.note,
    )


def register_book(office: Office, rows: tuple[RegisterRow, ...], *, period_label: str) -> Document:
    ordered = sorted(rows, key=lambda r: r.seq)
    blocks = (
        office_heading(office),
        Title("SỔ THEO DÕI HỒ SƠ", subtitle=period_label or None),
        Paragraph(book_line(tuple(ordered)), bold=True, align="center"),
        Note("Các cột thời gian ghi ngày, tháng, năm (giờ:phút)."),
        Table(REGISTER_HEADERS, tuple(register_row(r) for r in ordered), widths=_WIDTHS),
        Note(f"Tổng số: {len(ordered)} hồ sơ."),
    )
    return Document(
        (Slip(blocks, form_number="Mẫu số 06", landscape=True, name="mau-06-so-theo-doi-ho-so"),)
    )
