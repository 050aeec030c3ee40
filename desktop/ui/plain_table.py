"""Read-only tables of plain text for lists that are shown, sorted and picked from, but never
edited in place (the incident screen's dossiers and citizens)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from .widgets import named


def moment(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else ""


def plain_table(
    object_name: str, headers: Sequence[str], stretch: int | None = None
) -> QTableWidget:
    table = named(QTableWidget(0, len(headers)), object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], keys: Sequence[object] = ()) -> None:
    """Replace the rows; ``keys[i]`` rides on row i's first cell (Qt.UserRole)."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if len(text) > 24:  # a long cell may be cut off: the whole of it on hover
                item.setToolTip(text)
            if c == 0 and r < len(keys):
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


def selected_key(table: QTableWidget) -> object | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
