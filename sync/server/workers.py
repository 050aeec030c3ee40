"""``motcua-server --workers N``: N serving processes on one listening socket (issue 23 item 1).

The parent binds the socket, forks the workers and then only supervises: a worker that dies
(killed, out of memory) is replaced so the port keeps its N processes; SIGTERM or SIGINT is
passed on to every worker, each finishes the requests in flight (sync/server/cli.py ``_run``)
and the parent returns when the last has gone. The workers share nothing in memory — every
request may reach any of them, as it may reach another host behind a load balancer, and all
that must happen once is decided in the database (sequences, the feed clock, claims).

A worker that keeps dying at once (a bad certificate, a database refusing connections) is not
restarted forever: after ``CRASH_LIMIT`` quick deaths in a row the parent stops the others and
fails, so systemd or the operator sees it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from types import FrameType

log = logging.getLogger("motcua.server.workers")

QUICK_DEATH_S = 2.0
CRASH_LIMIT = 5


def serve_workers(n: int, instance: Callable[[], object]) -> int:
    stopping: list[int] = []
    workers: dict[int, float] = {}  # pid → when it started

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the worker: the parent's handlers are not its own
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 1
            try:
                instance()
                code = 0
            except BaseException:
                log.exception("a serving process failed")
            finally:
                os._exit(code)
        workers[pid] = time.monotonic()

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)
        for pid in list(workers):
            _signal(pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    quick_deaths = 0
    failed = False
    try:
        for _ in range(n):
            spawn()
        while workers:
            pid, _status = os.wait()
            started = workers.pop(pid, None)
            if started is None or stopping:
                continue
            quick_deaths = quick_deaths + 1 if time.monotonic() - started < QUICK_DEATH_S else 0
            if quick_deaths >= CRASH_LIMIT:
                log.error("serving processes keep failing at start: stopping the server")
                failed = True
                stop(signal.SIGTERM, None)
                continue
            log.warning("serving process %d ended unexpectedly: starting another", pid)
            spawn()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 1 if failed else 0


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(pid, sig)
