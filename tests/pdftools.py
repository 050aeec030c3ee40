"""Looking at a PDF the counter produced, with PDFium (pypdfium2, a dependency of the counter):
rendering a page for a QR decoder, its text, its page sizes and the fonts its text is drawn with.

PDFium is the engine of Chrome's PDF viewer, so this is still looking at the PDF from the
outside the way a citizen's or an agency's viewer would, and needs nothing installed besides
the project (the tests used to shell out to poppler's pdftoppm, pdftotext, pdfinfo, pdffonts).
These PDFs are the counter's own, so they are opened here in-process; a PDF from outside goes
through desktop.devices.imaging, which keeps PDFium in a child process with a timeout.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image


@contextmanager
def open_pdf(path: Path | bytes) -> Iterator[pdfium.PdfDocument]:
    pdf = pdfium.PdfDocument(path.read_bytes() if isinstance(path, Path) else path)
    try:
        yield pdf
    finally:
        pdf.close()


def page_count(path: Path | bytes) -> int:
    with open_pdf(path) as pdf:
        return len(pdf)


def page_sizes(path: Path | bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page, as a viewer shows it (after /Rotate)."""
    with open_pdf(path) as pdf:
        return [pdf.get_page_size(i) for i in range(len(pdf))]


def render_pdf_page(path: Path | bytes, dpi: int = 150, page: int = 0) -> Image.Image:
    """One page as an RGB image at ``dpi``, as ``pdftoppm -r DPI -f N -l N`` gave it."""
    with open_pdf(path) as pdf:
        p = pdf[page]
        try:
            return p.render(scale=dpi / 72).to_pil().convert("RGB")
        finally:
            p.close()


def pdf_text(path: Path | bytes) -> str:
    """The text of every page in drawing order, pages separated by a form feed (as
    ``pdftotext`` separates them); lines and spacing are not the page's layout, so compare
    after ``" ".join(text.split())``."""
    pages = []
    with open_pdf(path) as pdf:
        for p in pdf:
            text = p.get_textpage()
            try:
                # the whole page; get_text_range() with no range is the same text in
                # pypdfium2 5, but warns and forwards here in 4.x
                pages.append(text.get_text_bounded())
            finally:
                text.close()
                p.close()
    return "\f".join(pages)


def flat_text(path: Path | bytes) -> str:
    """:func:`pdf_text` in NFC with every run of white space one blank."""
    return " ".join(unicodedata.normalize("NFC", pdf_text(path)).split())


@dataclass(frozen=True)
class FontUse:
    name: str  # the PDF's BaseFont (pypdfium2 4 gives the family name instead)
    embedded: bool
    data_bytes: int  # the size of the font program in the file (0: none embedded)


def _font_name(font: pdfium_c.FPDF_FONT) -> str:
    get = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None)  # pypdfium2 5
    if get is None:
        get = pdfium_c.FPDFFont_GetFontName  # pypdfium2 4
    size = get(font, None, 0)
    buf = ctypes.create_string_buffer(size)
    get(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def fonts_used(path: Path | bytes) -> list[FontUse]:
    """Every font some text on some page is drawn with (also inside form XObjects), once each,
    as ``pdffonts`` lists them with its "emb" column: a font not embedded is drawn with
    whatever the reader's machine substitutes, and Vietnamese letters may not survive that."""
    found: dict[int | None, FontUse] = {}
    with open_pdf(path) as pdf:
        for page in pdf:
            try:
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=8):
                    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                    key = ctypes.cast(font, ctypes.c_void_p).value  # one per font in the file
                    if key in found:
                        continue
                    length = ctypes.c_size_t()
                    pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(length))
                    embedded = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
                    found[key] = FontUse(
                        _font_name(font), embedded, length.value if embedded else 0
                    )
            finally:
                page.close()
    return list(found.values())
