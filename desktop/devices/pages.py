"""The pages of one checklist document while the officer scans it: cleaned, encoded once,
kept compressed in memory (a few hundred kB a page instead of 9 MB of raw grey), reordered,
deleted, rescanned or turned, then assembled into the document's PDF.

:class:`DocumentPages` is a plain list model: the reception screen owns one per document and
changes it on the GUI thread only (pages arrive from the scan worker through a signal).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from PIL import Image

from .pageproc import clean_page, is_blank
from .pdfpack import EncodedPage, build_pdf, encode_page
from .scanning import RawPage, ScanError, ScanSettings

MAX_DOCUMENT_PAGES = 300
THUMBNAIL = 160


@dataclass(frozen=True)
class Page:
    id: str  # stable across reordering: the GUI keys its thumbnails by it
    encoded: EncodedPage
    skew: float  # degrees turned when straightening, for the record

    def image(self) -> Image.Image:
        return self.encoded.decode()

    def thumbnail(self, max_px: int = THUMBNAIL) -> Image.Image:
        img = self.image()
        if img.mode == "1":
            img = img.convert("L")  # a 1-bit thumbnail aliases into noise
        img.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
        return img

    @property
    def size_bytes(self) -> int:
        return self.encoded.size_bytes


def process_page(raw: RawPage, settings: ScanSettings) -> Page | None:
    """Clean and encode one scanned side; None when it is blank and blanks are dropped."""
    if settings.drops_blank and is_blank(raw.image, raw.dpi):
        return None
    cleaned = clean_page(raw.image, settings.mode, settings.deskew)
    return Page(uuid.uuid4().hex, encode_page(cleaned.image, raw.dpi), cleaned.skew)


def rotated(page: Page, quarter_turns: int) -> Page:
    """The page turned by 90° × ``quarter_turns`` clockwise (a sheet fed upside down)."""
    turns = quarter_turns % 4
    if turns == 0:
        return page
    op = {
        1: Image.Transpose.ROTATE_270,
        2: Image.Transpose.ROTATE_180,
        3: Image.Transpose.ROTATE_90,
    }[turns]
    img = page.image().transpose(op)
    if page.encoded.color:
        img = img.convert("RGB")
    return replace(page, encoded=encode_page(img, page.encoded.dpi))


def document_filename(document: str) -> str:
    """The attachment's file name: the document's name, made safe for every file system."""
    text = unicodedata.normalize("NFC", " ".join(document.split()))
    safe = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text)
    return (safe.strip(" .")[:120] or "tai-lieu") + ".pdf"


class DocumentPages:
    """The ordered pages of one document. Indexes are 0-based."""

    def __init__(self, document: str) -> None:
        self.document = document
        self._pages: list[Page] = []

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(self._pages)

    @property
    def size_bytes(self) -> int:
        return sum(p.size_bytes for p in self._pages)

    def _room(self, n: int) -> None:
        if len(self._pages) + n > MAX_DOCUMENT_PAGES:
            raise ScanError(f"Một giấy tờ tối đa {MAX_DOCUMENT_PAGES} trang")

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self._pages):
            raise IndexError(f"Không có trang {index + 1}")

    def extend(self, pages: Iterable[Page]) -> None:
        new = list(pages)
        self._room(len(new))
        self._pages.extend(new)

    def append(self, page: Page) -> None:
        self.extend([page])

    def insert(self, index: int, page: Page) -> None:
        self._room(1)
        self._pages.insert(max(0, min(index, len(self._pages))), page)

    def move(self, src: int, dst: int) -> None:
        """Take the page at ``src`` and put it so that it ends up at ``dst``."""
        self._check(src)
        page = self._pages.pop(src)
        self._pages.insert(max(0, min(dst, len(self._pages))), page)

    def remove(self, index: int) -> Page:
        self._check(index)
        return self._pages.pop(index)

    def replace(self, index: int, page: Page) -> None:
        """Rescan: the new page takes the old one's place."""
        self._check(index)
        self._pages[index] = page

    def rotate(self, index: int, quarter_turns: int = 1) -> None:
        self._check(index)
        self._pages[index] = rotated(self._pages[index], quarter_turns)

    def index_of(self, page_id: str) -> int:
        for i, page in enumerate(self._pages):
            if page.id == page_id:
                return i
        raise KeyError(page_id)

    def thumbnail(self, index: int, max_px: int = THUMBNAIL) -> Image.Image:
        self._check(index)
        return self._pages[index].thumbnail(max_px)

    def build_pdf(self) -> bytes:
        if not self._pages:
            raise ScanError(f"Giấy tờ “{self.document}” chưa có trang nào")
        return build_pdf([p.encoded for p in self._pages], self.document)

    @property
    def filename(self) -> str:
        return document_filename(self.document)
