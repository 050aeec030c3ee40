"""Results by post in the statistics (issue 20, item 4): how many results went to the post, how
many the post delivered within its 24 hours (An Giang QĐ 66/2020 Điều 26.2) or after them, and
how many it still had past them at the end — per officer who handed them over, per day, drilled
down to the dossiers counted, and through ``motcua stats --json``. The 24 hours are calendar
hours: a Friday hand-over is late on Saturday."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop.domain.reception import parse_form
from desktop.domain.stats.metrics import DUTY_METRICS, Grouping, Metric
from desktop.domain.stats.period import between, day, month
from desktop.domain.stats.results import Cell
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.dossiers.post import PostDelivery
from desktop.store.stats.service import StatsQuery, StatsService
from sync import s10
from tests.clitools import Cli
from tests.conftest import RECEPTION, Counter, minimal_form
from tests.stats.history import THREE_DAYS, History, t

SEPTEMBER = month(2023, 9)
SECOND = OfficerInfo("canbo2", "Lê Thị Hai", frozenset({"returns"}))
M = Metric
POST = (M.POST_SENT, M.POST_DELIVERED_ON_TIME, M.POST_DELIVERED_LATE, M.POST_WAITING_OVERDUE)


class Posted(History):
    def by_post(self, name: str, received: str, finished: str) -> None:
        self.at(received)
        form = {
            **minimal_form(),
            "procedure": THREE_DAYS,
            "result_delivery": {"method": "post", "address": "Số 1 Lê Lợi, Long Xuyên"},
        }
        code = self.c.service.receive(parse_form(form), RECEPTION).code
        assert code is not None
        self.codes[name] = code
        self.finish(name, finished)

    def send(self, name: str, when: str, officer: OfficerInfo = RECEPTION) -> None:
        serial = f"{len(self.codes):08d}"
        number = f"EB{serial}{s10.check_digit(serial)}VN"
        self.at(when)
        PostDelivery(self.c.db, self.c.ctx, self.c.clock).send(self.codes[name], officer, number)

    def delivered(self, name: str, when: str) -> None:
        PostDelivery(self.c.db, self.c.ctx, self.c.clock).delivered(
            self.codes[name], RECEPTION, t(when)
        )


def september_by_post(c: Counter) -> Posted:
    h = Posted(c)
    # P1: sent Wed 06/09 14:00 by canbo2, delivered Thu 07/09 10:00 — 20 hours, on time
    h.by_post("P1", "2023-09-04T09:00", "2023-09-06T10:00")
    h.send("P1", "2023-09-06T14:00", SECOND)
    # P2: sent Fri 08/09 15:00, delivered Sat 09/09 16:00 — 25 hours: the weekend does not stop
    # the post's clock
    h.by_post("P2", "2023-09-04T09:30", "2023-09-07T09:00")
    h.send("P2", "2023-09-08T15:00")
    # P3: sent Thu 28/09 10:00, never delivered: overdue from Fri 29/09 10:00
    h.by_post("P3", "2023-09-05T09:00", "2023-09-27T09:00")
    h.send("P3", "2023-09-28T10:00")
    # P4: sent Sat 30/09 10:00, delivered Sun 01/10 09:00: due after September ends
    h.by_post("P4", "2023-09-25T09:00", "2023-09-29T09:00")
    h.send("P4", "2023-09-30T10:00")
    h.at("2023-10-02T08:00")
    h.delivered("P1", "2023-09-07T10:00")
    h.delivered("P2", "2023-09-09T16:00")
    h.delivered("P4", "2023-10-01T09:00")
    h.at("2023-10-10T10:00")
    return h


@pytest.fixture(scope="module")
def sept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Posted]:
    c = Counter(tmp_path_factory.mktemp("post") / "data", "an-giang", "000.00.12.H01", None)
    yield september_by_post(c)
    c.db.close()


def _service(h: History) -> StatsService:
    return StatsService(h.c.db, h.c.ctx, h.c.clock)


def _post(f: object) -> dict[Metric, int]:
    return {m: f[m] for m in POST if f[m]}  # type: ignore[index]


def test_results_by_post_in_a_month(sept: Posted) -> None:
    assert set(POST) <= set(DUTY_METRICS)
    f = _service(sept).summary(StatsQuery(SEPTEMBER)).figures
    assert _post(f) == {
        M.POST_SENT: 4,  # P1 P2 P3 P4
        M.POST_DELIVERED_ON_TIME: 1,  # P1
        M.POST_DELIVERED_LATE: 1,  # P2, on a Saturday
        M.POST_WAITING_OVERDUE: 1,  # P3 (P4 due on 1/10)
    }
    assert f[M.RETURNED] == 2  # P1 P2: a delivery by post returns the result
    october = _service(sept).summary(StatsQuery(month(2023, 10))).figures
    assert _post(october) == {M.POST_DELIVERED_ON_TIME: 1, M.POST_WAITING_OVERDUE: 1}


def test_per_officer_who_handed_it_to_the_post(sept: Posted) -> None:
    split = _service(sept).split(StatsQuery(SEPTEMBER), Grouping.OFFICER)
    rows = {r.key: _post(r.figures) for r in split.rows}
    assert rows["canbo2"] == {M.POST_SENT: 1, M.POST_DELIVERED_ON_TIME: 1}
    assert rows["tiepnhan"] == {
        M.POST_SENT: 3,
        M.POST_DELIVERED_LATE: 1,
        M.POST_WAITING_OVERDUE: 1,
    }


def test_every_cell_drills_to_the_dossiers_counted(sept: Posted) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    (late,) = service.drill(q, Cell(M.POST_DELIVERED_LATE))
    assert late.code == sept.codes["P2"]
    assert (late.duty_due_at, late.duty_done_at) == (t("2023-09-09T15:00"), t("2023-09-09T16:00"))
    (out,) = service.drill(q, Cell(M.POST_WAITING_OVERDUE))
    assert out.code == sept.codes["P3"] and out.duty_done_at is None
    for grouping in (None, *Grouping):
        if grouping is None:
            cells = [(Cell(m), service.summary(q).figures[m]) for m in POST]
        else:
            split = service.split(q, grouping)
            cells = [(Cell(m, grouping, r.key), r.figures[m]) for r in split.rows for m in POST]
        for cell, n in cells:
            assert len(service.drill(q, cell)) == n, cell


def test_each_day_is_that_days_own_report(sept: Posted) -> None:
    service = _service(sept)
    q = StatsQuery(between(date(2023, 9, 1), date(2023, 10, 3)))
    by_day = service.split(q, Grouping.DAY)
    for row in by_day.rows:
        own = service.summary(StatsQuery(day(date.fromisoformat(row.key)))).figures
        assert _post(row.figures) == _post(own), row.key
    days = {r.key: _post(r.figures) for r in by_day.rows}
    assert days["2023-09-08"] == {M.POST_SENT: 1}
    assert days["2023-09-09"] == {M.POST_DELIVERED_LATE: 1}
    assert days["2023-09-28"] == {M.POST_SENT: 1}
    assert days["2023-09-29"] == {M.POST_WAITING_OVERDUE: 1}  # P3 from 10:00
    assert days["2023-09-30"] == {M.POST_SENT: 1, M.POST_WAITING_OVERDUE: 1}
    assert days["2023-10-01"] == {M.POST_DELIVERED_ON_TIME: 1, M.POST_WAITING_OVERDUE: 1}


def test_motcua_stats_json(sept: Posted) -> None:
    cli = Cli(sept.c.data_dir)
    out = cli.json(
        "stats", "--from", "2023-09-01", "--to", "2023-09-30", "--json", "--user", "admin"
    )
    f = out["figures"]
    got = (f["post_sent"], f["post_delivered_on_time"], f["post_delivered_late"])
    assert got == (4, 1, 1) and f["post_waiting_overdue"] == 1
    text = cli.ok("stats", "--from", "2023-09-01", "--to", "2023-09-30", "--user", "admin")
    assert "Kết quả bưu chính phát quá 24 giờ" in text
