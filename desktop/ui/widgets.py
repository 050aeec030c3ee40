"""Small helpers shared by the windows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    # PySide6 builds the ~100 enums of the Qt namespace on its first use (tens of ms): the
    # sign-in screen does without
    from PySide6.QtCore import Qt

W = TypeVar("W", bound=QObject)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the stable objectName tests and style sheets find it by."""
    widget.setObjectName(object_name)
    return widget


def shortcut(
    parent: QWidget,
    keys: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext | None = None,
) -> QShortcut:
    """``context``: Qt's default, the window, unless told."""
    sc = QShortcut(QKeySequence(keys), parent)
    if context is not None:
        sc.setContext(context)
    sc.activated.connect(slot)
    return sc
