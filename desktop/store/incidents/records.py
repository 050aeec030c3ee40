"""Incident records as the screens and commands read them (DESIGN.md §6).

The recorder (``incident_recorder.py``) writes them from what sync sees; this module reads them
back as plain values for the incident screen (which calls these on worker threads), the command
line and the forms. Every function opens its own short transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.incidents import (
    SENT_TO_MAX,
    ErrorSample,
    OutageWindow,
    answer_due,
    cause_label,
    causes_seen,
    clean_addressee,
    sent_refusal,
)
from desktop.store.accounts import audit
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.models import EventRow, Incident
from desktop.store.sync import inbound as sync_inbound

WATCH, OPEN, CLOSED = "watch", "open", "closed"
SETTINGS_KEY = "incident_settings"
MIN_GRACE = timedelta(seconds=1)


@dataclass(frozen=True)
class IncidentView:
    """One incident (never a ``watch``: those are not incidents yet)."""

    id: int
    state: str  # "open" | "closed"
    started_at: datetime  # when the trouble began, not when the grace ended
    opened_at: datetime  # when it became an incident (the grace period passed)
    ended_at: datetime | None  # the first successful sync cycle after it
    cause: str  # dns | tcp | tls | http | timeout | protocol (of the first failure)
    detail: str
    http_status: int | None
    failures: int
    samples: tuple[ErrorSample, ...]
    report_to: str
    answer_within_hours: float | None
    reported_at: datetime | None
    reported_by: str | None
    answer_due_at: datetime | None
    catchup_done_at: datetime | None
    now: datetime  # when this view was read: durations of an open incident run up to it

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def duration(self) -> timedelta:
        return (self.ended_at or self.now) - self.started_at

    @property
    def answer_overdue(self) -> bool:
        """The promised answer time has passed while the incident is still open."""
        return self.is_open and self.answer_due_at is not None and self.now > self.answer_due_at

    @property
    def cause_label(self) -> str:
        return cause_label(self.cause, self.http_status)

    @property
    def causes(self) -> tuple[str, ...]:
        """Every kind of failure the samples show, first seen first."""
        return causes_seen(self.samples) or (self.cause_label,)

    def window(self) -> OutageWindow:
        return OutageWindow(self.started_at, self.ended_at, self.answer_within_hours)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "started_at": _iso(self.started_at),
            "opened_at": _iso(self.opened_at),
            "ended_at": _iso(self.ended_at),
            "duration_minutes": int(self.duration.total_seconds() // 60),
            "cause": self.cause,
            "cause_label": self.cause_label,
            "causes": list(self.causes),
            "detail": self.detail,
            "http_status": self.http_status,
            "failures": self.failures,
            "samples": [s.as_json() for s in self.samples],
            "report_to": self.report_to,
            "answer_within_hours": self.answer_within_hours,
            "reported_at": _iso(self.reported_at),
            "reported_by": self.reported_by,
            "answer_due_at": _iso(self.answer_due_at),
            "answer_overdue": self.answer_overdue,
            "catchup_done": self.catchup_done_at is not None,
        }


def _iso(t: datetime | None) -> str | None:
    return t.isoformat(timespec="seconds") if t is not None else None


def view_of(row: Incident, now: datetime) -> IncidentView:
    assert row.opened_at is not None, "a watch is not an incident"
    return IncidentView(
        id=row.id,
        state=row.state,
        started_at=row.started_at,
        opened_at=row.opened_at,
        ended_at=row.ended_at,
        cause=row.cause,
        detail=row.detail,
        http_status=row.http_status,
        failures=row.failures,
        samples=tuple(ErrorSample.from_json(s) for s in row.samples),
        report_to=row.report_to,
        answer_within_hours=row.answer_within_hours,
        reported_at=row.reported_at,
        reported_by=row.reported_by,
        answer_due_at=answer_due(row.reported_at, row.answer_within_hours),
        catchup_done_at=row.catchup_done_at,
        now=now,
    )


def list_incidents(db: Database, *, limit: int = 200) -> list[IncidentView]:
    """Newest first; open ones are always among them."""
    now = local_now()
    with db.read() as s:
        rows = s.scalars(
            select(Incident)
            .where(Incident.state.in_((OPEN, CLOSED)))
            .order_by(Incident.started_at.desc(), Incident.id.desc())
            .limit(max(1, min(limit, 10_000)))
        )
        return [view_of(r, now) for r in rows]


def current_incident(db: Database) -> IncidentView | None:
    """The open incident, if any (what the window's banner shows)."""
    with db.read() as s:
        row = s.scalar(select(Incident).where(Incident.state == OPEN))
        return view_of(row, local_now()) if row is not None else None


def load(session: Session, incident_id: int) -> Incident:
    row = session.get(Incident, incident_id)
    if row is None or row.state == WATCH:
        raise ActionError(f"Không có sự cố số {incident_id}")
    return row


def get_incident(db: Database, incident_id: int) -> IncidentView:
    with db.read() as s:
        return view_of(load(s, incident_id), local_now())


def last_event_seq(session: Session) -> int:
    return session.scalar(select(func.max(EventRow.seq))) or 0


# -- reporting it to the IT department -----------------------------------------------------------


class IncidentSendRefused(ActionError):
    code = "incident_send_refused"


def mark_reported(
    db: Database,
    incident_id: int,
    officer: OfficerInfo,
    at: datetime | None = None,
    *,
    to: str | None = None,
) -> IncidentView:
    """The incident request form went to the IT department (seed 002 Điều 24.6) at ``at`` (now
    when not given), to ``to`` (the addressee on the incident when not given). The first time
    counts: the promised answer (Điều 27.6) runs from when it was sent, never from when the form
    was printed. The caller (the service) checked the officer's role."""
    now = local_now()
    at = (at or now).replace(microsecond=0, tzinfo=None)
    addressee = None
    if to is not None:
        addressee = clean_addressee(to)
        if addressee is None:
            raise IncidentSendRefused(
                f"Nơi nhận phiếu phải có từ 1 đến {SENT_TO_MAX} ký tự", field="to"
            )
    with db.write() as s:
        row = load(s, incident_id)
        if row.reported_at is None:
            why = sent_refusal(at, row.started_at, now)
            if why is not None:
                raise IncidentSendRefused(why, incident=incident_id)
            row.reported_at = at
            row.reported_by = officer.username
            if addressee is not None:
                row.report_to = addressee
            audit.record(
                s,
                officer.username,
                "incident.reported",
                str(incident_id),
                {"sent_at": at.isoformat(timespec="minutes"), "to": row.report_to},
            )
        return view_of(row, now)


# -- the grace period -----------------------------------------------------------------------------


def effective_grace(db: Database, ctx: CounterContext) -> timedelta:
    """The profile's grace, or a shorter one set for this counter: an outage may be declared
    sooner (e.g. for a drill or a test), never later than the province's profile says."""
    profile = timedelta(minutes=ctx.profile.incident.grace_minutes)
    with db.read() as s:
        settings = sync_inbound.get_state(s, SETTINGS_KEY) or {}
    seconds = settings.get("grace_seconds")
    if isinstance(seconds, int | float) and seconds > 0:
        return max(MIN_GRACE, min(profile, timedelta(seconds=float(seconds))))
    return profile


def set_grace(db: Database, ctx: CounterContext, seconds: float | None) -> timedelta:
    """Shorten this counter's grace period (None: back to the profile's)."""
    limit = ctx.profile.incident.grace_minutes * 60
    if seconds is not None and not MIN_GRACE.total_seconds() <= seconds <= limit:
        raise ActionError(
            f"Thời gian chờ trước khi ghi nhận sự cố phải từ 1 đến {limit:g} giây "
            "(không dài hơn hồ sơ tỉnh)"
        )
    with db.write() as s:
        sync_inbound.set_state(s, SETTINGS_KEY, {"grace_seconds": seconds})
    return effective_grace(db, ctx)
