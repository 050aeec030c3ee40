"""The picker's ranking (issue 22 item 4): the procedure the officer means comes first — the
name itself, then a name that starts with the words, a whole phrase, the words in order — and
among equals the procedures this counter receives most. Plain Python, the real catalog."""

from __future__ import annotations

import pytest

from desktop.domain.procedures import Catalog, Procedure, search
from desktop.store.resources import load_catalog

BIRTH = "1.001193"  # Thủ tục đăng ký khai sinh
BIRTH_COPY = "2.000635"  # Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh
BIRTH_JOINT = "2.000986"  # Liên thông … đăng ký khai sinh, đăng ký thường trú, …


@pytest.fixture(scope="module")
def procedures() -> list[Procedure]:
    catalog: Catalog = load_catalog()
    # in the order the counter's store lists them (desktop/store/catalog.py list_procedures):
    # by field, then name — "Cấp bản sao …" before "Thủ tục đăng ký khai sinh"
    return sorted(catalog.procedures, key=lambda p: (p.field.name, p.name))


def codes(found: list[Procedure]) -> list[str]:
    return [p.code for p in found]


@pytest.mark.parametrize("query", ["khai sinh", "Khai Sinh", "khai si", "đăng ký khai sinh"])
def test_registering_a_birth_comes_before_a_copy_of_its_extract(
    procedures: list[Procedure], query: str
) -> None:
    found = codes(search(procedures, query))
    assert found[0] == BIRTH, found
    if BIRTH_COPY in found:
        assert found.index(BIRTH) < found.index(BIRTH_COPY)


def test_a_name_that_starts_with_the_words_beats_one_holding_them_later(
    procedures: list[Procedure],
) -> None:
    found = codes(search(procedures, "dang ky khai sinh"))
    assert found[:2] == [BIRTH, BIRTH_JOINT]
    # and the whole name typed out is the first whatever the counter used most
    assert codes(search(procedures, "Thủ tục đăng ký khai sinh", {BIRTH_JOINT: 99}))[0] == BIRTH


def test_the_code_itself_comes_first(procedures: list[Procedure]) -> None:
    assert codes(search(procedures, BIRTH))[0] == BIRTH
    assert codes(search(procedures, "1.0011"))[0] == BIRTH


def test_among_equal_matches_the_counters_own_use_decides(procedures: list[Procedure]) -> None:
    plain = codes(search(procedures, "khai sinh"))
    used = codes(search(procedures, "khai sinh", {BIRTH_COPY: 7, BIRTH: 2}))
    assert sorted(plain) == sorted(used)
    assert used[:2] == [BIRTH_COPY, BIRTH]
    # use never lifts a scattered match above a phrase: "ho tich" as a phrase first
    tich = codes(search(procedures, "ho tich", {BIRTH: 50}))
    assert tich[0] == BIRTH_COPY


def test_no_query_lists_the_most_used_first_then_the_catalog(
    procedures: list[Procedure],
) -> None:
    assert codes(search(procedures, "")) == codes(procedures)
    listed = codes(search(procedures, "  ", {BIRTH_JOINT: 3, BIRTH_COPY: 1}))
    assert listed[:2] == [BIRTH_JOINT, BIRTH_COPY]
    assert sorted(listed) == sorted(codes(procedures))
