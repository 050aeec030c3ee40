"""`/healthz` and `/readyz` (issue 23 item 4), over loopback from the real server: alive is
alive whatever the database; ready only with the database at this program's schema revision
and a writable file store, and a 503 naming the failing part otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tests.synctools import ServerProcess


def test_alive_and_ready_and_which_part_is_not(sqlite_server: ServerProcess) -> None:
    with httpx.Client(base_url=sqlite_server.url, timeout=10) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        ready = http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "database": "ok", "files": "ok"}

        # the file store cannot take an upload: not ready, still alive
        partial = Path(sqlite_server.blobs) / "partial"
        shutil.rmtree(partial)
        partial.write_bytes(b"")
        ready = http.get("/readyz")
        assert ready.status_code == 503 and ready.json()["files"] == "unwritable"
        assert ready.json()["database"] == "ok"
        partial.unlink()
        partial.mkdir()

        # another program changed the schema under this instance
        engine = create_engine(sqlite_server.db_url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
        engine.dispose()
        ready = http.get("/readyz")
        assert ready.status_code == 503
        assert ready.json() == {"status": "not_ready", "database": "schema_behind", "files": "ok"}
        assert http.get("/healthz").status_code == 200
