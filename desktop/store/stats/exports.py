"""Statistics tables and the register book as files a supervisor sends on: CSV and XLSX.

CSV is UTF-8 with a byte-order mark, without which Excel reads Vietnamese as mojibake; one table
per file, headings flattened ("Đã giải quyết: quá hạn"). XLSX keeps the shape of the paper forms:
office heading, title, period, group headings merged over their columns, the total row in bold,
the notes under the table, A4 landscape fitted to the page width. Every file is written next to
its destination and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.forms.facts import RegisterRow
from desktop.domain.stats.tables import CellValue, Column, StatTable
from desktop.store.dossiers.service import ActionError
from desktop.store.models import Dossier, ProcedureRow
from desktop.store.printing.form_data import original_appointments

_FORMATS = {
    "int": "#,##0",
    "rate": "0.0",
    "days": "0.00",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="EDEDED")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a table under the office's heading."""

    title: str  # the tab's name (at most 31 characters)
    table: StatTable
    heading: tuple[str, ...] = ()  # office lines, top left
    form_number: str = ""  # "Biểu số 06a", top right
    numbers: tuple[str, ...] = ()  # the form's column numbers, a row under the headings
    # short tables under the main one and its notes (Biểu 06a's fee money), from column
    # ``after_column`` on so that their text sits in a wide column
    after: tuple[StatTable, ...] = ()
    after_column: int = 1


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def csv_bytes(table: StatTable) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.flat for c in table.columns])
    for row in table.all_rows:
        w.writerow([_text(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def write_csv(table: StatTable, out: Path) -> None:
    _atomic(out, lambda tmp: tmp.write_bytes(csv_bytes(table)))


def write_xlsx(out: Path, sheets: Sequence[Sheet]) -> None:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for sheet in sheets:
        _fill(wb.create_sheet(sheet.title[:31]), sheet)
    _atomic(out, lambda tmp: wb.save(tmp))


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    t = sheet.table
    n = len(t.columns)
    r = 1
    for line in sheet.heading:
        ws.cell(r, 1, line).font = Font(bold=True)
        r += 1
    if sheet.form_number:
        ws.cell(1, n, sheet.form_number).alignment = Alignment(horizontal="right")
    r += 1 if sheet.heading else 0
    for text, font in ((t.title, Font(bold=True, size=14)), (t.subtitle, Font(italic=True))):
        if text:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            cell = ws.cell(r, 1, text)
            cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
            r += 1
    r += 1
    r = _headers(ws, t.columns, r)
    if sheet.numbers:
        for j, number in enumerate(sheet.numbers, 1):
            c = ws.cell(r, j, number)
            c.font, c.border = Font(italic=True, size=9), _BOX
            c.alignment = Alignment(horizontal="center")
        r += 1
    frozen = r
    for row in t.rows:
        _row(ws, r, t.columns, row, bold=False)
        r += 1
    if t.total is not None:
        _row(ws, r, t.columns, t.total, bold=True)
        r += 1
    for note in t.notes:
        r += 1
        ws.cell(r, 1, note).font = Font(italic=True)
    widths = {j: max(6.0, col.width * 9) for j, col in enumerate(t.columns, 1)}
    for extra in sheet.after:
        r = _after(ws, extra, r + 2, sheet.after_column)
        for j, col in enumerate(extra.columns, sheet.after_column):
            widths[j] = max(widths.get(j, 6.0), col.width * 9)
    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(frozen, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{frozen - 2 if _grouped(t.columns) else frozen - 1}:{frozen - 1}"


def _after(ws: Worksheet, t: StatTable, r: int, first: int) -> int:
    """A short table from column ``first``: its title, headings, rows, notes; the next row."""
    ws.cell(r, first, t.title).font = Font(bold=True)
    r += 1
    head = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for j, col in enumerate(t.columns, first):
        c = ws.cell(r, j, col.header)
        c.font, c.alignment, c.border, c.fill = Font(bold=True), head, _BOX, _HEAD_FILL
    r += 1
    for row in t.all_rows:
        for j, (col, value) in enumerate(zip(t.columns, row, strict=True), first):
            c = ws.cell(r, j, value)
            c.border = _BOX
            if col.kind in _FORMATS and value is not None:
                c.number_format = _FORMATS[col.kind]
        r += 1
    for note in t.notes:
        ws.cell(r, first, note).font = Font(italic=True)
        r += 1
    return r


def _grouped(columns: Sequence[Column]) -> bool:
    return any(c.group for c in columns)


def _headers(ws: Worksheet, columns: Sequence[Column], r: int) -> int:
    """One heading row, or two when columns sit under group headings (merged like the form)."""
    head = Alignment(horizontal="center", vertical="center", wrap_text=True)
    two = _grouped(columns)
    j = 1
    while j <= len(columns):
        col = columns[j - 1]
        if two and col.group:
            k = j
            while k < len(columns) and columns[k].group == col.group:
                k += 1
            ws.merge_cells(start_row=r, start_column=j, end_row=r, end_column=k)
            ws.cell(r, j, col.group)
            for m in range(j, k + 1):
                ws.cell(r + 1, m, columns[m - 1].header)
            j = k + 1
            continue
        ws.cell(r, j, col.header)
        if two:
            ws.merge_cells(start_row=r, start_column=j, end_row=r + 1, end_column=j)
        j += 1
    rows = 2 if two else 1
    for i in range(r, r + rows):
        ws.row_dimensions[i].height = 32
        for m in range(1, len(columns) + 1):
            c = ws.cell(i, m)
            c.font, c.alignment, c.border, c.fill = Font(bold=True), head, _BOX, _HEAD_FILL
    return r + rows


def _row(
    ws: Worksheet, r: int, columns: Sequence[Column], values: Sequence[CellValue], *, bold: bool
) -> None:
    for j, (col, value) in enumerate(zip(columns, values, strict=True), 1):
        c = ws.cell(r, j, value)
        c.border = _BOX
        if bold:
            c.font = Font(bold=True)
        if col.kind == "text":
            c.alignment = Alignment(wrap_text=True, vertical="top")
        elif value is not None and col.kind in _FORMATS:
            c.number_format = _FORMATS[col.kind]


def _atomic(out: Path, write: Callable[[Path], object]) -> None:
    tmp = out.with_name(out.name + ".tmp")
    try:
        write(tmp)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ActionError(f"Không ghi được tệp {out}: {exc.strerror or exc}") from None


# -- the register book (Mẫu 06) ------------------------------------------------------------------


def register_rows(session: Session, first: date, last: date) -> tuple[RegisterRow, ...]:
    """The lines this counter entered in its book for dossiers received from ``first`` to
    ``last``, by book (year) and number: the same lines for the A4 book, the spreadsheet and the
    CSV. Other counters' dossiers (brought by sync) are in their own counters' books."""
    agencies = {
        code: str((data or {}).get("agency", ""))
        for code, data in session.execute(select(ProcedureRow.code, ProcedureRow.data))
    }
    rows = session.scalars(
        select(Dossier)
        .where(
            Dossier.received_at >= datetime.combine(first, time.min),
            Dossier.received_at <= datetime.combine(last, time.max),
            Dossier.register_seq.is_not(None),
        )
        .order_by(Dossier.register_book, Dossier.register_seq)
    ).all()
    first_due = original_appointments(session, [r.id for r in rows])
    return tuple(
        RegisterRow(
            seq=r.register_seq or 0,  # never 0: only numbered lines are selected
            code=r.code or "",
            procedure_name=r.procedure_name,
            applicant_name=r.applicant_name,
            address=str(r.applicant.get("address", "")),
            phone=r.applicant_phone or "",
            received_at=r.received_at,
            due_at=r.due_at,
            handed_over_at=r.handed_over_at,
            finished_at=r.finished_at,
            returned_at=r.returned_at,
            note="Mã tạm" if r.provisional else "",
            sets=r.sets,
            agency=agencies.get(r.procedure_code, ""),
            post_tracking=r.post_tracking or "",
            posted_at=r.posted_at,
            book=r.register_book or "",
            handover_unit=r.handover_unit or "",
            original_due_at=first_due.get(r.id),
        )
        for r in rows
    )


def register_label(first: date, last: date) -> str:
    if first == last:
        return f"Ngày {first:%d/%m/%Y}"
    return f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
