"""The counter's forms (Mẫu 01–06 and the incident request), built as printing-agnostic slips."""

from __future__ import annotations

from desktop.domain.forms.control import control_slip
from desktop.domain.forms.incident import incident_request
from desktop.domain.forms.notices import apology, rejection, supplement_request
from desktop.domain.forms.receipt import receipt
from desktop.domain.forms.register import register_book

__all__ = [
    "apology",
    "control_slip",
    "incident_request",
    "receipt",
    "register_book",
    "rejection",
    "supplement_request",
]
