"""The server's schema by Alembic migrations (issue 23 item 3): an empty database is made at the
newest revision, a database the server made before migrations is refused until `migrate`
completes and stamps it (its data kept), one from a newer program is refused; on SQLite and
PostgreSQL alike the migrated schema is exactly the models'."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from sync.server import cli
from sync.server.db import ServerDatabase
from sync.server.models import AgencyRow, Base, FeedClock
from sync.server.schema import _BASELINE_TABLES, MIGRATIONS, SCHEMA_HEAD, state


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_head_constant_is_alembics_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def _is_models_schema_at_head(url: str) -> None:
    db = ServerDatabase(url)
    try:
        assert state(db) == "current"
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        with db.read() as s:
            assert s.get(FeedClock, 1) is not None
    finally:
        db.close()


def test_an_empty_database_is_made_at_the_head_with_the_models_schema(db_url: str) -> None:
    """Both ways to the head give the models' schema: every revision in turn (`migrate`), and
    the shortcut a first start takes (the models' tables, stamped)."""
    code, out, err = _run("--db", db_url, "migrate")
    assert code == 0 and f"trống → phiên bản {SCHEMA_HEAD}" in out, err
    _is_models_schema_at_head(db_url)
    other = db_url.replace("server.db", "server2.db") if "sqlite" in db_url else None
    if other is not None:
        code, _out, err = _run("--db", other, "report")
        assert code == 0, err
        _is_models_schema_at_head(other)


def test_a_database_from_before_migrations_is_refused_until_migrated(db_url: str) -> None:
    # what every start of the server made before this change: create_all, and data in it
    old = ServerDatabase(db_url)
    shipped = [t for n, t in Base.metadata.tables.items() if n in _BASELINE_TABLES]
    Base.metadata.create_all(old.engine, tables=shipped)
    with old.write() as s:
        s.add(FeedClock(id=1, value=41))
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agencies (code, code_template, max_seq, emergency_size, created_at) "
                "VALUES ('000.00.00.H01', '{agency}-{yyMMdd}-{seq:04d}', 9999, 50, "
                "'2026-01-02 03:04:05')"
            )
        )
    old.close()

    code, out, err = _run("--db", db_url, "report")
    assert code == 1 and "migrate" in err and "Traceback" not in err, err
    assert out == ""
    code, out, err = _run("--db", db_url, "migrate")
    assert code == 0, err
    assert "cấu trúc trước khi có phiên bản → phiên bản " + SCHEMA_HEAD in out
    assert _run("--db", db_url, "migrate")[1].startswith(f"Cơ sở dữ liệu: phiên bản {SCHEMA_HEAD}")
    db = ServerDatabase(db_url)
    try:
        assert state(db) == "current"
        with db.read() as s:
            assert s.get(FeedClock, 1).value == 41  # type: ignore[union-attr]
            assert s.scalars(select(AgencyRow.code)).all() == ["000.00.00.H01"]
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.close()
    assert _run("--db", db_url, "report")[0] == 0


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert _run("--db", url, "report")[0] == 0
    db = ServerDatabase(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    code, _out, err = _run("--db", url, "report")
    assert code == 1 and "phiên bản máy chủ mới hơn" in err, err


def test_a_database_at_an_older_revision_is_refused_until_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    db = ServerDatabase(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    from alembic import command

    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
    db.close()
    code, _out, err = _run("--db", url, "report")
    assert code == 1 and "migrate" in err, err
    code, out, err = _run("--db", url, "migrate")
    assert code == 0 and f"phiên bản 0001 → phiên bản {SCHEMA_HEAD}" in out, err
    _is_models_schema_at_head(url)
