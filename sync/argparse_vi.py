"""argparse's own messages in Vietnamese, for both commands (``motcua``, ``motcua-server``):
a missing option or a mistyped choice otherwise answers an officer in English ("the following
arguments are required", issue 21 item 5).

argparse looks its words up through ``gettext`` at the moment it says them (its module-level
``_`` and ``ngettext``); replacing those two names with this table's lookup changes nothing
else. The table holds the messages of Python 3.11–3.13's argparse; one it does not know is said
as argparse has it."""

from __future__ import annotations

import argparse

_WORDS = {
    "usage: ": "cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ (%(type)s): %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn chưa rõ: %(option)s có thể là %(matches)s"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
_PLURALS = {"expected %s argument": "cần %s giá trị"}


def _say(message: str) -> str:
    return _WORDS.get(message, message)


def _say_n(singular: str, plural: str, n: int) -> str:
    return _PLURALS.get(singular, singular if n == 1 else plural)


def speak_vietnamese() -> None:
    """argparse says its words in Vietnamese from now on (idempotent)."""
    argparse._ = _say  # type: ignore[attr-defined]
    argparse.ngettext = _say_n  # type: ignore[attr-defined]
