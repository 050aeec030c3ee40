"""The sync benchmark's limit: the same stack (uvicorn, FastAPI, SQLite with the server's
pragmas) with an endpoint that only splits a batch and writes each event's JSON to a table,
one transaction per batch — no validation, no indexes, no dossiers, no feed.

    python -m bench.raw_sink DB_PATH   (prints "listening http://127.0.0.1:PORT")
"""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
import threading

import uvicorn
from fastapi import FastAPI, Request, Response


def make_app(path: str) -> FastAPI:
    app = FastAPI()
    local = threading.local()

    def conn() -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(local, "db", None)
        if db is None:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("CREATE TABLE IF NOT EXISTS raw (id TEXT PRIMARY KEY, body TEXT)")
            local.db = db
        return db

    @app.post("/raw")
    async def raw(request: Request) -> Response:
        events = json.loads(await request.body())["events"]

        def write() -> None:
            db = conn()
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT OR IGNORE INTO raw VALUES (?, ?)",
                [(e["id"], json.dumps(e)) for e in events],
            )
            db.execute("COMMIT")

        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(write)
        return Response(b'{"ok": true}', media_type="application/json")

    return app


def main() -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    print(f"listening http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(
        make_app(sys.argv[1]), log_level="warning", access_log=False, lifespan="off"
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
