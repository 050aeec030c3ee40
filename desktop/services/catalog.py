"""The counter's catalog of procedures: anyone at the counter may read it (it is public, as
the province's portal lists it: :meth:`Desk.procedures`); importing a new one is an
administrator's action, checked in the role table and audited."""

from __future__ import annotations

from pathlib import Path

from desktop.store.catalog import import_catalog
from desktop.store.resources import load_catalog

from .state import DeskState


class CatalogDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def import_file(self, path: Path | str) -> tuple[int, str]:
        """Insert or update every procedure of the catalog file: how many, and its version."""
        self.state.session.require("catalog.import")
        catalog = load_catalog(path)
        with self.state.db.write() as s:
            n = import_catalog(s, catalog)
        self.state.session.note("catalog.imported", catalog.version, {"count": n})
        self.state.reload()
        return n, catalog.version
