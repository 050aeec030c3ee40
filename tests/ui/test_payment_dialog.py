"""The fee at the counter (issue 19), offscreen on a real counter: a dossier of procedure
1.001612 (fee 100 000 đ) paid part in cash, then the rest by the office's VietQR with a
reference; the QR on screen decodes to the outstanding amount and the dossier code; a payment
over what is owed is refused in the dialog and nothing written; a reception officer has no
refund button."""

from __future__ import annotations

import os
from datetime import datetime
from io import BytesIO
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.fees import Method
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.payments import Payments
from desktop.store.dossiers.service import DossierService, find_dossier
from desktop.store.models import Payment
from desktop.store.payee import save_payee
from desktop.ui.main_window import MainWindow
from desktop.ui.payment_dialog import PaymentDialog, RefundDialog, parse_amount
from devtools.virtual_printer import VirtualPrinter
from tests.ui.conftest import OFFICER, PASSWORD, add_officer
from tests.ui.test_handover_view import STAFF, receive

WAIT = 20_000
HOUSEHOLD = "1.001612"  # Hộ kinh doanh: 100 000 đ
SHOTS = os.environ.get("FEEUI_SHOTS")  # a folder: the dialog is saved there too


def tlv(data: str) -> dict[str, str]:
    """EMVCo ID · length · value, read independently of desktop.domain.vietqr."""
    out: dict[str, str] = {}
    i = 0
    while i < len(data):
        tag, size = data[i : i + 2], int(data[i + 2 : i + 4])
        out[tag] = data[i + 4 : i + 4 + size]
        i += 4 + size
    return out


def decoded(pixmap: QPixmap) -> list[str]:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buf, "PNG")
    image = Image.open(BytesIO(bytes(buf.data().data())))
    return [r.text for r in zxingcpp.read_barcodes(image)]


def paid(data: Path, code: str) -> tuple[int, int]:
    db = Database.open(data)
    try:
        with db.read() as s:
            row = find_dossier(s, code)
            return row.fee_paid or 0, len(list(s.scalars(select(Payment))))
    finally:
        db.close()


def set_payee(data: Path) -> None:
    db = Database.open(data)
    try:
        with db.write() as s:
            save_payee(s, "970405", "1234567890123", "UBND XA MY HOA", source="counter")
    finally:
        db.close()


def signed_in(qtbot: QtBot, data: Path, user: str = OFFICER) -> MainWindow:
    window = MainWindow(data, start_sync=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText(user)
    window.login.password.setText(PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    return window


def open_payment(qtbot: QtBot, view: QWidget) -> PaymentDialog:
    actions = view.fee_actions  # type: ignore[attr-defined]
    # (offscreen, the window is not made active again by itself when a dialog closes)
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window(), timeout=WAIT)
    focus = QApplication.focusWidget()
    assert focus is not None and view.isAncestorOf(focus), focus
    QTest.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(actions.dialog, PaymentDialog), timeout=WAIT)
    dialog = actions.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitExposed(dialog)
    return dialog


def enter(dialog: QWidget) -> None:
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)


def test_amounts_typed_the_vietnamese_way() -> None:
    assert parse_amount("60.000") == 60000
    assert parse_amount(" 40 000 đ") == 40000
    assert parse_amount("abc") is None and parse_amount("") is None


def test_pay_in_cash_then_by_vietqr(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter
) -> None:
    (code,) = receive(counter_dir, [HOUSEHOLD], datetime(2026, 3, 2, 8, 0))
    set_payee(counter_dir)
    window = signed_in(qtbot, counter_dir)
    QTest.keyClick(window, Qt.Key.Key_F4)
    view = window.lookup
    qtbot.waitUntil(lambda: view.current is not None and view.current.code == code, timeout=WAIT)
    detail = view.detail.toPlainText()
    assert "100.000 đ" in detail and "Chưa nộp phí" in detail
    actions = view.fee_actions
    # a reception officer takes fees and exempts them; refunds are the supervisor's
    assert actions.collect_button.isVisibleTo(view) and actions.collect_button.isEnabled()
    assert actions.exempt_button.isVisibleTo(view)
    assert not actions.refund_button.isVisibleTo(view)

    dialog = open_payment(qtbot, view)
    assert code in dialog.findChild(QWidget, "feeHeading").text()  # type: ignore[union-attr]
    assert dialog.amount.text() == "100000"
    assert dialog.cash.isChecked() and not dialog.qr_box.isVisible()
    # more than is owed: refused in the dialog, the amount field back in focus, nothing written
    dialog.amount.setText("150000")
    dialog.amount.setFocus()
    enter(dialog)
    qtbot.waitUntil(lambda: dialog.message.property("role") == "error", timeout=WAIT)
    assert "chỉ còn phải nộp 100.000 đồng" in dialog.message.text()
    assert dialog.amount.hasFocus() and dialog.recorded is None
    assert paid(counter_dir, code) == (0, 0)

    # part of it in cash; the fee receipt prints
    dialog.amount.setText("40.000")
    enter(dialog)
    qtbot.waitUntil(lambda: "Đã in" in dialog.message.text(), timeout=WAIT)
    text = dialog.message.text()
    assert "Đã thu 40.000 đ (Tiền mặt), biên lai số Q01/2026-000001" in text
    assert "Đã nộp một phần, còn 60.000 đồng" in text
    assert "Biên lai thu phí, lệ phí Q01/2026-000001" in text
    assert paid(counter_dir, code) == (40000, 1)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: actions.dialog is None, timeout=WAIT)
    qtbot.waitUntil(
        lambda: "Đã nộp một phần, còn 60.000 đồng" in view.detail.toPlainText(), timeout=WAIT
    )

    # the rest by bank transfer: the office's VietQR for what is still owed
    dialog = open_payment(qtbot, view)
    assert dialog.amount.text() == "60000"
    dialog.qr.setChecked(True)
    assert dialog.qr_box.isVisible()
    assert dialog.qr_caption.text() == "Mã QR chuyển khoản (VietQR) — không phải mã tra cứu hồ sơ"
    pixmap = dialog.qr_image.pixmap()
    assert not pixmap.isNull()
    (payload,) = decoded(pixmap)
    fields = tlv(payload)
    assert fields["54"] == "60000" and fields["53"] == "704" and fields["58"] == "VN"
    assert tlv(fields["62"])["08"] == code
    assert tlv(tlv(fields["38"])["01"]) == {"00": "970405", "01": "1234567890123"}
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(SHOTS) / "payment-vietqr-vi.png"))
    # no reference yet: refused, the reference field focused
    dialog.amount.setFocus()
    enter(dialog)
    qtbot.waitUntil(lambda: dialog.message.property("role") == "error", timeout=WAIT)
    assert "mã giao dịch" in dialog.message.text()
    assert dialog.reference.hasFocus()
    assert paid(counter_dir, code) == (40000, 1)
    dialog.reference.setText("FT26062123456")
    enter(dialog)
    qtbot.waitUntil(lambda: "Đã in" in dialog.message.text(), timeout=WAIT)
    assert "Đã thu 60.000 đ (Chuyển khoản QR), biên lai số Q01/2026-000002" in (
        dialog.message.text()
    )
    assert "Đã nộp đủ phí" in dialog.message.text()
    assert paid(counter_dir, code) == (100000, 2)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "Đã nộp đủ phí" in view.detail.toPlainText(), timeout=WAIT)
    assert not actions.collect_button.isEnabled()  # nothing left to take
    assert not actions.exempt_button.isEnabled()  # paid: no exemption


def test_no_account_no_qr(qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter) -> None:
    (code,) = receive(counter_dir, [HOUSEHOLD], datetime(2026, 3, 2, 8, 0))
    window = signed_in(qtbot, counter_dir)
    QTest.keyClick(window, Qt.Key.Key_F4)
    view = window.lookup
    qtbot.waitUntil(lambda: view.current is not None and view.current.code == code, timeout=WAIT)
    dialog = open_payment(qtbot, view)
    assert not dialog.qr.isEnabled()
    assert dialog.no_account.isVisible() and "tiền mặt hoặc thẻ" in dialog.no_account.text()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.fee_actions.dialog is None, timeout=WAIT)
    assert paid(counter_dir, code) == (0, 0)


def test_a_supervisor_refunds_a_withdrawn_dossier(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter
) -> None:
    (code,) = receive(counter_dir, [HOUSEHOLD], datetime(2026, 3, 2, 8, 0))
    db = Database.open(counter_dir)
    ctx = load_context(db, counter_dir)
    Payments(db, ctx).pay(code, STAFF, Method.CASH)
    DossierService(db, ctx).withdraw(code, STAFF, "Công dân xin rút hồ sơ")
    db.close()
    add_officer(counter_dir, "lanhdao", roles=frozenset({"supervisor"}))
    window = signed_in(qtbot, counter_dir, "lanhdao")
    QTest.keyClick(window, Qt.Key.Key_F4)
    view = window.lookup
    qtbot.waitUntil(lambda: view.current is not None and view.current.code == code, timeout=WAIT)
    assert "Đã nộp đủ phí" in view.detail.toPlainText()
    actions = view.fee_actions
    assert not actions.collect_button.isVisibleTo(view)  # a supervisor takes no money
    assert actions.exempt_button.isVisibleTo(view) and not actions.exempt_button.isEnabled()
    assert actions.refund_button.isVisibleTo(view) and actions.refund_button.isEnabled()
    actions.refund_button.click()
    qtbot.waitUntil(lambda: isinstance(actions.dialog, RefundDialog), timeout=WAIT)
    dialog = actions.dialog
    assert isinstance(dialog, RefundDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    assert dialog.amount.text() == "100000"
    dialog.amount.setText("120000")
    dialog.reason.setText("Công dân rút hồ sơ trước khi giải quyết")
    dialog.reason.setFocus()
    enter(dialog)
    qtbot.waitUntil(lambda: dialog.message.property("role") == "error", timeout=WAIT)
    assert "chỉ có 100.000 đồng đã nộp để hoàn trả" in dialog.message.text()
    assert dialog.amount.hasFocus()
    assert paid(counter_dir, code) == (100000, 1)
    dialog.amount.setText("100000")
    enter(dialog)
    qtbot.waitUntil(lambda: dialog.recorded is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: "Đã hoàn trả 100.000 đ" in dialog.message.text(), timeout=WAIT)
    assert paid(counter_dir, code) == (0, 2)
    # the supervisor may print the refund receipt (print.fee_receipt), and is told it printed
    qtbot.waitUntil(lambda: "Biên lai thu phí, lệ phí" in dialog.message.text(), timeout=WAIT)
    assert "không có quyền" not in dialog.message.text()
