"""Dossier histories with known answers, written through the real DossierService on a real
SQLite counter (An Giang: national calendar, 16:00 cut-off for online dossiers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.domain.dossier import EventType
from desktop.domain.procedures import Limit
from desktop.domain.reception import parse_form
from desktop.store.dossiers.service import find_dossier
from desktop.store.sync.journal import record
from tests.conftest import RECEPTION, Counter, minimal_form

THREE_DAYS = "1.004873"  # Hộ tịch (BTP.HT), 3 working days
HOUSEHOLD = "1.001612"  # Hộ kinh doanh (BTC.HKD), 3 working days
EIGHT_HOURS = "2.000815"  # Chứng thực (BTP.CT), 8 working hours
AT_ONCE = "1.001193"  # Hộ tịch (BTP.HT), trả ngay
FIFTEEN_DAYS = "1.013225"  # Hoạt động xây dựng (BXD.XD), 15 working days
FIVE_DAYS = "3.000347"  # Đường bộ (BCA.DB), 5 working days


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass
class History:
    """Drives a counter's clock and records each dossier's code under a name."""

    c: Counter
    codes: dict[str, str] = field(default_factory=dict)
    due: dict[str, datetime] = field(default_factory=dict)

    def at(self, when: str) -> History:
        self.c.now = t(when)
        return self

    def receive(self, name: str, when: str, procedure: str, channel: int = 1) -> str:
        self.at(when)
        form = parse_form({**minimal_form(), "procedure": procedure, "channel": channel})
        r = self.c.service.receive(form, RECEPTION)
        assert r.code is not None and r.due_at is not None
        self.codes[name] = r.code
        self.due[name] = r.due_at
        return r.code

    def pause(self, name: str, when: str) -> None:
        self.at(when).c.service.request_supplement(self.codes[name], RECEPTION, "Thiếu bản sao")

    def resume(self, name: str, when: str) -> None:
        r = self.at(when).c.service.receive_supplement(self.codes[name], RECEPTION)
        assert r.due_at is not None
        self.due[name] = r.due_at

    def finish(self, name: str, when: str) -> None:
        self.at(when).c.service.result_ready(self.codes[name], RECEPTION)

    def hand_over(self, name: str, when: str) -> None:
        self.at(when).c.service.return_result(
            self.codes[name], RECEPTION, "Trần Thị Bình", "089185004321"
        )

    def withdraw(self, name: str, when: str) -> None:
        self.at(when).c.service.withdraw(self.codes[name], RECEPTION, "Công dân xin rút")

    def apologise(self, name: str, when: str, extra: str) -> None:
        r = self.at(when).c.service.reschedule(
            self.codes[name], RECEPTION, "Chờ ý kiến cơ quan phối hợp", extra=Limit.parse(extra)
        )
        assert r.due_at is not None
        self.due[name] = r.due_at

    def refuse(self, when: str) -> None:
        form = parse_form(minimal_form())
        self.at(when).c.service.refuse(form, RECEPTION, "Không thuộc thẩm quyền", supplement=False)

    def department(self, name: str, when: str, status: int) -> None:
        """A department's step as the feed brings it (origin server), like sync_inbound."""
        with self.c.db.write() as s:
            row = find_dossier(s, self.codes[name])
            record(
                s,
                self.c.ctx,
                row,
                EventType.DEPARTMENT_PROGRESS,
                {"status": status, "unit": "Phòng Kinh tế"},
                "phong.kinhte",
                at=t(when),
                origin="server",
            )


def september(c: Counter) -> History:
    """September 2023: 1, 2 and 4 September are the National Day holidays (1 and 4 off, 2 a
    Saturday). Each dossier's comment says what it counts in for the month."""
    h = History(c)
    # A: carried over, on time (due across the holidays), returned in September
    h.receive("A", "2023-08-28T09:00", FIVE_DAYS)
    h.finish("A", "2023-09-06T14:00")
    h.hand_over("A", "2023-09-07T08:00")
    # H: carried over and still open at the end, overdue
    h.receive("H", "2023-08-16T09:00", FIFTEEN_DAYS)
    # I: finished in August, returned in September: counts only as returned
    h.receive("I", "2023-08-21T09:00", EIGHT_HOURS)
    h.finish("I", "2023-08-22T08:00")
    h.hand_over("I", "2023-09-05T09:00")
    # B: waits two days for papers (the clock stops), finishes before the moved due date
    h.receive("B", "2023-09-05T10:00", THREE_DAYS)
    h.pause("B", "2023-09-06T10:00")
    h.resume("B", "2023-09-11T10:00")
    h.finish("B", "2023-09-12T15:00")
    # E: late
    h.receive("E", "2023-09-11T09:00", EIGHT_HOURS)
    h.finish("E", "2023-09-14T10:00")
    # F: an apology moved the due date, but it is still late against the first one
    h.receive("F", "2023-09-13T09:00", HOUSEHOLD)
    h.apologise("F", "2023-09-15T10:00", "3d")
    h.finish("F", "2023-09-20T11:00")
    # G: withdrawn the same day; O: the department stops it
    h.receive("G", "2023-09-14T09:00", EIGHT_HOURS)
    h.withdraw("G", "2023-09-14T15:00")
    h.receive("O", "2023-09-18T09:00", FIFTEEN_DAYS)
    h.department("O", "2023-09-20T10:00", 8)
    # J: online after the 16:00 cut-off, the clock starts the next morning; on time
    h.receive("J", "2023-09-18T16:30", EIGHT_HOURS, channel=2)
    h.finish("J", "2023-09-19T16:00")
    # K: by post, trả ngay, returned at once
    h.receive("K", "2023-09-19T09:00", AT_ONCE, channel=3)
    h.finish("K", "2023-09-19T09:30")
    h.hand_over("K", "2023-09-19T10:00")
    # refused at the counter: never received, counts nowhere
    h.refuse("2023-09-20T09:00")
    # D: open at the end and overdue; C: open, within time
    h.receive("D", "2023-09-25T08:00", THREE_DAYS)
    h.receive("C", "2023-09-28T09:00", FIFTEEN_DAYS)
    # N: waiting for papers at the end, papers arrive in October; M: still waiting
    h.receive("N", "2023-09-26T09:00", HOUSEHOLD)
    h.pause("N", "2023-09-27T09:00")
    h.receive("M", "2023-09-27T09:00", THREE_DAYS)
    h.pause("M", "2023-09-28T09:00")
    h.resume("N", "2023-10-03T09:00")
    # P: October, outside the period
    h.receive("P", "2023-10-02T09:00", THREE_DAYS)
    h.at("2023-10-10T10:00")
    return h
