"""Formatting shared by the forms: dates, times and money the way Vietnamese papers write them.

Dates follow the administrative-document rule (Nghị định 30/2020/NĐ-CP): a day below 10 and
the months 1 and 2 get a leading zero ("ngày 05 tháng 01 năm 2024", "ngày 27 tháng 3 năm
2024"), so nobody can add a digit in front by hand.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from desktop.domain.forms.facts import DossierFacts, Office
from printing.slip import Heading

BLANK = "…………"  # left for the officer to fill in by hand, as on the paper forms

_PHRASES = (
    ("trung tâm phục vụ hành chính công", "Trung tâm Phục vụ hành chính công"),
    ("bộ phận tiếp nhận và trả kết quả", "Bộ phận Tiếp nhận và Trả kết quả"),
    ("bộ phận một cửa", "Bộ phận Một cửa"),
)
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
# One Vietnamese syllable with its marks removed; anything else ("UBND", "HĐND", "TP.") is an
# abbreviation and keeps its capitals.
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)


def _is_syllable(token: str) -> bool:
    bare = "".join(
        c for c in unicodedata.normalize("NFD", token.lower()) if not unicodedata.combining(c)
    )
    return _SYLLABLE.fullmatch(bare.replace("đ", "d")) is not None


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def date_long(d: date) -> str:
    """``ngày 27 tháng 10 năm 2023``."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def time_long(t: datetime) -> str:
    """``09 giờ 32 phút``."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def datetime_long(t: datetime | None) -> str:
    """``09 giờ 32 phút, ngày 27 tháng 10 năm 2023``; dots when unknown."""
    return f"{time_long(t)}, {date_long(t)}" if t is not None else BLANK


def date_short(d: date | None) -> str:
    """``27/10/2023`` for table cells; empty when unknown."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d is not None else ""


def datetime_short(t: datetime | None) -> str:
    """``27/10/2023 09:32`` for table cells; empty when unknown."""
    return f"{date_short(t)} {t.hour:02d}:{t.minute:02d}" if t is not None else ""


def money(amount: int) -> str:
    """``1.200.000 đồng``: Vietnamese groups thousands with dots."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đồng"


def duration(minutes: int) -> str:
    """``2 giờ 05 phút``, ``40 phút``."""
    hours, rest = divmod(max(minutes, 0), 60)
    return f"{hours} giờ {rest:02d} phút" if hours else f"{rest} phút"


def or_blank(text: str) -> str:
    return text if text.strip() else BLANK


def place_date(office: Office, d: date) -> str:
    """``An Giang, ngày 27 tháng 10 năm 2023``."""
    return f"{office.place}, {date_long(d)}"


def number_line(office: Office, number: object) -> str:
    """``Số: 12/TTPVHCC`` with the office's number prefix; ``Số: 12`` when it has none."""
    suffix = office.reference_suffix.strip()
    return f"Số: {number}/{suffix}" if suffix else f"Số: {number}"


def office_heading(
    office: Office, *, reference: str | None = None, on: date | None = None
) -> Heading:
    return Heading(
        left=tuple(t for t in (office.parent, office.name) if t),
        reference=reference,
        place_date=place_date(office, on) if on is not None else None,
    )


def agency_name(office: Office) -> str:
    """The office's name for use inside a sentence.

    Headings carry names in capitals ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN GIANG"); a
    sentence wants "Trung tâm Phục vụ hành chính công tỉnh An Giang". Names that are not all
    capitals are taken as written.
    """
    name = " ".join(office.name.split())
    if not name.isupper():
        return name
    text = " ".join(w.lower() if _is_syllable(w) else w for w in name.split(" "))
    for plain, proper in _PHRASES:
        text = text.replace(plain, proper)
    words = text.split(" ")
    # The place name follows the last administrative word ("tỉnh", "huyện", ...).
    start = 0
    for i in range(len(words)):
        for place in _PLACE_WORDS:
            n = len(place.split(" "))
            if " ".join(words[i : i + n]) == place and i + n < len(words):
                if place == "xã" and words[i + n] == "hội":  # "xã hội" is not a commune
                    continue
                start = max(start, i + n)
    if start:
        words[start:] = [w[:1].upper() + w[1:] for w in words[start:]]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def applicant_line(facts: DossierFacts) -> str:
    """Who the dossier is from: the person, and the organisation they act for if any."""
    if facts.organisation:
        return f"{facts.applicant_name} ({facts.organisation})"
    return facts.applicant_name
