"""Reception as the officer lives in it (issue 22 item 4, and item 2's reception part), driven
with the keyboard in the real window at 1366×768: ten procedures in view with the highlighted
one's full name and documents beside them, the whole form refused at once in plain words with
every bad field red and the first focused, Enter from field to field, the preview naming its
printer and scrolling through the whole slip, an unprinted receipt asked about, Ctrl+2/Ctrl+3
and a reason box Ctrl+Enter records — and the keystrokes of a walk-in reception counted.

The walk-in test takes about 8 s: one window walks the whole screen (a refusal, a receipt
printed on the virtual printer, one not printed) because each window costs ~2.5 s to open and
sign in, and each receipt ~1 s to render and print; split, the same checks would cost more."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.ui.i18n import current_language, use_language
from desktop.ui.main_window import MainWindow
from desktop.ui.reception import ReceptionView
from devtools.virtual_printer import VirtualPrinter
from tests.ui.conftest import CARD
from tests.ui.test_counter_app import WAIT, burst, focus, keys, open_window, press, sign_in

CTRL = Qt.KeyboardModifier.ControlModifier
BIRTH = "1.001193"  # Thủ tục đăng ký khai sinh
COPY = "2.000815"  # Chứng thực bản sao từ bản chính … (one of the catalog's longest names)


def typed(qtbot: QtBot, text: str) -> None:
    """Type into the focused line edit and wait for the scanner filter to let the keys through
    (typed this fast they are held a moment as a possible scan)."""
    edit = focus()
    before = edit.text()  # type: ignore[attr-defined]
    keys(text)
    qtbot.waitUntil(lambda: edit.text() == before + text, timeout=WAIT)  # type: ignore[attr-defined]


class Counted:
    """The officer's keys (a scanner's burst is not typed by anyone)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.n = 0
        self.qtbot = qtbot

    def keys(self, text: str) -> None:
        self.n += len(text)
        typed(self.qtbot, text)

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.n += 1
        press(key, modifier)


def _reception(qtbot: QtBot, data: Path) -> tuple[MainWindow, ReceptionView]:
    window = open_window(qtbot, data)
    window.resize(1366, 768)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog) and r.picker.query.hasFocus(), timeout=WAIT)
    return window, r


def _box(qtbot: QtBot, r: ReceptionView) -> QMessageBox:
    qtbot.waitUntil(
        lambda: r.unprinted_box is not None and r.unprinted_box.isVisible(), timeout=WAIT
    )
    assert r.unprinted_box is not None
    return r.unprinted_box


def _click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    assert isinstance(button, QPushButton)
    button.click()


def test_a_walk_in_reception_from_the_keyboard(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter
) -> None:
    window, r = _reception(qtbot, counter_dir)
    picker, a = r.picker, r.applicant

    # the picker: the best match first, ten rows in view, the highlighted one in full beside
    typed(qtbot, "chung thuc")
    assert picker.results.item(0).data(Qt.ItemDataRole.UserRole).code == COPY
    row = picker.results.sizeHintForRow(0)
    assert picker.results.viewport().height() >= 10 * row
    long_name = picker.results.item(0).data(Qt.ItemDataRole.UserRole).name
    assert len(long_name) > 200 and long_name in picker.detail.text().replace("&amp;", "&")
    assert "Giấy tờ cần nộp" in picker.detail.text() and "Bản chính giấy tờ" in picker.detail.text()
    press(Qt.Key.Key_Down)
    assert "Giấy tờ cần nộp" in picker.detail.text()
    assert picker.results.currentItem().data(Qt.ItemDataRole.UserRole).name in (
        picker.detail.text()
    )
    min_size = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert min_size.width() <= 1366 and min_size.height() <= 768, min_size

    # chosen, then received with nothing filled in: every problem at once, in plain words
    picker.query.clear()
    typed(qtbot, "chung thuc ban sao")
    press(Qt.Key.Key_Return)
    assert picker.current is not None and picker.current.code == COPY
    # no card: Enter in the empty card field goes on to the name
    assert focus() is a.cccd
    press(Qt.Key.Key_Return)
    assert focus() is a.inputs["name"] and "CCCD" not in r.message.text()
    a.inputs["email"].setText("x@")
    press(Qt.Key.Key_Return, CTRL)
    text = r.message.text()
    for said in (
        "Họ và tên: chưa nhập",
        "Số CCCD / CMND / hộ chiếu: chưa nhập",
        "Địa chỉ: chưa nhập",
        "Thư điện tử: không đúng dạng",
    ):
        assert said in text, text
    assert "›" not in text and "thiếu thông tin bắt buộc" not in text
    bad = [k for k, w in a.inputs.items() if w.property("invalid")]
    assert bad == ["name", "id_number", "address", "email"]
    assert focus() is a.inputs["name"] and r.last is None
    # Enter goes from field to field; an edited field is no longer red
    typed(qtbot, "Nguyen Van An")
    assert not a.inputs["name"].property("invalid") and a.inputs["id_number"].property("invalid")
    press(Qt.Key.Key_Return)
    assert focus() is a.inputs["id_number"]
    typed(qtbot, "089085001234")
    press(Qt.Key.Key_Return)
    assert focus() is a.inputs["birth_date"]
    press(Qt.Key.Key_Return)
    typed(qtbot, "So 1 Le Loi")
    press(Qt.Key.Key_Return)
    assert focus() is a.inputs["phone"]
    a.inputs["email"].clear()
    # a bad date is said with the form's own words and marked too
    a.inputs["birth_date"].setText("31/02/1985")
    press(Qt.Key.Key_Return, CTRL)
    assert "Ngày sinh: không phải ngày có thật" in r.message.text()
    assert focus() is a.inputs["birth_date"] and a.inputs["birth_date"].property("invalid")
    a.inputs["birth_date"].clear()

    # the reason boxes: Ctrl+3 refuses, Enter adds a line, Ctrl+Enter records, Esc cancels
    press(Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(
        lambda: r.reason_dialog is not None and r.reason_dialog.isVisible(), timeout=WAIT
    )
    dialog = r.reason_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focus() is dialog.text, timeout=WAIT)
    keys("Khong thuoc tham quyen")
    press(Qt.Key.Key_Return)
    keys("cua xa")
    assert dialog.isVisible() and "\n" in dialog.text.toPlainText()
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: r.preview is not None and r.preview.isVisible(), timeout=WAIT)
    assert "từ chối" in r.message.text()
    press(Qt.Key.Key_Escape)  # a refusal's notice: closed without asking
    qtbot.waitUntil(lambda: focus() is picker.query, timeout=WAIT)
    assert r.unprinted_box is None
    assert "Ctrl+2" in r.supplement_button.text() and "Ctrl+3" in r.reject_button.text()

    # a walk-in with a CCCD card, from the procedure search to the printed receipt: counted
    r.next_citizen()
    officer = Counted(qtbot)
    slips = len(printer.slips())
    officer.keys("khai sinh")
    assert picker.results.item(0).data(Qt.ItemDataRole.UserRole).code == BIRTH
    officer.press(Qt.Key.Key_Return)
    assert focus() is a.cccd
    burst(CARD)  # the scanner
    qtbot.waitUntil(lambda: a.inputs["name"].text() == "Nguyễn Văn An", timeout=WAIT)
    assert focus() is a.inputs["phone"]
    officer.keys("0912345678")
    officer.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: r.preview is not None and r.preview.isVisible(), timeout=WAIT)
    preview = r.preview
    assert preview is not None and r.last is not None
    # which printer, and the whole slip: taller than the view, the keys scroll it
    assert f"máy in nhiệt “Máy in phiếu” (TCP 127.0.0.1:{printer.port})" in (preview.targets.text())
    bar = preview.slip_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    press(Qt.Key.Key_PageDown)
    assert bar.value() > 0
    press(Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.waitUntil(lambda: focus() is preview.print_button, timeout=WAIT)
    officer.press(Qt.Key.Key_Return)
    printer.wait_for_slips(slips + 2, timeout=20)
    qtbot.waitUntil(lambda: focus() is picker.query, timeout=WAIT)
    assert officer.n == 22, officer.n  # 9 + Enter + 10 + Ctrl+Enter + Enter
    assert r.receipt_printed and r.unprinted_box is None

    # a receipt not printed: closing its preview asks ("skip": nothing printed)
    a.inputs["phone"].setText("0912345678")  # same citizen, another dossier
    picker.query.setFocus()
    typed(qtbot, BIRTH)
    press(Qt.Key.Key_Return)
    burst(CARD)
    qtbot.waitUntil(lambda: a.inputs["name"].text() == "Nguyễn Văn An", timeout=WAIT)
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: r.preview is not None and r.preview.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: focus() is r.preview.print_button, timeout=WAIT)  # type: ignore[union-attr]
    press(Qt.Key.Key_Escape)
    box = _box(qtbot, r)
    assert "chưa được in" in box.text()
    _click(box, "Bỏ qua")
    assert r.receipt_printed and len(printer.slips()) == slips + 2
    qtbot.waitUntil(lambda: focus() is picker.query, timeout=WAIT)
    # this counter's use is counted: two birth registrations received here
    assert window.desk is not None and window.desk.procedure_usage()[BIRTH] == 2
    assert picker.usage[BIRTH] == 2
    # switching to another screen with the receipt unprinted asks there; "print now" prints
    r.receipt_printed = False
    press(Qt.Key.Key_F4)
    assert window.tabs.currentWidget() is window.lookup
    box = _box(qtbot, r)
    _click(box, "In bây giờ")
    printer.wait_for_slips(slips + 4, timeout=20)
    assert window.tabs.currentWidget() is window.lookup
    # the look-up screen has its keys back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lookup.query, timeout=WAIT)
    press(Qt.Key.Key_F3)
    # F2 with a receipt never printed asks first; "skip" goes on to the next citizen
    r.receipt_printed, last = False, r.last
    press(Qt.Key.Key_F2)
    box = _box(qtbot, r)
    assert a.inputs["name"].text() == "Nguyễn Văn An"  # not cleared before the answer
    _click(box, "Bỏ qua")
    assert a.inputs["name"].text() == "" and r.last is None and focus() is picker.query
    # closing the window with a receipt never printed asks too, and "skip" closes it
    r.last, r.receipt_printed = last, False
    window.close()
    assert window.isVisible() and window.tabs.currentWidget() is r  # not closed: asked
    _click(_box(qtbot, r), "Bỏ qua")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)


def test_english_words_for_a_refused_form(qtbot: QtBot, counter_dir: Path) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    before = current_language()
    settings = counter_dir / "desk.json"
    data = json.loads(settings.read_text()) if settings.exists() else {}
    settings.write_text(json.dumps({**data, "language": "en"}))
    use_language(app, "en")
    try:
        window, r = _reception(qtbot, counter_dir)
        typed(qtbot, "chung thuc")
        assert "Documents required:" in r.picker.detail.text()
        press(Qt.Key.Key_Return)
        r.applicant.inputs["phone"].setText("123")
        press(Qt.Key.Key_Return, CTRL)
        text = r.message.text()
        for said in (
            "Not received — correct the fields marked red:",
            "Full name: not filled in",
            "Address: not filled in",
            "Phone number: not valid (10 digits starting with 0)",
        ):
            assert said in text, text
        assert "chưa" not in text and "›" not in text
        assert focus() is r.applicant.inputs["name"]
        assert "Ctrl+3" in r.reject_button.text() and "Refuse" in r.reject_button.text()
        window.close()
    finally:
        use_language(app, before)
