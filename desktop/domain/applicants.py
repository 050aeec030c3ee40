"""Applicants (người nộp hồ sơ): people or organisations, their ID papers and contacts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

from desktop.domain.refusal import Refusal
from sync.limits import MAX_ADDRESS, MAX_EMAIL, MAX_ORGANISATION_NAME, MAX_PERSON_NAME
from sync.protocol import check_text

# Province codes of the 12-digit CCCD number (Thông tư 07/2016/TT-BCA, Thông tư 59/2021/TT-BCA,
# Phụ lục I): the place where the birth was registered; numbers issued before the 2025
# province mergers keep them.
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
_PHONE_RE = re.compile(r"^0(2[0-9]{9}|[35789][0-9]{8})$")
_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,253}\.[A-Za-z]{2,}$")
_TAX_RE = re.compile(r"^([0-9]{10}(-[0-9]{3})?|[0-9]{12})$")
_PASSPORT_RE = re.compile(r"^[A-Z0-9]{6,12}$")


class IdType(StrEnum):
    CCCD = "cccd"
    CMND = "cmnd"
    PASSPORT = "passport"


class IdNumberError(Refusal, ValueError):
    code = "id_number_invalid"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def clean(text: str) -> str:
    """A pydantic validator for every text an officer types or scans: refuses what the server
    refuses (control, bidirectional and invisible characters, sync/protocol.py), then NFC."""
    return nfc(check_text(text))


def cccd_facts(number: str) -> tuple[str, str, int]:
    """(province code, sex "Nam"/"Nữ", century start year) encoded in a CCCD number."""
    if not re.fullmatch(r"[0-9]{12}", number):
        raise IdNumberError(f"Số CCCD phải gồm đúng 12 chữ số: {number!r}")
    province = number[:3]
    if province not in CCCD_PROVINCE_CODES:
        raise IdNumberError(f"Số CCCD {number}: ba số đầu {province} không phải mã tỉnh hợp lệ")
    marker = int(number[3])
    sex = "Nam" if marker % 2 == 0 else "Nữ"
    century = 1900 + 100 * (marker // 2)
    if marker > 3:  # 4–9 stand for births from 2100 on
        raise IdNumberError(f"Số CCCD {number}: chữ số thứ tư ({marker}) không hợp lệ")
    return province, sex, century


def cccd_birth_year(number: str) -> int:
    _province, _sex, century = cccd_facts(number)
    return century + int(number[4:6])


def classify_id(number: str, id_type: IdType | None = None) -> tuple[str, IdType]:
    """Normalise and validate an ID number; infer its type from its shape when not given."""
    n = re.sub(r"[\s.-]", "", number).upper()
    if id_type is None:
        if re.fullmatch(r"[0-9]{12}", n):
            id_type = IdType.CCCD
        elif re.fullmatch(r"[0-9]{9}", n):
            id_type = IdType.CMND
        elif _PASSPORT_RE.fullmatch(n) and re.search(r"[A-Z]", n):
            id_type = IdType.PASSPORT
        else:
            raise IdNumberError(
                f"Số giấy tờ {number!r} không hợp lệ: CCCD 12 chữ số, CMND 9 chữ số, "
                "hoặc số hộ chiếu"
            )
    if id_type is IdType.CCCD:
        cccd_facts(n)
    elif id_type is IdType.CMND:
        if not re.fullmatch(r"[0-9]{9}", n):
            raise IdNumberError(f"Số CMND phải gồm đúng 9 chữ số: {number!r}")
    elif not _PASSPORT_RE.fullmatch(n):
        raise IdNumberError(f"Số hộ chiếu {number!r} không hợp lệ (6–12 chữ cái in hoa hoặc số)")
    return n, id_type


def normalise_phone(phone: str) -> str:
    p = re.sub(r"[\s.()-]", "", phone)
    if p.startswith("+84"):
        p = "0" + p[3:]
    elif p.startswith("84") and len(p) == 11:
        p = "0" + p[2:]
    if not _PHONE_RE.match(p):
        raise ValueError(f"Số điện thoại {phone!r} không hợp lệ (10 chữ số, bắt đầu bằng 0)")
    return p


def _name(v: str) -> str:
    v = " ".join(clean(v).split())
    if len(v) < 2 or not any(c.isalpha() for c in v):
        raise ValueError("họ tên phải có ít nhất 2 ký tự chữ")
    if any(c.isdigit() for c in v) or any(c in "<>{}|\\" for c in v):
        raise ValueError(f"họ tên {v!r} chứa ký tự không hợp lệ")
    return v


def _day_first(v: object) -> object:
    """A birth date as officers write it (01/02/1945, also with - or .) becomes 1945-02-01;
    anything else goes on to pydantic's date check (and its Vietnamese message)."""
    if isinstance(v, str):
        m = re.fullmatch(r"\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*", v)
        if m:
            return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return v


PersonName = Annotated[str, Field(max_length=MAX_PERSON_NAME), AfterValidator(_name)]
BirthDate = Annotated[date, BeforeValidator(_day_first)]
Text = Annotated[str, AfterValidator(clean)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Model):
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=2, max_length=MAX_ORGANISATION_NAME),
        AfterValidator(clean),
    ]
    tax_code: str | None = None

    @field_validator("tax_code")
    @classmethod
    def _tax(cls, v: str | None) -> str | None:
        if v is not None:
            check_text(v)
        if v is not None and not _TAX_RE.match(v.strip()):
            raise ValueError(f"mã số thuế {v!r} không hợp lệ (10, 10-3 hoặc 12 chữ số)")
        return v.strip() if v else v


class Person(_Model):
    name: PersonName
    id_number: str
    id_type: IdType | None = None

    @field_validator("id_number")
    @classmethod
    def _clean_id(cls, v: str) -> str:
        return check_text(v)

    @model_validator(mode="after")
    def _id(self) -> Person:
        n, t = classify_id(self.id_number, self.id_type)
        object.__setattr__(self, "id_number", n)
        object.__setattr__(self, "id_type", t)
        return self


class Applicant(Person):
    """The person who submits, possibly for an organisation or through a representative."""

    address: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=3, max_length=MAX_ADDRESS),
        AfterValidator(clean),
    ]
    phone: str | None = None
    email: str | None = None
    birth_date: BirthDate | None = None
    sex: str | None = Field(default=None, pattern=r"^(Nam|Nữ)$")
    organisation: Organisation | None = None
    representative: Person | None = None
    # the officer checked the card and confirmed a birth year its number disagrees with
    # (issue 21: the card reader warns, the officer decides; cards with such numbers exist)
    birth_year_confirmed: bool = False

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler, _info: SerializationInfo) -> Any:
        out = handler(self)
        if isinstance(out, dict) and not out.get("birth_year_confirmed"):
            out.pop("birth_year_confirmed", None)  # stored only when it was confirmed
        return out

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        return normalise_phone(check_text(v)) if v else None

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if not v:
            return None
        v = check_text(v).strip()
        if len(v) > MAX_EMAIL:
            raise ValueError(f"địa chỉ thư điện tử dài quá {MAX_EMAIL} ký tự")
        if not _EMAIL_RE.match(v):
            raise ValueError(f"địa chỉ thư điện tử {v!r} không hợp lệ")
        return v

    @model_validator(mode="after")
    def _cccd_matches_birth(self) -> Applicant:
        if (
            self.id_type is IdType.CCCD
            and self.birth_date is not None
            and cccd_birth_year(self.id_number) != self.birth_date.year
            and not self.birth_year_confirmed
        ):
            raise ValueError(
                f"năm sinh {self.birth_date.year} không khớp với số CCCD {self.id_number} "
                "(đã đối chiếu với thẻ: xác nhận năm sinh)"
            )
        return self
