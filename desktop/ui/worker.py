"""Running blocking work off the GUI thread and delivering results back as Qt signals.

One single-threaded pool serialises database work (like Anki's DB task manager); network and
device work will get a pool of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.domain.refusal import is_refusal
from desktop.failures import UnexpectedFailure, write_bug_log


def _storage(exc: Exception, log_dir: Path | None) -> Exception | None:
    from desktop.failures import storage_failure

    return storage_failure(exc, log_dir.parent if log_dir is not None else None)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals, log_dir: Path | None) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.log_dir = log_dir

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            problem = _storage(exc, self.log_dir)
            if problem is not None:  # a full disk, read-only media, a damaged database
                self.signals.failed.emit(problem)
            elif is_refusal(exc):  # a refusal: the screen shows its message
                self.signals.failed.emit(exc)
            else:  # a bug, a plain ValueError or KeyError too: its message may quote personal
                self.signals.failed.emit(self._bug(exc))  # data, so only the stack is logged
        else:
            self.signals.done.emit(result)

    def _bug(self, exc: Exception) -> UnexpectedFailure:
        logged = None
        if self.log_dir is not None:
            try:
                logged = write_bug_log(self.log_dir, getattr(self.fn, "__name__", "job"), exc)
            except OSError:
                logged = None
        failure = UnexpectedFailure(exc, logged)
        failure.__cause__ = exc
        return failure


class Worker(QObject):
    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._live: set[_Signals] = set()
        self.log_dir: Path | None = None  # DATA/logs once a data dir is open

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
        self.pool.start(_Job(fn, signals, self.log_dir))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
