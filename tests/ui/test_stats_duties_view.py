"""The supervisor's screen shows the counter's duties (issue 18, item 5): a group of tiles for
the online checks and one for the hand-overs (done, on time, late, waiting past the deadline),
the same numbers as the store's, each opening the dossiers behind it; the split table has each
officer's checks and hand-overs."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.domain.dossier import EventType
from desktop.domain.stats.metrics import DUTY_METRICS, Metric
from desktop.domain.stats.period import named
from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService
from desktop.store.stats.service import StatsQuery, StatsService
from desktop.ui.drill_dialog import DrillDialog
from tests.stats.test_duties import SECOND, Duties
from tests.ui.conftest import add_officer
from tests.ui.test_stats_view import BOSS, BOSS_PASSWORD, WAIT, _window


class _Existing:
    """A counter's data dir opened in-process to write a history (as the CLI tests do)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db = Database.open(data_dir)
        self.ctx = load_context(self.db, data_dir)
        self.now: datetime | None = None
        self.service = DossierService(self.db, self.ctx, self.clock)

    def clock(self) -> datetime:
        return self.now or local_now()


def fill_this_month(data: Path) -> None:
    """Checks and hand-overs early this month (in the first minutes of the 1st, so that they
    are in the past whenever the test runs), some on time, some late, some still waiting."""
    c = _Existing(data)
    first = local_now().replace(day=1, hour=0, minute=1, second=0, microsecond=0)
    before = first - timedelta(days=10)

    def at(x: datetime) -> str:
        return x.isoformat(timespec="minutes")

    h = Duties(c)  # type: ignore[arg-type]
    # online: one answered at once (on time), two from ten days ago (answered late, waiting)
    h.submit("O1", at(first))
    h.answer("O1", at(first), "tiepnhan", EventType.RECEIVED)
    h.submit("O2", at(before))
    h.answer("O2", at(first), "canbo2", EventType.REJECTED)
    h.submit("O3", at(before))
    # hand-over: one straight after reception (on time), one received ten days ago (late),
    # one never handed over (waiting past its ½ working day)
    h.receive_by("H1", at(first), SECOND)
    h.hand("H1", at(first), "canbo2")
    h.receive_by("H2", at(before), SECOND)
    h.hand("H2", at(first), "tiepnhan")
    h.receive_by("H3", at(before), SECOND)
    c.db.close()


def test_the_supervisor_sees_checks_and_hand_overs(qtbot: QtBot, counter_dir: Path) -> None:
    add_officer(counter_dir, BOSS, BOSS_PASSWORD, roles=frozenset({"supervisor"}))
    fill_this_month(counter_dir)
    window = _window(qtbot, counter_dir)
    view = window.stats
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=WAIT)
    db = Database.open(counter_dir)
    ctx = load_context(db, counter_dir)
    expected = StatsService(db, ctx).summary(StatsQuery(named("month", local_now().date())))
    db.close()
    f = expected.figures
    assert (f[Metric.ONLINE_CHECKED], f[Metric.ONLINE_CHECKED_LATE]) == (2, 1)
    assert (f[Metric.HANDED_OVER_ON_TIME], f[Metric.HANDED_OVER_LATE]) == (1, 1)
    assert f[Metric.ONLINE_WAITING_OVERDUE] == 1 and f[Metric.HANDOVER_WAITING_OVERDUE] >= 1
    # the two groups, titled, with a tile per duty figure showing the store's number
    groups = {b.objectName(): b for b in view.findChildren(QLabel)}
    assert groups["statsChecks"].text() == "<b>Kiểm tra hồ sơ<br>trực tuyến</b>"
    assert groups["statsHandovers"].text() == "<b>Bàn giao<br>hồ sơ</b>"
    assert groups["statsChecks"].toolTip() == "Kiểm tra hồ sơ trực tuyến"
    window.show_view(view)
    assert groups["statsChecks"].isVisible() and view.tiles[Metric.HANDED_OVER].isVisible()
    for metric in DUTY_METRICS:
        tile = view.tiles[metric]
        number, label = tile.text().split("\n")
        assert number == str(f[metric]), metric
        assert label
    assert view.tiles[Metric.ONLINE_CHECKED_LATE].text() == "1\nQuá hạn"
    assert "#b00020" in view.tiles[Metric.HANDED_OVER_LATE].styleSheet()
    assert "#b00020" not in view.tiles[Metric.HANDED_OVER_ON_TIME].styleSheet()
    # the split table (by officer, the default) has each officer's checks and hand-overs
    heads = [view.table.horizontalHeaderItem(i).text() for i in range(view.table.columnCount())]
    assert heads[-4:] == ["Tổng", "Quá hạn", "Tổng", "Quá hạn"]
    groups_row = [view.table_header.group_of(i) for i in range(len(heads))]
    assert groups_row[-4:] == ["Kiểm tra trực tuyến"] * 2 + ["Bàn giao"] * 2
    tip = view.table.horizontalHeaderItem(len(heads) - 1).toolTip()
    assert tip == "Bàn giao hồ sơ: quá hạn"
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert "(Chưa có cán bộ kiểm tra)" not in names  # O3's only number is on its tile
    canbo2 = next(r for r, n in enumerate(names) if n in ("canbo2", "Lê Thị Hai"))
    assert view.table.item(canbo2, len(heads) - 3).text() == "1"  # O2, checked late
    # a duty tile opens the dossiers behind it
    qtbot.mouseClick(view.tiles[Metric.HANDED_OVER_LATE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: isinstance(getattr(view, "drill_dialog", None), DrillDialog), timeout=WAIT
    )
    assert view.drill_dialog.table.rowCount() == 1
    window.close()
