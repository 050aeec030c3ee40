"""One way for the screens to run service calls (desktop/ui/operations.py): no screen calls the
workers itself; a refusal is said with its own text and the screen is usable again; a bug is
said with the generic text; the GUI thread keeps running while the work runs. And what the
window says about a print, in the officer's language."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.reception import FormError
from desktop.services.printing import PrintLine, PrintOutcome
from desktop.ui import operations
from desktop.ui.i18n import install
from desktop.ui.operations import DeskOp
from desktop.ui.print_text import outcome_text
from desktop.ui.tasks import Tasks

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
WAIT = 10_000


def _worker_uses(path: Path) -> list[int]:
    """Lines reaching a worker's submit: ``<anything>.db.submit`` or ``<anything>.io.submit``,
    called or passed on."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "submit"
        and isinstance(node.value, ast.Attribute)
        and node.value.attr in ("db", "io")
    ]


def test_no_screen_calls_the_workers_itself() -> None:
    found = {
        p.name: lines
        for p in sorted(UI.glob("*.py"))
        if p.name != "operations.py" and (lines := _worker_uses(p))
    }
    assert found == {}, "use desktop.ui.operations.DeskOp"


class _Screen:
    """A status line and a button, as a screen has them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.button = QPushButton("Tiếp nhận")
        qtbot.addWidget(self.button)
        self.said: list[tuple[str, str]] = []
        self.cleaned: list[Exception] = []
        self.done: list[object] = []

    def say(self, text: str, role: str) -> None:
        self.said.append((text, role))


def test_a_refusal_is_said_and_the_button_comes_back_while_the_gui_kept_running(
    qtbot: QtBot,
) -> None:
    tasks = Tasks()
    screen = _Screen(qtbot)
    release = threading.Event()
    ticks: list[int] = []

    def run() -> None:
        assert QThread.currentThread() is not QCoreApplication.instance().thread()  # type: ignore[union-attr]
        release.wait(WAIT / 1000)
        raise FormError("Thiếu số giấy tờ")

    DeskOp(
        tasks,
        run,
        screen.done.append,
        say=screen.say,
        busy_text="Đang tiếp nhận…",
        disable=(screen.button,),
        on_failed=screen.cleaned.append,
    ).start()
    assert screen.said == [("Đang tiếp nhận…", "hint")]
    assert not screen.button.isEnabled()
    # the work is still waiting, yet the event loop runs: a timer fires
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=WAIT)
    assert not screen.button.isEnabled() and not screen.cleaned
    release.set()
    qtbot.waitUntil(lambda: bool(screen.cleaned), timeout=WAIT)
    assert screen.said[-1] == ("Thiếu số giấy tờ", "error")
    assert screen.button.isEnabled() and screen.done == []
    assert isinstance(screen.cleaned[0], FormError)
    assert tasks.wait()


def test_a_bug_is_said_with_the_generic_text(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    tasks.log_to(tmp_path / "logs")
    screen = _Screen(qtbot)

    def run() -> None:
        raise KeyError("Nguyễn Văn An 0912345678")

    DeskOp(tasks, run, say=screen.say, disable=(screen.button,), io=True).start()
    qtbot.waitUntil(lambda: len(screen.said) == 1, timeout=WAIT)
    text, role = screen.said[0]
    assert role == "error" and text.startswith("Lỗi không mong đợi (KeyError)")
    assert "Nguyễn" not in text and screen.button.isEnabled()
    assert tasks.wait()


def test_done_goes_to_the_screen_and_a_disabled_button_stays_disabled(qtbot: QtBot) -> None:
    tasks = Tasks()
    screen = _Screen(qtbot)
    screen.button.setEnabled(False)  # the screen had it off: the operation gives it back off
    DeskOp(tasks, lambda: 42, screen.done.append, say=screen.say, disable=(screen.button,)).start()
    qtbot.waitUntil(lambda: screen.done == [42], timeout=WAIT)
    assert not screen.button.isEnabled() and screen.said == []
    assert tasks.wait()


def test_quiet_work_says_nothing_and_without_a_status_line_a_box_says_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = Tasks()
    screen = _Screen(qtbot)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: boxes.append(text))

    def refuse() -> None:
        raise FormError("Chưa chọn thủ tục")

    DeskOp(tasks, refuse, say=screen.say, quiet=True, on_failed=screen.cleaned.append).start()
    qtbot.waitUntil(lambda: bool(screen.cleaned), timeout=WAIT)
    assert screen.said == [] and boxes == []
    DeskOp(tasks, refuse, parent=screen.button).start()
    qtbot.waitUntil(lambda: bool(boxes), timeout=WAIT)
    assert boxes == ["Chưa chọn thủ tục"]
    assert tasks.wait()


def test_the_failure_text_is_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lead switches the wording of refusals in one place."""
    said: list[str] = []
    monkeypatch.setattr(operations, "failure_text", lambda exc: f"<{exc}>")
    operations.show_failure(FormError("x"), lambda text, _role: said.append(text))
    assert said == ["<x>"]


# -- what the window says about a print -------------------------------------------------------

SLIPS = Path("/tmp/printouts")
OUTCOME = PrintOutcome(
    [
        PrintLine("printed", "receipt", "H01.1", "Giấy tiếp nhận H01.1", "Máy in phiếu"),
        PrintLine(
            "queued", "supplement", "H01.1", "Phiếu yêu cầu bổ sung H01.1", "XP-80", "no paper"
        ),
        PrintLine("not_installed", "apology", "H01.2", "Phiếu xin lỗi và hẹn lại H01.2"),
        PrintLine("sent", "control", "H01.1", "Phiếu kiểm soát H01.1", "hp-a4"),
        PrintLine("saved", "register", "2026-01-05", "Sổ", path=SLIPS / "so-theo-doi.pdf"),
        PrintLine("printed", "test", "", "In thử", "XP-80"),
    ]
)


def test_the_command_line_keeps_its_vietnamese_sentence() -> None:
    assert OUTCOME.summary_vi() == (
        "Đã in Giấy tiếp nhận H01.1 ra Máy in phiếu; "
        "Đã gửi Phiếu kiểm soát H01.1 tới máy in A4 hp-a4; "
        "Đã in In thử ra XP-80; "
        "XP-80: no paper — phiếu chờ trong hàng đợi in; "
        "Quầy chưa cài máy in phiếu (Cài đặt → Máy in); "
        "Đã lưu so-theo-doi.pdf"
    )
    assert PrintOutcome().summary_vi() == "Không có gì được in"


def test_print_lines_are_worded_by_the_window_in_its_language(qtbot: QtBot) -> None:
    assert outcome_text(OUTCOME).startswith("Đã in Giấy tiếp nhận H01.1 ra Máy in phiếu; ")
    assert "Sổ theo dõi hồ sơ ngày 05/01/2026" not in outcome_text(OUTCOME)  # saved: the file
    app = QCoreApplication.instance()
    assert app is not None
    translators = install(app, "en")
    try:
        text = outcome_text(OUTCOME, full_path=True)
        nothing = outcome_text(PrintOutcome())
    finally:
        for t in translators:
            app.removeTranslator(t)
    assert text == (
        "Printed Receipt H01.1 on Máy in phiếu; "  # the printer's own name is the officer's
        "Sent Control slip H01.1 to the A4 printer hp-a4; "
        "Printed Test print on XP-80; "
        "XP-80: no paper — the slip waits in the print queue; "
        "The counter has no receipt printer (Settings → Printer); "
        f"Saved {SLIPS / 'so-theo-doi.pdf'}"
    )
    assert nothing == "Nothing was printed"
    forms = [
        PrintLine("printed", form, "7", "", "P")
        for form in ("supplement", "rejection", "apology", "incident_request", "catchup_report")
    ] + [PrintLine("printed", "register", "2026-01-05", "", "P")]
    translators = install(app, "en")
    try:
        worded = outcome_text(PrintOutcome(forms))
    finally:
        for t in translators:
            app.removeTranslator(t)
    assert worded.isascii(), worded
    assert "Register book of 05/01/2026" in worded


def test_a_screen_closed_while_its_work_runs_gets_no_answer(qtbot: QtBot) -> None:
    """A window closed with a look-up still running (the officer signs out, a test ends): the
    answer arrives for widgets Qt has deleted and is dropped, not an error in the event loop —
    it was, under a full parallel run, as ``RuntimeError: … QLineEdit already deleted``."""
    from PySide6.QtWidgets import QLineEdit

    class Screen(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.query = QLineEdit(self)
            self.shown: list[object] = []

        def show_result(self, result: object) -> None:
            self.shown.append((self.query.text(), result))

        def show_failure(self, text: str, role: str) -> None:
            self.shown.append((self.query.text(), text))

    tasks = Tasks()
    release = threading.Event()

    def run() -> str:
        release.wait(WAIT / 1000)
        return "found"

    def failing() -> str:
        release.wait(WAIT / 1000)
        raise FormError("Thiếu số giấy tờ")

    screen = Screen()
    DeskOp(tasks, run, screen.show_result).start()
    DeskOp(tasks, failing, say=screen.show_failure).start()
    DeskOp(tasks, run, lambda result: screen.show_result(result)).start()
    screen.deleteLater()
    qtbot.waitUntil(lambda: _deleted(screen), timeout=WAIT)
    release.set()
    tasks.wait()
    QCoreApplication.processEvents()  # the answers' deliveries: an error here fails the test


def _deleted(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return True
    QCoreApplication.sendPostedEvents(None, 0)  # deleteLater's event (type 0: every kind)
    return False
