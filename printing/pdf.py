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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepInFrame,
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

QR_SIDE = 26 * mm
QR_MODULE = 0.5 * mm  # a laser-printed module a phone reads from a hand's length away
MIN_FIT_SCALE = 0.85  # a one-page form is shrunk at most to this to keep to its page
SIGN_LINE = 13.5  # points of room to sign per line of Signatures.space_lines
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class _Styles:
    def __init__(self) -> None:
        names = register_pdf_fonts()
        regular, bold, italic = names["regular"], names["bold"], names["italic"]
        base = ParagraphStyle(
            "body", fontName=regular, fontSize=12, leading=14, alignment=TA_JUSTIFY
        )
        self.body = base
        self.bold = ParagraphStyle("bold", parent=base, fontName=bold)
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
        self.center_bold = ParagraphStyle("cbold", parent=self.center, fontName=bold)
        # Nghị định 30/2020/NĐ-CP Phụ lục I: the body above in upright capitals, the issuing
        # body in bold capitals; the national name bold capitals, the motto bold, a size up
        self.head_parent = ParagraphStyle("hparent", parent=self.center, fontSize=11, leading=14)
        self.head_left = ParagraphStyle("hleft", parent=self.center_bold, fontSize=11, leading=14)
        self.head_right = ParagraphStyle(
            "hright", parent=self.center_bold, fontSize=11.5, leading=14
        )
        self.head_motto = ParagraphStyle("hmotto", parent=self.center_bold, fontSize=13, leading=15)
        self.italic_center = ParagraphStyle("icenter", parent=self.center, fontName=italic)
        self.title = ParagraphStyle(
            "title", parent=self.center_bold, fontSize=14, leading=19, spaceBefore=8, spaceAfter=2
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.center, fontName=italic)
        self.note = ParagraphStyle(
            "note", parent=base, fontName=italic, fontSize=10.5, leading=12.5
        )
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
        self.field_indent = ParagraphStyle("field", parent=base)
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


HEAD_SPLIT = 0.485  # the issuing body's column; the national motto's takes the rest
LEFT_RULE = 0.4  # Nghị định 30/2020/NĐ-CP Phụ lục I: 1/3 to 1/2 of the name's line


def _line_width(text: str, style: ParagraphStyle, limit: float) -> float:
    """How wide ``text`` is set in ``style``, no wider than its column (it wraps there)."""
    return min(float(stringWidth(text, style.fontName, style.fontSize)), limit)


def _rule(width: float) -> Flowable:
    return HRFlowable(
        width=width, thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4, hAlign="CENTER"
    )


def _heading(h: s.Heading, st: _Styles, width: float) -> Flowable:
    """The two-column head. Its rules are centred under their text (Nghị định 30/2020/NĐ-CP,
    Phụ lục I): under the issuing body a third to a half of its line, under the motto the
    motto's full length."""
    lw, rw = width * HEAD_SPLIT, width * (1 - HEAD_SPLIT)
    left: list[Flowable] = [
        RLParagraph(_t(line), st.head_left if i == len(h.left) - 1 else st.head_parent)
        for i, line in enumerate(h.left)
    ]
    if h.left:
        left.append(_rule(LEFT_RULE * _line_width(h.left[-1], st.head_left, lw)))
    if h.reference:
        left.append(RLParagraph(_t(h.reference), st.center))
    right: list[Flowable] = [
        RLParagraph(_t(line), st.head_right if i == 0 else st.head_motto)
        for i, line in enumerate(h.right)
    ]
    if h.right:
        style = st.head_motto if len(h.right) > 1 else st.head_right
        right.append(_rule(_line_width(h.right[-1], style, rw)))
    if h.place_date:
        right.append(RLParagraph(_t(h.place_date), st.italic_center))
    table = Table([[left, right]], colWidths=[lw, rw])
    table.hAlign = "LEFT"  # at the margin also when a one-page form is scaled to fit
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # a table cell draws its flowables at its left edge unless told otherwise:
                # this is what centres the rules
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
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
    table.hAlign = "LEFT"  # at the margin also when a one-page form is scaled to fit
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


def _qr_side(payload: str) -> float:
    return float(max(QR_SIDE, qr_modules(payload) * QR_MODULE))


def _qr(q: s.Qr, st: _Styles) -> Flowable:
    return KeepTogether(_qr_parts(q, st))


def _qr_parts(q: s.Qr, st: _Styles) -> list[Flowable]:
    modules = qr_modules(q.payload)
    img = qr_image(q.payload, modules * 8, dots_per_module=8)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    side = _qr_side(q.payload)
    parts: list[Flowable] = [Image(buf, width=side, height=side)]
    if q.caption:
        parts.append(RLParagraph(_t(q.caption), st.center_bold))
    return parts


def _signatures(sig: s.Signatures, st: _Styles, width: float) -> Flowable:
    cells: list[list[Flowable]] = []
    for b in sig.blocks:
        col: list[Flowable] = [RLParagraph(_t(b.title), st.center_bold)]
        if b.note:
            col.append(RLParagraph(_t(b.note), st.italic_center))
        col.append(Spacer(1, sig.space_lines * SIGN_LINE))
        if b.name:
            col.append(RLParagraph(_t(b.name), st.center_bold))
        cells.append(col)
    n = max(len(cells), 1)
    table = Table([cells], colWidths=[width / n] * n)
    table.hAlign = "LEFT"  # at the margin also when a one-page form is scaled to fit
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), st.body.fontName)]
        )
    )
    return KeepTogether([Spacer(1, 6), table])


def _block(b: s.Block, st: _Styles, width: float) -> list[Flowable]:
    """The flowables of one block (a QR on its own: :func:`_story` handles its neighbours)."""
    match b:
        case s.Heading():
            return [_heading(b, st, width)]
        case s.Title():
            out: list[Flowable] = [RLParagraph(_t(b.text), st.title)]
            if b.subtitle:
                out.append(RLParagraph(_t(b.subtitle), st.subtitle))
            return [*out, Spacer(1, 4)]
        case s.Paragraph():
            return [RLParagraph(_t(b.text), st.paragraph(b))]
        case s.Field():
            value = f"<b>{_t(b.value)}</b>" if b.emphasis else _t(b.value)
            return [RLParagraph(f"{_t(b.label)}: {value}", st.field_indent)]
        case s.FieldRow():
            # the fields a template sets on one line, a few spaces apart
            gap = "&nbsp;" * 6
            parts = [f"{_t(f.label)}: {_t(f.value)}" for f in b.fields]
            return [RLParagraph(gap.join(parts), st.field_indent)]
        case s.Table():
            return [Spacer(1, 3), _table(b, st, width), Spacer(1, 3)]
        case s.BulletList():
            return [
                RLParagraph(f"{f'{i}.' if b.numbered else '-'} {_t(item)}", st.body)
                for i, item in enumerate(b.items, 1)
            ]
        case s.Qr():
            return [_qr(b, st)]
        case s.Signatures():
            return [_signatures(b, st, width)]
        case s.Note():
            return [RLParagraph(_t(b.text), st.note)]
        case s.Rule():
            return [
                HRFlowable(
                    width="100%", thickness=0.5, color=colors.grey, spaceBefore=4, spaceAfter=4
                )
            ]
        case s.Spacer():
            return [Spacer(1, b.lines * 16)]
    return []


def _beside(
    q: s.Qr, qr: list[Flowable], blocks: Sequence[s.Block], st: _Styles, width: float
) -> Flowable:
    """The blocks in a column at the left, the code (and what goes under it) at the right."""
    # as wide as the code, its caption and the copy's label need, the text takes the rest
    texts = [
        (q.caption or "", st.center_bold),
        *[(f.text, f.style) for f in qr[1:] if isinstance(f, RLParagraph)],
    ]
    side = max(
        _qr_side(q.payload) + 8 * mm,
        *(stringWidth(t, style.fontName, style.fontSize) + 6 * mm for t, style in texts),
    )
    text: list[Flowable] = []
    for b in blocks:
        text += _block(b, st, width - side)
    table = Table([[text, qr]], colWidths=[width - side, side])
    table.hAlign = "LEFT"  # at the margin also when a one-page form is scaled to fit
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "TOP"),  # the text right under the line before
                ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _story(slip: s.Slip, st: _Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    label_done = False
    if slip.form_number:
        story.append(RLParagraph(_t(slip.form_number), st.small_right))
    blocks = list(slip.blocks)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if not isinstance(b, s.Qr):
            story += _block(b, st, width)
            continue
        qr = _qr_parts(b, st)
        if slip.copy_label and not label_done:
            # the official receipt puts "(Liên 1: …)" right under the code and QR
            qr.append(RLParagraph(f"({_t(slip.copy_label)})", st.italic_center))
            label_done = True
        if b.beside:
            story.append(_beside(b, qr, blocks[i : i + b.beside], st, width))
            i += b.beside
        else:
            story.append(KeepTogether(qr))
    if slip.copy_label and not label_done:
        story.append(Spacer(1, 6))
        story.append(RLParagraph(f"({_t(slip.copy_label)})", st.italic_center))
    return story


def _height(parts: Sequence[Flowable], width: float) -> float:
    canvas = Canvas(io.BytesIO())
    total = 0.0
    for f in parts:
        for g in getattr(f, "_content", None) or [f]:  # KeepTogether's parts
            total += g.wrapOn(canvas, width, 1e6)[1] + g.getSpaceBefore() + g.getSpaceAfter()
    return total


def _fit_page(parts: list[Flowable], width: float, height: float) -> list[Flowable]:
    """One page for a one-sheet form: as it is when it fits, else scaled down to fit — unless
    that would make it smaller than MIN_FIT_SCALE, when it runs on to a second page rather
    than print type nobody can read."""
    needed = _height(parts, width)
    if needed <= height or height / needed < MIN_FIT_SCALE:
        return parts
    # a KeepTogether cannot be drawn inside a KeepInFrame; on one page it is together anyway
    flat = [g for f in parts for g in (f._content if isinstance(f, KeepTogether) else [f])]
    return [KeepInFrame(width, height, flat, mode="shrink")]


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
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=s.nfc(title),
        author="Quầy Một Cửa",
        creator="motcua-desk",
        initialFontName=st.body.fontName,  # else an unused, unembedded Helvetica is listed
    )
    story: list[Flowable] = []
    # the frame pads its content 6 points a side: a table of doc.width would stick out
    width, height = doc.width - 12, doc.height - 12
    for i, copy in enumerate(copies):
        if i:
            story.append(PageBreak())
        parts = _story(copy, st, width)
        story += _fit_page(parts, width, height) if copy.one_page else parts
    story.append(CondPageBreak(0))
    doc.build(story)
    return buf.getvalue()
