"""Scanners on Linux through SANE (python-sane, module ``sane``).

SANE's calls are global to the process and not safe to interleave, so every call goes through
one lock. Options differ between backends (``Gray`` or ``Grey``, ``ADF`` or ``Automatic
Document Feeder``, resolution as a range or a list), so they are matched by meaning, not by
exact string. Line art is scanned in grey and thresholded here, after deskew: turning a 1-bit
page makes jagged strokes, and our threshold adapts to the paper.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

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
from .sigpipe import keep_sigpipe_ignored

_LOCK = threading.RLock()
_state = {"initialised": False, "open": 0}

# sane_strstatus() texts (sanei/sane_strstatus.c; not translated by the library)
_NO_DOCS = "Document feeder out of documents"
_CANCELLED = "Operation was cancelled"
_MESSAGES = {
    "Document feeder jammed": "Giấy bị kẹt trong khay nạp: gỡ giấy ra rồi quét lại",
    "Scanner cover is open": "Nắp máy quét đang mở: đóng nắp rồi quét lại",
    "Device busy": "Máy quét đang bận (có thể một chương trình khác đang dùng)",
    "Error during device I/O": "Mất kết nối với máy quét: kiểm tra cáp và nguồn điện",
    "Out of memory": "Máy tính không đủ bộ nhớ để quét ở độ phân giải này",
    "Access to resource has been denied": "Không có quyền dùng máy quét này",
    "Scanner is warming up": "Máy quét đang khởi động, chờ một lát rồi quét lại",
    "Lamp failed": "Đèn máy quét bị hỏng",
}


def _sane() -> Any:
    try:
        import sane
    except ImportError:
        raise ScanError(
            "Chưa cài thư viện quét SANE (python-sane); nhờ cán bộ CNTT cài đặt"
        ) from None
    with _LOCK:
        if not _state["initialised"]:
            sane.init()
            _state["initialised"] = True
    return sane


def _vi(exc: BaseException) -> str:
    text = str(exc)
    for english, vietnamese in _MESSAGES.items():
        if english.lower() in text.lower():
            return vietnamese
    return f"Máy quét báo lỗi: {text}"


def _is(exc: BaseException, status_text: str) -> bool:
    # "canceled" and "cancelled" both occur across SANE versions
    return status_text.lower().replace("ll", "l") in str(exc).lower().replace("ll", "l")


def list_devices() -> list[DeviceInfo]:
    sane = _sane()
    with _LOCK:
        if _state["open"] == 0:  # re-read the configuration to see newly plugged devices
            sane.exit()
            sane.init()
        found = sane.get_devices()
        keep_sigpipe_ignored()
    return [
        DeviceInfo(name, f"{vendor} {model} ({kind})", "sane", ())
        for name, vendor, model, kind in found
    ]


def _choose(options: list[str], *wanted: str, avoid: tuple[str, ...] = ()) -> str | None:
    for word in wanted:
        for opt in options:
            low = opt.lower()
            if word in low and not any(a in low for a in avoid):
                return opt
    return None


def _nearest(constraint: Any, value: float) -> float:
    if isinstance(constraint, tuple) and len(constraint) == 3:
        lo, hi, quant = (float(c) for c in constraint)
        v = min(max(value, lo), hi)
        return lo + round((v - lo) / quant) * quant if quant else v
    if isinstance(constraint, list) and constraint:
        return float(min(constraint, key=lambda c: abs(float(c) - value)))
    return value


class SaneScanner:
    def __init__(self, device: str) -> None:
        sane = _sane()
        with _LOCK:
            try:
                self._dev = sane.open(device)
            except Exception as exc:
                raise ScanError(f"Không mở được máy quét {device}: {_vi(exc)}") from None
            _state["open"] += 1
        self._closed = False
        self.info = DeviceInfo(device, device, "sane", self._sources())

    def _constraint(self, name: str) -> Any:
        opt = self._dev.opt.get(name)
        return None if opt is None else opt.constraint

    def _sources(self) -> tuple[Source, ...]:
        choices = self._constraint("source")
        if not isinstance(choices, list):
            return (Source.FLATBED,)
        found = []
        if _choose(choices, "flatbed") or not _choose(choices, "adf", "feeder"):
            found.append(Source.FLATBED)
        if _choose(choices, "adf", "feeder", avoid=("duplex",)):
            found.append(Source.ADF)
        if _choose(choices, "duplex"):
            found.append(Source.ADF_DUPLEX)
        return tuple(found)

    def _set(self, name: str, value: Any) -> None:
        try:
            setattr(self._dev, name, value)
        except Exception as exc:
            raise ScanError(f"Máy quét không nhận thiết lập {name}={value}: {_vi(exc)}") from None

    def _configure(self, settings: ScanSettings) -> int:
        if settings.source not in self.info.sources:
            what = (
                "khay nạp giấy hai mặt"
                if settings.source is Source.ADF_DUPLEX
                else ("khay nạp giấy tự động (ADF)" if settings.source.is_feeder else "mặt kính")
            )
            raise ScanError(f"Máy quét {self.info.id} không có {what}")
        sources = self._constraint("source")
        if isinstance(sources, list):
            pick = {
                Source.FLATBED: _choose(sources, "flatbed") or sources[0],
                Source.ADF: _choose(sources, "adf", "feeder", avoid=("duplex",)),
                Source.ADF_DUPLEX: _choose(sources, "duplex"),
            }[settings.source]
            self._set("source", pick)
        modes = self._constraint("mode")
        if isinstance(modes, list):
            want = ("color", "colour") if settings.mode == "color" else ("gray", "grey")
            pick = _choose(modes, *want)
            if pick is None:
                raise ScanError(f"Máy quét không hỗ trợ chế độ màu {settings.mode}")
            self._set("mode", pick)
        depths = self._constraint("depth")
        if isinstance(depths, list) and 8 in depths:
            self._set("depth", 8)
        if "resolution" in self._dev.opt:
            self._set("resolution", _nearest(self._constraint("resolution"), settings.resolution))
        for corner in ("br_x", "br_y"):  # the whole bed; the page is found by deskew/cleanup
            limits = self._constraint(corner)
            if isinstance(limits, tuple) and len(limits) == 3:
                self._set(corner, float(limits[1]))
        try:
            return round(float(self._dev.resolution))
        except Exception:
            return settings.resolution

    def pages(
        self, settings: ScanSettings, progress: ProgressCallback, cancel: CancelToken
    ) -> Iterator[RawPage]:
        with _LOCK:
            dpi = self._configure(settings)
        feeder = settings.source.is_feeder
        limit = settings.max_pages if settings.max_pages else (10_000 if feeder else 1)
        remove_hook = cancel.on_cancel(self._cancel)  # sane_cancel may come from any thread
        try:
            for number in range(1, limit + 1):
                cancel.raise_if_cancelled()
                progress(Progress(number, 0.0, f"Đang quét trang {number}…"))
                image = self._one(number, feeder, progress, cancel)
                if image is None:
                    return
                yield RawPage(image, dpi)
        finally:
            remove_hook()
            if feeder:
                with _LOCK:
                    self._cancel()  # ends the feeder batch (SANE requires it)

    def _cancel(self) -> None:
        try:
            self._dev.cancel()
        finally:
            keep_sigpipe_ignored()

    def _one(
        self, number: int, feeder: bool, progress: ProgressCallback, cancel: CancelToken
    ) -> Any:
        def on_lines(done: int, total: int) -> None:
            if total > 0:
                progress(Progress(number, min(1.0, done / total), f"Đang quét trang {number}…"))

        with _LOCK:
            try:
                self._dev.start()
                return self._dev.snap(no_cancel=feeder, progress=on_lines)
            except Exception as exc:
                if cancel.cancelled or _is(exc, _CANCELLED):
                    raise ScanCancelled() from None
                if feeder and _is(exc, _NO_DOCS):
                    if number == 1:
                        raise ScanError(
                            "Khay nạp giấy trống: đặt giấy vào khay rồi quét lại"
                        ) from None
                    return None  # the feeder ran out: the batch is complete
                raise ScanError(_vi(exc)) from None
            finally:
                keep_sigpipe_ignored()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with _LOCK:
            try:
                self._dev.close()
            finally:
                _state["open"] -= 1
                keep_sigpipe_ignored()
