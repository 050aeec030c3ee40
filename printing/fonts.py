"""The packaged fonts that cover every Vietnamese letter, for reportlab and for Pillow.

DejaVu Serif looks like the official forms on A4; DejaVu Sans Condensed fits more text on
58 mm thermal paper. Both cover all 134 Vietnamese letters with diacritics (a test checks it);
DejaVu Sans Mono does not.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import ImageFont

import resources

Style = Literal["regular", "bold", "italic"]

A4_FILES: dict[Style, str] = {
    "regular": "DejaVuSerif.ttf",
    "bold": "DejaVuSerif-Bold.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
}
THERMAL_FILES: dict[Style, str] = {
    "regular": "DejaVuSansCondensed.ttf",
    "bold": "DejaVuSansCondensed-Bold.ttf",
    "italic": "DejaVuSansCondensed-Oblique.ttf",
}
PDF_NAMES: dict[Style, str] = {
    "regular": "MotCuaSerif",
    "bold": "MotCuaSerif-Bold",
    "italic": "MotCuaSerif-Italic",
}


def font_path(name: str) -> Path:
    return resources.FONTS / name


def vietnamese_letters() -> frozenset[str]:
    """The 134 Vietnamese letters with diacritics (67 lower-case, 67 upper-case), NFC."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in tones:
            c = unicodedata.normalize("NFC", base + tone)
            if c not in "aeiouy":
                letters |= {c, c.upper()}
    return frozenset(letters)


@cache
def register_pdf_fonts() -> dict[Style, str]:
    """Register the A4 fonts with reportlab once; returns the names to use in styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style, file in A4_FILES.items():
        pdfmetrics.registerFont(TTFont(PDF_NAMES[style], str(font_path(file))))
    family = PDF_NAMES["regular"]
    addMapping(family, 0, 0, PDF_NAMES["regular"])
    addMapping(family, 1, 0, PDF_NAMES["bold"])
    addMapping(family, 0, 1, PDF_NAMES["italic"])
    addMapping(family, 1, 1, PDF_NAMES["bold"])
    return dict(PDF_NAMES)


@cache
def thermal_font(size: int, style: Style = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(THERMAL_FILES[style])), size)
