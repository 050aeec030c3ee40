"""Bàn giao — received dossiers not yet with the specialist unit that decides them, each with
the time left before the profile's hand-over deadline (½ working day in Kon Tum, QĐ 08/2018
Điều 14.4), amber under an hour, red past due (issue 18, item 4).

The officer filters by unit, ticks the dossiers going together (Space ticks the current row),
and hands them over: one record per unit, since both sides sign it — a choice that mixes units
is refused here with the units named, before anything is asked of the store. The record is
kept as ``handed_over`` events, and its slip (Phiếu bàn giao hồ sơ, both signature blocks)
prints the way the counter prints."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import clock
from desktop.domain.roles import may
from desktop.services.desk import Desk, OfficerInfo
from desktop.services.handover import Handover, HandoverItem
from desktop.services.printing import PrintOutcome

from .due_rows import OneRead, deadline_text, fit, left_text, paint_row, short
from .operations import DeskOp
from .plain_table import plain_table
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

T = TypeVar("T")
REFRESH_MS = 60_000
ALL = ""  # the filter's "every unit"
SLIP_KIND = "handover"  # Printing's name for the Phiếu bàn giao hồ sơ (ref: the hand-over's id)


class HandoverView(QWidget):
    changed = Signal()  # dossiers were handed over: sync soon

    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverView", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("HandoverView", "Đơn vị nhận"),
        QT_TRANSLATE_NOOP("HandoverView", "Thủ tục"),
        QT_TRANSLATE_NOOP("HandoverView", "Người nộp"),
        QT_TRANSLATE_NOOP("HandoverView", "Tiếp nhận"),
        QT_TRANSLATE_NOOP("HandoverView", "Hạn bàn giao"),
        QT_TRANSLATE_NOOP("HandoverView", "Thời gian còn lại"),
    )

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.all_items: list[HandoverItem] = []
        self.items: list[HandoverItem] = []  # the rows shown (the filter's unit)
        self.ticked: set[str] = set()
        self.reader: OneRead[HandoverItem] = OneRead(tasks, self._listed, self._say)
        self.busy = False

        self.deadline = named(QLabel(""), "handoverDeadline")
        self.deadline.setWordWrap(True)
        mark(self.deadline, "hint")
        self.unit = named(QComboBox(), "handoverUnit")
        self.unit.setMinimumContentsLength(24)
        self.unit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        unit_label = QLabel(self.tr("Đơn vị nhận:"))
        unit_label.setBuddy(self.unit)
        self.unit_label = unit_label
        self.count = named(QLabel(""), "handoverCount")
        self.refresh_button = named(QPushButton(self.tr("Làm mới (Ctrl+R)")), "handoverRefresh")
        self.table = plain_table(
            "handoverTable", [self.tr(str(h)) for h in self.HEADERS], stretch=2
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        fit(self.table, {1: 280, 3: 190})
        self.select_button = named(
            QPushButton(self.tr("Chọn cả đơn vị đang lọc (Ctrl+A)")), "handoverSelectUnit"
        )
        self.clear_button = named(QPushButton(self.tr("Bỏ chọn")), "handoverClear")
        self.selection = named(QLabel(""), "handoverSelection")
        self.create_button = named(
            QPushButton(self.tr("Bàn giao và in phiếu (Ctrl+Enter)")), "handoverCreate"
        )
        self.create_button.setProperty("primary", True)
        self.message = named(QLabel(""), "handoverMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._tick)

        self.refresh_button.clicked.connect(self.refresh)
        self.unit.currentIndexChanged.connect(lambda _i: self._fill())
        self.table.itemChanged.connect(self._ticked)
        self.table.itemActivated.connect(self._toggle)
        self.select_button.clicked.connect(self.select_unit)
        self.clear_button.clicked.connect(self.clear)
        self.create_button.clicked.connect(self.hand_over)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+R", self.refresh),
            ("Ctrl+A", self.select_unit),
            ("Ctrl+Return", self.hand_over),
            ("Ctrl+Enter", self.hand_over),
        ):
            shortcut(self, keys, slot, context)
        self.table.installEventFilter(self)
        self._update_selection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space ticks the current row (the table's own handling of Space on a checkable cell
        depends on the style and the column the cursor is in)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            cell = self.table.item(self.table.currentRow(), 0)
            if cell is not None:
                self._toggle(cell)
            return True
        return super().eventFilter(watched, event)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addWidget(self.unit, 1)
        top.addWidget(self.count)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.selection, 1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deadline)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        chain: list[QWidget] = [
            self.unit,
            self.table,
            self.select_button,
            self.clear_button,
            self.create_button,
            self.refresh_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- set-up and the list ---------------------------------------------------------------------

    def start(self, desk: Desk, officer: OfficerInfo) -> None:
        self.desk = desk
        self.officer = officer
        rule = desk.state.ctx.profile.handover_deadline
        self.deadline.setText(
            deadline_text(
                self.tr("Hạn bàn giao hồ sơ cho bộ phận chuyên môn"),
                rule.working_hours,
                rule.source,
            )
        )
        self.ticked.clear()
        self._say("", "hint")
        self.timer.start()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.desk is not None:
            self.refresh()

    def _tick(self) -> None:
        """The clocks move: computed again from the deadlines on screen (no database)."""
        if self.isVisible() and self.desk is not None and not self.reader.loading and not self.busy:
            calendar, now = self.desk.state.ctx.calendar, self.desk.now()
            items = []
            for i in self.all_items:
                c = clock(calendar, i.handover_due_at, now)
                items.append(replace(i, left=c.left, urgency=c.urgency))
            self.all_items = items
            self._fill()

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    @property
    def loading(self) -> bool:
        return self.reader.loading

    def refresh(self) -> None:
        if self.desk is not None:
            self.reader.ask(self.desk.handovers.due)

    def _listed(self, items: list[HandoverItem]) -> None:
        self.all_items = items
        codes = {i.code for i in items}
        self.ticked &= codes  # handed over meanwhile (here or by sync)
        chosen = self.unit.currentData()
        units = sorted({i.unit for i in items})
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("Tất cả đơn vị (%n hồ sơ)", "", len(items)), ALL)
        for u in units:
            n = sum(1 for i in items if i.unit == u)
            self.unit.addItem(self.tr("{0} (%n hồ sơ)", "", n).format(u), u)
        index = self.unit.findData(chosen) if chosen else 0
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        unit = self.unit.currentData() or ALL
        items = [i for i in self.all_items if unit == ALL or i.unit == unit]
        self.items = items
        self.table.setColumnHidden(1, unit != ALL)  # one unit: said by the filter
        keep = self._current_code()
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(items))
        for r, i in enumerate(items):
            cells = (
                i.code,
                i.unit,
                i.procedure_name,
                i.applicant_name,
                short(i.received_at),
                short(i.handover_due_at),
                left_text(i.left, i.urgency),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2, 3):
                    item.setToolTip(text)
                if c == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    ticked = i.code in self.ticked
                    item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                table.setItem(r, c, item)
            paint_row(table, r, i.urgency)
        codes = [i.code for i in items]
        if keep in codes:
            table.selectRow(codes.index(keep))
        elif items:
            table.selectRow(0)
        table.blockSignals(False)
        overdue = sum(1 for i in items if i.overdue)
        text = self.tr("%n hồ sơ chờ bàn giao", "", len(items))
        if not items:  # nothing waits: said in words, not as a zero
            text = self.tr("Không có hồ sơ nào chờ bàn giao cho bộ phận chuyên môn.")
        if overdue:
            text += self.tr(" · {0} quá hạn").format(overdue)
        self.count.setText(text)
        mark(self.count, "error" if overdue else "hint")
        self._update_selection()

    def _current_code(self) -> str | None:
        row = self.table.currentRow()
        return self.items[row].code if 0 <= row < len(self.items) else None

    # -- choosing ------------------------------------------------------------------------------

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not 0 <= item.row() < len(self.items):
            return
        code = self.items[item.row()].code
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(code)
        else:
            self.ticked.discard(code)
        self._update_selection()

    def _toggle(self, item: QTableWidgetItem) -> None:
        """Enter (or a double click) on a row ticks or unticks it, as Space does."""
        first = self.table.item(item.row(), 0)
        if first is not None:
            checked = first.checkState() == Qt.CheckState.Checked
            first.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def tick(self, codes: list[str]) -> None:
        """Tick these rows (those shown); the others keep their state."""
        for r, i in enumerate(self.items):
            if i.code in codes:
                cell = self.table.item(r, 0)
                if cell is not None:
                    cell.setCheckState(Qt.CheckState.Checked)

    def select_unit(self) -> None:
        """Every dossier of the unit the filter shows (one unit only: with "all units", the
        unit of the current row)."""
        unit = self.unit.currentData() or ALL
        if unit == ALL:
            row = self.table.currentRow()
            if not 0 <= row < len(self.items):
                return
            unit = self.items[row].unit
        self.tick([i.code for i in self.items if i.unit == unit])

    def clear(self) -> None:
        self.ticked.clear()
        self._fill()

    def chosen(self) -> list[HandoverItem]:
        return [i for i in self.all_items if i.code in self.ticked]

    def _update_selection(self) -> None:
        chosen = self.chosen()
        units = sorted({i.unit for i in chosen})
        if not chosen:
            text = self.tr("Chưa chọn hồ sơ nào (Space để chọn)")
        elif len(units) == 1:
            text = self.tr("Đã chọn %n hồ sơ cho {0}", "", len(chosen)).format(units[0])
        else:
            text = self.tr("Đã chọn %n hồ sơ của {0} đơn vị", "", len(chosen)).format(len(units))
        self.selection.setText(text)
        mark(self.selection, "error" if len(units) > 1 else "hint")
        roles = self.officer.roles if self.officer is not None else frozenset()
        self.create_button.setEnabled(
            may(roles, "handover.create") and bool(chosen) and not self.busy
        )

    # -- the hand-over -------------------------------------------------------------------------

    def hand_over(self) -> None:
        if self.busy or self.desk is None or not self.create_button.isEnabled():
            return
        chosen = self.chosen()
        units = sorted({i.unit for i in chosen})
        if len(units) != 1:
            self._say(
                self.tr(
                    "Các hồ sơ đã chọn thuộc {0} đơn vị khác nhau ({1}): mỗi phiếu bàn giao chỉ "
                    "dành cho một đơn vị. Hãy lọc theo một đơn vị rồi chọn lại."
                ).format(len(units), "; ".join(units)),
                "error",
            )
            self.table.setFocus()
            return
        desk, unit = self.desk, units[0]
        codes = [i.code for i in chosen]
        self._run(
            lambda: desk.handovers.create(codes, unit),
            self._created,
            self.tr("Đang bàn giao %n hồ sơ cho {0}…", "", len(codes)).format(unit),
        )

    def _created(self, done: Handover) -> None:
        self._done()
        self.ticked -= set(done.codes)
        text = self.tr("Đã bàn giao %n hồ sơ cho {0} lúc {1}.", "", len(done.codes)).format(
            done.unit, done.at.strftime("%H:%M %d/%m/%Y")
        )
        if done.late:
            text += " " + self.tr("%n hồ sơ bàn giao trễ hạn.", "", done.late)
        self._say(text, "ok")
        self.changed.emit()
        self.refresh()
        if self.desk is not None:
            desk, ref = self.desk, done.id
            DeskOp(
                self.tasks,
                lambda: desk.print_form(SLIP_KIND, ref),
                lambda outcome: self._printed(text, outcome),
                say=lambda t, role: self._say(text + " " + t, role),
                io=True,
            ).start()

    def _printed(self, text: str, outcome: PrintOutcome) -> None:
        problem = bool(outcome.waiting) and not outcome.printed
        self._say(text + " " + outcome_text(outcome), "error" if problem else "ok")

    # -- feedback ----------------------------------------------------------------------------

    def _run(self, run: Callable[[], T], done: Callable[[T], None], busy_text: str) -> None:
        self.table.setFocus()  # never left on a greyed-out button (it would move to the lock)
        self.busy = True
        self._update_selection()
        DeskOp(
            self.tasks, run, done, say=self._say, busy_text=busy_text, on_failed=self._failed
        ).start()

    def _failed(self, _exc: Exception) -> None:
        self._done()
        self.refresh()

    def _done(self) -> None:
        self.busy = False
        self._update_selection()
        if self.isVisible():
            self.table.setFocus()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
