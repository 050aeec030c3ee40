"""Where the server keeps attachments' bytes: a local folder (``local.BlobFiles``, the default
for one machine) or any S3-compatible object store (``s3.S3Blobs``, for a province's instances
on several hosts, issue 23 item 2). sync/server/blobs.py keeps the bookkeeping (who uploaded
what, how far, which agency may download it) in the database and asks a ``BlobStore`` only to
keep bytes; routes, ingest and the portal never know which one it is.

Both keep two kinds of object:
- a counter's upload in progress, written chunk by chunk at the offsets the database recorded,
  checked against its sha256 when the last byte arrives (``write_part``, ``finish_part``);
- stored files, named by their sha256, written once and never changed (``put``, ``read``).

A store that cannot answer (unreachable, 5xx, timeouts) raises ``StoreUnavailable``: the
request is answered 503 with Retry-After and nothing of it is recorded, so the counter sends
the same chunk again later and no file is lost or half-recorded.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

S3_SCHEME = "s3://"


class BlobError(ValueError):
    """A refusal about an attachment, with the HTTP status and code the API answers."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class StoreUnavailable(BlobError):
    """The object store did not answer, or answered with a server error: try again later."""

    RETRY_AFTER = 5  # seconds: a store restarting or failing over is back within a few

    def __init__(
        self, message: str = "kho lưu tệp của máy chủ tạm thời không truy cập được"
    ) -> None:
        super().__init__(503, "storage_unavailable", message)


class BlobStore(ABC):
    """The bytes of attachments; the database says which of them count."""

    @abstractmethod
    def describe(self) -> str:
        """Where the files are, for logs and messages (no credentials)."""

    @abstractmethod
    def write_part(self, counter_id: int, sha: str, offset: int, chunk: bytes) -> None:
        """Keep ``chunk`` at ``offset`` of the counter's upload of ``sha``; whatever the store
        holds past ``offset`` (a crash's leftovers, an abandoned attempt) no longer counts. Done
        before the database records the new size, so a recorded byte is always kept."""

    @abstractmethod
    def finish_part(self, counter_id: int, sha: str, size: int) -> bool:
        """The upload's ``size`` bytes are all sent: check they hash to ``sha`` and store them as
        the file ``sha``. False (and the upload's bytes discarded) when they do not."""

    def forget_part(self, counter_id: int, sha: str) -> None:  # noqa: B027 - optional
        """Once the finished upload is committed: free what the upload still occupies. Best
        effort; a failure leaves garbage, never a wrong file."""

    @abstractmethod
    def put(self, sha: str, data: bytes) -> None:
        """Store ``data`` (which hashes to ``sha``) unless the store already holds it."""

    @abstractmethod
    def read(self, sha: str, offset: int, length: int) -> bytes | None:
        """Up to ``length`` bytes of the stored file from ``offset``; None when it is not held."""

    @abstractmethod
    def check(self) -> str:
        """``ok`` when the store takes uploads now, else the failure's name (for /readyz)."""


def open_store(spec: str | Path) -> BlobStore:
    """``s3://bucket/prefix`` (endpoint and keys from the environment, see s3.py) or a local
    folder."""
    text = str(spec)
    if text.startswith(S3_SCHEME):
        from .s3 import S3Blobs  # boto3 loads only for a server that uses it

        return S3Blobs.from_url(text)
    from .local import BlobFiles

    return BlobFiles(Path(text))
