"""The server's schema version (issue 23 item 3): Alembic migrations instead of ``create_all``.

Every ``motcua-server`` command opens the database through :func:`ensure_current`:

- an **empty** database is brought to the newest revision (the embedded default and a new
  province need no separate step);
- a database **at the newest revision** is used as is — read from ``alembic_version`` with one
  query, without importing Alembic (a quarter of a second every admin command would pay);
- a database **behind** (an older revision, or the tables a server made with ``create_all``
  before migrations existed, with no ``alembic_version``) is refused with the command that
  upgrades it: several instances serve one database, and none may change the schema under the
  others as a side effect of starting. ``motcua-server --db URL migrate`` upgrades it;
- a database **ahead** of this program (a newer release migrated it) is refused too.

On PostgreSQL the migration holds an advisory lock, so two instances or two IT officers running
``migrate`` at once apply each revision once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, text

from .db import ServerDatabase, ServerDatabaseError
from .models import Base, FeedClock

MIGRATIONS = Path(__file__).with_name("migrations")
# the newest revision of sync/server/migrations/versions (tests/sync/test_server_migrations.py
# checks it against Alembic's own reading of the scripts)
SCHEMA_HEAD = "0003"
BASELINE = "0001"  # the schema create_all made before migrations existed
_LOCK_KEY = 0x6D6F74637561  # "motcua": the advisory lock every migrating instance takes


class SchemaBehind(ServerDatabaseError):
    """The database needs ``motcua-server migrate`` (or a newer program) before it is served."""


@dataclass(frozen=True)
class Migrated:
    before: str | None  # None: empty; "legacy": create_all's tables without a version
    after: str


def stored_revision(conn: Connection) -> str | None:
    """The revision in ``alembic_version``; None when the table is missing or empty."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return bool(names & set(Base.metadata.tables))


def state(db: ServerDatabase) -> str:
    """empty | legacy | current | behind | ahead"""
    with db.engine.connect() as conn:
        revision = stored_revision(conn)
        if revision is None:
            return "legacy" if _has_tables(conn) else "empty"
    if revision == SCHEMA_HEAD:
        return "current"
    return "behind" if revision in _known_revisions() else "ahead"


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def _config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def ensure_current(db: ServerDatabase) -> None:
    """Use the database as it is, make an empty one, or refuse one that is behind or ahead."""
    now = state(db)
    if now == "empty":
        create_at_head(db)
        now = state(db)  # another instance may have made it first, with another program
    if now == "current":
        return
    url = db.url.render_as_string(hide_password=True)
    if now == "ahead":
        raise SchemaBehind(
            f"cơ sở dữ liệu {url} đã được nâng cấp bởi phiên bản máy chủ mới hơn: "
            "hãy chạy phiên bản mới đó"
        )
    raise SchemaBehind(
        f"cơ sở dữ liệu {url} theo cấu trúc cũ: cán bộ CNTT hãy sao lưu rồi chạy "
        "'motcua-server --db URL migrate' (mọi phiên bản máy chủ dùng chung cơ sở dữ liệu "
        "này cần được cập nhật cùng lúc)"
    )


def create_at_head(db: ServerDatabase) -> None:
    """An empty database made straight at the newest revision: the models' tables and the head
    in ``alembic_version``, as Alembic's cookbook builds an up-to-date database from scratch. The
    same schema as running every revision (tests/sync/test_server_migrations.py compares both
    with the models), in a tenth of the time: each new test server and each new province pays it
    once, the revisions' Alembic import and DDL add nearly a second."""
    with db.engine.begin() as conn:
        if not db.is_sqlite:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        if stored_revision(conn) is not None or _has_tables(conn):
            return  # another instance made it meanwhile: ensure_current reads which revision
        Base.metadata.create_all(conn)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(
            text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA_HEAD}
        )
    _feed_clock(db)


def _feed_clock(db: ServerDatabase) -> None:
    with db.write() as s:
        if s.get(FeedClock, 1) is None:
            s.add(FeedClock(id=1, value=0))


def migrate(db: ServerDatabase) -> Migrated:
    """Bring the database to the newest revision; a database from before migrations is first
    completed as every start used to (``create_all`` of the baseline's tables) and stamped."""
    from alembic import command

    cfg = _config()
    with db.engine.connect() as conn:
        if not db.is_sqlite:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
            conn.commit()
        try:
            before = stored_revision(conn)
            legacy = before is None and _has_tables(conn)
            if legacy:
                _complete_legacy(conn)
                cfg.attributes["connection"] = conn
                command.stamp(cfg, BASELINE)
                conn.commit()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            after = stored_revision(conn)
        finally:
            if not db.is_sqlite:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                conn.commit()
    _feed_clock(db)
    assert after is not None
    return Migrated("legacy" if legacy else before, after)


def _complete_legacy(conn: Connection) -> None:
    """What the server's every start did before migrations: create the tables it lacked. The
    baseline's tables only — a later revision's tables are that revision's to create."""
    baseline = [t for name, t in Base.metadata.tables.items() if name in _BASELINE_TABLES]
    Base.metadata.create_all(conn, tables=baseline)
    conn.commit()


# the tables of revision 0001, as create_all made them (a later revision adds its own)
_BASELINE_TABLES = frozenset(
    {
        "admin_actions",
        "agencies",
        "audit_anchors",
        "auth_nonces",
        "bank_receipt_series",
        "bank_transactions",
        "blob_refs",
        "blob_uploads",
        "blobs",
        "calendar_days",
        "catalogs",
        "changes",
        "counter_controls",
        "counter_keys",
        "counters",
        "day_sequences",
        "dossiers",
        "events",
        "feed_clock",
        "leases",
        "officer_agencies",
        "officers",
        "online_claims",
        "payment_notifications",
        "payment_secrets",
        "retired_audit_anchors",
        "sign_in_failures",
        "tokens",
        "unmatched_payments",
    }
)
