"""Mẫu số 06 (Thông tư 01/2018/TT-VPCP): Sổ theo dõi hồ sơ, the register book.

Printed (or exported) on A4 landscape: the official columns flattened into one header row,
one line per dossier entered in the book.
"""

from __future__ import annotations

from desktop.domain.forms.common import datetime_short, office_heading
from desktop.domain.forms.facts import Office, RegisterRow
from printing.slip import Document, Note, Slip, Table, Title

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
        datetime_short(row.due_at),
        datetime_short(row.handed_over_at),
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
        Note("Các cột thời gian ghi ngày, tháng, năm (giờ:phút)."),
        Table(REGISTER_HEADERS, tuple(register_row(r) for r in ordered), widths=_WIDTHS),
        Note(f"Tổng số: {len(ordered)} hồ sơ."),
    )
    return Document(
        (Slip(blocks, form_number="Mẫu số 06", landscape=True, name="mau-06-so-theo-doi-ho-so"),)
    )
