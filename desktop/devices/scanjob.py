"""Running a scan: device → raw pages → cleaned, encoded pages, with progress and cancel.

:func:`run_scan` blocks; call it on a worker thread (the GUI's device pool), or use
:class:`ScanJob`, which owns a thread. The device is opened *inside* the worker because WIA's
COM objects and TWAIN's message loop belong to the thread that created them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .pages import Page, process_page
from .registry import open_device
from .scanning import (
    CancelToken,
    Progress,
    ProgressCallback,
    RawPage,
    ScanCancelled,
    ScanError,
    Scanner,
    ScanSettings,
    Source,
    no_progress,
)

DeviceRef = str | Callable[[], Scanner]


@dataclass
class ScanOutcome:
    pages: list[Page] = field(default_factory=list)
    blank_dropped: int = 0
    cancelled: bool = False
    error: str | None = None  # Vietnamese; pages scanned before the problem are kept

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled and bool(self.pages)


def run_scan(
    device: DeviceRef,
    settings: ScanSettings,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    on_page: Callable[[Page], None] | None = None,
    confirm_next: Callable[[int], bool] | None = None,
) -> ScanOutcome:
    """Scan (or import) pages. Never raises for device or input problems: they come back
    in ``ScanOutcome.error`` together with the pages scanned before them.

    ``on_page`` receives each kept page as soon as it is ready (for thumbnails while the feeder
    is still running). ``confirm_next(n)`` is asked before flatbed page n ≥ 2 ("put the next
    page on the glass"); returning False ends the document.
    """
    cancel = cancel or CancelToken()
    outcome = ScanOutcome()
    try:
        scanner = device() if callable(device) else open_device(device)
    except ScanError as exc:
        outcome.error = str(exc)
        return outcome
    try:
        for batch in _batches(settings, confirm_next, cancel):
            raws = scanner.pages(batch, progress, cancel)
            try:
                for raw in raws:
                    cancel.raise_if_cancelled()
                    _keep(outcome, raw, settings, progress, on_page)
            finally:
                # end the device's batch now, before the device is closed below
                close = getattr(raws, "close", None)
                if close is not None:
                    close()
    except ScanCancelled:
        outcome.cancelled = True
    except ScanError as exc:
        outcome.error = str(exc)
    finally:
        scanner.close()
    if outcome.error is None and not outcome.cancelled and not outcome.pages:
        outcome.error = (
            f"Các trang vừa quét đều trắng ({outcome.blank_dropped} trang đã bỏ): "
            "kiểm tra mặt giấy đặt vào khay"
            if outcome.blank_dropped
            else "Máy quét không trả về trang nào"
        )
    return outcome


def _keep(
    outcome: ScanOutcome,
    raw: RawPage,
    settings: ScanSettings,
    progress: ProgressCallback,
    on_page: Callable[[Page], None] | None,
) -> None:
    number = len(outcome.pages) + outcome.blank_dropped + 1
    progress(Progress(number, 1.0, f"Đang xử lý trang {number}…"))
    page = process_page(raw, settings)
    if page is None:
        outcome.blank_dropped += 1
        return
    outcome.pages.append(page)
    if on_page is not None:
        on_page(page)


def _batches(
    settings: ScanSettings, confirm_next: Callable[[int], bool] | None, cancel: CancelToken
) -> Iterator[ScanSettings]:
    """The scanner calls to make: one for a feeder; one per sheet on the flatbed when the
    officer is asked before each further sheet."""
    if settings.source is not Source.FLATBED or confirm_next is None:
        yield settings
        return
    for n in range(1, (settings.max_pages or 1) + 1):
        if cancel.cancelled or (n > 1 and not confirm_next(n)):
            return
        yield replace(settings, max_pages=1)


class ScanJob:
    """A scan on its own thread: start(), cancel() from the GUI, wait() or on_done."""

    def __init__(
        self,
        device: DeviceRef,
        settings: ScanSettings,
        progress: ProgressCallback = no_progress,
        on_page: Callable[[Page], None] | None = None,
        on_done: Callable[[ScanOutcome], None] | None = None,
    ) -> None:
        self.token = CancelToken()
        self.outcome: ScanOutcome | None = None
        self._done = threading.Event()

        def work() -> None:
            try:
                self.outcome = run_scan(device, settings, progress, self.token, on_page)
            except Exception:  # a bug: report it as a failed scan rather than a dead thread
                self.outcome = ScanOutcome(error="Lỗi không mong đợi khi quét; hãy thử lại")
                raise
            finally:
                self._done.set()
                if on_done is not None and self.outcome is not None:
                    on_done(self.outcome)

        self._thread = threading.Thread(target=work, name="scan", daemon=True)

    def start(self) -> ScanJob:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> ScanOutcome | None:
        self._done.wait(timeout)
        return self.outcome
