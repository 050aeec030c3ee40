"""Secrets kept from several threads at once (the window's sync thread saves tokens while its
sign-in thread reads and writes others): none is lost. With the file keyring of tests and demos
an unserialised save rewrote the file while another thread read it half-written, and the
counter's device key disappeared (a window whose sync died, "Không tìm thấy khóa thiết bị")."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

from desktop.store.accounts.keyring_guard import INSECURE_KEYRING_ENV, secure_keyring

SERVICE = "motcua-desk-test"


def _hammer(
    get: Callable[[str, str], str | None], put: Callable[[str, str, str], None]
) -> list[str]:
    """8 threads saving their own secrets while reading the one saved first; what went wrong."""
    put(SERVICE, "device-key", "giu-nguyen")
    problems: list[str] = []
    start = threading.Barrier(8)

    def work(n: int) -> None:
        start.wait()
        for i in range(40):
            try:
                put(SERVICE, f"token-{n}", str(i))
                if get(SERVICE, "device-key") != "giu-nguyen":
                    problems.append(f"thread {n}: device key not read")
            except Exception as exc:  # a file read while another thread rewrote it
                problems.append(f"thread {n}: {type(exc).__name__}")
                return

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        if get(SERVICE, "device-key") != "giu-nguyen":
            problems.append("device key lost")
        problems += [f"token-{n} lost" for n in range(8) if get(SERVICE, f"token-{n}") != "39"]
    except Exception as exc:
        problems.append(f"file unreadable afterwards: {type(exc).__name__}")
    return problems


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    monkeypatch.setenv(INSECURE_KEYRING_ENV, "1")
    monkeypatch.setattr("keyring.get_keyring", lambda: backend)
    return backend


def test_the_counter_keeps_every_secret_saved_from_many_threads(
    file_keyring: PlaintextKeyring,
) -> None:
    ring = secure_keyring()
    assert _hammer(ring.get_password, ring.set_password) == []
