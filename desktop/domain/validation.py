"""Turning pydantic validation errors into one Vietnamese sentence an officer can act on.

The words live in one table shared with the provincial server (sync/validation_vi.py): field
names, and what each kind of error asks for, by error type and field — never pydantic's English.
"""

from __future__ import annotations

from pydantic import ValidationError

from sync.validation_vi import FIELD_NAMES_VI, MESSAGES_VI, describe, message, place

__all__ = [
    "FIELD_NAMES_VI",
    "MESSAGES_VI",
    "describe_errors",
    "error_fields",
    "message",
    "place",
]


def error_fields(exc: ValidationError) -> tuple[str, ...]:
    """The dotted places of the problems (``applicant.phone``, ``documents.1.name``), for a
    refusal's params: what the window may mark, whatever language it words the problem in."""
    return tuple(dict.fromkeys(".".join(str(p) for p in err["loc"]) for err in exc.errors()))


def describe_errors(exc: ValidationError, limit: int = 8) -> str:
    return describe(exc.errors(), limit)
