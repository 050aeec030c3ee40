"""Fixtures for the statistics tests: the sync tests' server fixtures (SQLite always, PostgreSQL
when installed) are reused for the centre snapshot."""

from __future__ import annotations

from tests.sync.conftest import db_url, pg_admin_url, server

__all__ = ["db_url", "pg_admin_url", "server"]
