"""Tra cứu — by dossier code (a replaced provisional code too), ID number, name or phone, on
local data, so it works offline; the dossier's status, appointment and history."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.desk import Desk, DossierView
from desktop.services.printing import STEP_LABELS

from .domain_words import moment_text, status_text, step_text
from .dossier_table import DossierRow, DossierTableModel, fit_columns
from .operations import DeskOp
from .payment_dialog import FeeActions, fee_rows, fees_of
from .style import mark
from .tasks import Tasks
from .widgets import named


def _fmt(moment: datetime | None) -> str:
    return moment_text(moment)  # "17:00 ngày 04/12/2026", as the slips write it


class LookupView(QWidget):
    reprint = Signal(str)  # a dossier code whose receipt should be printed again

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.loading = False
        self.found: list[DossierView] = []
        self.current: DossierView | None = None
        self.query = named(QLineEdit(), "lookupSearch")
        self.query.setPlaceholderText(self.tr("Mã hồ sơ, số CCCD/CMND, họ tên hoặc số điện thoại…"))
        self.query.setClearButtonEnabled(True)
        self.model = DossierTableModel()
        self.table = named(QTableView(), "lookupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        fit_columns(self.table)
        self.table.hideColumn(4)  # the reception time is in the detail pane; room for the rest
        self.detail = named(QTextBrowser(), "lookupDetail")
        self.count = named(QLabel(""), "lookupCount")
        self.reprint_button = named(QPushButton(self.tr("In lại giấy tiếp nhận")), "lookupReprint")
        self.reprint_button.setEnabled(False)
        self.fee_actions = FeeActions(tasks, self)
        self.fee_actions.changed.connect(self._fee_changed)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.count)
        split = QSplitter()
        split.addWidget(self.table)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        rl.addWidget(self.fee_actions)
        rl.addWidget(self.reprint_button)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._select(cur.row())
        )
        self.reprint_button.clicked.connect(self._reprint)

    def start(self, desk: Desk) -> None:
        self.desk = desk
        self.current = None
        self.fee_actions.show_for(desk, None)
        self.refresh()

    def refresh(self) -> None:
        if self.desk is None:
            return
        desk, query = self.desk, self.query.text()
        self.loading = True
        DeskOp(
            self.tasks,
            lambda: (desk.search(query), desk.now()),
            self._show,
            say=self._say,
            on_failed=self._stopped,
        ).start()

    def _show(self, answer: tuple[list[DossierView], datetime]) -> None:
        self.loading = False
        found, now = answer
        self.found = found
        self.model.set_rows(
            [
                DossierRow(
                    d.code,
                    d.provisional,
                    d.applicant_name,
                    d.procedure_name,
                    d.status,
                    d.received_at,
                    d.due_at,
                )
                for d in found
            ],
            now,
        )
        if self.query.text().strip():
            self.count.setText(self.tr("%n hồ sơ", "", len(found)))
        else:
            self.count.setText(self.tr("%n hồ sơ gần nhất", "", len(found)))
        if found:
            self.table.selectRow(0)
        else:
            self.detail.setHtml(html.escape(self.tr("Không tìm thấy hồ sơ nào phù hợp.")))
            self.reprint_button.setEnabled(False)
            self.current = None
            self.fee_actions.show_for(self.desk, None)

    def _select(self, row: int) -> None:
        if self.desk is None or not 0 <= row < len(self.found):
            return
        desk, ref = self.desk, self.found[row].id
        DeskOp(
            self.tasks,
            lambda: desk.detail(ref),
            self._show_detail,
            say=self._say,
            on_failed=self._stopped,
        ).start()

    def _show_detail(self, d: DossierView) -> None:
        self.detail.setHtml(detail_html(d))
        self.current = d
        self.reprint_button.setEnabled(bool(d.code) and d.received_at is not None)
        self.fee_actions.show_for(self.desk, d)

    def _fee_changed(self) -> None:
        """A payment, exemption or refund was recorded: the dossier is read again."""
        if self.desk is None or self.current is None:
            return
        desk, ref = self.desk, self.current.id
        DeskOp(self.tasks, lambda: desk.detail(ref), self._show_detail, say=self._say).start()

    def _reprint(self) -> None:
        d = self.current
        if d is not None and d.code:
            self.reprint.emit(d.code)

    def _stopped(self, _exc: Exception) -> None:
        self.loading = False

    def _say(self, text: str, role: str) -> None:
        """A failed look-up is reported in the detail pane, the count marked."""
        self.detail.setPlainText(text)
        mark(self.count, role)


def _span(minutes: int) -> str:
    return QCoreApplication.translate("DossierDetail", "{h} giờ {m:02d} phút").format(
        h=abs(minutes) // 60, m=abs(minutes) % 60
    )


def post_rows(d: DossierView) -> list[tuple[str, str]]:
    """The result by post (issue 20): the S10 number and the post's 24 hours to deliver within
    the province (An Giang QĐ 66/2020 Điều 26.2), on time or late."""
    if not d.by_post:
        return []
    if d.posted_at is None:
        return [
            (
                QCoreApplication.translate("DossierDetail", "Trả qua bưu chính"),
                QCoreApplication.translate("DossierDetail", "Chưa gửi"),
            )
        ]
    rows = [
        (
            QCoreApplication.translate("DossierDetail", "Gửi bưu chính"),
            f"{d.post_tracking or ''} · {_fmt(d.posted_at)}",
        ),
        (QCoreApplication.translate("DossierDetail", "Hạn phát (24 giờ)"), _fmt(d.post_due_at)),
    ]
    if d.post_delivered_at is not None:
        verdict = (
            QCoreApplication.translate("DossierDetail", "đúng hạn")
            if d.post_on_time
            else QCoreApplication.translate("DossierDetail", "quá hạn 24 giờ")
        )
        rows.append(
            (
                QCoreApplication.translate("DossierDetail", "Bưu chính đã phát"),
                f"{_fmt(d.post_delivered_at)} ({verdict})",
            )
        )
    else:
        left = d.post_minutes_left or 0
        state = (
            QCoreApplication.translate("DossierDetail", "QUÁ HẠN {span}").format(span=_span(left))
            if d.post_overdue
            else QCoreApplication.translate("DossierDetail", "còn {span}").format(span=_span(left))
        )
        rows.append((QCoreApplication.translate("DossierDetail", "Bưu chính chưa phát"), state))
    return rows


def detail_html(d: DossierView) -> str:
    e = html.escape
    code = d.code or QCoreApplication.translate("DossierDetail", "(chưa cấp mã)")
    rows = [
        (
            QCoreApplication.translate("DossierDetail", "Mã hồ sơ"),
            code
            + (QCoreApplication.translate("DossierDetail", " — MÃ TẠM") if d.provisional else ""),
        ),
        (QCoreApplication.translate("DossierDetail", "Mã cũ"), ", ".join(d.aliases) or "—"),
        (
            QCoreApplication.translate("DossierDetail", "Trạng thái"),
            f"{status_text(d.status)} ({d.status})",
        ),
        (
            QCoreApplication.translate("DossierDetail", "Thủ tục"),
            f"{d.procedure} — {d.procedure_name}",
        ),
        (
            QCoreApplication.translate("DossierDetail", "Người nộp"),
            f"{d.applicant_name} · {d.applicant_id_number}",
        ),
        (QCoreApplication.translate("DossierDetail", "Địa chỉ"), d.applicant_address),
        (QCoreApplication.translate("DossierDetail", "Điện thoại"), d.applicant_phone or "—"),
        (QCoreApplication.translate("DossierDetail", "Tiếp nhận"), _fmt(d.received_at)),
        (QCoreApplication.translate("DossierDetail", "Hẹn trả"), _fmt(d.due_at)),
        (QCoreApplication.translate("DossierDetail", "Có kết quả"), _fmt(d.finished_at)),
        (QCoreApplication.translate("DossierDetail", "Đã trả"), _fmt(d.returned_at)),
        *post_rows(d),
        *fee_rows(fees_of(d)),
    ]
    out = ["<table cellspacing='4'>"]
    out += [f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows]
    # translated outside the f-strings: lupdate does not read inside them
    documents = QCoreApplication.translate("DossierDetail", "Thành phần hồ sơ")
    history = QCoreApplication.translate("DossierDetail", "Quá trình xử lý")
    attached = QCoreApplication.translate("DossierDetail", "Tệp đính kèm")
    out.append(f"</table><h4>{e(documents)}</h4><ul>")
    out += [f"<li>{e(name)}</li>" for name in d.document_names]
    out.append(f"</ul><h4>{e(history)}</h4><ol>")
    for ev in d.events or ():
        label = step_text(ev.type, STEP_LABELS)
        out.append(f"<li>{e(_fmt(ev.occurred_at))} — {e(label)} ({e(ev.officer)})</li>")
    out.append("</ol>")
    if d.attachments:
        out.append(f"<h4>{e(attached)}</h4><ul>")
        out += [
            f"<li>{e(x.document)}: {e(x.filename)} ({x.size // 1024} KB)</li>"
            for x in d.attachments
        ]
        out.append("</ul>")
    return "".join(out)
