"""The sync engine: push the outbox, pull the change feed, keep code leases topped up, check the
day's codes against the server — exactly once through outages and crashes (DESIGN.md §5).

It knows nothing of dossiers: the app hands it a :class:`LocalStore` (Anki keeps its sync in
the core the same way). Every step is idempotent, so a cycle cut anywhere — network, SIGKILL,
power — is simply run again: an event is marked sent only on the server's answer for that
event, and pulled changes commit together with the cursor that follows them.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol
from uuid import UUID

import httpx

from .backoff import Backoff
from .client import (
    Refused,
    ServerClient,
    ServerFailed,
    encode_feedback,
    encode_push,
    push_answer,
)
from .connectivity import ConnectivityMonitor, Unreachable
from .limits import CHUNK_BYTES, MAX_BATCH_EVENTS, MAX_FEEDBACK_BATCH
from .protocol import (
    AuditAnchor,
    AuditHead,
    BlobStatus,
    Change,
    DayDigest,
    EventResult,
    LeaseAsk,
    LeaseBlock,
    LeaseRequest,
    ReconcileResponse,
    SeqRange,
)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PendingEvent:
    seq: int
    id: UUID
    wire: bytes  # the event as a push request carries it (WireEvent JSON)


@dataclass(frozen=True)
class PendingFeedback:
    seq: int
    id: UUID
    wire: bytes  # the feedback register's entry as a push carries it (FeedbackEntry JSON)


@dataclass(frozen=True)
class _Prepared:
    events: list[PendingEvent]
    body: bytes  # the push request, encoded


def _settle(marking: Future[None] | None) -> None:
    """Wait for answers being recorded, and raise what recording them raised."""
    if marking is not None:
        marking.result()


@dataclass
class _Isolation:
    """What a push cycle learnt about 500 answers while narrowing them down to one event."""

    strikes: dict[UUID, int] = field(default_factory=dict)  # 500s on each event sent alone
    suspect: PendingEvent | None = None  # failed alone twice; set aside once others go through
    failure: ServerFailed | None = None
    server_works: bool = False  # a push was answered in this cycle


@dataclass
class ApplyReport:
    applied: int = 0
    skipped: int = 0  # already known
    parked: int = 0  # waiting for the counter's own changes to reach the server
    conflicts: int = 0


class LocalStore(Protocol):
    """What the engine needs from the app's database."""

    def max_pending_seq(self) -> int | None: ...

    def pending_events(self, limit: int, up_to: int, after: int = 0) -> list[PendingEvent]: ...

    def pending_count(self) -> int: ...

    def mark_pushed(self, results: list[tuple[int, EventResult]]) -> None: ...

    def pending_feedback(self, limit: int, after: int = 0) -> list[PendingFeedback]: ...

    def mark_feedback(self, results: list[tuple[int, EventResult]]) -> None: ...

    def pending_blobs(self) -> list[tuple[str, int]]: ...

    def read_blob(self, sha: str, offset: int, length: int) -> bytes: ...

    def mark_blob_uploaded(self, sha: str) -> None: ...

    def wanted_blobs(self) -> list[str]: ...

    def save_blob(self, sha: str, data: bytes) -> None: ...

    def blob_unavailable(self, sha: str, reason: str) -> None: ...

    def cursor(self) -> str | None: ...

    def apply_changes(self, items: list[Change], cursor: str) -> ApplyReport: ...

    def lease_needs(self) -> list[LeaseAsk]: ...

    def add_leases(self, blocks: list[LeaseBlock], emergency: SeqRange | None) -> int: ...

    def local_digests(self, first: date, last: date) -> list[DayDigest]: ...

    def requeue_days(self, days: list[date]) -> int: ...

    def today(self) -> date: ...

    def audit_head(self) -> AuditHead | None: ...

    def audit_anchored(self, anchor: AuditAnchor) -> None: ...


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    blobs: int = 0
    downloaded: int = 0  # files of the agency's dossiers fetched (online dossiers' papers)
    pulled: int = 0
    applied: int = 0
    parked: int = 0
    conflicts: int = 0
    leased: int = 0
    mismatched_days: list[str] = field(default_factory=list)
    resent: int = 0
    isolated: int = 0  # events set aside as dead letters because the server failed on them alone
    reconciled: bool = False
    unreconciled_days: list[str] = field(default_factory=list)  # still differing after a resend
    audit_anchor: int = 0  # the audit-log entry the server now holds as this counter's head
    feedback_pushed: int = 0  # feedback register entries the server took (or had)
    feedback_rejected: int = 0  # refused, marked with the refusal and passed over
    feedback_held: int = 0  # the server failed on them alone: sent again next cycle


class SyncEngine:
    def __init__(
        self,
        store: LocalStore,
        client: ServerClient,
        monitor: ConnectivityMonitor | None = None,
        *,
        batch_size: int = 500,
        reconcile_days: int = 14,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.monitor = monitor or ConnectivityMonitor()
        self.batch_size = max(1, min(batch_size, MAX_BATCH_EVENTS))
        self.reconcile_days = reconcile_days
        self.progress = progress or (lambda _phase, _done, _total: None)

    # -- one cycle ------------------------------------------------------------------------------

    def run_once(self) -> SyncReport:
        """One full cycle; raises :class:`Unreachable` (after telling the monitor) if the server
        cannot be used, leaving everything to be retried."""
        report = SyncReport()
        try:
            self._push_all(report)
            self._push_feedback(report)
            self._pull(report)
            self._download_blobs(report)
            self._check_in(report)
        except Unreachable as problem:
            self.monitor.failed(problem)
            raise
        self.monitor.ok()
        return report

    def _push_all(self, report: SyncReport) -> None:
        # Only events already queued when the cycle began: their attachments are uploaded
        # below, before any of them is sent; later ones wait for the next cycle.
        up_to = self.store.max_pending_seq()
        if up_to is None:
            return
        self._upload_blobs(report)
        total = self.store.pending_count()
        done = 0
        size = self.batch_size
        # One helper thread does the counter's side while a batch is on the wire: it reads and
        # encodes the next batch, and reads and records the answer to the previous one, so the
        # next batch leaves as soon as the server has taken one. Recording late is safe: an
        # event whose answer was not yet recorded when the process died (or whose answer turned
        # out malformed) is sent again and the server answers "duplicate".
        poison = _Isolation()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as helper:

            def prepare(after: int) -> Future[_Prepared]:
                return helper.submit(self._prepare, size, up_to, after)

            coming = prepare(0)
            marking: Future[None] | None = None
            while True:
                batch = coming.result()
                if not batch.events:
                    break
                coming = prepare(batch.events[-1].seq)
                try:
                    response = self.client.send_push(batch.body)
                except Refused as exc:
                    coming.cancel()
                    _settle(marking)
                    marking = None
                    if exc.status == 401:
                        raise Unreachable_auth(exc) from None
                    poison.server_works = True  # it read the batch and answered
                    first = batch.events[0]
                    if len(batch.events) > 1:
                        size = max(1, len(batch.events) // 2)  # find the event it refuses
                        coming = prepare(first.seq - 1)
                    else:
                        self.store.mark_pushed([(first.seq, _refused(first.id, exc))])
                        report.rejected += 1
                        coming = prepare(first.seq)
                    continue
                except ServerFailed as exc:
                    coming.cancel()
                    _settle(marking)
                    marking = None
                    size, resume = self._narrow(poison, batch.events, exc, report)
                    coming = prepare(resume)
                    continue
                except BaseException:
                    coming.cancel()
                    _settle(marking)
                    raise
                try:
                    _settle(marking)  # the previous batch's answers are stored before this one's
                except BaseException:
                    coming.cancel()
                    raise
                if poison.suspect is not None:
                    # the server took the events after it, so it is this one it cannot take
                    self._set_aside(poison.suspect, poison.failure, report)
                    poison.suspect = None
                poison.server_works = True
                marking = helper.submit(self._record, batch.events, response, report)
                done += len(batch.events)
                self.progress("push", done, max(total, done))
                if size != self.batch_size:
                    size = self.batch_size
                    coming.cancel()
                    coming = prepare(batch.events[-1].seq)
            _settle(marking)
        if poison.suspect is not None:
            if poison.server_works:  # the server answered the batches after it (with a refusal)
                self._set_aside(poison.suspect, poison.failure, report)
                return
            # nothing after it to tell a poisoned event from a failing server: an outage, for now
            assert poison.failure is not None
            raise poison.failure

    def _narrow(
        self,
        poison: _Isolation,
        events: list[PendingEvent],
        exc: ServerFailed,
        report: SyncReport,
    ) -> tuple[int, int]:
        """The server failed (500) on a batch: halve it until the event it fails on is alone,
        then try that one again. An event failing alone twice is set aside as a dead letter once
        the server is seen to take other events (earlier in this cycle, or the one after it); two
        different events each failing alone mean the server is failing, not an event, and that
        is an outage. Returns the next batch size and the sequence number to resume after."""
        first = events[0]
        if len(events) > 1:
            return max(1, len(events) // 2), first.seq - 1
        strikes = poison.strikes.get(first.id, 0) + 1
        poison.strikes[first.id] = strikes
        if strikes < 2:
            return 1, first.seq - 1  # once more: a single 500 may be a passing failure
        if poison.suspect is not None and poison.suspect.id != first.id:
            raise exc
        if poison.server_works:
            self._set_aside(first, exc, report)
            return 1, first.seq
        poison.suspect, poison.failure = first, exc
        return 1, first.seq  # try the event after it, alone

    def _set_aside(self, event: PendingEvent, exc: ServerFailed | None, report: SyncReport) -> None:
        detail = exc.detail if exc is not None else "HTTP 500"
        result = EventResult(
            id=event.id,
            outcome="rejected",
            code="server_error",
            message=f"máy chủ lỗi khi nhận riêng sự kiện này ({detail})"[:1000],
        )
        self.store.mark_pushed([(event.seq, result)])
        report.rejected += 1
        report.isolated += 1

    def _record(
        self, events: list[PendingEvent], response: httpx.Response, report: SyncReport
    ) -> None:
        """Read the server's answer to a batch and store it, event by event."""
        answer = push_answer([p.id for p in events], response)
        by_id = {r.id: r for r in answer.results}
        marks = [(p.seq, by_id[p.id]) for p in events]
        self.store.mark_pushed(marks)
        for _seq, r in marks:
            if r.outcome == "applied":
                report.pushed += 1
            elif r.outcome == "duplicate":
                report.duplicates += 1
            else:
                report.rejected += 1

    def _prepare(self, limit: int, up_to: int, after: int) -> _Prepared:
        events = self.store.pending_events(limit, up_to, after)
        if not events:
            return _Prepared(events, b"")
        return _Prepared(events, encode_push([p.wire for p in events]))

    def _upload_blobs(self, report: SyncReport) -> None:
        for sha, size in self.store.pending_blobs():
            self._upload_blob(sha, size)
            self.store.mark_blob_uploaded(sha)
            report.blobs += 1
            self.progress("blobs", report.blobs, 0)

    def _upload_blob(self, sha: str, size: int) -> None:
        """Send one file from where the server's copy ends. A mismatch (the server lost its
        place, or the bytes do not hash to their name) restarts from the server's copy at most
        MAX_BLOB_RESYNCS times; then it is an error for this cycle, and the next cycle comes
        after backoff: a file that cannot be sent never keeps the counter in a loop.

        A file of one chunk (most scans) is sent without asking first: the server records a
        chunk whole or not at all, so it holds all of such a file (it answers "complete") or
        none of it, never a part to resume from. Asking would be a round trip on a commune's
        slow link, and over a third of the CPU a scan's upload costs (2.4 of 6.3 ms, client and
        server, measured in-process on the province benchmark's day, bench/bench_province.py)."""
        if size <= CHUNK_BYTES:
            status = BlobStatus(sha256=sha, size=size, received=0, complete=False)
        else:
            status = self.client.blob_status(sha)
        offset = status.received if status.size == size else 0
        resyncs = 0
        while not status.complete:
            chunk = self.store.read_blob(sha, offset, CHUNK_BYTES)
            if not chunk:  # the counter's own copy is shorter than recorded
                raise BlobFailed(sha, "local_blob_damaged", "tệp trên máy quầy bị thiếu dữ liệu")
            try:
                status = self.client.blob_put(sha, size, offset, chunk)
            except Refused as exc:
                if exc.code not in ("offset_mismatch", "hash_mismatch", "size_mismatch"):
                    raise
                resyncs += 1
                if resyncs > MAX_BLOB_RESYNCS:
                    raise BlobFailed(sha, exc.code, exc.message, exc.status) from None
                status = self.client.blob_status(sha)  # resume from the server's copy
                offset = status.received if status.size == size else 0
                continue
            offset = status.received

    def _download_blobs(self, report: SyncReport) -> None:
        """Fetch the files the pulled events name (an online dossier's papers, another
        counter's scans). One the server will not give (404: not the agency's, or not there)
        is recorded and dropped, so it never holds the others back; a network failure leaves
        it for the next cycle."""
        for sha in self.store.wanted_blobs():
            try:
                data = self._download_blob(sha)
            except Refused as exc:
                self.store.blob_unavailable(sha, f"{exc.code}: {exc.message}")
                continue
            if data is None:  # damaged on the way: asked again next cycle
                continue
            self.store.save_blob(sha, data)
            report.downloaded += 1
            self.progress("downloads", report.downloaded, 0)

    def _download_blob(self, sha: str) -> bytes | None:
        """The file's bytes, or None when what came does not hash to its name."""
        parts: list[bytes] = []
        offset, size = 0, None
        while size is None or offset < size:
            chunk, size = self.client.blob_get(sha, offset)
            if not chunk:
                break
            parts.append(chunk)
            offset += len(chunk)
        data = b"".join(parts)
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def _push_feedback(self, report: SyncReport) -> None:
        """Push the feedback register's entries (issue 20), after the events: an entry naming
        a dossier finds it on the server. The server's answer for each entry drives its "sent"
        mark, as for events. One entry never holds the others back: a batch refused whole is
        halved down to the entry it refuses, which is marked with the refusal and passed over;
        one the server fails on alone (500) is left for the next cycle and the rest go on —
        unless the next one fails alone too, which is the server failing, not an entry."""
        after, size = 0, MAX_FEEDBACK_BATCH
        failed_alone: UUID | None = None
        while True:
            batch = self.store.pending_feedback(size, after)
            if not batch:
                return
            first = batch[0]
            try:
                answer = self.client.push_feedback(
                    [p.id for p in batch], encode_feedback([p.wire for p in batch])
                )
            except Refused as exc:
                if exc.status == 401:
                    raise Unreachable_auth(exc) from None
                if exc.status in (404, 405):
                    return  # a server without the register yet: kept until it has one
                if len(batch) > 1:
                    size = max(1, len(batch) // 2)
                    continue
                self.store.mark_feedback([(first.seq, _refused(first.id, exc))])
                report.feedback_rejected += 1
                after, size = first.seq, MAX_FEEDBACK_BATCH
                continue
            except ServerFailed:
                if len(batch) > 1:
                    size = max(1, len(batch) // 2)
                    continue
                if failed_alone is not None:
                    raise
                failed_alone = first.id
                report.feedback_held += 1
                after = first.seq
                continue
            failed_alone = None
            by_id = {r.id: r for r in answer.results}
            marks = [(p.seq, by_id[p.id]) for p in batch]
            self.store.mark_feedback(marks)
            for _seq, r in marks:
                if r.outcome == "rejected":
                    report.feedback_rejected += 1
                else:
                    report.feedback_pushed += 1
            after, size = batch[-1].seq, MAX_FEEDBACK_BATCH
            self.progress("feedback", report.feedback_pushed, 0)

    def _pull(self, report: SyncReport) -> None:
        while True:
            page = self.client.changes(self.store.cursor())
            got = self.store.apply_changes(list(page.items), page.cursor)
            report.pulled += len(page.items)
            report.applied += got.applied
            report.parked += got.parked
            report.conflicts += got.conflicts
            self.progress("pull", report.pulled, 0)
            if not page.more:
                return

    def _check_in(self, report: SyncReport) -> None:
        """Top up code leases, compare recent days' codes with the server and anchor the audit
        log. The three asks do not depend on one another, so they go out together (one round trip
        instead of three on a slow provincial link) and their answers are taken in this order."""
        asks = self.store.lease_needs()
        head = self.store.audit_head()
        # days are not comparable while events are still on their way
        comparable = not self.store.pending_count()
        last = self.store.today()
        first = last - timedelta(days=self.reconcile_days)
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="sync-ask") as asking:
            leases = asking.submit(self.client.leases, LeaseRequest(asks=asks)) if asks else None
            digests = asking.submit(self.client.reconcile, first, last) if comparable else None
            anchor = asking.submit(self.client.audit_anchor, head) if head else None
            if leases is not None:
                answer = leases.result()
                report.leased += self.store.add_leases(list(answer.blocks), answer.emergency)
            if digests is not None:
                self._reconcile(report, first, last, digests.result())
            if anchor is not None:
                try:
                    anchored = anchor.result()
                except Refused:
                    return  # a server without anchors (or refusing this one) does not stop sync
                self.store.audit_anchored(anchored)
                report.audit_anchor = anchored.seq

    def _reconcile(
        self, report: SyncReport, first: date, last: date, theirs: ReconcileResponse
    ) -> None:
        """On a day whose codes or dossiers' content differ from the server's, send that day's
        events again (the server answers duplicate for what it has) and check once more; a day
        that still differs is reported (``reconciled`` False), never silently accepted."""
        bad = self._differing(theirs, first, last)
        if bad:
            report.mismatched_days = [d.isoformat() for d in bad]
            report.resent = self.store.requeue_days(bad)
            self._push_all(report)
            self._pull(report)
            bad = self._differing(self.client.reconcile(first, last), first, last)
        report.reconciled = not bad
        report.unreconciled_days = [d.isoformat() for d in bad]

    def _differing(self, answer: ReconcileResponse, first: date, last: date) -> list[date]:
        theirs = {d.day: d for d in answer.days}
        ours = {d.day: d for d in self.store.local_digests(first, last)}
        return sorted(
            d for d in set(theirs) | set(ours) if not _same_day(theirs.get(d), ours.get(d))
        )

    # -- running in the background ----------------------------------------------------------

    def run_forever(
        self,
        stop: threading.Event,
        *,
        interval: float = 30.0,
        backoff: Backoff | None = None,
        kick: threading.Event | None = None,
        on_cycle: Callable[[SyncReport | None, Exception | None], None] | None = None,
    ) -> None:
        """Cycle until ``stop`` is set: every ``interval`` seconds, at once when ``kick`` is set
        (new local work), and after a failure with exponential backoff and jitter."""
        backoff = backoff or Backoff(base=2.0, cap=300.0)
        kick = kick or threading.Event()
        while not stop.is_set():
            kick.clear()
            try:
                report = self.run_once()
            except (Unreachable, Refused) as exc:
                if on_cycle:
                    on_cycle(None, exc)
                delay = backoff.next_delay()
            else:
                backoff.reset()
                if on_cycle:
                    on_cycle(report, None)
                delay = interval
            wait_any(stop, kick, delay)


MAX_BLOB_RESYNCS = 2


class BlobFailed(Refused):
    """An attachment could not be sent this cycle (issue 17): retried after backoff."""

    def __init__(self, sha: str, code: str, detail: str, status: int = 422) -> None:
        super().__init__(
            status, code, f"Tệp đính kèm {sha[:12]}… chưa gửi được lên máy chủ: {detail}"
        )


def _same_day(theirs: DayDigest | None, ours: DayDigest | None) -> bool:
    """Codes and, when the server sends it, content (an older server sends codes only)."""
    if theirs is None or ours is None:
        return theirs is ours
    return (theirs.count, theirs.digest) == (ours.count, ours.digest) and (
        theirs.content is None or theirs.content == ours.content
    )


def Unreachable_auth(exc: Refused) -> Unreachable:
    from .connectivity import Cause

    return Unreachable(Cause.HTTP, f"máy chủ không nhận quầy này ({exc.code})")


def _refused(event_id: UUID, exc: Refused) -> EventResult:
    return EventResult(id=event_id, outcome="rejected", code=exc.code, message=exc.message)


def wait_any(stop: threading.Event, kick: threading.Event, delay: float) -> None:
    """Until ``delay`` has passed, or ``stop`` or ``kick`` is set (the sync loop's pause,
    also the counter's sync session's)."""
    deadline = time.monotonic() + delay
    while not stop.is_set() and not kick.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        stop.wait(min(left, 0.25))
