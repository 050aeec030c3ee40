"""Which OS keyring the counter may keep its secrets in (DESIGN.md §9, issue 17 item 13).

A module of its own, light to import: the window asks it for its warning without loading the
database stack; ``keyring`` itself is imported only when a backend is looked at.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from desktop.domain.refusal import Refusal

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend


class KeyStoreError(Refusal, RuntimeError):
    """The OS keyring is missing or refuses; the message tells the IT officer what to do."""

    code = "keystore_unavailable"


# Explicit opt-in to a keyring that keeps secrets in a plain or weakly protected file (the
# keyrings.alt backends): for tests and demonstrations only, never at a real counter.
INSECURE_KEYRING_ENV = "MOTCUA_ALLOW_INSECURE_KEYRING"


def insecure_backend(backend: KeyringBackend) -> str | None:
    """The name of the backend (or of the chained one) that does not protect what it keeps,
    or None. keyrings.alt's file keyrings write secrets to a file any process of the user (or
    anyone with the disk) reads; the null keyring keeps nothing."""
    for b in getattr(backend, "backends", None) or [backend]:
        kind = type(b)
        if kind.__module__.startswith(("keyrings.alt", "keyring.backends.null")):
            return f"{kind.__module__}.{kind.__qualname__}"
    return None


# One secret at a time in this process. A file keyring (the opted-in demo and test backend)
# rewrites its whole file on every change: a token saved by the sync thread while the sign-in
# thread read the half-written file lost the counter's device key (seen as a window whose sync
# died with "Không tìm thấy khóa thiết bị"). The OS keyrings are atomic; the lock costs nothing.
_ONE_AT_A_TIME = threading.Lock()


class SerialisedKeyring:
    """The keyring backend's get/set, one call at a time in this process."""

    def __init__(self, backend: KeyringBackend) -> None:
        self.backend = backend

    def get_password(self, service: str, username: str) -> str | None:
        with _ONE_AT_A_TIME:
            return self.backend.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with _ONE_AT_A_TIME:
            self.backend.set_password(service, username, password)


def secure_keyring() -> SerialisedKeyring:
    """The OS keyring, refused when it is an insecure one and no one opted in (DESIGN.md §9:
    secrets only in the OS keyring)."""
    import keyring

    backend = keyring.get_keyring()
    bad = insecure_backend(backend)
    if bad is not None and os.environ.get(INSECURE_KEYRING_ENV) != "1":
        raise KeyStoreError(
            f"Kho khóa đang dùng ({bad}) lưu bí mật của quầy vào tệp không được bảo vệ; "
            "quầy không dùng nó. Cần kho khóa của hệ điều hành (Windows Credential Manager, "
            "GNOME Keyring/Secret Service). Chỉ để chạy thử: đặt "
            f"{INSECURE_KEYRING_ENV}=1."
        )
    return SerialisedKeyring(backend)


def allowed_insecure_backend() -> str | None:
    """The insecure backend in use because someone opted in, or None (then an insecure one is
    refused, never used). The window words its warning itself, in the officer's language."""
    if os.environ.get(INSECURE_KEYRING_ENV) != "1":
        return None
    import keyring

    return insecure_backend(keyring.get_keyring())
