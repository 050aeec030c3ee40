"""The reference provincial server's HTTP API (``/api/v1``), a FastAPI app built from the
routers of sync/server/routes/.

``create_app`` builds one app's ``ServerState`` (database, blob files, statistics publisher,
rate limiters) and keeps it on ``app.state.server``, where the routes' dependencies find it
(routes/deps.py); nothing is shared between two apps of one process.

Anything malformed, oversized or unauthorised gets a 4xx with ``{"error": {"code", "message"}}``
and never a 500; a 500 means a bug, and its details go to the log, not to the client
(routes/errors.py).
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from sync.limits import API_PREFIX

from .blobs import BlobStore
from .db import ServerDatabase
from .logs import RequestLog
from .ratelimit import ENROL_LIMIT, LOGIN_LIMIT, Limit, RateLimiter
from .routes import (
    audit,
    auth,
    blobs,
    events,
    feedback,
    health,
    leases,
    online,
    payments,
    probes,
)
from .routes.deps import ServerState, state_of
from .routes.errors import install_handlers
from .stats import DEFAULT_MAX_AGE
from .stats_worker import StatsPublisher

__all__ = ["ServerState", "create_app", "state_of"]


def create_app(
    db: ServerDatabase,
    files: BlobStore,
    stats_max_age: timedelta | None = DEFAULT_MAX_AGE,
    sign_in_limits: tuple[Limit, Limit] = (ENROL_LIMIT, LOGIN_LIMIT),
) -> FastAPI:
    """``stats_max_age``: a pull first refreshes the agency's statistics snapshot when it is older
    (sync/server/stats.py); None publishes only on ``motcua-server stats publish``.
    ``sign_in_limits``: attempts per client address at enrolment and at officer sign-in."""
    app = FastAPI(title="Quầy Một Cửa — máy chủ tỉnh (tham chiếu)", docs_url=None, redoc_url=None)
    enrol_limit, login_limit = sign_in_limits
    app.state.server = ServerState(
        db=db,
        files=files,
        stats=StatsPublisher(db, stats_max_age),
        # in the database: every instance on it counts the same attempts (ratelimit.py)
        enrol_limit=RateLimiter(enrol_limit, db, "enrol"),
        login_limit=RateLimiter(login_limit, db, "login"),
    )
    install_handlers(app)
    for module in (health, auth, events, leases, blobs, online, audit, payments, feedback):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(probes.router)  # at the root, where load balancers look
    app.add_middleware(RequestLog)  # one JSON line per request, no personal data (logs.py)
    return app
