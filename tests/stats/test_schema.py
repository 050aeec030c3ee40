"""The statistics indexes of migration 0004 are the models' (Alembic's comparison ignores the
WHERE of a partial index, so this compares the DDL), and the queries use them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from desktop.domain.stats.period import month
from desktop.store.db import Database
from desktop.store.models import Base
from desktop.store.stats import sql as stats_sql

NAMES = (
    "ix_dossiers_finished",
    "ix_dossiers_unfinished",
    "ix_dossiers_returned",
    "ix_events_rescheduled",
)


def _normal(sql: str) -> str:
    return " ".join(sql.replace("\n", " ").split()).replace("( ", "(").replace(" )", ")")


def test_migrated_indexes_equal_the_models(tmp_path: Path) -> None:
    db = Database.open(tmp_path, create=True)
    try:
        with db.engine.connect() as conn:
            stored = dict(
                conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                ).all()
            )
    finally:
        db.close()
    models = {
        ix.name: str(CreateIndex(ix).compile(dialect=sqlite.dialect()))
        for table in Base.metadata.tables.values()
        for ix in table.indexes
    }
    for name in NAMES:
        assert _normal(stored[name]) == _normal(models[name]), name


def test_the_summary_reads_through_the_statistics_indexes(tmp_path: Path) -> None:
    from desktop.domain.calendar import WorkingCalendar
    from desktop.domain.stats.worktime import WorkIndex

    db = Database.open(tmp_path, create=True)
    period = month(2024, 3)
    index = WorkIndex.build(WorkingCalendar(), period.first, period.last)
    try:
        with db.read() as s:
            stats_sql.load_workdays(s, index)
            sql = stats_sql.aggregate_sql(index, False, None)
            values = stats_sql.params(period, period.last, None)
            plan = " | ".join(
                str(r[-1])
                for r in s.connection().exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + _positional(sql), tuple(values[k] for k in _order(sql))
                )
            )
    finally:
        db.close()
    for name in NAMES:
        assert name in plan, (name, plan)


def _order(sql: str) -> list[str]:
    import re

    return re.findall(r":([a-z_]+)", sql)


def _positional(sql: str) -> str:
    import re

    return re.sub(r":[a-z_]+", "?", sql)
