"""Laying a slip out as a 1-bit bitmap at a thermal printer's dot width.

Vietnamese is printed as a picture because printers' Vietnamese code pages are unreliable
(DESIGN.md §7). Sizes are in dots: 384 for 58 mm and 576 for 80 mm paper at 203 dpi, 512 for
80 mm at 180 dpi.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .fonts import thermal_font
from .qr import qr_image, qr_modules
from .slip import (
    BulletList,
    Field,
    FieldRow,
    Heading,
    Note,
    Paragraph,
    Qr,
    Rule,
    Signatures,
    Slip,
    Spacer,
    Table,
    Title,
)
from .textlayout import Font, Line, Run, wrap

_THRESHOLD = 170  # keep thin diacritic strokes black when thresholding anti-aliased text


@dataclass(frozen=True)
class ThermalStyle:
    dots: int
    margin: int
    body: int
    small: int
    title: int
    head: int  # the heading's and signatures' capitals: one line each on 58 mm
    qr_module: int  # dots per QR module: 0.5 mm at 203 dpi reads on any phone (qr.py)

    @classmethod
    def for_width(cls, dots: int) -> ThermalStyle:
        if dots < 300:
            raise ValueError(f"{dots} dots is too narrow for a slip (58 mm paper is 384)")
        scale = dots / 384
        return cls(
            dots=dots,
            margin=max(6, int(8 * scale)),
            body=int(20 * min(scale, 1.2)),  # 2.5 mm at 203 dpi; 21 made slips a tenth longer
            small=int(17 * min(scale, 1.2)),
            title=int(25 * min(scale, 1.25)),
            head=int(17 * min(scale, 1.2)),
            qr_module=4 if dots < 512 else 5,
        )

    @property
    def inner(self) -> int:
        return self.dots - 2 * self.margin


@dataclass(frozen=True)
class NativeQr:
    """A QR the printer draws itself (``GS ( k``), when its settings say that works."""

    payload: str


Segment = Image.Image | NativeQr


class _Canvas:
    """Accumulates horizontal strips; each block adds one or more."""

    def __init__(self, style: ThermalStyle) -> None:
        self.style = style
        self.strips: list[Segment] = []
        self._current: list[Image.Image] = []

    def add(self, strip: Image.Image) -> None:
        self._current.append(strip)

    def native(self, qr: NativeQr) -> None:
        self._cut_strip()
        self.strips.append(qr)

    def gap(self, dots: int) -> None:
        self.add(Image.new("L", (self.style.dots, max(dots, 1)), 255))

    def _cut_strip(self) -> None:
        if not self._current:
            return
        height = sum(s.height for s in self._current)
        page = Image.new("L", (self.style.dots, height), 255)
        y = 0
        for s in self._current:
            page.paste(s, (0, y))
            y += s.height
        self.strips.append(page.point(lambda v: 0 if v < _THRESHOLD else 255, mode="1"))
        self._current = []

    def finish(self) -> list[Segment]:
        self._cut_strip()
        return self.strips


LINE_SPACING = 2  # dots between lines (it was 3: a slip is mostly lines)


def _draw_lines(
    lines: Sequence[Line],
    style: ThermalStyle,
    align: str = "left",
    x0: int = 0,
    width: int | None = None,
    spacing: int = LINE_SPACING,
) -> Image.Image:
    width = width if width is not None else style.inner
    height = sum(line.height + spacing for line in lines)
    img = Image.new("L", (style.dots, max(height, 1)), 255)
    draw = ImageDraw.Draw(img)
    y = 0
    for line in lines:
        if align == "center":
            shift = (width - line.width) // 2
        elif align == "right":
            shift = width - line.width
        else:
            shift = 0
        for x, text, font in line.pieces:
            draw.text(
                (style.margin + x0 + shift + x, y + line.ascent),
                text,
                font=font,
                fill=0,
                anchor="ls",
            )
        y += line.height + spacing
    return img


def _text(
    style: ThermalStyle, runs: Sequence[Run], align: str = "left", indent: int = 0, x0: int = 0
) -> Image.Image:
    """Wrapped runs; ``indent`` is the hanging indent of continuation lines, ``x0`` shifts
    the whole paragraph right."""
    return _draw_lines(wrap(runs, style.inner - x0, indent), style, align, x0)


def render_segments(slip: Slip, dots: int, native_qr: bool = False) -> list[Segment]:
    """The slip as bitmaps (and native QR commands when allowed), top to bottom."""
    style = ThermalStyle.for_width(dots)
    body = thermal_font(style.body)
    bold = thermal_font(style.body, "bold")
    small = thermal_font(style.small)
    small_italic = thermal_font(style.small, "italic")
    title_font = thermal_font(style.title, "bold")
    head = thermal_font(style.head, "bold")
    head_plain = thermal_font(style.head)
    c = _Canvas(style)
    label_done = False
    c.gap(style.margin)
    if slip.form_number:
        c.add(_text(style, [Run(slip.form_number, small_italic)], "right"))
    for block in slip.blocks:
        match block:
            case Heading():
                # the capitals a size down, so each line of the heading keeps to one line
                for i, line in enumerate(block.left):
                    font = head if i == len(block.left) - 1 else head_plain
                    c.add(_text(style, [Run(line, font)], "center"))
                if block.reference:
                    c.add(_text(style, [Run(block.reference, small)], "center"))
                c.gap(3)
                for i, line in enumerate(block.right):
                    c.add(_text(style, [Run(line, head if i == 0 else body)], "center"))
                if block.place_date:
                    c.add(_text(style, [Run(block.place_date, small_italic)], "center"))
                c.gap(4)
            case Title():
                c.gap(4)
                c.add(_text(style, [Run(block.text, title_font)], "center"))
                if block.subtitle:
                    c.add(_text(style, [Run(block.subtitle, body)], "center"))
                c.gap(4)
            case Paragraph():
                font = bold if block.bold else (small_italic if block.italic else body)
                c.add(_text(style, [Run(block.text, font)], block.align))
            case Field():
                value_font = bold if block.emphasis else body
                c.add(
                    _text(
                        style,
                        [Run(block.label + ": ", bold), Run(block.value, value_font)],
                        indent=style.body,
                    )
                )
            case FieldRow():
                runs: list[Run] = []
                for i, f in enumerate(block.fields):
                    runs += [Run(("   " if i else "") + f.label + ": ", bold), Run(f.value, body)]
                c.add(_text(style, runs, indent=style.body))
            case Table():
                _table(c, style, block, body, bold, small)
            case BulletList():
                for i, item in enumerate(block.items, 1):
                    mark = f"{i}. " if block.numbered else "• "
                    c.add(_text(style, [Run(mark + item, body)], indent=style.body))
            case Qr():
                c.gap(6)
                if native_qr:
                    c.native(NativeQr(block.payload))
                else:
                    # whole dots a module, no larger than a phone needs: a full-width code
                    # made the slip several centimetres longer for nothing
                    dpm = min(style.qr_module, style.inner // qr_modules(block.payload))
                    qr = qr_image(block.payload, style.inner, dots_per_module=dpm)
                    strip = Image.new("L", (style.dots, qr.height), 255)
                    strip.paste(qr.convert("L"), ((style.dots - qr.width) // 2, 0))
                    c.add(strip)
                if block.caption:
                    c.add(_text(style, [Run(block.caption, bold)], "center"))
                if slip.copy_label and not label_done:
                    c.add(_text(style, [Run(f"({slip.copy_label})", small_italic)], "center"))
                    label_done = True
                c.gap(6)
            case Signatures():
                _signatures(c, style, block, head, small_italic, body)
            case Note():
                c.add(_text(style, [Run(block.text, small_italic)]))
            case Rule():
                strip = Image.new("L", (style.dots, 9), 255)
                draw = ImageDraw.Draw(strip)
                for x in range(style.margin, style.dots - style.margin, 8):
                    draw.line([(x, 4), (x + 4, 4)], fill=0, width=2)
                c.add(strip)
            case Spacer():
                c.gap(int(block.lines * style.body))
    if slip.copy_label and not label_done:
        c.gap(4)
        c.add(_text(style, [Run(slip.copy_label, bold)], "center"))
    c.gap(style.margin * 2)
    return c.finish()


def _table(c: _Canvas, style: ThermalStyle, t: Table, body: Font, bold: Font, small: Font) -> None:
    """A table becomes one entry per row: the main cell wrapped, the others as label: value."""
    numbered = t.headers[0].strip().upper() in ("STT", "TT", "SỐ TT")
    main = 1 if numbered and len(t.headers) > 1 else 0
    c.add(_text(style, [Run(" · ".join(t.headers[main : main + 1]) or "", bold)]))
    for row in t.rows:
        lead = f"{row[0]}. " if numbered and main == 1 else ""
        rest = [
            f"{h}: {v}"
            for i, (h, v) in enumerate(zip(t.headers, row, strict=True))
            if i > main and v.strip()
        ]
        # the other cells follow the main one on its line, in small type ("Bản chính: 1")
        runs = [Run(lead + row[main], body)]
        if rest:
            runs.append(Run(" (" + ", ".join(rest) + ")", small))
        c.add(_text(style, runs, indent=style.body))


def _signatures(
    c: _Canvas, style: ThermalStyle, s: Signatures, bold: Font, note: Font, body: Font
) -> None:
    n = len(s.blocks)
    if n == 0:
        return
    col = style.inner // n
    columns: list[list[Image.Image]] = []
    for block in s.blocks:
        parts = [_draw_lines(wrap([Run(block.title, bold)], col), style, "center", 0, col)]
        if block.note:
            parts.append(_draw_lines(wrap([Run(block.note, note)], col), style, "center", 0, col))
        parts.append(Image.new("L", (style.dots, s.space_lines * style.body), 255))
        if block.name:
            parts.append(_draw_lines(wrap([Run(block.name, body)], col), style, "center", 0, col))
        columns.append(parts)
    height = max(sum(p.height for p in parts) for parts in columns)
    strip = Image.new("L", (style.dots, height), 255)
    for i, parts in enumerate(columns):
        y = 0
        for p in parts:
            # each part was drawn at the left margin; shift it into its column
            region = p.crop((style.margin, 0, style.margin + col, p.height))
            strip.paste(region, (style.margin + i * col, y))
            y += p.height
    c.gap(6)
    c.add(strip)


def render_bitmap(slip: Slip, dots: int) -> Image.Image:
    """The whole slip as one 1-bit image (QR drawn as a picture)."""
    segments = render_segments(slip, dots, native_qr=False)
    images = [s for s in segments if isinstance(s, Image.Image)]
    height = sum(i.height for i in images)
    page = Image.new("1", (dots, height), 1)
    y = 0
    for img in images:
        page.paste(img, (0, y))
        y += img.height
    return page
