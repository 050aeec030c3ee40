"""Trả kết quả — the citizen shows the receipt's QR (a hand scanner types it in, or a photo of
it is opened); the signature is checked before anything else; the dossier and whether its
result is here are shown; who collects it is recorded (the citizen, or an authorised person
with their ID); the control slip (Mẫu 05) prints; the dossier reaches status 10."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.devices.camera_qt import CameraQrReader
from desktop.domain.qr_token import QrRejected
from desktop.services.desk import Desk, OfficerInfo, Receipt, Returnable
from desktop.services.printing import PrintOutcome

from .citizen_screen import citizen_for
from .domain_words import moment_text, status_text
from .lookup_view import detail_html
from .operations import DeskOp, io_submit
from .payment_dialog import FeeActions
from .print_text import outcome_text
from .style import mark
from .tasks import Tasks
from .widgets import named, shortcut

T = TypeVar("T")


def decode_receipt_image(path: Path) -> str:
    """Runs on the I/O pool: the first receipt QR found in a photo or scan."""
    from desktop.devices.qr_decode import decode_file

    found = decode_file(path)
    for text in found:
        if "MC1" in text.upper():
            return text
    if found:
        return found[0]
    raise QrRejected("Không tìm thấy mã QR nào trong ảnh", code="qr_not_in_image")


def _when(moment: datetime | None) -> str:
    """'17:00 ngày 04/12/2026', as the slips write it (issue 22: raw ISO before)."""
    return moment_text(moment, "")


# The verdict banner's kinds (style.py colours each): what the officer must see from across
# the desk after every scan, before reading any detail.
GENUINE, FORGED, RETURNED, WAITING, OTHER, CHECKING, IDLE = (
    "genuine",
    "forged",
    "returned",
    "waiting",
    "other",
    "checking",
    "idle",
)
FLASH_MS = 300


class ReturnsView(QWidget):
    changed = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.current: Returnable | None = None
        self.qr = named(QLineEdit(), "returnsQr")
        self.qr.setPlaceholderText(self.tr("Quét mã QR trên giấy tiếp nhận của công dân…"))
        # a Telex/VNI input method must not compose a scanner's ASCII into Vietnamese letters
        self.qr.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.image_button = named(QPushButton(self.tr("Mở ảnh mã QR…")), "qrImageButton")
        self.camera_button = named(QPushButton(self.tr("Đọc bằng camera")), "cameraButton")
        self.camera_button.setCheckable(True)
        self.preview = named(QVideoWidget(), "cameraPreview")
        self.preview.setFixedSize(320, 240)
        self.preview.hide()
        self.camera: CameraQrReader | None = None
        # the dossier's detail scrolls inside its pane: a long history must not grow the
        # window past a 1366×768 screen (issue 22: it grew to 914 px and hid the buttons)
        self.card = named(QTextBrowser(), "returnsDossier")
        self.card.setOpenLinks(False)
        self.card.setMinimumHeight(120)
        # the verdict: a large coloured banner, flashed on every scan
        self.state = named(QLabel(""), "returnsState")
        self.state.setWordWrap(True)
        self.state.setMinimumHeight(48)
        self._unflash = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._unflash.timeout.connect(lambda: self._flash(False))
        self.self_radio = named(QRadioButton(self.tr("Công dân (người nộp hồ sơ)")), "receiverSelf")
        self.proxy_radio = named(QRadioButton(self.tr("Người được ủy quyền")), "receiverProxy")
        self.self_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.self_radio)
        group.addButton(self.proxy_radio)
        self.receiver_name = named(QLineEdit(), "receiverName")
        self.receiver_id = named(QLineEdit(), "receiverId")
        self.ready_button = named(
            QPushButton(self.tr("Kết quả đã về quầy (Ctrl+K)")), "resultReadyButton"
        )
        self.return_button = named(
            QPushButton(self.tr("Trả kết quả và in phiếu kiểm soát (Enter)")), "returnButton"
        )
        self.return_button.setProperty("primary", True)
        self.message = named(QLabel(""), "returnsMessage")
        self.message.setWordWrap(True)
        # the fee is often paid when the result is collected (Ctrl+T)
        self.fee_actions = FeeActions(tasks, self)
        self.fee_actions.changed.connect(self._fee_changed)
        self._layout()
        self.qr.returnPressed.connect(lambda: self.check(self.qr.text()))
        self.image_button.clicked.connect(self._open_image)
        self.camera_button.toggled.connect(self._camera)
        self.self_radio.toggled.connect(self._receiver_changed)
        self.ready_button.clicked.connect(self._result_ready)
        self.return_button.clicked.connect(self._return)
        # Enter in the receiver's fields hands the result over (the focus is there once a
        # ready dossier is shown); Ctrl+Enter anywhere on the screen too; Ctrl+K: result arrived
        self.receiver_name.returnPressed.connect(self._enter)
        self.receiver_id.returnPressed.connect(self._enter)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self._enter),
            ("Ctrl+Enter", self._enter),
            ("Ctrl+K", self._result_ready),
        ):
            shortcut(self, keys, slot, context)
        self._show(None)

    def _layout(self) -> None:
        scan = QHBoxLayout()
        scan.addWidget(self.qr, 1)
        scan.addWidget(self.image_button)
        scan.addWidget(self.camera_button)
        who = QGroupBox(self.tr("Người nhận kết quả"))
        form = QFormLayout(who)
        radios = QHBoxLayout()
        radios.addWidget(self.self_radio)
        radios.addWidget(self.proxy_radio)
        radios.addStretch(1)
        form.addRow(radios)
        form.addRow(self.tr("Họ và tên"), self.receiver_name)
        form.addRow(self.tr("Số CCCD / CMND / hộ chiếu"), self.receiver_id)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ready_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        layout = QVBoxLayout(self)
        layout.addLayout(scan)
        layout.addWidget(self.state)
        middle = QHBoxLayout()
        middle.addWidget(self.card, 1)
        middle.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(middle, 1)
        layout.addWidget(self.fee_actions)
        layout.addWidget(who)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def start(self, desk: Desk, officer: OfficerInfo) -> None:
        self.desk = desk
        self.officer = officer
        self._show(None)

    def ready_for_next(self) -> None:
        """Where the next citizen starts: the QR field, its old text selected so the next scan
        replaces it (never a button a stray Space would press)."""
        self.qr.setFocus()
        self.qr.selectAll()

    # -- scanning --------------------------------------------------------------------------

    def check(self, payload: str) -> None:
        payload = payload.strip()
        if not payload or self.desk is None:
            return
        self.qr.setText(payload)
        desk = self.desk
        # every scan starts from a clean screen: the previous citizen's name, verdict and
        # "returned" message must never stand beside a new, possibly forged, receipt
        self._show(None)
        self.message.clear()
        mark(self.message, "")
        self._verdict(CHECKING, self.tr("Đang kiểm tra mã QR…"), flash=True)
        DeskOp(
            self.tasks, lambda: desk.check_receipt(payload), self._show, say=self._rejected
        ).start()

    def _open_image(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Ảnh chụp giấy tiếp nhận"),
            "",
            self.tr("Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"),
        )
        if name:
            DeskOp(
                self.tasks,
                lambda: decode_receipt_image(Path(name)),
                self.check,
                say=self._rejected,
                io=True,
            ).start()

    def _camera(self, on: bool) -> None:
        """Hold the receipt up to the camera; the first QR read is checked like a scan."""
        if not on:
            self.stop_camera()
            return
        if self.camera is None:
            self.camera = CameraQrReader(io_submit(self.tasks), preview=self.preview, parent=self)
            self.camera.found.connect(self._camera_read)
            self.camera.problem.connect(self._camera_problem)
        self.preview.show()
        if not self.camera.start():
            self.camera_button.setChecked(False)

    def _camera_read(self, payload: str) -> None:
        self.stop_camera()
        self.check(payload)

    def _camera_problem(self, text: str) -> None:
        self.stop_camera()
        self._verdict(OTHER, self.tr("Camera: {0}").format(text))

    def stop_camera(self) -> None:
        if self.camera is not None:
            self.camera.stop()
        self.preview.hide()
        self.camera_button.blockSignals(True)
        self.camera_button.setChecked(False)
        self.camera_button.blockSignals(False)

    def _rejected(self, text: str, _role: str) -> None:
        """Where a receipt that could not be checked is reported (by the operation)."""
        self._show(None)
        self._verdict(FORGED, self.tr("Mã QR không hợp lệ: {0}").format(text), flash=True)
        self.ready_for_next()

    def _verdict(self, kind: str, text: str, *, flash: bool = False) -> None:
        self.state.setText(text)
        self.state.setProperty("verdict", kind)
        mark(self.state, "")
        if flash:
            self._flash(True)
            self._unflash.start()
            if kind in (FORGED, RETURNED):
                QApplication.beep()  # a refused receipt is heard as well as seen

    def _flash(self, on: bool) -> None:
        self.state.setProperty("flash", on)
        mark(self.state, "")

    def _show(self, found: Returnable | None) -> None:
        self.current = found
        allowed = self.officer is not None and (
            "returns" in self.officer.roles or "admin" in self.officer.roles
        )
        if found is None:
            self.card.setPlainText(self.tr("Quét mã QR trên giấy tiếp nhận để bắt đầu."))
            self._verdict(IDLE, "")
            self.receiver_name.clear()
            self.receiver_id.clear()
            self.self_radio.setChecked(True)
            self.ready_button.setEnabled(False)
            self.return_button.setEnabled(False)
            self.fee_actions.show_for(self.desk, None)
            return
        d = found.dossier
        citizen_for(self).returning(d)  # citizen display (issue 20)
        self.fee_actions.show_for(self.desk, d)
        self.card.setHtml(detail_html(d))
        status = d.status
        if status == 9:
            kind, text = GENUINE, self.tr("Mã QR hợp lệ. Kết quả đã có, trả cho công dân.")
        elif status == 10:
            kind, text = (
                RETURNED,
                self.tr("Hồ sơ này đã được trả kết quả ({0}).").format(
                    html.escape(_when(d.returned_at))
                ),
            )
        elif status in (2, 4, 6):
            kind, text = (
                WAITING,
                self.tr("Mã QR hợp lệ. Kết quả chưa về quầy (hẹn {0}).").format(_when(d.due_at)),
            )
        else:
            kind, text = (
                OTHER,
                self.tr("Mã QR hợp lệ. Hồ sơ đang ở trạng thái: {0}.").format(
                    status_text(d.status)
                ),
            )
        self._verdict(kind, text, flash=True)
        self.ready_button.setEnabled(allowed and status in (2, 4, 6))
        self.return_button.setEnabled(allowed and status == 9)
        self._receiver_changed()
        if status == 9:
            self.receiver_name.setFocus()
        else:
            self.ready_for_next()

    def _receiver_changed(self) -> None:
        if self.current is None:
            return
        d = self.current.dossier
        if self.self_radio.isChecked():
            self.receiver_name.setText(d.applicant_name)
            self.receiver_id.setText(d.applicant_id_number)
        else:
            self.receiver_name.clear()
            self.receiver_id.clear()
            self.receiver_name.setFocus()

    # -- actions ---------------------------------------------------------------------------

    def _enter(self) -> None:
        if self.return_button.isEnabled():
            self._return()

    def _result_ready(self) -> None:
        if self.current is None or self.desk is None or self.officer is None:
            return
        if not self.ready_button.isEnabled():
            return
        desk, officer, code = self.desk, self.officer, self.current.token.code
        self._op(lambda: desk.result_ready(code, officer), self._after)

    def _return(self) -> None:
        if self.current is None or self.desk is None or self.officer is None:
            return
        desk, officer, code = self.desk, self.officer, self.current.token.code
        name, number = self.receiver_name.text(), self.receiver_id.text()
        self.return_button.setEnabled(False)
        self._op(lambda: desk.return_result(code, officer, name, number), self._returned)

    def _fee_changed(self) -> None:
        """A payment was recorded: the dossier is read again (its fee on the card)."""
        self.changed.emit()
        self.check(self.qr.text())

    def _after(self, _receipt: Receipt) -> None:
        self.changed.emit()
        self.check(self.qr.text())

    def _returned(self, receipt: Receipt) -> None:
        self.changed.emit()
        self._say(self.tr("Đã trả kết quả hồ sơ {0}.").format(receipt.code), "ok")
        desk = self.desk
        assert desk is not None and receipt.code is not None
        code = receipt.code
        citizen_for(self).returned(code)  # citizen display (issue 20): done, then the rating
        self._op(lambda: desk.print_form("control", code), self._printed, io=True)
        self._show(None)  # the citizen has gone: the next one starts at the QR field
        self.qr.clear()
        self.ready_for_next()

    def _printed(self, outcome: PrintOutcome) -> None:
        self._say(self.message.text() + " " + outcome_text(outcome), "ok")

    def _op(self, run: Callable[[], T], done: Callable[[T], None], *, io: bool = False) -> None:
        DeskOp(self.tasks, run, done, say=self._say, on_failed=self._redraw, io=io).start()

    def _redraw(self, _exc: Exception) -> None:
        """After a failure the buttons follow the dossier again (the return button was
        greyed out while returning)."""
        if self.current is not None:
            self._show(self.current)

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
