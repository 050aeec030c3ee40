"""The supervisor's screen shows the citizens' ratings (issue 20 item 2) on its rates line: how
many, the share satisfied or better, the average; and says so when there is none."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.reception import parse_form
from desktop.domain.satisfaction import Level, Stage
from desktop.store.dossiers.ratings import Ratings
from tests.conftest import RECEPTION, minimal_form
from tests.ui.conftest import add_officer
from tests.ui.test_stats_duties_view import _Existing
from tests.ui.test_stats_view import BOSS, BOSS_PASSWORD, WAIT, _window


def test_the_supervisor_sees_the_ratings(qtbot: QtBot, counter_dir: Path) -> None:
    add_officer(counter_dir, BOSS, BOSS_PASSWORD, roles=frozenset({"supervisor"}))
    c = _Existing(counter_dir)
    rate = Ratings(c.db, c.ctx, clock=c.clock)
    for level in (Level.RAT_HAI_LONG, Level.HAI_LONG, Level.KHONG_HAI_LONG):
        r = c.service.receive(parse_form(minimal_form()), RECEPTION)
        assert r.code is not None
        rate.rate(r.code, RECEPTION, level, Stage.RECEPTION)
    c.db.close()
    window = _window(qtbot, counter_dir)
    view = window.stats
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=WAIT)
    assert "Mức độ hài lòng: 3 lượt, 66,7 % hài lòng trở lên, điểm 3,7/5" in view.rate.text()
    window.close()
