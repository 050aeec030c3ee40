from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.applicants import CCCD_PROVINCE_CODES
from desktop.domain.cccd_qr import (
    MAX_PAYLOAD,
    CccdCard,
    CccdQrError,
    id_facts,
    parse_cccd_qr,
    read_cccd_qr,
)
from tests.budget import examples

ADDRESS = "12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh"
FULL = f"079090001234|023456789|Nguyễn Văn An|17051990|Nam|{ADDRESS}|01072021"
AN = CccdCard(
    id_number="079090001234",
    old_id="023456789",
    name="Nguyễn Văn An",
    birth_date=date(1990, 5, 17),
    sex="Nam",
    address=ADDRESS,
    issue_date=date(2021, 7, 1),
)
BINH_ADDRESS = "Ấp Mỹ Phú, xã Mỹ Đức, huyện Châu Phú, An Giang"


def fields(payload: str = FULL) -> list[str]:
    return payload.split("|")


def with_field(index: int, value: str, payload: str = FULL) -> str:
    parts = fields(payload)
    parts[index] = value
    return "|".join(parts)


def codes(card: CccdCard) -> list[str]:
    return [w.code for w in card.warnings]


# -- accepted shapes ---------------------------------------------------------------------------


def test_seven_fields() -> None:
    assert parse_cccd_qr(FULL) == AN


def test_six_fields_without_old_id() -> None:
    payload = f"089185004321|Trần Thị Bình|02031985|Nữ|{BINH_ADDRESS}|15042021"
    card = parse_cccd_qr(payload)
    assert card == CccdCard(
        id_number="089185004321",
        old_id=None,
        name="Trần Thị Bình",
        birth_date=date(1985, 3, 2),
        sex="Nữ",
        address=BINH_ADDRESS,
        issue_date=date(2021, 4, 15),
    )


def test_seven_fields_with_empty_old_id() -> None:
    card = parse_cccd_qr(with_field(1, ""))
    assert card.old_id is None
    assert card.id_number == "079090001234" and card.issue_date == date(2021, 7, 1)


def test_twelve_digit_old_id() -> None:
    assert parse_cccd_qr(with_field(1, "079090000001")).old_id == "079090000001"


def test_extra_trailing_fields_are_ignored() -> None:
    assert parse_cccd_qr(FULL + "|Nguyễn Văn Bố|Lê Thị Mẹ") == AN
    assert parse_cccd_qr(FULL + "|||x|y") == AN
    # newer cards: parents' names and an expiry date after the issue date
    assert parse_cccd_qr(FULL + "|Nguyễn Văn Bố|Lê Thị Mẹ|17052030") == AN


def test_fields_are_read_by_meaning_not_position() -> None:
    # an address without a comma or a number, parents' names after it: still the address
    payload = "079090001234||Nguyễn Văn An|17051990|Nam|Ấp Mỹ Phú|01072021|Lê Văn Bố Chồng"
    assert parse_cccd_qr(payload).address == "Ấp Mỹ Phú"
    # an empty field inserted before the dates moves nothing
    shifted = "079090001234|023456789||Nguyễn Văn An|17051990|Nam|" + ADDRESS + "||01072021"
    assert parse_cccd_qr(shifted) == AN


def test_empty_issue_date_is_allowed() -> None:
    assert parse_cccd_qr(with_field(6, "")).issue_date is None


@pytest.mark.parametrize("value", ["01/07/2021", "1/7/2021", "01-07-2021", "01.07.2021"])
def test_issue_date_with_separators(value: str) -> None:
    assert parse_cccd_qr(with_field(6, value)) == AN


@pytest.mark.parametrize(
    ("value", "sex"), [("NAM", "Nam"), ("nam", "Nam"), ("NỮ", "Nữ"), ("Nu", "Nữ"), ("nữ", "Nữ")]
)
def test_sex_words_in_any_case_with_or_without_accents(value: str, sex: str) -> None:
    assert parse_cccd_qr(with_field(4, value)).sex == sex


def test_bom_crlf_and_whitespace_are_tolerated() -> None:
    padded = "|".join(f"  {f} " for f in fields())
    assert parse_cccd_qr("\ufeff" + padded + "\r\n") == AN
    assert parse_cccd_qr("  " + FULL + "\n") == AN
    assert parse_cccd_qr(FULL + "\r\n\r\n") == AN
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
    assert card.sex == "Nữ" and card.warnings == ()


def test_the_number_encodes_sex_and_century() -> None:
    assert id_facts("079090001234") == ("Nam", 1990)
    assert id_facts("079190001234") == ("Nữ", 1990)
    assert id_facts("079204001234") == ("Nam", 2004)
    assert id_facts("079304001234") == ("Nữ", 2004)
    assert id_facts("079400001234") == ("Nam", 2100)
    assert id_facts("079501001234") == ("Nữ", 2101)


# -- warnings the officer confirms -------------------------------------------------------------


def test_birth_year_that_disagrees_with_the_number_is_a_warning() -> None:
    card = parse_cccd_qr(with_field(3, "17051991"))
    assert card.birth_date == date(1991, 5, 17)
    assert codes(card) == ["birth_year_mismatch"]
    assert "1991" in card.warnings[0].message and "1990" in card.warnings[0].message


def test_sex_that_disagrees_with_the_number_is_a_warning() -> None:
    card = parse_cccd_qr(f"089185004321|Trần Thị Bình|02031985|Nam|{BINH_ADDRESS}|15042021")
    assert card.sex == "Nam" and codes(card) == ["sex_mismatch"]
    assert codes(parse_cccd_qr(with_field(4, "Nữ"))) == ["sex_mismatch"]


def test_a_number_of_the_2100s_is_a_warning() -> None:
    card = parse_cccd_qr(with_field(0, "079490001234"))
    assert codes(card) == ["birth_year_mismatch"]
    assert "2190" in card.warnings[0].message


# -- mojibake ----------------------------------------------------------------------------------


def mojibake(text: str, codec: str = "cp1252") -> str:
    """UTF-8 read one byte a character, as Windows readers do: cp1252 where it has the byte,
    else the Latin-1 character."""
    out = []
    for b in text.encode():
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_mojibake_name_is_repaired_and_flagged(codec: str) -> None:
    garbled = mojibake("Nguyễn Văn An", codec)
    assert garbled != "Nguyễn Văn An"
    card = parse_cccd_qr(with_field(2, garbled))
    assert card.name == "Nguyễn Văn An"
    assert codes(card) == ["name_repaired"]


def test_the_example_from_the_issue_is_repaired() -> None:
    # "Nguyá»…n" as a Windows reader shows it (cp1252)
    card = parse_cccd_qr(with_field(2, "Nguyá»…n VÄƒn An"))
    assert card.name == "Nguyễn Văn An"


def test_a_whole_payload_in_mojibake_is_repaired() -> None:
    card = parse_cccd_qr(mojibake(FULL))
    assert card.name == "Nguyễn Văn An" and card.address == ADDRESS
    assert codes(card) == ["address_repaired", "name_repaired"]


def test_a_name_garbled_in_one_word_only_is_repaired() -> None:
    card = parse_cccd_qr(with_field(2, "Nguyá»…n Văn An"))
    assert card.name == "Nguyễn Văn An" and codes(card) == ["name_repaired"]


@pytest.mark.parametrize(
    "garbled",
    [
        "Nguyá» n Văn An",  # a byte lost: no character's bytes
        "NguyÃ»n Văn An",  # bytes of "û": UTF-8, but no Vietnamese letter
    ],
)
def test_an_unrepairable_mojibake_name_is_refused_and_never_shown(garbled: str) -> None:
    with pytest.raises(CccdQrError, match="Họ tên: chữ bị lỗi mã hoá") as exc:
        parse_cccd_qr(with_field(2, garbled))
    assert "Ã" not in str(exc.value) and "Nguy" not in str(exc.value)
    reading = read_cccd_qr(with_field(2, garbled))
    assert reading.name is None and [p.field for p in reading.unread] == ["name"]
    assert reading.id_number == AN.id_number and reading.address == ADDRESS


def test_a_repair_that_is_not_vietnamese_is_refused() -> None:
    # UTF-8 Cyrillic ("Иван") read as cp1252: no Vietnamese letters, so not a name
    reading = read_cccd_qr(with_field(2, "Ð˜Ð²Ð°Ð½ An"))
    assert reading.name is None and [p.field for p in reading.unread] == ["name"]
    assert "Ð" not in reading.unread[0].message


# -- partly readable ---------------------------------------------------------------------------


def test_partly_readable_card_keeps_what_it_could_read() -> None:
    reading = read_cccd_qr(with_field(3, "31021990"))
    assert reading.birth_date is None
    assert [p.field for p in reading.unread] == ["birth_date"]
    assert reading.name == "Nguyễn Văn An" and reading.address == ADDRESS
    assert reading.issue_date == date(2021, 7, 1)


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
    with pytest.raises(CccdQrError, match=reason):
        read_cccd_qr(payload)


@pytest.mark.parametrize(
    ("index", "value", "reason"),
    [
        (3, "31021990", "Ngày sinh: .*không phải ngày có thật"),  # 31/02
        (3, "00051990", "Ngày sinh: .*không phải ngày có thật"),
        (3, "17131990", "Ngày sinh: .*không phải ngày có thật"),
        (3, "29021990", "Ngày sinh: .*không phải ngày có thật"),  # 1990 is no leap year
        (3, "1990-05-17", "Ngày sinh: .*ddmmyyyy"),
        (3, "1751990", "Ngày sinh: không tìm thấy"),
        (3, "", "Ngày sinh: không tìm thấy"),
        (6, "31042021", "Ngày cấp: .*không phải ngày có thật"),
        (6, "2021-04-01", "Ngày cấp: .*ddmmyyyy"),
        (6, "16051990", "Ngày cấp: trước ngày sinh"),  # issued the day before birth
        (4, "M", "Giới tính: không tìm thấy"),
        (4, "", "Giới tính: không tìm thấy"),
        (0, "07909000123A", "Số định danh"),
        (0, "07909000123", "Số định danh"),
        (0, "0790900012345", "Số định danh"),
        (0, "003090001234", "Số định danh .*mã tỉnh"),  # 003 is no province
        (0, "079０９0001234", "Số định danh"),  # full-width digits
        (0, "", "Số định danh"),
        (1, "12345", "CMND"),
        (1, "02345678X", "CMND"),
        (1, "٠٢٣٤٥٦٧٨٩", "CMND"),  # Arabic-Indic digits
        (2, "Nguyễn Văn 2", "Họ tên"),
        (2, "A", "Họ tên"),
        (2, "", "Họ tên"),
        (5, "", "Nơi thường trú"),
        (5, "ab", "Nơi thường trú"),
    ],
)
def test_bad_fields(index: int, value: str, reason: str) -> None:
    with pytest.raises(CccdQrError, match=reason):
        parse_cccd_qr(with_field(index, value))


@pytest.mark.parametrize("control", ["\x00", "\t", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_refused(control: str) -> None:
    with pytest.raises(CccdQrError, match="Nơi thường trú: chứa ký tự điều khiển"):
        parse_cccd_qr(with_field(5, f"12 Lê{control}Lợi"))


def test_line_breaks_inside_the_payload_are_refused() -> None:
    with pytest.raises(CccdQrError, match="Giới tính: chứa ký tự điều khiển"):
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
    coded_sex, coded_year = id_facts(card.id_number)
    assert card.id_number[:3] in CCCD_PROVINCE_CODES
    assert (coded_year == card.birth_date.year) != ("birth_year_mismatch" in codes(card))
    assert (card.sex == coded_sex) != ("sex_mismatch" in codes(card))
    assert card.sex in ("Nam", "Nữ")
    assert card.old_id is None or (len(card.old_id) in (9, 12) and card.old_id.isascii())
    assert card.issue_date is None or card.issue_date >= card.birth_date
    assert not any(c.isdigit() for c in card.name) and len(card.name) >= 2
    assert len(card.address) >= 3
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


NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hạnh", "Đỗ Ư", "Ksor H'Bia", "Hồ Thị Ngọc Ánh"]
ADDRESSES = [ADDRESS, BINH_ADDRESS, "Ấp 3", "Thôn Đông", "Tổ dân phố 5, phường Hạ Long"]


@st.composite
def cards(draw: st.DrawFn) -> CccdCard:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    sex = draw(st.sampled_from(["Nam", "Nữ"]))
    marker = (0 if birth.year < 2000 else 2) + (0 if sex == "Nam" else 1)
    province = draw(st.sampled_from(sorted(CCCD_PROVINCE_CODES)))
    serial = draw(st.integers(0, 999_999))
    number = f"{province}{marker}{birth.year % 100:02d}{serial:06d}"
    old_id = draw(
        st.none()
        | st.integers(0, 999_999_999).map(lambda n: f"{n:09d}")
        | st.sampled_from(sorted(CCCD_PROVINCE_CODES)).map(lambda p: f"{p}{serial:09d}")
    )
    issued = draw(st.none() | st.integers(0, 40_000).map(lambda n: birth + timedelta(days=n)))
    name = draw(st.sampled_from(NAMES))
    address = draw(st.sampled_from(ADDRESSES))
    return CccdCard(number, old_id, name, birth, sex, address, issued)


def _ddmmyyyy(d: date, slashes: bool) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if slashes else f"{d:%d%m}{d.year:04d}"


@st.composite
def variants(draw: st.DrawFn, card: CccdCard) -> str:
    """One genuine way a reader hands over ``card``'s QR."""
    sex = card.sex
    sex = draw(st.sampled_from([sex, sex.upper(), sex.lower(), _plain_sex(sex)]))
    issue = "" if card.issue_date is None else _ddmmyyyy(card.issue_date, draw(st.booleans()))
    parts = [
        card.id_number,
        card.old_id or "",
        card.name,
        _ddmmyyyy(card.birth_date, False),
        sex,
        card.address,
        issue,
    ]
    if card.old_id is None and draw(st.booleans()):
        del parts[1]  # six fields
    # newer cards: more fields after the issue date (parents' names, an expiry date, empties)
    # (a later date is told from the issue date only by coming after it: cards carry both)
    later = [] if card.issue_date is None else [_ddmmyyyy(card.issue_date + timedelta(3650), False)]
    extras = draw(st.lists(st.sampled_from(["", "Nguyễn Văn Bố", "Lê Thị Mẹ", *later]), max_size=3))
    payload = "|".join(parts + extras)
    if draw(st.booleans()):
        payload = unicodedata.normalize("NFD", payload)
    return payload + draw(st.sampled_from(["", "\n", "\r\n", "\r\n\r\n"]))


def _plain_sex(sex: str) -> str:
    return "Nu" if sex == "Nữ" else "NAM"


@FUZZ
@given(st.data())
def test_genuine_variants_round_trip(data: st.DataObject) -> None:
    card = data.draw(cards())
    payload = data.draw(variants(card))
    assert parse_cccd_qr(payload) == card


@FUZZ
@given(st.data())
def test_genuine_cards_in_mojibake_round_trip_with_a_warning(data: st.DataObject) -> None:
    card = data.draw(cards())
    codec = data.draw(st.sampled_from(["cp1252", "latin-1"]))
    payload = mojibake(unicodedata.normalize("NFC", data.draw(variants(card))), codec)
    read = parse_cccd_qr(payload)
    assert read.name == card.name and read.address == card.address
    assert read.birth_date == card.birth_date and read.id_number == card.id_number
    assert set(codes(read)) <= {"name_repaired", "address_repaired"}
