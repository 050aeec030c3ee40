"""Per-source rate limits for the password-taking endpoints (enrolment, officer sign-in): a
token bucket per client address, kept in the server's database.

Lockouts stop guessing one account's password; this stops one source trying many accounts, and
spending the server's CPU on Argon2id for them. The buckets are rows of ``rate_buckets``, not
process memory (issue 23): a province runs several instances behind a load balancer, or
``--workers N`` on one host, and a guesser whose attempts land on each in turn must run out at
the same count as against one process (tests/sync/test_shared_lockout.py). The lockouts
themselves (sync/server/auth.py) were already counted in the database.

Each attempt is one short write transaction: on PostgreSQL the bucket's row is locked
(``SELECT … FOR UPDATE``) so two instances taking from it at once take one attempt each; on
SQLite the write transaction already serialises them. The time is the wall clock, which the
instances' hosts share (NTP), not one process's monotonic clock.

The address is the TCP peer's: behind a reverse proxy every counter shares the proxy's address,
so its limits must be the proxy's job there.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .models import RateBucketRow

if TYPE_CHECKING:
    from .db import ServerDatabase


@dataclass(frozen=True)
class Limit:
    burst: int  # attempts at once
    per_second: float  # attempts regained per second afterwards


ENROL_LIMIT = Limit(burst=10, per_second=1 / 30)
LOGIN_LIMIT = Limit(burst=30, per_second=1 / 6)
MAX_SOURCE = 80  # the column's width; an address is far shorter


class RateLimiter:
    """``name`` keeps one limiter's buckets apart from another's in the shared table."""

    def __init__(self, limit: Limit, db: ServerDatabase, name: str) -> None:
        self.limit = limit
        self.db = db
        self.name = name

    def take(self, source: str) -> int:
        """0 when the attempt may go ahead, else how many seconds to wait. Runs a write
        transaction: call it from a worker thread, not the event loop."""
        now = time.time()
        key = source[:MAX_SOURCE]
        burst, rate = float(self.limit.burst), self.limit.per_second
        insert = sqlite_insert if self.db.is_sqlite else pg_insert
        with self.db.write() as s:
            new: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                insert(RateBucketRow)
                .values(limiter=self.name, source=key, tokens=burst, updated_at=now)
                .on_conflict_do_nothing()
            )
            if new.rowcount:
                # a source not seen lately: the table grows, so forget the buckets that were not
                # touched for so long that they are full again (it holds only recent sources)
                s.execute(
                    delete(RateBucketRow).where(
                        RateBucketRow.limiter == self.name,
                        RateBucketRow.updated_at < now - burst / rate,
                    )
                )
            tokens, when = s.execute(
                select(RateBucketRow.tokens, RateBucketRow.updated_at)
                .where(RateBucketRow.limiter == self.name, RateBucketRow.source == key)
                .with_for_update()
            ).one()
            # another instance's clock may be a little ahead: never count time backwards
            tokens = min(burst, tokens + max(0.0, now - when) * rate)
            wait = 0
            if tokens < 1:
                wait = max(1, math.ceil((1 - tokens) / rate))
            else:
                tokens -= 1
            s.execute(
                update(RateBucketRow)
                .where(RateBucketRow.limiter == self.name, RateBucketRow.source == key)
                .values(tokens=tokens, updated_at=max(now, when))
            )
        return wait
