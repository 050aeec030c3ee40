"""Running blocking work off the GUI thread and delivering results back as Qt signals.

One single-threaded pool serialises database work (like Anki's DB task manager); network and
device work will get a pool of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI, which shows a message
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Worker(QObject):
    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._live: set[_Signals] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        signals = _Signals()
        self._live.add(signals)  # keep the QObject alive until its job reports back

        def finished(_: object) -> None:
            self._live.discard(signals)

        signals.done.connect(on_done)
        signals.failed.connect(on_failed)
        signals.done.connect(finished)
        signals.failed.connect(finished)
        self.pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
