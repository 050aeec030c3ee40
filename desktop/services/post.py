"""Results by post in the signed-in officer's name (issue 20, item 4): hand a finished result to
the post with its S10 tracking number (role ``post.send``), record the post's delivery (role
``post.deliver``), and list what is with the post or waiting for it. The store writes each event
with its audit entry; the 24-hour clock is desktop/domain/post.py."""

from __future__ import annotations

from datetime import datetime

from desktop.store.dossiers.post import PostDelivery, PostError, PostItem

from .state import DeskState

__all__ = ["PostDesk", "PostError", "PostItem"]


class PostDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _store(self) -> PostDelivery:
        return PostDelivery(self.state.db, self.state.ctx)

    def send(self, code: str, tracking: str) -> PostItem:
        officer = self.state.session.require("post.send")
        return self._store().send(code, officer, tracking)

    def delivered(self, code: str, at: datetime | None = None) -> PostItem:
        officer = self.state.session.require("post.deliver")
        return self._store().delivered(code, officer, at)

    def outstanding(self) -> list[PostItem]:
        """What the post has and has not yet delivered, and what waits to go to it: dossier
        codes and tracking numbers, read as any dossier list is (``dossier.lookup``)."""
        self.state.session.require("dossier.lookup")
        return self._store().outstanding()
