"""The office the counter belongs to, as every form prints it (issue 21): anyone at the counter
may see it (it is on every paper), only an administrator may change it, and the change is
audited. The province may also set it through the server (desktop/store/office.py says which
of the two stands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.domain.office import OfficeLines, check_office
from desktop.store.accounts import audit
from desktop.store.office import OfficeRecord, load_office, save_office

if TYPE_CHECKING:
    from .state import DeskState

__all__ = ["OfficeDesk", "OfficeRecord"]


class OfficeDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def current(self) -> OfficeRecord:
        with self.state.db.read() as s:
            return load_office(s, self.state.ctx.profile.province_name)

    def set(
        self, authority: str, name: str, place: str, number_prefix: str | None = None
    ) -> OfficeRecord:
        """Check and store the office; a refusal (a bad line, no right) changes nothing.
        ``number_prefix`` None keeps the one in force."""
        officer = self.state.session.require("office.set")
        if number_prefix is None:
            number_prefix = self.current().lines.number_prefix
        lines: OfficeLines = check_office(authority, name, place, number_prefix)
        with self.state.db.write() as s:
            record = save_office(s, lines, by=officer.username)
            # the office's public heading, not a citizen's data: the audit may name it
            audit.record(
                s,
                officer.username,
                "office.set",
                self.state.ctx.agency,
                {
                    "authority": lines.authority,
                    "name": lines.name,
                    "place": lines.place,
                    "number_prefix": lines.number_prefix,
                },
            )
        self.state.reload()  # the next form printed in this process carries the new heading
        return record
