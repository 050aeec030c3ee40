"""What is wrong with a reception form, field by field, for the window to mark and word
(issue 22 item 4): every problem at once, each tied to the input the officer fixes it in.

Plain Python (no Qt): the form's data in, ``Problem``s out — the field (an input of the
screen), what kind of problem, and the numbers its words need. The window words them in its
language (reception.py); the command line keeps the Vietnamese sentences of
``sync/validation_vi.py``, whose error types this reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from desktop.domain.applicants import classify_id
from desktop.domain.reception import ReceptionForm

# the screen's inputs in the order the officer meets them: the first problem is focused
FIELDS = (
    "procedure",
    "fees",
    "name",
    "id_number",
    "birth_date",
    "address",
    "phone",
    "email",
    "documents",
    "sets",
    "delivery_address",
    "note",
    "form",
)
_APPLICANT = ("name", "id_number", "birth_date", "address", "phone", "email")


@dataclass(frozen=True)
class Problem:
    field: str  # one of FIELDS
    kind: str  # missing, too_short, too_long, forbidden, invalid, birth_year
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def _kind(err: Mapping[str, Any], value: object) -> tuple[str, dict[str, Any]]:
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "missing" or (value is not None and not str(value).strip()):
        return "missing", {}
    if kind == "string_too_short":
        return "too_short", {"min": ctx.get("min_length")}
    if kind == "string_too_long":
        return "too_long", {"max": ctx.get("max_length")}
    if kind == "forbidden_character":
        return "forbidden", {}
    return "invalid", {}


def _place(loc: Sequence[int | str], data: Mapping[str, Any]) -> tuple[str, object]:
    """The screen's input for a pydantic error location, and the value it held."""
    applicant = data.get("applicant") or {}
    head = str(loc[0]) if loc else ""
    if head == "applicant" and len(loc) > 1 and str(loc[1]) in _APPLICANT:
        return str(loc[1]), applicant.get(str(loc[1]))
    if head == "result_delivery":
        return "delivery_address", (data.get("result_delivery") or {}).get("address", "")
    if head in ("procedure", "documents", "fees", "sets", "note"):
        return head, data.get(head)
    return "form", None


def form_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Every problem of the form at once, in the screen's order; [] when it validates."""
    try:
        ReceptionForm.model_validate(data)
        return []
    except ValidationError as exc:
        errors = exc.errors()
    applicant = data.get("applicant") or {}
    found: dict[str, Problem] = {}
    for err in errors:
        loc = tuple(err.get("loc", ()))
        if loc == ("applicant",):
            # the applicant's own checks (ID number, birth year against a CCCD number)
            number = applicant.get("id_number", "")
            try:
                classify_id(str(number))
            except ValueError:
                found.setdefault("id_number", Problem("id_number", "invalid"))
                continue
            found.setdefault("birth_date", Problem("birth_date", "birth_year"))
            continue
        where, value = _place(loc, data)
        kind, params = _kind(err, value)
        found.setdefault(where, Problem(where, kind, params))
    # a bad ID number is only checked once the applicant's fields pass: said at once too
    number = applicant.get("id_number")
    if number and "id_number" not in found:
        try:
            classify_id(str(number))
        except ValueError:
            found["id_number"] = Problem("id_number", "invalid")
    return sorted(found.values(), key=lambda p: FIELDS.index(p.field))
