"""The instance's worker threads. A route that blocks — on the database, on the file store —
runs in a thread while the event loop serves the other connections; how many run at once is a
choice with two sides (issue 23).

- Database work (every synchronous route and dependency: pushes, sign-ins, the feed) shares
  the default limiter, ``--threads`` at once (8 by default). More runnable threads than that do
  not make a Python process faster: they queue for the interpreter lock, and every hand-over
  costs CPU. In the province benchmark (200 counters, 2 instances, 2 CPUs) 8 threads served
  the catch-up 25 % faster than anyio's 40, at half the batch latency, with less CPU per event
  in the server and in PostgreSQL. A database far away (each request waiting out its round
  trips in a thread) wants more.
- The file store has a limiter of its own (``STORE_THREADS``): an object store that hangs holds
  a request until its client's timeouts (sync/server/blobstore/s3.py), and those requests must
  not take the threads pushes and sign-ins need. Uploads and downloads wait for each other
  then, and the counters' retries carry them over.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from anyio import CapacityLimiter
    from anyio.lowlevel import RunVar

# here, not in the routes: the command line reads them before anything of the server is loaded
DEFAULT_THREADS = 8
MAX_THREADS = 256
STORE_THREADS = 32

T = TypeVar("T")


def use_threads(n: int) -> None:
    """Database work at most ``n`` requests at once. Called in the serving event loop: the
    default limiter is the loop's own."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = n


@cache
def _store_var() -> RunVar[CapacityLimiter]:
    from anyio.lowlevel import RunVar

    return RunVar("motcua_store_threads")


def _store_limiter() -> CapacityLimiter:
    from anyio import CapacityLimiter

    var = _store_var()
    try:
        return var.get()
    except LookupError:  # the loop's first use
        limiter = CapacityLimiter(STORE_THREADS)
        var.set(limiter)
        return limiter


async def in_store_thread(work: Callable[[], T]) -> T:
    """``work`` (a route's body that reads or writes the file store) in a store thread."""
    import anyio.to_thread

    return await anyio.to_thread.run_sync(work, limiter=_store_limiter())
