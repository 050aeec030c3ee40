"""Attaching scanned documents to a dossier, for ``motcua scan``: the role checked against the
one table (DESIGN.md §9) before any paper moves, and again when the PDF is attached. The scan
itself runs in :mod:`desktop.devices`; the store records the attachment as one of the dossier's
events, which writes its audit entry (``dossier.attached``: the code and the event, never the
document's name) in the same transaction."""

from __future__ import annotations

from desktop.store.dossiers.scans import AttachedScan, attach_scan, check_can_attach

from .state import DeskState

__all__ = ["AttachedScan", "Scanning"]


class Scanning:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def check(self, code: str, document: str) -> str:
        """Refuse now what :meth:`attach` would refuse after the scan; the dossier's code."""
        officer = self.state.session.require("dossier.attach")
        return check_can_attach(self.state.db, code, officer, document)

    def attach(
        self, code: str, document: str, filename: str, pdf: bytes, pages: int
    ) -> AttachedScan:
        officer = self.state.session.require("dossier.attach")
        return attach_scan(
            self.state.db, self.state.ctx, code, officer, document, filename, pdf, pages
        )
