"""The counter's office in its database (issue 21): the heading lines, the place of the date
line and the number prefix, kept on the counter's identity row (migration 0015).

Two can set it: the counter's administrator (``motcua office set``, or ``init``) and the
province, through its server's change feed (``motcua-server … office set --agency A``). The
later one stands, by the time each was set (province time), whichever arrives first: an office
the province set at 09:00 that reaches a counter whose administrator set its own at 10:00 is
not applied, and the counter records that as a sync conflict and in its audit log; one set at
11:00 replaces the counter's. An office ``init`` filled in by default (nobody chose it) has no
time, so the province's always replaces it; on the same second the province's stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.office import (
    DEFAULT_NUMBER_PREFIX,
    LEGACY_NAME,
    OfficeLines,
    OfficeRefused,
    check_office,
    default_authority,
)
from desktop.domain.refusal import Refusal
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.models import CounterIdentity

if TYPE_CHECKING:
    from sync.engine import ApplyReport
    from sync.protocol import OfficeChange

Conflict = Callable[[Session, str, str, str], None]

Source = Literal["init", "counter", "server"]
SYSTEM = "he-thong"  # the audit log's name for what the counter did on the server's word


@dataclass(frozen=True)
class OfficeRecord:
    lines: OfficeLines
    source: str  # "init", "counter", "server"; "" for a database older than migration 0015
    set_by: str  # the administrator at this counter; "" from the server or by default
    set_at: datetime | None  # None: a default nobody chose


def lines_of(ident: CounterIdentity, province_name: str) -> OfficeLines:
    """What the forms print; a database made before a value was stored falls back to the
    province's proper name ("UBND TỈNH AN GIANG"), never its profile id ("an-giang")."""
    return OfficeLines(
        authority=ident.office_parent or default_authority(province_name),
        name=ident.office_name or LEGACY_NAME,
        place=ident.office_place or province_name,
        number_prefix=DEFAULT_NUMBER_PREFIX
        if ident.office_number_prefix is None
        else ident.office_number_prefix,
    )


class NotInitialised(Refusal, RuntimeError):
    """The data dir holds no counter yet (``motcua init``). Defined here, with the identity
    row's first reader, so that desktop.store.counter and this module import one way only."""

    code = "counter_not_initialised"


def _identity(session: Session) -> CounterIdentity:
    ident: CounterIdentity | None = session.scalar(select(CounterIdentity))
    if ident is None:
        raise NotInitialised("Quầy chưa được khởi tạo")
    return ident


def load_office(session: Session, province_name: str) -> OfficeRecord:
    ident = _identity(session)
    return OfficeRecord(
        lines_of(ident, province_name),
        ident.office_source or "",
        ident.office_set_by or "",
        ident.office_set_at,
    )


def store_lines(
    ident: CounterIdentity,
    lines: OfficeLines,
    *,
    source: Source,
    by: str,
    at: datetime | None,
) -> None:
    ident.office_parent = lines.authority
    ident.office_name = lines.name
    ident.office_place = lines.place
    ident.office_number_prefix = lines.number_prefix
    ident.office_source = source
    ident.office_set_by = by
    ident.office_set_at = at


def save_office(session: Session, lines: OfficeLines, *, by: str) -> OfficeRecord:
    """The administrator's own office (already checked), set now."""
    at = local_now()
    store_lines(_identity(session), lines, source="counter", by=by, at=at)
    return OfficeRecord(lines, "counter", by, at)


def apply_server_office(
    session: Session, item: OfficeChange, report: ApplyReport, conflict: Conflict
) -> None:
    """The office the province set for this agency, from the change feed: applied when it is
    the later of the two (see the module's docstring), audited either way; one the counter's
    rules refuse is a conflict and the office in force is kept. Never raises a refusal."""
    ident = _identity(session)
    try:
        lines = check_office(item.authority, item.name, item.place, item.number_prefix)
    except OfficeRefused as exc:
        conflict(session, "office", ident.agency, f"tiêu đề cơ quan từ máy chủ: {exc}")
        report.conflicts += 1
        return
    local = ident.office_set_at
    if local is not None and item.set_at < local:
        # the counter's administrator set the office after the province did: theirs stands
        message = (
            f"tiêu đề cơ quan máy chủ đặt lúc {item.set_at:%H:%M:%S %d/%m/%Y} cũ hơn tiêu đề "
            f"quầy đặt lúc {local:%H:%M:%S %d/%m/%Y}; giữ tiêu đề của quầy"
        )
        conflict(session, "office", ident.agency, message)
        audit.record(
            session,
            SYSTEM,
            "office.server_older",
            ident.agency,
            {"set_at": item.set_at.isoformat(), "kept_set_at": local.isoformat()},
        )
        report.conflicts += 1
        return
    if (
        ident.office_source == "server"
        and ident.office_set_at == item.set_at
        and lines_of(ident, "") == lines
    ):
        report.skipped += 1  # the same change read again
        return
    store_lines(ident, lines, source="server", by="", at=item.set_at)
    audit.record(
        session,
        SYSTEM,
        "office.set",
        ident.agency,
        {
            "source": "server",
            "authority": lines.authority,
            "name": lines.name,
            "place": lines.place,
            "number_prefix": lines.number_prefix,
            "set_at": item.set_at.isoformat(),
        },
    )
    report.applied += 1
