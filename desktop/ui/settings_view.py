"""Cài đặt (administrators): the counter's identity and server, the receipt printer with a test
print, paper width, how forms print, when the screen locks, the language, and the office's
account for fees (the VietQR on receipts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.desk import Desk, DeskSettings, Enrolment, SettingsError, settings_from
from desktop.services.payee import Payee
from desktop.services.printing import PrintOutcome
from printing.connections import PAPER_DOTS, PrinterConfigError, PrinterSettings

from .i18n import LANGUAGES
from .operations import DeskOp
from .print_text import outcome_text
from .refusals import describe
from .style import mark
from .tasks import Tasks
from .widgets import named

T = TypeVar("T")

_PAPERS = {
    "58": QT_TRANSLATE_NOOP("SettingsView", "58 mm (384 điểm)"),
    "80": QT_TRANSLATE_NOOP("SettingsView", "80 mm (576 điểm)"),
    "80-180dpi": "80 mm, 180 dpi (512)",
}


class SettingsView(QWidget):
    server_changed = Signal()  # the counter now talks to another server, or enrolled again
    saved = Signal(object)  # the desk's settings as saved (the window applies them at once)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.identity = named(QLabel(""), "identityLabel")
        self.identity.setWordWrap(True)
        self.printer_name = named(QLineEdit(), "printerName")
        self.printer_uri = named(QLineEdit(), "printerUri")
        self.printer_uri.setPlaceholderText("tcp://192.168.1.50:9100")
        self.paper = named(QComboBox(), "paperCombo")
        for key, label in _PAPERS.items():
            self.paper.addItem(self.tr(str(label)), key)
        self.paper.setCurrentIndex(self.paper.findData("80"))
        self.cut = named(QCheckBox(self.tr("Máy in có dao cắt giấy")), "cutCheck")
        self.cut.setChecked(True)
        # the ESC/POS command's name ("GS ( k") meant nothing to an IT officer (issue 22)
        self.native_qr = named(
            QCheckBox(self.tr("Máy in tự vẽ mã QR (lệnh QR của máy in)")), "nativeQrCheck"
        )
        self.native_qr.setToolTip(
            self.tr(
                "Bật khi máy in hiểu lệnh in mã QR (ESC/POS GS ( k); tắt thì phần mềm vẽ mã QR "
                "thành ảnh, chậm hơn nhưng máy in nào cũng in được"
            )
        )
        self.save_printer = named(QPushButton(self.tr("Lưu máy in")), "savePrinterButton")
        self.test_print = named(QPushButton(self.tr("In thử")), "testPrintButton")
        self.queue = named(QLabel(""), "printQueueLabel")
        self.retry = named(QPushButton(self.tr("In các phiếu đang chờ")), "retryPrintsButton")
        self.print_mode = named(QComboBox(), "printModeCombo")
        self.print_mode.addItem(self.tr("Phiếu nhiệt tại quầy"), "thermal")
        self.print_mode.addItem(self.tr("Khổ A4"), "a4")
        self.print_mode.addItem(self.tr("Cả hai"), "both")
        self.a4_queue = named(QLineEdit(), "a4Queue")
        self.a4_queue.setPlaceholderText(self.tr("hàng đợi CUPS; để trống: lưu PDF"))
        self.idle = named(QSpinBox(), "idleSpin")
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" phút"))
        self.language = named(QComboBox(), "languageCombo")
        for key, label in LANGUAGES.items():
            self.language.addItem(label, key)
        self.font_size = named(QSpinBox(), "fontSizeSpin")
        self.font_size.setRange(9, 16)
        self.font_size.setSuffix(" pt")
        self.font_size.setToolTip(self.tr("Cỡ chữ của các màn hình, áp dụng ngay khi lưu"))
        # the citizen-facing display (issue 20): on or off, on which screen, how long it waits
        self.citizen_on = named(QCheckBox(self.tr("Màn hình cho người dân")), "citizenCheck")
        self.citizen_screen = named(QComboBox(), "citizenScreenCombo")
        self.citizen_timeout = named(QSpinBox(), "citizenTimeoutSpin")
        self.citizen_timeout.setRange(10, 600)
        self.citizen_timeout.setSuffix(self.tr(" giây"))
        self.citizen_timeout.setToolTip(self.tr("Màn hình người dân về màn hình chờ sau"))
        self._list_screens("")
        self.save_desk = named(QPushButton(self.tr("Lưu cài đặt")), "saveSettingsButton")
        self.server_url = named(QLineEdit(), "serverUrl")
        self.server_url.setPlaceholderText("https://motcua.angiang.gov.vn")
        self.save_server = named(QPushButton(self.tr("Lưu địa chỉ máy chủ")), "saveServerButton")
        self.enrol_user = named(QLineEdit(), "enrolUser")
        self.enrol_user.setPlaceholderText(self.tr("tài khoản quản trị trên máy chủ tỉnh"))
        self.enrol_password = named(QLineEdit(), "enrolPassword")
        self.enrol_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.enrol_button = named(QPushButton(self.tr("Đăng ký quầy với máy chủ")), "enrolButton")
        self.ca_state = named(QLabel(""), "caState")
        self.ca_button = named(QPushButton(self.tr("Cài CA riêng của tỉnh…")), "caButton")
        self.ca_clear = named(QPushButton(self.tr("Bỏ CA riêng")), "caClearButton")
        self.payee_bin = named(QLineEdit(), "payeeBin")
        self.payee_bin.setPlaceholderText("970405")
        self.payee_bin.setMaxLength(6)
        self.payee_account = named(QLineEdit(), "payeeAccount")
        self.payee_account.setMaxLength(19)
        self.payee_name = named(QLineEdit(), "payeeName")
        self.payee_name.setPlaceholderText(self.tr("tên tài khoản như ngân hàng ghi"))
        self.save_payee = named(QPushButton(self.tr("Lưu tài khoản nhận phí")), "savePayeeButton")
        self.message = named(QLabel(""), "settingsMessage")
        self.message.setWordWrap(True)
        self._layout()
        self.save_printer.clicked.connect(self._save_printer)
        self.test_print.clicked.connect(self._test_print)
        self.retry.clicked.connect(self._retry)
        self.save_desk.clicked.connect(self._save_desk)
        self.save_server.clicked.connect(self._save_server)
        self.enrol_button.clicked.connect(self._enrol)
        self.ca_button.clicked.connect(self._choose_ca)
        self.ca_clear.clicked.connect(lambda: self.install_ca(None))
        self.save_payee.clicked.connect(self._save_payee)

    def _layout(self) -> None:
        who = QGroupBox(self.tr("Quầy"))
        QVBoxLayout(who).addWidget(self.identity)
        server = QGroupBox(self.tr("Máy chủ tỉnh"))
        sf = QFormLayout(server)
        sf.addRow(self.tr("Địa chỉ"), self.server_url)
        sf.addRow(self.save_server)
        sf.addRow(self.tr("Quản trị"), self.enrol_user)
        sf.addRow(self.tr("Mật khẩu"), self.enrol_password)
        sf.addRow(self.enrol_button)
        ca = QHBoxLayout()
        ca.addWidget(self.ca_button)
        ca.addWidget(self.ca_clear)
        ca.addStretch(1)
        sf.addRow(self.tr("Chứng chỉ"), self.ca_state)
        sf.addRow(ca)
        printer = QGroupBox(self.tr("Máy in phiếu"))
        pf = QFormLayout(printer)
        pf.addRow(self.tr("Tên"), self.printer_name)
        pf.addRow(self.tr("Địa chỉ máy in"), self.printer_uri)
        pf.addRow(self.tr("Khổ giấy"), self.paper)
        pf.addRow(self.cut)
        pf.addRow(self.native_qr)
        row = QHBoxLayout()
        row.addWidget(self.save_printer)
        row.addWidget(self.test_print)
        row.addStretch(1)
        pf.addRow(row)
        qrow = QHBoxLayout()
        qrow.addWidget(self.queue, 1)
        qrow.addWidget(self.retry)
        pf.addRow(qrow)
        desk = QGroupBox(self.tr("In và màn hình"))
        df = QFormLayout(desk)
        df.addRow(self.tr("In giấy tiếp nhận"), self.print_mode)
        df.addRow(self.tr("Máy in A4"), self.a4_queue)
        df.addRow(self.tr("Tự khóa màn hình sau"), self.idle)
        # the save button beside the language, so that the citizen display's row (issue 20)
        # adds no height: the screen still fits 1366×768
        language = QHBoxLayout()
        language.addWidget(self.language, 1)
        language.addWidget(QLabel(self.tr("Cỡ chữ")))
        language.addWidget(self.font_size)
        language.addWidget(self.save_desk)
        df.addRow(self.tr("Ngôn ngữ"), language)
        citizen = QHBoxLayout()
        citizen.addWidget(self.citizen_on)
        citizen.addWidget(self.citizen_screen, 1)
        citizen.addWidget(self.citizen_timeout)
        df.addRow(citizen)
        layout = QVBoxLayout(self)
        # two columns of about equal height, so the screen fits 1366×768
        top = QHBoxLayout()
        main = QVBoxLayout()
        main.addWidget(printer)
        main.addWidget(desk)
        top.addLayout(main, 1)
        payee = QGroupBox(self.tr("Tài khoản nhận phí, lệ phí (VietQR)"))
        # two rows, so the screen still fits 1366×768
        yf = QFormLayout(payee)
        bank = QHBoxLayout()
        self.payee_bin.setMaximumWidth(90)
        bank.addWidget(self.payee_bin)
        bank.addWidget(QLabel(self.tr("Số tài khoản")))
        bank.addWidget(self.payee_account, 1)
        yf.addRow(self.tr("Mã BIN ngân hàng"), bank)
        holder = QHBoxLayout()
        holder.addWidget(self.payee_name, 1)
        holder.addWidget(self.save_payee)
        yf.addRow(self.tr("Tên tài khoản"), holder)
        side = QVBoxLayout()
        side.addWidget(who)
        side.addWidget(server)
        side.addWidget(payee)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def start(self, desk: Desk) -> None:
        self.desk = desk
        self._op(
            lambda: (
                desk.printer(),
                desk.settings(),
                desk.queued_prints(),
                desk.has_ca_bundle(),
                desk.payee.current(),
            ),
            self._show,
        )

    def _show(
        self, state: tuple[PrinterSettings | None, DeskSettings, int, bool, Payee | None]
    ) -> None:
        printer, settings, queued, own_ca, payee = state
        desk = self.desk
        assert desk is not None
        ctx = desk.ctx
        self.identity.setText(
            self.tr("Tỉnh: {0}<br>Cơ quan: {1}<br>Quầy: {2}<br>Máy chủ tỉnh: {3}").format(
                ctx.profile.name,
                ctx.agency,
                ctx.counter,
                ctx.server_url or self.tr("không có (quầy tự cấp mã hồ sơ)"),
            )
        )
        if printer is not None:
            self.printer_name.setText(printer.name)
            self.printer_uri.setText(printer.uri)
            paper = next((k for k, v in PAPER_DOTS.items() if v == printer.dots), "80")
            self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
            self.cut.setChecked(printer.cut)
            self.native_qr.setChecked(printer.native_qr)
        self.print_mode.setCurrentIndex(max(0, self.print_mode.findData(settings.print_mode)))
        self.a4_queue.setText(settings.a4_queue)
        self.idle.setValue(settings.idle_lock_minutes)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.font_size.setValue(settings.font_size_pt)
        self.citizen_on.setChecked(settings.citizen_display)
        self._list_screens(settings.citizen_screen)
        self.citizen_timeout.setValue(settings.citizen_timeout_seconds)
        self.queue.setText(self.tr("{0} phiếu đang chờ in").format(queued))
        self.server_url.setText(ctx.server_url or "")
        self.ca_state.setText(
            self.tr("CA công cộng và CA riêng của tỉnh")
            if own_ca
            else self.tr("CA công cộng (luôn kiểm tra chứng chỉ)")
        )
        self.ca_clear.setEnabled(own_ca)
        if payee is not None:
            self.payee_bin.setText(payee.bank_bin)
            self.payee_account.setText(payee.account)
            self.payee_name.setText(payee.name)

    def _save_payee(self) -> None:
        if self.desk is None:
            return
        desk = self.desk
        fields = (self.payee_bin.text(), self.payee_account.text(), self.payee_name.text())
        self._op(
            lambda: desk.payee.set(*fields),
            lambda p: self._say(
                self.tr("Đã lưu tài khoản nhận phí {0} (BIN {1})").format(p.account, p.bank_bin),
                "ok",
            ),
        )

    def _printer(self) -> PrinterSettings | None:
        try:
            return PrinterSettings(
                uri=self.printer_uri.text().strip(),
                dots=PAPER_DOTS[self.paper.currentData()],
                cut=self.cut.isChecked(),
                native_qr=self.native_qr.isChecked(),
                name=self.printer_name.text().strip() or "Máy in phiếu",
            )
        except PrinterConfigError as exc:
            self._say(describe(exc), "error")
            return None

    def _save_printer(self) -> None:
        printer = self._printer()
        if printer is None or self.desk is None:
            return
        desk = self.desk
        self._op(
            lambda: desk.save_printer(printer),
            lambda _r: self._say(self.tr("Đã lưu máy in {0}").format(printer.uri), "ok"),
        )

    def _test_print(self) -> None:
        printer = self._printer()
        if printer is None or self.desk is None:
            return
        desk = self.desk

        def run() -> PrintOutcome:
            desk.save_printer(printer)
            return desk.test_print()

        self._op(run, self._printed, io=True, busy_text=self.tr("Đang in thử…"))

    def _retry(self) -> None:
        if self.desk is None:
            return
        desk = self.desk
        self._op(desk.retry_prints, self._retried, io=True)

    def _retried(self, result: tuple[int, dict[str, str]]) -> None:
        printed, problems = result
        text = self.tr("Đã in {0} phiếu").format(printed)
        if problems:
            text += "; " + "; ".join(f"{k}: {v}" for k, v in problems.items())
        self._say(text, "error" if problems else "ok")
        if self.desk is not None:
            self.start(self.desk)

    def _printed(self, outcome: PrintOutcome) -> None:
        self._say(outcome_text(outcome), "error" if outcome.waiting else "ok")

    def _save_desk(self) -> None:
        if self.desk is None:
            return
        try:
            settings = settings_from(
                print_mode=self.print_mode.currentData(),
                a4_queue=self.a4_queue.text().strip(),
                idle_lock_minutes=self.idle.value(),
                language=self.language.currentData(),
                font_size_pt=self.font_size.value(),
                citizen_display=self.citizen_on.isChecked(),
                citizen_screen=self.citizen_screen.currentData() or "",
                citizen_timeout_seconds=self.citizen_timeout.value(),
            )
        except SettingsError as exc:
            self._say(self.tr("Cài đặt không hợp lệ: {0}").format(describe(exc)), "error")
            return
        desk = self.desk
        self._op(lambda: desk.save_settings(settings), lambda _r: self._saved(settings))

    def _saved(self, settings: DeskSettings) -> None:
        self._say(self.tr("Đã lưu cài đặt"), "ok")
        self.saved.emit(settings)

    def _list_screens(self, chosen: str) -> None:
        """The screens Qt sees now, and the two choices that do not name one."""
        from PySide6.QtGui import QGuiApplication

        from .citizen_screen import WINDOW

        self.citizen_screen.clear()
        self.citizen_screen.addItem(self.tr("Tự chọn: màn hình thứ hai nếu có"), "")
        self.citizen_screen.addItem(self.tr("Cửa sổ riêng 1280×800 trên màn hình này"), WINDOW)
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            self.citizen_screen.addItem(
                f"{screen.name()} ({size.width()}×{size.height()})", screen.name()
            )
        if chosen and self.citizen_screen.findData(chosen) < 0:
            self.citizen_screen.addItem(self.tr("{0} (không thấy lúc này)").format(chosen), chosen)
        self.citizen_screen.setCurrentIndex(max(0, self.citizen_screen.findData(chosen)))

    def _save_server(self) -> None:
        if self.desk is None:
            return
        desk, url = self.desk, self.server_url.text().strip() or None
        self._op(lambda: desk.set_server(url), self._server_saved)

    def _server_saved(self, _r: object) -> None:
        self._say(self.tr("Đã lưu địa chỉ máy chủ; đăng ký quầy để bắt đầu đồng bộ"), "ok")
        self.server_changed.emit()
        if self.desk is not None:
            self.start(self.desk)

    def _enrol(self) -> None:
        if self.desk is None:
            return
        desk = self.desk
        user, password = self.enrol_user.text(), self.enrol_password.text()
        self.enrol_password.clear()
        self._op(
            lambda: desk.enrol(user, password),
            self._enrolled,
            io=True,
            busy_text=self.tr("Đang đăng ký với máy chủ…"),
        )

    def _enrolled(self, done: Enrolment) -> None:
        extra = (
            self.tr(", dải số dự phòng {0}–{1}").format(*done.emergency) if done.emergency else ""
        )
        self._say(self.tr("Đã đăng ký quầy (khóa {0}{1})").format(done.key_id, extra), "ok")
        self.server_changed.emit()
        if self.desk is not None:
            self.start(self.desk)

    def _choose_ca(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp CA của tỉnh"), "", self.tr("Chứng chỉ PEM (*.pem *.crt)")
        )
        if name:
            self.install_ca(Path(name))

    def install_ca(self, source: Path | None) -> None:
        """Trust the province's CA from ``source`` (PEM), or only the public CAs (None)."""
        if self.desk is None:
            return
        desk = self.desk
        self._op(lambda: desk.set_ca_bundle(source), self._ca_done, io=True)

    def _ca_done(self, count: int) -> None:
        if count:
            self._say(self.tr("Đã cài {0} chứng chỉ CA của tỉnh").format(count), "ok")
        else:
            self._say(self.tr("Đã bỏ CA riêng; chỉ tin các CA công cộng"), "ok")
        self.server_changed.emit()  # sync starts again with the new trust
        if self.desk is not None:
            self.start(self.desk)

    def _op(
        self,
        run: Callable[[], T],
        done: Callable[[T], None],
        *,
        io: bool = False,
        busy_text: str | None = None,
    ) -> None:
        DeskOp(self.tasks, run, done, say=self._say, busy_text=busy_text, io=io).start()

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
