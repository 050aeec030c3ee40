"""Scanners on Windows through TWAIN, for the feeder and duplex features many WIA drivers do
not expose, using pytwain (module ``twain``, ctypes over the TWAIN Data Source Manager).
Imported only on Windows (see registry.py); tests drive it with a small fake ``twain`` module.

Documented calls used (pytwain's API, which wraps TWAIN 2.x triplets):
- ``twain.SourceManager(parent_window)`` (DG_CONTROL/DAT_PARENT/MSG_OPENDSM), ``.source_list``
  (DAT_IDENTITY MSG_GETFIRST/GETNEXT), ``.open_source(product_name)`` (MSG_OPENDS), ``.close()``;
- ``Source.get_capability(cap)``, ``.set_capability(cap, TWTY_*, value)`` (DAT_CAPABILITY
  MSG_GET/MSG_SET) with CAP_FEEDERENABLED, CAP_FEEDERLOADED, CAP_AUTOFEED, CAP_DUPLEX,
  CAP_DUPLEXENABLED, CAP_XFERCOUNT, ICAP_PIXELTYPE (TWPT_GRAY, TWPT_RGB), ICAP_UNITS
  (TWUN_INCHES), ICAP_XRESOLUTION / ICAP_YRESOLUTION (TWTY_FIX32);
- ``Source.acquire_natively(after=…, show_ui=False, modal=False)``: DAT_USERINTERFACE
  MSG_ENABLEDS, then for each image DAT_IMAGENATIVEXFER and DAT_PENDINGXFERS MSG_ENDXFER; the
  ``after(image, more)`` callback raising ``twain.exceptions.CancelAll`` sends
  DAT_PENDINGXFERS MSG_RESET (stop the feeder); ``image.save(path)`` writes the DIB as BMP.

TWAIN sources are single-threaded and run a Windows message loop: every TWAIN call for one
scan happens on one thread made for it, and pages cross to the caller through a small queue,
so the feeder keeps running while the previous page is being cleaned.
"""

from __future__ import annotations

import io
import os
import queue
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from .scanning import (
    CancelToken,
    DeviceInfo,
    Progress,
    ProgressCallback,
    RawPage,
    ScanCancelled,
    ScanError,
    ScanSettings,
    Source,
)

PAGE_TIMEOUT = 300.0  # seconds without a page from the driver before giving up


def _default_twain() -> Any:
    try:
        import twain
    except ImportError:
        raise ScanError("Chưa cài pytwain nên chưa dùng được máy quét TWAIN") from None
    return twain


def _vi(tw: Any, exc: BaseException) -> str:
    ex = tw.exceptions
    table = (
        ("PaperJam", "Giấy bị kẹt trong khay nạp: gỡ giấy ra rồi quét lại"),
        ("PaperDoubleFeedError", "Khay nạp kéo hai tờ một lúc: xếp lại giấy rồi quét lại"),
        ("CheckDeviceOnlineError", "Máy quét đang tắt hoặc mất kết nối"),
        ("NoDataSourceError", "Không tìm thấy máy quét TWAIN này"),
        ("DeniedError", "Không có quyền dùng máy quét này"),
    )
    for name, message in table:
        kind = getattr(ex, name, None)
        if isinstance(kind, type) and isinstance(exc, kind):
            return message
    return f"Máy quét báo lỗi (TWAIN): {type(exc).__name__} {exc}"


def list_devices(twain_module: Any = None) -> list[DeviceInfo]:
    tw = twain_module or _default_twain()
    try:
        sm = tw.SourceManager(None)
        try:
            names = list(sm.source_list)
        finally:
            sm.close()
    except Exception as exc:
        raise ScanError(_vi(tw, exc)) from None
    return [DeviceInfo(f"twain:{name}", name, "twain", ()) for name in names]


def _cap(src: Any, cap: int) -> Any:
    """A capability's current value, or None when the source does not have it."""
    try:
        value = src.get_capability_current(cap)
    except Exception:
        return None
    return value[1] if isinstance(value, tuple) and len(value) == 2 else value


class TwainScanner:
    def __init__(self, name: str, twain_module: Any = None, parent_hwnd: int = 0) -> None:
        self._tw = twain_module or _default_twain()
        self._name = name
        self._hwnd = parent_hwnd or None
        sources = self._in_session(self._probe)
        self.info = DeviceInfo(f"twain:{name}", name, "twain", sources)

    def _in_session(self, work: Any) -> Any:
        """Open the source manager and the source, run ``work(source)``, close both."""
        tw = self._tw
        try:
            sm = tw.SourceManager(self._hwnd)
        except Exception as exc:
            raise ScanError(f"Không mở được trình quản lý TWAIN: {_vi(tw, exc)}") from None
        try:
            if self._name not in sm.source_list:
                raise ScanError(f"Không tìm thấy máy quét TWAIN “{self._name}”")
            src = sm.open_source(self._name)
            if src is None:
                raise ScanError(f"Không mở được máy quét “{self._name}”")
            try:
                return work(src)
            finally:
                src.close()
        finally:
            sm.close()

    def _probe(self, src: Any) -> tuple[Source, ...]:
        tw = self._tw
        found = [Source.FLATBED]
        if _cap(src, tw.CAP_FEEDERENABLED) is not None:
            found.append(Source.ADF)
            duplex = _cap(src, tw.CAP_DUPLEX)
            if duplex not in (None, 0, tw.TWDX_NONE):
                found.append(Source.ADF_DUPLEX)
        return tuple(found)

    def _configure(self, src: Any, settings: ScanSettings) -> None:
        tw = self._tw
        feeder = settings.source.is_feeder
        pixel = tw.TWPT_RGB if settings.mode == "color" else tw.TWPT_GRAY
        src.set_capability(tw.ICAP_PIXELTYPE, tw.TWTY_UINT16, pixel)
        src.set_capability(tw.ICAP_UNITS, tw.TWTY_UINT16, tw.TWUN_INCHES)
        src.set_capability(tw.ICAP_XRESOLUTION, tw.TWTY_FIX32, float(settings.resolution))
        src.set_capability(tw.ICAP_YRESOLUTION, tw.TWTY_FIX32, float(settings.resolution))
        if Source.ADF in self.info.sources:
            src.set_capability(tw.CAP_FEEDERENABLED, tw.TWTY_BOOL, feeder)
        if feeder:
            src.set_capability(tw.CAP_AUTOFEED, tw.TWTY_BOOL, True)
            if Source.ADF_DUPLEX in self.info.sources:
                duplex = settings.source is Source.ADF_DUPLEX
                src.set_capability(tw.CAP_DUPLEXENABLED, tw.TWTY_BOOL, duplex)
            if _cap(src, tw.CAP_FEEDERLOADED) is False:
                raise ScanError("Khay nạp giấy trống: đặt giấy vào khay rồi quét lại")
        count = settings.max_pages or (-1 if feeder else 1)  # -1: as many as the feeder has
        src.set_capability(tw.CAP_XFERCOUNT, tw.TWTY_INT16, count)

    def pages(
        self, settings: ScanSettings, progress: ProgressCallback, cancel: CancelToken
    ) -> Iterator[RawPage]:
        if settings.source not in self.info.sources:
            raise ScanError(f"Máy quét “{self._name}” không có nguồn giấy {settings.source}")
        tw = self._tw
        mailbox: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=2)
        stop = threading.Event()  # the consumer went away (cancel, error, generator closed)

        def hand_over(item: tuple[str, Any]) -> None:
            """Give the consumer an item, or drop it once the consumer has gone away."""
            while not stop.is_set():
                try:
                    mailbox.put(item, timeout=0.2)
                    return
                except queue.Full:
                    continue

        def acquire(src: Any) -> None:
            self._configure(src, settings)

            def after(image: Any, more: int) -> None:
                try:
                    data = _native_to_bmp(image)
                finally:
                    image.close()
                hand_over(("page", data))
                if stop.is_set() or cancel.cancelled:
                    raise tw.exceptions.CancelAll()

            src.acquire_natively(after=after, show_ui=False, modal=False)

        def run() -> None:
            try:
                self._in_session(acquire)
                hand_over(("done", None))
            except BaseException as exc:  # crosses to the consumer thread
                hand_over(("error", exc))

        progress(Progress(1, -1.0, "Đang quét trang 1…"))
        worker = threading.Thread(target=run, name="twain", daemon=True)
        worker.start()
        number = 0
        try:
            while True:
                try:
                    kind, value = mailbox.get(timeout=PAGE_TIMEOUT)
                except queue.Empty:
                    raise ScanError("Máy quét không phản hồi (quá thời gian chờ)") from None
                if kind == "done":
                    break
                if kind == "error":
                    if cancel.cancelled or isinstance(value, tw.exceptions.DSTransferCancelled):
                        raise ScanCancelled()
                    if isinstance(value, ScanError):
                        raise value
                    raise ScanError(_vi(tw, value))
                number += 1
                yield RawPage(_open_bmp(value), settings.resolution)
                cancel.raise_if_cancelled()
                progress(Progress(number + 1, -1.0, f"Đang quét trang {number + 1}…"))
        finally:
            stop.set()
            worker.join(timeout=PAGE_TIMEOUT)
        if number == 0 and not cancel.cancelled:
            raise ScanError("Máy quét không trả về trang nào: kiểm tra giấy trong khay")

    def close(self) -> None:
        return None


def _native_to_bmp(image: Any) -> bytes:
    fd, tmp = tempfile.mkstemp(suffix=".bmp", prefix="motcua-twain-")
    os.close(fd)
    try:
        image.save(tmp)
        return Path(tmp).read_bytes()
    finally:
        Path(tmp).unlink(missing_ok=True)


def _open_bmp(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data), formats=("BMP",)) as img:
            img.load()
            return img.convert("RGB") if img.mode not in ("1", "L", "RGB") else img.copy()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ScanError(f"Máy quét trả về ảnh hỏng: {exc}") from None
