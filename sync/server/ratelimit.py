"""Per-source rate limits for the password-taking endpoints (enrolment, officer sign-in): a
token bucket per client address, in the server's memory.

Lockouts stop guessing one account's password; this stops one source trying many accounts, and
spending the server's CPU on Argon2id for them. The address is the TCP peer's: behind a reverse
proxy every counter shares the proxy's address, so its limits must be the proxy's job there.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    burst: int  # attempts at once
    per_second: float  # attempts regained per second afterwards


ENROL_LIMIT = Limit(burst=10, per_second=1 / 30)
LOGIN_LIMIT = Limit(burst=30, per_second=1 / 6)
_MAX_SOURCES = 10_000  # beyond this, the full buckets are forgotten


class RateLimiter:
    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # source → (tokens, when)

    def take(self, source: str) -> int:
        """0 when the attempt may go ahead, else how many seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, when = self._buckets.get(source, (float(self.limit.burst), now))
            tokens = min(float(self.limit.burst), tokens + (now - when) * self.limit.per_second)
            if tokens < 1:
                self._buckets[source] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / self.limit.per_second))
            self._buckets[source] = (tokens - 1, now)
            if len(self._buckets) > _MAX_SOURCES:
                self._forget_full(now)
            return 0

    def _forget_full(self, now: float) -> None:
        burst, rate = float(self.limit.burst), self.limit.per_second
        self._buckets = {
            k: (t, w) for k, (t, w) in self._buckets.items() if t + (now - w) * rate < burst
        }
