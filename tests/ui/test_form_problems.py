"""A refused reception form, field by field (issue 22 item 4): every problem at once, each on
the screen's input the officer fixes it in, in the order the officer meets them. Plain Python:
the window only words and marks what this finds (tests/ui/test_reception_flow.py)."""

from __future__ import annotations

from typing import Any

from desktop.ui.form_problems import Problem, form_problems

CARD_ID = "089085001234"  # An Giang, a man born in 1985


def form(**applicant: Any) -> dict[str, Any]:
    return {"procedure": "2.000815", "applicant": applicant}


def test_a_good_form_has_no_problem() -> None:
    assert form_problems(form(name="Nguyễn Văn An", id_number=CARD_ID, address="Số 1 Lê Lợi")) == []


def test_every_problem_at_once_in_the_screens_order() -> None:
    data = form(id_number="12AB", email="x@", phone="123")
    data["procedure"] = ""
    data["result_delivery"] = {"method": "post"}
    assert form_problems(data) == [
        Problem("procedure", "missing"),
        Problem("name", "missing"),
        # the number is checked once the other fields pass: said now all the same
        Problem("id_number", "invalid"),
        Problem("address", "missing"),
        Problem("phone", "invalid"),
        Problem("email", "invalid"),
        Problem("delivery_address", "missing"),
    ]


def test_the_applicants_own_checks_land_on_their_fields() -> None:
    good = {"name": "Nguyễn Văn An", "address": "Số 1 Lê Lợi"}
    assert form_problems(form(**good, id_number="12AB")) == [Problem("id_number", "invalid")]
    # a birth year the CCCD number disagrees with is the birth date's problem
    assert form_problems(form(**good, id_number=CARD_ID, birth_date="1990-01-01")) == [
        Problem("birth_date", "birth_year")
    ]
    assert form_problems(form(**good, id_number=CARD_ID, birth_date="31/02/1985")) == [
        Problem("birth_date", "invalid")
    ]
    long_address = form(name="Nguyễn Văn An", id_number=CARD_ID, address="x" * 2000)
    (problem,) = form_problems(long_address)
    assert problem.field == "address" and problem.kind == "too_long" and problem.params["max"]
