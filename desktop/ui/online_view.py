"""Hồ sơ trực tuyến — the inbox of dossiers submitted on the public service portal, each with
the working time left on its check clock (issue 18, item 2), what is due first on top, amber
under an hour, red past due.

Enter (or a double click) opens a dossier: its applicant, papers and files; then the officer
accepts it (the official receipt, Mẫu 01), asks for papers (Mẫu 02) or refuses it with the
reason (Mẫu 03) — each prints its form the way the counter prints — or gives it back for
another counter. Every answer first takes the server's claim, so it runs on the worker like all
the screen's calls. While the list is shown its clocks move each minute (computed on screen from
the deadlines, no database); it is read again when shown, after each answer and after sync."""

from __future__ import annotations

import contextlib
import html
import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import clock
from desktop.domain.roles import may
from desktop.services.desk import Desk, OfficerInfo, Receipt
from desktop.services.online import OnlineItem
from desktop.services.printing import STEP_LABELS, PrintOutcome

from .domain_words import step_text
from .due_rows import OneRead, deadline_text, fit, left_text, moment, paint_row, short
from .operations import DeskOp
from .plain_table import plain_table
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

T = TypeVar("T")
REFRESH_MS = 60_000  # the clocks move by the minute


def reclocked(items: list[OnlineItem], desk: Desk) -> list[OnlineItem]:
    calendar, now = desk.state.ctx.calendar, desk.now()
    out = []
    for i in items:
        c = clock(calendar, i.check_due_at, now)
        out.append(replace(i, left=c.left, urgency=c.urgency))
    return out


class AnswerDialog(QDialog):
    """The reason of a supplement request or a refusal, and for a supplement the papers that
    are missing (one a line). Ctrl+Enter records, Esc goes back."""

    def __init__(
        self, title: str, reason_label: str, *, missing: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onlineAnswerDialog")
        self.setWindowTitle(title)
        self.reason = named(QPlainTextEdit(), "answerReason")
        self.reason.setTabChangesFocus(True)
        self.missing = named(QPlainTextEdit(), "answerMissing")
        self.missing.setTabChangesFocus(True)
        self.missing.setPlaceholderText(self.tr("Mỗi dòng một giấy tờ"))
        form = QFormLayout()
        form.addRow(reason_label, self.reason)
        if missing:
            form.addRow(self.tr("Giấy tờ cần bổ sung"), self.missing)
        else:
            self.missing.hide()
        buttons = QDialogButtonBox()
        self.ok_button = named(
            buttons.addButton(
                self.tr("Ghi và in (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
            ),
            "answerOk",
        )
        self.ok_button.setProperty("primary", True)
        cancel = buttons.addButton(
            self.tr("Quay lại (Esc)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setObjectName("answerCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(self, keys, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 320 if missing else 220)

    def values(self) -> tuple[str, list[str]]:
        lines = [x.strip() for x in self.missing.toPlainText().splitlines()]
        return self.reason.toPlainText().strip(), [x for x in lines if x]


class OnlineView(QWidget):
    changed = Signal()  # a dossier was answered: sync soon, refresh the other lists

    HEADERS = (
        QT_TRANSLATE_NOOP("OnlineView", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("OnlineView", "Thủ tục"),
        QT_TRANSLATE_NOOP("OnlineView", "Người nộp"),
        QT_TRANSLATE_NOOP("OnlineView", "Nộp lúc"),
        QT_TRANSLATE_NOOP("OnlineView", "Hạn kiểm tra"),
        QT_TRANSLATE_NOOP("OnlineView", "Thời gian còn lại"),
        QT_TRANSLATE_NOOP("OnlineView", "Đang xử lý"),
    )

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.items: list[OnlineItem] = []
        self.opened: dict[str, Any] | None = None  # the dossier open on the right
        self.reader: OneRead[OnlineItem] = OneRead(tasks, self._show_items, self._say)
        self.busy = False
        self.dialog: AnswerDialog | None = None
        self.draft: dict[str, tuple[str, list[str]]] = {}  # what was typed, kept on refusal

        self.deadline = named(QLabel(""), "onlineDeadline")
        self.deadline.setWordWrap(True)
        mark(self.deadline, "hint")
        self.count = named(QLabel(""), "onlineCount")
        self.refresh_button = named(QPushButton(self.tr("Làm mới (Ctrl+R)")), "onlineRefresh")
        self.table = plain_table("onlineTable", [self.tr(str(h)) for h in self.HEADERS], stretch=1)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        fit(self.table, {2: 200})
        self.detail = named(QTextBrowser(), "onlineDetail")
        self.detail.setOpenLinks(False)
        self.accept_button = named(
            QPushButton(self.tr("Tiếp nhận — Mẫu 01 (Ctrl+1)")), "onlineAccept"
        )
        self.accept_button.setProperty("primary", True)
        self.supplement_button = named(
            QPushButton(self.tr("Yêu cầu bổ sung — Mẫu 02 (Ctrl+2)")), "onlineSupplement"
        )
        self.reject_button = named(
            QPushButton(self.tr("Từ chối — Mẫu 03 (Ctrl+3)")), "onlineReject"
        )
        self.release_button = named(
            QPushButton(self.tr("Nhường quầy khác (Ctrl+4)")), "onlineRelease"
        )
        self.message = named(QLabel(""), "onlineMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._tick)

        self.refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        self.accept_button.clicked.connect(self.accept)
        self.supplement_button.clicked.connect(lambda: self.ask(supplement=True))
        self.reject_button.clicked.connect(lambda: self.ask(supplement=False))
        self.release_button.clicked.connect(self.release)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+R", self.refresh),
            ("Ctrl+1", self.accept),
            ("Ctrl+2", lambda: self.ask(supplement=True)),
            ("Ctrl+3", lambda: self.ask(supplement=False)),
            ("Ctrl+4", self.release),
        ):
            shortcut(self, keys, slot, context)
        self._actions(None)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.deadline, 1)
        top.addWidget(self.count)
        top.addWidget(self.refresh_button)
        # the list takes the whole width (seven columns at 1366 px); the open dossier below it,
        # its answers beside it
        actions = QVBoxLayout()
        for b in (
            self.accept_button,
            self.supplement_button,
            self.reject_button,
            self.release_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        below = QWidget()
        bl = QHBoxLayout(below)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.detail, 1)
        bl.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        chain: list[QWidget] = [
            self.table,
            self.detail,
            self.accept_button,
            self.supplement_button,
            self.reject_button,
            self.release_button,
            self.refresh_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- set-up and the list ---------------------------------------------------------------------

    def start(self, desk: Desk, officer: OfficerInfo) -> None:
        self.desk = desk
        self.officer = officer
        rule = desk.state.ctx.profile.online_check_deadline
        self.deadline.setText(
            deadline_text(self.tr("Hạn kiểm tra hồ sơ trực tuyến"), rule.working_hours, rule.source)
        )
        self.opened = None
        self.detail.clear()
        self._say("", "hint")
        self.timer.start()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.desk is not None:
            self.refresh()
            if self.table.rowCount():
                self.table.setFocus()

    def _tick(self) -> None:
        """Each minute the clocks move: computed again here from the deadlines on screen (the
        working calendar, no database); new dossiers come with sync, which refreshes."""
        if self.isVisible() and self.desk is not None and not self.reader.loading and not self.busy:
            self._show_items(reclocked(self.items, self.desk))

    def refresh_if_shown(self) -> None:
        """After sync: new dossiers may have come, others been answered elsewhere."""
        if self.isVisible():
            self.refresh()

    @property
    def loading(self) -> bool:
        return self.reader.loading

    def refresh(self) -> None:
        if self.desk is not None:
            self.reader.ask(self.desk.online.inbox)

    def _show_items(self, items: list[OnlineItem]) -> None:
        keep = self._current_code()
        self.items = items
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(items))
        for r, i in enumerate(items):
            taken = ""
            if i.mine:
                taken = self.tr("quầy này ({0})").format(i.taken_by)
            elif i.taken_by:
                taken = self.tr("đang xử lý tại {0}").format(i.taken_by)
            cells = (
                i.code,
                i.procedure_name,
                i.applicant_name,
                short(i.submitted_at),
                short(i.check_due_at),
                left_text(i.left, i.urgency),
                taken,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setToolTip(text)
                table.setItem(r, c, item)
            paint_row(table, r, i.urgency)
        codes = [i.code for i in items]
        if keep in codes:
            table.selectRow(codes.index(keep))
        elif items:
            table.selectRow(0)
        table.blockSignals(False)
        overdue = sum(1 for i in items if i.overdue)
        text = self.tr("%n hồ sơ chờ kiểm tra", "", len(items))
        if overdue:
            text += self.tr(" · {0} quá hạn").format(overdue)
        self.count.setText(text)
        mark(self.count, "error" if overdue else "hint")
        if self.opened is not None and self.opened.get("code") not in codes:
            self.opened = None  # answered here or at another counter meanwhile
        self._selected()

    def _current_code(self) -> str | None:
        row = self.table.currentRow()
        return self.items[row].code if 0 <= row < len(self.items) else None

    def _current(self) -> OnlineItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selected(self) -> None:
        item = self._current()
        if self.opened is not None and item is not None and self.opened.get("code") == item.code:
            self.detail.setHtml(self._detail_html(item, self.opened))
        elif item is not None:
            self.detail.setHtml(self._summary_html(item))
        elif not self.items:
            self.detail.setHtml(html.escape(self.tr("Không có hồ sơ trực tuyến nào chờ kiểm tra.")))
        self._actions(item)

    def _actions(self, item: OnlineItem | None) -> None:
        roles = self.officer.roles if self.officer is not None else frozenset()
        allowed = may(roles, "online.check") and not self.busy
        opened = (
            item is not None and self.opened is not None and self.opened.get("code") == item.code
        )
        for b in (self.accept_button, self.supplement_button, self.reject_button):
            b.setEnabled(allowed and opened)
        self.release_button.setEnabled(allowed and item is not None and item.mine)

    # -- one dossier ---------------------------------------------------------------------------

    def open_current(self) -> None:
        """Enter or a double click: the dossier's applicant, papers and files (audited)."""
        item = self._current()
        if item is None or self.desk is None:
            return
        desk, code = self.desk, item.code
        DeskOp(self.tasks, lambda: desk.online.show(code), self._opened, say=self._say).start()

    def _opened(self, found: dict[str, Any]) -> None:
        self.opened = found
        self._selected()
        if self.accept_button.isEnabled():
            self.accept_button.setFocus()

    def _summary_html(self, i: OnlineItem) -> str:
        e = html.escape
        rows = [
            (self.tr("Mã hồ sơ"), i.code),
            (self.tr("Thủ tục"), f"{i.procedure} — {i.procedure_name}"),
            (self.tr("Người nộp"), i.applicant_name),
            (self.tr("Hạn kiểm tra"), f"{moment(i.check_due_at)} ({left_text(i.left, i.urgency)})"),
            (self.tr("Tệp đính kèm"), str(i.files)),
        ]
        out = ["<table cellspacing='4'>"]
        out += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        out.append("</table>")
        hint = self.tr("Nhấn Enter để mở hồ sơ và kiểm tra.")
        out.append(f"<p><i>{e(hint)}</i></p>")
        return "".join(out)

    def _detail_html(self, i: OnlineItem, d: dict[str, Any]) -> str:
        e = html.escape
        who: dict[str, Any] = d.get("applicant") or {}
        rows = [
            (self.tr("Mã hồ sơ"), i.code),
            (self.tr("Thủ tục"), f"{i.procedure} — {i.procedure_name}"),
            (self.tr("Nộp lúc"), moment(i.submitted_at)),
            (self.tr("Hạn kiểm tra"), f"{moment(i.check_due_at)} ({left_text(i.left, i.urgency)})"),
            (self.tr("Người nộp"), str(who.get("name", ""))),
            (self.tr("Số CCCD/CMND"), str(who.get("id_number", ""))),
            (self.tr("Ngày sinh"), str(who.get("birth_date") or "—")),
            (self.tr("Địa chỉ"), str(who.get("address", "")) or "—"),
            (self.tr("Điện thoại"), str(who.get("phone") or "—")),
            (self.tr("Thư điện tử"), str(who.get("email") or "—")),
        ]
        if i.taken_by:
            rows.append((self.tr("Đang xử lý"), i.taken_by))
        # who and when on the left, the papers on the right: the whole dossier in one look
        out = ["<table width='100%'><tr><td width='50%' valign='top'><table cellspacing='4'>"]
        out += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        out.append("</table></td><td valign='top'>")
        papers = self.tr("Thành phần hồ sơ")  # (lupdate does not read calls in f-strings)
        out.append(f"<h4>{e(papers)}</h4><ul>")
        for doc in d.get("documents") or []:
            name = doc.get("name", "") if isinstance(doc, dict) else str(doc)
            out.append(f"<li>{e(str(name))}</li>")
        out.append("</ul>")
        files = d.get("attachments") or []
        attached = self.tr("Tệp đính kèm")
        out.append(f"<h4>{e(attached)}</h4>")
        if files:
            out.append("<ul>")
            for f in files:
                size = self.tr("{0} KB").format(max(1, int(f.get("size", 0)) // 1024))
                out.append(
                    f"<li>{e(str(f.get('document', '')))}: {e(str(f.get('filename', '')))} "
                    f"({e(size)})</li>"
                )
            out.append("</ul>")
        else:
            none = self.tr("Không có tệp nào.")
            out.append(f"<p>{e(none)}</p>")
        events = d.get("events") or []
        if events:
            history = self.tr("Quá trình xử lý")
            out.append(f"<h4>{e(history)}</h4><ol>")
            for ev in events:
                label = step_text(str(ev.get("type", "")), STEP_LABELS)
                at = str(ev.get("occurred_at") or "")
                with contextlib.suppress(ValueError):
                    at = moment(datetime.fromisoformat(at))
                out.append(f"<li>{e(at)} — {e(label)} ({e(str(ev.get('officer', '')))})</li>")
            out.append("</ol>")
        out.append("</td></tr></table>")
        return "".join(out)

    # -- the answers -------------------------------------------------------------------------

    def _ready(self) -> str | None:
        """The opened dossier's code when an answer may be given now."""
        item = self._current()
        if self.busy or self.desk is None or item is None or not self.accept_button.isEnabled():
            return None
        return item.code

    def accept(self) -> None:
        code = self._ready()
        if code is None:
            return
        desk = self.desk
        assert desk is not None
        self._run(
            lambda: desk.online.accept(code),
            lambda r: self._answered(r, "receipt"),
            self.tr("Đang nhận kiểm tra và tiếp nhận hồ sơ {0}…").format(code),
        )

    def ask(self, *, supplement: bool) -> None:
        code = self._ready()
        if code is None:
            return
        if supplement:
            title = self.tr("Yêu cầu bổ sung hồ sơ {0} (Mẫu 02)").format(code)
            label = self.tr("Nội dung cần bổ sung")
        else:
            title = self.tr("Từ chối hồ sơ {0} (Mẫu 03)").format(code)
            label = self.tr("Lý do từ chối")
        dialog = AnswerDialog(title, label, missing=supplement, parent=self)
        key = f"{code}:{supplement}"
        reason, missing = self.draft.get(key, ("", []))
        dialog.reason.setPlainText(reason)
        dialog.missing.setPlainText("\n".join(missing))
        dialog.accepted.connect(lambda: self._asked(code, supplement, *dialog.values()))
        dialog.finished.connect(lambda _r: self._back_to_list())
        self.dialog = dialog
        dialog.open()
        dialog.reason.setFocus()

    def _asked(self, code: str, supplement: bool, reason: str, missing: list[str]) -> None:
        self.draft[f"{code}:{supplement}"] = (reason, missing)
        if supplement:
            self.request_supplement(code, reason, missing)
        else:
            self.reject(code, reason)

    def request_supplement(self, code: str, reason: str, missing: list[str]) -> None:
        desk = self.desk
        if desk is None or self.busy:
            return
        self._run(
            lambda: desk.online.request_supplement(code, reason, missing),
            lambda r: self._answered(r, "supplement"),
            self.tr("Đang ghi yêu cầu bổ sung hồ sơ {0}…").format(code),
        )

    def reject(self, code: str, reason: str) -> None:
        desk = self.desk
        if desk is None or self.busy:
            return
        self._run(
            lambda: desk.online.reject(code, reason),
            lambda r: self._answered(r, "rejection"),
            self.tr("Đang ghi từ chối hồ sơ {0}…").format(code),
        )

    def release(self) -> None:
        item = self._current()
        if item is None or self.desk is None or self.busy or not self.release_button.isEnabled():
            return
        desk, code = self.desk, item.code
        self._run(
            lambda: desk.online.release(code),
            lambda _r: self._released(code),
            self.tr("Đang trả lại hồ sơ {0}…").format(code),
        )

    def _released(self, code: str) -> None:
        self._done()
        self._say(self.tr("Đã trả lại hồ sơ {0}: quầy khác có thể kiểm tra.").format(code), "ok")
        self.changed.emit()
        self.refresh()

    def _answered(self, receipt: Receipt, kind: str) -> None:
        self._done()
        code = receipt.code or receipt.id
        self.draft = {k: v for k, v in self.draft.items() if not k.startswith(f"{code}:")}
        self.opened = None
        if kind == "receipt":
            due = receipt.due_at.strftime("%H:%M %d/%m/%Y") if receipt.due_at else "—"
            text = self.tr("Đã tiếp nhận hồ sơ {0} — hẹn trả {1}.").format(code, due)
        elif kind == "supplement":
            text = self.tr("Đã yêu cầu bổ sung hồ sơ {0} (Mẫu 02).").format(code)
        else:
            text = self.tr("Đã từ chối hồ sơ {0} (Mẫu 03).").format(code)
        self._say(text + " " + self.tr("Đang in…"), "ok")
        self.changed.emit()
        self.refresh()
        desk = self.desk
        assert desk is not None
        DeskOp(
            self.tasks,
            lambda: desk.print_form(kind, code),
            lambda outcome: self._printed(text, outcome),
            say=lambda t, role: self._say(text + " " + t, role),
            io=True,
        ).start()

    def _printed(self, text: str, outcome: PrintOutcome) -> None:
        problem = bool(outcome.waiting) and not outcome.printed
        self._say(text + " " + outcome_text(outcome), "error" if problem else "ok")

    # -- feedback ----------------------------------------------------------------------------

    def _run(self, run: Callable[[], T], done: Callable[[T], None], busy_text: str) -> None:
        """An answer: the list keeps the focus while the buttons are greyed out (a disabled
        button's focus would move on along the window, to the lock button)."""
        self.table.setFocus()
        self.busy = True
        self._actions(self._current())
        DeskOp(
            self.tasks,
            run,
            done,
            say=self._say,
            busy_text=busy_text,
            on_failed=lambda _e: self._failed(),
        ).start()

    def _failed(self) -> None:
        """Refused (another counter holds it, answered elsewhere, a reason too short): the
        list shows where things stand now."""
        self._done()
        self.refresh()

    def _done(self) -> None:
        self.busy = False
        self._actions(self._current())
        self._back_to_list()

    def _back_to_list(self) -> None:
        if self.isVisible():
            self.table.setFocus()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
