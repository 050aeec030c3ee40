"""The register book (Mẫu 06) as a table for spreadsheets and CSV, the same columns as the A4
book (register.py), with real dates so a spreadsheet can sort and filter them; and the A4 book
itself laid out so that a page holds several lines rather than one.

Compared against the template Mẫu số 06 of Thông tư 01/2018/TT-VPCP field by field — see
register.py for the source and what was checked; the A4 book below prints the same fields:
the book number, the hand-over unit and time, the first appointment beside a moved one, and
the result by post with its S10 number whole on one line."""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import office_heading
from desktop.domain.forms.facts import Office, RegisterRow
from desktop.domain.forms.register import REGISTER_HEADERS, post_return
from desktop.domain.stats.tables import CellValue, Column, Kind, StatTable
from printing.slip import Document, Note, Paragraph, Slip, Table, Title

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
        # the date columns stay dates: what does not fit a date goes to the remarks
        "; ".join(t for t in (row.note, post_return(row), _sheet_extra(row)) if t),
    )


def _sheet_extra(row: RegisterRow) -> str:
    parts = []
    if row.handover_unit:
        parts.append(f"Chuyển {row.handover_unit}")
    if row.original_due_at is not None and row.original_due_at != row.due_at:
        parts.append(f"Hẹn lần đầu {row.original_due_at:%H:%M %d/%m/%Y}")
    return "; ".join(parts)


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
        notes=(
            f"{office.name} — {office.counter}".strip(" —"),
            book_line(ordered),
            f"Tổng số: {len(ordered)} hồ sơ.",
        ),
        name="mau-06-so-theo-doi-ho-so",
    )


# -- the A4 book -----------------------------------------------------------------------------------
#
# Fourteen columns on A4 landscape in the renderer's compact 9.5-point cells with 4-point padding:
# every heading word, date, name, agency code and S10 tracking number must fit its column whole,
# or the renderer breaks it letter by letter. Widths are points, measured in the bundled serif
# (the widest the counter may print with: "30/11/2026" is 55 points, a phone number 61,
# "EB123456785VN" 84), and add up to the 742 the landscape page has, so the renderer does not
# scale them down.
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
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả\nkết quả",
    "Ký\nnhận",
    "Ghi\nchú",
)
A4_WIDTHS = (23.0, 80.0, 53.0, 23.0, 46.0, 70.0, 40.0, 63.0, 63.0, 63.0, 63.0, 92.0, 35.0, 28.0)
NAME_MAX = 80  # a few procedure names run to 250 characters: the book keeps a row short, the
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


def when(t: datetime | None) -> str:
    """``09:32`` over ``27/10/2023``: two lines, each whole in a date column."""
    return f"{t:%H:%M}\n{t:%d/%m/%Y}" if t is not None else ""


def appointment(r: RegisterRow) -> str:
    """The appointment; once moved (Mẫu 04), the first one stays above the new one."""
    if r.original_due_at is None or r.original_due_at == r.due_at:
        return when(r.due_at)
    return f"{when(r.original_due_at)}\nHẹn lại:\n{when(r.due_at)}"


def handed_over(r: RegisterRow) -> str:
    """Who took the dossier for processing (the hand-over's unit) and when."""
    if r.handed_over_at is None:
        return ""
    return f"{r.handover_unit}\n{when(r.handed_over_at)}".lstrip("\n")


def _post_when(r: RegisterRow) -> str:
    """A result by post: ``Bưu chính``, the S10 number whole on its line, and the delivery time
    (or ``chưa phát`` while the post has it)."""
    done = when(r.returned_at) if r.returned_at is not None else "chưa phát"
    return f"Bưu chính\n{r.post_tracking}\n{done}"


def book_line(rows: tuple[RegisterRow, ...]) -> str:
    """``Quyển số: 2026`` (seed 002's "Vào Sổ theo dõi hồ sơ, Quyển số: …"): the books the lines
    come from, in order — a range over New Year spans two."""
    books = list(dict.fromkeys(r.book for r in rows if r.book))
    return f"Quyển số: {', '.join(books) if books else '…'}"


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
            # the phone on its own line: ten digits fit the column whole, after an address
            # they would break where the line ends
            "\n".join(t for t in (r.address, r.phone) if t.strip()),
            _agency(r.agency),
            when(r.received_at),
            appointment(r),
            handed_over(r),
            when(r.finished_at),
            _post_when(r) if r.post_tracking else when(r.returned_at),
            "",
            r.note,
        )
        for r in rows
    )
    blocks = (
        office_heading(office),
        Title("SỔ THEO DÕI HỒ SƠ", subtitle=period_label or None),
        Paragraph(book_line(rows), bold=True, align="center"),
        Note("Các cột thời gian ghi giờ:phút, ngày/tháng/năm; cột TT là số thứ tự trong quyển."),
        Table(A4_HEADERS, cells, widths=A4_WIDTHS, compact=True),
        Note(f"Tổng số: {len(rows)} hồ sơ."),
    )
    return Document(
        (Slip(blocks, form_number="Mẫu số 06", landscape=True, name="mau-06-so-theo-doi-ho-so"),)
    )
