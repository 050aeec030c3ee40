"""A receipt QR speaks only for its signer's agency, in one spelling, with nothing around it
(issue 17, item 11)."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.domain.codes import AN_GIANG_TEMPLATE, CodeFormat
from desktop.domain.qr_token import QrRejected, TrustedKey, key_id, sign, verify, wrap_url

AN_GIANG = "000.00.12.H01"
KIEN_GIANG = "000.00.12.H33"
URL = "https://dichvucong.angiang.gov.vn/tra-cuu?ma={code}"


def _key(seed: int) -> tuple[Ed25519PrivateKey, bytes]:
    key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    return key, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


AG_KEY, AG_RAW = _key(1)
KG_KEY, KG_RAW = _key(2)
TRUSTED = {
    key_id(AG_RAW): TrustedKey(AG_RAW, AN_GIANG, "Q01"),
    key_id(KG_RAW): TrustedKey(KG_RAW, KIEN_GIANG, "Q01"),
}
CODE = f"{AN_GIANG}201126042"


def test_a_key_signs_only_its_own_agencys_codes() -> None:
    assert verify(sign(CODE, AG_KEY), TRUSTED).code == CODE
    forged = sign(CODE, KG_KEY)  # a Kiên Giang counter's key, an An Giang code
    with pytest.raises(QrRejected, match="cơ quan khác"):
        verify(forged, TRUSTED)
    with pytest.raises(QrRejected, match="cơ quan khác"):
        verify(forged, TRUSTED, CodeFormat(AN_GIANG_TEMPLATE))
    # a longer agency code that starts with the signer's is still another agency
    with pytest.raises(QrRejected, match="cơ quan khác"):
        verify(sign(f"{AN_GIANG}2.201126042", AG_KEY), TRUSTED)


def test_a_provisional_code_names_the_signing_counter() -> None:
    own = f"TAM-{AN_GIANG}-Q01-261120-001"
    assert verify(sign(own, AG_KEY), TRUSTED).code == own
    for other in (f"TAM-{AN_GIANG}-Q02-261120-001", f"TAM-{KIEN_GIANG}-Q01-261120-001"):
        with pytest.raises(QrRejected, match="cơ quan khác"):
            verify(sign(other, AG_KEY), TRUSTED)


def test_only_the_canonical_base32_of_the_signature_verifies() -> None:
    genuine = sign(CODE, AG_KEY)
    head, sig = genuine.rsplit(":", 1)
    assert (
        base64.b32encode(base64.b32decode(sig + "=" * (-len(sig) % 8))).decode().rstrip("=") == sig
    )
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    last = alphabet.index(sig[-1])
    # the last character carries 2 bits; the 3 spare bits must be zero
    variants = [alphabet[(last & 0b11000) | spare] for spare in range(1, 8)]
    assert len(variants) == 7
    for ch in variants:
        with pytest.raises(QrRejected, match="Chữ ký"):
            verify(f"{head}:{sig[:-1]}{ch}", TRUSTED)


@pytest.mark.parametrize(
    "junk",
    [
        "X{t}",
        "{t}X",
        "MC1:{t}",
        "https://evil.example/?a=1&b={t}ZZ",
        "{t} {t}",
        "hello {t}",
    ],
)
def test_junk_around_the_token_is_refused(junk: str) -> None:
    genuine = sign(CODE, AG_KEY)
    with pytest.raises(QrRejected):
        verify(junk.format(t=genuine), TRUSTED)


def test_the_bare_token_a_scanners_line_end_and_the_lookup_url_pass() -> None:
    genuine = sign(CODE, AG_KEY)
    assert verify(genuine + "\r\n", TRUSTED).code == CODE
    assert verify(wrap_url(genuine, URL), TRUSTED).code == CODE
    assert verify(wrap_url(genuine, "https://tracuu.example/hs/{code}"), TRUSTED).code == CODE
