"""Reading QR codes from images: zxing-cpp first, pyzbar as the second opinion.

Outside input: the file may be missing, empty, corrupt, not an image, or absurdly large; each
case gets a clear message and nothing else happens.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 600-dpi A3 scan; above that it is not a receipt photo
DECODE_EDGE = 2400  # large scans are downscaled before decoding


class ImageInputError(ValueError):
    pass


def open_image(path: Path) -> Image.Image:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageInputError(f"Không tìm thấy tệp ảnh {path}") from None
    except OSError as exc:
        raise ImageInputError(f"Không đọc được tệp {path}: {exc.strerror}") from None
    if size == 0:
        raise ImageInputError(f"Tệp {path.name} rỗng (0 byte)")
    if size > MAX_FILE_BYTES:
        raise ImageInputError(f"Tệp {path.name} quá lớn ({size // 2**20} MB)")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ImageInputError(
                    f"Ảnh {path.name} quá lớn ({img.width}×{img.height} điểm ảnh)"
                )
            img.load()
            return ImageOps.exif_transpose(img).convert("L")
    except ImageInputError:
        raise
    except Image.DecompressionBombError:
        raise ImageInputError(f"Ảnh {path.name} quá lớn để xử lý") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageInputError(f"Tệp {path.name} không phải ảnh hợp lệ hoặc đã bị hỏng") from None


def decode_image(img: Image.Image) -> list[str]:
    """Every QR payload found, in reading order, without duplicates."""
    if max(img.size) > DECODE_EDGE:
        img = img.copy()
        img.thumbnail((DECODE_EDGE, DECODE_EDGE))
    found: list[str] = []
    try:
        import zxingcpp

        found = [r.text for r in zxingcpp.read_barcodes(img) if r.valid and r.text]
    except ImportError:
        pass
    if not found:
        try:
            from pyzbar import pyzbar

            found = [s.data.decode("utf-8", "replace") for s in pyzbar.decode(img)]
        except ImportError:  # libzbar missing: zxing-cpp alone then
            pass
    return list(dict.fromkeys(found))


def decode_file(path: Path) -> list[str]:
    return decode_image(open_image(path))
