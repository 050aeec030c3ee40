"""Phản ánh, kiến nghị — the feedback register (issue 20 item 3; QĐ 84/2025 Quảng Ninh Điều
17.3.b, 18): every item with its next deadline — the answer within 15 working days, then a
progress update every 5 once late, the answer published within 2 — amber when under two
working days are left, red past due, the words saying the same as the colour. A small form
enters a new item (at the counter, by phone, letter, e-mail or fax); the buttons under the list
record a progress update, the answer, and its publication for the selected item.

Every service call runs off the GUI thread (``DeskOp``, ``OneRead``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import Urgency
from desktop.domain.feedback import Channel, State, working_days_left
from desktop.domain.roles import may
from desktop.services.desk import Desk, OfficerInfo
from desktop.services.feedback import SOURCE, FeedbackView

from .due_rows import OneRead, fit, paint_row
from .operations import DeskOp
from .plain_table import plain_table
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

T = TypeVar("T")
REFRESH_MS = 60_000

CHANNEL_LABELS = {
    Channel.COUNTER: QT_TRANSLATE_NOOP("FeedbackScreen", "Tại quầy"),
    Channel.PHONE: QT_TRANSLATE_NOOP("FeedbackScreen", "Điện thoại"),
    Channel.LETTER: QT_TRANSLATE_NOOP("FeedbackScreen", "Văn bản"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("FeedbackScreen", "Thư điện tử"),
    Channel.FAX: QT_TRANSLATE_NOOP("FeedbackScreen", "Fax"),
}
STATE_LABELS = {
    State.OPEN: QT_TRANSLATE_NOOP("FeedbackScreen", "Đang xử lý"),
    State.ANSWERED: QT_TRANSLATE_NOOP("FeedbackScreen", "Đã trả lời, chờ công khai"),
    State.PUBLISHED: QT_TRANSLATE_NOOP("FeedbackScreen", "Đã công khai"),
}


class FeedbackScreen(QWidget):
    changed = Signal()  # an entry was written: sync soon

    # the clock right after the id: on a narrow screen the long texts are what scrolls away
    HEADERS = (
        QT_TRANSLATE_NOOP("FeedbackScreen", "Mã"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Thời hạn"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Hạn tiếp theo"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Trạng thái"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Người phản ánh"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Nhận lúc"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Kênh"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Hồ sơ"),
        QT_TRANSLATE_NOOP("FeedbackScreen", "Nội dung"),
    )
    CLOCK = 1

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.items: list[FeedbackView] = []
        self.reader: OneRead[FeedbackView] = OneRead(tasks, self._listed, self._say)
        self.busy = False

        self.rule = named(QLabel(""), "feedbackRule")
        self.rule.setWordWrap(True)
        mark(self.rule, "hint")
        self.open_only = named(QCheckBox(self.tr("Chỉ phản ánh chưa trả lời")), "feedbackOpen")
        self.count = named(QLabel(""), "feedbackCount")
        self.refresh_button = named(QPushButton(self.tr("Làm mới (Ctrl+R)")), "feedbackRefresh")
        self.table = plain_table(
            "feedbackTable", [self.tr(str(h)) for h in self.HEADERS], stretch=8
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        fit(self.table, {1: 290, 4: 150})

        # a new item
        self.from_name = named(QLineEdit(), "feedbackFromName")
        self.phone = named(QLineEdit(), "feedbackPhone")
        self.phone.setPlaceholderText(self.tr("điện thoại"))
        self.phone.setMaximumWidth(120)
        self.dossier = named(QLineEdit(), "feedbackDossier")
        self.dossier.setPlaceholderText(self.tr("mã hồ sơ, nếu phản ánh về một hồ sơ"))
        self.channel = named(QComboBox(), "feedbackChannel")
        for ch, label in CHANNEL_LABELS.items():
            self.channel.addItem(self.tr(str(label)), ch.value)
        self.received_at = named(QDateTimeEdit(), "feedbackReceivedAt")
        self.received_at.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.received_at.setCalendarPopup(True)
        self.text = named(QPlainTextEdit(), "feedbackText")
        self.text.setPlaceholderText(self.tr("nội dung phản ánh, kiến nghị"))
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(60)
        self.add_button = named(QPushButton(self.tr("Ghi nhận phản ánh")), "feedbackAdd")
        self.add_button.setProperty("primary", True)

        # the selected item
        self.selected = named(QLabel(""), "feedbackSelected")
        self.selected.setWordWrap(True)
        self.reply = named(QPlainTextEdit(), "feedbackReply")
        self.reply.setPlaceholderText(self.tr("tình hình xử lý, hoặc kết quả trả lời"))
        self.reply.setTabChangesFocus(True)
        self.reply.setMaximumHeight(60)
        self.update_button = named(QPushButton(self.tr("Cập nhật tiến độ")), "feedbackUpdate")
        self.answer_button = named(QPushButton(self.tr("Ghi trả lời")), "feedbackAnswer")
        self.publish_button = named(QPushButton(self.tr("Đã công khai")), "feedbackPublish")

        self.message = named(QLabel(""), "feedbackMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._tick)

        self.refresh_button.clicked.connect(self.refresh)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add)
        self.update_button.clicked.connect(self.update_progress)
        self.answer_button.clicked.connect(self.answer)
        self.publish_button.clicked.connect(self.publish)
        shortcut(self, "Ctrl+R", self.refresh, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addWidget(self.count, 1)
        top.addWidget(self.refresh_button)

        new = QGroupBox(self.tr("Ghi nhận phản ánh, kiến nghị mới"))
        form = QFormLayout(new)
        who = QHBoxLayout()
        who.addWidget(self.from_name, 1)
        who.addWidget(self.phone)
        how = QHBoxLayout()
        how.addWidget(self.channel, 1)
        how.addWidget(self.received_at)
        form.addRow(self.tr("Người phản ánh:"), who)
        form.addRow(self.tr("Kênh, nhận lúc:"), how)
        form.addRow(self.tr("Hồ sơ:"), self.dossier)
        form.addRow(self.tr("Nội dung:"), self.text)
        form.addRow("", self.add_button)

        act = QGroupBox(self.tr("Phản ánh đang chọn"))
        box = QVBoxLayout(act)
        box.addWidget(self.selected)
        box.addWidget(self.reply)
        box.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.publish_button)
        box.addLayout(buttons)

        side = QVBoxLayout()  # beside the list, so the list keeps the screen's height
        side.addWidget(new)
        side.addWidget(act, 1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(460)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        chain: list[QWidget] = [
            self.open_only,
            self.table,
            self.reply,
            self.update_button,
            self.answer_button,
            self.publish_button,
            self.from_name,
            self.phone,
            self.channel,
            self.received_at,
            self.dossier,
            self.text,
            self.add_button,
            self.refresh_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- set-up and the list -------------------------------------------------------------------

    def start(self, desk: Desk, officer: OfficerInfo) -> None:
        self.desk = desk
        self.officer = officer
        self.rule.setText(
            self.tr(
                "Trả lời trong 15 ngày làm việc kể từ ngày nhận; quá hạn thì cập nhật tiến độ "
                "mỗi 5 ngày làm việc; có kết quả thì công khai trong 2 ngày làm việc — căn cứ: {0}"
            ).format(SOURCE)
        )
        self._reset_form()
        self._say("", "hint")
        self.timer.start()
        self.refresh()

    def _reset_form(self) -> None:
        for edit in (self.from_name, self.phone, self.dossier):
            edit.clear()
        self.text.clear()
        self.channel.setCurrentIndex(0)
        now = self.desk.now() if self.desk is not None else datetime.now()
        self.received_at.setDateTime(QDateTime(now.replace(second=0, microsecond=0)))
        self.received_at.setMaximumDateTime(QDateTime(now.replace(hour=23, minute=59)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.desk is not None:
            self.refresh()

    def _tick(self) -> None:
        if self.isVisible() and self.desk is not None and not self.busy:
            self.refresh()

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    @property
    def loading(self) -> bool:
        return self.reader.loading

    def refresh(self) -> None:
        if self.desk is not None:
            desk, open_only = self.desk, self.open_only.isChecked()
            self.reader.ask(lambda: desk.feedback.list(open_only=open_only))

    def _listed(self, items: list[FeedbackView]) -> None:
        keep = self.current()
        self.items = items
        table = self.table
        table.setRowCount(len(items))
        for r, v in enumerate(items):
            cells = (
                v.id[:8],
                self.clock_text(v),
                v.clocks.due_at.strftime("%d/%m/%Y") if v.clocks.due_at else "",
                self.tr(str(STATE_LABELS[v.state])),
                v.from_name,
                v.received_at.strftime("%H:%M %d/%m/%Y"),
                self.tr(str(CHANNEL_LABELS[v.channel])),
                v.dossier or "",
                v.text,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 4, 8):
                    item.setToolTip(text)
                table.setItem(r, c, item)
            paint_row(table, r, v.clocks.urgency)
        ids = [v.id for v in items]
        if keep is not None and keep.id in ids:
            table.selectRow(ids.index(keep.id))
        elif items:
            table.selectRow(0)
        overdue = sum(1 for v in items if v.overdue)
        waiting = sum(1 for v in items if v.state is State.OPEN)
        text = self.tr("%n phản ánh · {0} đang xử lý", "", len(items)).format(waiting)
        if not items:  # nothing to show: said in words, not as zeros
            text = (
                self.tr("Không có phản ánh nào chờ trả lời.")
                if self.open_only.isChecked()
                else self.tr("Chưa có phản ánh, kiến nghị nào.")
            )
        if overdue:
            text += self.tr(" · {0} quá hạn").format(overdue)
        self.count.setText(text)
        mark(self.count, "error" if overdue else "hint")
        self._update_buttons()

    def clock_text(self, v: FeedbackView) -> str:
        """The next deadline in words (the row's colour says the same; the next column has
        its date)."""
        c = v.clocks
        if c.due_at is None:
            return self.tr("Đã xong")
        assert self.desk is not None
        now, calendar = self.desk.now(), self.desk.state.ctx.calendar
        if v.state is State.OPEN and c.urgency is Urgency.OVERDUE:
            late = max(1, -working_days_left(calendar, c.answer_due_at, now))
            text = self.tr("Quá hạn trả lời {0} ngày làm việc").format(late)
            if c.next_update_due_at is not None and now > c.next_update_due_at:
                text += self.tr(", chưa cập nhật tiến độ")
            return text
        what = self.tr("trả lời") if v.state is State.OPEN else self.tr("công khai")
        if c.urgency is Urgency.OVERDUE:
            return self.tr("Quá hạn {0}").format(what)
        left = working_days_left(calendar, c.due_at, now)
        if c.urgency is Urgency.SOON:
            if left <= 0:
                return self.tr("Sắp hết hạn {0}: hôm nay").format(what)
            return self.tr("Sắp hết hạn {0}: còn {1} ngày").format(what, left)
        return self.tr("Hạn {0}: còn {1} ngày làm việc").format(what, left)

    def current(self) -> FeedbackView | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _update_buttons(self) -> None:
        v = self.current()
        roles = self.officer.roles if self.officer is not None else frozenset()
        open_ = v is not None and v.state is State.OPEN
        free = not self.busy
        self.add_button.setEnabled(free and may(roles, "feedback.add"))
        self.update_button.setEnabled(free and open_ and may(roles, "feedback.add"))
        self.answer_button.setEnabled(free and open_ and may(roles, "feedback.answer"))
        self.publish_button.setEnabled(
            free and v is not None and v.state is State.ANSWERED and may(roles, "feedback.answer")
        )
        if v is None:
            self.selected.setText(self.tr("Chưa chọn phản ánh nào"))
            return
        parts = [self.tr("{0} — {1}").format(v.id[:8], self.tr(str(STATE_LABELS[v.state])))]
        if v.answer:
            parts.append(self.tr("Trả lời: {0}").format(v.answer))
        if v.refused:
            parts.append(self.tr("Máy chủ tỉnh không nhận: {0}").format(v.refused))
        elif v.unsent:
            parts.append(self.tr("Chưa gửi lên máy chủ tỉnh"))
        self.selected.setText("\n".join(parts))
        mark(self.selected, "error" if v.refused else "hint")

    # -- writing ------------------------------------------------------------------------------

    def add(self) -> None:
        if self.busy or self.desk is None or not self.add_button.isEnabled():
            return
        desk = self.desk
        text, name = self.text.toPlainText(), self.from_name.text()
        phone, dossier = self.phone.text().strip() or None, self.dossier.text().strip() or None
        channel = str(self.channel.currentData())
        received_at = self.received_at.dateTime().toPython()
        assert isinstance(received_at, datetime)
        self._run(
            lambda: desk.feedback.add(
                text, name, channel, phone=phone, dossier=dossier, received_at=received_at
            ),
            self._added,
            self.tr("Đang ghi nhận phản ánh…"),
        )

    def _added(self, v: FeedbackView) -> None:
        self._written(
            self.tr("Đã ghi nhận phản ánh {0}; hạn trả lời {1}.").format(
                v.id[:8], v.clocks.answer_due_at.strftime("%H:%M %d/%m/%Y")
            )
        )
        self._reset_form()

    def update_progress(self) -> None:
        self._act(
            self.update_button,
            lambda desk, ref, text: desk.feedback.update(ref, text),
            self.tr("Đã cập nhật tiến độ phản ánh {0}."),
        )

    def answer(self) -> None:
        self._act(
            self.answer_button,
            lambda desk, ref, text: desk.feedback.answer(ref, text),
            self.tr("Đã ghi kết quả trả lời phản ánh {0}; công khai trước {1}."),
        )

    def publish(self) -> None:
        self._act(
            self.publish_button,
            lambda desk, ref, _text: desk.feedback.publish(ref),
            self.tr("Đã ghi nhận công khai kết quả phản ánh {0}."),
        )

    def _act(
        self,
        button: QPushButton,
        call: Callable[[Desk, str, str], FeedbackView],
        said: str,
    ) -> None:
        v = self.current()
        if self.busy or self.desk is None or v is None or not button.isEnabled():
            return
        desk, ref, text = self.desk, v.id, self.reply.toPlainText()

        def done(after: FeedbackView) -> None:
            due = after.clocks.publish_due_at
            self._written(said.format(after.id[:8], due.strftime("%H:%M %d/%m/%Y") if due else ""))
            self.reply.clear()

        self._run(lambda: call(desk, ref, text), done, self.tr("Đang ghi…"))

    def _written(self, text: str) -> None:
        self._done()
        self._say(text, "ok")
        self.changed.emit()
        self.refresh()

    def _run(self, run: Callable[[], T], done: Callable[[T], None], busy_text: str) -> None:
        self.busy = True
        self._update_buttons()
        DeskOp(
            self.tasks, run, done, say=self._say, busy_text=busy_text, on_failed=self._failed
        ).start()

    def _failed(self, _exc: Exception) -> None:
        self._done()

    def _done(self) -> None:
        self.busy = False
        self._update_buttons()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
