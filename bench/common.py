"""Timing helpers: every figure is a ratio to a baseline measured in the same run, because
shared machines are noisy and absolute times mean little."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 7, number: int = 1) -> float:
    """Median of ``repeat`` timings of ``number`` calls (seconds per call)."""
    fn()  # warm caches (fonts, imports) outside the measurement
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - t0) / number)
    return statistics.median(samples)


ALL: list[tuple[str, float, str]] = []  # every figure of this run, for make bench's table


def report(rows: list[tuple[str, float, float, str]]) -> None:
    """rows: (what, seconds, baseline seconds, baseline name)."""
    ALL.extend((what, t / base, base_name) for what, t, base, base_name in rows)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  ratio   (baseline)")
    for what, t, base, base_name in rows:
        print(f"{what:<{width}}  {t / base:6.2f}x  ({base_name})")
