"""The period report (Biểu 06a) and the register book (Mẫu 06) as files: A4 PDF through the slip
model and printing/pdf.py, XLSX and CSV through exports.py. Both the command line and a screen's
worker call these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from desktop.domain.forms.register_table import register_book_a4, register_table
from desktop.domain.forms.report_06a import FORM_NUMBER, NUMBERS, report_06a, report_06a_table
from desktop.domain.stats.fees import dong
from desktop.domain.stats.metrics import Grouping
from desktop.domain.stats.results import Split
from desktop.domain.stats.tables import (
    money_section,
    satisfaction_section,
    split_table,
    summary_table,
)
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.printing.form_data import office
from desktop.store.printing.printouts import write_pdf
from desktop.store.stats.exports import Sheet, register_label, register_rows, write_csv, write_xlsx
from desktop.store.stats.service import StatsQuery, StatsService
from printing.slip import Block, Document, Paragraph, Signatures, Table

_SHEET_NAMES = {
    Grouping.DAY: "Theo ngày",
    Grouping.OFFICER: "Theo cán bộ",
    Grouping.PROCEDURE: "Theo thủ tục",
    Grouping.FIELD: "Theo lĩnh vực",
    Grouping.CHANNEL: "Theo kênh",
}


def report_06a_document(service: StatsService, query: StatsQuery) -> Document:
    by_field = service.split(query, Grouping.FIELD)
    return with_fees(report_06a(office(service.ctx), by_field, now=by_field.computed_at), by_field)


def with_fees(doc: Document, by_field: Split) -> Document:
    """Biểu 06a with the period's fee money (issue 19) as a short section after the national
    table and what it means, before the signatures; the table itself stays the template's. The
    citizens' ratings (issue 20) follow when the period has any."""
    section = money_section(by_field.fees)
    blocks: list[Block] = [
        Paragraph(section.title, bold=True),
        Table(
            tuple(c.header for c in section.columns),
            tuple((str(label), dong(v) if isinstance(v, int) else "") for label, v in section.rows),
            widths=(4.0, 1.6),
        ),
        *(Paragraph(note, italic=True) for note in section.notes),
    ]
    if not by_field.satisfaction.empty:
        rated = satisfaction_section(by_field.satisfaction)
        blocks += [
            Paragraph(rated.title, bold=True),
            Table(
                tuple(c.header for c in rated.columns),
                tuple((str(label), _number(v)) for label, v in rated.rows),
                widths=(4.0, 1.6),
            ),
            *(Paragraph(note, italic=True) for note in rated.notes),
        ]
    slips = []
    for slip in doc.copies:
        at = next(
            (i for i, b in enumerate(slip.blocks) if isinstance(b, Signatures)), len(slip.blocks)
        )
        slips.append(replace(slip, blocks=(*slip.blocks[:at], *blocks, *slip.blocks[at:])))
    return replace(doc, copies=tuple(slips))


def _number(v: object) -> str:
    """A count as is, a share or an average with a decimal comma; nothing for no value."""
    if v is None:
        return ""
    return str(v).replace(".", ",") if isinstance(v, float) else str(v)


def write_report_pdf(service: StatsService, query: StatsQuery, out: Path) -> None:
    title = f"Biểu 06a — {query.period.label_vi}"
    write_pdf(report_06a_document(service, query), out, title)


def write_report_xlsx(
    service: StatsService, query: StatsQuery, out: Path, splits: Sequence[Grouping] = ()
) -> None:
    """Biểu 06a, the summary, then one sheet per split asked for."""
    off = office(service.ctx)
    heading = (off.parent, off.name)
    by_field = service.split(query, Grouping.FIELD)
    sheets = [
        Sheet(
            "Biểu 06a",
            report_06a_table(by_field, off),
            heading,
            form_number=FORM_NUMBER,
            numbers=NUMBERS,
            after=(money_section(by_field.fees), satisfaction_section(by_field.satisfaction)),
            after_column=2,
        ),
        Sheet("Tổng hợp", summary_table(service.summary(query), money=True), heading),
    ]
    for g in splits:
        split = by_field if g is Grouping.FIELD else service.split(query, g)
        sheets.append(Sheet(_SHEET_NAMES[g], split_table(split, money=True), heading))
    write_xlsx(out, sheets)


# -- the register book ---------------------------------------------------------------------------


def register_document(db: Database, ctx: CounterContext, first: date, last: date) -> Document:
    with db.read() as s:
        rows = register_rows(s, first, last)
    return register_book_a4(office(ctx), rows, period_label=register_label(first, last))


def write_register(
    db: Database,
    ctx: CounterContext,
    first: date,
    last: date,
    *,
    pdf: Path | None = None,
    xlsx: Path | None = None,
    csv: Path | None = None,
) -> int:
    """The same lines to every format asked for; returns how many there are."""
    with db.read() as s:
        rows = register_rows(s, first, last)
    off = office(ctx)
    label = register_label(first, last)
    if pdf is not None:
        write_pdf(register_book_a4(off, rows, period_label=label), pdf, "Sổ theo dõi hồ sơ")
    table = register_table(off, rows, period_label=label)
    if xlsx is not None:
        sheet = Sheet("Sổ theo dõi hồ sơ", table, (off.parent, off.name), form_number="Mẫu số 06")
        write_xlsx(xlsx, [sheet])
    if csv is not None:
        write_csv(table, csv)
    return len(rows)
