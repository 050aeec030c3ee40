"""Opening images and PDFs that come from outside (citizens' files, phones, scanners' TIFFs).

Everything here is hostile input until proven otherwise: the file may be missing, empty, not an
image, truncated, or a decompression bomb (a small PNG claiming 20000×20000 pixels). Each case
is refused with one Vietnamese sentence (:class:`ImageInputError`) *before* any pixel is decoded,
so nothing downstream (attachment store, database) is touched.

PDFs are rasterised with poppler's ``pdftoppm`` (installed with poppler-utils) rather than
embedded as they are: re-drawing every page drops scripts, forms and anything else active a
PDF may carry, and lets a PDF page go through the same clean-up as a scanned page.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from .scanning import ScanError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 600-dpi A3 page is 70 MP; a photo of a receipt is far less
MAX_PAGES = 200
MIN_EDGE = 16  # a 1×1 "image" is not a document
PDF_TIMEOUT = 60.0  # seconds per poppler call: a PDF built to hang the renderer is refused
FORMATS = ("PNG", "JPEG", "TIFF", "BMP")  # BMP: what TWAIN's native transfer hands over

# Pillow's own bomb check warns at MAX_IMAGE_PIXELS and raises at twice that; our explicit
# check below runs before decoding, this keeps Pillow's guard in line with it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageInputError(ScanError):
    """An input file that cannot be used; the message is for the officer."""


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


def read_input(path: Path) -> bytes:
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
    if size > MAX_FILE_BYTES:
        raise ImageInputError(
            f"Tệp {path.name} quá lớn ({size // 2**20} MB, tối đa {MAX_FILE_BYTES // 2**20} MB)"
        )
    try:
        return path.read_bytes()
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


_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)


def _poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise ImageInputError(
            "Máy này chưa cài poppler (pdftoppm) nên chưa nhập được tệp PDF; "
            "hãy nhập ảnh PNG/JPEG/TIFF hoặc nhờ cán bộ CNTT cài đặt"
        )
    return exe


def _run(argv: list[str], name: str) -> subprocess.CompletedProcess[bytes]:
    try:
        out = subprocess.run(argv, capture_output=True, timeout=PDF_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ImageInputError(f"Tệp PDF {name} xử lý quá lâu, có thể đã bị hỏng") from None
    if out.returncode != 0:
        raise ImageInputError(f"Tệp {name} không phải PDF hợp lệ hoặc đã bị hỏng")
    return out


def pdf_page_sizes(data: bytes, name: str) -> list[tuple[float, float]]:
    """(width, height) in points of each page, without rendering anything."""
    with tempfile.TemporaryDirectory(prefix="motcua-pdf-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        out = _run([_poppler("pdfinfo"), "-f", "1", "-l", str(MAX_PAGES + 1), str(src)], name)
    sizes = [(float(w), float(h)) for _n, w, h in _PAGE_SIZE.findall(out.stdout.decode("latin-1"))]
    if not sizes:
        raise ImageInputError(f"Tệp PDF {name} không có trang nào")
    if len(sizes) > MAX_PAGES:
        raise ImageInputError(f"Tệp {name} có quá nhiều trang (tối đa {MAX_PAGES})")
    return sizes


def iter_pdf_pages(data: bytes, name: str, dpi: int) -> Iterator[LoadedPage]:
    """Render each page at ``dpi`` (lower for pages so large they would exceed MAX_PIXELS)."""
    sizes = pdf_page_sizes(data, name)
    with tempfile.TemporaryDirectory(prefix="motcua-pdf-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        for number, (w_pt, h_pt) in enumerate(sizes, 1):
            if w_pt <= 0 or h_pt <= 0 or w_pt * h_pt > 14400.0**2:
                raise ImageInputError(f"Trang {number} của {name} có kích thước không hợp lệ")
            area_in2 = (w_pt / 72) * (h_pt / 72)
            page_dpi = max(36, min(dpi, int((MAX_PIXELS / area_in2) ** 0.5)))
            stem = Path(tmp) / f"p{number}"
            _run(
                [
                    _poppler("pdftoppm"),
                    "-r",
                    str(page_dpi),
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    "-png",
                    str(src),
                    str(stem),
                ],
                name,
            )
            png = stem.with_suffix(".png").read_bytes()
            (page,) = load_image_pages(png, f"{name} (trang {number})")
            yield LoadedPage(page.image, page_dpi)


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
