"""What the province's administrators and departments do on the server, outside the counters'
API: officer accounts and their agencies, enrolled counters (reset, revoke), department
progress on dossiers (so the change feed has something to carry), announced calendar days,
catalog versions."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from . import officers
from .auth import ROLES, make_verifier
from .db import local_now, take_feed_ids, utc_now
from .feed import add_change
from .ingest import row_of, server_event
from .models import (
    CalendarDayRow,
    CatalogRow,
    CounterControlRow,
    CounterRow,
    DossierRow,
    OfficerRow,
    TokenRow,
)

_USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,59}$")
# a department moves a dossier it is working on; the counter's own steps are not its to take
DEPARTMENT_TARGETS = {4, 5, 6, 8, 9}
DEPARTMENT_SOURCES = {2, 4, 5, 6}


AdminError = officers.OfficerError


def add_officer(
    s: Session,
    username: str,
    full_name: str,
    roles: list[str],
    password: str,
    *,
    must_change: bool = True,
    agencies: list[str] | None = None,
    every_agency: bool = False,
) -> OfficerRow:
    """A new account of the agencies named (see officers.default_agencies)."""
    if not _USERNAME_RE.match(username):
        raise AdminError(f"tên đăng nhập không hợp lệ: {username!r}")
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise AdminError(f"vai trò không hợp lệ: {', '.join(bad) or '(trống)'}")
    if len(password) < 8 or not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        raise AdminError("mật khẩu cần ít nhất 8 ký tự, có cả chữ và số")
    if s.scalar(select(OfficerRow).where(OfficerRow.username == username)):
        raise AdminError(f"tên đăng nhập {username!r} đã tồn tại")
    take_feed_ids(s, 0)  # one writer at a time: the agency default below stays true
    where = officers.default_agencies(s, agencies or [], every_agency)
    officer = OfficerRow(
        username=username,
        full_name=full_name.strip(),
        roles=",".join(sorted(roles)),
        verifier=make_verifier(password),
        must_change_password=must_change,
        active=True,
        failed_attempts=0,
        updated_at=utc_now(),
    )
    s.add(officer)
    s.flush()
    for agency in where:
        officers.grant(s, officer, agency)
    officers.publish(s, officer)
    return officer


def set_officer_active(s: Session, username: str, active: bool) -> None:
    """Accounts are granted and revoked centrally (Quảng Ninh QĐ 84/2025 Điều 12)."""
    officer = officers.find_officer(s, username)
    officer.active = active
    officer.updated_at = utc_now()
    officers.publish(s, officer)


def grant_agency(s: Session, username: str, agency: str) -> None:
    """One more agency for an account: it may sign in at that agency's counters, which now
    receive it (and an administrator may enrol them)."""
    officer = officers.find_officer(s, username)
    if officers.grant(s, officer, agency):
        officers.publish(s, officer)


def ungrant_agency(s: Session, username: str, agency: str) -> None:
    officers.ungrant(s, officers.find_officer(s, username), agency)


def _counter(s: Session, agency: str, counter: str) -> CounterRow:
    row = s.scalar(
        select(CounterRow).where(CounterRow.agency == agency, CounterRow.counter == counter)
    )
    if row is None:
        raise AdminError(f"không có quầy {counter} của cơ quan {agency}")
    return row


def _control(s: Session, counter: CounterRow) -> CounterControlRow:
    control = s.get(CounterControlRow, counter.id)
    if control is None:
        control = CounterControlRow(counter_id=counter.id)
        s.add(control)
    return control


def reset_counter(s: Session, agency: str, counter: str) -> None:
    """Allow one new enrolment of an enrolled counter (a reinstalled or replaced PC). Without
    it an enrolment never replaces a counter's installation, even with an admin's password."""
    take_feed_ids(s, 0)
    _control(s, _counter(s, agency, counter)).reset_at = utc_now()


def revoke_counter(s: Session, agency: str, counter: str) -> None:
    """Take a counter off the server now (stolen, retired): its tokens stop working at its very
    next request and its key no longer signs in; only a reset and a new enrolment bring it back."""
    take_feed_ids(s, 0)
    row = _counter(s, agency, counter)
    _control(s, row).revoked_at = utc_now()
    s.execute(delete(TokenRow).where(TokenRow.counter_id == row.id))


def find_dossier(s: Session, ref: str) -> DossierRow:
    ref = ref.strip()
    row = s.get(DossierRow, ref.lower()) or s.scalar(
        select(DossierRow).where(
            or_(DossierRow.code == ref.upper(), DossierRow.provisional_code == ref.upper())
        )
    )
    if row is None:
        raise AdminError(f"không có hồ sơ {ref}")
    return row


def department_move(
    s: Session,
    ref: str,
    status: int,
    *,
    note: str = "",
    unit: str = "Phòng chuyên môn",
    due_at: datetime | None = None,
) -> DossierRow:
    """A department's progress: 4 đang xử lý, 5 yêu cầu bổ sung, 6 nghĩa vụ tài chính, 8 dừng,
    9 đã xử lý xong (the result is on its way to the counter)."""
    if status not in DEPARTMENT_TARGETS:
        raise AdminError(f"phòng chuyên môn không chuyển hồ sơ sang trạng thái {status}")
    take_feed_ids(s, 0)
    d = find_dossier(s, ref)
    if d.status not in DEPARTMENT_SOURCES:
        raise AdminError(f"hồ sơ {d.code or d.id} đang ở trạng thái {d.status}, không xử lý được")
    now = local_now()
    payload: dict[str, Any] = {"status": status, "note": note, "unit": unit}
    d.status = status
    d.status_at = max(now, d.status_at)
    if due_at is not None:
        d.due_at = due_at
        payload["due_at"] = due_at.isoformat()
    if status == 9 and d.finished_at is None:
        d.finished_at = now
        payload["finished_at"] = now.isoformat()
    d.updated_at = utc_now()
    s.flush()
    server_event(s, row_of(d), "department_progress", payload, unit, at=now)
    return d


def set_calendar_day(s: Session, day: date, working: bool | None, note: str) -> None:
    """An announced day off or make-up working day; ``None`` withdraws the announcement."""
    row = s.get(CalendarDayRow, day)
    if working is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(CalendarDayRow(day=day, working=working, note=note))
    else:
        row.working = working
        row.note = note
    fid = take_feed_ids(s, 1)
    add_change(s, fid, "calendar", {"day": day.isoformat(), "working": working, "note": note[:500]})


# matched whole (fullmatch: "$" alone would let a trailing newline through)
_AGENCY_RE = re.compile(r"[0-9A-Z][0-9A-Z.]{2,39}")  # sync.protocol.Agency
_BIN_RE = re.compile(r"[0-9]{6}")
_ACCOUNT_RE = re.compile(r"[0-9A-Za-z]{1,19}")


def set_payee(s: Session, agency: str, bank_bin: str, account: str, name: str) -> None:
    """The agency's receiving account for fees, sent to its counters (they print it as a VietQR:
    NAPAS's 6-digit bank BIN and an account of up to 19 letters and digits)."""
    name = " ".join(name.split())
    if not _AGENCY_RE.fullmatch(agency):
        raise AdminError(f"mã cơ quan không hợp lệ: {agency!r}")
    if not _BIN_RE.fullmatch(bank_bin):
        raise AdminError("mã BIN ngân hàng phải đúng 6 chữ số")
    if not _ACCOUNT_RE.fullmatch(account):
        raise AdminError("số tài khoản phải có 1 đến 19 chữ số hoặc chữ cái không dấu")
    if not 1 <= len(name) <= 100 or not name.isprintable():
        raise AdminError("tên tài khoản phải có 1 đến 100 ký tự trên một dòng")
    fid = take_feed_ids(s, 1)
    add_change(
        s,
        fid,
        "payee",
        {"bank_bin": bank_bin, "account": account, "name": name},
        agency=agency,
    )


def publish_catalog(s: Session, body: dict[str, Any]) -> str:
    version = body.get("version")
    if not isinstance(version, str) or not 1 <= len(version) <= 60:
        raise AdminError("danh mục cần trường 'version' (chuỗi, tối đa 60 ký tự)")
    if not isinstance(body.get("procedures"), list) or not body["procedures"]:
        raise AdminError("danh mục cần danh sách 'procedures'")
    if s.get(CatalogRow, version) is not None:
        raise AdminError(f"phiên bản danh mục {version} đã có")
    s.add(CatalogRow(version=version, body=body, created_at=utc_now()))
    fid = take_feed_ids(s, 1)
    add_change(s, fid, "catalog", {"version": version, "body": body})
    return version
