"""How many examples each property test tries, set by one hypothesis profile (tests/conftest.py):

- ``default`` (``make test``): small, so the suite stays within its 5 minutes on 2 CPUs;
- ``nightly`` (``make check-all``, or ``HYPOTHESIS_PROFILE=nightly``): ten times as many.

A test whose single example is expensive (a database per example, a server round trip) asks for
a share of the profile's budget instead of a number of its own, so both profiles scale it."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "nightly", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(share: float = 1.0) -> int:
    """``share`` of the loaded profile's examples, at least 3."""
    return max(3, round(settings.default.max_examples * share))
