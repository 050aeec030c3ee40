"""The online inbox (issue 18, item 2), offscreen on a real counter: dossiers from the portal
sorted by what is due first, amber under an hour and red past due (with the words), opened with
Enter, accepted with its receipt printed, refused reasons worded, and the keyboard never lost
to the lock button."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uuid6 import uuid7

import desktop.services.desk
import desktop.store.clock
from desktop.domain.deadlines import Urgency, clock
from desktop.domain.dossier import EventType
from desktop.domain.procedures import fold_accents
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.online import check_due_at
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import Dossier
from desktop.store.sync.journal import record
from desktop.ui.due_rows import COLOURS
from desktop.ui.main_window import MainWindow
from devtools.virtual_printer import VirtualPrinter
from tests.ui.conftest import OFFICER, PASSWORD, add_officer

WAIT = 20_000
NOW = datetime(2026, 3, 4, 10, 0)  # a Wednesday, a working day in An Giang


def submit_online(data: Path, code: str, submitted: datetime, name: str = "Lê Văn Bình") -> None:
    """A dossier from the portal as sync brings it (inbound._row_from), without a server."""
    db = Database.open(data)
    ctx = load_context(db, data)
    applicant = {
        "name": name,
        "id_number": "089085001234",
        "address": "Số 1 Lê Lợi, Long Xuyên",
        "phone": "0912345678",
    }
    payload = {
        "procedure": "2.000815",
        "procedure_name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "channel": 2,
        "applicant": applicant,
        "documents": [{"name": "Bản chính giấy tờ", "copies": 1}],
        "submitted_at": submitted,
        "code": code,
    }
    try:
        with db.write() as s:
            row = Dossier(
                id=str(uuid7()),
                procedure_code="2.000815",
                procedure_name=payload["procedure_name"],
                channel=2,
                applicant_name=name,
                applicant_name_folded=fold_accents(name),
                applicant_id_number=applicant["id_number"],
                applicant_phone=applicant["phone"],
                applicant=applicant,
                documents=payload["documents"],
                sets=1,
                result_delivery={"method": "counter"},
                fees=[],
                fee_total=0,
                officer="cong-dvc",
                counter="",
                created_at=submitted,
                updated_at=submitted,
                pauses=[],
                provisional=False,
                status=1,
            )
            record(
                s,
                ctx,
                row,
                EventType.REGISTERED_ONLINE,
                payload,
                "cong-dvc",
                origin="server",
                new=True,
                at=submitted,
            )
    finally:
        db.close()


def submitted_for(data: Path, wanted: Urgency) -> datetime:
    """A submission time whose check clock stands at ``wanted`` at NOW (the profile's hours
    and calendar decide, so the test holds for any profile)."""
    db = Database.open(data)
    ctx = load_context(db, data)
    db.close()
    t = NOW
    for _ in range(24 * 4 * 20):
        t -= timedelta(minutes=15)
        c = clock(ctx.calendar, check_due_at(ctx, t), NOW)
        if c.urgency is wanted:
            return t
    raise AssertionError(wanted)


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    # the inbox reads the province's clock when asked; answers keep the real one
    monkeypatch.setattr(desktop.store.clock, "local_now", lambda: NOW)


def open_signed_in(qtbot: QtBot, data: Path) -> MainWindow:
    window = MainWindow(data, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText(OFFICER)
    window.login.password.setText(PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    return window


def test_inbox_sorted_coloured_opened_accepted_and_printed(
    qtbot: QtBot, counter_dir: Path, printer: VirtualPrinter, fixed_now: None
) -> None:
    ok, soon, late = (submitted_for(counter_dir, u) for u in Urgency)
    # written in an order that is not the due order
    submit_online(counter_dir, "G22.AG-260304-0003", ok, "Phạm Thị Cúc")
    submit_online(counter_dir, "G22.AG-260304-0001", late, "Lê Văn Bình")
    submit_online(counter_dir, "G22.AG-260304-0002", soon, "Trần Văn Dũng")
    window = open_signed_in(qtbot, counter_dir)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Hồ sơ trực tuyến (F5)" in titles
    QTest.keyClick(window, Qt.Key.Key_F5)
    view = window.online
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.table.rowCount() == 3, timeout=WAIT)
    table = view.table
    codes = [table.item(r, 0).text() for r in range(3)]
    assert codes == ["G22.AG-260304-0001", "G22.AG-260304-0002", "G22.AG-260304-0003"]
    left = [table.item(r, 5).text() for r in range(3)]
    assert left[0].startswith("quá hạn ") and left[1].startswith("sắp hết hạn: còn ")
    assert left[2].startswith("còn ")
    back = [table.item(r, 5).background().color() for r in range(3)]
    assert back[0] == QColor(COLOURS[Urgency.OVERDUE][0])
    assert back[1] == QColor(COLOURS[Urgency.SOON][0])
    assert back[2] != back[0] and back[2] != back[1]
    assert "1 quá hạn" in view.count.text()
    assert "8 giờ làm việc" in view.deadline.text() and "66/2020" in view.deadline.text()
    # nothing to answer before the dossier is opened
    assert not view.accept_button.isEnabled()

    # Enter on the first row opens it: applicant, papers, files
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.accept_button.isEnabled(), timeout=WAIT)
    shown = view.detail.toPlainText()
    assert "Lê Văn Bình" in shown and "Bản chính giấy tờ" in shown and "089085001234" in shown
    assert QApplication.focusWidget() is view.accept_button

    # Ctrl+1 accepts: the receipt prints, the row leaves the inbox
    QTest.keyClick(view.accept_button, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Đã in" in view.message.text(), timeout=WAIT)
    assert "Đã tiếp nhận hồ sơ G22.AG-260304-0001" in view.message.text()
    assert "Giấy tiếp nhận G22.AG-260304-0001" in view.message.text()
    printer.wait_for_slips(1, timeout=20)
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=WAIT)
    assert table.item(0, 0).text() == "G22.AG-260304-0002"
    assert QApplication.focusWidget() is not window.lock_button
    db = Database.open(counter_dir)
    with db.read() as s:
        row = find_dossier(s, "G22.AG-260304-0001")
        assert row.status == 2 and row.checked_at is not None and row.received_at is not None
    db.close()

    # a refusal without a real reason is refused in words, and nothing changes
    table.selectRow(0)
    view.open_current()
    qtbot.waitUntil(lambda: view.reject_button.isEnabled(), timeout=WAIT)
    view.reject("G22.AG-260304-0002", "ab")
    qtbot.waitUntil(lambda: "ít nhất 5 ký tự" in view.message.text(), timeout=WAIT)
    assert view.message.text() == "Phải ghi rõ lý do từ chối (ít nhất 5 ký tự)"
    assert view.message.property("role") == "error"
    qtbot.waitUntil(lambda: not view.busy and view.table.rowCount() == 2, timeout=WAIT)
    assert QApplication.focusWidget() is not window.lock_button

    # the supplement request through its dialog: reason and missing papers, Mẫu 02 printed
    qtbot.waitUntil(lambda: view.supplement_button.isEnabled(), timeout=WAIT)
    view.ask(supplement=True)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setPlainText("Thiếu bản chính để đối chiếu")
    dialog.missing.setPlainText("Bản chính giấy khai sinh\n\nSổ hộ khẩu")
    assert dialog.values() == (
        "Thiếu bản chính để đối chiếu",
        ["Bản chính giấy khai sinh", "Sổ hộ khẩu"],
    )
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Phiếu yêu cầu bổ sung" in view.message.text(), timeout=WAIT)
    assert "Đã yêu cầu bổ sung hồ sơ G22.AG-260304-0002" in view.message.text()
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert QApplication.focusWidget() is not window.lock_button
    window.close()


def test_a_supervisor_sees_the_inbox_but_cannot_answer(
    qtbot: QtBot, counter_dir: Path, fixed_now: None
) -> None:
    add_officer(counter_dir, "lanhdao", "ThongKe2026x", roles=frozenset({"supervisor"}))
    submit_online(counter_dir, "G22.AG-260304-0009", submitted_for(counter_dir, Urgency.OK))
    window = MainWindow(counter_dir, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText("lanhdao")
    window.login.password.setText("ThongKe2026x")
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    view = window.online
    window.show_view(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=WAIT)
    view.open_current()
    qtbot.waitUntil(lambda: "Lê Văn Bình" in view.detail.toPlainText(), timeout=WAIT)
    for b in (view.accept_button, view.supplement_button, view.reject_button):
        assert not b.isEnabled()
    window.close()


def test_a_dossier_held_by_another_counter_says_where(
    qtbot: QtBot, counter_dir: Path, fixed_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = "G22.AG-260304-0007"
    submit_online(counter_dir, code, submitted_for(counter_dir, Urgency.OK))
    db = Database.open(counter_dir)
    with db.write() as s:
        find_dossier(s, code).claim_counter = "Q02"  # as the server's feed reports a claim
    db.close()
    window = open_signed_in(qtbot, counter_dir)
    view = window.online
    window.show_view(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=WAIT)
    assert view.table.item(0, 6).text() == "đang xử lý tại Q02"
    assert not view.release_button.isEnabled()  # only the holder gives it back
    assert view.table.item(0, 5).text().startswith("còn ")
    # a minute's tick moves the clocks on screen, without reading the inbox again
    monkeypatch.setattr(desktop.services.desk, "local_now", lambda: NOW + timedelta(days=7))
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    view._tick()
    assert view.table.item(0, 5).text().startswith("quá hạn ")
    assert view.table.item(0, 5).background().color() == QColor(COLOURS[Urgency.OVERDUE][0])
    assert view.table.item(0, 6).text() == "đang xử lý tại Q02"
    window.close()


def test_refusals_of_the_check_in_both_languages(qapp: QApplication) -> None:
    from PySide6.QtCore import QTranslator

    from desktop.store.dossiers.service import ActionError, _reason
    from desktop.ui.i18n import I18N
    from desktop.ui.refusals import describe

    with pytest.raises(ActionError) as short:
        _reason("ab", "lý do từ chối")
    with pytest.raises(ActionError) as long_:
        _reason("x" * 2001, "nội dung cần bổ sung")
    held = ActionError(
        "Hồ sơ A đang được kiểm tra tại quầy Q02",
        code="claimed_elsewhere",
        dossier="A",
        counter="Q02",
    )
    for exc in (short.value, long_.value, held):
        assert describe(exc) == str(exc)  # the window reads as the command line
    translator = QTranslator()
    assert translator.load(str(I18N / "motcua_en.qm"))
    qapp.installTranslator(translator)
    try:
        assert describe(short.value) == "State the reason for refusal (at least 5 characters)"
        assert describe(long_.value) == "What must be added is too long (at most 2000 characters)"
        assert describe(held) == "Dossier A is being checked at counter Q02"
    finally:
        qapp.removeTranslator(translator)
