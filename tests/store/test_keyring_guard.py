"""The counter refuses a keyring that keeps its secrets in a plain file (issue 17 item 13):
keyrings.alt installed must not be used silently. Tests and demonstrations opt in explicitly
(MOTCUA_ALLOW_INSECURE_KEYRING=1, set in tests/conftest.py) and the window then says so."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends.chainer import ChainerBackend
from keyring.backends.null import Keyring as NullKeyring
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from keyrings.alt.file import PlaintextKeyring

from desktop.store.accounts.keyring_guard import (
    INSECURE_KEYRING_ENV,
    allowed_insecure_backend,
    insecure_backend,
)
from tests.clitools import Cli


def test_a_file_keyring_is_refused_without_the_opt_in(tmp_path: Path) -> None:
    assert isinstance(keyring.get_keyring(), PlaintextKeyring)  # what tests/conftest.py chose
    cli = Cli(tmp_path / "Q01")
    cli.env.pop(INSECURE_KEYRING_ENV)
    p = cli.run(
        "init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01",
        "--admin-user", "admin",
    )  # fmt: skip
    assert p.returncode == 1, p.stdout
    assert "PlaintextKeyring" in p.stderr and INSECURE_KEYRING_ENV in p.stderr
    assert "Traceback" not in p.stderr
    # nothing was made: with the opt-in the same command succeeds
    cli.env[INSECURE_KEYRING_ENV] = "1"
    p = cli.run(
        "init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01",
        "--admin-user", "admin",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr


def test_which_backends_are_insecure() -> None:
    assert insecure_backend(PlaintextKeyring()) is not None
    assert insecure_backend(NullKeyring()) is not None
    assert insecure_backend(SecretServiceKeyring()) is None
    # the chainer keyring asks every backend it finds: a file keyring among them counts
    chained = ChainerBackend()
    assert insecure_backend(chained) == insecure_backend(PlaintextKeyring()) or not any(
        isinstance(b, PlaintextKeyring) for b in chained.backends
    )


def test_the_opt_in_names_the_backend_for_the_window_to_warn_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "PlaintextKeyring" in str(allowed_insecure_backend())  # tests opt in
    monkeypatch.delenv(INSECURE_KEYRING_ENV)
    assert allowed_insecure_backend() is None  # refused then, never used: nothing to warn of
