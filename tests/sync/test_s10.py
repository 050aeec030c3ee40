"""UPU S10 tracking numbers (issue 20, item 4): the check digit as the standard computes it, on
numbers worked out by hand here and on published ones, and each kind of wrong number refused
with the part that is wrong."""

from __future__ import annotations

import pytest

from desktop.domain.refusal import is_refusal, refusal_code
from sync import s10


def test_the_check_digit_worked_by_hand() -> None:
    # the S10 document's example RA123456785GB: 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7
    # = 8 + 12 + 12 + 8 + 15 + 30 + 63 + 56 = 204; 204 mod 11 = 6; 11 - 6 = 5
    assert s10.check_digit("12345678") == 5
    assert str(s10.parse("RA123456785GB")) == "RA123456785GB"
    # a published Royal Mail number: 4·8+7·6+3·4+1·2+2·3+4·5+8·9+2·7 = 200; 200 mod 11 = 2 → 9
    assert s10.check_digit("47312482") == 9
    assert s10.is_valid("RR473124829GB")
    # 10000001: 1·8 + 1·7 = 15; 15 mod 11 = 4; 11 - 4 = 7
    assert s10.check_digit("10000001") == 7
    # a sum divisible by 11 gives 11, written 5: 00000000 sums to 0
    assert s10.check_digit("00000000") == 5
    assert s10.is_valid("EE000000005VN")
    # a sum of 1 mod 11 gives 10, written 0: 00000008 sums to 8·7 = 56 = 5·11 + 1
    assert s10.check_digit("00000008") == 0
    assert s10.is_valid("EE000000080VN")


def test_every_serial_has_exactly_one_check_digit() -> None:
    for serial in ("12345678", "47312482", "99999999", "31415926", "27182818"):
        good = [d for d in range(10) if s10.is_valid(f"EB{serial}{d}VN")]
        assert good == [s10.check_digit(serial)]


@pytest.mark.parametrize(
    "typed", ["EB123456785VN", "eb123456785vn", "  EB 123 456 785 VN ", "Eb 1234 5678 5 vN\t"]
)
def test_numbers_are_normalised(typed: str) -> None:
    n = s10.parse(typed)
    assert str(n) == "EB123456785VN"
    assert (n.service, n.serial, n.check, n.country) == ("EB", "12345678", 5, "VN")


@pytest.mark.parametrize(
    ("typed", "reason", "says"),
    [
        ("", "empty", "Chưa nhập"),
        ("   ", "empty", "Chưa nhập"),
        ("EB12345678VN", "length", "12 ký tự"),
        ("EB1234567855VN", "length", "14 ký tự"),
        ("1B123456785VN", "service", "2 ký tự đầu (1B)"),
        ("ÉB123456785VN", "service", "2 ký tự đầu"),
        ("EB12345A785VN", "serial", "9 ký tự giữa (12345A785)"),
        ("EB１23456785VN", "serial", "9 ký tự giữa"),  # a full-width digit
        ("EB123456785V1", "country", "2 ký tự cuối (V1)"),
        ("EB12345678512", "country", "mã nước"),
        # the issue's own example: its check digit would be 5, not 9
        ("EB123456789VN", "check_digit", "phải là 5"),
        ("RA123456784GB", "check_digit", "chữ số thứ 11 là 4"),
        ("RR473124828GB", "check_digit", "phải là 9"),
    ],
)
def test_each_kind_of_wrong_number_says_which_part(typed: str, reason: str, says: str) -> None:
    with pytest.raises(s10.S10Error) as caught:
        s10.parse(typed)
    assert caught.value.reason == reason
    assert says in str(caught.value)
    # a refusal the command line and the window show as one sentence, not a bug
    assert is_refusal(caught.value) and refusal_code(caught.value) == "tracking_invalid"
    assert not s10.is_valid(typed)


def test_a_serial_is_eight_ascii_digits() -> None:
    for bad in ("1234567", "123456789", "1234567a", "１２３４５６７８"):
        with pytest.raises(ValueError):
            s10.check_digit(bad)
