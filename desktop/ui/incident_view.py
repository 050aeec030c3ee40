"""Sự cố (F9): the outages sync recorded, and for each what the rules ask of the counter —
the request form to the province's IT department and when its answer is due (An Giang QĐ 66
Điều 24.6, 27.6), the dossiers received offline, the citizens to tell, the appointments the
outage puts at risk with Mẫu 04 and a new date from the calendar, the catch-up report once the
queue drained — and closing the day. Everything is read and written on the DB worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.desk import Desk
from desktop.services.incidents import IncidentDetail
from desktop.services.incidents import IncidentView as Incident
from desktop.services.printing import PrintOutcome

from .day_close_dialog import DayCloseDialog
from .incident_form_panel import IncidentFormPanel
from .operations import DeskOp
from .plain_table import fill, moment, plain_table, selected_key
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named

REFRESH_MS = 60_000  # the answer deadline can pass while the screen is open


class IncidentScreen(QWidget):
    changed = Signal()  # dossiers were rescheduled: the window nudges sync

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self.setObjectName("incidentView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.detail: IncidentDetail | None = None
        self.current: int | None = None
        self.loading = False
        self.refill_form = False  # refill the form at the next load even if it was edited

        title = named(QLabel(self.tr("Sự cố kết nối và khóa sổ")), "screenTitle")
        self.refresh_button = named(QPushButton(self.tr("Làm mới")), "incidentRefresh")
        self.day_button = named(QPushButton(self.tr("Khóa sổ cuối ngày…")), "dayCloseButton")
        self.list = plain_table(
            "incidentList", [self.tr("Số"), self.tr("Bắt đầu"), self.tr("Kéo dài")], stretch=2
        )
        self.list.setMinimumWidth(330)
        self.empty = named(
            QLabel(
                self.tr(
                    "Chưa có sự cố nào. Khi quầy mất kết nối với máy chủ tỉnh lâu hơn thời gian "
                    "cho phép, sự cố được ghi tại đây."
                )
            ),
            "incidentEmpty",
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # no incident: that one line and what can be done, not a large greyed-out form
        # (issue 22); the incidents themselves are opened by sync, never typed in here
        self.empty_check = named(QPushButton(self.tr("Kiểm tra lại")), "incidentEmptyCheck")
        self.empty_close = named(
            QPushButton(self.tr("Khóa sổ cuối ngày…")), "incidentEmptyDayClose"
        )
        self.summary = named(QLabel(""), "incidentSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.answer = named(QLabel(""), "answerDue")
        self.answer.setWordWrap(True)

        self.form = IncidentFormPanel()
        self.offline = plain_table(
            "offlineTable",
            [
                self.tr("Mã hồ sơ"),
                self.tr("Người nộp"),
                self.tr("Thủ tục"),
                self.tr("Tiếp nhận"),
                self.tr("Hẹn trả"),
                self.tr("Chờ gửi"),
            ],
            stretch=2,
        )
        self.notify = plain_table(
            "notifyTable",
            [
                self.tr("Họ tên"),
                self.tr("Điện thoại"),
                self.tr("Thư điện tử"),
                self.tr("Mã hồ sơ"),
                self.tr("Hẹn mới"),
                self.tr("Lý do"),
            ],
            stretch=5,
        )
        self.export_button = named(QPushButton(self.tr("Xuất CSV để nhắn tin…")), "exportNotify")
        self.affected = plain_table(
            "affectedTable",
            [
                self.tr("Mã hồ sơ"),
                self.tr("Người nộp"),
                self.tr("Thủ tục"),
                self.tr("Hẹn trả"),
                self.tr("Hẹn mới đề xuất"),
            ],
            stretch=2,
        )
        self.new_due = named(QDateTimeEdit(), "newDueEdit")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        self.reason = named(QLineEdit(), "rescheduleReason")
        self.reschedule_button = named(
            QPushButton(self.tr("Hẹn lại và in Mẫu 04")), "rescheduleButton"
        )
        self.reschedule_button.setProperty("primary", True)
        self.catchup = named(QLabel(""), "catchupSummary")
        self.catchup.setWordWrap(True)
        self.catchup.setTextFormat(Qt.TextFormat.RichText)
        self.catchup.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.catchup_button = named(QPushButton(self.tr("In báo cáo sau sự cố")), "printCatchup")
        self.message = named(QLabel(""), "incidentMessage")
        self.message.setWordWrap(True)

        self.tabs = named(QTabWidget(), "incidentTabs")
        self.tabs.addTab(self.form, self.tr("Phiếu yêu cầu"))
        self.tabs.addTab(self.offline, self.tr("Hồ sơ khi mất mạng"))
        self.tabs.addTab(self._with(self.notify, self.export_button), self.tr("Công dân cần báo"))
        self.tabs.addTab(self._affected_page(), self.tr("Hẹn bị ảnh hưởng"))
        self.tabs.addTab(self._with(self.catchup, self.catchup_button), self.tr("Sau sự cố"))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.answer)
        rl.addWidget(self.tabs, 1)
        split = named(QSplitter(), "incidentSplit")
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        self.none_page = named(QWidget(), "incidentNone")
        nl = QVBoxLayout(self.none_page)
        nl.addStretch(1)
        nl.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_check)
        buttons.addWidget(self.empty_close)
        buttons.addStretch(1)
        nl.addLayout(buttons)
        nl.addStretch(2)
        self.pages = named(QStackedWidget(), "incidentPages")
        self.pages.addWidget(split)
        self.pages.addWidget(self.none_page)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.day_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

        self.refresh_button.clicked.connect(self.refresh)
        self.day_button.clicked.connect(self.open_day_close)
        self.empty_check.clicked.connect(self.refresh)
        self.empty_close.clicked.connect(self.open_day_close)
        self.list.itemSelectionChanged.connect(self._picked)
        self.affected.itemSelectionChanged.connect(self._affected_picked)
        self.form.save_requested.connect(self.save_form)
        self.form.print_requested.connect(self.print_form)
        self.form.reported_requested.connect(self.mark_reported)
        self.export_button.clicked.connect(self._export)
        self.reschedule_button.clicked.connect(self.reschedule)
        self.catchup_button.clicked.connect(self.print_catchup)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self._show_detail(None)

    @staticmethod
    def _with(main: QWidget, button: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        return page

    def _affected_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.affected, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Hẹn mới")))
        row.addWidget(self.new_due)
        row.addWidget(QLabel(self.tr("Lý do")))
        row.addWidget(self.reason, 1)
        row.addWidget(self.reschedule_button)
        layout.addLayout(row)
        return page

    # -- loading ---------------------------------------------------------------------------------

    def start(self, desk: Desk) -> None:
        self.desk = desk
        self.refresh()
        self.timer.start()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self.loading = True
        self._op(desk.incidents.incidents, self._listed)

    def _listed(self, incidents: list[Incident]) -> None:
        rows = [
            [
                str(i.id) + (" ●" if i.is_open else ""),
                moment(i.started_at),
                self.duration_text(int(i.duration.total_seconds() // 60)),
            ]
            for i in incidents
        ]
        keep = self.current
        self.list.blockSignals(True)
        fill(self.list, rows, [i.id for i in incidents])
        for r, i in enumerate(incidents):
            cell = self.list.item(r, 0)
            if cell is not None:
                cell.setToolTip(i.cause_label)
        self.list.blockSignals(False)
        self.pages.setCurrentIndex(1 if not incidents else 0)  # the none page, or the split
        ids = [i.id for i in incidents]
        target = keep if keep in ids else (ids[0] if ids else None)
        if target is None:
            self.loading = False
            self._show_detail(None)
            return
        self.list.blockSignals(True)
        self.list.selectRow(ids.index(target))
        self.list.blockSignals(False)
        self.load(target)

    def _picked(self) -> None:
        key = selected_key(self.list)
        if isinstance(key, int):
            self.load(key)

    def load(self, incident_id: int) -> None:
        desk = self.desk
        if desk is None:
            return
        self.current = incident_id
        self.loading = True
        self._op(lambda: desk.incidents.detail(incident_id), self._loaded)

    def _loaded(self, detail: IncidentDetail) -> None:
        self.loading = False
        if detail.view.id != self.current:
            return  # the officer picked another one meanwhile
        self._show_detail(detail)

    # -- showing -----------------------------------------------------------------------------------

    def _show_detail(self, detail: IncidentDetail | None) -> None:
        same = (
            detail is not None and self.detail is not None and detail.view.id == self.detail.view.id
        )
        self.detail = detail
        self.tabs.setEnabled(detail is not None)
        if detail is None:
            self.summary.setText("")
            self.answer.setText("")
            return
        v = detail.view
        minutes = int(v.duration.total_seconds() // 60)
        state = (
            self.tr("<b style='color:#b00020'>đang diễn ra</b>")
            if v.is_open
            else self.tr("đã kết thúc lúc {0}").format(moment(v.ended_at))
        )
        self.summary.setText(
            self.tr(
                "<b>Sự cố số {0}</b> — {1}. Bắt đầu {2}, kéo dài {3}. Nguyên nhân: {4} "
                "({5} lần lỗi)."
            ).format(
                v.id,
                state,
                moment(v.started_at),
                self.duration_text(minutes),
                v.cause_label,
                v.failures,
            )
        )
        self._show_answer(v)
        if same and self.form.has_edits() and not self.refill_form:
            self.form.reported.setEnabled(v.reported_at is None)  # keep what is being typed
            self.form.sent_at.setEnabled(v.reported_at is None)
        else:
            self.form.show_facts(detail.form, v.reported_at is not None, v.now)
            self.refill_form = False
        self._fill_lists(detail)
        self._show_catchup(detail)

    def _show_answer(self, v: Incident) -> None:
        hours = v.answer_within_hours
        if v.reported_at is None:
            text = self.tr("Chưa gửi phiếu yêu cầu tới {0}.").format(v.report_to)
            if hours:
                text += " " + self.tr(
                    "Đơn vị xử lý phản hồi thời gian khắc phục trong {0} giờ kể từ khi nhận."
                ).format(f"{hours:g}")
            role = "hint"
        elif v.answer_overdue:
            text = self.tr(
                "Đã gửi phiếu tới {0} lúc {1}; đã QUÁ HẠN phản hồi ({2}) — liên hệ lại đơn "
                "vị xử lý."
            ).format(v.report_to, moment(v.reported_at), moment(v.answer_due_at))
            role = "error"
        else:
            due = moment(v.answer_due_at) if v.answer_due_at else self.tr("không quy định")
            text = self.tr("Đã gửi phiếu tới {0} lúc {1}; hạn phản hồi: {2}.").format(
                v.report_to, moment(v.reported_at), due
            )
            role = "ok" if not v.is_open else "hint"
        self.answer.setText(text)
        mark(self.answer, role)

    def _fill_lists(self, d: IncidentDetail) -> None:
        fill(
            self.offline,
            [
                [
                    (o.code or o.id) + (self.tr(" (mã tạm)") if o.provisional else ""),
                    o.applicant_name,
                    o.procedure_name,
                    moment(o.received_at),
                    moment(o.due_at),
                    str(o.unsent_events) if o.unsent_events else "",
                ]
                for o in d.offline
            ],
        )
        fill(
            self.notify,
            [
                [
                    n.applicant_name,
                    n.phone,
                    n.email,
                    n.code + (self.tr(" (trước: {0})").format(n.old_code) if n.old_code else ""),
                    moment(n.proposed_due_at),
                    "; ".join(n.reasons),
                ]
                for n in d.notify
            ],
        )
        fill(
            self.affected,
            [
                [
                    a.code,
                    a.applicant_name,
                    a.procedure_name,
                    moment(a.due_at),
                    moment(a.proposed_due_at),
                ]
                for a in d.affected
            ],
            [a.code for a in d.affected],
        )
        self.tabs.setTabText(1, self.tr("Hồ sơ khi mất mạng ({0})").format(len(d.offline)))
        self.tabs.setTabText(2, self.tr("Công dân cần báo ({0})").format(len(d.notify)))
        self.tabs.setTabText(3, self.tr("Hẹn bị ảnh hưởng ({0})").format(len(d.affected)))
        self.export_button.setEnabled(bool(d.notify))
        self.reason.setPlaceholderText(d.default_reason)
        if d.affected:
            self.affected.selectRow(0)
        self.reschedule_button.setEnabled(bool(d.affected))
        self.new_due.setEnabled(bool(d.affected))

    def _affected_picked(self) -> None:
        d, code = self.detail, selected_key(self.affected)
        if d is None:
            return
        for a in d.affected:
            if a.code == code:
                self.new_due.setDateTime(QDateTime(a.proposed_due_at))

    def _show_catchup(self, d: IncidentDetail) -> None:
        c = d.catchup
        self.catchup_button.setEnabled(c is not None)
        if c is None:
            self.catchup.setText(
                self.tr(
                    "Sự cố chưa kết thúc. Khi quầy kết nối lại, hàng đợi tự gửi đi và báo cáo "
                    "sau sự cố được lập tại đây."
                )
            )
            return
        r = c.report
        lines = [
            self.tr("<b>Báo cáo đồng bộ sau sự cố số {0}</b> ({1})").format(
                c.incident_id, self.tr("đã hoàn tất") if c.done else self.tr("đang cập nhật")
            ),
            self.tr("Thao tác đã gửi: {0} (của {1} hồ sơ); tệp đính kèm đã tải lên: {2}").format(
                r.events_sent, r.dossiers_sent, r.attachments_uploaded
            ),
            self.tr(
                "Trùng (máy chủ đã có): {0}; bị từ chối: {1}; xung đột: {2}; còn chờ gửi: {3}"
            ).format(r.sync.duplicates, len(r.dead_letters), len(r.conflict_list), r.pending),
        ]
        if r.codes_replaced:
            lines.append(self.tr("Mã tạm đã được thay — cấp lại giấy tiếp nhận cho công dân:"))
            lines += [
                f"· {x.old_code} → <b>{x.new_code}</b> — {x.applicant_name}"
                for x in r.codes_replaced
            ]
        else:
            lines.append(self.tr("Không có mã tạm nào phải thay."))
        self.catchup.setText("<br>".join(lines))

    # -- actions ---------------------------------------------------------------------------------

    def duration_text(self, minutes: int) -> str:
        hours, mins = divmod(max(minutes, 0), 60)
        if hours:
            return self.tr("{0} giờ {1} phút").format(hours, f"{mins:02d}")
        return self.tr("{0} phút").format(mins)

    def _act(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.loading = True
        self._op(fn, done, busy_text=self.tr("Đang xử lý…"))

    def _op(
        self, fn: Callable[[], Any], done: Callable[[Any], None], busy_text: str | None = None
    ) -> None:
        DeskOp(
            self.tasks, fn, done, say=self._say, busy_text=busy_text, on_failed=self._stopped
        ).start()

    def save_form(self) -> None:
        desk, n = self.desk, self.current
        if desk is None or n is None:
            return
        edits = self.form.edits()
        self.refill_form = True  # what was typed is stored: show the form as it now reads
        self._act(lambda: desk.incidents.save_form(n, edits), self._form_saved)

    def _form_saved(self, _facts: object) -> None:
        self.loading = False
        self._say(self.tr("Đã lưu phiếu yêu cầu"), "ok")
        if self.current is not None:
            self.load(self.current)

    def print_form(self) -> None:
        desk, n = self.desk, self.current
        if desk is None or n is None:
            return
        edits = self.form.edits()

        def work() -> PrintOutcome:
            desk.incidents.save_form(n, edits)
            return desk.incidents.print_form(n)

        self.refill_form = True

        self._act(work, self._printed)

    def mark_reported(self) -> None:
        desk, n = self.desk, self.current
        if desk is None or n is None:
            return
        at = self.form.sent_moment()
        # its own action, apart from printing: this is what starts the answer clock
        self._act(
            lambda: desk.incidents.send(n, at=at),
            lambda _v: self._reload(self.tr("Đã ghi nhận thời điểm gửi phiếu")),
        )

    def _export(self) -> None:
        if self.current is None:
            return
        name, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu danh sách công dân cần báo"),
            f"su-co-{self.current}-cong-dan.csv",
            "CSV (*.csv)",
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, out: Path) -> None:
        desk, n = self.desk, self.current
        if desk is None or n is None:
            return
        self._act(
            lambda: desk.incidents.export_notify(n, out),
            lambda count: self._done(self.tr("Đã lưu {0} công dân vào {1}").format(count, out)),
        )

    def reschedule(self) -> None:
        desk, n, code = self.desk, self.current, selected_key(self.affected)
        if desk is None or n is None or not isinstance(code, str):
            return
        due: datetime = self.new_due.dateTime().toPython()  # type: ignore[assignment]
        reason = self.reason.text().strip() or None

        def work() -> tuple[str, datetime, PrintOutcome]:
            return desk.incidents.reschedule(n, code, due.replace(second=0, microsecond=0), reason)

        self._act(work, self._rescheduled)

    def _rescheduled(self, result: tuple[str, datetime, PrintOutcome]) -> None:
        code, due, outcome = result
        self.changed.emit()
        self._reload(
            self.tr("Đã hẹn lại hồ sơ {0} vào {1}.").format(code, moment(due))
            + " "
            + self._outcome_text(outcome)
        )

    def print_catchup(self) -> None:
        desk, n = self.desk, self.current
        if desk is None or n is None:
            return
        self._act(lambda: desk.incidents.print_catchup(n), self._printed)

    def open_day_close(self) -> None:
        if self.desk is None:
            return
        dialog = DayCloseDialog(self.tasks, self.desk, self)
        self.day_dialog = dialog
        dialog.open()

    # -- results ---------------------------------------------------------------------------------

    def _outcome_text(self, outcome: PrintOutcome) -> str:
        return outcome_text(outcome, full_path=True, empty=False)

    def _printed(self, outcome: PrintOutcome) -> None:
        self._reload(self._outcome_text(outcome))

    def _reload(self, text: str) -> None:
        self._done(text)
        self.refresh()

    def _done(self, text: str) -> None:
        self.loading = False
        self._say(text, "ok")

    def _stopped(self, _exc: Exception) -> None:
        self.loading = False

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
