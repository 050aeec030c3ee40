"""The scanner interface every backend implements (SANE, WIA, TWAIN, file import), and the
types the reception screen works with. Qt-free: the GUI runs :func:`run_scan` (or a
:class:`ScanJob`) on a worker and turns the callbacks into signals.

Threading contract: a :class:`Scanner` is used by one thread at a time (the worker that opened
it); ``progress`` and ``on_page`` are called on that worker thread; :meth:`CancelToken.cancel`
may be called from any thread and takes effect within one page (mid-page for SANE).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from PIL import Image

from desktop.domain.refusal import Refusal

from .pageproc import ColorMode


class Source(StrEnum):
    FLATBED = "flatbed"
    ADF = "adf"  # automatic document feeder: scan until it is empty
    ADF_DUPLEX = "adf-duplex"  # both sides of every sheet

    @property
    def is_feeder(self) -> bool:
        return self is not Source.FLATBED


MIN_DPI, MAX_DPI = 75, 1200


class ScanError(Refusal):
    """A scan that failed; the message is one Vietnamese sentence for the officer."""

    code = "scan_failed"


class ScanCancelled(ScanError):
    code = "scan_cancelled"

    def __init__(self) -> None:
        super().__init__("Đã hủy quét theo yêu cầu")


@dataclass(frozen=True)
class ScanSettings:
    source: Source = Source.FLATBED
    resolution: int = 300
    mode: ColorMode = ColorMode.GRAY
    max_pages: int | None = None  # feeder: stop after this many; flatbed: pages to take (1)
    drop_blank: bool | None = None  # None: drop blank pages when scanning from a feeder
    deskew: bool = True

    def __post_init__(self) -> None:
        if not MIN_DPI <= self.resolution <= MAX_DPI:
            raise ScanError(f"Độ phân giải phải từ {MIN_DPI} đến {MAX_DPI} dpi")
        if self.max_pages is not None and not 1 <= self.max_pages <= 500:
            raise ScanError("Số trang phải từ 1 đến 500")

    @property
    def drops_blank(self) -> bool:
        return self.source.is_feeder if self.drop_blank is None else self.drop_blank


@dataclass(frozen=True)
class DeviceInfo:
    id: str  # what open_device() takes: "test:0", "wia:<DeviceID>", "twain:<name>", "file:PATH"
    name: str  # for people: vendor and model
    kind: str  # "sane" | "wia" | "twain" | "file"
    sources: tuple[Source, ...] = (Source.FLATBED,)


@dataclass(frozen=True)
class Progress:
    page: int  # 1-based number of the sheet being acquired
    fraction: float  # of that sheet, 0.0–1.0; -1.0 when the device does not tell
    message: str  # a short Vietnamese status line for the screen


ProgressCallback = Callable[[Progress], None]


def no_progress(_p: Progress) -> None:
    return None


class CancelToken:
    """Set from any thread (the Cancel button); the worker checks it between and within pages."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._hooks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            hooks = list(self._hooks)
        for hook in hooks:  # e.g. sane_cancel(), which SANE allows from another thread
            hook()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise ScanCancelled()

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Run ``hook`` when cancelled (at once if already); returns a remover."""
        with self._lock:
            self._hooks.append(hook)
            already = self._event.is_set()
        if already:
            hook()

        def remove() -> None:
            with self._lock:
                if hook in self._hooks:
                    self._hooks.remove(hook)

        return remove


@dataclass(frozen=True)
class RawPage:
    """One side of one sheet as the device delivered it."""

    image: Image.Image
    dpi: int


class Scanner(Protocol):
    """A device (or a file) that produces pages.

    ``pages`` yields sheets until the feeder is empty (feeder), after ``settings.max_pages``
    pages, or after one page (flatbed without max_pages). It raises :class:`ScanError` with a
    Vietnamese message for device problems (jam, cover open, busy, feeder empty at the start)
    and :class:`ScanCancelled` once ``cancel`` is set.
    """

    info: DeviceInfo

    def pages(
        self, settings: ScanSettings, progress: ProgressCallback, cancel: CancelToken
    ) -> Iterator[RawPage]: ...

    def close(self) -> None: ...
