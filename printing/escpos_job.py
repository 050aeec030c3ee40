"""Encoding rendered slips as ESC/POS bytes (python-escpos on a Dummy printer)."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from .connections import PrinterSettings
from .slip import Slip
from .thermal import NativeQr, render_segments

_INIT = b"\x1b@"


def encode(copies: Sequence[Slip], settings: PrinterSettings) -> bytes:
    """One job: each copy rendered at the printer's width, then cut (or fed to tear off)."""
    # python-escpos reads its printer profiles when imported (a third of a second): here, at
    # the first print, rather than in everything that imports the printing service
    from escpos.printer import Dummy

    d = Dummy()
    # tell python-escpos the paper width so it can check images against it
    d.profile.profile_data["media"]["width"]["pixels"] = settings.dots
    out = bytearray(_INIT)
    for copy in copies:
        for segment in render_segments(copy, settings.dots, native_qr=settings.native_qr):
            if isinstance(segment, NativeQr):
                from escpos.constants import QR_ECLEVEL_M

                d.set(align="center")
                d.qr(segment.payload, ec=QR_ECLEVEL_M, size=6, native=True, center=False)
                d.set(align="left")
            else:
                assert isinstance(segment, Image.Image)
                d.image(segment, impl="bitImageRaster", center=False)
        if settings.cut:
            d.cut()
        else:
            d.ln(6)
    out += d.output
    return bytes(out)
