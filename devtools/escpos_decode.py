"""A forgiving ESC/POS decoder and page renderer for the virtual printer (DESIGN.md §7).

:class:`EscPosDecoder` is fed the byte stream of one connection in chunks of any size and turns
it into :class:`Page` objects, one per cut. It never raises and never waits on its own: a command
whose bytes have not all arrived yet is kept until the next :meth:`EscPosDecoder.feed`, and
declared lengths are bounded so garbage cannot make it buffer gigabytes. :func:`decode` is the
same thing as a pure function over a whole byte string, :func:`render` draws a page as a 1-bit
Pillow image (white paper, black dots).

Supported: ``ESC @``, LF, CR (ignored), HT, text in the code page chosen with ``ESC t`` (cp437 by
default), ``ESC a`` alignment, ``ESC E``/``ESC G`` bold, ``ESC !`` and ``GS !`` character size,
``ESC -`` underline, ``ESC M`` font, ``GS B`` reverse, ``ESC 2``/``ESC 3`` line spacing,
``ESC d``/``ESC J`` feeds, ``GS V`` (all forms), ``ESC i``/``ESC m`` (old cuts), ``GS v 0``
raster images (with double width/height), ``ESC *`` column images, ``GS ( L``/``GS 8 L``
raster graphics (function 112 store, 50 print), ``GS ( k`` native QR (drawn with ``qrcode`` when
it is installed), ``DLE EOT n`` (answers 0x12: online, paper present), ``GS r`` (answers 0x00),
``GS a`` (answers a 4-byte "all fine" automatic status). Other known commands (margins, code
tables, barcodes, NV images, user-defined characters…) are parsed by their length and ignored;
unknown ``ESC x``/``GS x``/``FS x`` pairs are skipped.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFont, ImageOps

Align = Literal["left", "center", "right"]
CutKind = Literal["full", "partial"]

LF: Final = 0x0A
HT: Final = 0x09
DLE: Final = 0x10
ESC: Final = 0x1B
FS: Final = 0x1C
GS: Final = 0x1D

NEED_MORE: Final = -1
DEFAULT_LINE_SPACING: Final = 30  # dots, ESC 2
MAX_PAGE_HEIGHT: Final = 40_000  # dots (about 5 m of paper); the rest of a longer page is dropped
MAX_WIDTH: Final = 4096  # dots; wider pictures are cropped
MAX_PAYLOAD: Final = 16 * 1024 * 1024  # bytes buffered for one command; longer ones are skipped
STATUS_OK: Final = 0x12  # DLE EOT n reply: online, no error, paper present
ASB_OK: Final = b"\x10\x00\x00\x00"

# Code pages for ESC t n that Python can decode; anything else falls back to cp437.
CODE_PAGES: Final[dict[int, str]] = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
    40: "iso8859_2",
    255: "latin-1",
}

# ESC x / GS x / FS x commands with a fixed number of argument bytes (after the two-byte prefix).
_ESC_FIXED: Final[dict[int, int]] = {
    0x0C: 0, 0x20: 1, 0x21: 1, 0x24: 2, 0x25: 1, 0x2D: 1, 0x32: 0, 0x33: 1, 0x3C: 0, 0x3D: 1,
    0x3F: 1, 0x40: 0, 0x45: 1, 0x47: 1, 0x4A: 1, 0x4B: 1, 0x4C: 0, 0x4D: 1, 0x52: 1, 0x53: 0,
    0x54: 1, 0x55: 1, 0x56: 1, 0x57: 8, 0x5C: 2, 0x61: 1, 0x63: 2, 0x64: 1, 0x65: 1, 0x69: 0,
    0x6D: 0, 0x70: 3, 0x72: 1, 0x74: 1, 0x75: 1, 0x76: 0, 0x7B: 1,
}  # fmt: skip
_GS_FIXED: Final[dict[int, int]] = {
    0x21: 1, 0x24: 2, 0x2F: 1, 0x3A: 0, 0x42: 1, 0x45: 1, 0x48: 1, 0x49: 1, 0x4C: 2, 0x50: 2,
    0x54: 1, 0x57: 2, 0x5A: 1, 0x5C: 2, 0x5E: 3, 0x61: 1, 0x62: 1, 0x63: 0, 0x66: 1, 0x67: 4,
    0x68: 1, 0x6A: 1, 0x72: 1, 0x77: 1, 0x7A: 3,
}  # fmt: skip
_FS_FIXED: Final[dict[int, int]] = {
    0x21: 1, 0x26: 0, 0x2D: 1, 0x2E: 0, 0x32: 74, 0x3F: 2, 0x43: 1, 0x53: 2, 0x57: 1, 0x70: 2,
}  # fmt: skip
_DLE_DC4_ARGS: Final[dict[int, int]] = {1: 2, 2: 2, 3: 2, 7: 1, 8: 7}
_ALIGN: Final[dict[int, Align]] = {0: "left", 1: "center", 2: "right"}  # also '0', '1', '2'


# ---------------------------------------------------------------------------------------------
# The page model


@dataclass(frozen=True)
class Style:
    """Character settings in effect when a character was received."""

    font_b: bool = False
    bold: bool = False
    underline: int = 0
    reverse: bool = False
    width_mul: int = 1
    height_mul: int = 1

    @property
    def cell(self) -> tuple[int, int]:
        """Width and height of one character cell in dots (Font A 12x24, Font B 9x17)."""
        w, h = (9, 17) if self.font_b else (12, 24)
        return w * self.width_mul, h * self.height_mul


@dataclass(frozen=True)
class Char:
    ch: str
    style: Style

    @property
    def size(self) -> tuple[int, int]:
        return self.style.cell


@dataclass(frozen=True)
class InlineBitmap:
    """An ``ESC *`` column image, printed as part of a text line."""

    image: Image.Image  # mode "1"

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


@dataclass(frozen=True)
class Gap:
    """Blank space in a line (HT)."""

    width: int

    @property
    def size(self) -> tuple[int, int]:
        return self.width, 0


LineItem = Char | InlineBitmap | Gap


@dataclass(frozen=True)
class TextLine:
    """One printed line: characters and inline images, bottom-aligned, at dot row ``y``."""

    y: int
    height: int
    align: Align
    items: tuple[LineItem, ...]

    @property
    def width(self) -> int:
        return sum(item.size[0] for item in self.items)

    @property
    def text(self) -> str:
        return "".join(item.ch if isinstance(item, Char) else " " for item in self.items).rstrip()

    @property
    def has_ink(self) -> bool:
        return any(
            isinstance(item, InlineBitmap) or (isinstance(item, Char) and not item.ch.isspace())
            for item in self.items
        )


@dataclass(frozen=True)
class Picture:
    """A picture printed on its own (``GS v 0``, ``GS ( L``, native QR) at dot row ``y``."""

    y: int
    align: Align
    image: Image.Image  # mode "1": 0 = black dot
    source: str

    @property
    def width(self) -> int:
        return self.image.width


Element = TextLine | Picture


@dataclass
class Page:
    """What was printed between two cuts."""

    width: int  # the paper's dot width; alignment is relative to it
    height: int = 0  # dots of paper used, feeds included
    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # text lines and "[QR] …" notes, in order
    warnings: list[str] = field(default_factory=list)
    cut: CutKind | None = None  # None: the stream ended before a cut

    @property
    def has_ink(self) -> bool:
        return any(isinstance(e, Picture) or e.has_ink for e in self.elements)

    @property
    def canvas_width(self) -> int:
        return max([self.width, *(e.width for e in self.elements)])


# ---------------------------------------------------------------------------------------------
# The decoder


@lru_cache(maxsize=32)
def _code_table(codec: str) -> tuple[str, ...]:
    return tuple(bytes([b]).decode(codec, errors="replace") for b in range(256))


class EscPosDecoder:
    """Incremental decoder for one ESC/POS stream; see the module docstring."""

    def __init__(self, width: int = 576) -> None:
        self.width = max(8, min(int(width), MAX_WIDTH))
        self._buf = bytearray()
        self._skip = 0
        self._done: list[Page] = []
        self._replies = bytearray()
        self._page = Page(self.width)
        self._too_long = False
        self._line: list[LineItem] = []
        self._line_width = 0
        self._line_align: Align = "left"
        self._graphics: Image.Image | None = None
        self._graphics_scale = (1, 1)
        self._reset_mode()

    def _reset_mode(self) -> None:
        self._style = Style()
        self._align: Align = "left"
        self._spacing = DEFAULT_LINE_SPACING
        self._codec = "cp437"
        self._qr_data = b""
        self._qr_size = 3
        self._qr_ec = 48

    # -- public interface ---------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Decode as much of the stream as has arrived."""
        if self._skip:
            n = min(self._skip, len(data))
            self._skip -= n
            data = data[n:]
        buf = self._buf
        buf += data
        pos, end = 0, len(buf)
        while pos < end:
            used = self._step(buf, pos, end)
            if used == NEED_MORE:
                break
            pos += used
            if self._skip:
                n = min(self._skip, end - pos)
                self._skip -= n
                pos += n
        del buf[:pos]

    def take_pages(self) -> list[Page]:
        """Pages finished by a cut since the last call."""
        pages, self._done = self._done, []
        return pages

    def take_replies(self) -> bytes:
        """Bytes the printer should send back (status requests) since the last call."""
        replies = bytes(self._replies)
        self._replies.clear()
        return replies

    @property
    def pending_bytes(self) -> int:
        """Bytes of a command still waiting for the rest of its data."""
        return len(self._buf) + self._skip

    def finish(self) -> Page:
        """End of stream: the page after the last cut, with any unterminated line printed.

        A command whose data did not all arrive (e.g. a raster image cut short) is dropped.
        """
        if self.pending_bytes:
            self._warn(f"stream ended inside a command; {self.pending_bytes} byte(s) dropped")
            self._buf.clear()
            self._skip = 0
        self._flush_line(0)
        page = self._page
        self._page = Page(self.width)
        return page

    # -- page building ------------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        if message not in self._page.warnings:
            self._page.warnings.append(message)

    def _room(self) -> int:
        return MAX_PAGE_HEIGHT - self._page.height

    def _advance(self, dots: int) -> None:
        if dots > self._room():
            self._page_too_long()
        self._page.height = min(MAX_PAGE_HEIGHT, self._page.height + max(0, dots))

    def _page_too_long(self) -> None:
        if not self._too_long:
            self._too_long = True
            self._warn(f"page longer than {MAX_PAGE_HEIGHT} dots; the rest was dropped")

    def _flush_line(self, advance: int) -> None:
        """Print the line buffer (if any) and feed ``advance`` dots (at least the line height)."""
        if self._line:
            items = tuple(self._line)
            height = max(item.size[1] for item in items)
            self._line.clear()
            self._line_width = 0
            if height > self._room():
                self._page_too_long()
            elif height > 0:
                line = TextLine(self._page.height, height, self._line_align, items)
                self._page.elements.append(line)
                if line.text.strip():
                    self._page.texts.append(line.text)
            advance = max(advance, height)
        self._advance(advance)

    def _add_item(self, item: LineItem) -> None:
        w = item.size[0]
        if self._line and self._line_width + w > self.width:
            self._flush_line(self._spacing)  # automatic line wrap
        if not self._line:
            self._line_align = self._align
        self._line.append(item)
        self._line_width += w

    def _add_char(self, b: int) -> None:
        self._add_item(Char(_code_table(self._codec)[b], self._style))

    def _tab(self) -> None:
        step = 8 * self._style.cell[0]
        stop = (self._line_width // step + 1) * step
        if stop <= self.width:
            self._add_item(Gap(stop - self._line_width))

    def _place_picture(self, image: Image.Image, source: str, scale: tuple[int, int]) -> None:
        """Print ``image`` (mode "1", scaled by ``scale``) on its own below what came before."""
        self._flush_line(0)
        sx, sy = scale
        w, h = image.size
        max_w = max(1, MAX_WIDTH // sx)
        if w > max_w:
            self._warn(f"{source}: {w * sx} dots wide, cropped to {max_w * sx}")
            w = max_w
        room = self._room() // sy
        if h > room:
            self._page_too_long()
            h = room
        if w <= 0 or h <= 0:
            return
        if (w, h) != image.size:
            image = image.crop((0, 0, w, h))
        if (sx, sy) != (1, 1):
            image = image.resize((w * sx, h * sy), Image.Resampling.NEAREST)
        if image.width > self.width:
            self._warn(
                f"{source}: picture {image.width} dots wide on {self.width}-dot paper; "
                "canvas widened"
            )
        self._page.elements.append(Picture(self._page.height, self._align, image, source))
        self._page.height += image.height

    def _cut(self, kind: CutKind, feed: int = 0) -> None:
        self._flush_line(0)
        self._advance(feed)
        self._page.cut = kind
        self._done.append(self._page)
        self._page = Page(self.width)
        self._too_long = False

    # -- parsing ------------------------------------------------------------------------------

    def _step(self, buf: bytearray, pos: int, end: int) -> int:
        """Handle the command at ``pos``; return the bytes it used or NEED_MORE."""
        b = buf[pos]
        if b >= 0x20:
            if b != 0x7F:
                self._add_char(b)
            return 1
        if b == LF:
            self._flush_line(self._spacing)
        elif b == HT:
            self._tab()
        elif b == ESC:
            return self._esc(buf, pos, end)
        elif b == GS:
            return self._gs(buf, pos, end)
        elif b == DLE:
            return self._dle(buf, pos, end)
        elif b == FS:
            return self._fs(buf, pos, end)
        return 1  # CR, NUL, FF, CAN and other controls: nothing to do

    @staticmethod
    def _unknown(buf: bytearray, pos: int) -> int:
        """Skip an unknown ``X c`` pair, but never swallow the start of the next command."""
        return 1 if buf[pos + 1] in (ESC, GS, DLE, FS) else 2

    def _dle(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        c, n = buf[pos + 1], buf[pos + 2]
        if c == 0x04:  # DLE EOT n: real-time status
            if n in (7, 8):
                return 4 if end - pos >= 4 else NEED_MORE
            if 1 <= n <= 4:
                self._replies.append(STATUS_OK)
            return 3
        if c == 0x05:  # DLE ENQ n
            return 3
        if c == 0x14:  # DLE DC4 fn ...
            need = 3 + _DLE_DC4_ARGS.get(n, 0)
            return need if end - pos >= need else NEED_MORE
        return 1

    def _esc(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 2:
            return NEED_MORE
        c = buf[pos + 1]
        if c == 0x2A:  # ESC * m nL nH d1...dk
            return self._esc_star(buf, pos, end)
        if c == 0x26:  # ESC & y c1 c2 [x d1...d(y*x)]...
            return self._user_chars(buf, pos, end)
        if c == 0x44:  # ESC D n1...nk NUL
            return self._until_nul(buf, pos, end, start=2, limit=33)
        if c == 0x28:  # ESC ( fn pL pH ...
            return self._with_length(buf, pos, end)[0]
        nargs = _ESC_FIXED.get(c)
        if nargs is None:
            return self._unknown(buf, pos)
        if end - pos < 2 + nargs:
            return NEED_MORE
        n = buf[pos + 2] if nargs else 0
        if c == 0x40:  # ESC @
            self._line.clear()
            self._line_width = 0
            self._reset_mode()
        elif c == 0x61:
            self._align = _ALIGN.get(n - 48 if n >= 48 else n, self._align)
        elif c in (0x45, 0x47):  # ESC E / ESC G
            self._set_style(bold=bool(n & 1))
        elif c == 0x21:  # ESC ! n
            self._set_style(
                font_b=bool(n & 0x01),
                bold=bool(n & 0x08),
                height_mul=2 if n & 0x10 else 1,
                width_mul=2 if n & 0x20 else 1,
                underline=1 if n & 0x80 else 0,
            )
        elif c == 0x2D:  # ESC - n
            self._set_style(underline=n % 48 if n % 48 <= 2 else self._style.underline)
        elif c == 0x4D:  # ESC M n
            self._set_style(font_b=n % 48 != 0)
        elif c == 0x32:
            self._spacing = DEFAULT_LINE_SPACING
        elif c == 0x33:
            self._spacing = n
        elif c == 0x64:  # ESC d n
            self._flush_line(n * self._spacing)
        elif c == 0x4A:  # ESC J n
            self._flush_line(n)
        elif c == 0x74:  # ESC t n
            self._codec = CODE_PAGES.get(n, "cp437")
        elif c == 0x69:
            self._cut("full")
        elif c == 0x6D:
            self._cut("partial")
        return 2 + nargs

    def _set_style(self, **changes: int | bool) -> None:
        fields = {
            "font_b": self._style.font_b,
            "bold": self._style.bold,
            "underline": self._style.underline,
            "reverse": self._style.reverse,
            "width_mul": self._style.width_mul,
            "height_mul": self._style.height_mul,
        }
        fields.update(changes)
        self._style = Style(
            font_b=bool(fields["font_b"]),
            bold=bool(fields["bold"]),
            underline=int(fields["underline"]),
            reverse=bool(fields["reverse"]),
            width_mul=int(fields["width_mul"]),
            height_mul=int(fields["height_mul"]),
        )

    def _gs(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 2:
            return NEED_MORE
        c = buf[pos + 1]
        if c == 0x76:  # GS v 0
            return self._raster(buf, pos, end)
        if c == 0x56:  # GS V
            return self._gs_cut(buf, pos, end)
        if c == 0x28:  # GS ( x pL pH ...
            used, fn, body = self._with_length(buf, pos, end)
            if body is not None:
                if fn == 0x6B:
                    self._gs_k(body)
                elif fn == 0x4C:
                    self._graphics_function(body, "GS ( L")
            return used
        if c == 0x38:  # GS 8 L p1 p2 p3 p4 m fn ...
            return self._gs8(buf, pos, end)
        if c == 0x6B:  # GS k m ...
            return self._barcode(buf, pos, end)
        if c == 0x2A:  # GS * x y d1...d(x*y*8)
            if end - pos < 4:
                return NEED_MORE
            need = 4 + buf[pos + 2] * buf[pos + 3] * 8
            if end - pos < need:
                return NEED_MORE
            self._warn("GS *: downloaded bit images are not drawn")
            return need
        if c == 0x51:  # GS Q 0 m xL xH yL yH d...
            return self._gs_q(buf, pos, end)
        if c == 0x43:  # GS C (counter printing, obsolete)
            return self._gs_counter(buf, pos, end)
        nargs = _GS_FIXED.get(c)
        if nargs is None:
            return self._unknown(buf, pos)
        if end - pos < 2 + nargs:
            return NEED_MORE
        n = buf[pos + 2] if nargs else 0
        if c == 0x21:  # GS ! n
            self._set_style(width_mul=((n >> 4) & 7) + 1, height_mul=(n & 7) + 1)
        elif c == 0x42:  # GS B n
            self._set_style(reverse=bool(n & 1))
        elif c == 0x72 and n in (1, 2, 49, 50):  # GS r n: paper sensor / drawer status
            self._replies.append(0x00)
        elif c == 0x61 and n:  # GS a n: automatic status back
            self._replies += ASB_OK
        return 2 + nargs

    def _gs_cut(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        m = buf[pos + 2]
        if m in (0, 48):
            self._cut("full")
            return 3
        if m in (1, 49):
            self._cut("partial")
            return 3
        if m in (65, 66, 97, 98, 103, 104):  # feed n dots, then cut
            if end - pos < 4:
                return NEED_MORE
            self._cut("full" if m % 2 else "partial", buf[pos + 3])
            return 4
        self._warn(f"GS V {m}: unknown cut mode ignored")
        return 3

    def _raster(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        if buf[pos + 2] not in (0, 48):
            return self._unknown(buf, pos)
        if end - pos < 8:
            return NEED_MORE
        m = buf[pos + 3]
        xbytes = buf[pos + 4] + 256 * buf[pos + 5]
        height = buf[pos + 6] + 256 * buf[pos + 7]
        size = xbytes * height
        if size > MAX_PAYLOAD:
            self._warn(f"GS v 0: {size}-byte image skipped")
            self._skip = size
            return 8
        if end - pos < 8 + size:
            return NEED_MORE
        if size:
            data = bytes(buf[pos + 8 : pos + 8 + size])
            image = Image.frombytes("1", (xbytes * 8, height), data, "raw", "1;I")
            scale = (2 if m & 1 else 1, 2 if m & 2 else 1)
            self._place_picture(image, "GS v 0", scale)
        return 8 + size

    def _esc_star(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 5:
            return NEED_MORE
        m = buf[pos + 2]
        n = buf[pos + 3] + 256 * buf[pos + 4]
        rows = 3 if m & 0x20 else 1  # bytes per column: 24-dot or 8-dot
        need = 5 + rows * n
        if end - pos < need:
            return NEED_MORE
        if n:
            data = bytes(buf[pos + 5 : pos + need])
            image = Image.frombytes("1", (rows * 8, n), data, "raw", "1;I")
            image = image.transpose(Image.Transpose.TRANSPOSE)  # columns become x
            sx = 1 if m & 1 else 2  # single density: each column 2 dots wide
            sy = 1 if rows == 3 else 3  # 8-dot modes: each dot 3 dots tall
            room = self.width - (self._line_width if self._line else 0)
            if n * sx > room and self._line:
                self._flush_line(self._spacing)
                room = self.width
            keep = max(0, min(n, room // sx))
            if keep < n:
                self._warn("ESC *: image wider than the paper; cropped")
            if keep:
                image = image.crop((0, 0, keep, rows * 8))
                if (sx, sy) != (1, 1):
                    image = image.resize((keep * sx, rows * 8 * sy), Image.Resampling.NEAREST)
                self._add_item(InlineBitmap(image))
        return need

    @staticmethod
    def _user_chars(buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 5:
            return NEED_MORE
        y, c1, c2 = buf[pos + 2], buf[pos + 3], buf[pos + 4]
        p = pos + 5
        for _ in range(max(0, c2 - c1 + 1)):
            if p >= end:
                return NEED_MORE
            p += 1 + y * buf[p]
            if p > end:
                return NEED_MORE
        return p - pos

    @staticmethod
    def _until_nul(buf: bytearray, pos: int, end: int, start: int, limit: int) -> int:
        """A list ended by NUL within ``limit`` bytes; without one only the prefix is used."""
        stop = min(end, pos + start + limit)
        nul = buf.find(0, pos + start, stop)
        if nul >= 0:
            return nul + 1 - pos
        if stop < pos + start + limit:
            return NEED_MORE
        return start

    @staticmethod
    def _with_length(buf: bytearray, pos: int, end: int) -> tuple[int, int, bytes | None]:
        """``X ( fn pL pH d1…d(pL+pH*256)``: (bytes used, fn, the d's) or (NEED_MORE, fn, None)."""
        if end - pos < 5:
            return NEED_MORE, 0, None
        fn = buf[pos + 2]
        need = 5 + buf[pos + 3] + 256 * buf[pos + 4]
        if end - pos < need:
            return NEED_MORE, fn, None
        return need, fn, bytes(buf[pos + 5 : pos + need])

    def _gs8(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        if buf[pos + 2] != 0x4C:
            return self._unknown(buf, pos)
        if end - pos < 7:
            return NEED_MORE
        size = int.from_bytes(buf[pos + 3 : pos + 7], "little")
        if size > MAX_PAYLOAD:
            self._warn(f"GS 8 L: {size}-byte command skipped")
            self._skip = size
            return 7
        if end - pos < 7 + size:
            return NEED_MORE
        self._graphics_function(bytes(buf[pos + 7 : pos + 7 + size]), "GS 8 L")
        return 7 + size

    def _graphics_function(self, body: bytes, source: str) -> None:
        """``GS ( L`` / ``GS 8 L`` body: m fn [params]."""
        if len(body) < 2:
            return
        fn = body[1]
        if fn == 112 and len(body) >= 10:  # store raster graphics: a bx by c xL xH yL yH d...
            bx, by = body[3], body[4]
            width = body[6] + 256 * body[7]
            height = body[8] + 256 * body[9]
            row = (width + 7) // 8
            data = body[10 : 10 + row * height]
            if len(data) < row * height:
                self._warn(f"{source}: graphics data shorter than declared")
                data = data + bytes(row * height - len(data))
            if width and height:
                image = Image.frombytes("1", (row * 8, height), data, "raw", "1;I")
                image = image.crop((0, 0, width, height))
                scale = (2 if bx == 2 else 1, 2 if by == 2 else 1)
                self._graphics = image
                self._graphics_scale = scale
        elif fn in (50, 2) and self._graphics is not None:  # print the stored graphics
            self._place_picture(self._graphics, source, self._graphics_scale)
            self._graphics = None
        # other functions (NV graphics, capacity queries…) are ignored

    def _gs_k(self, body: bytes) -> None:
        """``GS ( k``: 2-D codes. QR (cn 49) is stored and printed; others are ignored."""
        if len(body) < 3:
            return
        cn, fn = body[0], body[1]
        if cn != 49:
            if fn == 81:
                self._page.texts.append(f"[2D code {cn}]")
                self._warn(f"GS ( k: 2-D code type {cn} is not drawn")
            return
        if fn == 67:
            self._qr_size = max(1, min(16, body[2]))
        elif fn == 69:
            self._qr_ec = body[2]
        elif fn == 80 and len(body) >= 3:
            self._qr_data = body[3:]
        elif fn == 81:
            self._print_qr()

    def _print_qr(self) -> None:
        data = self._qr_data
        self._page.texts.append("[QR] " + data.decode("utf-8", errors="replace"))
        if not data:
            return
        try:
            qrcode = importlib.import_module("qrcode")
            levels = {48: "ERROR_CORRECT_L", 49: "ERROR_CORRECT_M", 50: "ERROR_CORRECT_Q"}
            level = getattr(qrcode.constants, levels.get(self._qr_ec, "ERROR_CORRECT_H"))
            qr = qrcode.QRCode(error_correction=level, box_size=self._qr_size, border=0)
            qr.add_data(data)
            qr.make(fit=True)
            image = qr.make_image().get_image().convert("1")
        except Exception as exc:  # qrcode missing, data too long…: note it, keep printing
            self._warn(f"GS ( k: QR not drawn ({type(exc).__name__}: {exc})")
            return
        self._place_picture(image, "GS ( k", (1, 1))

    def _barcode(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        m = buf[pos + 2]
        if m <= 6:
            used = self._until_nul(buf, pos, end, start=3, limit=256)
            if used in (NEED_MORE, 3):
                return used
            data = bytes(buf[pos + 3 : pos + used - 1])
        elif 65 <= m <= 79:
            if end - pos < 4:
                return NEED_MORE
            used = 4 + buf[pos + 3]
            if end - pos < used:
                return NEED_MORE
            data = bytes(buf[pos + 4 : pos + used])
        else:
            return 3
        self._page.texts.append("[barcode] " + data.decode("latin-1"))
        self._warn("GS k: barcodes are not drawn")
        return used

    def _gs_q(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        if buf[pos + 2] != 0x30:
            return self._unknown(buf, pos)
        if end - pos < 8:
            return NEED_MORE
        size = (buf[pos + 4] + 256 * buf[pos + 5]) * (buf[pos + 6] + 256 * buf[pos + 7])
        if size > MAX_PAYLOAD:
            self._skip = size
            return 8
        if end - pos < 8 + size:
            return NEED_MORE
        self._warn("GS Q 0: variable bit images are not drawn")
        return 8 + size

    def _gs_counter(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        sub = buf[pos + 2]
        need = {0x30: 5, 0x31: 9, 0x32: 5}.get(sub)
        if need is not None:
            return need if end - pos >= need else NEED_MORE
        if sub == 0x3B:  # GS C ; sa ; sb ; sn ; sr ; sc ;
            stop = min(end, pos + 64)
            p, seen = pos + 2, 0
            while p < stop:
                if buf[p] == 0x3B:
                    seen += 1
                    if seen == 6:
                        return p + 1 - pos
                p += 1
            return NEED_MORE if stop < pos + 64 else 3
        return self._unknown(buf, pos)

    def _fs(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 2:
            return NEED_MORE
        c = buf[pos + 1]
        if c == 0x28:  # FS ( x pL pH ...
            return self._with_length(buf, pos, end)[0]
        if c == 0x71:  # FS q n [xL xH yL yH d1...dk]1...[...]n
            return self._fs_q(buf, pos, end)
        if c == 0x67:  # FS g 1 m a1 a2 a3 a4 nL nH d1...dk / FS g 2 m a1..a4 nL nH
            if end - pos < 10:
                return NEED_MORE
            need = 10 + (buf[pos + 8] + 256 * buf[pos + 9] if buf[pos + 2] == 0x31 else 0)
            return need if end - pos >= need else NEED_MORE
        nargs = _FS_FIXED.get(c)
        if nargs is None:
            return self._unknown(buf, pos)
        if end - pos < 2 + nargs:
            return NEED_MORE
        if c == 0x70:
            self._warn("FS p: NV bit images are not drawn")
        return 2 + nargs

    def _fs_q(self, buf: bytearray, pos: int, end: int) -> int:
        if end - pos < 3:
            return NEED_MORE
        p = pos + 3
        for _ in range(buf[pos + 2]):
            if end - p < 4:
                return NEED_MORE
            size = (buf[p] + 256 * buf[p + 1]) * (buf[p + 2] + 256 * buf[p + 3]) * 8
            if size > MAX_PAYLOAD:
                self._warn("FS q: oversized NV image definition ignored")
                return 3
            p += 4 + size
            if p > end:
                return NEED_MORE
        return p - pos


@dataclass(frozen=True)
class Decoded:
    """The result of decoding a whole stream."""

    pages: tuple[Page, ...]  # pages ended by a cut
    tail: Page  # what came after the last cut (cut is None)
    replies: bytes  # what the printer would have answered to status requests
    dropped: int  # bytes of a command cut short at the end of the stream


def decode(data: bytes, width: int = 576) -> Decoded:
    """Decode a complete ESC/POS byte string. Never raises on malformed input."""
    decoder = EscPosDecoder(width)
    decoder.feed(data)
    dropped = decoder.pending_bytes
    tail = decoder.finish()
    return Decoded(tuple(decoder.take_pages()), tail, decoder.take_replies(), dropped)


# ---------------------------------------------------------------------------------------------
# Rendering

_FONT_SIZES: Final = {False: (20, 19), True: (14, 13)}  # font_b -> (pixel size, baseline)


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except Exception:  # no FreeType: the bitmap default font
        return ImageFont.load_default()


@lru_cache(maxsize=4096)
def _glyph(ch: str, style: Style) -> Image.Image:
    """One character cell as an L image: black ink on white."""
    base_w, base_h = Style(font_b=style.font_b).cell
    size, baseline = _FONT_SIZES[style.font_b]
    font = _font(size)
    advance = max(1, round(font.getlength(ch))) if ch.strip() else base_w
    wide = Image.new("L", (max(advance, base_w) + 1, base_h), 255)
    draw = ImageDraw.Draw(wide)
    x = max(0, (base_w - advance) // 2)
    for dx in (0, 1) if style.bold else (0,):
        if isinstance(font, ImageFont.FreeTypeFont):
            draw.text((x + dx, baseline), ch, font=font, fill=0, anchor="ls")
        else:
            draw.text((x + dx, 0), ch, font=font, fill=0)
    if advance > base_w:
        cell = wide.crop((0, 0, advance + 1, base_h)).resize((base_w, base_h))
    else:
        cell = wide.crop((0, 0, base_w, base_h))
    if style.underline:
        ImageDraw.Draw(cell).rectangle(
            (0, base_h - style.underline, base_w - 1, base_h - 1), fill=0
        )
    if style.reverse:
        cell = ImageOps.invert(cell)
    w, h = style.cell
    if (w, h) != (base_w, base_h):
        cell = cell.resize((w, h), Image.Resampling.NEAREST)
    return cell


def _render_line(line: TextLine) -> Image.Image:
    image = Image.new("L", (max(1, line.width), line.height), 255)
    x = 0
    for item in line.items:
        w, h = item.size
        if isinstance(item, Char):
            image.paste(_glyph(item.ch, item.style), (x, line.height - h))
        elif isinstance(item, InlineBitmap):
            image.paste(item.image.convert("L"), (x, line.height - h))
        x += w
    return image.convert("1", dither=Image.Dither.NONE)


def _x(align: Align, width: int, paper: int) -> int:
    if width >= paper or align == "left":
        return 0
    return (paper - width) // 2 if align == "center" else paper - width


def render(page: Page) -> Image.Image:
    """Draw a page as a mode "1" image: white paper, black dots, ``canvas_width`` wide."""
    canvas = Image.new("1", (page.canvas_width, max(1, page.height)), 1)
    for element in page.elements:
        image = element.image if isinstance(element, Picture) else _render_line(element)
        canvas.paste(image, (_x(element.align, image.width, page.width), element.y))
    return canvas
