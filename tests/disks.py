"""Small real disks for storage-failure tests: a tmpfs of a few megabytes (needs root; the test
is skipped otherwise) and a way to fill it, so "disk full" is the kernel's ENOSPC, not a mock."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@contextmanager
def tiny_tmpfs(where: Path, megabytes: int) -> Iterator[Path]:
    if not ROOT:
        pytest.skip("a tiny tmpfs needs root")
    where.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(where)]
    if subprocess.run(mount).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        # lazily: a process that used the disk (a stopped server's worker) may still hold files
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Give the rest of ``disk`` to a file, as something else on the machine would."""
    # unbuffered: a buffered file still holding the bytes that did not fit raised ENOSPC again
    # when it was closed, outside the loop that expects it
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * 65536
        while True:
            try:
                if os.write(fd, block) == 0:
                    break
            except OSError:
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]  # fill the last pages too
    finally:
        os.close(fd)
