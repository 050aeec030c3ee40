"""The command line and refusals (issue 24): whatever says it is a refusal (``is_refusal``,
any layer) exits 1 with its Vietnamese message; anything else, a plain ``ValueError``
included, is a bug: exit 70, its stack logged, its message (which may quote a citizen) not shown."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop.commands.errors import EXIT_BUG, EXIT_REFUSED, run_safely
from printing.connections import PrinterUnavailable
from sync.client import Refused
from tests.clitools import Cli

CITIZEN = "Nguyễn Văn An 0912345678"


def _run(tmp_path: Path, exc: Exception) -> int:
    def command(_args: argparse.Namespace) -> int:
        raise exc

    return run_safely(command, argparse.Namespace(data_dir=tmp_path / "data", command="lookup"))


@pytest.mark.parametrize(
    "exc",
    [Refused(409, "conflict", "Mã hồ sơ đã có"), PrinterUnavailable("Máy in chưa bật")],
    ids=["sync", "printing"],
)
def test_a_refusal_of_any_layer_exits_1_with_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], exc: Exception
) -> None:
    assert _run(tmp_path, exc) == EXIT_REFUSED
    assert capsys.readouterr().err.strip() == f"Lỗi: {exc}"
    assert not (tmp_path / "data" / "logs").exists()


def test_a_plain_value_error_is_a_bug(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, ValueError(CITIZEN)) == EXIT_BUG
    err = capsys.readouterr().err
    assert "Lỗi không mong đợi (ValueError)" in err and "Nguyễn" not in err
    log = (tmp_path / "data" / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "lookup ValueError" in log and "Nguyễn" not in log


def test_init_refuses_a_plain_http_server_as_a_refusal(tmp_path: Path) -> None:
    # was a bare ValueError: exit 70 and a bug report for a typing mistake
    c = Cli(tmp_path / "data")
    args = ("--agency", "000.00.12.H01", "--counter", "Q01", "--server", "http://example.org")
    p = c.run("init", "--province", "an-giang", *args)
    assert p.returncode == 1 and "https://" in p.stderr and "errors.log" not in p.stderr
    assert not (c.data_dir / "motcua.db").exists()
