"""The incident request form (Phụ lục II of Kiên Giang QĐ 921/QĐ-UBND, seed 000), pre-filled
from the incident record and the counter, every field overridable by the officer.

The agency reports a failure it cannot fix at once to the Department of Information and
Communications (An Giang QĐ 66/2020 Điều 24.6, seed 002; Kiên Giang QĐ 1516 Điều 16.4, seed
004), named by the profile's ``incident.report_to``; where the province promises an answer
within so many hours (seed 002 Điều 27.6: 04 giờ), the form asks for it. The overrides the
officer typed are kept with the incident, so a reprint says the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from desktop.domain.forms.common import BLANK, agency_name
from desktop.domain.forms.facts import IncidentFacts
from desktop.domain.forms.incident import incident_request
from desktop.domain.incidents import compact_lines
from desktop.store.accounts.officers import ROLE_LABELS_VI, OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents.outage import OfflineDossier, offline_dossiers
from desktop.store.incidents.records import IncidentView, effective_grace, load, view_of
from desktop.store.printing.form_data import office
from printing.slip import Document

_LIMITS = {
    "requester": 120,
    "position": 120,
    "agency": 300,
    "email": 120,
    "phone": 20,
    "service": 300,
    "description": 4000,
    "proposal": 2000,
    "report_to": 300,
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 .+()-]{6,20}$")
_ROLE_ORDER = ("supervisor", "reception", "returns", "admin")
SAMPLES_ON_FORM = 4  # lines; the form should stay on one page


@dataclass(frozen=True)
class FormOverrides:
    """What the officer typed instead of the pre-filled text; None keeps the pre-filled one."""

    requester: str | None = None
    position: str | None = None
    agency: str | None = None
    email: str | None = None
    phone: str | None = None
    service: str | None = None
    description: str | None = None
    proposal: str | None = None
    report_to: str | None = None

    def validated(self) -> FormOverrides:
        """Trimmed, NFC, within limits; raises :class:`ActionError` for the officer."""
        clean: dict[str, str | None] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                clean[f.name] = None
                continue
            lines = [" ".join(x.split()) for x in str(value).splitlines()]
            text = unicodedata.normalize("NFC", "\n".join(x for x in lines if x))
            if not text:
                raise ActionError(f"Trường {f.name} không được để trống")
            if len(text) > _LIMITS[f.name]:
                raise ActionError(f"Trường {f.name} quá dài (tối đa {_LIMITS[f.name]} ký tự)")
            clean[f.name] = text
        if clean["email"] is not None and not _EMAIL.match(clean["email"]):
            raise ActionError(f"Địa chỉ email không hợp lệ: {clean['email']}")
        if clean["phone"] is not None and not _PHONE.match(clean["phone"]):
            raise ActionError(f"Số điện thoại không hợp lệ: {clean['phone']}")
        return FormOverrides(**clean)

    def merged_over(self, older: FormOverrides) -> FormOverrides:
        return replace(
            older, **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        )

    def as_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormOverrides:
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v})


def save_overrides(db: Database, incident_id: int, overrides: FormOverrides) -> FormOverrides:
    """Keep the officer's overrides with the incident (merged over earlier ones)."""
    new = overrides.validated()
    with db.write() as s:
        row = load(s, incident_id)
        merged = new.merged_over(FormOverrides.from_json(row.form or {}))
        row.form = merged.as_json()
    return merged


def _position(officer: OfficerInfo) -> str:
    for role in _ROLE_ORDER:
        if role in officer.roles:
            return ROLE_LABELS_VI[role]
    return BLANK


def _host(ctx: CounterContext) -> str:
    return urlsplit(ctx.server_url or "").hostname or "máy chủ tỉnh"


def _timeline(view: IncidentView, grace: timedelta) -> tuple[str, ...]:
    first = view.samples[0] if view.samples else None
    seconds = grace.total_seconds()
    waited = f"{seconds / 60:g} phút" if seconds >= 60 else f"{seconds:g} giây"
    lines = [
        f"{view.started_at:%H:%M %d/%m/%Y}: lần đầu không kết nối được"
        + (f" ({first.detail})" if first and first.detail else ""),
        f"{view.opened_at:%H:%M %d/%m/%Y}: ghi nhận sự cố (lỗi kéo dài quá {waited})",
    ]
    if view.reported_at is not None:
        lines.append(f"{view.reported_at:%H:%M %d/%m/%Y}: gửi phiếu yêu cầu xử lý sự cố")
    if view.answer_due_at is not None and view.is_open:
        lines.append(f"{view.answer_due_at:%H:%M %d/%m/%Y}: hạn phản hồi thời gian khắc phục")
    if view.ended_at is not None:
        lines.append(f"{view.ended_at:%H:%M %d/%m/%Y}: đồng bộ lại thành công")
    if view.catchup_done_at is not None:
        lines.append(f"{view.catchup_done_at:%H:%M %d/%m/%Y}: đã gửi hết dữ liệu tồn đọng")
    return tuple(lines)


def _description(ctx: CounterContext, view: IncidentView, dossiers: int, events: int) -> str:
    # the start and end times are the form's own fields just below, not repeated here
    waiting = (
        f"{dossiers} hồ sơ ({events} thao tác) đang lưu tại quầy, chờ gửi lên máy chủ"
        if events
        else "dữ liệu lưu tại quầy đã được gửi lên máy chủ"
    )
    return (
        f"Quầy {ctx.counter} không đồng bộ được dữ liệu với máy chủ Hệ thống thông tin một cửa "
        f"điện tử tỉnh ({_host(ctx)}): {'; '.join(view.causes)}; đã thử lại {view.failures} "
        "lần không thành công. Trong thời gian sự cố, quầy vẫn tiếp nhận và trả kết quả cho "
        f"công dân; {waiting}."
    )


def _proposal(view: IncidentView) -> str:
    ask = (
        f"phản hồi thời gian khắc phục trong vòng {view.answer_within_hours:g} giờ kể từ khi "
        "nhận được phiếu này"
        if view.answer_within_hours
        else "thông báo thời gian khắc phục"
    )
    return (
        f"Đề nghị {view.report_to} kiểm tra, khắc phục sự cố kết nối tới máy chủ Hệ thống "
        f"thông tin một cửa điện tử tỉnh, {ask}; sau khi khắc phục, quầy sẽ đồng bộ toàn bộ "
        "hồ sơ đã tiếp nhận trong thời gian sự cố."
    )


def form_facts(
    db: Database,
    ctx: CounterContext,
    incident_id: int,
    officer: OfficerInfo,
    overrides: FormOverrides | None = None,
    *,
    on: date | None = None,
    offline: list[OfflineDossier] | None = None,
) -> IncidentFacts:
    """The form's content: pre-filled, then the stored overrides, then ``overrides``.
    ``offline``: the incident's offline dossiers when the caller already has them."""
    with db.read() as s:
        row = load(s, incident_id)
        view = view_of(row, local_now())
        stored = FormOverrides.from_json(row.form or {})
    o = (overrides or FormOverrides()).validated().merged_over(stored)
    dossiers = offline if offline is not None else offline_dossiers(db, ctx, incident_id)
    unsent = [d for d in dossiers if d.unsent_events]
    events = sum(d.unsent_events for d in unsent)
    samples = compact_lines(view.samples)
    if len(samples) > SAMPLES_ON_FORM:  # how it began, then how it goes now
        samples = samples[:1] + samples[-(SAMPLES_ON_FORM - 1) :]
    off = office(ctx)
    return IncidentFacts(
        report_to=o.report_to or view.report_to,
        requester=o.requester or officer.full_name,
        position=o.position or _position(officer),
        agency=o.agency or f"{agency_name(off)} (mã {ctx.agency}), Quầy {ctx.counter}",
        email=o.email or BLANK,
        phone=o.phone or BLANK,
        service=o.service
        or f"Hệ thống thông tin một cửa điện tử tỉnh {ctx.profile.name} (đồng bộ hồ sơ tại quầy)",
        description=o.description or _description(ctx, view, len(unsent), events),
        proposal=o.proposal or _proposal(view),
        started_at=view.started_at,
        ended_at=view.ended_at,
        timeline=_timeline(view, effective_grace(db, ctx)),
        samples=samples,
        report_date=on or local_now().date(),
    )


def form_document(
    db: Database,
    ctx: CounterContext,
    incident_id: int,
    officer: OfficerInfo,
    overrides: FormOverrides | None = None,
    *,
    now: datetime | None = None,
) -> Document:
    """Phụ lục II as a printable document (A4 through printouts.write_pdf)."""
    now = now or local_now()
    facts = form_facts(db, ctx, incident_id, officer, overrides, on=now.date())
    return incident_request(office(ctx), facts, now=now)
