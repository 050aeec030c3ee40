"""Which scanners this computer has, and opening one by its id.

Ids: ``file:PATH`` (import a file, everywhere); ``wia:<DeviceID>`` and ``twain:<source name>``
on Windows; anything else is a SANE device name (``test:0``, ``epson2:net:10.0.0.5``,
``escl:https://…``) on Linux. Backends are imported only when used, so Linux never imports
the COM or TWAIN modules and Windows never needs python-sane.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from .scanning import DeviceInfo, ScanError, Scanner


def list_devices() -> list[DeviceInfo]:
    """Every scanner found; a backend that is missing or fails is skipped, not fatal."""
    found: list[DeviceInfo] = []
    if sys.platform == "win32":
        from . import twain_backend, wia_backend

        for backend in (wia_backend, twain_backend):
            try:
                found += backend.list_devices()
            except ScanError:
                continue
    else:
        from . import sane_backend

        with contextlib.suppress(ScanError):
            found += sane_backend.list_devices()
    return found


def open_device(device_id: str) -> Scanner:
    """The scanner for ``device_id``; opened in the calling thread (COM objects belong to the
    thread that made them, so a worker must open the device itself)."""
    kind, _, rest = device_id.partition(":")
    if kind == "file" and rest:
        from .file_backend import FileScanner

        return FileScanner(Path(rest))
    if kind in ("wia", "twain"):
        if sys.platform != "win32":
            raise ScanError(f"Máy quét {kind.upper()} chỉ dùng được trên Windows")
        if kind == "wia":
            from .wia_backend import WiaScanner

            return WiaScanner(rest)
        from .twain_backend import TwainScanner

        return TwainScanner(rest)
    if sys.platform == "win32":
        raise ScanError(f"Không có máy quét {device_id}: trên Windows dùng wia:… hoặc twain:…")
    from .sane_backend import SaneScanner

    return SaneScanner(device_id)
