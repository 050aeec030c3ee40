"""Content-addressed file store for scanned pages: files named by their sha256.

A file is written to a temporary name, fsynced, renamed into place and the directory fsynced,
*before* the transaction that references it commits; so a committed attachment row always has
its bytes on disk, and a crash leaves at most an unreferenced temporary file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from desktop.domain.dossier import EventType, TransitionError
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, Receipt, _receipt, find_dossier
from desktop.store.models import Attachment
from desktop.store.sync.journal import record

MAX_ATTACHMENT = 200 * 1024 * 1024
_ALLOWED_MIME = {"application/pdf", "image/png", "image/jpeg", "image/tiff"}


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return digest

    def read(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise OSError(f"Tệp đính kèm {sha256[:12]}… bị hỏng (sai mã băm)")
        return data


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # Windows cannot open directories; NTFS journals the rename
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sniff_mime(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    return None


def attach(
    db: Database,
    ctx: CounterContext,
    code: str,
    officer: OfficerInfo,
    document: str,
    filename: str,
    data: bytes,
    pages: int | None = None,
) -> Receipt:
    if not data:
        raise ActionError(f"Tệp {filename} rỗng (0 byte)")
    if len(data) > MAX_ATTACHMENT:
        raise ActionError(f"Tệp {filename} quá lớn (tối đa {MAX_ATTACHMENT // 2**20} MB)")
    mime = sniff_mime(data)
    if mime not in _ALLOWED_MIME:
        raise ActionError(f"Tệp {filename} không phải PDF hay ảnh (PNG, JPEG, TIFF)")
    digest = BlobStore(ctx.attachments_dir).put(data)
    now = local_now()
    with db.write() as s:
        row = find_dossier(s, code)
        try:
            record(
                s,
                ctx,
                row,
                EventType.ATTACHED,
                {
                    "sha256": digest,
                    "document": document,
                    "filename": filename,
                    "mime": mime,
                    "size": len(data),
                    "pages": pages,
                },
                officer.username,
                at=now,
            )
        except TransitionError as exc:
            raise ActionError(str(exc)) from None
        s.add(
            Attachment(
                dossier_id=row.id,
                sha256=digest,
                document=document,
                filename=Path(filename).name[:200],
                mime=mime,
                size=len(data),
                pages=pages,
                added_at=now,
            )
        )
        return _receipt(row)
