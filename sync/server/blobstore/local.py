"""Attachments in a local folder: the default for a server on one machine.

Files and directories are created readable by the server's account only (0600/0700): scans
of citizens' papers are personal data. A counter's upload in progress is one file under
``partial/<counter>/<sha>``, written at the recorded offset; a finished one is renamed into
``<sha[:2]>/<sha>``. Several instances may share the folder only on one host (or a shared
file system): for several hosts use an object store (s3.py)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import BlobStore

DIR_MODE = 0o700
FILE_MODE = 0o600
_BINARY = getattr(os, "O_BINARY", 0)


class BlobFiles(BlobStore):
    def __init__(self, root: Path) -> None:
        self.root = root
        private_dir(root / "partial")
        private_dir(root)

    def describe(self) -> str:
        return str(self.root)

    def final(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def partial(self, counter_id: int, sha: str) -> Path:
        return self.root / "partial" / str(counter_id) / sha

    def write_part(self, counter_id: int, sha: str, offset: int, chunk: bytes) -> None:
        part = self.partial(counter_id, sha)
        private_dir(part.parent)
        # a crash may have left bytes past what the database recorded: cut them off first
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | _BINARY, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.truncate(offset)
            f.seek(offset)
            f.write(chunk)
            f.flush()
            os.fsync(f.fileno())

    def finish_part(self, counter_id: int, sha: str, size: int) -> bool:
        part = self.partial(counter_id, sha)
        h = hashlib.sha256()
        with part.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        if h.hexdigest() != sha:
            part.unlink(missing_ok=True)
            return False
        target = self.final(sha)
        private_dir(target.parent)
        # the same checked bytes may already be stored (another counter's copy): either is right
        os.replace(part, target)
        return True

    def put(self, sha: str, data: bytes) -> None:
        target = self.final(sha)
        private_dir(target.parent)
        if target.exists() and target.stat().st_size == len(data):
            return
        tmp = target.with_name(f".tmp-{os.getpid()}-{sha[:12]}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)

    def read(self, sha: str, offset: int, length: int) -> bytes | None:
        try:
            with self.final(sha).open("rb") as f:
                f.seek(offset)
                return f.read(length)
        except FileNotFoundError:
            return None

    def check(self) -> str:
        try:
            fd, probe = tempfile.mkstemp(prefix=".readyz-", dir=self.root / "partial")
            os.close(fd)
            os.unlink(probe)
        except OSError:
            return "unwritable"
        return "ok"


def private_dir(path: Path) -> None:
    """``path`` and any parents it needs, 0700; an existing one is narrowed to 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)
