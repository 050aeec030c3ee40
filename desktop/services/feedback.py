"""The feedback register in the signed-in officer's name (issue 20 item 3; QĐ 84/2025 Quảng
Ninh Điều 17.3.b, 18): the list with its clocks, a new item, a progress update, the answer and
its publication. The store writes each entry with its audit entry; the list read is audited
here by count. Entering and updating is the counter staff's (``feedback.add``), answering and
publishing the supervisor's (``feedback.answer``)."""

from __future__ import annotations

from datetime import datetime

from desktop.domain.feedback import SOURCE, Channel, FeedbackError, State, parse_channel
from desktop.store.clock import local_now
from desktop.store.feedback.reads import FeedbackView, list_feedback
from desktop.store.feedback.records import FeedbackRecords

from .state import DeskState

__all__ = ["SOURCE", "Channel", "FeedbackDesk", "FeedbackError", "FeedbackView", "State"]


class FeedbackDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _records(self) -> FeedbackRecords:
        return FeedbackRecords(self.state.db, self.state.ctx)

    def list(self, *, open_only: bool = False) -> list[FeedbackView]:
        self.state.session.require("feedback.read")
        with self.state.db.read() as s:
            items = list_feedback(s, self.state.ctx.calendar, local_now(), open_only=open_only)
        self.state.session.note("feedback.listed", "", {"rows": len(items)})
        return items

    def add(
        self,
        text: str,
        from_name: str,
        channel: Channel | str = Channel.COUNTER,
        *,
        phone: str | None = None,
        dossier: str | None = None,
        received_at: datetime | None = None,
    ) -> FeedbackView:
        officer = self.state.session.require("feedback.add")
        kind = channel if isinstance(channel, Channel) else parse_channel(channel)
        return self._records().add(
            officer.username,
            text=text,
            from_name=from_name,
            channel=kind,
            phone=phone,
            dossier=dossier,
            received_at=received_at,
        )

    def update(self, ref: str, text: str) -> FeedbackView:
        officer = self.state.session.require("feedback.add")
        return self._records().progress(ref, officer.username, text)

    def answer(self, ref: str, text: str) -> FeedbackView:
        officer = self.state.session.require("feedback.answer")
        return self._records().answer(ref, officer.username, text)

    def publish(self, ref: str) -> FeedbackView:
        officer = self.state.session.require("feedback.answer")
        return self._records().publish(ref, officer.username)
