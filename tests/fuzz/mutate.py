"""Structure-aware mutation of JSON-like documents (catalogs, profiles, forms, settings) and
byte-level mutation of their text, for the fuzzers."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "07:00", "25:99", "{agency}", "{seq:99d}", "2d", "-1h", "0", "x" * 500]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _slots(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _slots(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _slots(v, (*path, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, original: Any, max_edits: int = 3) -> Any:
    """``original`` with a few values replaced, removed, or added, anywhere in the tree."""
    doc = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, max_edits))):
        slots = _slots(doc)
        path = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if op == "replace":
                doc = draw(VALUES)
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if op == "replace":
            parent[last] = draw(VALUES)
        elif op == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(VALUES)
        else:
            parent.insert(last, draw(VALUES))
    return doc


@st.composite
def mutated_bytes(draw: st.DrawFn, original: bytes, max_edits: int = 8) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_edits))):
        i = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=6))
        elif op == "truncate":
            del data[i:]
        elif i < len(data):
            if op == "flip":
                data[i] = draw(st.integers(0, 255))
            else:
                del data[i]
    return bytes(data)
