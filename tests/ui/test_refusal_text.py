"""How a window job's failure reaches the screen (issue 24): a refusal (``is_refusal``) shows
its message, translated at the edge by ``desktop.ui.refusals.describe``; anything else, a plain
``ValueError`` included, is a bug: its stack goes to the log, the screen says only that
something unexpected happened (its message may quote a citizen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop.devices.scanning import ScanCancelled
from desktop.domain.codes import validate_agency, validate_counter
from desktop.domain.qr_token import extract
from desktop.domain.reception import FormError
from desktop.domain.refusal import Refusal
from desktop.domain.stats.period import between, month, quarter
from desktop.failures import UnexpectedFailure
from desktop.store.accounts.officers import AuthError, PermissionDenied
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents.day_close import DayCloseRefused
from desktop.ui.login_view import LoginView
from desktop.ui.refusals import describe
from desktop.ui.tasks import Tasks
from sync.client import Refused

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


def _login_message(qtbot: QtBot, tmp_path: Path, exc: Exception) -> str:
    tasks = Tasks()
    tasks.log_to(tmp_path / "logs")
    view = LoginView(tasks)
    qtbot.addWidget(view)

    def sign_in() -> None:
        raise exc

    view._op(sign_in, lambda _r: None)  # the sign-in screen's own way of running a service call
    qtbot.waitUntil(lambda: bool(view.message.text()), timeout=5000)
    assert tasks.wait()
    return view.message.text()


def test_the_sign_in_screen_words_a_refusal_and_hides_a_bug(qtbot: QtBot, tmp_path: Path) -> None:
    locked = AuthError(
        "Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau 7 phút",
        code="account_locked",
        minutes=7,
    )
    assert _login_message(qtbot, tmp_path, locked) == str(locked)
    shown = _login_message(qtbot, tmp_path, ValueError(CITIZEN))
    assert shown.startswith("Lỗi không mong đợi (ValueError).") and "errors.log" in shown
    assert "Nguyễn" not in shown


# an English translation of a few templates, as resources/i18n will carry them
ENGLISH = {
    "Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút": (
        "Account locked after too many failed attempts; try again in {minutes} minutes"
    ),
    "Tài khoản {user} không có quyền này (cần: {roles})": (
        "Account {user} may not do this (needs: {roles})"
    ),
    "Cán bộ tiếp nhận": "Reception officer",
    "Lãnh đạo bộ phận": "Supervisor",
    "Hồ sơ thứ {item}: ": "Dossier {item}: ",
}


class _English(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return ENGLISH.get(source) if context == "Refusal" else None


@pytest.fixture
def english(qapp: QCoreApplication) -> Iterator[None]:
    translator = _English()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_a_coded_refusal_is_worded_from_its_params() -> None:
    # the Vietnamese template is the refusal's own message: the screen reads as the CLI does
    locked = AuthError("…", code="account_locked", minutes=12)
    assert describe(locked) == "Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau 12 phút"
    denied = PermissionDenied("…", user="mai", roles=("reception", "supervisor"))
    assert describe(denied) == (
        "Tài khoản mai không có quyền này (cần: Cán bộ tiếp nhận, Lãnh đạo bộ phận)"
    )


def test_the_window_translates_at_the_edge(english: None) -> None:
    locked = AuthError("Tài khoản tạm khóa…; thử lại sau 3 phút", code="account_locked", minutes=3)
    assert describe(locked) == (
        "Account locked after too many failed attempts; try again in 3 minutes"
    )
    assert str(locked) == "Tài khoản tạm khóa…; thử lại sau 3 phút"  # the command line's words
    denied = PermissionDenied("…", user="mai", roles=("reception", "supervisor"))
    assert describe(denied) == "Account mai may not do this (needs: Reception officer, Supervisor)"
    # one item of a list keeps its own code and says which item it was
    item = ActionError("Hồ sơ thứ 2: …", code="account_locked", minutes=3, item=2)
    assert describe(item).startswith("Dossier 2: Account locked")


def test_without_a_template_or_its_params_the_refusal_says_it_itself() -> None:
    assert describe(FormError("Số điện thoại: không hợp lệ")) == "Số điện thoại: không hợp lệ"
    # OfficerInfo.require gives no params: its own words, not a template with holes
    assert describe(PermissionDenied("Tài khoản x không có quyền này (cần: Quản trị)")) == (
        "Tài khoản x không có quyền này (cần: Quản trị)"
    )
    assert describe(Refused(409, "conflict", "đã có")) == "409 conflict: đã có"
    bug = UnexpectedFailure(KeyError("x"), Path("/data/logs/errors.log"))
    assert describe(bug) == str(bug)


def test_real_raise_sites_read_the_same_in_vietnamese(tmp_path: Path) -> None:
    # what the templates are checked against: the messages the store and domain build
    raised: list[Exception] = []
    for fn in (
        lambda: validate_agency("abc"),
        lambda: validate_counter("q-1"),
        lambda: between(date(2026, 3, 2), date(2026, 3, 1)),
        lambda: quarter(2026, 5),
        lambda: month(2026, 0),
        lambda: extract("x" * 5000),
        lambda: extract("không phải"),
        lambda: extract("https://example.org/"),
    ):
        with pytest.raises(Refusal) as exc:
            fn()
        raised.append(exc.value)
    raised.append(DayCloseRefused(date(2026, 3, 2), 4))
    raised.append(ScanCancelled())
    for exc in raised:
        assert describe(exc) == str(exc), type(exc).__name__
