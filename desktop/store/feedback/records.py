"""Writing the feedback register: each change is an append-only entry (uuid id) folded into its
item, queued for the provincial server and audited, all in one transaction. What is audited is
the item's id, the kind of entry and the channel — never a name, a phone number or a text.

Every entry is checked first against the very model the server validates it with
(``FeedbackEntry`` in sync/protocol.py), so nothing is written that the server would refuse
for its shape; a refusal leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import uuid4

from pydantic import ValidationError
from sqlalchemy.orm import Session
from uuid6 import uuid7

from desktop.domain.applicants import normalise_phone
from desktop.domain.feedback import (
    Channel,
    FeedbackError,
    Kind,
    State,
    check_received_at,
    clean_name,
    clean_text,
    next_state,
)
from desktop.domain.validation import describe_errors
from desktop.store.accounts import audit
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import FeedbackEntryRow, FeedbackItem
from sync.protocol import FeedbackEntry

from .reads import FeedbackView, entry_facts, find_item, view_of


def fold(item: FeedbackItem, kind: Kind, at: datetime, text: str | None) -> None:
    """An entry's effect on its item (after :func:`next_state` allowed it)."""
    item.state = next_state(State(item.state), kind, item.id[:8]).value
    if kind is Kind.PROGRESS:
        item.last_update_at = max(at, item.last_update_at or at)
    elif kind is Kind.ANSWERED:
        item.answered_at, item.answer = at, text
    elif kind is Kind.PUBLISHED:
        item.published_at = at


def entry_row(
    wire: FeedbackEntry | None,
    *,
    id: str,
    feedback_id: str,
    kind: Kind,
    at: datetime,
    officer: str,
    counter: str,
    text: str | None,
    origin: str,
) -> FeedbackEntryRow:
    return FeedbackEntryRow(
        id=id,
        feedback_id=feedback_id,
        kind=kind.value,
        at=at,
        officer=officer,
        counter=counter,
        text=text,
        origin=origin,
        wire=wire.model_dump_json().encode() if wire is not None else None,
        recorded_at=local_now(),
    )


def _checked(fields: dict[str, Any]) -> FeedbackEntry:
    try:
        return FeedbackEntry.model_validate(fields)
    except ValidationError as exc:
        raise FeedbackError(
            f"Máy chủ tỉnh sẽ không nhận phản ánh này, chưa ghi gì: {describe_errors(exc)}",
            code="feedback_unsendable",
        ) from None


class FeedbackRecords:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock

    def add(
        self,
        officer: str,
        *,
        text: str,
        from_name: str,
        channel: Channel,
        phone: str | None = None,
        dossier: str | None = None,
        received_at: datetime | None = None,
    ) -> FeedbackView:
        now = self.clock().replace(microsecond=0)
        body = clean_text(text)
        name = clean_name(from_name)
        number = None
        if phone is not None and phone.strip():
            try:
                number = normalise_phone(phone.strip())
            except ValueError:
                raise FeedbackError(
                    "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)", code="bad_phone"
                ) from None
        when = check_received_at(received_at or now, now, self.ctx.profile.reception.backdate_days)
        # an item's id is random, not time-ordered: officers name it by its first 8 characters
        fid, eid = str(uuid4()), str(uuid7())
        with self.db.write() as s:
            dossier_id = dossier_code = None
            if dossier is not None and dossier.strip():
                try:
                    d = find_dossier(s, dossier)
                except ActionError as exc:
                    raise FeedbackError(str(exc), code="dossier_not_found") from None
                dossier_id, dossier_code = d.id, d.code
            wire = _checked(
                {
                    "id": eid,
                    "feedback_id": fid,
                    "kind": Kind.RECEIVED.value,
                    "at": when,
                    "officer": officer,
                    "text": body,
                    "channel": channel.value,
                    "from_name": name,
                    "phone": number,
                    "dossier_id": dossier_id,
                    "dossier_code": dossier_code,
                }
            )
            item = FeedbackItem(
                id=fid,
                received_at=when,
                channel=channel.value,
                from_name=name,
                phone=number,
                text=body,
                dossier_id=dossier_id,
                dossier_code=dossier_code,
                counter=self.ctx.counter,
                officer=officer,
                state=next_state(None, Kind.RECEIVED).value,
                created_at=now,
            )
            s.add(item)
            s.flush()
            s.add(
                entry_row(
                    wire,
                    id=eid,
                    feedback_id=fid,
                    kind=Kind.RECEIVED,
                    at=when,
                    officer=officer,
                    counter=self.ctx.counter,
                    text=body,
                    origin="counter",
                )
            )
            detail: audit.Detail = {"channel": channel.value, "dossier": dossier_code}
            audit.record(s, officer, "feedback.added", fid, detail)
            return view_of(item, self.ctx.calendar, now)

    def progress(self, ref: str, officer: str, text: str) -> FeedbackView:
        return self._append(ref, officer, Kind.PROGRESS, clean_text(text), "feedback.progress")

    def answer(self, ref: str, officer: str, text: str) -> FeedbackView:
        return self._append(ref, officer, Kind.ANSWERED, clean_text(text), "feedback.answered")

    def publish(self, ref: str, officer: str) -> FeedbackView:
        return self._append(ref, officer, Kind.PUBLISHED, None, "feedback.published")

    def _append(
        self, ref: str, officer: str, kind: Kind, text: str | None, action: str
    ) -> FeedbackView:
        now = self.clock().replace(microsecond=0)
        with self.db.write() as s:
            item = find_item(s, ref)
            fold(item, kind, now, text)  # refused here: nothing added yet
            eid = str(uuid7())
            wire = _checked(
                {
                    "id": eid,
                    "feedback_id": item.id,
                    "kind": kind.value,
                    "at": now,
                    "officer": officer,
                    "text": text,
                }
            )
            s.add(
                entry_row(
                    wire,
                    id=eid,
                    feedback_id=item.id,
                    kind=kind,
                    at=now,
                    officer=officer,
                    counter=self.ctx.counter,
                    text=text,
                    origin="counter",
                )
            )
            s.flush()
            audit.record(s, officer, action, item.id, {"state": item.state})
            return _view(s, item, self.ctx, now)


def _view(s: Session, item: FeedbackItem, ctx: CounterContext, now: datetime) -> FeedbackView:
    return view_of(item, ctx.calendar, now, *entry_facts(s, [item.id]).get(item.id, (0, 0, None)))
