"""The hand-over screen (issue 18, item 4), offscreen on a real counter: received dossiers with
their deadline and colour, filtered by unit, two of one unit handed over together, and a choice
that mixes units refused in words before anything is written."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.deadlines import Urgency
from desktop.domain.reception import parse_form
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService, find_dossier
from desktop.ui.due_rows import COLOURS
from desktop.ui.main_window import MainWindow
from devtools.virtual_printer import VirtualPrinter
from tests.conftest import minimal_form
from tests.ui.conftest import OFFICER, PASSWORD

WAIT = 20_000
STAFF = OfficerInfo(OFFICER, "Trần Thị Mai", frozenset({"reception", "returns"}))
COMMUNE = "UBND cấp xã"
POLICE = "Công an cấp xã"


def receive(data: Path, procedures: list[str], at: datetime) -> list[str]:
    """Dossiers received at ``at`` (long past: their hand-over is overdue by now)."""
    db = Database.open(data)
    ctx = load_context(db, data)
    moments = iter(at + timedelta(minutes=5 * i) for i in range(len(procedures)))
    service = DossierService(db, ctx, lambda: next(moments))
    codes = []
    for code in procedures:
        receipt = service.receive(parse_form({**minimal_form(), "procedure": code}), STAFF)
        assert receipt.code
        codes.append(receipt.code)
    db.close()
    return codes


def test_hand_over_two_of_one_unit_and_refuse_a_mix(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter
) -> None:
    first, second, police = receive(
        counter_dir, ["2.000815", "1.004873", "1.004222"], datetime(2026, 3, 2, 8, 0)
    )
    window = MainWindow(counter_dir, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText(OFFICER)
    window.login.password.setText(PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Bàn giao (F10)" in titles
    QTest.keyClick(window, Qt.Key.Key_F10)
    view = window.handover
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.table.rowCount() == 3, timeout=WAIT)
    table = view.table
    assert [table.item(r, 0).text() for r in range(3)] == [first, second, police]
    assert [table.item(r, 1).text() for r in range(3)] == [COMMUNE, COMMUNE, POLICE]
    for r in range(3):  # received in March: long past their half working day
        assert table.item(r, 6).text().startswith("quá hạn ")
        assert table.item(r, 6).background().color() == QColor(COLOURS[Urgency.OVERDUE][0])
    assert "4 giờ làm việc" in view.deadline.text()
    assert not view.create_button.isEnabled()

    # Space ticks a row; ticking one of each unit is refused with the units named
    table.setFocus()
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Space)
    # (the scanner filter holds a printable key a moment before it lets it through)
    qtbot.waitUntil(lambda: view.ticked == {first}, timeout=WAIT)
    view.tick([police])
    assert "2 đơn vị" in view.selection.text()
    QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    text = view.message.text()
    assert "thuộc 2 đơn vị khác nhau" in text and COMMUNE in text and POLICE in text
    assert view.message.property("role") == "error"
    db = Database.open(counter_dir)
    with db.read() as s:
        assert all(find_dossier(s, c).handed_over_at is None for c in (first, police))
    db.close()

    # filtered to the commune's committee, its two dossiers chosen at once and handed over
    view.clear()
    view.unit.setCurrentIndex(view.unit.findData(COMMUNE))
    assert table.rowCount() == 2
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.ticked == {first, second}
    assert view.selection.text() == f"Đã chọn 2 hồ sơ cho {COMMUNE}"
    assert view.create_button.isEnabled()
    QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Đã bàn giao 2 hồ sơ" in view.message.text(), timeout=WAIT)
    assert COMMUNE in view.message.text() and "2 hồ sơ bàn giao trễ hạn" in view.message.text()
    # the record (Phiếu bàn giao hồ sơ), signed by both sides, goes to A4: this counter has no
    # A4 queue, so it is saved as a PDF to print, and the officer is told so
    qtbot.waitUntil(lambda: "Đã lưu" in view.message.text(), timeout=WAIT)
    assert list((counter_dir / "printouts").glob("handover-*.pdf"))
    qtbot.waitUntil(lambda: view.unit.count() == 2, timeout=WAIT)  # all, and the police
    view.unit.setCurrentIndex(0)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [police]
    assert QApplication.focusWidget() is not window.lock_button
    db = Database.open(counter_dir)
    with db.read() as s:
        done = [find_dossier(s, c) for c in (first, second)]
        assert all(d.handover_unit == COMMUNE and d.handed_over_at for d in done)
        assert done[0].handover_id == done[1].handover_id
        assert find_dossier(s, police).handed_over_at is None
    db.close()
    window.close()
