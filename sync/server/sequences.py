"""The agency's daily dossier sequence: leases to counters, emergency ranges, and real codes for
dossiers a counter had to receive under a provisional code (DESIGN.md §2).

Numbers ``1 .. ceiling`` are handed out in increasing order, as leases or as single codes;
the top of the range is split into one emergency range per counter, which a counter may use
offline when its leases run out. The two never overlap, so no number is handed out twice.
"""

from __future__ import annotations

import re
import string
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.limits import MAX_BACKDATE_DAYS
from sync.protocol import LeaseAsk, LeaseBlock, SeqRange

from .db import local_now, utc_now
from .models import AgencyRow, CounterRow, DaySequenceRow, LeaseRow

_SEQ_RE = re.compile(r"^0([2-6])d$")
MAX_EMERGENCY_SLOTS_SHARE = 2  # emergency ranges never take more than half the day's numbers
# no counter holds leases for more than this share of the numbers leases may use in one day, so
# a counter that asks again and again (or a hostile one) cannot spend the agency's day
MAX_COUNTER_DAY_SHARE = 2


class TemplateError(ValueError):
    pass


def template_max_seq(template: str) -> int:
    """The largest sequence a code template can hold; refuses anything but one ``{agency}``,
    one ``{date:…}`` and one ``{seq:0Nd}``."""
    seen: list[str] = []
    width = 0
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if conversion or name not in ("agency", "date", "seq"):
            raise TemplateError(f"unsupported field {{{name}}} in code template")
        seen.append(name)
        if name == "seq":
            m = _SEQ_RE.match(spec or "")
            if not m:
                raise TemplateError("the sequence must be {seq:0Nd} with N from 2 to 6")
            width = int(m.group(1))
        if name == "date" and not spec:
            raise TemplateError("the date needs a format, e.g. {date:%y%m%d}")
    if sorted(seen) != ["agency", "date", "seq"]:
        raise TemplateError("a code template has exactly one {agency}, {date:…} and {seq:0Nd}")
    return int("9" * width)


def emergency_size(max_seq: int) -> int:
    return max(10, (max_seq + 1) // 50)


def ceiling(agency: AgencyRow, session: Session) -> int:
    """Leases and assigned codes stay below every counter's emergency range."""
    slots = session.scalar(
        select(func.max(CounterRow.slot)).where(CounterRow.agency == agency.code)
    )
    used = 0 if slots is None else slots + 1
    return agency.max_seq - used * agency.emergency_size


def allocate_emergency(session: Session, agency: AgencyRow, slot: int) -> SeqRange | None:
    """The emergency range of the counter enrolled in ``slot``, or None when it has none.

    Leases stay below the ranges of the counters enrolled when they were made (``ceiling``), so
    a new counter's range may hold numbers already handed out on a busy day; two counters would
    then print receipts with the same code. Such a counter gets no range and works from its
    leases, then provisional codes. Only days a reception may still be recorded for count
    (``MAX_BACKDATE_DAYS``, sync/protocol.py); older days can take no new dossier."""
    size = agency.emergency_size
    end = agency.max_seq - slot * size
    start = end - size + 1
    if start <= agency.max_seq // MAX_EMERGENCY_SLOTS_SHARE:
        return None  # too many counters for this code width: they rely on leases alone
    oldest = local_now().date() - timedelta(days=MAX_BACKDATE_DAYS)
    handed_out = session.scalar(
        select(func.max(DaySequenceRow.high)).where(
            DaySequenceRow.agency == agency.code, DaySequenceRow.day >= oldest
        )
    )
    if handed_out is not None and handed_out >= start:
        return None
    return SeqRange(start=start, end=end)


def _day_row(session: Session, agency: str, day: date) -> DaySequenceRow:
    row = session.get(DaySequenceRow, (agency, day))
    if row is None:
        row = DaySequenceRow(agency=agency, day=day, high=0)
        session.add(row)
        session.flush()
    return row


def counter_day_cap(top: int) -> int:
    return max(1, top // MAX_COUNTER_DAY_SHARE)


def _held(session: Session, agency: str, counter_id: int, day: date) -> int:
    held = session.scalar(
        select(func.sum(LeaseRow.end - LeaseRow.start + 1)).where(
            LeaseRow.agency == agency, LeaseRow.counter_id == counter_id, LeaseRow.day == day
        )
    )
    return int(held or 0)


def lease(
    session: Session, agency: AgencyRow, counter_id: int, asks: list[LeaseAsk]
) -> list[LeaseBlock]:
    """Blocks for the asks, each at most what the counter may still hold that day
    (``counter_day_cap``). Past that, or once the day's numbers are all handed out, the counter
    works from its emergency range and then provisional codes; when the template's limit is
    reached (999 for a 3-digit sequence, QĐ 66/2020 An Giang Điều 7.3.b) those keep their
    visible TAM- mark, because no real number is left to give (``next_code``)."""
    top = ceiling(agency, session)
    cap = counter_day_cap(top)
    blocks: list[LeaseBlock] = []
    now = utc_now()
    for ask in asks:
        row = _day_row(session, agency.code, ask.day)
        allowed = min(ask.count, cap - _held(session, agency.code, counter_id, ask.day))
        if row.high >= top or allowed <= 0:
            continue
        start = row.high + 1
        end = min(row.high + allowed, top)
        row.high = end
        session.add(
            LeaseRow(
                agency=agency.code,
                day=ask.day,
                start=start,
                end=end,
                counter_id=counter_id,
                created_at=now,
            )
        )
        blocks.append(LeaseBlock(day=ask.day, start=start, end=end))
    session.flush()
    return blocks


def next_code(session: Session, agency: AgencyRow, day: date) -> str | None:
    """A real code for a dossier received under a provisional one; None when the day is full."""
    row = _day_row(session, agency.code, day)
    if row.high >= ceiling(agency, session):
        return None
    row.high += 1
    return agency.code_template.format(agency=agency.code, date=day, seq=row.high)
