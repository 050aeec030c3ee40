"""Talking to the provincial server over TLS that is always verified (DESIGN.md §9).

Certificates are checked against the public CAs (certifi); a province whose server uses its own
CA adds that CA's bundle, which is copied into the data dir as ``ca-bundle.pem`` so the counter
does not depend on a file elsewhere that may move. Verification is never switched off.
"""

from __future__ import annotations

import functools
import os
import ssl
import tempfile
from pathlib import Path

import certifi

from desktop.domain.refusal import Refusal
from sync.client import Credentials, ServerClient, public_cas

CA_BUNDLE = "ca-bundle.pem"
MAX_BUNDLE_BYTES = 1024 * 1024


class CaBundleError(Refusal, ValueError):
    """The CA bundle cannot be used; the message says why, for the IT officer."""

    code = "ca_bundle_invalid"


def bundle_path(data_dir: Path) -> Path:
    return data_dir / CA_BUNDLE


def _context(bundle: Path | None) -> ssl.SSLContext:
    if bundle is None:
        return public_cas()  # the public CAs alone: the one context the process shares
    context = ssl.create_default_context(cafile=certifi.where())
    try:
        context.load_verify_locations(cafile=str(bundle))
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise CaBundleError(
            f"Tệp chứng chỉ CA {bundle.name} không dùng được: {_reason(exc)}"
        ) from None
    return context


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLError):
        return exc.reason or "không phải chứng chỉ PEM"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)


def tls_context(data_dir: Path) -> ssl.SSLContext:
    """The TLS settings for the server: the public CAs plus the province's own bundle, if the
    data dir has one. Made once per bundle file as it stands (path, size, modification time)
    and shared — an SSLContext is safe to share between threads, and loading certifi's
    certificates cost ~30 ms at every sync; a bundle installed or replaced is a new key."""
    path = bundle_path(data_dir)
    try:
        st = path.stat()
    except FileNotFoundError:
        return _cached_context(None, 0, 0)
    return _cached_context(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _cached_context(bundle: str | None, _size: int, _mtime_ns: int) -> ssl.SSLContext:
    return _context(Path(bundle) if bundle is not None else None)


def open_client(
    data_dir: Path,
    url: str,
    credentials: Credentials | None = None,
    *,
    timeout: float = 15.0,
) -> ServerClient:
    return ServerClient(url, credentials, verify=tls_context(data_dir), timeout=timeout)


def install_bundle(data_dir: Path, source: Path) -> int:
    """Check ``source`` holds PEM CA certificates and copy it into the data dir; returns how
    many certificates it holds."""
    try:
        if source.stat().st_size > MAX_BUNDLE_BYTES:
            raise CaBundleError(f"Tệp {source.name} quá lớn cho một bộ chứng chỉ CA")
        data = source.read_bytes()
    except FileNotFoundError:
        raise CaBundleError(f"Không tìm thấy tệp {source}") from None
    except OSError as exc:
        raise CaBundleError(f"Không đọc được {source}: {exc.strerror}") from None
    count = data.count(b"-----BEGIN CERTIFICATE-----")
    if count == 0:
        raise CaBundleError(f"Tệp {source.name} không chứa chứng chỉ PEM (-----BEGIN CERTIFICATE)")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cadata=data.decode("ascii"))
    except (ssl.SSLError, ValueError, UnicodeDecodeError) as exc:
        raise CaBundleError(f"Tệp {source.name} không phải chứng chỉ CA hợp lệ: {exc}") from None
    target = bundle_path(data_dir)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".ca-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def remove_bundle(data_dir: Path) -> bool:
    path = bundle_path(data_dir)
    if path.exists():
        path.unlink()
        return True
    return False
