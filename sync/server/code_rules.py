"""Which dossier codes a counter may push (DESIGN.md §2 "Dossier codes, offline", §12).

The daily sequence belongs to the agency; a counter owns only the numbers the server leased to
it for that day and its emergency range, plus provisional codes that name it. A code is taken
only when it is the agency template's own spelling of the pushing counter's agency, the
dossier's reception day and a number that counter owns; anything else is refused with
``bad_code`` (not a code of this counter's agency and day) or ``code_not_leased`` (a number the
counter does not own) — so no counter can take another's next code, and nothing but a code
reaches the national portal's export.

The template is parsed here rather than shared with the counter's ``desktop.domain.codes``:
``sync`` never imports the app (tests/sync/test_code_checks.py checks the two agree).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from typing import cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from .auth import Caller
from .models import AgencyRow, CounterRow, LeaseRow

PROVISIONAL_PREFIX = "TAM"
PROVISIONAL_MAX = 999  # desktop/domain/leases.py: a counter's provisional codes of one day
_DATE_PARTS = {"%d": r"\d{2}", "%m": r"\d{2}", "%y": r"\d{2}", "%Y": r"\d{4}"}
_SEQ_SPEC = re.compile(r"^0([2-6])d$")
_PROVISIONAL = re.compile(
    r"TAM-(?P<agency>[0-9A-Z.]+)-(?P<counter>[0-9A-Z]+)-(?P<day>\d{6})-(?P<n>\d{3})"
)

Problem = tuple[str, str]


@dataclass(frozen=True)
class _Template:
    regex: re.Pattern[str]
    date_format: str


@cache
def _template(template: str) -> _Template | None:
    """The template as a regular expression; None for one enrolment would not have taken."""
    pattern = ""
    date_format = ""
    for literal, name, spec, _conversion in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name == "agency":
            pattern += r"(?P<agency>[0-9A-Z.]+?)"
        elif name == "date":
            date_format = spec or ""
            parts = re.split(r"(%.)", date_format)
            if any(p.startswith("%") and p not in _DATE_PARTS for p in parts):
                return None
            pattern += "(?P<date>"
            pattern += "".join(_DATE_PARTS.get(p, re.escape(p)) for p in parts)
            pattern += ")"
        elif name == "seq":
            m = _SEQ_SPEC.match(spec or "")
            if m is None:
                return None
            pattern += rf"(?P<seq>\d{{{m.group(1)}}})"
        elif name is not None:
            return None
    return _Template(re.compile(pattern), date_format)


def parse_code(template: str, code: str) -> tuple[str, date, int] | None:
    """(agency, day, number) of a code spelled exactly as ``template`` spells it, else None."""
    t = _template(template)
    m = t.regex.fullmatch(code) if t is not None else None
    if t is None or m is None:
        return None
    day = _day(m.group("date"), t.date_format)
    if day is None:
        return None
    agency, seq = m.group("agency"), int(m.group("seq"))
    if seq < 1 or template.format(agency=agency, date=day, seq=seq) != code:
        return None
    return agency, day, seq


@lru_cache(maxsize=4096)
def _day(text: str, date_format: str) -> date | None:
    """A code's date part: a batch's codes share a few days, and ``strptime`` was a tenth of a
    code's check."""
    try:
        return datetime.strptime(text, date_format).date()
    except ValueError:
        return None


_AGENCIES = cast(Table, AgencyRow.__table__)
_COUNTERS = cast(Table, CounterRow.__table__)
_TEMPLATE = (
    select(_AGENCIES.c.code_template, _COUNTERS.c.emergency_start, _COUNTERS.c.emergency_end)
    .select_from(_AGENCIES)
    .outerjoin(_COUNTERS, _COUNTERS.c.id == bindparam("counter_id"))
    .where(_AGENCIES.c.code == bindparam("agency"))
)


@dataclass
class CodeRules:
    """The calling counter's numbers, read once per batch and only when a new code needs them."""

    session: Session
    caller: Caller
    _template: str | None = None
    _emergency: tuple[int, int] | None = None
    _leases: dict[date, list[tuple[int, int]]] = field(default_factory=dict)

    def template(self) -> str:
        """The agency's code template, and the counter's emergency range on the way: one Core
        query per batch (the ORM's two look-ups were a tenth of a push)."""
        if self._template is None:
            row = self.session.execute(
                _TEMPLATE, {"agency": self.caller.agency, "counter_id": self.caller.counter_id}
            ).one()  # a counter is enrolled in its agency
            self._template = row.code_template
            if row.emergency_start and row.emergency_end:
                self._emergency = (row.emergency_start, row.emergency_end)
        return self._template

    def _leased(self, day: date) -> list[tuple[int, int]]:
        if day not in self._leases:
            self._leases[day] = [
                (r.start, r.end)
                for r in self.session.execute(
                    select(LeaseRow.start, LeaseRow.end).where(
                        LeaseRow.counter_id == self.caller.counter_id, LeaseRow.day == day
                    )
                )
            ]
        return self._leases[day]

    def problem(self, code: str, provisional: bool, received: datetime | None) -> Problem | None:
        """Why the calling counter may not give a dossier received at ``received`` this code."""
        if provisional or code.startswith(PROVISIONAL_PREFIX + "-"):
            return self._provisional(code, provisional, received)
        parsed = parse_code(self.template(), code)
        if parsed is None or parsed[0] != self.caller.agency:
            return "bad_code", f"not a dossier code of agency {self.caller.agency}"
        _agency, day, seq = parsed
        if received is not None and received.date() != day:
            return "bad_code", "the code's date is not the dossier's reception day"
        emergency = self._emergency
        if emergency is not None and emergency[0] <= seq <= emergency[1]:
            return None
        if any(start <= seq <= end for start, end in self._leased(day)):
            return None
        return "code_not_leased", f"number {seq} of {day} is not leased to this counter"

    def _provisional(self, code: str, flagged: bool, received: datetime | None) -> Problem | None:
        m = _PROVISIONAL.fullmatch(code)
        if not flagged or m is None:
            return "bad_code", "a provisional code is TAM-<agency>-<counter>-<yyMMdd>-<nnn>"
        if m.group("agency") != self.caller.agency or m.group("counter") != self.caller.counter:
            return "bad_code", "a provisional code names the counter that issued it"
        day = _day(m.group("day"), "%y%m%d")
        if day is None:
            return "bad_code", "the provisional code's date is not a date"
        if not 1 <= int(m.group("n")) <= PROVISIONAL_MAX:
            return "bad_code", "the provisional code's number is out of range"
        if received is not None and received.date() != day:
            return "bad_code", "the code's date is not the dossier's reception day"
        return None
