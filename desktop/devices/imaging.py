"""Opening images and PDFs that come from outside (citizens' files, phones, scanners' TIFFs).

Everything here is hostile input until proven otherwise: the file may be missing, empty, not an
image, truncated, or a decompression bomb (a small PNG claiming 20000×20000 pixels). Each case
is refused with one Vietnamese sentence (:class:`ImageInputError`) *before* any pixel is decoded,
so nothing downstream (attachment store, database) is touched.

PDFs are rasterised with PDFium (pypdfium2, wheels for Windows and Linux: nothing to install
on a counter) rather than embedded as they are: re-drawing every page drops scripts, forms and
anything else active a PDF may carry, and lets a PDF page go through the same clean-up as a
scanned page. PDFium runs in a child process with a timeout per step (:mod:`.pdfrender` says
why and what it costs), after the page count and page sizes have been checked.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from .pdfrender import PdfWorker, PdfWorkerDied, PdfWorkerError, PdfWorkerTimeout
from .scanning import ScanError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 600-dpi A3 page is 70 MP; a photo of a receipt is far less
MAX_PAGES = 200
MIN_EDGE = 16  # a 1×1 "image" is not a document
PDF_TIMEOUT = 60.0  # seconds to open a PDF, and for each page: a PDF built to hang is refused
MAX_PAGE_PT = 14400.0  # the largest page PDF allows (200 inches): beyond, the size is nonsense
# The largest paper a dossier holds is A0 (841 × 1189 mm, e.g. a site plan); a page beyond it
# (with a little slack) is not a paper document. PDF allows 200-inch pages, which rendered at
# the 36-dpi floor still took ~860 MB to import (issue 17); such a page is refused from its
# size, before anything is rendered.
MAX_PAPER_PT = (2384.0 * 1.05, 3370.0 * 1.05)
# A rendered PDF page is held three times over while it becomes an image (PDFium's bitmap, its
# bytes in this process, Pillow's copy at 4 bytes a pixel): 40 MP keeps that near 400 MB, and
# is A3 at 400 dpi or A0 at 150.
MAX_PDF_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG", "TIFF", "BMP")  # BMP: what TWAIN's native transfer hands over

# Pillow's own bomb check warns at MAX_IMAGE_PIXELS and raises at twice that; our explicit
# check below runs before decoding, this keeps Pillow's guard in line with it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageInputError(ScanError):
    """An input file that cannot be used; the message is for the officer."""

    code = "image_input_invalid"


@dataclass(frozen=True)
class LoadedPage:
    image: Image.Image
    dpi: int | None  # what the file says, when it says it


def sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data.startswith(b"BM"):
        return "BMP"
    return None


def read_input(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before it is read: a
    device (/dev/zero), a pipe or a file too big is refused without reading it."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImageInputError(f"{path.name} không phải là tệp")
    except FileNotFoundError:
        raise ImageInputError(f"Không tìm thấy tệp {path}") from None
    except OSError as exc:
        raise ImageInputError(f"Không đọc được tệp {path}: {exc.strerror}") from None
    if size == 0:
        raise ImageInputError(f"Tệp {path.name} rỗng (0 byte)")
    if size > limit:
        raise ImageInputError(
            f"Tệp {path.name} quá lớn ({size // 2**20} MB, tối đa {limit // 2**20} MB)"
        )
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # a file that grew since: still never more than the limit
        if len(data) > limit:
            raise ImageInputError(f"Tệp {path.name} quá lớn (tối đa {limit // 2**20} MB)")
        return data
    except OSError as exc:
        raise ImageInputError(f"Không đọc được tệp {path}: {exc.strerror}") from None


def _check_size(name: str, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageInputError(
            f"Ảnh {name} quá lớn ({width}×{height} điểm ảnh), có thể là tệp độc hại; "
            "hãy quét lại hoặc chụp ảnh với độ phân giải thấp hơn"
        )
    if min(width, height) < MIN_EDGE:
        raise ImageInputError(f"Ảnh {name} quá nhỏ ({width}×{height} điểm ảnh)")


def _normalise(img: Image.Image) -> Image.Image:
    img = ImageOps.exif_transpose(img)
    if img.mode in ("1", "L", "RGB"):
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        # transparent areas are paper, not black
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return img.convert("RGB")


def _dpi_of(img: Image.Image) -> int | None:
    dpi = img.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 50 <= value <= 2400 else None


def load_image_pages(data: bytes, name: str) -> list[LoadedPage]:
    """Every page of a PNG/JPEG/BMP, or every frame of a multi-page TIFF."""
    return list(iter_image_pages(data, name))


def iter_image_pages(data: bytes, name: str) -> Iterator[LoadedPage]:
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as img:
            n_frames = getattr(img, "n_frames", 1)
            if n_frames > MAX_PAGES:
                raise ImageInputError(f"Tệp {name} có quá nhiều trang (tối đa {MAX_PAGES})")
            for frame in ImageSequence.Iterator(img):
                _check_size(name, frame.width, frame.height)
                frame.load()
                yield LoadedPage(_normalise(frame.copy()), _dpi_of(frame))
    except ImageInputError:
        raise
    except Image.DecompressionBombError:
        raise ImageInputError(f"Ảnh {name} quá lớn để xử lý, có thể là tệp độc hại") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageInputError(f"Tệp {name} không phải ảnh hợp lệ hoặc đã bị hỏng") from None
    except (TypeError, KeyError, IndexError, ArithmeticError, struct.error):
        # Pillow's parsers meet a damaged header with these too (a TIFF missing its
        # dimensions raises TypeError); found by tests/fuzz
        raise ImageInputError(f"Tệp {name} không phải ảnh hợp lệ hoặc đã bị hỏng") from None


def _pdf_refusal(exc: PdfWorkerError, name: str) -> ImageInputError:
    if exc.kind in ("password", "security"):
        return ImageInputError(
            f"Tệp PDF {name} có mật khẩu (đã mã hoá) nên không mở được; "
            "hãy xin bản không đặt mật khẩu, hoặc in ra giấy rồi quét"
        )
    if exc.kind == "empty":
        return ImageInputError(f"Tệp PDF {name} không có trang nào")
    if exc.kind == "missing":
        return ImageInputError(
            "Máy này thiếu thư viện đọc PDF (pypdfium2) nên chưa nhập được tệp PDF; "
            "hãy nhập ảnh PNG/JPEG/TIFF hoặc nhờ cán bộ CNTT cài đặt lại phần mềm"
        )
    return ImageInputError(f"Tệp {name} không phải PDF hợp lệ hoặc đã bị hỏng")


def _page_dpi(name: str, number: int, w_pt: float, h_pt: float, dpi: int) -> int:
    """``dpi``, or less for a page so large it would exceed the pixel budget (never below
    36); a page larger than any paper is refused."""
    if not (0 < w_pt <= MAX_PAGE_PT and 0 < h_pt <= MAX_PAGE_PT):
        raise ImageInputError(f"Trang {number} của {name} có kích thước không hợp lệ")
    short, long = sorted((w_pt, h_pt))
    if short > MAX_PAPER_PT[0] or long > MAX_PAPER_PT[1]:
        mm = 25.4 / 72
        raise ImageInputError(
            f"Trang {number} của {name} lớn hơn khổ A0 ({round(w_pt * mm)}×{round(h_pt * mm)} "
            "mm), không phải khổ giấy tờ; hãy xin bản PDF đúng khổ giấy hoặc in ra rồi quét"
        )
    area_in2 = (w_pt / 72) * (h_pt / 72)
    budget = min(MAX_PIXELS, MAX_PDF_PIXELS)
    return max(36, min(dpi, int((budget / area_in2) ** 0.5)))


def iter_pdf_pages(data: bytes, name: str, dpi: int) -> Iterator[LoadedPage]:
    """Render each page at ``dpi`` (lower for pages so large they would exceed MAX_PIXELS).

    The page count and every page's size are checked before the first page is rendered; the
    child process ends when the pages are all read, or when the caller stops early."""
    try:
        worker = PdfWorker(data, MAX_PAGES, PDF_TIMEOUT)
    except OSError as exc:  # no process could be started (out of memory, handles)
        raise ImageInputError(f"Không mở được bộ đọc PDF để nhập {name}: {exc}") from None
    number = 0
    try:
        with worker:
            count, sizes = worker.open()
            if count > MAX_PAGES:
                raise ImageInputError(f"Tệp {name} có quá nhiều trang (tối đa {MAX_PAGES})")
            page_dpis = [_page_dpi(name, n, w, h, dpi) for n, (w, h) in enumerate(sizes, 1)]
            for number, page_dpi in enumerate(page_dpis, 1):
                page = worker.render(number - 1, page_dpi / 72, min(MAX_PIXELS, MAX_PDF_PIXELS))
                size = (page.width, page.height)
                _check_size(f"{name} (trang {number})", *size)
                image = Image.frombuffer("RGB", size, page.bgr, "raw", "BGR", page.stride, 1)
                yield LoadedPage(image, page_dpi)
    except PdfWorkerTimeout:
        raise ImageInputError(f"Tệp PDF {name} xử lý quá lâu, có thể đã bị hỏng") from None
    except PdfWorkerDied:  # PDFium crashed on it
        raise ImageInputError(f"Tệp {name} không phải PDF hợp lệ hoặc đã bị hỏng") from None
    except PdfWorkerError as exc:
        if exc.kind == "page":
            raise ImageInputError(f"Trang {number} của tệp PDF {name} bị hỏng") from None
        if exc.kind == "size":
            raise ImageInputError(f"Trang {number} của {name} có kích thước không hợp lệ") from None
        raise _pdf_refusal(exc, name) from None


def check_document(data: bytes, name: str) -> int:
    """Check a file to be attached as it is as import would check it, without rendering: a
    PDF opens in PDFium (in its child process) with a sane page count and page sizes; every
    page of an image decodes within the pixel limits. The number of pages, or
    :class:`ImageInputError`."""
    kind = sniff(data)
    if kind is None:
        raise ImageInputError(f"Tệp {name} không phải ảnh (PNG, JPEG, TIFF) hay PDF")
    if kind != "PDF":
        return sum(1 for _page in iter_image_pages(data, name))
    try:
        worker = PdfWorker(data, MAX_PAGES, PDF_TIMEOUT)
    except OSError as exc:
        raise ImageInputError(f"Không mở được bộ đọc PDF để kiểm tra {name}: {exc}") from None
    try:
        with worker:
            count, sizes = worker.open()
    except PdfWorkerTimeout:
        raise ImageInputError(f"Tệp PDF {name} xử lý quá lâu, có thể đã bị hỏng") from None
    except PdfWorkerDied:
        raise ImageInputError(f"Tệp {name} không phải PDF hợp lệ hoặc đã bị hỏng") from None
    except PdfWorkerError as exc:
        raise _pdf_refusal(exc, name) from None
    if count > MAX_PAGES:
        raise ImageInputError(f"Tệp {name} có quá nhiều trang (tối đa {MAX_PAGES})")
    for number, (w, h) in enumerate(sizes, 1):
        _page_dpi(name, number, w, h, 72)
    return count


def iter_document_file(path: Path, pdf_dpi: int = 300) -> Iterator[LoadedPage]:
    """The pages of an image or PDF file one by one, or :class:`ImageInputError`.

    The file is read and identified before the first page is produced, so a wrong kind of
    file fails at once; a page that turns out broken half-way fails when it is reached.
    """
    data = read_input(path)
    kind = sniff(data)
    if kind is None:
        raise ImageInputError(
            f"Tệp {path.name} không phải ảnh (PNG, JPEG, TIFF) hay PDF; không nhập được"
        )
    if kind == "PDF":
        return iter_pdf_pages(data, path.name, pdf_dpi)
    return iter_image_pages(data, path.name)


def load_document_file(path: Path, pdf_dpi: int = 300) -> list[LoadedPage]:
    """All pages of an image or PDF file, or :class:`ImageInputError`."""
    return list(iter_document_file(path, pdf_dpi))
