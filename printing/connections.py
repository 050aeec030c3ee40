"""Printer connections by URI, and per-printer settings.

``tcp://HOST:9100`` network printers, ``usb://VID:PID``, ``serial:///dev/ttyUSB0?baud=9600``,
``win32://Printer Name`` (a Windows queue, raw), ``cups://queue``, ``file:///path`` (append raw
bytes to a file or device node). Each transport sends an already-encoded ESC/POS job, so a job
can be stored, retried and reprinted byte for byte.
"""

from __future__ import annotations

import socket
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TCP_TIMEOUT = 8.0
PAPER_DOTS = {"58": 384, "80": 576, "80-180dpi": 512}
_SCHEMES = ("tcp", "usb", "serial", "win32", "cups", "file")


class PrinterUnavailable(RuntimeError):
    """The printer could not take the job (off, unplugged, jammed, refused); retry later."""

    # an expected refusal, not a bug (the app checks this name; this package does not
    # import the app to derive from its Refusal base)
    refusal_code = "printer_unavailable"


class PrinterConfigError(ValueError):
    refusal_code = "printer_config_invalid"


@dataclass(frozen=True)
class PrinterSettings:
    uri: str
    dots: int = 576  # 384 for 58 mm, 576 for 80 mm at 203 dpi, 512 for 80 mm at 180 dpi
    cut: bool = True
    native_qr: bool = False  # GS ( k only when this printer is known to print it right
    name: str = "Máy in phiếu"

    def __post_init__(self) -> None:
        parse_uri(self.uri)
        if self.dots not in (384, 512, 576, 640, 832):
            raise PrinterConfigError(
                f"Độ rộng {self.dots} điểm không hỗ trợ "
                "(384 cho giấy 58 mm, 576 hoặc 512 cho 80 mm)"
            )


def parse_uri(uri: str) -> urllib.parse.SplitResult:
    try:
        parts = urllib.parse.urlsplit(uri)
    except ValueError:  # e.g. an unclosed [IPv6 address: a refusal like any other bad address
        parts = urllib.parse.SplitResult("", "", "", "", "")
    if parts.scheme not in _SCHEMES:
        raise PrinterConfigError(
            f"Địa chỉ máy in {uri!r} không hợp lệ; dùng {', '.join(s + '://' for s in _SCHEMES)}"
        )
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise PrinterConfigError(f"Thiếu tên máy hoặc địa chỉ IP trong {uri!r}")
        try:
            port = parts.port
        except ValueError:
            raise PrinterConfigError(f"Cổng không hợp lệ trong {uri!r}") from None
        if port is None:
            parts = parts._replace(netloc=f"{parts.netloc}:9100")
    if parts.scheme == "usb" and not _usb_ids(parts):
        raise PrinterConfigError(
            f"Địa chỉ USB phải có dạng usb://VID:PID (hệ 16), không phải {uri!r}"
        )
    return parts


def _usb_ids(parts: urllib.parse.SplitResult) -> tuple[int, int] | None:
    try:
        vid, pid = parts.netloc.split(":")
        return int(vid, 16), int(pid, 16)
    except ValueError:
        return None


def send(uri: str, data: bytes, timeout: float = TCP_TIMEOUT) -> None:
    """Deliver raw bytes; raises :class:`PrinterUnavailable` with a reason an officer reads."""
    parts = parse_uri(uri)
    try:
        if parts.scheme == "tcp":
            _send_tcp(parts, data, timeout)
        elif parts.scheme == "file":
            with Path(urllib.parse.unquote(parts.path)).open("ab") as f:
                f.write(data)
        else:
            _send_escpos(parts, data)
    except PrinterUnavailable:
        raise
    except (OSError, ValueError) as exc:
        raise PrinterUnavailable(f"Máy in không nhận lệnh in: {exc}") from None
    except Exception as exc:  # python-escpos backends raise their own error types
        raise PrinterUnavailable(f"Máy in không nhận lệnh in ({type(exc).__name__})") from None


def _send_tcp(parts: urllib.parse.SplitResult, data: bytes, timeout: float) -> None:
    host, port = parts.hostname or "", parts.port or 9100
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            # wait for the printer to close its side, so "sent" means "taken", not "buffered"
            sock.settimeout(timeout)
            while sock.recv(256):
                pass
    except ConnectionRefusedError:
        raise PrinterUnavailable(f"Máy in {host}:{port} từ chối kết nối (máy in tắt?)") from None
    except TimeoutError:
        raise PrinterUnavailable(
            f"Máy in {host}:{port} không trả lời (quá {timeout:g} giây)"
        ) from None
    except OSError as exc:
        raise PrinterUnavailable(
            f"Mất kết nối với máy in {host}:{port}: {exc.strerror or exc}"
        ) from None


def _send_escpos(parts: urllib.parse.SplitResult, data: bytes) -> None:
    from escpos import printer as p

    device: Any
    if parts.scheme == "usb":
        ids = _usb_ids(parts)
        assert ids is not None
        device = p.Usb(ids[0], ids[1])
    elif parts.scheme == "serial":
        query = urllib.parse.parse_qs(parts.query)
        baud = int(query.get("baud", ["9600"])[0])
        device = p.Serial(devfile=parts.path, baudrate=baud)
    elif parts.scheme == "win32":
        device = p.Win32Raw(urllib.parse.unquote(parts.netloc + parts.path))
    else:
        device = p.CupsPrinter(urllib.parse.unquote(parts.netloc))
    device.open()
    try:
        device._raw(data)
    finally:
        device.close()
