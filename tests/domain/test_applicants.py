from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from desktop.domain.applicants import (
    CCCD_PROVINCE_CODES,
    Applicant,
    IdNumberError,
    IdType,
    Organisation,
    Person,
    cccd_birth_year,
    cccd_facts,
    classify_id,
    normalise_phone,
)
from desktop.domain.validation import describe_errors

NAME = "Nguyễn Văn An"


def applicant(**over: Any) -> Applicant:
    data: dict[str, Any] = {
        "name": NAME,
        "id_number": "079090001234",
        "address": "12 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh",
    }
    data.update(over)
    return Applicant.model_validate(data)


# -- CCCD structure -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "province", "sex", "century", "year"),
    [
        ("079090001234", "079", "Nam", 1900, 1990),  # TP. Hồ Chí Minh, male, 1990
        ("089185004321", "089", "Nữ", 1900, 1985),  # An Giang, female, 1985
        ("001203012345", "001", "Nam", 2000, 2003),  # Hà Nội, male, 2003
        ("096305000001", "096", "Nữ", 2000, 2005),  # Cà Mau, female, 2005
        ("022000000000", "022", "Nam", 1900, 1900),  # Quảng Ninh, born 1900
    ],
)
def test_cccd_facts(number: str, province: str, sex: str, century: int, year: int) -> None:
    assert cccd_facts(number) == (province, sex, century)
    assert cccd_birth_year(number) == year


def test_province_code_table() -> None:
    assert len(CCCD_PROVINCE_CODES) == 63
    assert {"001", "079", "089", "091", "022", "062", "096"} <= CCCD_PROVINCE_CODES
    # Codes that were never assigned (gaps in the table).
    assert not {"000", "003", "005", "097", "100"} & CCCD_PROVINCE_CODES


@pytest.mark.parametrize(
    "number",
    [
        "003090001234",  # 003 is not a province code
        "000090001234",
        "079490001234",  # 4 = born from 2100 on
        "079990001234",
        "07909000123",  # 11 digits
        "0790900012345",  # 13 digits
        "07909000123A",
        "079０９0001234",  # full-width digits
    ],
)
def test_bad_cccd_numbers(number: str) -> None:
    with pytest.raises(IdNumberError):
        cccd_facts(number)


# -- ID papers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal", "kind"),
    [
        ("079090001234", "079090001234", IdType.CCCD),
        (" 079 090 001 234 ", "079090001234", IdType.CCCD),
        ("079.090.001.234", "079090001234", IdType.CCCD),
        ("023456789", "023456789", IdType.CMND),
        ("023-456-789", "023456789", IdType.CMND),
        ("c1234567", "C1234567", IdType.PASSPORT),
        ("B 9876543", "B9876543", IdType.PASSPORT),
        ("AB1234567", "AB1234567", IdType.PASSPORT),
    ],
)
def test_id_type_inferred_from_shape(raw: str, normal: str, kind: IdType) -> None:
    assert classify_id(raw) == (normal, kind)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12345678",  # 8 digits: neither CMND nor CCCD, and a passport needs a letter
        "1234567890",  # 10 digits
        "ABC12",  # too short for a passport
        "C123456789012",  # 13 characters: longer than any passport number
        "Đ1234567",  # not A–Z
        "C1234567/",
    ],
)
def test_unrecognised_id_numbers(raw: str) -> None:
    with pytest.raises(IdNumberError):
        classify_id(raw)


def test_passport_length_bounds() -> None:
    assert classify_id("C12345") == ("C12345", IdType.PASSPORT)
    assert classify_id("C12345678901") == ("C12345678901", IdType.PASSPORT)
    with pytest.raises(IdNumberError):
        classify_id("C1234")


def test_explicit_id_type_is_checked() -> None:
    with pytest.raises(IdNumberError, match="CMND"):
        classify_id("079090001234", IdType.CMND)
    with pytest.raises(IdNumberError, match="CCCD"):
        classify_id("023456789", IdType.CCCD)
    with pytest.raises(IdNumberError):
        classify_id("079490001234", IdType.CCCD)  # bad century digit even when told
    # An all-digit passport number is fine when the officer says it is a passport.
    assert classify_id("12345678", IdType.PASSPORT) == ("12345678", IdType.PASSPORT)
    assert classify_id("023 456 789", IdType.CMND) == ("023456789", IdType.CMND)


# -- contacts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("(028) 3823 4567", "02838234567"),  # landline: 11 digits starting 02
        ("+84 28 3823 4567", "02838234567"),
        ("0386 123 456", "0386123456"),
        ("0567123456", "0567123456"),
        ("0789123456", "0789123456"),
        ("0888123456", "0888123456"),
    ],
)
def test_phone_normalisation(raw: str, normal: str) -> None:
    assert normalise_phone(raw) == normal


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "091234567",  # 9 digits
        "09123456789",  # 11 digits but not a landline
        "0123456789",  # retired 01x prefix shape: 0 + 1
        "0612345678",  # no mobile network uses 06
        "0283823456",  # landline one digit short
        "912345678",  # no leading 0
        "+85 912 345 678",
        "09１2345678",  # a full-width digit
        "0912abc678",
    ],
)
def test_bad_phones(raw: str) -> None:
    with pytest.raises(ValueError, match="điện thoại"):
        normalise_phone(raw)


@pytest.mark.parametrize("email", ["an@example.vn", "nguyen.van.an+mc@sub.gov.vn", " a@b.co "])
def test_good_emails(email: str) -> None:
    assert applicant(email=email).email == email.strip()


@pytest.mark.parametrize(
    "email", ["an", "an@", "@example.vn", "an@example", "an @example.vn", "a@b@c.vn", "an@ex.v1"]
)
def test_bad_emails(email: str) -> None:
    with pytest.raises(ValidationError, match="thư điện tử"):
        applicant(email=email)


def test_empty_contacts_become_none() -> None:
    a = applicant(phone="", email="")
    assert a.phone is None and a.email is None
    assert applicant(phone="+84 912 345 678").phone == "0912345678"
    with pytest.raises(ValidationError, match="điện thoại"):
        applicant(phone="12")


@pytest.mark.parametrize("code", ["0301234567", "0301234567-001", "079090001234", " 0301234567 "])
def test_good_tax_codes(code: str) -> None:
    org = Organisation(name="Công ty TNHH Minh Phát", tax_code=code)
    assert org.tax_code == code.strip()


@pytest.mark.parametrize(
    "code", ["", "030123456", "03012345678", "0301234567-01", "0301234567-0001", "03O1234567"]
)
def test_bad_tax_codes(code: str) -> None:
    with pytest.raises(ValidationError, match="mã số thuế"):
        Organisation(name="Công ty TNHH Minh Phát", tax_code=code)


# -- the Applicant model ----------------------------------------------------------------------


def test_a_valid_applicant_is_normalised() -> None:
    a = applicant(
        name=unicodedata.normalize("NFD", "  Nguyễn   Văn  An "),
        id_number="079 090 001 234",
        birth_date=date(1990, 5, 17),
        sex="Nam",
    )
    assert a.name == NAME
    assert unicodedata.is_normalized("NFC", a.name)
    assert a.id_number == "079090001234"
    assert a.id_type is IdType.CCCD


def test_missing_name_is_refused() -> None:
    data = {"id_number": "079090001234", "address": "12 Lê Lợi"}
    with pytest.raises(ValidationError) as info:
        Applicant.model_validate(data)
    assert info.value.errors()[0]["type"] == "missing"
    assert "họ tên: thiếu thông tin bắt buộc" in describe_errors(info.value)


@pytest.mark.parametrize("name", ["Nguyễn Văn 2", "An1", "A", "   ", "--", "Lê <b>", "Trần|Bình"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="họ tên"):
        applicant(name=name)


def test_overlong_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        applicant(name="A" * 121)
    assert applicant(name="A" * 120).name == "A" * 120


@pytest.mark.parametrize("number", ["12345", "003090001234", "079490001234", "ABC"])
def test_malformed_id_is_refused(number: str) -> None:
    with pytest.raises(ValidationError, match="Số"):
        applicant(id_number=number)


def test_id_number_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        classify_id("12345")
    assert issubclass(IdNumberError, ValueError)


def test_explicit_id_type_in_the_model() -> None:
    with pytest.raises(ValidationError, match="CMND"):
        applicant(id_number="079090001234", id_type="cmnd")
    assert applicant(id_number="023456789", id_type="cmnd").id_type is IdType.CMND
    assert applicant(id_number="c1234567").id_type is IdType.PASSPORT


def test_birth_year_must_match_the_cccd() -> None:
    assert applicant(birth_date=date(1990, 12, 31)).birth_date == date(1990, 12, 31)
    with pytest.raises(ValidationError, match="năm sinh 1991"):
        applicant(birth_date=date(1991, 1, 1))
    # 2000s: 001203… means 2003.
    assert applicant(id_number="001203012345", birth_date=date(2003, 2, 1)).id_type is IdType.CCCD
    with pytest.raises(ValidationError, match="không khớp"):
        applicant(id_number="001203012345", birth_date=date(1903, 2, 1))
    # …unless the officer checked the card and confirmed it (issue 21): stored with the flag
    confirmed = applicant(birth_date=date(1991, 1, 1), birth_year_confirmed=True)
    assert confirmed.model_dump(mode="json")["birth_year_confirmed"] is True
    assert "birth_year_confirmed" not in applicant().model_dump(mode="json")
    # A CMND says nothing about the birth year.
    assert applicant(id_number="023456789", birth_date=date(1975, 1, 1)).birth_date is not None


def test_blank_address_and_organisation_name_are_refused() -> None:
    with pytest.raises(ValidationError, match="address"):
        applicant(address="   ")
    with pytest.raises(ValidationError, match="address"):
        applicant(address=" a ")
    assert applicant(address="  Ấp 3  ").address == "Ấp 3"
    with pytest.raises(ValidationError):
        Organisation(name="   ")
    assert Organisation(name=" HTX ").name == "HTX"


def test_sex_must_be_nam_or_nu() -> None:
    assert applicant(sex="Nữ").sex == "Nữ"
    with pytest.raises(ValidationError):
        applicant(sex="nam")
    with pytest.raises(ValidationError):
        applicant(sex="F")


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        applicant(nickname="Út")
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_organisation_and_representative() -> None:
    a = applicant(
        organisation={"name": "Công ty TNHH Minh Phát", "tax_code": "0301234567"},
        representative={"name": "Trần Thị Bình", "id_number": "089185004321"},
    )
    assert a.organisation is not None and a.organisation.tax_code == "0301234567"
    assert a.representative is not None
    assert a.representative.id_type is IdType.CCCD
    with pytest.raises(ValidationError):
        applicant(representative={"name": "Trần Thị Bình", "id_number": "123"})
    with pytest.raises(ValidationError):
        applicant(organisation={"name": "X", "tax_code": "0301234567"})


def test_models_are_frozen() -> None:
    p = Person(name=NAME, id_number="023456789")
    with pytest.raises(ValidationError):
        p.name = "Khác"  # type: ignore[misc]
