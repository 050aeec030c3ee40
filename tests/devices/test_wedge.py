"""The keyboard-wedge classifier: scanner bursts against people typing, and signed receipt
payloads recovered exactly through Telex and VNI input methods."""

from __future__ import annotations

import random

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.devices.vn_ime import candidates
from desktop.devices.wedge import KeyInput, Verdict, WedgeClassifier, WedgeConfig, replay
from desktop.domain.qr_token import QrRejected, TrustedKey, key_id, sign, verify
from tests.devices.ime_sim import TELEX, VNI, Engine


def _scanner(text: str, t0: float = 1000.0, gap: float = 4.0) -> list[KeyInput]:
    keys = [KeyInput(ch, t0 + i * gap, raw=None) for i, ch in enumerate(text)]
    return [*keys, KeyInput("\r", t0 + len(text) * gap, enter=True)]


def _feed(c: WedgeClassifier, events: list[KeyInput]) -> list[Verdict]:
    return [c.feed(e) for e in events]


def _signed(rng: random.Random) -> tuple[str, dict[str, TrustedKey]]:
    key = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    code = f"000.00.12.H01{rng.randrange(10**6):06d}{rng.randrange(1000):03d}"
    return sign(code, key), {key_id(raw): TrustedKey(raw, "000.00.12.H01", "Q01")}


def _verifier(keys: dict[str, TrustedKey]):  # type: ignore[no-untyped-def]
    def ok(text: str) -> bool:
        try:
            verify(text, keys)
        except QrRejected:
            return False
        return True

    return ok


def test_a_scanner_burst_is_a_scan_and_is_swallowed() -> None:
    payload, _keys = _signed(random.Random(1))
    verdicts = _feed(WedgeClassifier(), _scanner(payload))
    assert [v.action for v in verdicts[:-1]] == ["hold"] * len(payload)
    last = verdicts[-1]
    assert last.action == "scan" and last.scan is not None
    assert last.scan.payload == payload and last.scan.method == "plain" and last.scan.accepted


def test_people_typing_is_released_in_order() -> None:
    c = WedgeClassifier()
    typed = [KeyInput(ch, 1000.0 + i * 140, raw=ch) for i, ch in enumerate("Nguyễn")]
    released: list[KeyInput] = []
    for ev in typed:
        v = c.feed(ev)
        released += v.release
    released += c.poll(1000.0 + 6 * 140).release  # the timer lets the last key go
    assert [k.text for k in released] == list("Nguyễn")
    enter = c.feed(KeyInput("\r", 5000.0, enter=True))
    assert enter.action == "pass"


def test_fast_fingers_and_short_bursts_are_not_scans() -> None:
    c = WedgeClassifier()
    burst = _scanner("ok")  # two quick keys and Enter
    verdicts = _feed(c, burst)
    assert verdicts[-1].action == "release" and [k.text for k in verdicts[-1].release] == [
        "o",
        "k",
        "\r",
    ]
    slow = [KeyInput(ch, i * 45.0) for i, ch in enumerate("0123456789")]  # 45 ms: not a scanner
    v = _feed(c, [*slow, KeyInput("\r", 460.0, enter=True)])[-1]
    assert v.action == "release"


def test_configured_prefix_is_required_and_stripped() -> None:
    c = WedgeClassifier(WedgeConfig(prefix="]Q1"))
    v = _feed(c, _scanner("]Q1CCCD|089085001234"))[-1]
    assert v.action == "scan" and v.scan is not None and v.scan.payload == "CCCD|089085001234"
    other = _feed(c, _scanner("CCCD|089085001234", t0=9000.0))[-1]
    assert other.action == "release"


def test_raw_key_codes_win_when_every_key_has_one() -> None:
    payload, keys = _signed(random.Random(2))
    # an input method that composes but lets the app see each physical key as well
    composed = [
        KeyInput("Â" if ch == "A" else ch, 100.0 + i * 3, raw=ch) for i, ch in enumerate(payload)
    ]
    c = WedgeClassifier(accept=_verifier(keys))
    v = _feed(c, [*composed, KeyInput("\r", 100.0 + len(payload) * 3, enter=True)])[-1]
    assert v.scan is not None and v.scan.payload == payload and v.scan.method == "raw-keys"


@pytest.mark.parametrize("scheme", [TELEX, VNI], ids=["telex", "vni"])
def test_signed_payloads_survive_a_vietnamese_input_method(scheme: object) -> None:
    rng = random.Random(7)
    rewritten = 0
    for _ in range(40):
        payload, keys = _signed(rng)
        events = Engine(scheme).type(payload)  # type: ignore[arg-type]
        typed = replay([e for e in events if not e.enter])
        rewritten += typed != payload
        c = WedgeClassifier(accept=_verifier(keys))
        v = _feed(c, events)[-1]
        assert v.action == "scan" and v.scan is not None
        assert v.scan.payload == payload, (payload, typed)
    assert rewritten >= 30, "the engine must actually have rewritten the bursts"


def test_telex_is_undone_even_without_the_signature_check() -> None:
    rng = random.Random(9)
    for _ in range(20):
        payload, _keys = _signed(rng)
        v = _feed(WedgeClassifier(), Engine(TELEX).type(payload))[-1]
        assert v.scan is not None and v.scan.payload == payload


def test_committed_text_is_reversed_by_search() -> None:
    """ibus-style engines commit composed words (no Backspaces): the candidates include the
    keys that were typed, and a checking function picks them out."""
    for raw in ("BAOS-TOANS-DDAJI", "HOSO:XAS2024", "MC1:AAB:UWOW"):
        events = Engine(TELEX).type(raw)
        typed = replay([e for e in events if not e.enter])
        assert typed != raw
        assert raw in list(candidates(typed, limit=5000))
        committed = [KeyInput(typed, 100.0), KeyInput("", 101.0), KeyInput("\r", 102.0, enter=True)]
        c = WedgeClassifier(WedgeConfig(min_length=4), accept=lambda s, raw=raw: s == raw)
        v = _feed(c, committed)[-1]
        assert v.scan is not None and v.scan.payload == raw and v.scan.method == "reversed-ime"


def test_a_wrong_reconstruction_is_flagged_not_invented() -> None:
    c = WedgeClassifier(accept=lambda s: False)
    v = _feed(c, _scanner("ĐẠI HỌC QUỐC GIA"))[-1]
    assert v.action == "scan" and v.scan is not None and not v.scan.accepted
    assert v.scan.method == "unrecognised"
