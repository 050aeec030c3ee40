"""Attachments in an S3-compatible object store (AWS S3, MinIO, SeaweedFS, Ceph RGW …), for a
province's server instances on several hosts (issue 23 item 2): ``--blobs s3://bucket/prefix``.

Where the store is and who the server is, from the environment (never the command line, which
every account on the machine sees with ps):
- ``MOTCUA_S3_ENDPOINT``, else ``AWS_ENDPOINT_URL``: the store's address, e.g.
  ``https://s3.tinh.gov.vn``; neither: Amazon S3 itself. A custom endpoint is addressed by path
  (``endpoint/bucket/key``), which every S3-compatible store understands.
- ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or anything else boto3 reads: a profile in
  ``AWS_SHARED_CREDENTIALS_FILE``, an instance role).
- ``AWS_REGION`` (or ``AWS_DEFAULT_REGION``), default ``us-east-1``.

Layout under the prefix:
- ``blobs/<sha[:2]>/<sha>``: a stored file, named by its sha256, written once (never rewritten
  when present) and private (no ACL is granted: the bucket's owner alone reads it);
- ``uploads/<counter>/<sha>/<offset>``: each chunk of a counter's upload in progress as its own
  object, at the offset the database recorded. Any instance may receive a counter's next chunk,
  so nothing of an upload lives in one process or on one host. When the last chunk arrives the
  chunks from offset 0 are read back in order, hashed, and stored as the file; they are deleted
  once that is committed. (Not S3 multipart: its parts must be at least 5 MiB, a counter's
  chunks are 1 MiB.) A bucket lifecycle rule that expires ``uploads/`` after some weeks clears
  uploads abandoned by counters that never came back; one expired under a live upload only
  makes that counter send the file again.

A store that does not answer or answers 5xx raises ``StoreUnavailable`` (HTTP 503 for the
counter, nothing recorded); 4xx answers that mean a wrong configuration (no such bucket, access
denied) are also 503 for the counter, and one line in the log for IT.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import tempfile
from typing import Any

from . import S3_SCHEME, BlobStore, StoreUnavailable

log = logging.getLogger("motcua.server.blobs")

ENDPOINT_ENVS = ("MOTCUA_S3_ENDPOINT", "AWS_ENDPOINT_URL")
REGION_ENVS = ("AWS_REGION", "AWS_DEFAULT_REGION")
DEFAULT_REGION = "us-east-1"
_SPOOL_IN_MEMORY = 8 * 1024 * 1024  # a finished upload larger than this is assembled on disk


class S3ConfigError(ValueError):
    """``--blobs s3://…`` cannot be used as given (Vietnamese message for the command line)."""


def parse_url(url: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix`` → (``bucket``, ``some/prefix/``); the prefix may be empty."""
    if not url.startswith(S3_SCHEME):
        raise S3ConfigError(f"địa chỉ kho tệp phải có dạng s3://bucket/thư-mục: {url}")
    bucket, _, prefix = url[len(S3_SCHEME) :].partition("/")
    if not bucket or any(c in bucket for c in "?#@:"):
        raise S3ConfigError(f"địa chỉ kho tệp thiếu tên bucket hợp lệ: {url}")
    prefix = prefix.strip("/")
    return bucket, (prefix + "/") if prefix else ""


def endpoint_from_env() -> str | None:
    for name in ENDPOINT_ENVS:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


class S3Blobs(BlobStore):
    def __init__(self, bucket: str, prefix: str, client: Any, endpoint: str | None) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client = client
        self.endpoint = endpoint

    @classmethod
    def from_url(cls, url: str) -> S3Blobs:
        bucket, prefix = parse_url(url)
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise S3ConfigError(
                "chưa cài boto3 để dùng kho tệp S3: pip install 'motcua-desk[s3]'"
            ) from None
        endpoint = endpoint_from_env()
        region = next((os.environ[n] for n in REGION_ENVS if os.environ.get(n)), DEFAULT_REGION)
        config = Config(
            region_name=region,
            # an unreachable store is answered 503 quickly: the counter retries, while a
            # request waiting here holds the database's write lock
            connect_timeout=3,
            read_timeout=30,
            retries={"max_attempts": 2, "mode": "standard"},
            # S3-compatible stores do not all know the newer checksum headers; the server sends
            # Content-MD5 itself and checks every file's sha256
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            s3={"addressing_style": "path"} if endpoint else None,
            max_pool_connections=32,
        )
        client = boto3.session.Session().client("s3", endpoint_url=endpoint, config=config)
        return cls(bucket, prefix, client, endpoint)

    def describe(self) -> str:
        where = f" ({self.endpoint})" if self.endpoint else ""
        return f"{S3_SCHEME}{self.bucket}/{self.prefix}{where}"

    # -- keys ----------------------------------------------------------------------------------

    def final_key(self, sha: str) -> str:
        return f"{self.prefix}blobs/{sha[:2]}/{sha}"

    def upload_prefix(self, counter_id: int, sha: str) -> str:
        return f"{self.prefix}uploads/{counter_id}/{sha}/"

    def part_key(self, counter_id: int, sha: str, offset: int) -> str:
        return f"{self.upload_prefix(counter_id, sha)}{offset:012d}"

    # -- uploads -------------------------------------------------------------------------------

    def write_part(self, counter_id: int, sha: str, offset: int, chunk: bytes) -> None:
        # the object at this offset is replaced: a chunk written before a crash, or by an
        # attempt the counter abandoned, is never read back (finish_part follows the offsets)
        self._call(
            "put_object",
            Bucket=self.bucket,
            Key=self.part_key(counter_id, sha, offset),
            Body=chunk,
            ContentMD5=_md5(chunk),
        )

    def finish_part(self, counter_id: int, sha: str, size: int) -> bool:
        parts = self._parts(counter_id, sha)
        h = hashlib.sha256()
        md5 = hashlib.md5(usedforsecurity=False)
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
            pos = 0
            # from offset 0, each chunk where the previous one ends: exactly the chunks the
            # database accepted in this attempt, whatever else lies under the prefix
            while pos < size and pos in parts:
                body = self._call("get_object", Bucket=self.bucket, Key=parts[pos])["Body"]
                try:
                    data = body.read()
                finally:
                    body.close()
                if not data:
                    break
                h.update(data)
                md5.update(data)
                spool.write(data)
                pos += len(data)
            if pos != size or h.hexdigest() != sha:
                self._delete(list(parts.values()))
                return False
            if self._stored_size(sha) != size:  # written once: a copy already there stays
                spool.seek(0)
                self._call(
                    "put_object",
                    Bucket=self.bucket,
                    Key=self.final_key(sha),
                    Body=spool,
                    ContentLength=size,
                    ContentMD5=base64.b64encode(md5.digest()).decode("ascii"),
                )
        return True

    def forget_part(self, counter_id: int, sha: str) -> None:
        try:
            self._delete(list(self._parts(counter_id, sha).values()))
        except StoreUnavailable:
            log.warning("the chunks of a finished upload stay in the object store (cleanup failed)")

    # -- stored files ---------------------------------------------------------------------------

    def put(self, sha: str, data: bytes) -> None:
        if self._stored_size(sha) == len(data):
            return
        self._call(
            "put_object",
            Bucket=self.bucket,
            Key=self.final_key(sha),
            Body=data,
            ContentMD5=_md5(data),
        )

    def read(self, sha: str, offset: int, length: int) -> bytes | None:
        from botocore.exceptions import ClientError

        if length <= 0:
            return b"" if self._stored_size(sha) is not None else None
        try:
            answer = self.client.get_object(
                Bucket=self.bucket,
                Key=self.final_key(sha),
                Range=f"bytes={offset}-{offset + length - 1}",
            )
        except ClientError as exc:
            code = _code(exc)
            if code in ("NoSuchKey", "404"):
                return None
            if code == "InvalidRange":  # from the very end of the file: nothing more
                return b"" if self._stored_size(sha) is not None else None
            raise self._unavailable(exc) from None
        except Exception as exc:
            raise self._unavailable(exc) from None
        body = answer["Body"]
        try:
            return bytes(body.read())
        except Exception as exc:
            raise self._unavailable(exc) from None
        finally:
            body.close()

    def check(self) -> str:
        from botocore.exceptions import ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            status = _status(exc)
            if status in (401, 403):
                return "denied"
            if status == 404:
                return "no_bucket"
            return "unreachable"
        except Exception:  # connection refused, timeouts: not ready, never a 500
            return "unreachable"
        return "ok"

    # -- the store's answers --------------------------------------------------------------------

    def _call(self, operation: str, **kwargs: Any) -> Any:
        try:
            return getattr(self.client, operation)(**kwargs)
        except Exception as exc:
            raise self._unavailable(exc) from None

    def _unavailable(self, exc: BaseException) -> StoreUnavailable:
        from botocore.exceptions import ClientError

        if isinstance(exc, ClientError):
            reason = f"HTTP {_status(exc)} {_code(exc)}"
        else:
            reason = type(exc).__name__
        # no key, no file name beyond its hash: nothing personal in the log
        log.error("object store %s did not serve a request: %s", self.describe(), reason)
        return StoreUnavailable()

    def _stored_size(self, sha: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.final_key(sha))
        except ClientError as exc:
            if _status(exc) == 404:
                return None
            raise self._unavailable(exc) from None
        except Exception as exc:
            raise self._unavailable(exc) from None
        return int(head["ContentLength"])

    def _parts(self, counter_id: int, sha: str) -> dict[int, str]:
        """The upload's chunk objects by offset."""
        prefix = self.upload_prefix(counter_id, sha)
        found: dict[int, str] = {}
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"Bucket": self.bucket, "Prefix": prefix}
            if token:
                kwargs["ContinuationToken"] = token
            page = self._call("list_objects_v2", **kwargs)
            for obj in page.get("Contents", ()):
                tail = str(obj["Key"])[len(prefix) :]
                if tail.isdigit():
                    found[int(tail)] = str(obj["Key"])
            if not page.get("IsTruncated"):
                return found
            token = page.get("NextContinuationToken")

    def _delete(self, keys: list[str]) -> None:
        for i in range(0, len(keys), 1000):
            batch = [{"Key": k} for k in keys[i : i + 1000]]
            self._call(
                "delete_objects", Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True}
            )


def _md5(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode("ascii")


def _status(exc: Any) -> int:
    return int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def _code(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
