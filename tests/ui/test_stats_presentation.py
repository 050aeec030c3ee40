"""Statistics that tell the truth at a glance (issue 22): whole-number axes (a bar of 1 sits on
a label), long names on sideways bars instead of "Thủ t…", the header's groups named once, the
greyed date fields showing the period in use, Vietnamese number style ("50,0 %")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.stats.period import named
from desktop.domain.vn_format import decimal_vi, moment_vi, number_vi, percent_vi
from desktop.ui.stats_charts import whole_ticks
from tests.ui.conftest import add_officer
from tests.ui.test_stats_view import BOSS, BOSS_PASSWORD, WAIT, _history, _window


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (0, (1, 1)),
        (1, (1, 1)),
        (3, (3, 1)),
        (4, (4, 1)),
        (5, (6, 2)),
        (7, (8, 2)),
        (9, (10, 5)),
        (13, (15, 5)),
        (21, (30, 10)),
        (999, (1000, 500)),
        (1234, (1500, 500)),
    ],
)
def test_whole_ticks(top: int, expected: tuple[int, int]) -> None:
    maximum, step = whole_ticks(top)
    assert (maximum, step) == expected
    assert maximum >= top and maximum % step == 0 and maximum // step <= 4


def test_vietnamese_number_style() -> None:
    assert number_vi(1250000) == "1.250.000"
    assert decimal_vi(1234.56) == "1.234,6"
    assert percent_vi(50.0) == "50,0 %"
    assert moment_vi(datetime(2026, 12, 4, 17, 0)) == "17:00 ngày 04/12/2026"
    assert moment_vi(None) == "—"


def test_charts_and_table_read_right(qtbot: QtBot, counter_dir: Path) -> None:
    add_officer(counter_dir, BOSS, BOSS_PASSWORD, roles=frozenset({"supervisor"}))
    _history(counter_dir)
    window = _window(qtbot, counter_dir)
    window.resize(1366, 768)
    view = window.stats
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=WAIT)
    # by procedure: a long name, so the bars lie sideways with the name readable
    view.grouping.setCurrentIndex(view.grouping.findData("procedure"))
    qtbot.waitUntil(
        lambda: (
            view.board is not None
            and not view.loading
            and view.board.split.grouping.value == "procedure"
        ),
        timeout=WAIT,
    )
    chart = view.outcome
    assert chart.sideways
    assert all(len(label) > 14 for label in chart.category_labels)
    assert not any(label.endswith("…") and len(label) < 20 for label in chart.category_labels)
    # the count axis: whole numbers from 0, a label on every whole step
    axis = chart.count_axis
    assert axis is not None and axis.min() == 0 and axis.max() == int(axis.max())
    assert axis.tickInterval() == int(axis.tickInterval()) >= 1
    # the header: groups named once across their columns
    header = view.table_header
    groups = [header.group_of(i) for i in range(view.table.columnCount())]
    assert "Bàn giao" in groups and groups.count("Bàn giao") == 2
    heads = [view.table.horizontalHeaderItem(i).text() for i in range(view.table.columnCount())]
    assert heads.count("Quá hạn") >= 2  # …each under its own group
    assert header.sizeHint().height() > view.table.verticalHeader().defaultSectionSize()
    # the greyed date fields show the period in use (this month), not another one
    month = named("month", datetime.now().date())
    assert not view.first.isEnabled()
    assert view.first.date().toPython() == month.first
    assert view.last.date().toPython() == month.last
    # Vietnamese numbers: "50,0 %" not "50.0%"
    assert "%" in view.rate.text() and "%." not in view.rate.text()
    if "đúng hạn:" in view.rate.text() and "—" not in view.rate.text().split("·")[0]:
        assert " %" in view.rate.text().split("·")[0] and "." not in view.rate.text().split("·")[0]
    window.close()
