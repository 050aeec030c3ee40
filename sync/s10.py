"""UPU S10 item numbers: the tracking number on a registered or express postal item, such as
``EB123456789VN`` (issue 20, item 4). Shared by the counter, which refuses a mistyped number
before anything is written, and the server, which refuses one a counter should never have sent.

Layout (UPU standard S10, "Identification of postal items — 13-character identifier"):

- 2 letters A–Z: the service indicator (``E…`` express / EMS, ``R…`` registered, ``C…`` parcels,
  ``L…``, ``V…`` …; Vietnam Post's EMS items are ``E?…VN``). Which pairs a post uses is its own
  business, so any two letters pass;
- 8 digits: the item's serial number;
- 1 digit: the check digit of those 8 digits: weights 8 6 4 2 3 5 9 7, the sum of the products,
  ``11 - sum % 11``, where 10 becomes 0 and 11 becomes 5;
- 2 letters A–Z: the ISO 3166-1 alpha-2 code of the post that issued the number (``VN``). Any two
  letters pass: the list of codes changes, and a wrong one is caught by nobody at a counter.

The S10 document's own example, ``RA123456785GB``, holds (tests/sync/test_s10.py works it out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

LENGTH = 13
WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_WHITESPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[A-Z]{2}")
_DIGITS = re.compile(r"[0-9]+")


class S10Error(ValueError):
    """A tracking number that is not a valid S10 number. ``reason`` names the wrong part
    (``empty``, ``length``, ``service``, ``serial``, ``check_digit``, ``country``); the message is
    Vietnamese, for the officer (``sync`` does not import the app, so the refusal says so with a
    ``refusal_code`` rather than the app's ``Refusal`` base)."""

    refusal_code: ClassVar[str] = "tracking_invalid"

    def __init__(self, message: str, reason: str, number: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.number = number
        self.params = {"reason": reason, "tracking": number}


@dataclass(frozen=True)
class S10Number:
    service: str  # 2 letters
    serial: str  # 8 digits
    check: int  # 0–9
    country: str  # 2 letters

    def __str__(self) -> str:
        return f"{self.service}{self.serial}{self.check}{self.country}"


def check_digit(serial: str) -> int:
    """The S10 check digit of an 8-digit serial number."""
    if len(serial) != len(WEIGHTS) or not serial.isascii() or not serial.isdigit():
        raise ValueError("an S10 serial number is 8 digits")
    rest = 11 - sum(int(c) * w for c, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(rest, rest)


def normalise(text: str) -> str:
    """What the officer typed or the scanner read, as the number is written: no spaces at all
    (``EB 123 456 789 VN``, as printed on some labels), capitals."""
    return _WHITESPACE.sub("", text).upper()


def parse(text: str) -> S10Number:
    """The S10 number in ``text``; :class:`S10Error` says which part is wrong."""
    number = normalise(text)
    if not number:
        raise S10Error("Chưa nhập số hiệu bưu gửi", "empty", number)
    shown = number[:20] + ("…" if len(number) > 20 else "")
    if len(number) != LENGTH:
        raise S10Error(
            f"Số hiệu bưu gửi {shown} có {len(number)} ký tự: số hiệu theo chuẩn UPU S10 có "
            "13 ký tự — 2 chữ cái, 9 chữ số, 2 chữ cái (ví dụ EB123456789VN)",
            "length",
            shown,
        )
    service, digits, country = number[:2], number[2:11], number[11:]
    if not _LETTERS.fullmatch(service):
        raise S10Error(
            f"Số hiệu bưu gửi {number}: 2 ký tự đầu ({service}) phải là chữ cái A–Z "
            "(mã dịch vụ, ví dụ EB, RR)",
            "service",
            number,
        )
    if not (digits.isascii() and _DIGITS.fullmatch(digits)):
        raise S10Error(
            f"Số hiệu bưu gửi {number}: 9 ký tự giữa ({digits}) phải là chữ số "
            "(8 số thứ tự và 1 số kiểm tra)",
            "serial",
            number,
        )
    if not _LETTERS.fullmatch(country):
        raise S10Error(
            f"Số hiệu bưu gửi {number}: 2 ký tự cuối ({country}) phải là mã nước bằng chữ cái "
            "(ví dụ VN)",
            "country",
            number,
        )
    serial, given = digits[:8], int(digits[8])
    expected = check_digit(serial)
    if given != expected:
        raise S10Error(
            f"Số hiệu bưu gửi {number} sai số kiểm tra: chữ số thứ 11 là {given}, theo chuẩn "
            f"UPU S10 phải là {expected} — kiểm tra lại số đã nhập",
            "check_digit",
            number,
        )
    return S10Number(service, serial, given, country)


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except S10Error:
        return False
    return True
