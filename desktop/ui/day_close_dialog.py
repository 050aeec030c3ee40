"""Khóa sổ cuối ngày: closing the counter's day is refused while events wait to sync, unless a
supervisor overrides it with a reason, which is recorded; the day's register book (Mẫu 06)
prints either way, because the paper book does not wait for the network (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import may
from desktop.services.day_figures import DayFigures
from desktop.services.desk import Desk
from desktop.services.incidents import DayClosureView, DayState
from desktop.services.printing import PrintOutcome

from .day_summary import day_text, summary_tip
from .operations import DeskOp
from .plain_table import moment
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named


class DayCloseDialog(QDialog):
    def __init__(self, tasks: Tasks, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayCloseDialog")
        self.setWindowTitle(self.tr("Khóa sổ cuối ngày"))
        self.setMinimumWidth(560)
        self.tasks = tasks
        self.desk = desk
        self.state: DayState | None = None
        self.loading = False
        officer = desk.officer
        # the override is offered to those the role table lets close a day that still waits
        self.supervisor = officer is not None and may(officer.roles, "day.close_override")

        today = QDate(desk.now().date())  # the province's day, not the OS time zone's
        self.day = named(QDateEdit(today), "dayDate")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(today)
        # the day in figures first (issue 22): what the officer is about to close
        self.figures = named(QLabel(""), "dayFigures")
        self.figures.setWordWrap(True)
        self.figures.setToolTip(summary_tip())
        self.status = named(QLabel(""), "dayState")
        self.status.setWordWrap(True)
        self.override = named(
            QCheckBox(self.tr("Khóa sổ dù còn dữ liệu chờ đồng bộ (giám sát chịu trách nhiệm)")),
            "overrideCheck",
        )
        self.reason = named(QLineEdit(), "overrideReason")
        self.reason.setPlaceholderText(self.tr("Lý do, ví dụ: mất mạng cả buổi chiều, đã báo Sở"))
        self.close_button = named(QPushButton(self.tr("Khóa sổ")), "closeDayButton")
        self.close_button.setProperty("primary", True)
        self.register_button = named(
            QPushButton(self.tr("In sổ theo dõi hồ sơ (Mẫu 06)")), "printRegisterButton"
        )
        done = QPushButton(self.tr("Đóng"))
        self.message = named(QLabel(""), "dayMessage")
        self.message.setWordWrap(True)

        top = QFormLayout()
        top.addRow(self.tr("Ngày"), self.day)
        form = QFormLayout()
        form.addRow(self.override)
        # the override's sentence is one line a check box cannot wrap: the dialog is as wide
        # as it (its English was cut at "answers fo" in 560 px)
        self.setMinimumWidth(max(560, self.override.sizeHint().width() + 48))
        form.addRow(self.tr("Lý do"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.override.setVisible(self.supervisor)
        self.reason.setVisible(self.supervisor)
        form.labelForField(self.reason).setVisible(self.supervisor)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.override.toggled.connect(lambda _on: self._enable())
        self.reason.textChanged.connect(lambda _t: self._enable())
        self.close_button.clicked.connect(self.close_day)
        self.register_button.clicked.connect(self.print_register)
        done.clicked.connect(self.accept)
        self.refresh()

    def chosen_day(self) -> date:
        picked: date = self.day.date().toPython()  # type: ignore[assignment]
        return picked

    def refresh(self) -> None:
        day, desk = self.chosen_day(), self.desk
        self._run(lambda: desk.incidents.day_state(day), self._show)
        # the figures apart: counting is no reason to refuse the close, nor to say so
        DeskOp(self.tasks, lambda: desk.day_figures.of(day), self._show_figures, quiet=True).start()

    def _show_figures(self, figures: DayFigures) -> None:
        if figures.day == self.chosen_day():
            self.figures.setText(day_text(figures))

    def _show(self, state: DayState) -> None:
        self.loading = False
        self.state = state
        lines = []
        if not state.needs_server:
            lines.append(self.tr("Quầy không nối máy chủ tỉnh: không có gì phải chờ đồng bộ."))
        elif state.pending:
            lines.append(
                self.tr(
                    "Còn {0} thao tác chưa gửi được lên máy chủ tỉnh: chưa khóa sổ được. Chờ "
                    "đồng bộ xong, hoặc nhờ cán bộ giám sát khóa sổ kèm lý do."
                ).format(state.pending)
            )
        else:
            lines.append(self.tr("Mọi thao tác trong ngày đã gửi lên máy chủ tỉnh."))
        if state.dead:
            lines.append(
                self.tr("{0} thao tác bị máy chủ từ chối, cần giám sát xem lại.").format(state.dead)
            )
        for c in state.closures:
            lines.append(
                self.tr("Đã khóa sổ lúc {0} bởi {1} (%n hồ sơ){2}.", "", c.dossiers).format(
                    moment(c.closed_at),
                    c.closed_by,
                    self.tr(", khi còn {0} thao tác chờ; lý do: {1}").format(c.pending, c.reason)
                    if c.override
                    else "",
                )
            )
        self.status.setText("\n".join(lines))
        mark(self.status, "error" if state.blocked else "hint")
        self._enable()
        self.adjustSize()

    def _enable(self) -> None:
        state = self.state
        overriding = self.override.isChecked()
        self.reason.setEnabled(overriding)
        ready = state is not None and not self.loading
        if state is not None and state.blocked:
            ready = ready and overriding and bool(self.reason.text().strip())
        self.close_button.setEnabled(ready)

    def close_day(self) -> None:
        state, desk = self.state, self.desk
        if state is None:
            return
        reason = self.reason.text() if state.blocked and self.override.isChecked() else None
        self._run(lambda: desk.incidents.close_day(state.day, reason), self._closed)

    def _closed(self, closed: DayClosureView) -> None:
        self.loading = False
        self._say(
            self.tr("Đã khóa sổ ngày {0}: %n hồ sơ.", "", closed.dossiers).format(
                closed.day.strftime("%d/%m/%Y")
            ),
            "ok",
        )
        self.refresh()

    def print_register(self) -> None:
        day, desk = self.chosen_day(), self.desk
        self._run(lambda: desk.incidents.print_register(day), self._printed)

    def _printed(self, out: PrintOutcome) -> None:
        self.loading = False
        self._say(outcome_text(out, full_path=True, empty=False), "ok")
        self._enable()

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.loading = True
        self._enable()
        DeskOp(self.tasks, fn, done, say=self._say, on_failed=self._stopped).start()

    def _stopped(self, _exc: Exception) -> None:
        self.loading = False
        self._enable()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
        self.adjustSize()
