"""Online dossiers in the signed-in officer's name (issue 18): the inbox every counter of the
agency shares, each dossier's check clock, and the three answers — accept (Mẫu 01), ask for
papers (Mẫu 02), refuse (Mẫu 03) — each after taking the server's claim, so no dossier is
checked twice. The answers are audited by the store with their event (``dossier.<event>``);
reading the inbox is audited here by count, never by names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.store.dossiers.lookup import dossier_json
from desktop.store.dossiers.online import OnlineDossiers, OnlineItem, inbox, waiting_row
from desktop.store.dossiers.service import Receipt, find_dossier
from desktop.store.sync.claims import release_claim, take_claim

from .state import DeskState

__all__ = ["OnlineDesk", "OnlineItem"]


class OnlineDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _dossiers(self, username: str) -> OnlineDossiers:
        db, ctx = self.state.db, self.state.ctx

        def claim(dossier_id: str, code: str) -> None:
            take_claim(db, ctx, username, dossier_id, code)

        return OnlineDossiers(db, ctx, claim)

    def inbox(self) -> list[OnlineItem]:
        self.state.session.require("online.read")
        from desktop.store.clock import local_now

        with self.state.db.read() as s:
            items = inbox(s, self.state.ctx, local_now())
        self.state.session.note("online.listed", "", {"rows": len(items)})
        return items

    def show(self, code: str) -> dict[str, Any]:
        """One online dossier as look-up shows it: applicant, documents, files, history."""
        self.state.session.require("dossier.view")
        with self.state.db.read() as s:
            row = find_dossier(s, code)
            found = dossier_json(row)
        self.state.session.note("online.viewed", found.get("code") or "", {})
        return found

    def accept(self, code: str) -> Receipt:
        officer = self.state.session.require("online.check")
        return self._dossiers(officer.username).accept(code, officer)

    def request_supplement(self, code: str, reason: str, missing: Sequence[str] = ()) -> Receipt:
        officer = self.state.session.require("online.check")
        return self._dossiers(officer.username).request_supplement(code, officer, reason, missing)

    def reject(self, code: str, reason: str) -> Receipt:
        officer = self.state.session.require("online.check")
        return self._dossiers(officer.username).reject(code, officer, reason)

    def release(self, code: str) -> None:
        """Give the claim back so another counter may check the dossier."""
        officer = self.state.session.require("online.check")
        db, ctx = self.state.db, self.state.ctx
        with db.read() as s:
            row = waiting_row(s, code)
            did, real = row.id, row.code or row.id
        release_claim(db, ctx, officer.username, did, real)
        self.state.session.note("online.released", real, {})
