"""Officers belong to agencies (issue 17): which agencies an officer works for, and telling
exactly those agencies' counters about the account, so a counter's feed carries only the
verifiers of officers who may sign in there."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from .auth import EVERY_AGENCY, officer_agencies, officer_record
from .db import take_feed_ids, utc_now
from .feed import add_change
from .models import AgencyRow, OfficerAgencyRow, OfficerRow

# the protocol's agency code (sync/protocol.py Agency); "*" is every agency of the province
_AGENCY_RE = re.compile(r"^[0-9A-Z][0-9A-Z.]{2,39}$")


class OfficerError(ValueError):
    """A refused administration step; the message is Vietnamese, for the provincial IT."""


def default_agencies(s: Session, agencies: list[str], every_agency: bool) -> list[str]:
    """The agencies a new account is given: those named, every agency, or, where the province
    has exactly one agency so far, that one."""
    if every_agency:
        return [EVERY_AGENCY]
    if agencies:
        for a in agencies:
            check_agency_code(a)
        return sorted(set(agencies))
    known = list(s.scalars(select(AgencyRow.code).limit(2)))
    if len(known) == 1:
        return known
    raise OfficerError(
        "cần chỉ rõ cơ quan của tài khoản: --agency MÃ_CƠ_QUAN (có thể lặp lại) "
        "hoặc --all-agencies cho cán bộ IT của tỉnh"
    )


def check_agency_code(agency: str) -> None:
    if not _AGENCY_RE.match(agency):
        raise OfficerError(f"mã cơ quan không hợp lệ: {agency!r}")


def find_officer(s: Session, username: str) -> OfficerRow:
    officer = s.scalar(select(OfficerRow).where(OfficerRow.username == username))
    if officer is None:
        raise OfficerError(f"không có tài khoản {username!r}")
    return officer


def grant(s: Session, officer: OfficerRow, agency: str) -> bool:
    """True when the officer did not work for the agency before."""
    if agency != EVERY_AGENCY:
        check_agency_code(agency)
    if s.get(OfficerAgencyRow, (officer.id, agency)) is not None:
        return False
    s.add(OfficerAgencyRow(officer_id=officer.id, agency=agency, granted_at=utc_now()))
    s.flush()
    return True


def ungrant(s: Session, officer: OfficerRow, agency: str) -> None:
    row = s.get(OfficerAgencyRow, (officer.id, agency))
    if row is None:
        raise OfficerError(f"tài khoản {officer.username!r} không thuộc cơ quan {agency}")
    s.delete(row)
    s.flush()
    if agency != EVERY_AGENCY and EVERY_AGENCY not in officer_agencies(s, officer.id):
        # the agency's counters block their copy of the account at once (no verifier)
        gone = officer_record(officer, with_verifier=False).model_copy(update={"active": False})
        add_change(s, take_feed_ids(s, 1), "officer", {"officer": gone.model_dump()}, agency=agency)


def publish(s: Session, officer: OfficerRow) -> None:
    """The account (with its verifier) to the counters of the officer's agencies only."""
    agencies = officer_agencies(s, officer.id)
    targets: list[str | None] = [None] if EVERY_AGENCY in agencies else [*sorted(agencies)]
    if not targets:
        return
    body = {"officer": officer_record(officer).model_dump()}
    first = take_feed_ids(s, len(targets))
    for i, agency in enumerate(targets):
        add_change(s, first + i, "officer", body, agency=agency)


def without_agency(s: Session) -> int:
    """How many accounts belong to no agency: made before officers belonged to agencies, they
    can sign in nowhere until the provincial IT grants them theirs (a guess could let an
    officer into another agency's counters)."""
    owned = select(OfficerAgencyRow.officer_id)
    return len(list(s.scalars(select(OfficerRow.id).where(OfficerRow.id.not_in(owned)))))
