"""A private SANE configuration with only the `test` backend (see man sane-test), so the
tests scan for real through libsane without touching the machine's scanners."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def sane_config(root: Path, picture: str = "Grid") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dll.conf").write_text("test\n", encoding="ascii")
    # the test device's feeder holds 10 sheets; "Grid" is a chequerboard with 10 mm squares
    (root / "test.conf").write_text(
        f'number_of_devices 2\nmode Gray\ndepth 8\ntest-picture "{picture}"\n', encoding="ascii"
    )
    return root


@pytest.fixture(scope="session", autouse=True)
def private_sane(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = sane_config(tmp_path_factory.mktemp("sane"))
    before = os.environ.get("SANE_CONFIG_DIR")
    os.environ["SANE_CONFIG_DIR"] = str(root)
    yield root
    if before is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = before
