"""Reading QR codes and barcodes from images: one interface, two backends (zxing-cpp, pyzbar).

A large scan is not decoded as it is: a receipt's QR is found fastest on a reduced copy, and a
small QR in a big scan is found on crops at full resolution. :data:`STRATEGIES` lists the
attempts, fastest first; decoding stops at the first that finds something.

The default backend is the one ``bench/bench_qr.py`` measured to read more of 48 degraded
receipt photos: pyzbar read 48/48 with the strategy chain, zxing-cpp 44/48 (it misses strong
perspective), at about the same speed (zxing-cpp's chain took 1.09× pyzbar's; on a single pass
zxing-cpp is ~6× faster but reads less, 43 vs 38). The other backend is asked as a second
opinion when the first finds nothing, so together they read the union.

Outside input: the file may be missing, empty, corrupt, not an image, or absurdly large; each
case gets a clear message (:class:`ImageInputError`) and nothing else happens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageChops, ImageFilter, ImageOps

from .imaging import (
    MAX_FILE_BYTES,
    MAX_PIXELS,
    ImageInputError,
    iter_document_file,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "STRATEGIES",
    "Decoder",
    "ImageInputError",
    "PyzbarDecoder",
    "ZxingDecoder",
    "decode_file",
    "decode_image",
    "default_decoders",
    "open_image",
]

PDF_DECODE_DPI = 200
# The symbologies a counter meets: receipt QR codes, CCCD QR, Code 128/39 and EAN/ITF on
# documents. Fewer formats is faster, and zbar's DataBar decoder prints assertion noise on
# text-heavy scans.
ZXING_FORMATS = "QRCode,Code128,Code39,EAN13,EAN8,ITF"
ZBAR_SYMBOLS = ("QRCODE", "CODE128", "CODE39", "EAN13", "EAN8", "I25")


class Decoder(Protocol):
    """One decoding pass over a greyscale image; every payload found, in any order."""

    name: str

    def available(self) -> bool: ...

    def decode(self, gray: Image.Image) -> list[str]: ...


class ZxingDecoder:
    name = "zxing-cpp"

    def available(self) -> bool:
        try:
            import zxingcpp  # noqa: F401
        except ImportError:
            return False
        return True

    def decode(self, gray: Image.Image) -> list[str]:
        import zxingcpp

        formats = zxingcpp.barcode_formats_from_str(ZXING_FORMATS)
        # try_downscale: zxing's own pyramid finds big QR codes in large images cheaply
        found = zxingcpp.read_barcodes(
            gray, formats=formats, try_rotate=True, try_downscale=True, try_invert=True
        )
        return [r.text for r in found if r.valid and r.text]


class PyzbarDecoder:
    name = "pyzbar"

    def available(self) -> bool:
        try:
            from pyzbar import pyzbar  # noqa: F401  (needs the libzbar0 system library)
        except ImportError:
            return False
        return True

    def decode(self, gray: Image.Image) -> list[str]:
        from pyzbar import pyzbar

        symbols = [getattr(pyzbar.ZBarSymbol, name) for name in ZBAR_SYMBOLS]
        found = pyzbar.decode(gray, symbols=symbols)
        return [s.data.decode("utf-8", "replace") for s in found if s.data]


def _fit(gray: Image.Image, edge: int) -> Image.Image:
    if max(gray.size) <= edge:
        return gray
    out = gray.copy()
    out.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    return out


def _fast(gray: Image.Image) -> Iterator[Image.Image]:
    yield _fit(gray, 1200)  # a receipt or a phone photo: the QR is large enough here


def _full(gray: Image.Image) -> Iterator[Image.Image]:
    if max(gray.size) > 1200:
        yield _fit(gray, 2400)  # a small QR on a full-page scan


def _contrast(gray: Image.Image) -> Iterator[Image.Image]:
    # faded thermal paper, uneven light: stretch levels, then take away the background (a wide
    # blur) so a shadowed corner and a lit corner binarise alike
    small = _fit(gray, 1600)
    stretched = ImageOps.autocontrast(small, cutoff=1)
    yield stretched
    background = stretched.filter(ImageFilter.BoxBlur(max(8, max(small.size) // 40)))
    ink = ImageChops.subtract(background, stretched)  # bright where darker than around it
    yield ImageOps.invert(ImageOps.autocontrast(ink, cutoff=1))


def _smoothed(gray: Image.Image) -> Iterator[Image.Image]:
    # JPEG blocks and crumpled-paper speckle break module edges; a median evens them out
    yield _fit(gray, 1200).filter(ImageFilter.MedianFilter(3))


def _tiles(gray: Image.Image) -> Iterator[Image.Image]:
    # a big scan whose QR is too small once reduced: overlapping crops at full resolution
    w, h = gray.size
    if max(w, h) <= 2400:
        return
    for ty in range(3):
        for tx in range(2):
            box = (tx * w // 3, ty * h // 4, (tx + 2) * w // 3, (ty + 2) * h // 4)
            yield _fit(gray.crop(box), 2400)


STRATEGIES: tuple[tuple[str, Callable[[Image.Image], Iterator[Image.Image]]], ...] = (
    ("fast", _fast),
    ("full", _full),
    ("contrast", _contrast),
    ("smoothed", _smoothed),
    ("tiles", _tiles),
)


def default_decoders() -> list[Decoder]:
    candidates: list[Decoder] = [PyzbarDecoder(), ZxingDecoder()]  # order: see module doc
    return [d for d in candidates if d.available()]


def decode_with(decoder: Decoder, gray: Image.Image) -> list[str]:
    """Every strategy in turn with one decoder, until one finds something."""
    for _name, variants in STRATEGIES:
        for variant in variants(gray):
            found = decoder.decode(variant)
            if found:
                return list(dict.fromkeys(found))
    return []


def decode_image(img: Image.Image, decoders: Sequence[Decoder] | None = None) -> list[str]:
    """Every QR/barcode payload found, without duplicates."""
    gray = img if img.mode == "L" else img.convert("L")
    for decoder in decoders if decoders is not None else default_decoders():
        found = decode_with(decoder, gray)
        if found:
            return found
    return []


def open_image(path: Path) -> Image.Image:
    """The first page of an image file as greyscale, or :class:`ImageInputError`."""
    for page in iter_document_file(path, PDF_DECODE_DPI):
        return ImageOps.exif_transpose(page.image).convert("L")
    raise ImageInputError(f"Tệp {path.name} không có trang nào")


def decode_file(path: Path, decoders: Sequence[Decoder] | None = None) -> list[str]:
    """Every payload on every page of an image, multi-page TIFF or PDF file."""
    found: list[str] = []
    for page in iter_document_file(path, PDF_DECODE_DPI):
        found += decode_image(page.image, decoders)
    return list(dict.fromkeys(found))
