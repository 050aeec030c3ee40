"""Tiếp nhận hồ sơ — the screen used all day, keyboard first:

procedure (type, arrows, Enter) → applicant (or scan the CCCD card; Enter moves from field to
field) → documents → Ctrl+Enter receives → the receipt's preview, Enter prints → F2 for the next
citizen. Supplement request (Mẫu 02, Ctrl+2) and refusal (Mẫu 03, Ctrl+3) instead of reception
state their reason (Ctrl+Enter records it) and print too. A form that does not validate is
refused whole: every bad field marked red and named in plain words, the first one focused.
A receipt not printed is not forgotten: the next citizen, a switch of screen and closing its
preview ask whether to print it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cccd_qr import CccdQrError, read_cccd_qr
from desktop.domain.procedures import Procedure
from desktop.domain.reception import FormError, ReceptionForm, parse_form
from desktop.services.desk import Desk, OfficerInfo, Receipt
from desktop.services.printing import PrintOutcome

from .citizen_screen import citizen_for
from .day_summary import DaySummary
from .form_problems import Problem, form_problems
from .operations import DeskOp
from .preview import Preview, PreviewDialog, render_copies
from .print_text import outcome_text
from .reception_parts import (
    FORM_ROW_GAP,
    ApplicantForm,
    DocumentChecklist,
    EnterMovesOn,
    FeeQuantities,
    ProcedurePicker,
    ReasonDialog,
)
from .scan_panel import ScanDialog, ScanPanel
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

T = TypeVar("T")

# a field the form refused (issue 22 item 4): red until the officer edits it
INVALID_STYLE = """
QLineEdit[invalid="true"], QSpinBox[invalid="true"], QTableWidget[invalid="true"] {
    border: 2px solid #b00020; background: #fdecea;
}
"""


class ReceptionView(QWidget):
    changed = Signal()  # a dossier was written: sync soon, refresh lists

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receptionView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.busy = False
        self.last: Receipt | None = None
        self.preview: PreviewDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.unprinted_box: QMessageBox | None = None
        self.receipt_printed = True  # the last receipt went to a printer (or there is none)
        self.marked: list[QWidget] = []  # the fields the last refused form marked red

        self.picker = ProcedurePicker()
        self.fees = FeeQuantities()
        self.applicant = ApplicantForm()
        self.documents = DocumentChecklist()
        self.scans = ScanPanel(tasks)
        self.scan_dialog = ScanDialog(self.scans, self)
        self.scan_button = named(QPushButton(self.tr("Quét giấy tờ… (F8)")), "openScanButton")
        self.scan_summary = named(QLabel(self.tr("Chưa quét giấy tờ nào")), "scanSummary")
        self.sets = named(QSpinBox(), "setsSpin")
        self.sets.setRange(1, 20)
        self.channel = named(QComboBox(), "channelCombo")
        self.channel.addItem(self.tr("Trực tiếp tại quầy"), 1)
        self.channel.addItem(self.tr("Qua bưu chính công ích"), 3)
        self.channel.addItem(self.tr("Trực tuyến"), 2)
        self.delivery = named(QComboBox(), "deliveryCombo")
        self.delivery.addItem(self.tr("Nhận tại quầy"), "counter")
        self.delivery.addItem(self.tr("Qua bưu chính công ích"), "post")
        self.delivery_address = named(QLineEdit(), "deliveryAddress")
        self.delivery_address.setPlaceholderText(self.tr("Địa chỉ nhận kết quả qua bưu chính"))
        self.delivery_address.setEnabled(False)
        self.note = named(QLineEdit(), "noteInput")
        self.message = named(QLabel(""), "receptionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.receive_button = named(QPushButton(self.tr("Tiếp nhận (Ctrl+Enter)")), "receiveButton")
        self.receive_button.setProperty("primary", True)
        # the same keys as the online dossiers' screen: the form's number
        self.supplement_button = named(
            QPushButton(self.tr("Yêu cầu bổ sung (Mẫu 02, Ctrl+2)")), "supplementButton"
        )
        self.supplement_button.setToolTip(
            self.tr("Ghi yêu cầu bổ sung, hoàn thiện hồ sơ và in Mẫu 02 (Ctrl+2)")
        )
        self.reject_button = named(QPushButton(self.tr("Từ chối (Mẫu 03, Ctrl+3)")), "rejectButton")
        self.reject_button.setToolTip(self.tr("Ghi từ chối tiếp nhận và in Mẫu 03 (Ctrl+3)"))
        self.reprint_button = named(QPushButton(self.tr("In lại giấy tiếp nhận")), "reprintButton")
        self.next_button = named(QPushButton(self.tr("Công dân tiếp theo (F2)")), "nextButton")
        self.reprint_button.setEnabled(False)
        self.day_summary = DaySummary(tasks)  # the counter's day in one line (issue 22)
        self.changed.connect(self.day_summary.refresh)

        self._layout()
        self.picker.chosen.connect(self._procedure_chosen)
        self.applicant.cccd.returnPressed.connect(self._cccd_scanned)
        self.delivery.currentIndexChanged.connect(self._delivery_changed)
        self.receive_button.clicked.connect(self.receive)
        self.supplement_button.clicked.connect(lambda: self.refuse(supplement=True))
        self.reject_button.clicked.connect(lambda: self.refuse(supplement=False))
        self.reprint_button.clicked.connect(self.reprint)
        self.next_button.clicked.connect(self.ask_next_citizen)
        self.scan_button.clicked.connect(self.open_scanner)
        self.scans.changed.connect(self._scans_changed)
        # citizen display (issue 20): the ticked documents, told once the change has settled
        self.documents.itemChanged.connect(lambda _item: self._tell_citizen_soon())
        self._citizen_due = False
        self.documents.currentCellChanged.connect(
            lambda row, _c, _pr, _pc: self.scans.set_document(self.documents.document_at(row))
        )
        for keys, slot in (
            ("Ctrl+Return", self.receive),
            ("Ctrl+Enter", self.receive),
            ("F2", self.ask_next_citizen),
            ("F8", self.open_scanner),
            ("Ctrl+2", lambda: self.refuse(supplement=True)),
            ("Ctrl+3", lambda: self.refuse(supplement=False)),
        ):
            shortcut(self, keys, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Enter goes from field to field; in the last one it receives (as Ctrl+Enter does)
        self.enter = EnterMovesOn(self.receive, self)
        self.enter.watch(
            [
                *self.applicant.inputs.values(),
                self.sets,
                self.delivery_address,
                self.note,
            ],
            final=self.note,
        )
        self.setStyleSheet(INVALID_STYLE)
        for edit in [self.picker.query, self.delivery_address, self.note]:
            edit.textChanged.connect(lambda _t, w=edit: self._unmark(w))
        for edit in self.applicant.inputs.values():
            edit.textChanged.connect(lambda _t, w=edit: self._unmark(w))
        self.sets.valueChanged.connect(lambda _v: self._unmark(self.sets))
        self.documents.itemChanged.connect(lambda _i: self._unmark(self.documents))

    def _layout(self) -> None:
        procedure = QGroupBox(self.tr("1. Thủ tục"))
        procedure_layout = QVBoxLayout(procedure)
        procedure_layout.addWidget(self.picker)
        procedure_layout.addWidget(self.fees)
        who = QGroupBox(self.tr("2. Người nộp hồ sơ"))
        QVBoxLayout(who).addWidget(self.applicant)
        docs = QGroupBox(self.tr("3. Thành phần hồ sơ"))
        docs_layout = QVBoxLayout(docs)
        docs_layout.addWidget(self.documents, 1)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_summary, 1)
        scan_row.addWidget(self.scan_button)
        docs_layout.addLayout(scan_row)
        options = QGroupBox(self.tr("4. Nộp và nhận kết quả"))
        extra = QFormLayout(options)
        extra.setVerticalSpacing(FORM_ROW_GAP)
        extra.addRow(self.tr("Số bộ hồ sơ"), self.sets)
        extra.addRow(self.tr("Hình thức nộp"), self.channel)
        delivery = QHBoxLayout()
        delivery.addWidget(self.delivery)
        delivery.addWidget(self.delivery_address, 1)
        extra.addRow(self.tr("Nơi nhận kết quả"), delivery)
        extra.addRow(self.tr("Ghi chú"), self.note)
        # what the officer reads (procedure, documents) left; what they type (person) right
        grid = QGridLayout()
        grid.addWidget(procedure, 0, 0)
        grid.addWidget(docs, 1, 0)
        grid.addWidget(who, 0, 1)
        grid.addWidget(options, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        buttons = QHBoxLayout()
        for b in (self.next_button, self.reprint_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.reject_button, self.supplement_button, self.receive_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        # the day's figures beside the message line, not among the buttons: there they widened
        # the screen past 1366 px and pushed "Tiếp nhận" off it
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.day_summary)
        layout.addLayout(status)
        layout.addLayout(buttons)
        # keyboard order: procedure, applicant, documents and options, then the actions
        chain: list[QWidget] = [self.picker.query, self.applicant.cccd, self.applicant.card_confirm]
        chain.extend(self.applicant.inputs.values())
        chain.extend(
            [
                self.documents,
                self.sets,
                self.channel,
                self.delivery,
                self.delivery_address,
                self.note,
                self.receive_button,
                self.supplement_button,
                self.reject_button,
                self.next_button,
            ]
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- set-up ----------------------------------------------------------------------------------

    def start(self, desk: Desk, officer: OfficerInfo) -> None:
        self.desk = desk
        self.officer = officer
        allowed = "reception" in officer.roles or "admin" in officer.roles
        for b in (self.receive_button, self.supplement_button, self.reject_button):
            b.setEnabled(allowed)
        # the catalog and how often this counter used each procedure (the picker's ranking)
        self._op(lambda: (desk.procedures(), desk.procedure_usage()), self.picker.set_catalog)
        self.scans.load_devices()
        self.day_summary.start(desk)
        self.next_citizen()

    def ask_next_citizen(self) -> None:
        """F2 and the button: the next citizen, once the last receipt is printed or the
        officer chose not to."""
        self.unprinted_receipt(then=self.next_citizen)

    def unprinted_receipt(self, then: Callable[[], None] | None = None) -> bool:
        """A received dossier whose receipt did not print: ask "print now / skip" (without
        blocking), then ``then``. False when there was nothing to ask."""
        last = self.last
        if last is None or self.receipt_printed or self.desk is None:
            if then is not None:
                then()
            return False
        if self.unprinted_box is not None and self.unprinted_box.isVisible():
            return True
        box = named(QMessageBox(self.window()), "unprintedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Biên nhận chưa được in"))
        box.setText(self.tr("Biên nhận của hồ sơ {0} chưa được in.").format(last.code or last.id))
        print_now = box.addButton(self.tr("In bây giờ"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Bỏ qua"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(print_now)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        ref = last.code or last.id

        def answered() -> None:
            if box.clickedButton() is print_now:
                self.print_form("receipt", ref)
            self.receipt_printed = True  # asked once: the officer decided
            if then is not None:
                then()
            elif self.isVisible():  # asked on this screen (not after a switch to another)
                self._back_to_work()
            else:  # the other screen gets its keys back
                self.window().activateWindow()

        box.finished.connect(lambda _r: answered())
        self.unprinted_box = box
        box.open()
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        """Switching to another screen with a receipt not printed: asked there."""
        super().hideEvent(event)
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        # only a switch of tab (not the lock screen, not closing the window)
        if tabs is not None and tabs.isVisible() and self.window().isVisible():
            QTimer.singleShot(0, self._ask_after_switch)

    def _ask_after_switch(self) -> None:
        if not self.isVisible() and self.window().isVisible():
            self.unprinted_receipt()

    def next_citizen(self) -> None:
        self._unmark_all()
        self.picker.reset()
        self.fees.reset()
        self.applicant.reset()
        self.documents.setRowCount(0)
        self.scans.reset()
        self._scans_changed()
        self.sets.setValue(1)
        self.channel.setCurrentIndex(0)
        self.delivery.setCurrentIndex(0)
        self.delivery_address.clear()
        self.note.clear()
        self.last = None
        self.receipt_printed = True
        self.reprint_button.setEnabled(False)
        self._say("", "hint")
        self.picker.query.setFocus()
        citizen_for(self).finished()  # citizen display (issue 20): rate, or idle

    def open_scanner(self) -> None:
        """Scan the document selected in the checklist (the scan window remembers the pages
        of every document until the dossier is received or the next citizen comes)."""
        if self.documents.rowCount() == 0:
            self._say(self.tr("Chọn thủ tục trước, rồi chọn giấy tờ cần quét"), "error")
            return
        if self.documents.currentRow() < 0:
            self.documents.setCurrentCell(0, 0)
        self.scans.set_document(self.documents.document_at(self.documents.currentRow()))
        self.scan_dialog.open()

    def _scans_changed(self) -> None:
        done = [(p.document, len(p.pages)) for p in self.scans.scanned()]
        self.documents.show_scanned(dict(done))
        total = sum(n for _d, n in done)
        self.scan_summary.setText(
            self.tr("Đã quét {0} trang cho {1} giấy tờ").format(total, len(done))
            if done
            else self.tr("Chưa quét giấy tờ nào")
        )

    def _procedure_chosen(self, p: Procedure) -> None:
        self.scans.reset()
        self._scans_changed()
        self.documents.load(p)
        self.fees.load(p)
        # the quantities come right after the procedure in the keyboard order
        order: list[QWidget] = [self.picker.query, *self.fees.spin_boxes(), self.applicant.cccd]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        if self.documents.rowCount():
            self.documents.setCurrentCell(0, 0)
        self.sets.setValue(p.sets)
        model = self.delivery.model()
        assert isinstance(model, QStandardItemModel)
        post = model.item(1)
        post.setEnabled(p.postal_result)
        if not p.postal_result:
            self.delivery.setCurrentIndex(0)
        self.applicant.cccd.setFocus()
        # citizen display (issue 20): the procedure, then its documents and fee as counted
        citizen_for(self).reception_started(p)
        for spin in self.fees.spin_boxes():
            spin.valueChanged.connect(lambda _v: self._tell_citizen_soon())
            spin.valueChanged.connect(lambda _v, w=spin: self._unmark(w))
        self.enter.watch_extra(list(self.fees.spin_boxes()))
        self._unmark(self.picker.query)
        self._tell_citizen()

    # -- citizen display (issue 20) --------------------------------------------------------------

    def _tell_citizen_soon(self) -> None:
        """After the current change (the checklist fills a row cell by cell): one update."""
        if not self._citizen_due and citizen_for(self).on:
            self._citizen_due = True
            QTimer.singleShot(0, self._tell_citizen)

    def _tell_citizen(self) -> None:
        self._citizen_due = False
        screen = citizen_for(self)
        if screen.on and self.picker.current is not None:
            lines = self.fees.lines()
            total = sum(line["amount"] * line["quantity"] for line in lines)
            screen.documents_changed(self.documents.received(), total)

    def _delivery_changed(self) -> None:
        post = self.delivery.currentData() == "post"
        self.delivery_address.setEnabled(post)

    def _cccd_scanned(self) -> None:
        if not self.applicant.cccd.text().strip():
            # no card to scan: Enter goes on to the name, as in every other field
            self.applicant.inputs["name"].setFocus(Qt.FocusReason.TabFocusReason)
            return
        self.fill_from_cccd(self.applicant.cccd.text())

    def fill_from_cccd(self, payload: str) -> bool:
        """Fill the applicant from the card's QR: all of it, or what could be read with the
        rest named (issue 21); warnings wait for the officer's confirmation. False when nothing
        was filled (not a card's QR)."""
        try:
            card = read_cccd_qr(payload)
        except CccdQrError as exc:
            self._say(self.tr("Không đọc được mã QR CCCD: {0}").format(exc), "error")
            return False
        unread = self.applicant.fill_from_card(card)
        if unread:
            self._say(
                self.tr(
                    "Thẻ CCCD chỉ đọc được một phần; chưa đọc được: {0} — nhập tay theo thẻ"
                ).format(", ".join(unread)),
                "error",
            )
            missing = [
                k
                for k in ("name", "id_number", "birth_date", "address")
                if not self.applicant.inputs[k].text()
            ]
            self.applicant.inputs[missing[0] if missing else "phone"].setFocus()
        elif card.warnings:
            self._say(
                self.tr(
                    "Đã điền thông tin từ thẻ CCCD của {0}; thẻ có cảnh báo cần xác nhận"
                ).format(card.name),
                "error",
            )
        else:
            self._say(self.tr("Đã điền thông tin từ thẻ CCCD của {0}").format(card.name), "ok")
            self.applicant.inputs["phone"].setFocus()
        if card.warnings and not unread:
            self.applicant.card_confirm.setFocus()
        return True

    # -- the form ----------------------------------------------------------------------------

    def form_data(self) -> dict[str, Any]:
        p = self.picker.current
        data: dict[str, Any] = {
            "procedure": p.code if p else "",
            "applicant": self.applicant.values(),
            "documents": self.documents.received(),
            "sets": self.sets.value(),
            "channel": self.channel.currentData(),
            "result_delivery": {"method": self.delivery.currentData()},
        }
        if p is not None:
            data["fees"] = self.fees.lines()  # what is due, with the quantities counted
        if self.delivery.currentData() == "post":
            data["result_delivery"]["address"] = self.delivery_address.text().strip()
        if self.note.text().strip():
            data["note"] = self.note.text().strip()
        return data

    def _form(self) -> ReceptionForm | None:
        self._unmark_all()
        data = self.form_data()
        if self.picker.current is not None and not self.applicant.warnings_confirmed():
            # the card's warnings (a birth year or sex the ID number disagrees with, a repaired
            # name) are the officer's to check before anything is issued (issue 21)
            self._say(
                self.tr(
                    "Thẻ CCCD có cảnh báo chưa được xác nhận: đối chiếu với thẻ, "
                    "rồi đánh dấu ô xác nhận"
                ),
                "error",
            )
            self.applicant.card_confirm.setFocus()
            return None
        problems = form_problems(data)
        if problems:
            self._refuse_form(problems)
            return None
        try:
            return parse_form(data)
        except FormError as exc:  # form_problems saw nothing: the domain's own words
            self._say(self.tr("Chưa tiếp nhận được: {0}").format(exc), "error")
            return None

    # -- a refused form: every problem at once --------------------------------------------------

    def _field_widget(self, field: str) -> QWidget | None:
        if field == "procedure":
            return self.picker.query
        if field == "fees":
            spins = self.fees.spin_boxes()
            return spins[0] if spins else None
        if field in self.applicant.inputs:
            return self.applicant.inputs[field]
        return {
            "documents": self.documents,
            "sets": self.sets,
            "delivery_address": self.delivery_address,
            "note": self.note,
        }.get(field)

    def field_name(self, field: str) -> str:
        """A field as the form labels it, in the window's language."""
        return {
            "procedure": self.tr("Thủ tục"),
            "fees": self.tr("Phí, lệ phí"),
            "name": self.tr("Họ và tên"),
            "id_number": self.tr("Số CCCD / CMND / hộ chiếu"),
            "birth_date": self.tr("Ngày sinh"),
            "address": self.tr("Địa chỉ"),
            "phone": self.tr("Số điện thoại"),
            "email": self.tr("Thư điện tử"),
            "documents": self.tr("Thành phần hồ sơ"),
            "sets": self.tr("Số bộ hồ sơ"),
            "delivery_address": self.tr("Địa chỉ nhận kết quả"),
            "note": self.tr("Ghi chú"),
        }.get(field, self.tr("Hồ sơ"))

    def problem_text(self, p: Problem) -> str:
        """What is wrong with one field, in plain words of the window's language (the
        structured problem translated here, at the edge)."""
        if p.kind == "missing":
            if p.field == "procedure":
                return self.tr("chưa chọn (gõ tên thủ tục, Enter để chọn)")
            return self.tr("chưa nhập")
        if p.kind == "too_short":
            return self.tr("quá ngắn (ít nhất {0} ký tự)").format(p.params.get("min"))
        if p.kind == "too_long":
            return self.tr("quá dài (nhiều nhất {0} ký tự)").format(p.params.get("max"))
        if p.kind == "forbidden":
            return self.tr("có ký tự không được phép (ký tự điều khiển hoặc ký tự ẩn)")
        if p.kind == "birth_year":
            return self.tr("năm sinh không khớp với số CCCD: đối chiếu với thẻ")
        return {
            "name": self.tr("chỉ gồm chữ cái, ít nhất 2 chữ, không có chữ số"),
            "id_number": self.tr("không đúng: CCCD 12 chữ số, CMND 9 chữ số, hoặc số hộ chiếu"),
            "birth_date": self.tr("không phải ngày có thật (ngày/tháng/năm, ví dụ 01/02/1945)"),
            "phone": self.tr("không đúng (10 chữ số, bắt đầu bằng 0)"),
            "email": self.tr("không đúng dạng (ví dụ ten@gmail.com)"),
        }.get(p.field, self.tr("không hợp lệ"))

    def _refuse_form(self, problems: list[Problem]) -> None:
        lines = []
        first: QWidget | None = None
        for p in problems:
            text = f"{self.field_name(p.field)}: {self.problem_text(p)}"
            lines.append(text)
            widget = self._field_widget(p.field)
            if widget is None:
                continue
            widget.setProperty("invalid", True)
            widget.setToolTip(text)
            self._repolish(widget)
            self.marked.append(widget)
            first = first or widget
        self._say(
            self.tr("Chưa tiếp nhận được — sửa các ô tô đỏ: {0}").format("; ".join(lines)),
            "error",
        )
        if first is not None:
            first.setFocus()

    def _unmark(self, widget: QWidget) -> None:
        if widget in self.marked:
            self.marked.remove(widget)
            widget.setProperty("invalid", False)
            widget.setToolTip("")
            self._repolish(widget)

    def _unmark_all(self) -> None:
        for widget in list(self.marked):
            self._unmark(widget)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- receive, refuse, print ---------------------------------------------------------------

    def receive(self) -> None:
        if self.busy or self.desk is None or self.officer is None:
            return
        form = self._form()
        if form is None:
            return
        desk, officer = self.desk, self.officer
        self._busy(True, self.tr("Đang tiếp nhận…"))
        self._op(lambda: desk.receive(form, officer), self._received)

    def _received(self, receipt: Receipt) -> None:
        self._busy(False)
        self.last = receipt
        self.receipt_printed = False
        self.reprint_button.setEnabled(True)
        if self.picker.current is not None:
            self.picker.used(self.picker.current)
        self.changed.emit()
        due = receipt.due_at.strftime("%H:%M %d/%m/%Y") if receipt.due_at else ""
        text = self.tr("Đã tiếp nhận hồ sơ {0} — hẹn trả {1}").format(receipt.code, due)
        if receipt.provisional:
            text += self.tr(" (MÃ TẠM: sẽ có mã chính thức khi đồng bộ)")
        self._say(text, "ok")
        self._attach_scans(receipt)
        citizen_for(self).received(receipt)  # citizen display (issue 20)
        self._preview("receipt", receipt.code or receipt.id)

    def _attach_scans(self, receipt: Receipt) -> None:
        """The scanned papers become the dossier's attachments, one PDF per document."""
        scanned = [
            (p.document, p.filename, p.build_pdf(), len(p.pages)) for p in self.scans.scanned()
        ]
        if not scanned or self.desk is None or self.officer is None:
            return
        desk, officer, code = self.desk, self.officer, receipt.code or receipt.id
        self._op(
            lambda: desk.attach_scans(code, officer, scanned),
            lambda n: self.scans._say(self.tr("Đã đính kèm {0} giấy tờ đã quét").format(n), "ok"),
        )

    def refuse(self, *, supplement: bool) -> None:
        """Ctrl+2 / Ctrl+3: the reason asked in a box where Enter adds a line and Ctrl+Enter
        records it (not blocking: the rest follows when the officer confirms)."""
        if self.busy or self.desk is None or self.officer is None:
            return
        form = self._form()
        if form is None:
            return
        what = (
            self.tr("Nội dung cần bổ sung, hoàn thiện")
            if supplement
            else self.tr("Lý do từ chối tiếp nhận")
        )
        dialog = ReasonDialog(what, self)
        self.reason_dialog = dialog
        dialog.accepted.connect(lambda: self._refuse_with(form, dialog.reason(), supplement))
        dialog.rejected.connect(self._back_to_work)
        dialog.open()

    def _refuse_with(self, form: ReceptionForm, reason: str, supplement: bool) -> None:
        if self.busy or self.desk is None or self.officer is None:
            return
        missing = self.documents.missing() if supplement else []
        desk, officer = self.desk, self.officer
        self._busy(True, self.tr("Đang ghi…"))
        self._op(
            lambda: desk.refuse(form, officer, reason, supplement=supplement, missing=missing),
            lambda r: self._refused(r, supplement),
        )

    def _refused(self, receipt: Receipt, supplement: bool) -> None:
        self._busy(False)
        self.changed.emit()
        kind = "supplement" if supplement else "rejection"
        self._say(
            self.tr("Đã ghi yêu cầu bổ sung (Mẫu 02)")
            if supplement
            else self.tr("Đã ghi từ chối tiếp nhận (Mẫu 03)"),
            "ok",
        )
        citizen_for(self).refused(receipt, supplement)  # citizen display (issue 20)
        self._preview(kind, receipt.id)

    def reprint(self) -> None:
        if self.last is not None:
            self._preview("receipt", self.last.code or self.last.id)

    def _preview(self, kind: str, ref: str) -> None:
        desk = self.desk
        assert desk is not None
        self._op(
            lambda: render_copies(desk, kind, ref),
            lambda preview: self._show_preview(kind, ref, preview),
        )

    def _show_preview(self, kind: str, ref: str, preview: Preview) -> None:
        dialog = PreviewDialog(self.tr("Xem trước phiếu"), preview, self)
        self.preview = dialog
        dialog.print_requested.connect(lambda: self.print_form(kind, ref))
        dialog.finished.connect(lambda _r: self._preview_closed(kind, ref))
        dialog.open()

    def _preview_closed(self, kind: str, ref: str) -> None:
        last = self.last
        if (
            kind == "receipt"
            and last is not None
            and ref == (last.code or last.id)
            and not self.receipt_printed
        ):
            self.unprinted_receipt()  # closed without printing: asked once
            return
        self._back_to_work()

    def _back_to_work(self) -> None:
        """Where the next citizen starts: the procedure search."""
        self.window().activateWindow()
        self.picker.query.setFocus()

    def print_form(self, kind: str, ref: str) -> None:
        desk = self.desk
        assert desk is not None
        last = self.last
        if kind == "receipt" and last is not None and ref == (last.code or last.id):
            self.receipt_printed = True  # sent to print (a printer not ready queues it)
        self._op(lambda: desk.print_form(kind, ref), self._printed, io=True)

    def _printed(self, outcome: PrintOutcome) -> None:
        self._say(
            outcome_text(outcome), "error" if outcome.waiting and not outcome.printed else "ok"
        )

    # -- feedback ----------------------------------------------------------------------------

    def _busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.receive_button.setEnabled(not busy)
        if text:
            self._say(text, "hint")

    def _op(self, run: Callable[[], T], done: Callable[[T], None], *, io: bool = False) -> None:
        """Every service call of this screen: a failure is said on the message line and the
        screen is free again."""
        DeskOp(
            self.tasks, run, done, say=self._say, on_failed=lambda _e: self._busy(False), io=io
        ).start()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
