"""PyInstaller runtime hook: pyzbar looks for libzbar with ctypes.util.find_library, which does
not look inside the bundle; point it at the copy the build carries, so QR decoding works on a
counter with nothing installed but the build folder."""

import ctypes.util
import os
import sys

_bundle = getattr(sys, "_MEIPASS", None)
_find = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    if name == "zbar" and _bundle:
        for candidate in ("libzbar.so.0", "libzbar-64.dll", "libzbar.dylib"):
            path = os.path.join(_bundle, candidate)
            if os.path.exists(path):
                return path
    return _find(name)


ctypes.util.find_library = _find_library
