"""The table model behind the dossier list: code, applicant, procedure, status, appointment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.domain.dossier import Status

from .domain_words import status_text


@dataclass(frozen=True)
class DossierRow:
    code: str | None
    provisional: bool
    applicant: str
    procedure: str
    status: int
    received_at: datetime | None
    due_at: datetime | None


def _fmt(moment: datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


class DossierTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("DossierTable", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("DossierTable", "Người nộp"),
        QT_TRANSLATE_NOOP("DossierTable", "Thủ tục"),
        QT_TRANSLATE_NOOP("DossierTable", "Trạng thái"),
        QT_TRANSLATE_NOOP("DossierTable", "Tiếp nhận"),
        QT_TRANSLATE_NOOP("DossierTable", "Hẹn trả"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DossierRow] = []
        self.now = datetime.now()

    def set_rows(self, rows: list[DossierRow], now: datetime) -> None:
        self.beginResetModel()
        self._rows = rows
        self.now = now
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("DossierTable", str(self.HEADERS[section]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                (row.code or QCoreApplication.translate("DossierTable", "(chưa cấp mã)"))
                + (
                    QCoreApplication.translate("DossierTable", " — MÃ TẠM")
                    if row.provisional
                    else ""
                ),
                row.applicant,
                row.procedure,
                status_text(row.status),
                _fmt(row.received_at),
                _fmt(row.due_at),
            )[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and row.due_at:
            open_ = not Status(row.status).is_final and row.status != Status.DA_XU_LY_XONG
            if open_ and row.due_at < self.now:
                return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0 and row.provisional:
                return QCoreApplication.translate(
                    "DossierTable",
                    "Mã tạm: sẽ được thay bằng mã chính thức khi đồng bộ với máy chủ",
                )
            if col == 2:
                return row.procedure
        return None


def fit_columns(table: QTableView) -> None:
    """Codes, statuses and times at their width; the name readable; the procedure takes the
    rest and is elided (its full name is in the tooltip and the detail pane)."""
    header = table.horizontalHeader()
    header.setMinimumSectionSize(60)
    for col in (0, 3, 4, 5):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 170)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
