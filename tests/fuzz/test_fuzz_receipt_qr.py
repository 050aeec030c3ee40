"""Receipt QR payloads, as a returns officer's scanner delivers them: anything that is not a
genuine receipt is refused with a reason, and no altered payload is ever accepted."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.qr_token import (
    QrRejected,
    QrToken,
    TrustedKey,
    extract,
    key_id,
    sign,
    verify,
    wrap_url,
)
from tests.fuzz.conftest import FUZZ

pytestmark = pytest.mark.timeout(120)

_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
_RAW = _KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
TRUSTED = {key_id(_RAW): TrustedKey(_RAW, "000.00.12.H01", "Q01")}
GENUINE = sign("000.00.12.H01-241126-0042", _KEY)
ORIGINAL = extract(GENUINE)
URL = "https://dichvucong.angiang.gov.vn/tra-cuu?ma={code}"

# what scanners and keyboards can produce: the payload's own alphabet, its lower case, URL
# escapes, Vietnamese letters an input method may put in, control characters
_CHARS = st.sampled_from(
    list("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:.-%/?=&") + list("abcxyz019 \t\r\n\x00ăđươ€")
)


def _check(text: str) -> None:
    try:
        token = verify(text, TRUSTED)
    except QrRejected as exc:
        assert str(exc).strip(), "a refusal says why"
        return
    assert isinstance(token, QrToken)
    assert token == ORIGINAL, f"an altered payload was accepted: {text!r}"


@FUZZ
@given(st.text(max_size=700))
def test_any_text_is_refused_with_a_reason(text: str) -> None:
    _check(text)


@FUZZ
@given(st.binary(max_size=700))
def test_any_bytes_as_the_scanner_decodes_them(data: bytes) -> None:
    _check(data.decode("latin-1"))


@FUZZ
@given(
    st.sampled_from([GENUINE, wrap_url(GENUINE, URL)]),
    st.lists(
        st.tuples(st.sampled_from(["replace", "insert", "delete"]), st.integers(0, 10**6), _CHARS),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_receipts_are_never_accepted_as_other_receipts(
    payload: str, edits: list[tuple[str, int, str]]
) -> None:
    text = list(payload)
    for op, where, ch in edits:
        i = where % (len(text) + 1)
        if op == "insert":
            text.insert(i, ch)
        elif text and i < len(text):
            if op == "replace":
                text[i] = ch
            else:
                del text[i]
    _check("".join(text))


def test_the_genuine_payload_and_its_url_pass() -> None:
    assert verify(GENUINE, TRUSTED) == ORIGINAL
    assert verify(wrap_url(GENUINE, URL), TRUSTED) == ORIGINAL
