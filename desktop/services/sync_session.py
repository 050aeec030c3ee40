"""One sync session for a data dir: the one way the window (desktop/ui/sync_controller.py) and
the command line (``motcua sync``, ``motcua enroll``) start sync. No Qt here: the window wraps
this in its thread and signals, the command line in its printer.

What a session does, in this order, the same for both:

1. the server: the counter must have one (:class:`NotConfigured` otherwise);
2. the lock: one sync worker per database (DESIGN.md §5), a file lock in the data dir that is
   never waited on in a blocking call. :meth:`SyncSession.lock` refuses at once
   (:class:`SyncBusy`): a command or a script wants an answer now, not a process that hangs
   behind the window's worker. :meth:`SyncSession.lock_when_free` keeps trying (every
   :data:`BUSY_RETRY` seconds, stoppable) and says why it waits: the window's sync thread is the
   counter's long-lived worker and must take over when the other process ends, without ever
   blocking the GUI thread (it runs on the sync thread). Both say the same sentence;
3. the client: the device credentials, and TLS with the province's CA bundle. A bundle that
   cannot be read is an outage with cause TLS (:data:`CA_BUNDLE` problem): it is recorded as
   connectivity (so the banner and ``motcua sync --status`` say why) and counts towards an
   incident, as any TLS failure would. One pass does not retry it (the file will not fix itself
   in seconds; exit 4 like any offline pass); the background loop tries again after its backoff,
   so a bundle fixed meanwhile (``motcua server ca-bundle`` or Settings) is picked up;
4. the engine over the counter store, with the connectivity monitor (saved, then told to the
   edge) and the incident recorder (outages become incidents, DESIGN.md §6);
5. after each pass: the report saved, then the recorder told, then one :class:`SyncPass` handed
   to the edge, which reports the incident news first and the pass's outcome after (the command
   line prints them in that order, the window emits them in that order).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Literal, cast

from filelock import FileLock, Timeout

from desktop.domain.refusal import Refusal
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import IncidentView
from desktop.store.sync.enrolment import Enrolment, EnrolmentError, enrol
from desktop.store.sync.local import (
    CounterStore,
    DeviceCredentials,
    SyncStatus,
    read_status,
    save_connectivity,
    save_report,
)
from desktop.store.sync.server_link import CaBundleError, open_client
from sync.backoff import Backoff
from sync.client import Refused, ServerClient
from sync.connectivity import Cause, Connectivity, ConnectivityMonitor, Unreachable
from sync.engine import SyncEngine, SyncReport, wait_any

__all__ = [
    "BUSY_RETRY",
    "CA_BUNDLE",
    "DEAD_LETTERS",
    "LOCK_NAME",
    "REFUSED",
    "UNREACHABLE",
    "UNRECONCILED",
    "CaBundleUnusable",
    "Enrolment",
    "EnrolmentRefused",
    "IncidentNews",
    "NotConfigured",
    "SyncBusy",
    "SyncLock",
    "SyncPass",
    "SyncProblem",
    "SyncReport",
    "SyncSession",
    "SyncStatus",
]

LOCK_NAME = "sync.lock"
BUSY_RETRY = 30.0  # seconds between two tries of a lock another process holds

# what stopped a pass (SyncProblem.code)
UNREACHABLE = "unreachable"  # the network or the server: cause says which layer
REFUSED = "refused"  # the server said no (4xx) to something the engine could not get past
CA_BUNDLE = "ca_bundle"  # the province's CA bundle in the data dir cannot be used
# what a person must look at after a pass that went through (SyncPass.attention)
DEAD_LETTERS = "dead_letters"  # the server refused events; the queue moved on without them
UNRECONCILED = "unreconciled"  # days whose codes still differ from the server's after a resend

IncidentKind = Literal["opened", "closed", "caught_up"]
ProgressFn = Callable[[str, int, int], None]


class NotConfigured(Refusal):
    code = "sync_not_configured"

    def __init__(self) -> None:
        super().__init__(
            "Quầy chưa khai báo máy chủ tỉnh (motcua init --server …); quầy đang tự cấp mã hồ sơ"
        )


class SyncBusy(Refusal):
    """Another process (the window, or ``motcua sync``) syncs this data dir."""

    code = "sync_busy"

    def __init__(self) -> None:
        super().__init__("Một tiến trình đồng bộ khác đang chạy cho quầy này")


class EnrolmentRefused(Refusal):
    """The server or the counter said no to enrolment; the message says why, for IT."""

    code = "enrolment_refused"


@dataclass(frozen=True)
class IncidentNews:
    """The incident recorder opened, closed or caught up an incident during a pass."""

    kind: IncidentKind
    incident: IncidentView


@dataclass(frozen=True)
class SyncProblem:
    """Why a pass did not go through, as codes and the technical detail (no personal data)."""

    code: str  # UNREACHABLE | REFUSED | CA_BUNDLE
    cause: str | None = None  # the connectivity cause (dns, tcp, tls, http, timeout, protocol)
    detail: str = ""
    server_code: str | None = None  # the server's refusal code (REFUSED)

    @classmethod
    def of(cls, exc: Exception) -> SyncProblem:
        if isinstance(exc, Refused):
            return cls(REFUSED, None, exc.message, exc.code)
        if isinstance(exc, CaBundleUnusable):
            return cls(CA_BUNDLE, exc.cause.value, exc.detail)
        if isinstance(exc, Unreachable):
            return cls(UNREACHABLE, exc.cause.value, exc.detail)
        return cls(UNREACHABLE, None, str(exc))


class CaBundleUnusable(Unreachable):
    """A CA bundle that cannot be read, as the outage it causes: nothing reaches the server."""

    def __init__(self, exc: CaBundleError) -> None:
        super().__init__(Cause.TLS, str(exc))


@dataclass(frozen=True)
class SyncPass:
    """What one pass did: the one result the command line prints and the window shows.

    An edge reports :attr:`incidents` first (in the order they happened), then the outcome:
    the report when the pass went through, else :attr:`problem`; then :attr:`attention`."""

    report: SyncReport | None
    problem: SyncProblem | None = None
    error: Exception | None = None  # what stopped the pass (the window's cycle signal)
    incidents: tuple[IncidentNews, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def pushed(self) -> int:
        return self.report.pushed if self.report else 0

    @property
    def pulled(self) -> int:
        return self.report.pulled if self.report else 0

    @property
    def dead_letters(self) -> int:
        """Events the server refused in this pass (set aside, the queue moved on)."""
        return self.report.rejected if self.report else 0

    @property
    def reconciled(self) -> bool:
        return bool(self.report and self.report.reconciled)

    @property
    def unreconciled_days(self) -> list[str]:
        return list(self.report.unreconciled_days) if self.report else []

    @property
    def attention(self) -> tuple[str, ...]:
        """Codes of what a person must look at although the pass went through, in the order
        they are reported."""
        codes = []
        if self.dead_letters:
            codes.append(DEAD_LETTERS)
        if self.unreconciled_days:
            codes.append(UNRECONCILED)
        return tuple(codes)


class SyncLock:
    """The data dir's sync lock, held: proof for the runs that need it. Release it (or leave
    its ``with`` block) when sync ends."""

    def __init__(self, lock: FileLock) -> None:
        self._lock = lock

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> SyncLock:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()


class SyncSession:
    """Sync of one data dir, for one runner (a command, or the window's sync thread).

    ``on_connectivity`` hears every connectivity change as it happens (after it is saved), and
    ``on_progress`` the engine's progress; both on the calling (sync) thread."""

    def __init__(
        self,
        db: Database,
        ctx: CounterContext,
        *,
        on_connectivity: Callable[[Connectivity], None] | None = None,
        on_progress: ProgressFn | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.on_connectivity = on_connectivity
        self.on_progress = on_progress
        self.clock = clock  # the incident recorder's (tests move it on)
        self.monitor = ConnectivityMonitor()
        self.monitor.subscribe(self._connectivity)
        self._recorder: IncidentRecorder | None = None
        self._news: list[IncidentNews] = []

    @classmethod
    def open(cls, data_dir: Path) -> SyncSession:
        """A session for a command: the counter's database and context, nobody signed in (the
        server checks the device's key; enrolment asks the server's own admin account)."""
        from desktop.store.counter import load_context

        db = Database.open(data_dir)
        try:
            return cls(db, load_context(db, data_dir))
        except BaseException:
            db.close()
            raise

    @property
    def data_dir(self) -> Path:
        return self.ctx.data_dir

    @property
    def configured(self) -> bool:
        return self.ctx.server_url is not None

    @property
    def server_url(self) -> str:
        if not self.ctx.server_url:
            raise NotConfigured()
        return self.ctx.server_url

    def enrol(self, server_user: str, password: str) -> Enrolment:
        """Bind the counter to its server with a server account that has the admin role: the
        server checks that role, and the enrolment is written to the audit log in that
        account's name (desktop/store/sync/enrolment.py). The window asks the signed-in
        officer's own role first (``Desk.enrol``: "counter.enrol"); ``motcua enroll`` is run by
        the province's IT officer right after ``motcua init``, with the account on the server."""
        self.server_url  # noqa: B018  # a counter without a server is told so first
        try:
            return enrol(self.db, self.ctx, server_user, password)
        except (EnrolmentError, CaBundleError) as exc:
            raise EnrolmentRefused(str(exc)) from None

    def status(self) -> SyncStatus:
        """What the status bar and ``motcua sync --status`` show."""
        return read_status(self.db, self.ctx)

    # -- the lock -------------------------------------------------------------------------------

    def lock(self) -> SyncLock:
        """The sync lock, or :class:`SyncBusy` at once."""
        lock = FileLock(str(self.data_dir / LOCK_NAME), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise SyncBusy() from None
        return SyncLock(lock)

    def lock_when_free(
        self,
        stop: threading.Event,
        on_busy: Callable[[SyncBusy], None],
        *,
        retry: float = BUSY_RETRY,
    ) -> SyncLock | None:
        """The sync lock once no other process holds it (``on_busy`` hears each refusal), or
        None when ``stop`` is set first."""
        while not stop.is_set():
            try:
                return self.lock()
            except SyncBusy as busy:
                on_busy(busy)
                stop.wait(retry)
        return None

    # -- running --------------------------------------------------------------------------------

    def run_once(
        self,
        lock: SyncLock,
        *,
        retries: int = 5,
        backoff: float = 2.0,
        backoff_cap: float = 60.0,
    ) -> SyncPass:
        """One pass, tried again (``retries`` times, after ``backoff``) while the server cannot
        be reached or refuses; the last attempt's outcome, with every incident news of all."""
        del lock  # held by the caller for as long as this runs
        url = self.server_url
        delays = Backoff(base=backoff, cap=max(backoff, backoff_cap))
        pause = threading.Event().wait
        self._start_recorder()
        try:
            client = self._client(url)
        except CaBundleUnusable as problem:
            return self._failed_to_open(problem)
        with client:
            engine = self._engine(client)
            attempts = max(1, retries + 1)
            last: Exception | None = None
            for attempt in range(attempts):
                try:
                    report = engine.run_once()
                except (Unreachable, Refused) as exc:
                    last = exc
                    self._recorder_cycle(None, exc)
                    if attempt + 1 < attempts:
                        pause(delays.next_delay())
                    continue
                return self._passed(report, None)
        assert last is not None
        return self._result(None, last)

    def run_forever(
        self,
        lock: SyncLock,
        stop: threading.Event,
        on_pass: Callable[[SyncPass], object],
        *,
        interval: float = 30.0,
        backoff: float = 2.0,
        backoff_cap: float = 300.0,
        kick: threading.Event | None = None,
    ) -> None:
        """Pass after pass until ``stop`` is set: every ``interval`` seconds, at once when
        ``kick`` is set, after a failure with exponential backoff and jitter."""
        del lock
        url = self.server_url
        delays = Backoff(base=backoff, cap=max(backoff, backoff_cap))
        kick = kick or threading.Event()
        self._start_recorder()
        while not stop.is_set():
            try:
                client = self._client(url)
            except CaBundleUnusable as problem:
                on_pass(self._failed_to_open(problem))
                wait_any(stop, kick, delays.next_delay())
                kick.clear()
                continue

            def on_cycle(report: SyncReport | None, exc: Exception | None) -> None:
                on_pass(self._passed(report, exc))

            with client:
                self._engine(client).run_forever(
                    stop, interval=interval, backoff=delays, kick=kick, on_cycle=on_cycle
                )
            return

    # -- the steps ------------------------------------------------------------------------------

    def _client(self, url: str) -> ServerClient:
        try:
            return open_client(self.data_dir, url, DeviceCredentials(self.db, self.ctx))
        except CaBundleError as exc:
            raise CaBundleUnusable(exc) from None

    def _engine(self, client: ServerClient) -> SyncEngine:
        return SyncEngine(
            CounterStore(self.db, self.ctx), client, self.monitor, progress=self.on_progress
        )

    def _start_recorder(self) -> None:
        # outages longer than the grace become incident records (DESIGN.md §6)
        if self._recorder is None:
            self._recorder = IncidentRecorder(
                self.db, self.ctx, clock=self.clock, on_event=self._incident
            )
            self.monitor.subscribe(self._recorder.observe)

    def _failed_to_open(self, problem: CaBundleUnusable) -> SyncPass:
        self.monitor.failed(problem)  # saved and told as any TLS failure; the recorder hears it
        return self._passed(None, problem)

    def _passed(self, report: SyncReport | None, exc: Exception | None) -> SyncPass:
        if report is not None:
            save_report(self.db, report)
        self._recorder_cycle(report, exc)
        return self._result(report, exc)

    def _recorder_cycle(self, report: SyncReport | None, exc: Exception | None) -> None:
        if self._recorder is not None:
            self._recorder.cycle(report, exc)

    def _result(self, report: SyncReport | None, exc: Exception | None) -> SyncPass:
        news, self._news = tuple(self._news), []
        problem = SyncProblem.of(exc) if report is None and exc is not None else None
        return SyncPass(report, problem, exc if report is None else None, news)

    def _connectivity(self, _old: Connectivity, new: Connectivity) -> None:
        try:
            save_connectivity(self.db, new)
        finally:
            if self.on_connectivity is not None:
                self.on_connectivity(new)

    def _incident(self, kind: str, incident: IncidentView) -> None:
        self._news.append(IncidentNews(cast("IncidentKind", kind), incident))
