"""Small helpers shared by the windows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QObject)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the stable objectName tests and style sheets find it by."""
    widget.setObjectName(object_name)
    return widget


def shortcut(
    parent: QWidget,
    keys: str,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), parent)
    sc.setContext(context)
    sc.activated.connect(slot)
    return sc
