"""The counter's identity and everything derived from it: profile, calendar, code format."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.calendar import CalendarExceptions, Cutoff, WorkingCalendar
from desktop.domain.codes import CodeFormat, validate_agency, validate_counter
from desktop.domain.office import DEFAULT_NUMBER_PREFIX, OfficeLines, province_default
from desktop.domain.profile import ProvinceProfile
from desktop.domain.refusal import Refusal
from desktop.store.accounts import officers as accounts
from desktop.store.accounts.audit import ensure_audit_key
from desktop.store.catalog import import_catalog
from desktop.store.clock import local_now
from desktop.store.db import Database
from desktop.store.models import CalendarException, CounterIdentity
from desktop.store.office import NotInitialised as NotInitialised
from desktop.store.office import lines_of, store_lines
from desktop.store.resources import load_catalog, load_profile
from desktop.store.sync.device_keys import ensure_device_key


class CounterSetupError(Refusal, ValueError):
    """Setting up the counter was refused (bad server address, already set up, no admin
    password, a bad emergency range); the message is for the IT officer. Still a ``ValueError``
    for the callers that catch one."""

    code = "counter_setup_invalid"


@dataclass(frozen=True)
class CounterContext:
    """What a service needs to know about the counter it runs on."""

    data_dir: Path
    province: str
    agency: str
    counter: str
    server_url: str | None
    emergency: tuple[int, int] | None
    profile: ProvinceProfile
    exceptions: CalendarExceptions
    # the office the counter belongs to (issue 21; desktop/store/office.py): heading lines, the
    # place of the date line, the prefix of "Số: …/PREFIX"
    office_parent: str = ""
    office_name: str = ""
    office_place: str = ""
    office_number_prefix: str = DEFAULT_NUMBER_PREFIX

    @property
    def self_authority(self) -> bool:
        """With no server, the counter numbers each day itself from 1 (issue #2)."""
        return self.server_url is None

    @cached_property
    def code_format(self) -> CodeFormat:
        return self.profile.code()

    @cached_property
    def calendar(self) -> WorkingCalendar:
        wh = self.profile.working_hours
        return WorkingCalendar(
            periods=tuple(wh.parsed_periods()),
            weekdays=frozenset(wh.weekdays),
            exceptions=self.exceptions,
        )

    @property
    def cutoff(self) -> Cutoff | None:
        c = self.profile.cutoff
        return Cutoff(c.parsed_time(), frozenset(c.channels)) if c else None

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"


def load_context(db: Database, data_dir: Path) -> CounterContext:
    with db.read() as s:
        ident = s.scalar(select(CounterIdentity))
        if ident is None:
            raise NotInitialised(f"Quầy trong {data_dir} chưa được khởi tạo: chạy 'motcua init'")
        exc_rows = list(s.scalars(select(CalendarException)))
    profile = load_profile(ident.province)
    office = lines_of(ident, profile.province_name)
    return CounterContext(
        data_dir=data_dir,
        province=ident.province,
        agency=ident.agency,
        counter=ident.counter,
        server_url=ident.server_url,
        emergency=(ident.emergency_start, ident.emergency_end)
        if ident.emergency_start and ident.emergency_end
        else None,
        profile=profile,
        office_parent=office.authority,
        office_name=office.name,
        office_place=office.place,
        office_number_prefix=office.number_prefix,
        exceptions=CalendarExceptions(
            days_off=frozenset(r.day for r in exc_rows if not r.working),
            working_days=frozenset(r.day for r in exc_rows if r.working),
        ),
    )


def init_counter(
    db: Database,
    *,
    province: str,
    agency: str,
    counter: str,
    server_url: str | None,
    admin_user: str | None,
    admin_password: str | None,
    admin_name: str | None = None,
    office: OfficeLines | None = None,
) -> ProvinceProfile:
    """Bind a fresh database to a counter; refuses a database that already has an identity.

    ``office`` (checked by :func:`desktop.domain.office.check_office`) is the administrator's
    choice, dated now; without it the province's centre is filled in undated, so the office the
    province sends through the server replaces it (desktop/store/office.py)."""
    profile = load_profile(province)
    validate_agency(agency, profile.code_format.agency_length)
    validate_counter(counter)
    if server_url is not None and not server_url.startswith(
        ("https://", "http://127.", "http://localhost")
    ):
        raise CounterSetupError(
            "Địa chỉ máy chủ phải dùng https:// (chỉ máy cục bộ mới được dùng http://)",
            code="server_url_not_https",
        )
    catalog = load_catalog()
    with db.write() as s:
        if s.scalar(select(CounterIdentity)) is not None:
            raise CounterSetupError(
                "Thư mục dữ liệu này đã được khởi tạo cho một quầy",
                code="counter_already_initialised",
            )
        ident = CounterIdentity(
            id=1,
            province=profile.id,
            agency=agency,
            counter=counter,
            server_url=server_url,
            created_at=local_now(),
        )
        store_lines(
            ident,
            office or province_default(profile.province_name),
            source="init",
            by=(admin_user or "") if office else "",
            at=local_now() if office else None,
        )
        s.add(ident)
        s.flush()
        # the keyring entries are written before the commit; if one fails, nothing is committed
        ensure_device_key(s)
        ensure_audit_key(s)
        if admin_user:
            if not admin_password:
                raise CounterSetupError(
                    "Cần mật khẩu quản trị (biến môi trường MOTCUA_PASSWORD)",
                    code="admin_password_missing",
                )
            # The admin chose this password themself, so no first-login change is needed.
            accounts.create_officer(
                s,
                admin_user,
                admin_name or admin_user,
                frozenset({"admin"}),
                admin_password,
                must_change=False,
                by="init",
            )
        import_catalog(s, catalog)
    return profile


def set_calendar_exception(session: Session, day_iso: str, working: bool, note: str) -> None:
    from datetime import date

    day = date.fromisoformat(day_iso)
    row = session.get(CalendarException, day) or CalendarException(day=day)
    row.working = working
    row.note = note
    session.add(row)


def set_emergency_range(session: Session, start: int, end: int) -> None:
    """The range the server reserved for this counter's offline emergencies, every day."""
    if start < 1 or end < start:
        raise CounterSetupError(
            f"Dải số dự phòng {start}–{end} không hợp lệ",
            code="emergency_range_invalid",
            start=start,
            end=end,
        )
    ident = session.scalar(select(CounterIdentity))
    if ident is None:
        raise NotInitialised("Quầy chưa được khởi tạo")
    ident.emergency_start = start
    ident.emergency_end = end
