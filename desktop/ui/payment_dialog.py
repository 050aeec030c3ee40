"""Thu phí, lệ phí — the counter's side of a dossier's fee (issue 19, items 1–3 and 5).

Where the fee stands is shown in words (:func:`fee_rows`) by the look-up detail and the returns
screen. :class:`FeeActions` is the row of buttons under a dossier: take the fee (Ctrl+T), exempt
it, pay it back (a supervisor's decision, only for a dossier the agency did not deliver);
each button shows only for the roles allowed to use it (:func:`desktop.domain.roles.may`).

:class:`PaymentDialog` takes a payment: cash, bank transfer by the office's VietQR, or the card
terminal. The VietQR asks for the amount typed (the outstanding fee unless changed) with the
dossier code as the transfer's content, labelled so nobody takes it for the receipt's look-up
QR. Enter confirms, Esc cancels; the payment runs on the database worker, then the fee receipt
prints and the dialog says what printed. A refusal is shown in the dialog with its field
focused, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dossier import Status
from desktop.domain.fees import Fees, FeeState, Method
from desktop.domain.refusal import refusal_code
from desktop.domain.roles import may
from desktop.domain.vietqr import VietQrRefused, bank_label, build
from desktop.services.desk import Desk, DossierView
from desktop.services.payee import Payee
from desktop.services.payments import PaymentDone
from desktop.services.printing import PrintOutcome

from .citizen_screen import citizen_for
from .domain_words import money_text
from .operations import DeskOp
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

QR_DOTS = 240  # the VietQR on screen: big enough for a phone across the counter
# a dossier the agency did not deliver the service for: the only ones a fee is paid back on
REFUNDABLE = (Status.KHONG_DUOC_TIEP_NHAN, Status.CONG_DAN_RUT_HO_SO, Status.DUNG_XU_LY)
# the field a refusal is about, to put the cursor back in it
AMOUNT_CODES = {
    "amount_invalid",
    "amount_not_positive",
    "amount_too_large",
    "fee_overpaid",
    "refund_more_than_paid",
}
TEXT_CODES = {"reference_needed", "forbidden_character", "text_too_long", "reason_too_short"}


def dong(amount: int) -> str:
    """``100.000 đ``: Vietnamese groups thousands with dots."""
    return money_text(amount)  # "100,000 VND" in English


def fees_of(d: DossierView) -> Fees:
    return Fees(d.fee_total, d.fee_paid, d.fee_exempt_reason)


def fee_state_text(fee: Fees) -> str:
    """Where the fee stands, in a sentence: "Đã nộp một phần, còn 60.000 đồng"."""
    state = fee.state
    if state is FeeState.PARTIAL:
        owed = f"{fee.outstanding:,}".replace(",", ".")
        return QCoreApplication.translate("FeeText", "Đã nộp một phần, còn {0} đồng").format(owed)
    if state is FeeState.EXEMPT:
        return QCoreApplication.translate("FeeText", "Miễn phí, lệ phí: {0}").format(
            fee.exempt_reason or ""
        )
    return {
        FeeState.NONE: QCoreApplication.translate("FeeText", "Không thu phí"),
        FeeState.UNPAID: QCoreApplication.translate("FeeText", "Chưa nộp phí"),
        FeeState.PAID: QCoreApplication.translate("FeeText", "Đã nộp đủ phí"),
    }[state]


def fee_rows(fee: Fees) -> list[tuple[str, str]]:
    """The fee's lines of a dossier's detail: due, paid, outstanding, state."""
    if fee.state is FeeState.NONE:
        return [
            (
                QCoreApplication.translate("FeeText", "Phí, lệ phí"),
                QCoreApplication.translate("FeeText", "Không thu phí"),
            )
        ]
    return [
        (QCoreApplication.translate("FeeText", "Phí, lệ phí"), dong(fee.due)),
        (QCoreApplication.translate("FeeText", "Đã nộp"), dong(fee.paid)),
        (QCoreApplication.translate("FeeText", "Còn phải nộp"), dong(fee.outstanding)),
        (QCoreApplication.translate("FeeText", "Tình trạng phí"), fee_state_text(fee)),
    ]


def parse_amount(text: str) -> int | None:
    """What the officer typed, as whole đồng (dots, spaces and a trailing "đ" allowed), or
    None when it is not a number."""
    bare = text.strip().removesuffix("đồng").removesuffix("đ").removesuffix("VND").strip()
    bare = bare.replace(".", "").replace(" ", "").replace(",", "")
    return int(bare) if bare.isdigit() else None


def may_collect(roles: frozenset[str], d: DossierView) -> bool:
    return (
        may(roles, "fee.collect")
        and fees_of(d).outstanding > 0
        and not Status(d.status).is_final
        and fees_of(d).state in (FeeState.UNPAID, FeeState.PARTIAL)
    )


def may_exempt(roles: frozenset[str], d: DossierView) -> bool:
    return (
        may(roles, "fee.exempt") and d.fee_total > 0 and d.fee_paid == 0 and not d.fee_exempt_reason
    )


def may_refund(roles: frozenset[str], d: DossierView) -> bool:
    return may(roles, "fee.refund") and d.fee_paid > 0 and Status(d.status) in REFUNDABLE


class _FeeDialog(QDialog):
    """What the three dialogs share: a message line, Enter confirms, Esc cancels, a refusal
    shown with its field focused, and after the work is done the dialog only closes."""

    done_work = Signal(object)  # the PaymentDone

    def __init__(self, tasks: Tasks, desk: Desk, d: DossierView, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.desk = desk
        self.dossier = d
        self.code = d.code or d.id
        self.recorded: PaymentDone | None = None
        self.message = named(QLabel(""), "feeMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("feeOk")
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            QCoreApplication.translate("FeeText", "Hủy (Esc)"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.cancel_button.setObjectName("feeCancel")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

    def heading(self) -> QLabel:
        d, fee = self.dossier, fees_of(self.dossier)
        label = named(QLabel(), "feeHeading")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setText(
            "\n".join(
                [
                    QCoreApplication.translate("FeeText", "Hồ sơ {0} — {1}").format(
                        self.code, d.applicant_name
                    ),
                    QCoreApplication.translate(
                        "FeeText", "Phí, lệ phí {0} · đã nộp {1} · còn phải nộp {2}"
                    ).format(dong(fee.due), dong(fee.paid), dong(fee.outstanding)),
                ]
            )
        )
        return label

    def accept(self) -> None:  # Enter, and the button box: confirm, never close unasked
        if self.recorded is not None:
            super().accept()
        else:
            self.confirm()

    def confirm(self) -> None:
        raise NotImplementedError

    def say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)

    def run(self, work: Callable[[], PaymentDone], field: QWidget | None) -> None:
        DeskOp(
            self.tasks,
            work,
            self._did,
            say=self.say,
            busy_text=QCoreApplication.translate("FeeText", "Đang ghi…"),
            disable=(self.ok_button,),
            on_failed=lambda exc: self._refused(exc, field),
        ).start()

    def _refused(self, exc: Exception, text_field: QWidget | None) -> None:
        code = refusal_code(exc)
        amount = getattr(self, "amount", None)
        if code in AMOUNT_CODES and isinstance(amount, QWidget):
            amount.setFocus()
        elif code in TEXT_CODES and text_field is not None:
            text_field.setFocus()

    def _did(self, done: PaymentDone) -> None:
        self.recorded = done
        self.done_work.emit(done)
        for kind in (QLineEdit, QRadioButton):
            for w in self.findChildren(kind):
                w.setEnabled(False)
        self.ok_button.hide()
        self.cancel_button.setText(QCoreApplication.translate("FeeText", "Đóng (Esc)"))
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        self.finished_text(done)

    def finished_text(self, done: PaymentDone) -> None:
        self.say(QCoreApplication.translate("FeeText", "Đã ghi."), "ok")

    def print_receipt(self, done: PaymentDone, text: str) -> None:
        """Say what was recorded, then print its receipt and say what printed."""
        self.say(text, "ok")
        if done.receipt_no is None:
            return
        desk, number = self.desk, done.receipt_no
        DeskOp(
            self.tasks,
            lambda: desk.print_form("fee_receipt", number),
            lambda outcome: self._printed(text, outcome),
            say=lambda t, r: self.say(text + " " + t, r),
            io=True,
        ).start()

    def _printed(self, text: str, outcome: PrintOutcome) -> None:
        self.say(text + " " + outcome_text(outcome), "ok")


class PaymentDialog(_FeeDialog):
    def __init__(
        self,
        tasks: Tasks,
        desk: Desk,
        d: DossierView,
        payee: Payee | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, desk, d, parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Thu phí, lệ phí — {0}").format(self.code))
        self.payee = payee
        self.payload: str | None = None  # the VietQR shown, for the tests and the record
        self.ok_button.setText(self.tr("Thu phí và in biên lai (Enter)"))
        self.cash = named(QRadioButton(self.tr("Tiền mặt")), "payCash")
        self.qr = named(QRadioButton(self.tr("Chuyển khoản QR")), "payQr")
        self.card = named(QRadioButton(self.tr("Thẻ")), "payCard")
        self.methods = QButtonGroup(self)
        for button, method in (
            (self.cash, Method.CASH),
            (self.qr, Method.QR),
            (self.card, Method.CARD),
        ):
            self.methods.addButton(button)
            button.setProperty("method", method.value)
        self.cash.setChecked(True)
        self.amount = named(QLineEdit(str(fees_of(d).outstanding)), "payAmount")
        self.reference = named(QLineEdit(), "payReference")
        self.reference.setPlaceholderText(self.tr("Mã giao dịch trên điện thoại hoặc hóa đơn thẻ"))
        self.qr_image = named(QLabel(), "vietQrImage")
        self.qr_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_image.setMinimumSize(QR_DOTS, QR_DOTS)
        self.qr_caption = named(
            QLabel(self.tr("Mã QR chuyển khoản (VietQR) — không phải mã tra cứu hồ sơ")),
            "vietQrCaption",
        )
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = self.qr_caption.font()
        bold.setBold(True)
        self.qr_caption.setFont(bold)
        self.qr_caption.setWordWrap(True)
        self.qr_facts = named(QLabel(""), "vietQrFacts")
        self.qr_facts.setWordWrap(True)
        self.qr_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.no_account = named(
            QLabel(
                self.tr(
                    "Cơ quan chưa khai báo tài khoản nhận phí (Cài đặt): chỉ thu được bằng "
                    "tiền mặt hoặc thẻ."
                )
            ),
            "vietQrMissing",
        )
        self.no_account.setWordWrap(True)
        if payee is None:
            self.qr.setEnabled(False)
            mark(self.no_account, "hint")
        else:
            self.no_account.hide()

        radios = QHBoxLayout()
        for button in (self.cash, self.qr, self.card):
            radios.addWidget(button)
        radios.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Hình thức"), radios)
        form.addRow(self.tr("Số tiền (đồng)"), self.amount)
        form.addRow(self.tr("Mã giao dịch"), self.reference)
        left = QVBoxLayout()
        left.addWidget(self.heading())
        left.addLayout(form)
        left.addWidget(self.no_account)
        left.addStretch(1)
        left.addWidget(self.message)
        self.qr_box = QWidget()
        right = QVBoxLayout(self.qr_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.qr_image)
        right.addWidget(self.qr_caption)
        right.addWidget(self.qr_facts)
        right.addStretch(1)
        self.qr_box.setFixedWidth(QR_DOTS + 40)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.qr_box)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self.methods.buttonToggled.connect(lambda _b, _on: self._method_changed())
        # citizen display (issue 20): the VietQR faces the citizen too, until the dialog closes
        self.finished.connect(lambda _r: citizen_for(self).payment_done())
        self.amount.textChanged.connect(lambda _t: self._draw_qr())
        self._method_changed()
        self.amount.selectAll()
        self.amount.setFocus()

    def method(self) -> Method:
        checked = self.methods.checkedButton()
        return Method(str(checked.property("method"))) if checked is not None else Method.CASH

    def _method_changed(self) -> None:
        method = self.method()
        self.reference.setEnabled(method is not Method.CASH)
        self.qr_box.setVisible(method is Method.QR)
        self._draw_qr()
        layout = self.layout()
        if layout is not None:  # the QR's room, before the dialog is fitted to it
            layout.activate()
        self.adjustSize()

    def _draw_qr(self) -> None:
        """The office's VietQR for the amount typed, the dossier code as the content."""
        self.payload = None
        self.qr_image.clear()
        self.qr_facts.setText("")
        if self.method() is not Method.QR or self.payee is None:
            citizen_for(self).payment_done()  # citizen display (issue 20): no QR, none there
            return
        amount = parse_amount(self.amount.text())
        if not amount:
            self.qr_facts.setText(self.tr("Nhập số tiền để hiện mã QR."))
            return
        p = self.payee
        try:
            qr = build(p.bank_bin, p.account, amount, self.code)
        except VietQrRefused as exc:
            from .refusals import describe

            self.qr_facts.setText(describe(exc))
            return
        from printing.qr import qr_image

        from .preview import to_pixmap

        self.payload = qr.payload
        self.qr_image.setPixmap(to_pixmap(qr_image(qr.payload, QR_DOTS)))
        self.qr_facts.setText(
            "\n".join(
                [
                    self.tr("Ngân hàng: {0}").format(bank_label(p.bank_bin)),
                    self.tr("Số tài khoản: {0}").format(p.account),
                    self.tr("Chủ tài khoản: {0}").format(p.name),
                    self.tr("Số tiền: {0}").format(dong(qr.amount)),
                    self.tr("Nội dung: {0}").format(qr.purpose),
                ]
            )
        )
        # citizen display (issue 20): the same QR, in Vietnamese whatever the window speaks
        citizen_for(self).payment(
            self.code,
            qr.payload,
            [
                ("Số tiền", dong(qr.amount)),
                ("Ngân hàng", bank_label(p.bank_bin)),
                ("Số tài khoản", p.account),
                ("Chủ tài khoản", p.name),
                ("Nội dung chuyển khoản", qr.purpose),
            ],
        )

    def confirm(self) -> None:
        if self.recorded is not None:
            return
        amount = parse_amount(self.amount.text())
        if amount is None:
            self.say(self.tr("Số tiền phải là số nguyên (đồng)"), "error")
            self.amount.setFocus()
            return
        method, reference = self.method(), self.reference.text().strip() or None
        desk, code = self.desk, self.code
        self.run(lambda: desk.payments.pay(code, method, amount, reference), self.reference)

    def finished_text(self, done: PaymentDone) -> None:
        text = self.tr("Đã thu {0} ({1}), biên lai số {2}. {3}.").format(
            dong(done.amount),
            method_text(done.method),
            done.receipt_no or "",
            fee_state_text(done.fee),
        )
        self.print_receipt(done, text)


def method_text(method: str | None) -> str:
    return {
        "cash": QCoreApplication.translate("FeeText", "Tiền mặt"),
        "qr": QCoreApplication.translate("FeeText", "Chuyển khoản QR"),
        "card": QCoreApplication.translate("FeeText", "Thẻ"),
        "bank": QCoreApplication.translate("FeeText", "Chuyển khoản (ngân hàng báo)"),
    }.get(method or "", method or "")


class ExemptDialog(_FeeDialog):
    """Miễn phí, lệ phí: the legal ground, before anything is paid."""

    def __init__(self, tasks: Tasks, desk: Desk, d: DossierView, parent: QWidget | None = None):
        super().__init__(tasks, desk, d, parent)
        self.setObjectName("exemptDialog")
        self.setWindowTitle(self.tr("Miễn phí, lệ phí — {0}").format(self.code))
        self.ok_button.setText(self.tr("Miễn phí (Enter)"))
        self.reason = named(QLineEdit(), "exemptReason")
        self.reason.setPlaceholderText(self.tr("Căn cứ miễn, ví dụ: người có công với cách mạng"))
        form = QFormLayout()
        form.addRow(self.tr("Căn cứ miễn phí, lệ phí"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 200)
        self.reason.setFocus()

    def confirm(self) -> None:
        if self.recorded is not None:
            return
        desk, code, reason = self.desk, self.code, self.reason.text()
        self.run(lambda: desk.payments.exempt(code, reason), self.reason)

    def finished_text(self, done: PaymentDone) -> None:
        self.say(self.tr("Đã ghi miễn phí, lệ phí cho hồ sơ {0}.").format(done.code), "ok")


class RefundDialog(_FeeDialog):
    """Hoàn trả phí: how much and why; only for a dossier the agency did not deliver."""

    def __init__(self, tasks: Tasks, desk: Desk, d: DossierView, parent: QWidget | None = None):
        super().__init__(tasks, desk, d, parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Hoàn trả phí — {0}").format(self.code))
        self.ok_button.setText(self.tr("Hoàn trả và in biên lai (Enter)"))
        self.amount = named(QLineEdit(str(d.fee_paid)), "refundAmount")
        self.reason = named(QLineEdit(), "refundReason")
        form = QFormLayout()
        form.addRow(self.tr("Số tiền hoàn trả (đồng)"), self.amount)
        form.addRow(self.tr("Lý do hoàn trả"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 220)
        self.reason.setFocus()

    def confirm(self) -> None:
        if self.recorded is not None:
            return
        amount = parse_amount(self.amount.text())
        if amount is None:
            self.say(self.tr("Số tiền phải là số nguyên (đồng)"), "error")
            self.amount.setFocus()
            return
        desk, code, reason = self.desk, self.code, self.reason.text()
        self.run(lambda: desk.payments.refund(code, amount, reason), self.reason)

    def finished_text(self, done: PaymentDone) -> None:
        text = self.tr("Đã hoàn trả {0}, biên lai số {1}.").format(
            dong(done.amount), done.receipt_no or ""
        )
        self.print_receipt(done, text)


class FeeActions(QWidget):
    """The fee's buttons under a dossier, for the roles that may use them. ``changed`` after a
    payment, exemption or refund was recorded (the screen reads the dossier again)."""

    changed = Signal()

    def __init__(self, tasks: Tasks, view: QWidget) -> None:
        super().__init__(view)
        self.tasks = tasks
        self.desk: Desk | None = None
        self.dossier: DossierView | None = None
        self.dialog: _FeeDialog | None = None
        self.back_to: QWidget | None = None
        self.collect_button = named(QPushButton(self.tr("Thu phí (Ctrl+T)")), "feeCollect")
        self.exempt_button = named(QPushButton(self.tr("Miễn phí, lệ phí…")), "feeExempt")
        self.refund_button = named(QPushButton(self.tr("Hoàn trả phí…")), "feeRefund")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.collect_button, self.exempt_button, self.refund_button):
            row.addWidget(button)
        row.addStretch(1)
        self.collect_button.clicked.connect(self.collect)
        self.exempt_button.clicked.connect(self.exempt)
        self.refund_button.clicked.connect(self.refund)
        shortcut(view, "Ctrl+T", self.collect, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_for(None, None)

    def roles(self) -> frozenset[str]:
        officer = self.desk.officer if self.desk is not None else None
        return officer.roles if officer is not None else frozenset()

    def show_for(self, desk: Desk | None, d: DossierView | None) -> None:
        """Which buttons this officer has, and which apply to this dossier."""
        self.desk, self.dossier = desk, d
        roles = self.roles()
        self.collect_button.setVisible(may(roles, "fee.collect"))
        self.exempt_button.setVisible(may(roles, "fee.exempt"))
        self.refund_button.setVisible(may(roles, "fee.refund"))
        self.collect_button.setEnabled(d is not None and may_collect(roles, d))
        self.exempt_button.setEnabled(d is not None and may_exempt(roles, d))
        self.refund_button.setEnabled(d is not None and may_refund(roles, d))

    def collect(self) -> None:
        d, desk = self.dossier, self.desk
        if d is None or desk is None or not self.collect_button.isEnabled():
            return
        # the payee is read on the worker like every database read
        DeskOp(
            self.tasks,
            desk.payee.current,
            lambda payee: self._open(PaymentDialog(self.tasks, desk, d, payee, self.window())),
            parent=self.window(),
        ).start()

    def exempt(self) -> None:
        if self.dossier is not None and self.desk is not None and self.exempt_button.isEnabled():
            self._open(ExemptDialog(self.tasks, self.desk, self.dossier, self.window()))

    def refund(self) -> None:
        if self.dossier is not None and self.desk is not None and self.refund_button.isEnabled():
            self._open(RefundDialog(self.tasks, self.desk, self.dossier, self.window()))

    def _open(self, dialog: _FeeDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        # where the officer was, to go back there (Ctrl+T works only with the focus in the view)
        self.back_to = QApplication.focusWidget()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_work.connect(lambda _d: self.changed.emit())
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: _FeeDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        back = self.back_to
        view = self.parentWidget()
        if view is not None:
            view.window().activateWindow()
        if back is not None and view is not None and view.isAncestorOf(back) and back.isEnabled():
            back.setFocus()
        elif view is not None:
            view.setFocus()
