"""The office a counter belongs to, as its forms print it (issue 21).

Since 1 July 2025 local government has two tiers, province and commune, and one-stop reception
happens at the provincial centre and at the commune, ward and special-zone centres ("Trung tâm
Phục vụ hành chính công xã, phường, đặc khu": QĐ 84/2025/QĐ-CTUBND Quảng Ninh Điều 14 khoản 5,
seed 001). A counter therefore prints its own office's heading, not the province's:

- the authority ("ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG", "UBND TỈNH AN GIANG") and the office's name
  ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), the two lines at the top left of every form, in capitals
  as administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I: tên cơ quan chủ
  quản và tên cơ quan ban hành viết in hoa);
- the place of the date line ("Mỹ Hòa Hưng, ngày … tháng … năm …"), as written;
- the number prefix of "Số: 12/TTPVHCC".

This module only checks the values; the store keeps them (desktop/store/office.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.domain.refusal import Refusal
from sync.limits import MAX_NUMBER_PREFIX, MAX_OFFICE_LINE, MAX_OFFICE_PLACE
from sync.protocol import forbidden_char

DEFAULT_NAME = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
DEFAULT_NUMBER_PREFIX = "TTPVHCC"
# what a database made before the office's name was stored printed (migration 0002)
LEGACY_NAME = "BỘ PHẬN MỘT CỬA"

# letters (Vietnamese ones too: "QĐ"), digits, and the hyphen and dot of "TN-HCC", "BP.MC"
_PREFIX_RE = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


class OfficeRefused(Refusal, ValueError):
    """An office heading the counter will not print; the message names the field."""

    code = "office_invalid"


@dataclass(frozen=True)
class OfficeLines:
    authority: str  # "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
    name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place: str  # "Mỹ Hòa Hưng"
    number_prefix: str  # "TTPVHCC"; "" prints "Số: 12"


def default_authority(province_name: str) -> str:
    """The province's people's committee, by its proper name ("UBND TỈNH AN GIANG"), never the
    profile's id ("an-giang")."""
    return f"UBND TỈNH {province_name.upper()}"


def province_default(province_name: str) -> OfficeLines:
    """A provincial centre's heading: what ``init`` sets when no office is given."""
    return OfficeLines(
        default_authority(province_name), DEFAULT_NAME, province_name, DEFAULT_NUMBER_PREFIX
    )


def _line(value: str, label: str, limit: int, *, upper: bool) -> str:
    text = unicodedata.normalize("NFC", value)
    bad = forbidden_char(text) or next((f"U+{ord(c):04X}" for c in text if c in "\t\n\r\v\f"), None)
    if bad is not None:
        raise OfficeRefused(
            f"{label} chứa ký tự điều khiển hoặc ký tự ẩn ({bad}); chỉ nhập một dòng chữ",
            code="office_control_character",
            field=label,
        )
    text = " ".join(text.split())
    if not text:
        raise OfficeRefused(f"{label} không được để trống", code="office_empty", field=label)
    if len(text) > limit:
        raise OfficeRefused(
            f"{label} dài {len(text)} ký tự, tối đa {limit} ký tự",
            code="office_too_long",
            field=label,
        )
    return text.upper() if upper else text


def check_office(authority: str, name: str, place: str, number_prefix: str) -> OfficeLines:
    """The four values trimmed, normalised (NFC) and checked; headings upper-cased as offices
    print them. Raises :class:`OfficeRefused`."""
    prefix = unicodedata.normalize("NFC", number_prefix).strip()
    if prefix:
        prefix = _line(prefix, "Ký hiệu số văn bản", MAX_NUMBER_PREFIX, upper=True)
        if not _PREFIX_RE.fullmatch(prefix):
            raise OfficeRefused(
                f"Ký hiệu số văn bản {prefix!r} chỉ gồm chữ, số và dấu gạch ngang hoặc dấu chấm "
                "(ví dụ TTPVHCC, BPMC-UBND)",
                code="office_number_prefix_invalid",
            )
    return OfficeLines(
        authority=_line(authority, "Tên cơ quan chủ quản", MAX_OFFICE_LINE, upper=True),
        name=_line(name, "Tên cơ quan", MAX_OFFICE_LINE, upper=True),
        place=_line(place, "Địa danh", MAX_OFFICE_PLACE, upper=False),
        number_prefix=prefix,
    )
