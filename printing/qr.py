"""QR images for slips: EC level M, a 4-module quiet zone, whole dots per module."""

from __future__ import annotations

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4
MIN_DOTS_PER_MODULE = 4


def _code(payload: str, box: int) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=box)
    qr.add_data(payload)
    qr.make(fit=True)
    return qr


def qr_modules(payload: str) -> int:
    """Modules across the symbol, quiet zone included."""
    return len(_code(payload, 1).get_matrix())


def qr_image(payload: str, max_width: int, dots_per_module: int | None = None) -> Image.Image:
    """A 1-bit QR as large as fits in ``max_width`` dots, quiet zone included.

    Modules are whole dots (no resampling blur); refuses to go below 4 dots a module, which
    cheap 203-dpi heads and phone cameras need.
    """
    modules = qr_modules(payload)
    dots = dots_per_module or max_width // modules
    if dots < MIN_DOTS_PER_MODULE or modules * dots > max_width:
        raise ValueError(
            f"QR of {modules} modules needs {modules * MIN_DOTS_PER_MODULE} dots, "
            f"only {max_width} available"
        )
    img = _code(payload, dots).make_image(fill_color="black", back_color="white")
    out: Image.Image = img.get_image().convert("1")
    return out
