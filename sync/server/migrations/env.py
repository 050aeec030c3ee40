"""Alembic environment of the provincial server: migrations run on the connection
sync/server/schema.py hands over (inside its lock), against the server's own models."""

from __future__ import annotations

from alembic import context

from sync.server.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # e.g. `alembic revision --autogenerate` from a developer shell
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev-server.db"
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
