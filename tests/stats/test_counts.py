"""The numbers are right: dossier histories with known answers through the real services on a
real SQLite file, checked count by count and class by class; every number drills down to exactly
the dossiers behind it; splits add up; each day of a split by day is that day's own report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from desktop.domain.stats.metrics import DOSSIER_METRICS, Figures, Grouping, Metric
from desktop.domain.stats.period import between, day, month
from desktop.domain.stats.results import Cell
from desktop.domain.stats.spans import figures_of
from desktop.store.stats.service import StatsError, StatsQuery, StatsService
from tests.conftest import Counter
from tests.stats.history import THREE_DAYS, History, september, t

SEPTEMBER = month(2023, 9)
H = 3600  # seconds


@pytest.fixture(scope="module")
def sept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    """Built once per module and worker: the tests that use it only read it."""
    c = Counter(tmp_path_factory.mktemp("sept") / "data", "an-giang", "000.00.12.H01", None)
    yield september(c)
    c.db.close()


def _service(h: History) -> StatsService:
    return StatsService(h.c.db, h.c.ctx, h.c.clock)


def test_due_dates_of_the_history_follow_the_calendar(sept: History) -> None:
    # 5 working days from Mon 28/08 skip Fri 1/9, the weekend and Mon 4/9 (National Day)
    assert sept.due["A"] == t("2023-09-06T09:00")
    assert sept.due["H"] == t("2023-09-08T09:00")
    # the supplement wait (Wed 06/09 10:00 to Mon 11/09 10:00) moves the due date by the 16
    # working hours that were left: Fri 08/09 10:00 becomes Wed 13/09 10:00
    assert sept.due["B"] == t("2023-09-13T10:00")
    assert sept.due["E"] == t("2023-09-12T09:00")
    assert sept.due["F"] == t("2023-09-21T09:00")  # after the apology (was Mon 18/09 09:00)
    # online after 16:00: counts from 07:00 next day, 8 working hours end at 17:00
    assert sept.due["J"] == t("2023-09-19T17:00")
    assert sept.due["N"] == t("2023-10-05T09:00")  # resumed in October


def test_every_count_and_class_of_a_month(sept: History) -> None:
    s = _service(sept).summary(StatsQuery(SEPTEMBER))
    assert s.cutoff == date(2023, 9, 30)
    expected = {
        Metric.RECEIVED: 11,  # B C D E F G J K M N O
        Metric.RECEIVED_ONLINE: 1,  # J
        Metric.RECEIVED_DIRECT: 9,
        Metric.RECEIVED_POST: 1,  # K
        Metric.CARRIED_OVER: 2,  # A H
        Metric.RESOLVED: 6,  # A B E F J K
        Metric.RESOLVED_EARLY: 1,  # B
        Metric.RESOLVED_ON_TIME: 3,  # A J K
        Metric.RESOLVED_LATE: 2,  # E, and F despite its apology
        Metric.RETURNED: 3,  # A I K
        Metric.WITHDRAWN: 2,  # G O
        Metric.IN_PROGRESS: 5,  # C D H M N
        Metric.IN_PROGRESS_WITHIN: 3,  # C M N
        Metric.IN_PROGRESS_OVERDUE: 2,  # D H
        Metric.WAITING_SUPPLEMENT: 2,  # M, and N (its papers came in October)
        Metric.DUE_TODAY: 0,
        Metric.PROCESSING_UNDER_1: 2,  # J 7 h (from 07:00, the cut-off), K 0.5 h
        Metric.PROCESSING_1_3: 1,  # B 43 h less 24 h waiting
        Metric.PROCESSING_3_5: 1,  # E 25 h
        Metric.PROCESSING_5_10: 2,  # A 43 h, F 42 h
        Metric.PROCESSING_10_20: 0,
        Metric.PROCESSING_20_MORE: 0,
        # no online dossier came from the portal (J was received at the counter), none was
        # handed over: C D H are past their ½ working day at the end; M N wait for papers
        Metric.ONLINE_CHECKED: 0,
        Metric.ONLINE_CHECKED_ON_TIME: 0,
        Metric.ONLINE_CHECKED_LATE: 0,
        Metric.ONLINE_WAITING_OVERDUE: 0,
        Metric.HANDED_OVER: 0,
        Metric.HANDED_OVER_ON_TIME: 0,
        Metric.HANDED_OVER_LATE: 0,
        Metric.HANDOVER_WAITING_OVERDUE: 3,
        # no result went by post (issue 20)
        Metric.POST_SENT: 0,
        Metric.POST_DELIVERED_ON_TIME: 0,
        Metric.POST_DELIVERED_LATE: 0,
        Metric.POST_WAITING_OVERDUE: 0,
    }
    assert {m: s.figures[m] for m in Metric} == expected
    assert s.figures.processing_seconds == (43 + 19 + 25 + 42 + 7 + 0.5) * H
    assert s.figures.timed == 6
    assert s.figures.mean_processing_days == pytest.approx(136.5 / 6 / 8)
    assert s.figures.on_time_rate == pytest.approx(400 / 6)
    f = s.figures
    assert f.total_received == f[Metric.RESOLVED] + f[Metric.WITHDRAWN] + f[Metric.IN_PROGRESS]


def test_drill_down_names_the_dossiers(sept: History) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)

    def codes(metric: Metric, grouping: Grouping | None = None, key: str | None = None) -> set[str]:
        return {r.code or "" for r in service.drill(q, Cell(metric, grouping, key))}

    c = sept.codes
    assert codes(Metric.RESOLVED_LATE) == {c["E"], c["F"]}
    assert codes(Metric.CARRIED_OVER) == {c["A"], c["H"]}
    assert codes(Metric.WAITING_SUPPLEMENT) == {c["M"], c["N"]}
    assert codes(Metric.WITHDRAWN) == {c["G"], c["O"]}
    assert codes(Metric.IN_PROGRESS_OVERDUE, Grouping.FIELD, "BTP.HT") == {c["D"]}
    assert codes(Metric.RECEIVED, Grouping.CHANNEL, "2") == {c["J"]}
    assert codes(Metric.RESOLVED, Grouping.DAY, "2023-09-19") == {c["J"], c["K"]}
    ref = service.drill(q, Cell(Metric.RESOLVED_EARLY))[0]
    assert (ref.code, ref.status, ref.finished_at) == (c["B"], 9, t("2023-09-12T15:00"))


@pytest.mark.parametrize("grouping", [None, *Grouping])
def test_every_cell_drills_to_as_many_dossiers_as_it_counts(
    sept: History, grouping: Grouping | None
) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    if grouping is None:
        cells = [(Cell(m), service.summary(q).figures[m]) for m in Metric]
    else:
        split = service.split(q, grouping)
        cells = [(Cell(m, grouping, r.key), r.figures[m]) for r in split.rows for m in Metric]
    assert sum(n for _c, n in cells) > 0
    for cell, n in cells:
        assert len(service.drill(q, cell)) == n, cell


@pytest.mark.parametrize("grouping", [g for g in Grouping if g is not Grouping.DAY])
def test_splits_add_up_to_the_period(sept: History, grouping: Grouping) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    split = service.split(q, grouping)
    summed = sum((r.figures for r in split.rows), start=Figures.zero())
    whole = service.summary(q).figures
    assert {m: summed[m] for m in Metric} == {m: whole[m] for m in Metric}
    assert split.total.processing_seconds == whole.processing_seconds


def test_split_labels(sept: History) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    fields = {r.key: r.label for r in service.split(q, Grouping.FIELD).rows}
    assert fields["BTP.HT"] == "Hộ tịch" and fields["BXD.XD"] == "Hoạt động xây dựng"
    channels = service.split(q, Grouping.CHANNEL)
    assert [(r.key, r.label, r.figures[Metric.RECEIVED]) for r in channels.rows] == [
        ("1", "Trực tiếp", 9),
        ("2", "Trực tuyến", 1),
        ("3", "Bưu chính công ích", 1),
    ]
    officers = service.split(q, Grouping.OFFICER).rows
    assert [r.key for r in officers] == ["tiepnhan"]


def test_each_day_of_a_split_is_that_days_own_report(sept: History) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    by_day = service.split(q, Grouping.DAY)
    assert [r.key for r in by_day.rows] == [d.isoformat() for d in SEPTEMBER.days()]
    assert by_day.total == service.summary(q).figures
    for row in by_day.rows:
        own = service.summary(StatsQuery(day(date.fromisoformat(row.key)))).figures
        assert row.figures == own, row.key
    sixth = by_day.row("2023-09-06").figures
    # A finishes on time; at midnight A, B and H were open; at the end of the day B waits
    assert sixth[Metric.RESOLVED_ON_TIME] == 1
    assert sixth[Metric.CARRIED_OVER] == 3
    assert (sixth[Metric.IN_PROGRESS], sixth[Metric.WAITING_SUPPLEMENT]) == (2, 1)
    holiday = by_day.row("2023-09-01").figures  # National Day: nothing happens, A and H wait
    assert holiday[Metric.RECEIVED] == 0 and holiday[Metric.IN_PROGRESS] == 2


def test_sql_agrees_with_the_definitions_on_every_period(sept: History) -> None:
    service = _service(sept)
    for first, last in [("2023-08-01", "2023-10-10"), ("2023-09-05", "2023-09-13")]:
        period = between(date.fromisoformat(first), date.fromisoformat(last))
        s = service.summary(StatsQuery(period))
        spans = service.spans(StatsQuery(period))
        oracle = figures_of(spans, period, s.cutoff, s.figures.day_seconds)
        # the SQL's metrics; the duties are not SQL (they have tests of their own)
        assert _sql_part(s.figures) == _sql_part(oracle)


def test_due_today_and_overdue_the_next_day(counter: Counter) -> None:
    h = History(counter)
    h.receive("D", "2023-09-25T08:00", THREE_DAYS)  # due Thu 28/09 08:00
    h.at("2023-09-28T12:00")
    service = _service(h)
    today = service.summary(StatsQuery(day(date(2023, 9, 28)))).figures
    assert (today[Metric.DUE_TODAY], today[Metric.IN_PROGRESS_WITHIN]) == (1, 1)
    h.at("2023-09-29T08:00")
    nextday = service.summary(StatsQuery(day(date(2023, 9, 29)))).figures
    assert (nextday[Metric.DUE_TODAY], nextday[Metric.IN_PROGRESS_OVERDUE]) == (0, 1)
    # a running month compares open dossiers with today, not with the 30th
    running = service.summary(StatsQuery(month(2023, 9)))
    assert running.cutoff == date(2023, 9, 29)
    assert running.figures[Metric.IN_PROGRESS_OVERDUE] == 1


def test_one_counter_or_all(sept: History) -> None:
    service = _service(sept)
    assert service.counters() == ["Q01"]
    assert service.summary(StatsQuery(SEPTEMBER, "Q01")).figures[Metric.RECEIVED] == 11
    assert service.summary(StatsQuery(SEPTEMBER, "Q02")).figures[Metric.RECEIVED] == 0


def test_periods_that_cannot_be_answered(counter: Counter) -> None:
    counter.now = datetime(2023, 9, 10, 9, 0)
    service = StatsService(counter.db, counter.ctx, counter.clock)
    with pytest.raises(StatsError, match="sau hôm nay"):
        service.summary(StatsQuery(day(date(2023, 9, 11))))
    with pytest.raises(StatsError, match="Mã quầy"):
        StatsQuery(day(date(2023, 9, 1)), "q'; drop")
    with pytest.raises(StatsError, match="không thuộc kỳ"):
        q = StatsQuery(between(date(2023, 9, 1), date(2023, 9, 5)))
        service.drill(q, Cell(Metric.RECEIVED, Grouping.DAY, "2023-09-06"))


def test_an_empty_database(counter: Counter) -> None:
    counter.now = datetime(2023, 9, 10, 9, 0)
    service = StatsService(counter.db, counter.ctx, counter.clock)
    s = service.summary(StatsQuery(month(2023, 9)))
    assert all(s.figures[m] == 0 for m in Metric)
    assert s.figures.on_time_rate is None and s.figures.mean_processing_days is None
    assert service.split(StatsQuery(month(2023, 9)), Grouping.FIELD).rows == ()
    assert len(service.split(StatsQuery(month(2023, 9)), Grouping.DAY).rows) == 10
    assert service.drill(StatsQuery(month(2023, 9)), Cell(Metric.RECEIVED)) == []


def test_a_working_day_announced_off_counts_no_working_time(counter: Counter) -> None:
    from desktop.store.counter import load_context, set_calendar_exception

    with counter.db.write() as s:  # Friday 15/09/2023 announced as a day off
        set_calendar_exception(s, "2023-09-15", False, "Công văn số 1/UBND")
    counter.ctx = load_context(counter.db, counter.data_dir)
    counter.service.ctx = counter.ctx
    h = History(counter)
    h.receive("X", "2023-09-14T09:00", THREE_DAYS)
    h.finish("X", "2023-09-18T09:00")  # Thu 09:00 → Mon 09:00: 6 h + 2 h, Friday not counted
    f = _service(h).summary(StatsQuery(month(2023, 9))).figures
    assert f.processing_seconds == 8 * H
    assert h.due["X"] == t("2023-09-20T09:00")  # 15/09 off: 18, 19, 20
    assert f[Metric.RESOLVED_EARLY] == 1


def _sql_part(f: Figures) -> tuple[dict[Metric, int], int, int]:
    return {m: f[m] for m in DOSSIER_METRICS}, f.processing_seconds, f.timed
