"""The fuzzers' bounds: each runs the hypothesis profile's examples (tests/budget.py: few in
``make test``, ten times as many in ``make check-all``; ``FUZZ_EXAMPLES=N`` for a longer hunt),
each example under a deadline so a hang is a failure."""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

from tests.budget import examples

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or examples()

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),  # a hang, not speed: a busy machine must not fail it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("FUZZ_RANDOM") is None,  # CI: the same inputs every run
)
