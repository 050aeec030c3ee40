"""The citizen-facing display (issue 20, item 1), offscreen on a real counter: what it shows
through a reception (procedure, documents as ticked, the code with the receipt's own look-up
QR, the fee and its VietQR) and through a return (code, procedure, masked name, done), the
rating buttons recording a ``rated`` event with its stage, level and officer, a second rating
refused politely, the timeouts back to idle (driven, never waited for), and nothing at all
while the display is off.

``CITIZEN_SHOTS=/some/dir`` also saves the pages at 1280×800 and 1920×1080 there."""

from __future__ import annotations

import json
import os
from datetime import datetime
from io import BytesIO
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.devices.qr_decode import decode_image
from desktop.domain.forms.facts import DocumentLine, DossierFacts, Office, TransferFacts
from desktop.domain.forms.receipt import receipt
from desktop.domain.reception import parse_form
from desktop.domain.satisfaction import LEVELS_BEST_FIRST, Level, Stage
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.desk_settings import load_settings
from desktop.store.dossiers.service import DossierService, find_dossier
from desktop.store.models import EventRow
from desktop.store.payee import save_payee
from desktop.store.printing.form_data import qr_text
from desktop.ui.citizen_content import mask_name, receipt_facts
from desktop.ui.citizen_display import THANKS_SECONDS, CitizenDisplay
from desktop.ui.main_window import MainWindow
from desktop.ui.payment_dialog import PaymentDialog
from desktop.ui.style import STYLE
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import minimal_form
from tests.ui.conftest import OFFICER
from tests.ui.test_counter_app import WAIT, open_window, sign_in
from tests.ui.test_handover_view import STAFF, receive
from tests.ui.test_payment_dialog import tlv

HOUSEHOLD = "1.001612"  # Hộ kinh doanh: 100 000 đ a dossier
SHOTS = os.environ.get("CITIZEN_SHOTS")


def decoded(widget: QWidget) -> list[str]:
    """What a phone would read off the widget as drawn on screen."""
    QApplication.processEvents()  # laid out as it is on screen
    if os.environ.get("DBG"):
        widget.grab().save(f"/tmp/dbg_{widget.objectName()}.png")
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buf, "PNG")
    return decode_image(Image.open(BytesIO(bytes(buf.data().data()))))


def set_payee(data: Path) -> None:
    db = Database.open(data)
    try:
        with db.write() as s:
            save_payee(s, "970405", "1234567890123", "UBND XÃ MỸ HÒA", source="counter")
    finally:
        db.close()


def display_on(data: Path) -> None:
    """The administrator's switch, as Settings saves it: on, in a window on this screen."""
    (data / "desk.json").write_text(
        json.dumps(
            {"citizen_display": True, "citizen_screen": "window", "citizen_timeout_seconds": 45}
        ),
        encoding="utf-8",
    )


def ratings(data: Path, code: str) -> list[EventRow]:
    db = Database.open(data)
    try:
        with db.read() as s:
            row = find_dossier(s, code)
            return list(
                s.scalars(
                    select(EventRow).where(EventRow.dossier_id == row.id, EventRow.type == "rated")
                )
            )
    finally:
        db.close()


def lookup_payload(data: Path, code: str) -> str:
    """The receipt's look-up QR as the printing code builds it (signatures are deterministic)."""
    db = Database.open(data)
    try:
        with db.read() as s:
            return qr_text(s, load_context(db, data), code)
    finally:
        db.close()


def shoot(display: CitizenDisplay, name: str) -> None:
    if not SHOTS:
        return
    for w, h in ((1280, 800), (1920, 1080)):
        display.resize(w, h)
        QApplication.processEvents()
        display.grab().save(str(Path(SHOTS) / f"citizen_{name}_{w}x{h}.png"))
    display.resize(1280, 800)
    QApplication.processEvents()


def displayed(qtbot: QtBot, window: MainWindow) -> CitizenDisplay:
    qtbot.waitUntil(lambda: window.citizen_screen.on, timeout=WAIT)
    display = window.citizen_screen.display
    assert display is not None
    return display


def test_a_reception_on_the_citizen_display_and_its_rating(qtbot: QtBot, counter_dir: Path) -> None:
    set_payee(counter_dir)
    display_on(counter_dir)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE)  # the officer's window as it runs; the display keeps its own
    try:
        window = open_window(qtbot, counter_dir)
        sign_in(qtbot, window)
        display = displayed(qtbot, window)
        assert window.citizen_action.isChecked()
        assert display.timeout_seconds == 45
        # idle: the centre, the counter, the province's look-up channels
        assert display.page == "idlePage"
        assert display.office_name.text() == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
        assert display.counter.text() == "Quầy Q01"
        assert "https://dichvucong.angiang.gov.vn" in display.lookup_text.text()
        assert decoded(display.portal_qr.image) == ["https://dichvucong.angiang.gov.vn"]
        shoot(display, "idle")

        r = window.reception
        qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
        r.picker.query.setText(HOUSEHOLD)
        r.picker._choose()
        p = r.picker.current
        assert p is not None
        # the procedure, its time limit, the documents as ticked, the fee
        assert display.page == "receptionPage"
        assert display.procedure.text() == p.name
        assert "Thời hạn giải quyết" in display.limit.text()
        assert "100.000 đồng" in display.reception_fee.text()
        ticked = [d["name"] for d in r.documents.received()]
        assert ticked and all(name in display.documents.text() for name in ticked)
        first = r.documents.item(0, 0)
        assert first is not None
        first.setCheckState(Qt.CheckState.Unchecked)  # the citizen did not bring it
        qtbot.waitUntil(lambda: first.text() not in display.documents.text(), timeout=WAIT)
        first.setCheckState(Qt.CheckState.Checked)
        qtbot.waitUntil(lambda: first.text() in display.documents.text(), timeout=WAIT)
        shoot(display, "reception")

        for field, value in (
            ("name", "Nguyễn Văn An"),
            ("id_number", "089085001234"),
            ("address", "Số 1 Lê Lợi, Long Xuyên"),
        ):
            r.applicant.inputs[field].setText(value)
        r.receive()
        qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
        assert r.last is not None and r.last.code is not None
        code = r.last.code
        # the code in big type, the receipt's own look-up QR, the appointment, the fee, VietQR
        assert display.page == "receiptPage"
        qtbot.waitUntil(lambda: bool(display.lookup_qr.payload), timeout=WAIT)
        assert display.code.text() == code
        assert decoded(display.lookup_qr.image) == [lookup_payload(counter_dir, code)]
        assert display.due.text().startswith("Hẹn trả kết quả: ")
        assert "100.000 đồng" in display.receipt_fee.text()
        assert display.transfer_box.isVisibleTo(display)
        (vietqr,) = decoded(display.transfer_qr.image)
        fields = tlv(vietqr)
        assert fields["54"] == "100000" and tlv(fields["62"])["08"] == code
        assert "Agribank" in display.transfer_facts.text()
        shoot(display, "receipt")

        # the officer goes on to the next citizen: this one is asked to rate
        qtbot.waitUntil(lambda: r.preview is not None, timeout=WAIT)
        r.preview.close()  # type: ignore[union-attr]
        r.next_citizen()
        assert display.page == "ratingPage"
        assert code in display.rating_context.text()
        assert "tiếp nhận hồ sơ" in display.rating_question.text()
        assert not display.send_button.isEnabled()
        assert display.timer.isActive() and display.timer.interval() == 45_000
        # five levels, best first, as the survey prints them (desktop/domain/satisfaction.py)
        labels = [b.accessibleName() for b in display.level_buttons.values()]
        assert labels == [lv.label_vi for lv in LEVELS_BEST_FIRST]
        assert all(b.isVisible() for b in display.level_buttons.values())
        shoot(display, "rating")
        qtbot.mouseClick(display.level_buttons[Level.HAI_LONG], Qt.MouseButton.LeftButton)
        assert display.level_buttons[Level.HAI_LONG].isChecked()
        display.comment.setText("Cán bộ hướng dẫn tận tình")
        shoot(display, "rating_chosen")
        qtbot.mouseClick(display.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: display.page == "thanksPage", timeout=WAIT)
        assert "Cảm ơn" in display.thanks.text()
        shoot(display, "thanks")
        (event,) = ratings(counter_dir, code)
        assert event.officer == OFFICER
        assert event.payload["stage"] == "reception" and event.payload["level"] == 4
        assert event.payload["served_by"] == OFFICER
        assert event.payload["comment"] == "Cán bộ hướng dẫn tận tình"

        # asked again (a second tap of the receipt's button): refused politely, nothing written
        display.ask_rating(code, Stage.RECEPTION, "")
        display.tap(Level.RAT_HAI_LONG)
        display.send()
        qtbot.waitUntil(lambda: "đã đánh giá lượt này rồi" in display.thanks.text(), timeout=WAIT)
        assert len(ratings(counter_dir, code)) == 1
        # the thank-you goes back to idle when its timer runs out (driven, not waited for)
        assert display.timer.isActive() and display.timer.interval() == THANKS_SECONDS * 1000
        display.timer.timeout.emit()
        assert display.page == "idlePage"

        # switched off from the window: hidden, and the officer's calls do nothing
        window.citizen_action.trigger()
        assert not window.citizen_screen.on and not display.isVisible()
        r.picker.query.setText(HOUSEHOLD)
        r.picker._choose()
        assert display.page == "idlePage"
        window.close()
        assert window.citizen_screen.display is None
    finally:
        app.setStyleSheet("")


def test_a_return_on_the_citizen_display_skipped_then_rated(
    qtbot: QtBot, counter_dir: Path
) -> None:
    (code,) = receive(counter_dir, [HOUSEHOLD], datetime(2026, 3, 2, 8, 0))
    set_payee(counter_dir)
    db = Database.open(counter_dir)
    try:
        DossierService(db, load_context(db, counter_dir)).result_ready(code, STAFF)
    finally:
        db.close()
    payload = lookup_payload(counter_dir, code)
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    window.citizen_screen.set_on(True)  # the window's own switch (Ctrl+Shift+M)
    display = displayed(qtbot, window)
    ret = window.returns
    window.show_view(ret)
    ret.check(payload)
    qtbot.waitUntil(lambda: ret.current is not None, timeout=WAIT)
    # the code, the procedure, the name masked for the people around, where it stands (the
    # page is waited for: once, under a full parallel run, it was read still idle)
    qtbot.waitUntil(lambda: display.page == "returnPage", timeout=WAIT)
    assert display.return_code.text() == code
    assert display.return_procedure.text() == ret.current.dossier.procedure_name  # type: ignore[union-attr]
    assert display.return_name.text() == "Người nộp hồ sơ: Nguyễn V. An"
    assert "Kết quả đã có" in display.return_state.text()
    shown = " ".join(label.text() for label in display.findChildren(QLabel))
    assert "089085001234" not in shown and "Nguyễn Văn An" not in shown
    assert display.return_fee.text() == "Phí, lệ phí còn phải nộp: 100.000 đồng"
    shoot(display, "return")
    # the fee by bank transfer: the officer's dialog shows its VietQR to the citizen too
    ret.fee_actions.collect()
    qtbot.waitUntil(lambda: ret.fee_actions.dialog is not None, timeout=WAIT)
    dialog = ret.fee_actions.dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.qr.setChecked(True)
    assert display.page == "paymentPage" and dialog.payload is not None
    assert decoded(display.payment_qr.image) == [dialog.payload]
    assert "100.000 đ" in display.payment_facts.text()
    shoot(display, "payment")
    dialog.cash.setChecked(True)  # no QR in the dialog: none on the display
    assert display.page == "returnPage"
    dialog.qr.setChecked(True)
    dialog.reject()
    qtbot.waitUntil(lambda: ret.fee_actions.dialog is None, timeout=WAIT)
    assert display.page == "returnPage"
    qtbot.mouseClick(ret.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: display.page == "ratingPage", timeout=WAIT)
    assert "Đã trả kết quả" in display.rating_context.text()
    assert "trả kết quả" in display.rating_question.text()
    # the returns screen clears for the next citizen (issue 22): the rating page stays
    qtbot.waitUntil(lambda: "Đã trả kết quả" in ret.message.text(), timeout=WAIT)
    assert ret.current is None and ret.qr.hasFocus()
    assert display.page == "ratingPage"
    # nobody taps: back to idle when the timer runs out, nothing recorded
    display.timer.timeout.emit()
    assert display.page == "idlePage" and ratings(counter_dir, code) == []
    # asked again, a level tapped and left: the tap is the answer, sent when the time is up
    display.ask_rating(code, Stage.RETURN, f"Đã trả kết quả hồ sơ {code}")
    qtbot.mouseClick(display.level_buttons[Level.RAT_HAI_LONG], Qt.MouseButton.LeftButton)
    display.timer.timeout.emit()
    qtbot.waitUntil(lambda: display.page == "thanksPage", timeout=WAIT)
    (event,) = ratings(counter_dir, code)
    assert event.payload["stage"] == "return" and event.payload["level"] == 5
    assert event.payload["served_by"] == OFFICER and "comment" not in event.payload
    # locking the window takes the display back to idle
    window.lock()
    assert display.page == "idlePage"
    window.close()


def test_display_off_by_default_does_nothing(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    r.picker.query.setText(HOUSEHOLD)
    r.picker._choose()
    for field, value in (
        ("name", "Nguyễn Văn An"),
        ("id_number", "089085001234"),
        ("address", "Số 1 Lê Lợi, Long Xuyên"),
    ):
        r.applicant.inputs[field].setText(value)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    code = r.last.code or ""  # type: ignore[union-attr]
    r.next_citizen()
    # never built, never shown, nothing rated
    assert window.citizen_screen.display is None and not window.citizen_action.isChecked()
    assert ratings(counter_dir, code) == []
    window.close()


def test_masked_names_and_the_receipts_facts() -> None:
    assert mask_name("Nguyễn Văn An") == "Nguyễn V. An"
    assert mask_name("Trần Thị Thu Hà") == "Trần T. T. Hà"
    assert mask_name("Lê Lan") == "Lê L."
    assert mask_name("  ") == ""
    facts = DossierFacts(
        code="000.00.12.H01031226001",
        provisional=False,
        procedure_code="1.001612",
        procedure_name="Đăng ký thành lập hộ kinh doanh",
        limit_label="3 ngày làm việc",
        applicant_name="Nguyễn Văn An",
        applicant_id="089085001234",
        address="Long Xuyên",
        documents=(DocumentLine("Giấy đề nghị", 1),),
        qr_payload="MC1:TEST",
        transfer=TransferFacts("000201", 100000, "Agribank", "123", "UBND", "000.00.12.H01"),
    )
    office = Office("UBND TỈNH AN GIANG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "An Giang")
    got = receipt_facts(receipt(office, facts, now=datetime(2026, 1, 5, 9, 0)))
    assert got.code == facts.code and got.procedure == facts.procedure_name
    assert got.lookup_payload == "MC1:TEST" and got.transfer_payload == "000201"
    assert ("Số tiền", "100.000 đồng") in got.transfer_lines
    assert got.fee == ""  # no fee lines on these facts


def test_switched_on_and_off_in_settings(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window, "admin", ADMIN_PASSWORD)
    settings = window.settings
    window.show_view(settings)
    qtbot.waitUntil(lambda: "Q01" in settings.identity.text(), timeout=WAIT)
    assert not settings.citizen_on.isChecked()  # off unless the centre turns it on
    screens = [settings.citizen_screen.itemData(i) for i in range(settings.citizen_screen.count())]
    assert screens[:2] == ["", "window"] and len(screens) == 2 + len(QApplication.screens())
    settings.citizen_on.setChecked(True)
    settings.citizen_screen.setCurrentIndex(settings.citizen_screen.findData("window"))
    settings.citizen_timeout.setValue(30)
    settings._save_desk()
    qtbot.waitUntil(lambda: window.citizen_screen.on, timeout=WAIT)
    display = window.citizen_screen.display
    assert display is not None and display.timeout_seconds == 30
    assert display.size().width() == 1280 and display.page == "idlePage"
    saved = load_settings(counter_dir)
    assert saved.citizen_display and saved.citizen_screen == "window"
    assert saved.citizen_timeout_seconds == 30
    settings.citizen_on.setChecked(False)
    settings._save_desk()
    qtbot.waitUntil(lambda: not window.citizen_screen.on, timeout=WAIT)
    assert not window.citizen_action.isChecked()
    window.close()


def test_a_supplement_request_is_rated_as_the_reception(qtbot: QtBot, counter_dir: Path) -> None:
    db = Database.open(counter_dir)
    try:
        refused = DossierService(db, load_context(db, counter_dir)).refuse(
            parse_form(minimal_form()), STAFF, "Thiếu bản sao", supplement=True
        )
    finally:
        db.close()
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    window.citizen_screen.set_on(True)
    display = displayed(qtbot, window)
    window.citizen_screen.refused(refused, True)  # what reception says after Mẫu 02
    assert display.page == "ratingPage"
    assert "yêu cầu bổ sung" in display.rating_context.text()
    display.tap(Level.BINH_THUONG)
    display.skip_button.click()  # "Bỏ qua" after a tap: nothing sent
    assert display.page == "idlePage" and ratings(counter_dir, refused.id) == []
    window.citizen_screen.refused(refused, True)
    display.tap(Level.BINH_THUONG)
    display.send()
    qtbot.waitUntil(lambda: display.page == "thanksPage", timeout=WAIT)
    (event,) = ratings(counter_dir, refused.id)
    assert event.payload["stage"] == "reception" and event.payload["level"] == 3
    window.close()
