"""The fonts that cover every Vietnamese letter, for reportlab (A4) and for Pillow (thermal).

A4 forms are set in Times New Roman, the face administrative documents use (Nghị định
30/2020/NĐ-CP, Phụ lục I), when the machine has it — every Windows counter does. Elsewhere they
are set in the bundled Liberation Serif (SIL OFL 1.1, from Debian's fonts-liberation2; licence in
resources/fonts/LICENSE-LiberationSerif.txt), which has Times New Roman's metrics: a form lays
out line for line and page for page the same with either, so the page-fit tests hold on every
counter. A system font is used only if it has all 134 Vietnamese letters in all three styles.

DejaVu Sans Condensed fits more text on 58 mm thermal paper. Every font used covers all 134
Vietnamese letters with diacritics (a test checks it); DejaVu Sans Mono, for one, does not.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import ImageFont

import resources

Style = Literal["regular", "bold", "italic"]

A4_FILES: dict[Style, str] = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
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
# Times New Roman's file names: Windows' own, then the msttcorefonts / macOS spellings.
TIMES_NAMES: dict[Style, tuple[str, ...]] = {
    "regular": ("times.ttf", "Times_New_Roman.ttf", "Times New Roman.ttf"),
    "bold": ("timesbd.ttf", "Times_New_Roman_Bold.ttf", "Times New Roman Bold.ttf"),
    "italic": ("timesi.ttf", "Times_New_Roman_Italic.ttf", "Times New Roman Italic.ttf"),
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


def system_font_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where Windows, Linux and macOS keep installed fonts, the Windows folder first."""
    env = os.environ if environ is None else environ
    dirs = [Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if env.get("LOCALAPPDATA"):  # fonts a Windows user installed for themselves
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    dirs += [
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/truetype"),
        Path("/usr/local/share/fonts"),
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
    ]
    home = env.get("HOME")
    if home:
        dirs += [Path(home) / ".local/share/fonts", Path(home) / ".fonts"]
    return dirs


def missing_letters(path: Path) -> set[str]:
    """The Vietnamese letters a TrueType file has no glyph for (all of them if unreadable)."""
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        cmap = TTFont("probe", str(path)).face.charToGlyph
    except Exception:  # a broken or unsupported file is as good as no font
        return set(vietnamese_letters())
    return {c for c in vietnamese_letters() if ord(c) not in cmap}


def find_times_new_roman(dirs: Iterable[Path]) -> dict[Style, Path] | None:
    """Times New Roman's three styles from the first folder that has all of them with every
    Vietnamese letter; None when no folder does."""
    for folder in dirs:
        found: dict[Style, Path] = {}
        for style, names in TIMES_NAMES.items():
            for name in names:
                candidate = folder / name
                try:
                    if candidate.is_file():
                        found[style] = candidate
                        break
                except OSError:
                    continue
        if len(found) == len(TIMES_NAMES) and not any(missing_letters(p) for p in found.values()):
            return found
    return None


def a4_font_files(dirs: Iterable[Path] | None = None) -> dict[Style, Path]:
    """The A4 faces: the system's Times New Roman, else the bundled Liberation Serif."""
    times = find_times_new_roman(system_font_dirs() if dirs is None else dirs)
    if times is not None:
        return times
    return {style: font_path(file) for style, file in A4_FILES.items()}


@cache
def register_pdf_fonts() -> dict[Style, str]:
    """Register the A4 fonts with reportlab once; returns the names to use in styles."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style, path in a4_font_files().items():
        pdfmetrics.registerFont(TTFont(PDF_NAMES[style], str(path)))
    family = PDF_NAMES["regular"]
    addMapping(family, 0, 0, PDF_NAMES["regular"])
    addMapping(family, 1, 0, PDF_NAMES["bold"])
    addMapping(family, 0, 1, PDF_NAMES["italic"])
    addMapping(family, 1, 1, PDF_NAMES["bold"])
    return dict(PDF_NAMES)


@cache
def thermal_font(size: int, style: Style = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(THERMAL_FILES[style])), size)
