"""Signing in, and unlocking a counter screen that locked itself while idle.

Online against the provincial server when it answers, else offline with the local verifier;
a first sign-in asks for a new password (Kiên Giang QĐ 921/QĐ-UBND Điều 19); five wrong
passwords lock the account for a while. The check runs off the GUI thread."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .domain_words import counter_heading
from .operations import DeskOp
from .style import mark
from .tasks import Tasks
from .widgets import named

T = TypeVar("T")

if TYPE_CHECKING:
    from desktop.services.desk import Desk, OfficerInfo, SignIn


class PasswordDialog(QDialog):
    """The officer chooses a new password (twice)."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        intro = QLabel(
            self.tr(
                "Tài khoản {0} đăng nhập lần đầu: hãy đặt mật khẩu của riêng mình "
                "(ít nhất 8 ký tự, có cả chữ và số) và không chia sẻ cho người khác."
            ).format(username)
        )
        intro.setWordWrap(True)
        self.new = named(QLineEdit(), "newPassword")
        self.again = named(QLineEdit(), "newPasswordAgain")
        for e in (self.new, self.again):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = named(QLabel(""), "passwordProblem")
        mark(self.problem, "error")
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu mới"), self.new)
        form.addRow(self.tr("Nhập lại"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.new.text() != self.again.text():
            self.problem.setText(self.tr("Hai lần nhập không giống nhau"))
            return
        if len(self.new.text()) < 8:
            self.problem.setText(self.tr("Mật khẩu cần ít nhất 8 ký tự"))
            return
        self.accept()


class LoginView(QWidget):
    signed_in = Signal(object, bool)  # OfficerInfo, online

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.locked_for: OfficerInfo | None = None
        self.busy = False
        self._waiting: tuple[str, str] | None = None  # typed before the desk had opened
        self.title = named(QLabel(self.tr("Đăng nhập quầy")), "screenTitle")
        # the panel names the centre and the counter (which PC this is), and the version
        self.office = named(QLabel(""), "loginOffice")
        self.office.setWordWrap(True)
        self.office.hide()
        self.counter = named(QLabel(""), "loginCounter")
        from desktop import __version__

        self.version = named(
            QLabel(self.tr("Quầy Một Cửa, phiên bản {0}").format(__version__)), "loginVersion"
        )
        mark(self.version, "hint")
        self.username = named(QLineEdit(), "usernameInput")
        self.username.setPlaceholderText(self.tr("tên đăng nhập"))
        self.password = named(QLineEdit(), "passwordInput")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("mật khẩu"))
        self.submit = named(QPushButton(self.tr("Đăng nhập")), "loginButton")
        self.submit.setProperty("primary", True)
        self.switch = named(QPushButton(self.tr("Đăng nhập tài khoản khác")), "switchUserButton")
        self.message = named(QLabel(""), "loginMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        self.user_label = QLabel(self.tr("Tên đăng nhập"))
        self.password_label = QLabel(self.tr("Mật khẩu"))
        form.addRow(self.user_label, self.username)
        form.addRow(self.password_label, self.password)
        box = named(QFrame(), "loginPanel")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setFixedWidth(520)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 20, 24, 16)
        inner.addWidget(self.office)
        inner.addWidget(self.title)
        inner.addWidget(self.counter)
        inner.addLayout(form)
        inner.addWidget(self.submit)
        inner.addWidget(self.switch)
        inner.addWidget(self.message)
        inner.addWidget(self.version)
        centred = QHBoxLayout()  # stretches, not Qt.AlignmentFlag: see widgets.py
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self.switch.hide()
        self.submit.clicked.connect(self.attempt)
        self.password.returnPressed.connect(self.attempt)
        self.username.returnPressed.connect(self.password.setFocus)
        self.switch.clicked.connect(self.unlock_for_anyone)

    def retranslate(self) -> None:
        """The panel's words in the language just installed (a language switch)."""
        from desktop import __version__

        self.title.setText(
            self.tr("Màn hình đã khóa") if self.locked_for else self.tr("Đăng nhập quầy")
        )
        self.username.setPlaceholderText(self.tr("tên đăng nhập"))
        self.password.setPlaceholderText(self.tr("mật khẩu"))
        self.submit.setText(self.tr("Đăng nhập"))
        self.switch.setText(self.tr("Đăng nhập tài khoản khác"))
        self.version.setText(self.tr("Quầy Một Cửa, phiên bản {0}").format(__version__))
        self.user_label.setText(self.tr("Tên đăng nhập"))
        self.password_label.setText(self.tr("Mật khẩu"))

    def show_counter(self, title: str) -> None:
        self.counter.setText(counter_heading(title))

    def set_desk(self, desk: Desk) -> None:
        """The desk is open: a sign-in typed while it opened is checked now."""
        self.desk = desk
        self.counter.setText(counter_heading(desk.title))
        lines = [line for line in desk.office_lines if line]
        self.office.setText("<br>".join(f"<b>{html.escape(line)}</b>" for line in lines))
        self.office.setVisible(bool(lines))
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._check(desk, *waiting)

    def desk_failed(self) -> None:
        """The desk could not be opened (the window says why): a waiting sign-in is dropped."""
        if self._waiting is not None:
            self._waiting = None
            self.busy = False
            self.submit.setEnabled(True)
            self._say("", "hint")

    def lock(self, officer: OfficerInfo, *, idle: bool = False) -> None:
        """The lock: the same officer unlocks with their password, or someone else signs in.
        The message says why the screen is locked (issue 22: Ctrl+L said "idle")."""
        self.locked_for = officer
        self.title.setText(self.tr("Màn hình đã khóa"))
        self.username.setText(officer.username)
        self.username.setEnabled(False)
        self.password.clear()
        self.switch.show()
        why = (
            self.tr("Quầy tự khóa khi không dùng. {0} nhập mật khẩu để tiếp tục.")
            if idle
            else self.tr("{0} đã khóa màn hình. Nhập mật khẩu để tiếp tục.")
        )
        self._say(why.format(officer.full_name), "hint")
        self.password.setFocus()

    def unlock_for_anyone(self) -> None:
        self.locked_for = None
        self.title.setText(self.tr("Đăng nhập quầy"))
        self.username.setEnabled(True)
        self.username.clear()
        self.password.clear()
        self.switch.hide()
        self._say("", "hint")
        self.username.setFocus()

    def attempt(self) -> None:
        if self.busy:
            return
        user = self.username.text().strip().lower()
        password = self.password.text()
        if not user or not password:
            self._say(self.tr("Nhập tên đăng nhập và mật khẩu"), "error")
            return
        self.busy = True
        self.submit.setEnabled(False)
        self._say(self.tr("Đang kiểm tra…"), "hint")
        if self.desk is None:  # the screen is up before the desk has opened behind it
            self._waiting = (user, password)
            return
        self._check(self.desk, user, password)

    def _check(self, desk: Desk, user: str, password: str) -> None:
        self._op(lambda: desk.sign_in(user, password), lambda result: self._done(result, password))

    def _done(self, result: SignIn, password: str) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        officer = result.officer
        if self.locked_for is not None and officer.username != self.locked_for.username:
            self.unlock_for_anyone()
        assert self.desk is not None
        desk = self.desk
        if result.must_change:
            dialog = PasswordDialog(officer.username, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._say(self.tr("Cần đổi mật khẩu trước khi làm việc"), "error")
                return
            new = dialog.new.text()
            self.busy = True
            self._op(
                lambda: desk.change_password(officer.username, password, new),
                lambda _online: self._finish(officer, result.online),
            )
            return
        self._finish(officer, result.online)

    def _finish(self, officer: OfficerInfo, online: bool) -> None:
        self.busy = False
        self.password.clear()
        self._say("", "hint")
        self.locked_for = None
        self.username.setEnabled(True)
        self.switch.hide()
        self.title.setText(self.tr("Đăng nhập quầy"))
        self.signed_in.emit(officer, online)

    def _op(self, run: Callable[[], T], done: Callable[[T], None]) -> None:
        """Signing in may ask the provincial server: on the I/O pool."""
        DeskOp(self.tasks, run, done, say=self._say, on_failed=self._stopped, io=True).start()

    def _stopped(self, _exc: Exception) -> None:
        self.busy = False
        self.submit.setEnabled(True)
        self.password.clear()
        self.password.setFocus()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
