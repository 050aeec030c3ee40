"""The counter's day in four numbers (issue 22): received, returned, waiting (received that day,
not handed back), due that day and not returned — this counter's only, that day's only, and read
only by someone signed in with a counter role."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.domain.reception import parse_form
from desktop.domain.refusal import Refusal, refusal_code
from desktop.services.desk import Desk
from desktop.store.dossiers.day_figures import DayFigures, count_day
from desktop.store.models import Dossier
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import RECEPTION, Counter, minimal_form


def test_the_days_figures_count_this_counter_on_that_day(counter: Counter) -> None:
    day = datetime(2026, 3, 2, 8, 0)  # a Monday
    counter.now = day - timedelta(days=3)  # on Friday, one received and kept open
    earlier = counter.service.receive(parse_form(minimal_form()), RECEPTION).code
    counter.now = day
    codes = [
        counter.service.receive(parse_form({**minimal_form(), "procedure": p}), RECEPTION).code
        for p in ("2.000815", "1.004873", "1.004873")
    ]
    assert earlier is not None and all(codes)
    # Friday's and one of today's handed back today; another of today's has its result
    counter.now = day + timedelta(hours=2)
    for code in (earlier, codes[0]):
        assert code is not None
        counter.service.result_ready(code, RECEPTION)
        counter.service.return_result(code, RECEPTION, "Nguyễn Văn An", "089085001234")
    with counter.db.write() as s:
        # an appointment today still open; another counter's dossier counts for nobody here
        mine = s.query(Dossier).filter(Dossier.code == codes[1]).one()
        mine.due_at = day.replace(hour=16)
        other = s.query(Dossier).filter(Dossier.code == codes[2]).one()
        other.counter, other.due_at = "Q09", day.replace(hour=16)
    with counter.db.read() as s:
        today = count_day(s, "Q01", day.date())
        friday = count_day(s, "Q01", (day - timedelta(days=3)).date())
        sunday = count_day(s, "Q01", (day - timedelta(days=1)).date())
    # received 2 and waiting 1 on one basis, this counter's dossiers by their receipt's day
    # (the one moved to Q09 counts for Q09: waiting is never more than received), returned 2
    # (the hand-overs done here), due today: the one still open
    assert today == DayFigures(day.date(), 2, 2, 1, 1)
    assert friday == DayFigures(friday.day, 1, 0, 0, 0)
    assert sunday == DayFigures(sunday.day, 0, 0, 0, 0)


def test_reading_the_figures_needs_a_signed_in_officer(counter: Counter) -> None:
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    with pytest.raises(Refusal) as refused:
        desk.day_figures.of()
    assert refusal_code(refused.value) == "not_signed_in"
    desk.sign_in_for_command("admin", ADMIN_PASSWORD)
    assert desk.day_figures.of().received == 0
