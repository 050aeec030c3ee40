"""Keyboard-wedge bursts and typing, interleaved at any pace, through any input method: the
classifier never crashes or stalls, and never loses or duplicates a key — every key is either
delivered to the screen or is part of exactly one recognised scan."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.devices.wedge import KeyInput, WedgeClassifier
from tests.fuzz.conftest import FUZZ

pytestmark = pytest.mark.timeout(120)

_TEXT = st.sampled_from([*"MC1:0.-ABZ27aáâăđêôơưừữ |", "", "ươ", "MC1:"])
_KEY = st.tuples(
    _TEXT,
    st.floats(0, 120, allow_nan=False),  # gap before this key, ms
    st.booleans(),  # enter
    st.booleans(),  # backspace
    st.one_of(st.none(), st.sampled_from(list("MC1:0ABZaw"))),  # raw physical key
)


@FUZZ
@given(st.lists(_KEY, max_size=300), st.sampled_from(["", "]Q"]))
def test_every_key_is_delivered_or_scanned_exactly_once(
    keys: list[tuple[str, float, bool, bool, str | None]], prefix: str
) -> None:
    from desktop.devices.wedge import WedgeConfig

    wedge = WedgeClassifier(WedgeConfig(prefix=prefix, reconstruct_budget=200))
    fed: list[KeyInput] = []
    delivered: list[int] = []
    scanned: list[int] = []
    held: list[int] = []
    t = 1000.0
    for text, gap, enter, backspace, raw in keys:
        t += gap
        ev = KeyInput(
            "" if enter else text, t, enter=enter, backspace=backspace and not enter, raw=raw
        )
        fed.append(ev)
        verdict = wedge.feed(ev)
        assert verdict.action in {"pass", "hold", "release", "scan"}
        if verdict.action == "pass":
            delivered.append(id(ev))
        elif verdict.action == "hold":
            held.append(id(ev))
        elif verdict.action == "release":
            released = [id(k) for k in verdict.release]
            delivered.extend(released)
            held = [k for k in held if k not in released]
            if id(ev) not in released and id(ev) not in held:
                held.append(id(ev))  # the pause released the old keys; this one starts anew
        else:
            assert verdict.scan is not None and verdict.scan.payload
            scanned.extend([*held, id(ev)])
            held = []
        assert [id(k) for k in wedge._held] == held
    delivered.extend(id(k) for k in wedge.reset())
    assert sorted(delivered + scanned) == sorted(id(k) for k in fed)
