"""The fuzzers' bounds: each runs a fixed number of examples in ``make test`` (more with
``FUZZ_EXAMPLES=N`` for a longer hunt), each example under a deadline so a hang is a failure."""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("FUZZ_RANDOM") is None,  # CI: the same inputs every run
)
