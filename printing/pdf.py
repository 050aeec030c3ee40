"""Rendering slips to A4 PDF with reportlab, with an embedded font that covers Vietnamese."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from . import slip as s
from .fonts import register_pdf_fonts
from .qr import qr_image, qr_modules

QR_SIDE = 30 * mm
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class _Styles:
    def __init__(self) -> None:
        names = register_pdf_fonts()
        regular, bold, italic = names["regular"], names["bold"], names["italic"]
        base = ParagraphStyle(
            "body", fontName=regular, fontSize=11.5, leading=14.5, alignment=TA_JUSTIFY
        )
        self.body = base
        self.bold = ParagraphStyle("bold", parent=base, fontName=bold)
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
        self.center_bold = ParagraphStyle("cbold", parent=self.center, fontName=bold)
        self.head_left = ParagraphStyle("hleft", parent=self.center_bold, fontSize=11.5, leading=15)
        self.head_right = ParagraphStyle("hright", parent=self.center_bold, fontSize=12, leading=15)
        self.italic_center = ParagraphStyle("icenter", parent=self.center, fontName=italic)
        self.title = ParagraphStyle(
            "title", parent=self.center_bold, fontSize=14, leading=19, spaceBefore=8, spaceAfter=2
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.center, fontName=italic)
        self.note = ParagraphStyle("note", parent=base, fontName=italic, fontSize=10.5, leading=14)
        self.small_right = ParagraphStyle(
            "sright", parent=base, fontName=italic, fontSize=10, alignment=TA_RIGHT
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=11, leading=14, alignment=TA_LEFT)
        self.cell_head = ParagraphStyle(
            "chead", parent=self.cell, fontName=bold, alignment=TA_CENTER
        )
        # a compact table: a list of many columns that should keep to a portrait page
        self.cell_small = ParagraphStyle(
            "csmall", parent=self.cell, fontSize=9.5, leading=11.5, alignment=TA_LEFT
        )
        self.cell_small_head = ParagraphStyle(
            "csmallhead", parent=self.cell_small, fontName=bold, alignment=TA_CENTER
        )
        self.field_indent = ParagraphStyle("field", parent=base, spaceBefore=2)
        self.bold_name = bold

    def paragraph(self, p: s.Paragraph) -> ParagraphStyle:
        style = ParagraphStyle(
            f"p-{p.align}-{p.bold}-{p.italic}", parent=self.body, alignment=_ALIGN[p.align]
        )
        if p.bold:
            style.fontName = self.bold_name
        elif p.italic:
            style.fontName = self.note.fontName
        return style


def _t(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _heading(h: s.Heading, st: _Styles, width: float) -> Flowable:
    left: list[Flowable] = [RLParagraph(_t(line), st.head_left) for line in h.left]
    left.append(
        HRFlowable(width="35%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4)
    )
    if h.reference:
        left.append(RLParagraph(_t(h.reference), st.center))
    right: list[Flowable] = [RLParagraph(_t(line), st.head_right) for line in h.right]
    right.append(
        HRFlowable(width="55%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4)
    )
    if h.place_date:
        right.append(RLParagraph(_t(h.place_date), st.italic_center))
    table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), st.body.fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _table(t: s.Table, st: _Styles, width: float) -> Flowable:
    weights = t.widths or tuple(1.0 for _ in t.headers)
    total = sum(weights)
    col_widths = [width * w / total for w in weights]
    head, cell = (st.cell_small_head, st.cell_small) if t.compact else (st.cell_head, st.cell)
    data: list[list[Any]] = [[RLParagraph(_t(h), head) for h in t.headers]]
    for row in t.rows:
        data.append([RLParagraph(_t(c), cell) for c in row])
    table = Table(data, colWidths=col_widths, repeatRows=1)
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), st.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
    ]
    if t.compact:
        commands += [
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _qr(q: s.Qr, st: _Styles) -> Flowable:
    modules = qr_modules(q.payload)
    img = qr_image(q.payload, modules * 8, dots_per_module=8)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    side = max(QR_SIDE, modules * 0.55 * mm)  # at least ~0.55 mm a module for phones
    parts: list[Flowable] = [Image(buf, width=side, height=side)]
    if q.caption:
        parts.append(RLParagraph(_t(q.caption), st.center_bold))
    return KeepTogether(parts)


def _signatures(sig: s.Signatures, st: _Styles, width: float) -> Flowable:
    cells: list[list[Flowable]] = []
    for b in sig.blocks:
        col: list[Flowable] = [RLParagraph(_t(b.title), st.center_bold)]
        if b.note:
            col.append(RLParagraph(_t(b.note), st.italic_center))
        col.append(Spacer(1, sig.space_lines * 16))
        if b.name:
            col.append(RLParagraph(_t(b.name), st.center_bold))
        cells.append(col)
    n = max(len(cells), 1)
    table = Table([cells], colWidths=[width / n] * n)
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), st.body.fontName)]
        )
    )
    return KeepTogether([Spacer(1, 6), table])


def _story(slip: s.Slip, st: _Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    label_done = False
    if slip.form_number:
        story.append(RLParagraph(_t(slip.form_number), st.small_right))
    for b in slip.blocks:
        match b:
            case s.Heading():
                story.append(_heading(b, st, width))
            case s.Title():
                story.append(RLParagraph(_t(b.text), st.title))
                if b.subtitle:
                    story.append(RLParagraph(_t(b.subtitle), st.subtitle))
                story.append(Spacer(1, 4))
            case s.Paragraph():
                story.append(RLParagraph(_t(b.text), st.paragraph(b)))
            case s.Field():
                value = f"<b>{_t(b.value)}</b>" if b.emphasis else _t(b.value)
                story.append(RLParagraph(f"{_t(b.label)}: {value}", st.field_indent))
            case s.Table():
                story += [Spacer(1, 3), _table(b, st, width), Spacer(1, 3)]
            case s.BulletList():
                for i, item in enumerate(b.items, 1):
                    mark = f"{i}." if b.numbered else "-"
                    story.append(RLParagraph(f"{mark} {_t(item)}", st.body))
            case s.Qr():
                story.append(_qr(b, st))
                if slip.copy_label and not label_done:
                    # the official receipt puts "(Liên 1: …)" right under the code and QR
                    story.append(RLParagraph(f"({_t(slip.copy_label)})", st.italic_center))
                    label_done = True
            case s.Signatures():
                story.append(_signatures(b, st, width))
            case s.Note():
                story.append(RLParagraph(_t(b.text), st.note))
            case s.Rule():
                story.append(
                    HRFlowable(
                        width="100%", thickness=0.5, color=colors.grey, spaceBefore=4, spaceAfter=4
                    )
                )
            case s.Spacer():
                story.append(Spacer(1, b.lines * 16))
    if slip.copy_label and not label_done:
        story.append(Spacer(1, 6))
        story.append(RLParagraph(f"({_t(slip.copy_label)})", st.italic_center))
    return story


def render_pdf(copies: Sequence[s.Slip], title: str = "Quầy Một Cửa") -> bytes:
    """One PDF; each copy (liên) starts on a new page."""
    if not copies:
        raise ValueError("nothing to print")
    st = _Styles()
    size = landscape(A4) if copies[0].landscape else A4
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=size,
        leftMargin=20 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=s.nfc(title),
        author="Quầy Một Cửa",
        creator="motcua-desk",
        initialFontName=st.body.fontName,  # else an unused, unembedded Helvetica is listed
    )
    story: list[Flowable] = []
    for i, copy in enumerate(copies):
        if i:
            story.append(PageBreak())
        story += _story(copy, st, doc.width)
    story.append(CondPageBreak(0))
    doc.build(story)
    return buf.getvalue()
