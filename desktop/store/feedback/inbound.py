"""Feedback entered at the agency's other counters, from the change feed (``FeedbackChange``):
folded into the register like this counter's own, so every counter of the agency (and the
supervisor's statistics) sees the same items. An entry already here is skipped; one that does
not fit (an answer to an item answered here meanwhile) is a conflict for the supervisor,
never an exception."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.feedback import Channel, FeedbackError, Kind, State, next_state
from desktop.store.clock import local_now
from desktop.store.models import FeedbackEntryRow, FeedbackItem
from sync.engine import ApplyReport
from sync.protocol import FeedbackChange, forbidden_char

from .records import entry_row, fold

Conflict = Callable[[Session, str, str, str], None]


def apply_feedback(
    s: Session, item: FeedbackChange, report: ApplyReport, conflict: Conflict
) -> None:
    e = item.entry
    eid = str(e.id)
    if s.scalar(select(FeedbackEntryRow.seq).where(FeedbackEntryRow.id == eid)) is not None:
        report.skipped += 1
        return
    problem = _problem(item)
    try:
        if problem is not None:
            raise FeedbackError(problem)
        kind = Kind(e.kind)
        fid = str(e.feedback_id)
        with s.begin_nested():
            row = s.get(FeedbackItem, fid)
            if kind is Kind.RECEIVED:
                if row is not None:
                    next_state(State(row.state), kind, fid[:8])  # refuses: already here
                s.add(_item(item))
                s.flush()
            elif row is None:
                raise FeedbackError(f"phản ánh {fid[:8]} chưa có ở quầy này")
            else:
                fold(row, kind, e.at, e.text)
            s.add(
                entry_row(
                    None,
                    id=eid,
                    feedback_id=fid,
                    kind=kind,
                    at=e.at,
                    officer=e.officer,
                    counter=item.counter,
                    text=e.text,
                    origin="remote",
                )
            )
    except FeedbackError as exc:
        conflict(s, "feedback", eid, f"phản ánh từ quầy {item.counter}: {exc}")
        report.conflicts += 1
        return
    report.applied += 1


def _problem(item: FeedbackChange) -> str | None:
    """What the feed is only bounded for, not checked (an old or foreign row cannot stall it)."""
    e = item.entry
    for text in (e.text, e.from_name, e.phone, e.dossier_code, e.officer, item.counter):
        if text is not None and forbidden_char(text) is not None:
            return "chứa ký tự không được phép"
    if e.kind == "received" and (e.channel is None or not e.from_name or not e.text):
        return "thiếu kênh, người gửi hoặc nội dung"
    if e.kind in ("progress", "answered") and not e.text:
        return "thiếu nội dung"
    return None


def _item(item: FeedbackChange) -> FeedbackItem:
    e = item.entry
    return FeedbackItem(
        id=str(e.feedback_id),
        received_at=e.at,
        channel=Channel(e.channel or "counter").value,
        from_name=e.from_name or "",
        phone=e.phone,
        text=e.text or "",
        dossier_id=str(e.dossier_id) if e.dossier_id else None,
        dossier_code=e.dossier_code,
        counter=item.counter,
        officer=e.officer,
        state=State.OPEN.value,
        created_at=local_now(),
    )
