"""``GET /healthz`` and ``GET /readyz`` for the load balancer in front of a province's instances
(issue 23 item 4), at the root where load balancers and orchestrators look for them.

- ``/healthz``: the process answers (its event loop runs). Touches nothing else, so a database
  outage never makes a balancer or a supervisor restart healthy processes.
- ``/readyz``: this instance can serve: its database answers a query at the schema revision
  this program expects, and its file store takes uploads (a local folder is writable, an
  object store's bucket answers). 503 with which part failed otherwise, so the balancer sends
  counters to an instance that can take their batches.

Neither says more than ``ok`` or the failing part's name: they are unauthenticated.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from ..schema import SCHEMA_HEAD, stored_revision
from ..threads import in_store_thread
from .deps import State

router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(state: State) -> JSONResponse:
    # the store's check in a store thread (sync/server/threads.py): a store that hangs keeps
    # this probe waiting, not the pushes
    checks = {
        "database": await run_in_threadpool(_database, state),
        "files": await in_store_thread(lambda: _files(state)),
    }
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not_ready", **checks},
        status_code=200 if ready else 503,
        headers={"Cache-Control": "no-store"},
    )


def _database(state: State) -> str:
    try:
        with state.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if stored_revision(conn) != SCHEMA_HEAD:
                return "schema_behind"
    except Exception:  # any failure to answer is "not ready", never a 500 with its trace
        return "unreachable"
    return "ok"


def _files(state: State) -> str:
    """``ok``, or the store's failure: ``unwritable`` (a folder), ``unreachable``, ``denied``,
    ``no_bucket`` (an object store)."""
    try:
        return state.files.check()
    except Exception:  # never a 500 with its trace
        return "unreachable"
