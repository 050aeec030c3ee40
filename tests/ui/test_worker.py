"""Work off the GUI thread: refusals reach the screen as they are; a bug reaches it as a short
message while its stack (and never its message, which may quote a citizen) goes to the log."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.reception import FormError
from desktop.failures import UnexpectedFailure
from desktop.ui.tasks import Tasks


def _fail_with(tasks: Tasks, qtbot: QtBot, exc: Exception) -> Exception:
    got: list[Exception] = []

    def boom() -> None:
        raise exc

    tasks.db.submit(boom, lambda _r: None, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    return got[0]


def test_refusals_pass_and_bugs_are_logged_without_their_message(
    qtbot: QtBot, tmp_path: Path
) -> None:
    tasks = Tasks()
    tasks.log_to(tmp_path / "logs")
    refusal = FormError("Thiếu số giấy tờ")
    assert _fail_with(tasks, qtbot, refusal) is refusal

    bug = _fail_with(tasks, qtbot, KeyError("Nguyễn Văn An 0912345678"))
    assert isinstance(bug, UnexpectedFailure) and bug.kind == "KeyError"
    assert "Nguyễn" not in str(bug) and "errors.log" in str(bug)
    log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "boom" in log
    assert "Nguyễn" not in log and "0912345678" not in log
    assert tasks.wait()
