"""The counter's duties in the statistics (issue 18, item 5): online dossiers checked on time or
late against the profile's working hours (An Giang: 8 hours, the 16:00 rule, the National Day
holidays), hand-overs to the specialist unit on time or late (½ working day), the ones still
waiting past their deadline; per officer who did the work, per day, drilled down to exactly the
dossiers counted, and through ``motcua stats --json``.

The dossiers are written through the real store: an online dossier arrives as the change feed
brings it (``registered_online``, origin server), officers answer and hand over with events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from uuid6 import uuid7

from desktop.domain import deadlines
from desktop.domain.dossier import EventType
from desktop.domain.procedures import fold_accents
from desktop.domain.stats.duties import NOBODY
from desktop.domain.stats.metrics import DUTY_METRICS, Grouping, Metric
from desktop.domain.stats.period import between, day, month
from desktop.domain.stats.results import Cell
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import Dossier
from desktop.store.stats.service import StatsQuery, StatsService
from desktop.store.sync.journal import record
from tests.clitools import Cli
from tests.conftest import Counter
from tests.stats.history import EIGHT_HOURS, History, t

SEPTEMBER = month(2023, 9)
SECOND = OfficerInfo("canbo2", "Lê Thị Hai", frozenset({"reception", "returns"}))
M = Metric


@dataclass
class Duties(History):
    """A History that also takes online dossiers from the portal, answers and hands over."""

    submitted: dict[str, datetime] = field(default_factory=dict)
    n: int = 0

    def submit(self, name: str, when: str) -> str:
        """An online dossier as the change feed brings it from the portal (status 1)."""
        self.n += 1
        code = f"000.00.12.H01-ONL{self.n:04d}"
        applicant = {"name": "Trần Văn Ba", "id_number": "089085009999", "address": "Số 3"}
        at = t(when)
        with self.c.db.write() as s:
            row = Dossier(
                id=str(uuid7()),
                procedure_code=EIGHT_HOURS,
                procedure_name="Chứng thực bản sao từ bản chính",
                channel=2,
                applicant_name=applicant["name"],
                applicant_name_folded=fold_accents(applicant["name"]),
                applicant_id_number=applicant["id_number"],
                applicant_phone=None,
                applicant=applicant,
                documents=[],
                sets=1,
                result_delivery={"method": "counter"},
                fees=[],
                fee_total=0,
                note=None,
                officer="he-thong",
                counter="Q01",
                created_at=at,
                updated_at=at,
                pauses=[],
                provisional=False,
                register_book=None,
                register_seq=None,
                status=1,
            )
            payload = {
                "procedure": EIGHT_HOURS,
                "procedure_name": row.procedure_name,
                "channel": 2,
                "applicant": applicant,
                "documents": [],
                "submitted_at": at,
                "code": code,
            }
            record(
                s,
                self.c.ctx,
                row,
                EventType.REGISTERED_ONLINE,
                payload,
                "he-thong",
                origin="server",
                new=True,
                at=at,
            )
        self.codes[name] = code
        self.submitted[name] = at
        return code

    def answer(self, name: str, when: str, officer: str, how: EventType) -> None:
        """The check: accepted (received), refused, or sent back for papers."""
        at = t(when)
        payload: dict[str, object] = {"reason": "Thiếu giấy tờ"}
        if how is EventType.RECEIVED:
            payload = {"code": self.codes[name], "received_at": at, "due_at": at + timedelta(3)}
        with self.c.db.write() as s:
            record(s, self.c.ctx, find_dossier(s, self.codes[name]), how, payload, officer, at=at)

    def withdraw_online(self, name: str, when: str) -> None:
        with self.c.db.write() as s:
            row = find_dossier(s, self.codes[name])
            record(
                s, self.c.ctx, row, EventType.WITHDRAWN, {"reason": "Rút"}, "he-thong", at=t(when)
            )

    def hand(self, name: str, when: str, officer: str) -> None:
        at = t(when)
        payload = {"unit": "Phòng Tư pháp", "handed_at": at, "handover_id": str(uuid7())}
        with self.c.db.write() as s:
            row = find_dossier(s, self.codes[name])
            record(s, self.c.ctx, row, EventType.HANDED_OVER, payload, officer, at=at)

    def receive_by(self, name: str, when: str, officer: OfficerInfo) -> str:
        saved = self.c.service
        from desktop.domain.reception import parse_form
        from tests.conftest import minimal_form

        self.at(when)
        r = saved.receive(parse_form({**minimal_form(), "procedure": EIGHT_HOURS}), officer)
        assert r.code is not None
        self.codes[name] = r.code
        return r.code


def duties_of_september(c: Counter) -> Duties:
    """An Giang (8 working hours to check, ½ working day to hand over; 07:00–11:30,
    13:30–17:00; 1 and 4 September 2023 are holidays). Each comment says the deadline."""
    h = Duties(c)
    # O1: due Wed 06/09 08:00; accepted Tue 14:00 by tiepnhan: on time
    h.submit("O1", "2023-09-05T08:00")
    h.answer("O1", "2023-09-05T14:00", "tiepnhan", EventType.RECEIVED)
    # O2: after 16:00, counts from Fri 07:00: due Fri 08/09 17:00 (16:30 without the rule);
    # accepted 16:45 by canbo2: on time
    h.submit("O2", "2023-09-07T16:30")
    h.answer("O2", "2023-09-08T16:45", "canbo2", EventType.RECEIVED)
    # O3: Thu 31/08 15:00, 2 hours that day, then the holidays (Fri 1, Mon 4): due Tue 05/09
    # 15:00; refused Tue 10:00 by canbo2: on time
    h.submit("O3", "2023-08-31T15:00")
    h.answer("O3", "2023-09-05T10:00", "canbo2", EventType.REJECTED)
    # O4: due Tue 12/09 09:00; papers asked Wed 13/09 10:00 by tiepnhan: late
    h.submit("O4", "2023-09-11T09:00")
    h.answer("O4", "2023-09-13T10:00", "tiepnhan", EventType.SUPPLEMENT_REQUESTED)
    # O5: due Fri 29/09 08:00, never answered: waiting, overdue at the end of the month
    h.submit("O5", "2023-09-28T08:00")
    # O6: due Mon 02/10: waiting at the end, not overdue yet
    h.submit("O6", "2023-09-29T15:00")
    # O7: withdrawn before anyone answered: not waiting
    h.submit("O7", "2023-09-18T08:00")
    h.withdraw_online("O7", "2023-09-19T09:00")
    # hand-over, 4 working hours from the reception
    # H1: received Mon 11/09 09:00, due 15:00; handed 14:00 by canbo2: on time
    h.receive_by("H1", "2023-09-11T09:00", SECOND)
    h.hand("H1", "2023-09-11T14:00", "canbo2")
    # H2: received Tue 12/09 10:00, due 16:00; handed Wed 08:00 by tiepnhan: late, and again
    # Thu by canbo2 (a second hand-over of the same dossier does not count again)
    h.receive("H2", "2023-09-12T10:00", EIGHT_HOURS)
    h.hand("H2", "2023-09-13T08:00", "tiepnhan")
    h.hand("H2", "2023-09-14T08:00", "canbo2")
    # H3: received Thu 31/08 15:00, the holidays between: due Tue 05/09 09:00; handed 08:30
    h.receive_by("H3", "2023-08-31T15:00", SECOND)
    h.hand("H3", "2023-09-05T08:30", "canbo2")
    # H4: received Mon 25/09 08:00 by tiepnhan, due 14:00, never handed: waiting, overdue
    h.receive("H4", "2023-09-25T08:00", EIGHT_HOURS)
    # O1 (received Tue 05/09 14:00 by tiepnhan): due Wed 06/09 08:00, handed 07:30: on time
    h.hand("O1", "2023-09-06T07:30", "tiepnhan")
    # O2 (received Fri 08/09 16:45 by canbo2) is never handed over: due Mon 11/09 10:45
    h.at("2023-10-10T10:00")
    return h


@pytest.fixture(scope="module")
def sept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Duties]:
    c = Counter(tmp_path_factory.mktemp("duties") / "data", "an-giang", "000.00.12.H01", None)
    yield duties_of_september(c)
    c.db.close()


def _service(h: History) -> StatsService:
    return StatsService(h.c.db, h.c.ctx, h.c.clock)


def _duties(f: object) -> dict[Metric, int]:
    return {m: f[m] for m in DUTY_METRICS if f[m]}  # type: ignore[index]


def test_the_clocks_of_the_history(sept: Duties) -> None:
    ctx = sept.c.ctx
    hours = ctx.profile.online_check_deadline.working_hours
    due = {
        n: deadlines.online_check_due(ctx.calendar, sept.submitted[n], hours, ctx.cutoff)
        for n in ("O1", "O2", "O3", "O4", "O5")
    }
    assert due == {
        "O1": t("2023-09-06T08:00"),
        "O2": t("2023-09-08T17:00"),  # 16:30 without An Giang's 16:00 rule: 16:45 late
        "O3": t("2023-09-05T15:00"),  # Fri 01/09 13:30 without the holidays: 10:00 on Tue late
        "O4": t("2023-09-12T09:00"),
        "O5": t("2023-09-29T08:00"),
    }
    four = ctx.profile.handover_deadline.working_hours
    assert deadlines.handover_due(ctx.calendar, t("2023-08-31T15:00"), four) == t(
        "2023-09-05T09:00"
    )


def test_checks_and_hand_overs_of_a_month(sept: Duties) -> None:
    s = _service(sept).summary(StatsQuery(SEPTEMBER))
    assert _duties(s.figures) == {
        M.ONLINE_CHECKED: 4,  # O1 O2 O3 O4
        M.ONLINE_CHECKED_ON_TIME: 3,  # O1, O2 (16:00 rule), O3 (holidays)
        M.ONLINE_CHECKED_LATE: 1,  # O4
        M.ONLINE_WAITING_OVERDUE: 1,  # O5 (O6 not due yet, O7 withdrawn)
        M.HANDED_OVER: 4,  # H1 H2 H3 O1, H2 once
        M.HANDED_OVER_ON_TIME: 3,  # H1, H3 (holidays), O1
        M.HANDED_OVER_LATE: 1,  # H2
        M.HANDOVER_WAITING_OVERDUE: 2,  # H4, O2
    }
    # the other figures do not change: the received ones are H1 H2 H4 O1 O2, H3 in August
    assert s.figures[M.RECEIVED] == 5 and s.figures[M.RECEIVED_ONLINE] == 2


def test_per_officer_is_who_did_the_work(sept: Duties) -> None:
    split = _service(sept).split(StatsQuery(SEPTEMBER), Grouping.OFFICER)
    rows = {r.key: _duties(r.figures) for r in split.rows}
    assert rows["tiepnhan"] == {
        M.ONLINE_CHECKED: 2,  # O1 on time, O4 late
        M.ONLINE_CHECKED_ON_TIME: 1,
        M.ONLINE_CHECKED_LATE: 1,
        M.HANDED_OVER: 2,  # O1 on time, H2 late
        M.HANDED_OVER_ON_TIME: 1,
        M.HANDED_OVER_LATE: 1,
        M.HANDOVER_WAITING_OVERDUE: 1,  # H4, which tiepnhan received
    }
    assert rows["canbo2"] == {
        M.ONLINE_CHECKED: 2,  # O2 O3
        M.ONLINE_CHECKED_ON_TIME: 2,
        M.HANDED_OVER: 2,  # H1 H3 (H2's second hand-over is not counted)
        M.HANDED_OVER_ON_TIME: 2,
        M.HANDOVER_WAITING_OVERDUE: 1,  # O2, which canbo2 accepted
    }
    assert rows[NOBODY] == {M.ONLINE_WAITING_OVERDUE: 1}  # O5: nobody answered it
    labels = {r.key: r.label for r in split.rows}
    assert labels[NOBODY] == "(Chưa có cán bộ kiểm tra)"
    # the groups add up to the month
    assert _duties(split.total) == _duties(_service(sept).summary(StatsQuery(SEPTEMBER)).figures)


def test_drill_down_names_the_dossiers_counted(sept: Duties) -> None:
    service = _service(sept)
    q = StatsQuery(SEPTEMBER)
    c = sept.codes

    def codes(metric: Metric, grouping: Grouping | None = None, key: str | None = None) -> set[str]:
        return {r.code or "" for r in service.drill(q, Cell(metric, grouping, key))}

    assert codes(M.ONLINE_CHECKED_LATE) == {c["O4"]}
    assert codes(M.ONLINE_CHECKED_ON_TIME, Grouping.OFFICER, "canbo2") == {c["O2"], c["O3"]}
    assert codes(M.ONLINE_WAITING_OVERDUE) == {c["O5"]}
    assert codes(M.HANDED_OVER, Grouping.OFFICER, "tiepnhan") == {c["H2"], c["O1"]}
    assert codes(M.HANDOVER_WAITING_OVERDUE) == {c["H4"], c["O2"]}
    assert codes(M.HANDED_OVER, Grouping.CHANNEL, "2") == {c["O1"]}
    (ref,) = service.drill(q, Cell(M.ONLINE_CHECKED_LATE))
    assert (ref.officer, ref.duty_due_at, ref.duty_done_at) == (
        "tiepnhan",
        t("2023-09-12T09:00"),
        t("2023-09-13T10:00"),
    )
    assert ref.as_json()["duty_due"] == "2023-09-12T09:00"
    # every cell of every split drills to as many dossiers as it counts
    for grouping in (None, *Grouping):
        if grouping is None:
            cells = [(Cell(m), service.summary(q).figures[m]) for m in DUTY_METRICS]
        else:
            split = service.split(q, grouping)
            cells = [
                (Cell(m, grouping, r.key), r.figures[m]) for r in split.rows for m in DUTY_METRICS
            ]
        assert sum(n for _c, n in cells) > 0, grouping
        for cell, n in cells:
            assert len(service.drill(q, cell)) == n, cell


def test_each_day_is_that_days_own_report(sept: Duties) -> None:
    service = _service(sept)
    q = StatsQuery(between(date(2023, 9, 1), date(2023, 9, 30)))
    by_day = service.split(q, Grouping.DAY)
    for row in by_day.rows:
        own = service.summary(StatsQuery(day(date.fromisoformat(row.key)))).figures
        assert _duties(row.figures) == _duties(own), row.key
    days = {r.key: _duties(r.figures) for r in by_day.rows}
    assert days["2023-09-08"] == {M.ONLINE_CHECKED: 1, M.ONLINE_CHECKED_ON_TIME: 1}
    # O2 waits for its hand-over from Mon 11/09 10:45; H1 was handed over that day
    assert days["2023-09-11"] == {
        M.HANDED_OVER: 1,
        M.HANDED_OVER_ON_TIME: 1,
        M.HANDOVER_WAITING_OVERDUE: 1,
    }
    assert days["2023-09-28"] == {M.HANDOVER_WAITING_OVERDUE: 2}  # O2 H4; O5 due tomorrow
    assert days["2023-09-29"] == {M.HANDOVER_WAITING_OVERDUE: 2, M.ONLINE_WAITING_OVERDUE: 1}


def test_waiting_overdue_while_the_day_runs(counter: Counter) -> None:
    """Today's figures judge waiting dossiers at the statistics' clock, to the minute."""
    h = Duties(counter)
    h.submit("O", "2023-09-28T08:00")  # due Fri 29/09 08:00
    service = _service(h)
    today = StatsQuery(day(date(2023, 9, 29)))
    h.at("2023-09-29T07:59")
    assert service.summary(today).figures[M.ONLINE_WAITING_OVERDUE] == 0
    h.at("2023-09-29T08:01")
    assert service.summary(today).figures[M.ONLINE_WAITING_OVERDUE] == 1
    assert len(service.drill(today, Cell(M.ONLINE_WAITING_OVERDUE))) == 1


def test_one_counter_counts_the_work_done_there(sept: Duties) -> None:
    service = _service(sept)
    q1 = service.summary(StatsQuery(SEPTEMBER, "Q01")).figures
    assert q1[M.ONLINE_CHECKED] == 4 and q1[M.HANDED_OVER] == 4
    q2 = service.summary(StatsQuery(SEPTEMBER, "Q02")).figures
    assert _duties(q2) == {}


def test_motcua_stats_json_and_table(sept: Duties) -> None:
    cli = Cli(sept.c.data_dir)
    sept_args = ("--from", "2023-09-01", "--to", "2023-09-30")
    out = cli.json("stats", *sept_args, "--json", "--user", "admin")
    f = out["figures"]
    assert (f["online_checked"], f["online_checked_on_time"], f["online_checked_late"]) == (4, 3, 1)
    assert (f["handed_over"], f["handed_over_on_time"], f["handed_over_late"]) == (4, 3, 1)
    assert (f["online_waiting_overdue"], f["handover_waiting_overdue"]) == (1, 2)
    assert f["received"] == 5  # the existing keys are still there
    split = cli.json("stats", *sept_args, "--by", "officer", "--json", "--user", "admin")
    rows = {r["key"]: r["figures"] for r in split["rows"]}
    assert (rows["canbo2"]["online_checked_on_time"], rows["tiepnhan"]["handed_over_late"]) == (
        2,
        1,
    )
    drill = cli.json(
        "stats", *sept_args, "--drill", "handed_over_late", "--json", "--user", "admin"
    )
    assert [d["code"] for d in drill["dossiers"]] == [sept.codes["H2"]]
    assert drill["dossiers"][0]["duty_done"] == "2023-09-13T08:00"
    text = cli.ok("stats", *sept_args, "--by", "officer", "--user", "admin")
    assert "Kiểm tra hồ sơ trực tuyến" in text and "Bàn giao hồ sơ" in text
    summary = cli.ok("stats", *sept_args, "--user", "admin")
    assert "Hồ sơ trực tuyến kiểm tra quá hạn" in summary
