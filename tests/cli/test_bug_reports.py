"""A bug in a command: exit 70, one short line on stderr, the stack in DATA/logs/errors.log
(readable by the counter's user only) — and the exception's message, which may quote a
citizen, in neither."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest

from desktop.commands.errors import EXIT_BUG, EXIT_REFUSED, run_safely
from desktop.domain.reception import FormError

CITIZEN = "Nguyễn Văn An 0912345678 089085001234"


def _handler_raising(exc: Exception):  # type: ignore[no-untyped-def]
    def crash(_args: argparse.Namespace) -> int:
        raise exc

    return crash


def test_a_bug_is_logged_without_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(data_dir=tmp_path / "data", command="receive")
    assert run_safely(_handler_raising(KeyError(CITIZEN)), args) == EXIT_BUG
    err = capsys.readouterr().err
    assert "KeyError" in err and "errors.log" in err
    assert "Nguyễn" not in err and "0912345678" not in err and "Traceback" not in err
    log = tmp_path / "data" / "logs" / "errors.log"
    text = log.read_text(encoding="utf-8")
    assert "receive KeyError" in text and "crash" in text
    assert "Nguyễn" not in text and "0912345678" not in text and "089085001234" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_refusal_is_shown_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(data_dir=tmp_path / "data", command="receive")
    assert run_safely(_handler_raising(FormError("Thiếu số điện thoại")), args) == EXIT_REFUSED
    assert capsys.readouterr().err.strip() == "Lỗi: Thiếu số điện thoại"
    assert not (tmp_path / "data" / "logs").exists()
