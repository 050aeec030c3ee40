"""Sync in the background, by itself: a :class:`~desktop.services.sync_session.SyncSession`
runs on its own thread, holds the data dir's sync lock, and tells the window what happens
through signals (queued to the GUI thread). Progress is throttled so a long catch-up never
floods the event loop. Everything sync does is the session's, shared with ``motcua sync``;
this class only adds the thread, the signals and the throttle."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from desktop.domain.refusal import is_refusal
from desktop.services.desk import Desk
from desktop.services.sync_session import SyncBusy, SyncPass, SyncSession

from .refusals import describe

PROGRESS_EVERY = 0.1  # seconds between progress signals


class SyncController(QObject):
    connectivity = Signal(object)  # Connectivity
    progress = Signal(str, int, int)  # phase, done, total
    cycle = Signal(object, object)  # SyncReport | None, Exception | None
    busy = Signal(str)  # why this window does not sync (another process holds the lock)
    incident = Signal(str, object)  # "opened" | "closed" | "caught_up", IncidentView

    def __init__(
        self, desk: Desk, *, interval: float = 20.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.interval = interval
        self._stop = threading.Event()
        self._kick = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_progress = 0.0
        self.running = False

    @property
    def configured(self) -> bool:
        return self.desk.ctx.server_url is not None

    def start(self) -> None:
        if not self.configured or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="motcua-sync", daemon=True)
        self._thread.start()

    def kick(self) -> None:
        """Something new is in the outbox: sync soon rather than at the next interval."""
        self._kick.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._kick.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- the sync thread ----------------------------------------------------------------------

    def _run(self) -> None:
        desk = self.desk
        session = SyncSession(
            desk.db,
            desk.ctx,
            on_connectivity=self.connectivity.emit,
            on_progress=self._on_progress,
        )
        # the window's worker waits for another process's sync to end (never on the GUI thread)
        lock = session.lock_when_free(self._stop, self._on_busy)
        if lock is None:
            return
        self.running = True
        try:
            with lock:
                session.run_forever(
                    lock,
                    self._stop,
                    self._on_pass,
                    interval=self.interval,
                    backoff=2.0,
                    backoff_cap=120.0,
                    kick=self._kick,
                )
        except Exception as exc:
            # a refusal that no retry mends (no device key in the keyring, a revoked counter)
            # ends the loop; say why where the window shows sync's state, instead of a silent
            # thread. A bug still propagates to the thread's exception hook.
            if not is_refusal(exc):
                raise
            self.busy.emit(describe(exc))
        finally:
            self.running = False

    def _on_busy(self, busy: SyncBusy) -> None:
        self.busy.emit(str(busy))

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_EVERY:
            self._last_progress = now
            self.progress.emit(phase, done, total)

    def _on_pass(self, result: SyncPass) -> None:
        # the order every edge reports a pass in: its incident news, then its outcome
        for news in result.incidents:
            self.incident.emit(news.kind, news.incident)
        self.cycle.emit(result.report, result.error)
