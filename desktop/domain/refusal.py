"""Expected refusals: what the counter says no to, as opposed to a bug.

A refusal has a stable ``code`` and the ``params`` that its message needs, so the edge (the
command line in Vietnamese, the window in the officer's language) decides the wording; ``str()``
of a refusal is its Vietnamese message, what the command line prints.

``sync`` and ``printing`` must not import ``desktop`` (they are shared with the server and other
apps), so their refusals say so with a ``refusal_code`` class attribute instead of this base;
:func:`is_refusal` accepts both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class Refusal(Exception):
    """Base of every expected refusal of the counter's own layers."""

    code: ClassVar[str] = "refused"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code  # type: ignore[misc]  # a raise site may be more precise than its class
        self.params: Mapping[str, Any] = params

    @property
    def message(self) -> str:
        return str(self)


def is_refusal(exc: BaseException) -> bool:
    """True for an expected refusal of any layer; everything else is a bug to log."""
    return isinstance(exc, Refusal) or isinstance(getattr(type(exc), "refusal_code", None), str)


def refusal_code(exc: BaseException) -> str | None:
    if isinstance(exc, Refusal):
        return exc.code
    code = getattr(type(exc), "refusal_code", None)
    return code if isinstance(code, str) else None
