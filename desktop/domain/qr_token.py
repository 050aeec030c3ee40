"""Signed QR payloads for receipts (DESIGN.md §8).

``MC1:<dossier code>:<key id>:<signature>`` — ASCII, upper-case, only characters of the QR
alphanumeric mode (0-9 A-Z space $ % * + - . / :), so the symbol stays small. The signature is
Ed25519 by the counter's device key over everything before it; the key id is the first 5 bytes
of the SHA-256 of the raw public key, both in RFC 4648 base32 without padding. Any counter that
knows the public key (its own, or distributed by the server) verifies a receipt offline.
"""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "MC1"
MAX_PAYLOAD = 512
_TOKEN_RE = re.compile(r"MC1:([0-9A-Z.\-]{5,60}):([A-Z2-7]{8}):([A-Z2-7]{103})")
_ALNUM = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class QrRejected(ValueError):
    """A payload that is not a genuine receipt; the message says why, in Vietnamese."""


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


def key_id(public_raw: bytes) -> str:
    return _b32(hashlib.sha256(public_raw).digest()[:5])


@dataclass(frozen=True)
class QrToken:
    code: str
    key_id: str
    signature: bytes

    @property
    def message(self) -> bytes:
        return f"{PREFIX}:{self.code}:{self.key_id}".encode("ascii")

    def payload(self) -> str:
        return f"{PREFIX}:{self.code}:{self.key_id}:{_b32(self.signature)}"


def sign(code: str, private: Ed25519PrivateKey) -> str:
    if not code or not set(code) <= _ALNUM - {":", " "}:
        raise ValueError(f"mã hồ sơ {code!r} không dùng được trong mã QR")
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    kid = key_id(public_raw)
    unsigned = QrToken(code, kid, b"")
    return QrToken(code, kid, private.sign(unsigned.message)).payload()


def wrap_url(payload: str, template: str | None) -> str:
    """The QR text: the bare payload, or a look-up URL carrying it when the province has one."""
    if not template:
        return payload
    return template.format(code=urllib.parse.quote(payload, safe=""))


def extract(text: str) -> QrToken:
    """Find the token in a scanned text (bare, or inside a look-up URL); no signature check."""
    if len(text) > MAX_PAYLOAD:
        raise QrRejected("Mã QR quá dài, không phải mã trên giấy tiếp nhận")
    if not text.isascii():
        raise QrRejected("Mã QR chứa ký tự lạ, không phải mã trên giấy tiếp nhận")
    candidate = urllib.parse.unquote(text.strip()) if "%3A" in text.upper() else text.strip()
    m = _TOKEN_RE.search(candidate)
    if m is None:
        if PREFIX + ":" in candidate:
            raise QrRejected("Mã QR đã bị sửa hoặc bị cắt: cấu trúc không đúng")
        raise QrRejected("Đây không phải mã QR trên giấy tiếp nhận hồ sơ")
    try:
        signature = _unb32(m.group(3))
    except ValueError:
        raise QrRejected("Chữ ký trong mã QR bị hỏng") from None
    if len(signature) != 64:
        raise QrRejected("Chữ ký trong mã QR bị hỏng")
    return QrToken(m.group(1), m.group(2), signature)


def verify(text: str, public_keys: Mapping[str, bytes]) -> QrToken:
    """The token when genuine; :class:`QrRejected` with the reason otherwise.

    ``public_keys`` maps key ids to raw Ed25519 public keys this counter trusts.
    """
    # imported here: the window's keyboard-wedge filter needs this module's PREFIX at start,
    # and cryptography is not worth loading before a receipt is checked
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    token = extract(text)
    raw = public_keys.get(token.key_id)
    if raw is None:
        raise QrRejected(
            f"Mã QR được ký bằng khóa {token.key_id} không có trong danh sách quầy tin cậy "
            "(có thể là giả, hoặc cần đồng bộ khóa từ máy chủ)"
        )
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(token.signature, token.message)
    except (InvalidSignature, ValueError):
        raise QrRejected("Chữ ký của mã QR không khớp: mã đã bị sửa hoặc bị làm giả") from None
    return token
