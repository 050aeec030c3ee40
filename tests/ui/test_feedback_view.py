"""The feedback register's screen (issue 20 item 3), offscreen on a real counter: the items with
their next deadline in colour and in words (red past the 15 working days, amber under two left),
a new item entered from the form, an empty one refused with nothing written, and a progress
update, the answer and its publication recorded from the buttons."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.domain.deadlines import Urgency
from desktop.domain.feedback import Channel, clocks
from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.feedback.records import FeedbackRecords
from desktop.ui.due_rows import COLOURS
from desktop.ui.feedback_view import FeedbackScreen
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import PASSWORD, add_officer

WAIT = 20_000
SUPERVISOR = "giamsat"


def seed(data: Path) -> dict[Urgency, str]:
    """Three items: one long overdue, one with under two working days left, one fresh."""
    db = Database.open(data)
    ctx = load_context(db, data)
    now = local_now()
    soon = now - timedelta(days=1)
    while clocks(ctx.calendar, soon, now).urgency is not Urgency.SOON:
        soon -= timedelta(days=1)
    records = FeedbackRecords(db, ctx)
    made = {}
    for urgency, at in (
        (Urgency.OVERDUE, now - timedelta(days=45)),
        (Urgency.SOON, soon),
        (Urgency.OK, now - timedelta(hours=1)),
    ):
        made[urgency] = records.add(
            "admin",
            text=f"Phản ánh {urgency.value}",
            from_name="Lê Thị Hoa",
            channel=Channel.LETTER,
            received_at=at,
        ).id
    db.close()
    return made


def open_view(qtbot: QtBot, data: Path, username: str) -> tuple[MainWindow, FeedbackScreen]:
    window = MainWindow(data, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=WAIT)
    window.login.username.setText(username)
    window.login.password.setText(PASSWORD)
    window.login.attempt()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Phản ánh, kiến nghị (F11)" in titles
    view = window._views["feedback"]
    assert isinstance(view, FeedbackScreen)
    window.show_view(view)
    return window, view


def test_the_clocks_in_colour_and_words_and_the_answer(qtbot: QtBot, counter_dir: Path) -> None:
    made = seed(counter_dir)
    add_officer(counter_dir, SUPERVISOR, roles=frozenset({"supervisor"}))
    _window, view = open_view(qtbot, counter_dir, SUPERVISOR)
    qtbot.waitUntil(lambda: view.table.rowCount() == 3, timeout=WAIT)
    assert "15 ngày làm việc" in view.rule.text() and "Điều 18" in view.rule.text()
    rows = {v.id: r for r, v in enumerate(view.items)}
    table = view.table
    overdue = table.item(rows[made[Urgency.OVERDUE]], FeedbackScreen.CLOCK)
    assert overdue.text().startswith("Quá hạn trả lời")
    assert overdue.background().color() == QColor(COLOURS[Urgency.OVERDUE][0])
    soon = table.item(rows[made[Urgency.SOON]], FeedbackScreen.CLOCK)
    assert soon.text().startswith("Sắp hết hạn trả lời")
    assert soon.background().color() == QColor(COLOURS[Urgency.SOON][0])
    fresh = table.item(rows[made[Urgency.OK]], FeedbackScreen.CLOCK)
    assert fresh.text().startswith("Hạn trả lời: còn")
    assert "quá hạn" in view.count.text()

    # an empty text is refused in words, nothing written
    view.from_name.setText("Nguyễn Văn Bình")
    view.add()
    qtbot.waitUntil(lambda: not view.busy, timeout=WAIT)
    assert "không được để trống" in view.message.text()
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    assert table.rowCount() == 3

    # a new one from the form
    view.text.setPlainText("Nhân viên đến muộn, người dân phải chờ lâu")
    view.phone.setText("0912345678")
    view.channel.setCurrentIndex(view.channel.findData("phone"))
    view.add()
    qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=WAIT)
    assert "Đã ghi nhận phản ánh" in view.message.text()
    assert view.from_name.text() == "" and view.text.toPlainText() == ""

    # the overdue one: a progress update, the answer, its publication
    table.selectRow([v.id for v in view.items].index(made[Urgency.OVERDUE]))
    assert view.update_button.isEnabled() and view.answer_button.isEnabled()
    assert not view.publish_button.isEnabled()
    view.reply.setPlainText("Đã chuyển phòng chuyên môn xác minh")
    view.update_progress()
    qtbot.waitUntil(lambda: "Đã cập nhật tiến độ" in view.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    view.reply.setPlainText("Đã xác minh và xin lỗi người dân")
    view.answer()
    qtbot.waitUntil(lambda: "công khai trước" in view.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not view.loading and view.publish_button.isEnabled(), timeout=WAIT)
    current = view.current()
    assert current is not None and current.id == made[Urgency.OVERDUE]
    assert current.updates == 1 and current.answer == "Đã xác minh và xin lỗi người dân"
    view.publish()
    qtbot.waitUntil(lambda: "Đã ghi nhận công khai" in view.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not view.loading, timeout=WAIT)
    done = next(v for v in view.items if v.id == made[Urgency.OVERDUE])
    assert done.clocks.due_at is None
    assert table.item(view.items.index(done), FeedbackScreen.CLOCK).text() == "Đã xong"


def test_a_receptionist_enters_but_does_not_answer(qtbot: QtBot, counter_dir: Path) -> None:
    seed(counter_dir)
    _window, view = open_view(qtbot, counter_dir, "tiepnhan")
    qtbot.waitUntil(lambda: view.table.rowCount() == 3, timeout=WAIT)
    view.table.selectRow(0)
    assert view.add_button.isEnabled() and view.update_button.isEnabled()
    assert not view.answer_button.isEnabled() and not view.publish_button.isEnabled()
