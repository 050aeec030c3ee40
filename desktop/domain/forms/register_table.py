"""The register book (Mẫu 06) as a table for spreadsheets and CSV, the same columns as the A4
book (register.py), with real dates so a spreadsheet can sort and filter them; and the A4 book
itself laid out so that a page holds several lines rather than one."""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import office_heading
from desktop.domain.forms.facts import Office, RegisterRow
from desktop.domain.forms.register import REGISTER_HEADERS, post_return
from desktop.domain.stats.tables import CellValue, Column, Kind, StatTable
from printing.slip import Document, Note, Slip, Table, Title

_KINDS: tuple[Kind, ...] = (
    "int",
    "text",
    "text",
    "int",
    "text",
    "text",
    "text",
    "datetime",
    "datetime",
    "datetime",
    "datetime",
    "datetime",
    "text",
    "text",
)
_WIDTHS = (0.6, 2.4, 4.5, 0.9, 2.4, 3.2, 2.4, 1.6, 1.6, 1.6, 1.6, 1.6, 1.2, 1.6)
COLUMNS = tuple(
    Column(h, kind=k, width=w) for h, k, w in zip(REGISTER_HEADERS, _KINDS, _WIDTHS, strict=True)
)


def _cells(row: RegisterRow) -> tuple[CellValue, ...]:
    contact = ", ".join(t for t in (row.address, row.phone) if t.strip())
    return (
        row.seq,
        row.code,
        row.procedure_name,
        row.sets,
        row.applicant_name,
        contact,
        row.agency,
        row.received_at,
        row.due_at,
        row.handed_over_at,
        row.finished_at,
        row.returned_at,
        "",
        "; ".join(t for t in (row.note, post_return(row)) if t),  # the date column stays a date
    )


def register_table(
    office: Office, rows: tuple[RegisterRow, ...], *, period_label: str
) -> StatTable:
    # in the order given: the store lists by book (year), then number, so a range over New
    # Year does not interleave two books
    ordered = rows
    return StatTable(
        title="SỔ THEO DÕI HỒ SƠ",
        subtitle=period_label,
        columns=COLUMNS,
        rows=tuple(_cells(r) for r in ordered),
        notes=(f"{office.name} — {office.counter}".strip(" —"), f"Tổng số: {len(ordered)} hồ sơ."),
        name="mau-06-so-theo-doi-ho-so",
    )


# -- the A4 book -----------------------------------------------------------------------------------
#
# Fourteen columns on A4 landscape at the renderer's 11-point cells with 6-point padding: every
# heading word, date part, name and agency code must fit its column whole, or the renderer breaks
# it letter by letter and a row grows a page tall. Widths are points and add up to the 742 the
# renderer has, so it does not scale them down.
A4_HEADERS = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số\nbộ",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận\nhồ sơ",
    "Hẹn trả\nkết quả",
    "Chuyển\ncơ quan\ngiải quyết",
    "Nhận\nkết quả",
    "Trả\nkết quả",
    "Ký\nnhận",
    "Ghi\nchú",
)
A4_WIDTHS = (29.0, 96.0, 101.0, 28.0, 57.0, 60.0, 48.0, 46.0, 46.0, 59.0, 46.0, 46.0, 44.0, 36.0)
NAME_MAX = 120  # a few procedure names run to 250 characters: the book keeps a row short, the
# spreadsheet and CSV carry them whole


def _code(code: str) -> str:
    """The agency part on its own line: ``000.00.06.H56`` / ``-231027-0001``."""
    if "-" in code.strip("-"):
        head, tail = code.split("-", 1)
        return f"{head}\n-{tail}"
    return f"{code[:13]}\n{code[13:]}" if len(code) > 13 else code


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _agency(text: str) -> str:
    """``UBND cấp xã (Phòng Kinh tế, …)`` → ``UBND cấp xã``: the unit inside is detail."""
    return text.split(" (", 1)[0]


def _when(t: datetime | None) -> str:
    return f"{t:%d/%m}\n{t:%Y}\n{t:%H:%M}" if t is not None else ""


def _post_when(r: RegisterRow) -> str:
    """A result by post in the narrow return column: ``BC`` (bưu chính), the S10 number in the
    pieces that fit the column whole (``EB`` ``1234`` ``5678`` ``5VN``: five characters do not),
    and the delivery time (or ``chưa phát`` while the post has it)."""
    n = r.post_tracking
    when = _when(r.returned_at) if r.returned_at is not None else "chưa\nphát"
    return f"BC\n{n[:2]}\n{n[2:6]}\n{n[6:10]}\n{n[10:]}\n{when}"


def register_book_a4(
    office: Office, rows: tuple[RegisterRow, ...], *, period_label: str
) -> Document:
    cells = tuple(
        (
            str(r.seq),
            _code(r.code),
            _short(r.procedure_name, NAME_MAX),
            str(r.sets),
            r.applicant_name,
            ", ".join(t for t in (r.address, r.phone) if t.strip()),
            _agency(r.agency),
            _when(r.received_at),
            _when(r.due_at),
            _when(r.handed_over_at),
            _when(r.finished_at),
            _post_when(r) if r.post_tracking else _when(r.returned_at),
            "",
            r.note,
        )
        for r in rows
    )
    blocks = (
        office_heading(office),
        Title("SỔ THEO DÕI HỒ SƠ", subtitle=period_label or None),
        Note("Các cột thời gian ghi ngày/tháng, năm, giờ:phút."),
        Table(A4_HEADERS, cells, widths=A4_WIDTHS),
        Note(f"Tổng số: {len(rows)} hồ sơ."),
    )
    return Document(
        (Slip(blocks, form_number="Mẫu số 06", landscape=True, name="mau-06-so-theo-doi-ho-so"),)
    )
