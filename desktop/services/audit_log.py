"""The officers' action log (DESIGN.md §9): reading its latest entries is a supervisor's
action, and is itself audited by how many were read; checking that nothing was edited or
removed shows no personal data (only entry numbers), so IT may run it without signing in."""

from __future__ import annotations

from desktop.domain.refusal import Refusal
from desktop.store.accounts import audit
from desktop.store.accounts.audit import Verdict as Verdict
from desktop.store.models import AuditEntry as AuditEntry
from desktop.store.sync.local import DeviceCredentials
from desktop.store.sync.server_link import CaBundleError, open_client
from sync.client import Refused
from sync.connectivity import Unreachable

from .state import DeskState


class AnchorUnavailable(Refusal):
    """The server could not be asked for the anchor it holds; the message says why."""


class AuditDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def entries(self, limit: int, officer: str | None = None) -> list[AuditEntry]:
        """The latest ``limit`` entries, newest first (only ``officer``'s when given)."""
        self.state.session.require("audit.read")
        with self.state.db.read() as s:
            rows = audit.recent(s, limit, officer=officer)
        self.state.session.note(
            "audit.listed", "", {"count": len(rows), "one_officer": officer is not None}
        )
        return rows

    def verify(self, *, online: bool) -> Verdict:
        """Check the hash chain, and with ``online`` also against the anchor the province's
        server holds (which catches the log's tail removed together with its local anchor)."""
        state = self.state
        server_anchor = None
        if online:
            if not state.ctx.server_url:
                raise AnchorUnavailable("Quầy không có máy chủ tỉnh để đối chiếu")
            creds = DeviceCredentials(state.db, state.ctx)
            try:
                with open_client(state.ctx.data_dir, state.ctx.server_url, creds) as client:
                    held = client.audit_anchor()
            except (Unreachable, Refused, CaBundleError) as exc:
                raise AnchorUnavailable(f"Không hỏi được máy chủ tỉnh: {exc}") from None
            if held.seq > 0:
                server_anchor = audit.Head(held.seq, held.mac)
        with state.db.read() as s:
            return audit.verify(s, server_anchor=server_anchor)
