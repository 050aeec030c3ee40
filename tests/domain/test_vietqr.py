"""The VietQR payload read back with a TLV parser and a CRC written here, from the
specification (EMVCo QRCPS-MPM v1.1 data objects; NAPAS's VietQR profile), not with the
module's own code: every tag, its length, the CRC; refusals for what cannot be encoded."""

from __future__ import annotations

import pytest

from desktop.domain.qr_token import QrRejected, verify
from desktop.domain.refusal import Refusal
from desktop.domain.vietqr import (
    VietQrRefused,
    build,
    crc16_ccitt_false,
    fold_ascii,
    purpose_text,
)


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE bit by bit, MSB first: poly 0x1021, init 0xFFFF, no final XOR."""
    reg = 0xFFFF
    for byte in data:
        for bit in range(7, -1, -1):
            top = (reg >> 15) & 1
            reg = (reg << 1) & 0xFFFF
            if top ^ ((byte >> bit) & 1):
                reg ^= 0x1021
    return reg


def tlv(text: str) -> list[tuple[str, str]]:
    """EMVCo data objects: two-digit ID, two-digit length, value; strictly, no leftovers."""
    out, i = [], 0
    while i < len(text):
        assert i + 4 <= len(text), f"truncated header at {i}"
        tag, length = text[i : i + 2], text[i + 2 : i + 4]
        assert tag.isdigit() and length.isdigit(), (tag, length)
        value = text[i + 4 : i + 4 + int(length)]
        assert len(value) == int(length), f"tag {tag} runs past the end"
        out.append((tag, value))
        i += 4 + int(length)
    return out


def check_crc(payload: str) -> None:
    assert payload[-8:-4] == "6304", "the CRC is the last data object"
    assert payload[-4:] == f"{crc16(payload[:-4].encode('ascii')):04X}"


def decode(payload: str) -> dict[str, object]:
    """The payload's tags, nested templates (38, 62) decoded too; checks the CRC."""
    check_crc(payload)
    top = tlv(payload)
    tags = [t for t, _v in top]
    assert len(tags) == len(set(tags)), "no tag twice"
    assert tags[0] == "00" and tags[-1] == "63"
    found: dict[str, object] = dict(top)
    merchant = dict(tlv(str(found["38"])))
    merchant["01"] = dict(tlv(str(merchant["01"])))
    found["38"] = merchant
    found["62"] = dict(tlv(str(found["62"])))
    return found


def test_crc_known_answers() -> None:
    # the standard check value of CRC-16/CCITT-FALSE, and the empty input
    assert crc16(b"123456789") == crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc16(b"") == crc16_ccitt_false(b"") == 0xFFFF
    assert crc16_ccitt_false(b"A") == crc16(b"A") == 0xB915
    # a VietQR published with a library's documentation (VietinBank, 120.000 đ): its CRC C15C
    published = (
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C"
    )
    check_crc(published)
    assert f"{crc16_ccitt_false(published[:-4].encode()):04X}" == "C15C"


@pytest.mark.parametrize(
    ("code", "amount"),
    [
        ("000.00.12.H01031226001", 12_000),  # An Giang, 22 characters
        ("000.00.23.H34-261204-0001", 1_500_000),  # Kon Tum, 25: exactly the limit
        ("TAM-000.00.12.H01-Q01-1", 9_999_999_999_999),  # 13 digits
    ],
)
def test_every_tag_of_a_dynamic_vietqr(code: str, amount: int) -> None:
    qr = build("970405", "6380201001234", amount, code)
    payload = qr.payload
    assert payload.isascii() and payload.isprintable()
    d = decode(payload)
    assert d["00"] == "01"
    assert d["01"] == "12", "an amount is set: dynamic"
    assert d["38"] == {
        "00": "A000000727",
        "01": {"00": "970405", "01": "6380201001234"},
        "02": "QRIBFTTA",
    }
    assert d["53"] == "704"
    assert d["54"] == str(amount)
    assert d["58"] == "VN"
    assert "59" not in d
    assert d["62"] == {"08": code}, "the dossier code, intact, as the transfer's content"
    assert list(d) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert qr.purpose == code and qr.amount == amount


def test_no_amount_is_a_static_code_without_tag_54() -> None:
    d = decode(build("970436", "0011001932418", 0, "000.00.12.H01031226001").payload)
    assert d["01"] == "11" and "54" not in d


def test_merchant_name_is_ascii_upper_case() -> None:
    d = decode(build("970418", "12345", 1000, "HS-1", name="Trung tâm  HCC Đông Hà").payload)
    assert d["59"] == "TRUNG TAM HCC DONG HA"
    with pytest.raises(VietQrRefused) as err:
        build("970418", "12345", 1000, "HS-1", name="Trung tâm Phục vụ hành chính công tỉnh")
    assert err.value.code == "vietqr_bad_name"


def test_a_note_is_folded_to_ascii_and_only_added_when_it_fits() -> None:
    assert fold_ascii("Nộp phí: hồ sơ số 5 — Đắk Lắk!") == "Nop phi ho so so 5 Dak Lak"
    assert purpose_text("HS-1", "nộp phí, lệ phí") == "HS-1 nop phi le phi"
    assert purpose_text("000.00.12.H01031226001", "nộp phí") == "000.00.12.H01031226001"
    assert purpose_text("000.00.12.H01031226001", "đã") == "000.00.12.H01031226001 da"
    d = decode(build("970405", "1", 5, "HS-1", note="Lệ phí «hộ tịch» đợt 2/2026").payload)
    assert d["62"] == {"08": "HS-1 Le phi ho tich dot 2"}  # "2/2026": "/" dropped, 25 full
    assert len(str(d["62"]["08"])) <= 25  # type: ignore[index]


@pytest.mark.parametrize(
    ("bank_bin", "account", "amount", "code", "why"),
    [
        ("97040", "123", 1, "HS-1", "vietqr_bad_bin"),
        ("9704051", "123", 1, "HS-1", "vietqr_bad_bin"),
        ("97040A", "123", 1, "HS-1", "vietqr_bad_bin"),
        ("９７０４０５", "123", 1, "HS-1", "vietqr_bad_bin"),  # full-width digits
        ("970405", "", 1, "HS-1", "vietqr_bad_account"),
        ("970405", "1" * 20, 1, "HS-1", "vietqr_bad_account"),
        ("970405", "123 456", 1, "HS-1", "vietqr_bad_account"),
        ("970405", "123-456", 1, "HS-1", "vietqr_bad_account"),
        ("970405", "Đ123", 1, "HS-1", "vietqr_bad_account"),
        ("970405", "123", -1, "HS-1", "vietqr_bad_amount"),
        ("970405", "123", 10**13, "HS-1", "vietqr_bad_amount"),
        ("970405", "123", True, "HS-1", "vietqr_bad_amount"),
        ("970405", "123", 1.5, "HS-1", "vietqr_bad_amount"),
        ("970405", "123", 1, "", "vietqr_bad_purpose"),
        ("970405", "123", 1, "A" * 26, "vietqr_bad_purpose"),
        ("970405", "123", 1, "HỒ-SƠ-1", "vietqr_bad_purpose"),
        ("970405", "123", 1, "HS 1", "vietqr_bad_purpose"),
    ],
)
def test_what_cannot_be_encoded_is_refused_in_vietnamese(
    bank_bin: str, account: str, amount: int, code: str, why: str
) -> None:
    with pytest.raises(VietQrRefused) as err:
        build(bank_bin, account, amount, code)
    assert isinstance(err.value, Refusal) and err.value.code == why
    assert any(ch in str(err.value) for ch in "ảốầđữụí"), "said in Vietnamese"


def test_a_vietqr_is_never_a_receipt() -> None:
    """A returns scan that picks up the payment QR refuses it: it is no signed receipt."""
    payload = build("970405", "6380201001234", 12_000, "000.00.12.H01031226001").payload
    with pytest.raises(QrRejected) as err:
        verify(payload, {})
    assert err.value.code == "qr_not_a_receipt"
