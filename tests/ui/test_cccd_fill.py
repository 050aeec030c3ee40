"""The CCCD card at reception (issue 21): a partly readable card fills what it could read and
says what it could not; a card's warnings hold the receipt back until the officer confirms."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.test_counter_app import open_window, sign_in

WAIT = 60_000
ADDRESS = "Số 1 Lê Lợi, Long Xuyên, An Giang"
# the number says a man born in 1985; the card says a woman (a data-entry error on the card)
WRONG_SEX = f"089085001234|123456789|Nguyễn Văn An|12031985|Nữ|{ADDRESS}|01012021"


def _reception(qtbot: QtBot, counter_dir: Path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    r.picker.query.setText("2.000815")
    r.picker._choose()
    return window, r


def test_a_partly_readable_card_fills_what_it_could(qtbot: QtBot, counter_dir: Path) -> None:
    window, r = _reception(qtbot, counter_dir)
    # the birth date is no real day and the name lost a byte (mojibake that cannot be repaired)
    payload = f"089085001234|123456789|Nguyá» n Văn An|31021985|Nam|{ADDRESS}|01012021"
    assert r.fill_from_cccd(payload)
    a = r.applicant
    assert a.inputs["id_number"].text() == "089085001234"
    assert a.inputs["address"].text() == ADDRESS
    assert a.inputs["name"].text() == "" and a.inputs["birth_date"].text() == ""
    # said on the message line and kept beside the applicant, naming both fields
    assert "chỉ đọc được một phần" in r.message.text()
    assert "họ tên, ngày sinh" in r.message.text()
    assert a.card_note.isVisible() and "họ tên, ngày sinh" in a.card_note.text()
    # the garbled name is shown nowhere
    assert "á»" not in r.message.text() + a.card_note.text() + a.card_note.toolTip()
    assert a.inputs["name"].hasFocus()
    assert not a.card_confirm.isVisible()
    # the officer types the rest from the card: the dossier is received
    a.inputs["name"].setText("Nguyễn Văn An")
    a.inputs["birth_date"].setText("12/03/1985")
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    # the next citizen starts clean
    r.next_citizen()
    assert not a.card_note.isVisible() and a.card_note.text() == ""
    window.close()


def test_warnings_must_be_confirmed_before_the_receipt(qtbot: QtBot, counter_dir: Path) -> None:
    window, r = _reception(qtbot, counter_dir)
    a = r.applicant
    assert r.fill_from_cccd(WRONG_SEX)
    assert a.inputs["name"].text() == "Nguyễn Văn An"
    assert a.card_warnings.isVisible() and a.card_confirm.isVisible()
    assert "Giới tính trên thẻ (Nữ) khác giới tính trong số định danh (Nam)" in (
        a.card_warnings.text()
    )
    assert "cảnh báo cần xác nhận" in r.message.text()
    assert a.card_confirm.hasFocus() and not a.card_confirm.isChecked()
    # not confirmed: nothing is received, the officer is told why
    r.receive()
    assert r.last is None and not r.busy
    assert "cảnh báo chưa được xác nhận" in r.message.text()
    # the refusal forms (Mẫu 02, 03) carry the same data: held back too
    r.refuse(supplement=True)
    assert "cảnh báo chưa được xác nhận" in r.message.text()
    # confirmed: received
    a.card_confirm.setChecked(True)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    assert "hẹn trả" in r.message.text()
    # a clean card for the next citizen needs no confirmation
    r.next_citizen()
    assert not a.card_confirm.isVisible() and a.warnings_confirmed()
    window.close()


def test_a_repaired_name_is_a_warning(qtbot: QtBot, counter_dir: Path) -> None:
    window, r = _reception(qtbot, counter_dir)
    a = r.applicant
    assert r.fill_from_cccd(WRONG_SEX.replace("Nguyễn", "Nguyá»…n").replace("Nữ", "Nam"))
    assert a.inputs["name"].text() == "Nguyễn Văn An"
    assert "đã được sửa thành “Nguyễn Văn An”" in a.card_warnings.text()
    assert not a.warnings_confirmed()
    # a new card replaces the last one's warnings
    assert r.fill_from_cccd(WRONG_SEX.replace("Nữ", "Nam"))
    assert a.warnings_confirmed() and not a.card_warnings.isVisible()
    assert "Đã điền thông tin từ thẻ CCCD của Nguyễn Văn An" in r.message.text()
    # the number says 1985, the card 1986: a warning; once the officer confirmed it against
    # the card the dossier is received with that birth date (a refusal before)
    assert r.fill_from_cccd(WRONG_SEX.replace("12031985", "12031986").replace("Nữ", "Nam"))
    assert "Năm sinh trên thẻ (1986)" in a.card_warnings.text()
    r.receive()
    assert r.last is None and "cảnh báo chưa được xác nhận" in r.message.text()
    a.card_confirm.setChecked(True)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    assert "hẹn trả" in r.message.text()
    window.close()
