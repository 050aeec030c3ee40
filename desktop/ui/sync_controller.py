"""Sync in the background, by itself: the engine runs on its own thread, holds the data dir's
sync lock, and tells the window what happens through signals (queued to the GUI thread).
Progress is throttled so a long catch-up never floods the event loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from filelock import FileLock, Timeout
from PySide6.QtCore import QObject, Signal

from desktop.services.desk import Desk
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import IncidentView
from desktop.store.sync.local import CounterStore, DeviceCredentials, save_connectivity, save_report
from desktop.store.sync.server_link import CaBundleError, open_client
from sync.backoff import Backoff
from sync.connectivity import Cause, Connectivity, ConnectivityMonitor, Unreachable
from sync.engine import SyncEngine, SyncReport

LOCK_NAME = "sync.lock"
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
        self.recorder: IncidentRecorder | None = None

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
        lock = FileLock(str(Path(self.desk.data_dir) / LOCK_NAME), timeout=0)
        while not self._stop.is_set():
            try:
                lock.acquire()
                break
            except Timeout:
                self.busy.emit("Một tiến trình khác đang đồng bộ dữ liệu của quầy này")
                self._stop.wait(30)
        if self._stop.is_set():
            return
        self.running = True
        try:
            self._loop()
        finally:
            self.running = False
            lock.release()

    def _loop(self) -> None:
        desk = self.desk
        monitor = ConnectivityMonitor()
        monitor.subscribe(self._on_connectivity)
        # outages longer than the grace become incident records (DESIGN.md §6)
        self.recorder = IncidentRecorder(desk.db, desk.ctx, on_event=self._on_incident)
        monitor.subscribe(self.recorder.observe)
        url = desk.ctx.server_url
        assert url is not None
        try:
            client = open_client(desk.data_dir, url, DeviceCredentials(desk.db, desk.ctx))
        except CaBundleError as exc:
            # nothing can reach the server until the IT officer fixes the bundle in Settings,
            # which restarts sync
            problem = Unreachable(Cause.TLS, str(exc))
            monitor.failed(problem)
            self._on_cycle(None, problem)
            self._stop.wait()
            return
        with client:
            engine = SyncEngine(
                CounterStore(desk.db, desk.ctx), client, monitor, progress=self._on_progress
            )
            engine.run_forever(
                self._stop,
                interval=self.interval,
                backoff=Backoff(base=2.0, cap=120.0),
                kick=self._kick,
                on_cycle=self._on_cycle,
            )

    def _on_connectivity(self, _old: Connectivity, new: Connectivity) -> None:
        try:
            save_connectivity(self.desk.db, new)
        finally:
            self.connectivity.emit(new)

    def _on_progress(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_EVERY:
            self._last_progress = now
            self.progress.emit(phase, done, total)

    def _on_cycle(self, report: SyncReport | None, problem: Exception | None) -> None:
        if report is not None:
            save_report(self.desk.db, report)
        if self.recorder is not None:
            self.recorder.cycle(report, problem)
        self.cycle.emit(report, problem)

    def _on_incident(self, kind: str, incident: IncidentView) -> None:
        self.incident.emit(kind, incident)
