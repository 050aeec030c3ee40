"""Keep SIGPIPE ignored after native scanner code has run.

Python starts with SIGPIPE ignored, so writing to a socket the peer has closed raises
BrokenPipeError, which sync retries. libsane's reader threads (sanei_thread, seen with the
``test`` backend of sane-backends 1.x) put the disposition back to SIG_DFL when a page ends; from
then on the first write to a connection the server already dropped kills the whole counter app
without a message. ``signal.signal`` only works on the main thread and scans run on a worker, so
the disposition is restored through libc, which is process-wide and callable from any thread.
"""

from __future__ import annotations

import ctypes
import signal
import sys
from functools import cache
from typing import Any

_SIG_IGN = 1  # the value of SIG_IGN in <signal.h> on Linux, the BSDs and macOS


@cache
def _libc_signal() -> Any:
    libc = ctypes.CDLL(None)
    fn = libc.signal
    fn.restype = ctypes.c_void_p
    fn.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return fn


def keep_sigpipe_ignored() -> None:
    if sys.platform == "win32" or not hasattr(signal, "SIGPIPE"):
        return
    _libc_signal()(int(signal.SIGPIPE), _SIG_IGN)


def sigpipe_ignored() -> bool | None:
    """What the kernel says (not Python's cached view); None where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("SigIgn:"):
                    return bool(int(line.split()[1], 16) >> (int(signal.SIGPIPE) - 1) & 1)
    except (OSError, AttributeError, ValueError):
        return None
    return None
