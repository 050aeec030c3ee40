"""Word wrapping of mixed-font runs by pixel width, for the thermal renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import ImageFont

Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class Run:
    text: str
    font: Font


@dataclass(frozen=True)
class Line:
    pieces: tuple[tuple[int, str, Font], ...]  # (x offset, text, font)
    width: int
    height: int
    ascent: int


_TALL = "ẾỖỮẶẴỂỄẪẲỸ"  # capitals with stacked diacritics reach above the font's ascent
_DEEP = "ỵỹgjpqẠỴ"


@cache
def _metrics(font: Font) -> tuple[int, int]:
    """(ascent, descent) large enough for every Vietnamese letter of this font."""
    ascent, descent = font.getmetrics()
    top = -font.getbbox(_TALL, anchor="ls")[1]
    bottom = font.getbbox(_DEEP, anchor="ls")[3]
    return max(ascent, int(top) + 1), max(descent, int(bottom) + 1)


def _width(text: str, font: Font) -> int:
    return round(font.getlength(text))


def _split_long(word: str, font: Font, limit: int) -> list[str]:
    """Break a word wider than a line (a long code or URL) at character boundaries."""
    parts: list[str] = []
    current = ""
    for ch in word:
        if current and _width(current + ch, font) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    if current:
        parts.append(current)
    return parts


def wrap(runs: Sequence[Run], width: int, indent: int = 0) -> list[Line]:
    """Greedy wrapping; continuation lines start at ``indent`` (a hanging indent)."""
    tokens: list[tuple[str, Font]] = []
    for run in runs:
        for i, word in enumerate(run.text.split(" ")):
            if i > 0:
                tokens.append((" ", run.font))
            if word:
                tokens.append((word, run.font))
    lines: list[Line] = []
    pieces: list[tuple[int, str, Font]] = []
    x = 0

    def flush() -> None:
        nonlocal pieces, x
        while pieces and pieces[-1][1] == " ":
            pieces.pop()
        fonts = [f for _x, _t, f in pieces] or [runs[0].font]
        ascent = max(_metrics(f)[0] for f in fonts)
        descent = max(_metrics(f)[1] for f in fonts)
        end = max((px + _width(t, f) for px, t, f in pieces), default=0)
        lines.append(Line(tuple(pieces), end, ascent + descent, ascent))
        pieces = []
        x = indent

    for text, font in tokens:
        w = _width(text, font)
        if text == " ":
            if pieces:
                pieces.append((x, text, font))
                x += w
            continue
        if x + w > width and any(t != " " for _x, t, _f in pieces):
            flush()
        if x + w > width:
            chunks = _split_long(text, font, width - x)
            for chunk in chunks[:-1]:
                pieces.append((x, chunk, font))
                flush()
            text = chunks[-1]
            w = _width(text, font)
        pieces.append((x, text, font))
        x += w
    if pieces or not lines:
        flush()
    return lines
