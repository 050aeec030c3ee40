"""Signed QR payloads for receipts (DESIGN.md §8).

``MC1:<dossier code>:<key id>:<signature>`` — ASCII, upper-case, only characters of the QR
alphanumeric mode (0-9 A-Z space $ % * + - . / :), so the symbol stays small. The signature is
Ed25519 by the counter's device key over everything before it; the key id is the first 5 bytes
of the SHA-256 of the raw public key, both in RFC 4648 base32 without padding. Any counter that
knows the public key (its own, or distributed by the server) verifies a receipt offline.

A key speaks only for its own agency (and, for a provisional TAM- code, its own counter): a
receipt for an An Giang code signed by a Kiên Giang counter's key is refused. Only the canonical
base32 of the signature is accepted (the 103rd character carries 2 bits; the 3 spare bits must
be zero), and the text must be the token itself or a look-up URL whose parameter is exactly the
token — nothing around it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.refusal import Refusal

from .codes import PROVISIONAL_PREFIX, CodeFormat

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "MC1"
MAX_PAYLOAD = 512
_TOKEN_RE = re.compile(r"MC1:([0-9A-Z.\-]{5,60}):([A-Z2-7]{8}):([A-Z2-7]{103})")
_ALNUM = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class QrRejected(Refusal, ValueError):
    """A payload that is not a genuine receipt; the message says why, in Vietnamese."""

    code = "qr_rejected"


@dataclass(frozen=True)
class TrustedKey:
    """A counter's public key and whom it speaks for: the server distributes the three together
    (CounterKeyChange), and a key is trusted only for codes of that agency."""

    raw: bytes
    agency: str
    counter: str


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


def _token_text(text: str) -> str | None:
    """The text that must be exactly one token: the scan itself (scanners add a line end), or
    the single query parameter or last path segment of a look-up URL."""
    bare = text.strip(" \t\r\n")
    if bare.startswith(PREFIX + ":"):
        return bare
    try:
        parts = urllib.parse.urlsplit(bare)
    except ValueError:  # e.g. a broken IPv6 host
        return None
    if not parts.scheme or not parts.netloc:
        return None
    values = [v for _k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    values.append(urllib.parse.unquote(parts.path.rsplit("/", 1)[-1]))
    found = [v for v in values if v.startswith(PREFIX + ":")]
    return found[0] if len(found) == 1 else None


def extract(text: str) -> QrToken:
    """The token of a scanned text (bare, or as a look-up URL's parameter); no signature check.

    The token must match exactly: junk before or after it is refused, and so is any signature
    text other than the canonical base32 of its 64 bytes."""
    if len(text) > MAX_PAYLOAD:
        raise QrRejected("Mã QR quá dài, không phải mã trên giấy tiếp nhận", code="qr_too_long")
    if not text.isascii():
        raise QrRejected(
            "Mã QR chứa ký tự lạ, không phải mã trên giấy tiếp nhận", code="qr_not_ascii"
        )
    candidate = _token_text(text)
    if candidate is None:
        if PREFIX + ":" in urllib.parse.unquote(text):
            raise QrRejected(
                "Mã QR đã bị sửa hoặc bị cắt: cấu trúc không đúng", code="qr_malformed"
            )
        raise QrRejected("Đây không phải mã QR trên giấy tiếp nhận hồ sơ", code="qr_not_a_receipt")
    m = _TOKEN_RE.fullmatch(candidate)
    if m is None:
        raise QrRejected("Mã QR đã bị sửa hoặc bị cắt: cấu trúc không đúng", code="qr_malformed")
    try:
        signature = _unb32(m.group(3))
    except ValueError:
        raise QrRejected("Chữ ký trong mã QR bị hỏng", code="qr_signature_damaged") from None
    if len(signature) != 64 or _b32(signature) != m.group(3):
        raise QrRejected("Chữ ký trong mã QR bị hỏng", code="qr_signature_damaged")
    return QrToken(m.group(1), m.group(2), signature)


def speaks_for(code: str, key: TrustedKey, code_format: CodeFormat | None = None) -> bool:
    """Whether ``key`` may sign a receipt for ``code``. A provisional code names the key's
    agency and counter. A real code is split by the province's template when it is given (the
    agency part must be the key's agency exactly); without it, the code must start with the
    key's agency code followed by '-' (national practice) or by digits only (QĐ 66/2020 An
    Giang, Điều 7.3: 13 characters of agency code, then ddmmyy and the daily number)."""
    if code.startswith(PROVISIONAL_PREFIX + "-"):
        return code.startswith(f"{PROVISIONAL_PREFIX}-{key.agency}-{key.counter}-")
    if code_format is not None:
        parsed = code_format.parse(code)
        return parsed is not None and parsed[0] == key.agency
    if not code.startswith(key.agency):
        return False
    rest = code[len(key.agency) :]
    return rest.startswith("-") or rest.isdigit()


def verify(
    text: str, public_keys: Mapping[str, TrustedKey], code_format: CodeFormat | None = None
) -> QrToken:
    """The token when genuine; :class:`QrRejected` with the reason otherwise.

    ``public_keys`` maps key ids to the keys this counter trusts, with their agency and counter.
    """
    # imported here: the window's keyboard-wedge filter needs this module's PREFIX at start,
    # and cryptography is not worth loading before a receipt is checked
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    token = extract(text)
    key = public_keys.get(token.key_id)
    if key is None:
        raise QrRejected(
            f"Mã QR được ký bằng khóa {token.key_id} không có trong danh sách quầy tin cậy "
            "(có thể là giả, hoặc cần đồng bộ khóa từ máy chủ)",
            code="qr_key_unknown",
            key_id=token.key_id,
        )
    if not speaks_for(token.code, key, code_format):
        raise QrRejected(
            f"Mã QR của hồ sơ {token.code} được ký bằng khóa của quầy {key.counter} "
            f"thuộc cơ quan {key.agency}: khóa này không cấp được mã của cơ quan khác",
            code="qr_wrong_agency",
            dossier=token.code,
            counter=key.counter,
            agency=key.agency,
        )
    try:
        Ed25519PublicKey.from_public_bytes(key.raw).verify(token.signature, token.message)
    except (InvalidSignature, ValueError):
        raise QrRejected(
            "Chữ ký của mã QR không khớp: mã đã bị sửa hoặc bị làm giả", code="qr_forged"
        ) from None
    return token
