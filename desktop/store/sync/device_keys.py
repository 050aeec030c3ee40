"""The counter's Ed25519 device key and the public keys it trusts.

The private key lives only in the OS keyring (DESIGN.md §9); the database keeps public keys:
this counter's own and, later, the ones the server distributes, so any counter can check a
receipt's QR offline.
"""

from __future__ import annotations

import base64
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from keyring.errors import KeyringError
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.qr_token import TrustedKey, key_id
from desktop.store.accounts.keyring_guard import KeyStoreError, secure_keyring
from desktop.store.clock import local_now
from desktop.store.models import CounterIdentity, CounterKey

SERVICE = "motcua-desk"


def _account(ident: CounterIdentity) -> str:
    return f"device-key/{ident.agency}/{ident.counter}/{ident.install_id}"


def _raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def ensure_device_key(session: Session) -> str:
    """Create this counter's key pair if it has none; returns its key id."""
    ident = session.scalar(select(CounterIdentity))
    if ident is None:
        raise KeyStoreError("Quầy chưa được khởi tạo")
    own = session.scalar(select(CounterKey).where(CounterKey.own, CounterKey.revoked_at.is_(None)))
    if own is not None:
        return own.key_id
    if not ident.install_id:
        ident.install_id = str(uuid.uuid4())
    private = Ed25519PrivateKey.generate()
    secret = base64.b64encode(private.private_bytes_raw()).decode("ascii")
    try:
        secure_keyring().set_password(SERVICE, _account(ident), secret)
    except KeyringError as exc:
        raise KeyStoreError(
            "Không lưu được khóa thiết bị vào kho khóa của hệ điều hành (keyring): "
            f"{type(exc).__name__}. Trên Linux cần dịch vụ Secret Service (GNOME Keyring)."
        ) from None
    raw = _raw_public(private)
    kid = key_id(raw)
    session.add(
        CounterKey(
            key_id=kid,
            agency=ident.agency,
            counter=ident.counter,
            public_key=raw.hex(),
            own=True,
            added_at=local_now(),
        )
    )
    session.flush()
    return kid


def load_private_key(session: Session) -> Ed25519PrivateKey:
    ident = session.scalar(select(CounterIdentity))
    if ident is None or not ident.install_id:
        raise KeyStoreError("Quầy chưa có khóa thiết bị: chạy lại 'motcua init' hoặc báo IT")
    try:
        secret = secure_keyring().get_password(SERVICE, _account(ident))
    except KeyringError as exc:
        raise KeyStoreError(
            f"Không đọc được kho khóa của hệ điều hành: {type(exc).__name__}"
        ) from None
    if secret is None:
        raise KeyStoreError(
            "Không tìm thấy khóa thiết bị của quầy trong kho khóa của hệ điều hành; "
            "không thể ký mã QR (báo cán bộ IT cấp lại khóa)"
        )
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(secret))


def trusted_keys(session: Session) -> dict[str, TrustedKey]:
    """Keys by id, each bound to the agency and counter the server said it belongs to: a key
    vouches only for that agency's receipts (desktop/domain/qr_token.py)."""
    rows = session.scalars(select(CounterKey).where(CounterKey.revoked_at.is_(None)))
    return {r.key_id: TrustedKey(bytes.fromhex(r.public_key), r.agency, r.counter) for r in rows}


def trust_key(session: Session, agency: str, counter: str, public_raw: bytes) -> str:
    """Record another counter's public key (distributed by the server)."""
    if len(public_raw) != 32:
        raise ValueError("khóa công khai Ed25519 phải dài 32 byte")
    kid = key_id(public_raw)
    if session.get(CounterKey, kid) is None:
        session.add(
            CounterKey(
                key_id=kid,
                agency=agency,
                counter=counter,
                public_key=public_raw.hex(),
                own=False,
                added_at=local_now(),
            )
        )
    return kid
