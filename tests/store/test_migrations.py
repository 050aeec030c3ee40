"""The Alembic migrations build exactly the schema the models describe: a database created by
upgrading from nothing has no difference from the models (no forgotten index or column)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop.store.db import Database
from desktop.store.models import Base
from tests.conftest import Counter


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = Database.open(tmp_path, create=True)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.close()
    assert diff == []


def test_an_upgraded_counter_tracks_hand_overs_from_the_upgrade_on(counter: Counter) -> None:
    """Dossiers received before the upgrade went to their unit on paper: they are not listed as
    overdue hand-overs; a new counter tracks everything it receives (migration 0010)."""
    from datetime import timedelta

    from alembic import command
    from alembic.config import Config

    from desktop.domain.reception import parse_form
    from desktop.store.clock import local_now
    from desktop.store.db import MIGRATIONS
    from desktop.store.dossiers.handover import due, tracked_since
    from tests.conftest import minimal_form
    from tests.synctools import OFFICER

    counter.now = local_now() - timedelta(minutes=10)  # before the upgrade, to the second
    old = counter.service.receive(parse_form(minimal_form()), OFFICER)
    counter.now = None
    with counter.db.read() as s:
        assert tracked_since(s) is None
        assert [i.code for i in due(s, counter.ctx, local_now())] == [old.code]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with counter.db.engine.connect().execution_options(write=True) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
        command.upgrade(cfg, "head")
        conn.commit()
    new = counter.service.receive(parse_form(minimal_form()), OFFICER)
    with counter.db.read() as s:
        assert tracked_since(s) is not None
        assert [i.code for i in due(s, counter.ctx, local_now())] == [new.code]
