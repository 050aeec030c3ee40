"""Turning what sync sees into incident records (DESIGN.md §6; seed 000 Điều 13).

The sync runners (``motcua sync`` and the window's sync thread) hand every connectivity change
and every cycle's outcome to an :class:`IncidentRecorder`::

    recorder = IncidentRecorder(db, ctx)
    monitor.subscribe(recorder.observe)          # DNS/TCP/TLS/HTTP/timeout/protocol failures
    engine.run_forever(stop, on_cycle=recorder.cycle)   # or call it after each run_once()

A failure starts a *watch* dated when the trouble began; once the trouble has lasted the
profile's grace period it becomes an *open* incident (with that same start); the first cycle
that succeeds closes it, and a watch that ends sooner is forgotten — a blip is not an incident.
Every step is written to the database at once, so a sync process killed (even SIGKILL) and
started again carries on the same watch or incident instead of opening a second one. After the
close, the catch-up report grows with each successful cycle until the queue is empty.

The recorder never stops sync: a database error is logged (no personal data) and skipped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desktop.domain.incidents import ErrorSample, add_sample, should_open, watch_is_stale
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.incidents import catchup
from desktop.store.incidents.records import (
    CLOSED,
    OPEN,
    WATCH,
    IncidentView,
    effective_grace,
    last_event_seq,
    view_of,
)
from desktop.store.models import Incident
from desktop.store.sync import outbound as sync_outbound
from sync.client import Refused
from sync.connectivity import Connectivity, Unreachable
from sync.engine import SyncReport

log = logging.getLogger(__name__)


class IncidentRecorder:
    """Thread-safe; cheap when nothing is wrong (one indexed read per successful cycle)."""

    def __init__(
        self,
        db: Database,
        ctx: CounterContext,
        *,
        grace: timedelta | None = None,
        clock: Callable[[], datetime] = local_now,
        on_event: Callable[[str, IncidentView], None] | None = None,
    ) -> None:
        """``on_event(kind, incident)`` is told ``opened``, ``closed`` and ``caught_up`` after
        the change is committed, on the calling (sync) thread."""
        self.db = db
        self.ctx = ctx
        self.grace = grace if grace is not None else effective_grace(db, ctx)
        self.clock = clock
        self.on_event = on_event
        self._lock = threading.Lock()
        self._failure_seen = False  # observe() already recorded this cycle's failure
        self._events: list[tuple[str, int]] = []

    # -- what the runners call ------------------------------------------------------------------

    def observe(self, old: Connectivity, new: Connectivity) -> None:
        """A :class:`~sync.connectivity.ConnectivityMonitor` listener."""
        if new.online is False and new.cause is not None:
            cause, detail = new.cause.value, new.detail
            self._guarded(lambda s, now: self._failure(s, now, cause, detail, None))
            self._failure_seen = True

    def cycle(self, report: SyncReport | None, problem: BaseException | None = None) -> None:
        """After every engine cycle: its report when it succeeded, else what stopped it."""
        seen, self._failure_seen = self._failure_seen, False
        if report is not None:
            if self._anything_to_do():
                self._guarded(lambda s, now: self._success(s, now, report))
        elif isinstance(problem, Refused):
            # a 4xx the engine could not get past: sync is stuck as surely as when offline
            detail = f"máy chủ từ chối yêu cầu: HTTP {problem.status} ({problem.code})"
            status = problem.status
            self._guarded(lambda s, now: self._failure(s, now, "http", detail, status))
        elif isinstance(problem, Unreachable) and not seen:
            cause, detail = problem.cause.value, problem.detail
            self._guarded(lambda s, now: self._failure(s, now, cause, detail, None))

    def tick(self) -> IncidentView | None:
        """Open the incident as soon as the grace period has passed, without waiting for the
        next failure (a window's timer may call this); returns the open incident."""
        self._guarded(self._check_grace)
        return self.current()

    def current(self) -> IncidentView | None:
        with self.db.read() as s:
            row = s.scalar(select(Incident).where(Incident.state == OPEN))
            return view_of(row, self.clock()) if row is not None else None

    # -- the steps ------------------------------------------------------------------------------

    def _anything_to_do(self) -> bool:
        """A read first: on a normal day a successful cycle takes no write lock here."""
        with self.db.read() as s:
            return self._active(s) is not None or self._pending_catchup(s) is not None

    def _guarded(self, step: Callable[[Session, datetime], None]) -> None:
        with self._lock:
            self._events = []
            try:
                with self.db.write() as s:
                    step(s, self.clock())
            except SQLAlchemyError as exc:  # e.g. the database is locked for too long
                log.warning("incident record not updated: %s", type(exc).__name__)
                return
            events, self._events = self._events, []
        if self.on_event is None:
            return
        for kind, incident_id in events:
            with self.db.read() as s:
                row = s.get(Incident, incident_id)
                view = view_of(row, self.clock()) if row is not None else None
            if view is not None:
                self.on_event(kind, view)

    def _active(self, s: Session) -> Incident | None:
        return s.scalar(
            select(Incident).where(Incident.state.in_((WATCH, OPEN))).order_by(Incident.id)
        )

    def _failure(
        self, s: Session, now: datetime, cause: str, detail: str, status: int | None
    ) -> None:
        sample = ErrorSample.of(now, cause, detail, status)
        row = self._active(s)
        if row is not None and row.state == WATCH and watch_is_stale(row.last_failure_at, now):
            s.delete(row)  # the sync process was away too long to call this the same trouble
            s.flush()
            row = None
        if row is None:
            row = Incident(
                state=WATCH,
                started_at=now,
                last_failure_at=now,
                cause=sample.cause,
                detail=sample.detail,
                http_status=sample.http_status,
                failures=0,
                samples=[],
                seq_mark=last_event_seq(s),
                report_to=self.ctx.profile.incident.report_to,
                answer_within_hours=self.ctx.profile.incident.answer_within_hours,
                form={},
            )
            s.add(row)
            s.flush()
        samples = tuple(ErrorSample.from_json(x) for x in row.samples)
        row.samples = [x.as_json() for x in add_sample(samples, sample)]
        row.failures += 1
        row.last_failure_at = now
        self._open_if_due(s, row, now)

    def _open_if_due(self, s: Session, row: Incident, now: datetime) -> None:
        if row.state == WATCH and should_open(row.started_at, now, self.grace):
            self._finish_catchup(s, now)  # a new incident ends the previous one's report
            row.state = OPEN
            row.opened_at = now
            self._events.append(("opened", row.id))
            log.info("incident %s opened (%s)", row.id, row.cause)

    def _check_grace(self, s: Session, now: datetime) -> None:
        row = self._active(s)
        if row is not None and not watch_is_stale(row.last_failure_at, now):
            self._open_if_due(s, row, now)

    def _success(self, s: Session, now: datetime, report: SyncReport) -> None:
        row = self._active(s)
        if row is not None and row.state == WATCH:
            s.delete(row)  # shorter than the grace period: a blip, not an incident
        elif row is not None:
            row.state = CLOSED
            row.ended_at = now
            row.catchup = catchup.start(None)
            self._events.append(("closed", row.id))
            log.info("incident %s closed", row.id)
        s.flush()
        self._grow_catchup(s, now, report)

    def _pending_catchup(self, s: Session) -> Incident | None:
        return s.scalar(
            select(Incident).where(Incident.state == CLOSED, Incident.catchup_done_at.is_(None))
        )

    def _grow_catchup(self, s: Session, now: datetime, report: SyncReport) -> None:
        row = self._pending_catchup(s)
        if row is None:
            return
        data = catchup.add_cycle(row.catchup or catchup.start(None), report)
        row.catchup = catchup.refresh(s, self.ctx, row, data, now)
        if catchup.finished(data, sync_outbound.pending_count(s)):
            row.catchup_done_at = now
            self._events.append(("caught_up", row.id))

    def _finish_catchup(self, s: Session, now: datetime) -> None:
        row = self._pending_catchup(s)
        if row is not None:
            row.catchup = catchup.refresh(s, self.ctx, row, row.catchup or {}, now)
            row.catchup_done_at = now
