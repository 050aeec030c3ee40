"""How a window job's failure reaches the screen (issue 24): a refusal (``is_refusal``) shows
its message, translated at the edge by ``desktop.ui.refusals.describe``; anything else, a plain
``ValueError`` included, is a bug: its stack goes to the log, the screen says only that
something unexpected happened (its message may quote a citizen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.reception import FormError
from desktop.failures import UnexpectedFailure
from desktop.ui.tasks import Tasks

CITIZEN = "Nguyễn Văn An 0912345678"


def _fail_with(tasks: Tasks, qtbot: QtBot, exc: Exception) -> Exception:
    got: list[Exception] = []

    def job() -> None:
        raise exc

    tasks.db.submit(job, lambda _r: None, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    return got[0]


@pytest.mark.parametrize("bug", [ValueError(CITIZEN), KeyError(CITIZEN)])
def test_a_plain_value_or_key_error_is_a_bug(qtbot: QtBot, tmp_path: Path, bug: Exception) -> None:
    tasks = Tasks()
    tasks.log_to(tmp_path / "logs")
    shown = _fail_with(tasks, qtbot, bug)
    assert isinstance(shown, UnexpectedFailure)
    assert str(shown).startswith("Lỗi không mong đợi") and "Nguyễn" not in str(shown)
    log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
    assert f"job {type(bug).__name__}" in log and "raise exc" in log
    assert "Nguyễn" not in log and "0912345678" not in log
    assert tasks.wait()


def test_a_refusal_shows_its_message(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    tasks.log_to(tmp_path / "logs")
    refusal = FormError("Thiếu số giấy tờ")
    shown = _fail_with(tasks, qtbot, refusal)
    assert shown is refusal
    assert not (tmp_path / "logs").exists()
    assert tasks.wait()
