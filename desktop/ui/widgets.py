"""Small helpers shared by the windows."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the stable objectName tests and style sheets find it by."""
    widget.setObjectName(object_name)
    return widget
