"""What the services of one open data dir share: where it is, its database, the counter's
context and who is signed in. Each service holds this object rather than the :class:`Desk`, so
the services do not import one another in a circle."""

from __future__ import annotations

from pathlib import Path

from desktop.store.counter import CounterContext, load_context
from desktop.store.db import Database

from .session import Session


class DeskState:
    def __init__(self, data_dir: Path, db: Database, ctx: CounterContext) -> None:
        self.data_dir = data_dir
        self.db = db
        self.ctx = ctx
        self.session = Session(db)

    def reload(self) -> None:
        """Pick up what sync changed: calendar, emergency range, catalog."""
        self.ctx = load_context(self.db, self.data_dir)
