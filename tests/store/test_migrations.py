"""The Alembic migrations build exactly the schema the models describe: a database created by
upgrading from nothing has no difference from the models (no forgotten index or column)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop.store.db import Database
from desktop.store.models import Base


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = Database.open(tmp_path, create=True)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.close()
    assert diff == []
