"""A persistent print queue: a printer that is off, jammed or unplugged never loses a slip.

Each job is the encoded ESC/POS bytes plus a small JSON record, written to ``pending/`` with
write-to-temp, fsync, rename — the record last, so a crash leaves no half job. Delivery moves
the record to ``done/`` (the bytes stay, for reprints). Jobs for one printer go out in order:
the first failure stops that printer's run, and the next attempt starts from the same job.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .connections import PrinterUnavailable, send

Sender = Callable[[str, bytes], None]
KEEP_DONE = 500  # newest delivered jobs kept for reprint


@dataclass(frozen=True)
class Job:
    id: str
    printer_uri: str
    label: str  # "Giấy tiếp nhận 000.00.12.H01271023001"
    created: float
    attempts: int = 0
    last_error: str | None = None
    delivered: float | None = None

    @property
    def state(self) -> str:
        if self.delivered is not None:
            return "đã in"
        return "chờ in" if self.attempts == 0 else "lỗi, chờ in lại"


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Spool:
    def __init__(self, root: Path, sender: Sender = send) -> None:
        self.root = root
        self.sender = sender
        for sub in ("pending", "done", "data"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    # -- storing ---------------------------------------------------------------------------

    def submit(self, printer_uri: str, data: bytes, label: str) -> Job:
        job = Job(
            id=f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}",
            printer_uri=printer_uri,
            label=label,
            created=time.time(),
        )
        _atomic_write(self.root / "data" / f"{job.id}.bin", data)
        self._save(job, "pending")
        return job

    def _save(self, job: Job, where: str) -> None:
        _atomic_write(
            self.root / where / f"{job.id}.json",
            json.dumps(asdict(job), ensure_ascii=False).encode("utf-8"),
        )

    def _load(self, path: Path) -> Job | None:
        try:
            return Job(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None  # a damaged record is skipped, not fatal; its bytes stay on disk

    def pending(self) -> list[Job]:
        jobs = [self._load(p) for p in sorted((self.root / "pending").glob("*.json"))]
        return [j for j in jobs if j is not None]

    def done(self) -> list[Job]:
        jobs = [self._load(p) for p in sorted((self.root / "done").glob("*.json"))]
        return [j for j in jobs if j is not None]

    def data(self, job: Job) -> bytes:
        return (self.root / "data" / f"{job.id}.bin").read_bytes()

    # -- delivering ------------------------------------------------------------------------

    def deliver(self, job: Job) -> Job:
        try:
            self.sender(job.printer_uri, self.data(job))
        except PrinterUnavailable as exc:
            failed = replace(job, attempts=job.attempts + 1, last_error=str(exc))
            self._save(failed, "pending")
            raise PrinterUnavailable(str(exc)) from None
        delivered = replace(job, attempts=job.attempts + 1, last_error=None, delivered=time.time())
        self._save(delivered, "done")
        (self.root / "pending" / f"{job.id}.json").unlink(missing_ok=True)
        self._prune()
        return delivered

    def drain(self) -> tuple[list[Job], dict[str, str]]:
        """Try every pending job in order; returns (printed, {printer: error}) ."""
        printed: list[Job] = []
        blocked: dict[str, str] = {}
        for job in self.pending():
            if job.printer_uri in blocked:
                continue
            try:
                printed.append(self.deliver(job))
            except PrinterUnavailable as exc:
                blocked[job.printer_uri] = str(exc)
        return printed, blocked

    def reprint(self, job_id: str) -> Job:
        source = next((j for j in self.done() + self.pending() if j.id == job_id), None)
        if source is None:
            raise KeyError(f"Không có lệnh in {job_id}")
        return self.submit(source.printer_uri, self.data(source), source.label + " (in lại)")

    def _prune(self) -> None:
        records = sorted((self.root / "done").glob("*.json"))
        pending_ids = {p.stem for p in (self.root / "pending").glob("*.json")}
        for old in records[:-KEEP_DONE]:
            old.unlink(missing_ok=True)
            if old.stem not in pending_ids:
                (self.root / "data" / f"{old.stem}.bin").unlink(missing_ok=True)
