"""The feedback register as the screens and the command line read it: each item with its
clocks at ``now`` (desktop/domain/feedback.py), computed with the calendar in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.deadlines import Urgency
from desktop.domain.feedback import Channel, Clocks, FeedbackError, State, clocks
from desktop.store.models import FeedbackEntryRow, FeedbackItem


@dataclass(frozen=True)
class FeedbackView:
    id: str
    received_at: datetime
    channel: Channel
    from_name: str
    phone: str | None
    text: str
    dossier: str | None  # the dossier's code (or id, before it has one)
    counter: str
    officer: str
    state: State
    updates: int
    last_update_at: datetime | None
    answered_at: datetime | None
    answer: str | None
    published_at: datetime | None
    clocks: Clocks
    unsent: int  # this counter's entries still waiting for the server
    refused: str | None  # the server's refusal of one of them, if any

    @property
    def overdue(self) -> bool:
        return self.clocks.overdue

    def as_json(self) -> dict[str, Any]:
        c = self.clocks
        return {
            "id": self.id,
            "received_at": _iso(self.received_at),
            "answer_due_at": _iso(c.answer_due_at),
            "next_update_due_at": _iso(c.next_update_due_at),
            "publish_due_at": _iso(c.publish_due_at),
            "due_at": _iso(c.due_at),
            "state": self.state.value,
            "overdue": c.overdue,
            "urgency": c.urgency.value,
            "answered_late": c.answered_late,
            "dossier": self.dossier,
            "channel": self.channel.value,
            "from_name": self.from_name,
            "phone": self.phone,
            "text": self.text,
            "counter": self.counter,
            "updates": self.updates,
            "last_update_at": _iso(self.last_update_at),
            "answered_at": _iso(self.answered_at),
            "answer": self.answer,
            "published_at": _iso(self.published_at),
            "sync": "refused" if self.refused else ("pending" if self.unsent else "sent"),
            "refused": self.refused,
        }


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat(timespec="minutes")


def view_of(
    row: FeedbackItem,
    calendar: WorkingCalendar,
    now: datetime,
    updates: int = 0,
    unsent: int = 0,
    refused: str | None = None,
) -> FeedbackView:
    return FeedbackView(
        id=row.id,
        received_at=row.received_at,
        channel=Channel(row.channel),
        from_name=row.from_name,
        phone=row.phone,
        text=row.text,
        dossier=row.dossier_code or row.dossier_id,
        counter=row.counter,
        officer=row.officer,
        state=State(row.state),
        updates=updates,
        last_update_at=row.last_update_at,
        answered_at=row.answered_at,
        answer=row.answer,
        published_at=row.published_at,
        clocks=clocks(
            calendar,
            row.received_at,
            now,
            answered_at=row.answered_at,
            published_at=row.published_at,
            last_update_at=row.last_update_at,
        ),
        unsent=unsent,
        refused=refused,
    )


def list_feedback(
    s: Session, calendar: WorkingCalendar, now: datetime, *, open_only: bool = False
) -> list[FeedbackView]:
    """Items with something left to do first — overdue, then due soon, then the others, each by
    its next deadline; published last, the newest first."""
    stmt = select(FeedbackItem)
    if open_only:
        stmt = stmt.where(FeedbackItem.state == State.OPEN.value)
    rows = list(s.scalars(stmt))
    facts = entry_facts(s, [r.id for r in rows])
    views = [view_of(r, calendar, now, *facts.get(r.id, (0, 0, None))) for r in rows]
    rank = {Urgency.OVERDUE: 0, Urgency.SOON: 1, Urgency.OK: 2}
    views.sort(key=lambda v: (rank[v.clocks.urgency], v.clocks.due_at or v.received_at))
    done = [v for v in views if v.clocks.due_at is None]
    done.sort(key=lambda v: v.received_at, reverse=True)
    return [v for v in views if v.clocks.due_at is not None] + done


def entry_facts(s: Session, ids: list[str]) -> dict[str, tuple[int, int, str | None]]:
    """Per item: progress updates, own entries unsent, the last refusal."""
    if not ids:
        return {}
    out: dict[str, tuple[int, int, str | None]] = {}
    e = FeedbackEntryRow
    rows = s.execute(
        select(
            e.feedback_id,
            func.count().filter(e.kind == "progress"),
            func.count().filter(e.origin == "counter", e.sent_at.is_(None), e.refused.is_(None)),
            func.max(e.refused),
        )
        .where(e.feedback_id.in_(ids))
        .group_by(e.feedback_id)
    ).all()
    for fid, updates, unsent, refused in rows:
        out[fid] = (int(updates or 0), int(unsent or 0), refused)
    return out


def find_item(s: Session, ref: str) -> FeedbackItem:
    """An item by its id, or by the first characters of it (at least 8, as the list shows)."""
    key = ref.strip().lower()
    if len(key) < 8 or any(ch not in "0123456789abcdef-" for ch in key):
        raise FeedbackError(
            f"Mã phản ánh {ref!r} không hợp lệ (ít nhất 8 ký tự đầu của mã)",
            code="feedback_bad_id",
        )
    row = s.get(FeedbackItem, key)
    if row is not None:
        return row
    found = list(s.scalars(select(FeedbackItem).where(FeedbackItem.id.like(key + "%")).limit(2)))
    if not found:
        raise FeedbackError(f"Không tìm thấy phản ánh {ref}", code="feedback_not_found")
    if len(found) > 1:
        raise FeedbackError(
            f"Có nhiều phản ánh bắt đầu bằng {ref}: nhập thêm ký tự", code="feedback_ambiguous"
        )
    return found[0]
