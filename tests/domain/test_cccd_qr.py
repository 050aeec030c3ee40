from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.applicants import CCCD_PROVINCE_CODES, cccd_birth_year, cccd_facts
from desktop.domain.cccd_qr import MAX_PAYLOAD, CccdCard, CccdQrError, parse_cccd_qr
from tests.budget import examples

ADDRESS = "12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh"
FULL = f"079090001234|023456789|Nguyễn Văn An|17051990|Nam|{ADDRESS}|01072021"
AN = CccdCard(
    cccd="079090001234",
    cmnd="023456789",
    name="Nguyễn Văn An",
    birth_date=date(1990, 5, 17),
    sex="Nam",
    address=ADDRESS,
    issued_on=date(2021, 7, 1),
)
BINH_ADDRESS = "Ấp Mỹ Phú, xã Mỹ Đức, huyện Châu Phú, An Giang"


def fields(payload: str = FULL) -> list[str]:
    return payload.split("|")


def with_field(index: int, value: str, payload: str = FULL) -> str:
    parts = fields(payload)
    parts[index] = value
    return "|".join(parts)


# -- accepted shapes ---------------------------------------------------------------------------


def test_seven_fields() -> None:
    assert parse_cccd_qr(FULL) == AN


def test_six_fields_without_cmnd() -> None:
    payload = f"089185004321|Trần Thị Bình|02031985|Nữ|{BINH_ADDRESS}|15042021"
    card = parse_cccd_qr(payload)
    assert card == CccdCard(
        cccd="089185004321",
        cmnd=None,
        name="Trần Thị Bình",
        birth_date=date(1985, 3, 2),
        sex="Nữ",
        address=BINH_ADDRESS,
        issued_on=date(2021, 4, 15),
    )


def test_seven_fields_with_empty_cmnd() -> None:
    card = parse_cccd_qr(with_field(1, ""))
    assert card.cmnd is None
    assert card.cccd == "079090001234" and card.issued_on == date(2021, 7, 1)


def test_extra_trailing_fields_are_ignored() -> None:
    assert parse_cccd_qr(FULL + "|Nguyễn Văn Bố|Lê Thị Mẹ") == AN
    assert parse_cccd_qr(FULL + "|||x|y") == AN


def test_empty_issue_date_is_allowed() -> None:
    assert parse_cccd_qr(with_field(6, "")).issued_on is None


def test_bom_and_whitespace_are_tolerated() -> None:
    padded = "|".join(f"  {f} " for f in fields())
    assert parse_cccd_qr("\ufeff" + padded + "\r\n") == AN
    assert parse_cccd_qr("  " + FULL + "\n") == AN
    # Runs of spaces inside the name collapse.
    assert parse_cccd_qr(with_field(2, "Nguyễn   Văn  An")).name == "Nguyễn Văn An"


def test_nfd_input_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", FULL)
    assert nfd != FULL
    card = parse_cccd_qr(nfd)
    assert card == AN
    assert unicodedata.is_normalized("NFC", card.name)
    assert unicodedata.is_normalized("NFC", card.address)


def test_payload_of_exactly_the_maximum_length() -> None:
    payload = FULL + "|" + "x" * (MAX_PAYLOAD - len(FULL) - 1)
    assert len(payload) == MAX_PAYLOAD
    assert parse_cccd_qr(payload) == AN
    with pytest.raises(CccdQrError, match="quá dài"):
        parse_cccd_qr(payload + "x")


def test_female_born_in_the_2000s() -> None:
    card = parse_cccd_qr(f"001304000001||Lê Thị Hạnh|29022004|Nữ|{ADDRESS}|01032022")
    assert card.birth_date == date(2004, 2, 29)  # a leap day is a real date
    assert card.sex == "Nữ"


# -- refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("", "trường"),
        ("079090001234", "trường"),
        ("079090001234|Nguyễn Văn An|17051990|Nam|" + ADDRESS, "5 trường"),
        ("hello world", "trường"),
    ],
)
def test_too_few_fields(payload: str, reason: str) -> None:
    with pytest.raises(CccdQrError, match=reason):
        parse_cccd_qr(payload)


@pytest.mark.parametrize(
    ("index", "value", "reason"),
    [
        (3, "31021990", "không phải ngày có thật"),  # 31/02
        (3, "00051990", "không phải ngày có thật"),
        (3, "17131990", "không phải ngày có thật"),
        (3, "29021990", "không phải ngày có thật"),  # 1990 is no leap year
        (3, "1990-05-17", "ddMMyyyy"),
        (3, "1751990", "ddMMyyyy"),
        (3, "", "ddMMyyyy"),
        (3, "17051991", "không khớp"),  # birth year differs from the CCCD's 90
        (6, "31042021", "không phải ngày có thật"),
        (6, "2021", "ddMMyyyy"),
        (6, "16051990", "trước ngày sinh"),  # issued the day before birth
        (4, "Nữ", "không khớp"),  # digit 0 of the CCCD says male
        (4, "M", "Nam hoặc Nữ"),
        (4, "nam", "Nam hoặc Nữ"),
        (4, "", "Nam hoặc Nữ"),
        (0, "07909000123A", "CCCD"),
        (0, "07909000123", "CCCD"),
        (0, "0790900012345", "CCCD"),
        (0, "003090001234", "CCCD"),  # 003 is no province
        (0, "079490001234", "chữ số thứ tư"),  # born from 2100 on
        (0, "079０９0001234", "CCCD"),  # full-width digits
        (0, "", "CCCD"),
        (1, "12345", "CMND"),
        (1, "02345678X", "CMND"),
        (1, "٠٢٣٤٥٦٧٨٩", "CMND"),  # Arabic-Indic digits
        (2, "Nguyễn Văn 2", "Họ tên"),
        (2, "A", "Họ tên"),
        (2, "", "Họ tên"),
        (5, "", "Địa chỉ"),
        (5, "ab", "Địa chỉ"),
    ],
)
def test_bad_fields(index: int, value: str, reason: str) -> None:
    with pytest.raises(CccdQrError, match=reason):
        parse_cccd_qr(with_field(index, value))


def test_sex_must_match_the_cccd_for_women_too() -> None:
    payload = f"089185004321|Trần Thị Bình|02031985|Nam|{BINH_ADDRESS}|15042021"
    with pytest.raises(CccdQrError, match="không khớp"):
        parse_cccd_qr(payload)


@pytest.mark.parametrize("control", ["\x00", "\t", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_refused(control: str) -> None:
    with pytest.raises(CccdQrError, match="điều khiển"):
        parse_cccd_qr(with_field(5, f"12 Lê{control}Lợi"))


def test_line_breaks_inside_the_payload_are_refused() -> None:
    with pytest.raises(CccdQrError, match="điều khiển"):
        parse_cccd_qr(FULL.replace("|Nam|", "|Nam\n|"))


def test_over_long_payload() -> None:
    with pytest.raises(CccdQrError, match="quá dài"):
        parse_cccd_qr(FULL + "|" + "x" * 2000)
    # Length is checked before anything else, so a long run of separators fails fast too.
    with pytest.raises(CccdQrError, match="quá dài"):
        parse_cccd_qr("|" * 100_000)


# -- properties --------------------------------------------------------------------------------

FUZZ = settings(max_examples=examples(4 / 3), deadline=None)

realistic_field = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["079090001234", "023456789", "Nguyễn Văn An", "17051990", "Nam", "Nữ", ADDRESS, ""]
    ),
    st.text(alphabet="0123456789", min_size=8, max_size=12),
    st.text(alphabet="0123456789 \ufeff\u0301Nữam", max_size=12),
)


def check_card(card: CccdCard) -> None:
    _province, coded_sex, _century = cccd_facts(card.cccd)
    assert cccd_birth_year(card.cccd) == card.birth_date.year
    assert card.sex == coded_sex
    assert card.cmnd is None or (len(card.cmnd) == 9 and card.cmnd.isascii())
    assert card.issued_on is None or card.issued_on >= card.birth_date
    assert not any(c.isdigit() for c in card.name)
    assert unicodedata.is_normalized("NFC", card.name)
    assert unicodedata.is_normalized("NFC", card.address)


@FUZZ
@given(st.text(max_size=1200))
def test_arbitrary_text_only_ever_raises_cccd_qr_error(payload: str) -> None:
    try:
        card = parse_cccd_qr(payload)
    except CccdQrError:
        return
    check_card(card)


@FUZZ
@given(st.lists(realistic_field, max_size=12))
def test_arbitrary_fields_only_ever_raise_cccd_qr_error(parts: list[str]) -> None:
    try:
        card = parse_cccd_qr("|".join(parts))
    except CccdQrError:
        return
    check_card(card)


@FUZZ
@given(st.integers(0, 6), realistic_field)
def test_one_mutated_field_only_ever_raises_cccd_qr_error(index: int, value: str) -> None:
    try:
        card = parse_cccd_qr(with_field(index, value))
    except CccdQrError:
        return
    check_card(card)


@st.composite
def cards(draw: st.DrawFn) -> CccdCard:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    marker = (0 if birth.year < 2000 else 2) + (0 if sex == "Nam" else 1)
    province = draw(st.sampled_from(sorted(CCCD_PROVINCE_CODES)))
    serial = draw(st.integers(0, 999_999))
    cccd = f"{province}{marker}{birth.year % 100:02d}{serial:06d}"
    cmnd = draw(st.none() | st.integers(0, 999_999_999).map(lambda n: f"{n:09d}"))
    issued = draw(st.none() | st.integers(0, 40_000).map(lambda n: birth + timedelta(days=n)))
    name = draw(st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hạnh", "Đỗ Ư"]))
    address = draw(st.sampled_from([ADDRESS, BINH_ADDRESS, "Ấp 3"]))
    return CccdCard(cccd, cmnd, name, birth, sex, address, issued)


def encode(card: CccdCard, *, six: bool) -> str:
    parts = [
        card.cccd,
        card.cmnd or "",
        card.name,
        card.birth_date.strftime("%d%m") + f"{card.birth_date.year:04d}",
        card.sex,
        card.address,
        ""
        if card.issued_on is None
        else card.issued_on.strftime("%d%m") + f"{card.issued_on.year:04d}",
    ]
    if six:
        del parts[1]
    return "|".join(parts)


@FUZZ
@given(cards(), st.booleans())
def test_well_formed_cards_round_trip(card: CccdCard, six: bool) -> None:
    if six and card.cmnd is not None:
        card = CccdCard(
            card.cccd, None, card.name, card.birth_date, card.sex, card.address, card.issued_on
        )
    assert parse_cccd_qr(encode(card, six=six)) == card
