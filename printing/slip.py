"""A printing-agnostic slip: what a form says, not how a printer draws it.

Forms (receipts, notices, registers) are built as a :class:`Slip` of blocks; the A4 renderer
(reportlab) and the thermal renderer (Pillow → ESC/POS) each lay the same blocks out for their
medium. All text is normalised to NFC when a block is made, so every renderer sees one form of
each Vietnamese letter.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"

Align = Literal["left", "center", "right"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _nfc_all(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(nfc(t) for t in items)


@dataclass(frozen=True)
class Heading:
    """The two-column head of an official form: issuing body left, national motto right."""

    left: tuple[str, ...]
    right: tuple[str, ...] = (NATIONAL_NAME, NATIONAL_MOTTO)
    reference: str | None = None  # "Số: …" under the issuing body
    place_date: str | None = None  # "An Giang, ngày 27 tháng 10 năm 2023" under the motto

    def __post_init__(self) -> None:
        object.__setattr__(self, "left", _nfc_all(self.left))
        object.__setattr__(self, "right", _nfc_all(self.right))
        if self.reference:
            object.__setattr__(self, "reference", nfc(self.reference))
        if self.place_date:
            object.__setattr__(self, "place_date", nfc(self.place_date))


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))
        if self.subtitle:
            object.__setattr__(self, "subtitle", nfc(self.subtitle))


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Field:
    """``label: value`` on one logical line (the value wraps under itself when long)."""

    label: str
    value: str
    emphasis: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", nfc(self.label))
        object.__setattr__(self, "value", nfc(self.value))


@dataclass(frozen=True)
class FieldRow:
    """Several short fields on one line, as a template sets them ("Số điện thoại: … Email: …");
    a narrow slip wraps them like any text."""

    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    numbered: bool = False  # a leading STT column is part of the rows already when False
    compact: bool = False  # smaller type on A4, for a many-column list on a portrait page

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", _nfc_all(self.headers))
        object.__setattr__(self, "rows", tuple(_nfc_all(r) for r in self.rows))
        if any(len(r) != len(self.headers) for r in self.rows):
            raise ValueError("every table row needs one cell per header")
        if self.widths and len(self.widths) != len(self.headers):
            raise ValueError("one width per column")


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _nfc_all(self.items))


@dataclass(frozen=True)
class Qr:
    """A QR code; ``payload`` is printed exactly (ASCII), ``caption`` under it."""

    payload: str
    caption: str | None = None
    # On A4, this many of the blocks that follow (short fields, notes) are set in a column to
    # the left of the code instead of under it, so the code costs no height of its own; a
    # thermal slip, too narrow for two columns, prints them under the code as always.
    beside: int = 0

    def __post_init__(self) -> None:
        if not self.payload or not self.payload.isascii():
            raise ValueError("QR payloads are non-empty ASCII")
        if self.beside < 0:
            raise ValueError("beside counts blocks")
        if self.caption:
            object.__setattr__(self, "caption", nfc(self.caption))


@dataclass(frozen=True)
class SignatureBlock:
    title: str  # "NGƯỜI NỘP HỒ SƠ"
    note: str = "(Ký và ghi rõ họ tên)"
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "note", nfc(self.note))
        object.__setattr__(self, "name", nfc(self.name))


@dataclass(frozen=True)
class Signatures:
    blocks: tuple[SignatureBlock, ...]
    space_lines: int = 3  # room to sign by hand


@dataclass(frozen=True)
class Note:
    """Small italic text, e.g. the look-up channels or a footnote."""

    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", nfc(self.text))


@dataclass(frozen=True)
class Rule:
    """A horizontal separator."""


@dataclass(frozen=True)
class Spacer:
    lines: float = 1.0


Block = (
    Heading
    | Title
    | Paragraph
    | Field
    | FieldRow
    | Table
    | BulletList
    | Qr
    | Signatures
    | Note
    | Rule
    | Spacer
)


@dataclass(frozen=True)
class Slip:
    """One printed copy of a form."""

    blocks: tuple[Block, ...]
    form_number: str | None = None  # "Mẫu số 01", printed top right
    copy_label: str | None = None  # "Liên 1: Lưu tại Bộ phận Một cửa"
    landscape: bool = False
    name: str = "slip"  # file-name stem for exports, ASCII
    # a form whose template is one sheet (Mẫu 01): on A4 a copy that would run over is set a
    # little smaller to keep to its page, down to MIN_FIT_SCALE of printing.pdf
    one_page: bool = False

    def __post_init__(self) -> None:
        if self.form_number:
            object.__setattr__(self, "form_number", nfc(self.form_number))
        if self.copy_label:
            object.__setattr__(self, "copy_label", nfc(self.copy_label))


@dataclass(frozen=True)
class Document:
    """What one print action produces: one or more copies (liên) of a form."""

    copies: tuple[Slip, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.copies:
            raise ValueError("a document has at least one copy")


def plain_text(slip: Slip) -> list[str]:
    """Every text of the slip in reading order (for tests and previews)."""
    out: list[str] = []
    if slip.form_number:
        out.append(slip.form_number)
    for b in slip.blocks:
        match b:
            case Heading():
                out += [*b.left, *b.right]
                out += [t for t in (b.reference, b.place_date) if t]
            case Title():
                out += [b.text] + ([b.subtitle] if b.subtitle else [])
            case Paragraph() | Note():
                out.append(b.text)
            case Field():
                out.append(f"{b.label}: {b.value}")
            case FieldRow():
                out += [f"{f.label}: {f.value}" for f in b.fields]
            case Table():
                out.append(" | ".join(b.headers))
                out += [" | ".join(r) for r in b.rows]
            case BulletList():
                out += list(b.items)
            case Qr():
                out += [b.caption] if b.caption else []
            case Signatures():
                for s in b.blocks:
                    out += [t for t in (s.title, s.note, s.name) if t]
    if slip.copy_label:
        out.append(slip.copy_label)
    return out
