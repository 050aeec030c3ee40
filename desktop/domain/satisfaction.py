"""The citizen's satisfaction rating (issue 20): its levels and the two moments it is asked.

The centres must survey how satisfied citizens are with the service and with the officer
(Kiên Giang QĐ 921/2019 Điều 17.2 and 18.8, seed 000; Quảng Ninh QĐ 84/2025 Điều 19.2.c,
seed 001). The levels are the five-point scale of the public-service satisfaction surveys the
ministries' public-service portals publish for the same purpose ("Rất hài lòng … Rất không hài
lòng", e.g. the Ministry of Information and Communications' survey at
dichvucong.mic.gov.vn/Pages/DanhGia.aspx, whose questions on the processing and on the
officer's attitude use exactly these five). Level numbers grow with satisfaction so that an
average means something; statistics report the count and the share of each level.

A citizen rates once at the end of the reception (or refusal) and once when the result is
returned; a second rating of the same moment is refused (it would count the citizen twice).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Level(IntEnum):
    RAT_KHONG_HAI_LONG = 1
    KHONG_HAI_LONG = 2
    BINH_THUONG = 3
    HAI_LONG = 4
    RAT_HAI_LONG = 5

    @property
    def label_vi(self) -> str:
        return LEVEL_LABELS_VI[self]

    @property
    def label_en(self) -> str:
        return LEVEL_LABELS_EN[self]


LEVEL_LABELS_VI = {
    Level.RAT_HAI_LONG: "Rất hài lòng",
    Level.HAI_LONG: "Hài lòng",
    Level.BINH_THUONG: "Bình thường",
    Level.KHONG_HAI_LONG: "Không hài lòng",
    Level.RAT_KHONG_HAI_LONG: "Rất không hài lòng",
}
LEVEL_LABELS_EN = {
    Level.RAT_HAI_LONG: "Very satisfied",
    Level.HAI_LONG: "Satisfied",
    Level.BINH_THUONG: "Neutral",
    Level.KHONG_HAI_LONG: "Dissatisfied",
    Level.RAT_KHONG_HAI_LONG: "Very dissatisfied",
}
# the order a rating screen offers them: best first, as the surveys print them
LEVELS_BEST_FIRST = tuple(sorted(Level, reverse=True))
MAX_RATING_COMMENT = 1000


class Stage(StrEnum):
    RECEPTION = "reception"  # after Mẫu 01 (received), 02 or 03 was given
    RETURN = "return"  # after the result was handed back (status 10)

    @property
    def label_vi(self) -> str:
        return "tiếp nhận hồ sơ" if self is Stage.RECEPTION else "trả kết quả"


def parse_level(value: object) -> Level | None:
    """The level ``value`` names (1–5, an int or its digits); None when it names none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and value in Level._value2member_map_:
        return Level(value)
    return None
