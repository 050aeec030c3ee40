"""Handing received dossiers to the specialist unit, in the signed-in officer's name (issue 18,
item 4): what is due with its deadline, the units of the catalog, and the hand-over itself
(``handed_over`` events, audited by the store with each event; the list read is audited here by
count)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.store.clock import local_now
from desktop.store.dossiers.handover import Handover, HandoverItem, Handovers, due, units

from .state import DeskState

__all__ = ["Handover", "HandoverDesk", "HandoverItem"]


class HandoverDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def due(self) -> list[HandoverItem]:
        self.state.session.require("handover.read")
        with self.state.db.read() as s:
            items = due(s, self.state.ctx, local_now())
        self.state.session.note("handover.listed", "", {"rows": len(items)})
        return items

    def units(self) -> list[str]:
        with self.state.db.read() as s:
            return units(s)

    def deadline_source(self) -> tuple[float, str]:
        """The profile's hand-over deadline in working hours, and the article it comes from."""
        d = self.state.ctx.profile.handover_deadline
        return d.working_hours, d.source

    def create(self, codes: Sequence[str], unit: str) -> Handover:
        officer = self.state.session.require("handover.create")
        return Handovers(self.state.db, self.state.ctx).create(codes, unit, officer)
