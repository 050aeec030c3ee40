"""The dossiers behind one number: every figure on the supervisor's screen opens this list, and
a double-click opens the dossier in look-up."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.stats.results import DossierRef

from .domain_words import status_text
from .widgets import named


def _fmt(moment: datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


class DrillDialog(QDialog):
    open_dossier = Signal(str)  # the dossier's code (or id when it has none)

    def __init__(self, title: str, refs: list[DossierRef], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle(title)
        self.refs = refs
        # "%n hồ sơ": one form in Vietnamese, "1 dossier" / "2 dossiers" in English
        count = self.tr("%n hồ sơ", "", len(refs))
        heading = named(QLabel(self.tr("{0}: {1}").format(title, count)), "drillTitle")
        heading.setWordWrap(True)
        self.table = named(QTableWidget(len(refs), 6), "drillTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Mã hồ sơ"),
                self.tr("Thủ tục"),
                self.tr("Trạng thái"),
                self.tr("Tiếp nhận"),
                self.tr("Hẹn trả"),
                self.tr("Có kết quả"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(refs):
            cells = (
                r.code or self.tr("(chưa cấp mã)"),
                r.procedure_name,
                status_text(r.status),
                _fmt(r.received_at),
                _fmt(r.due_at),
                _fmt(r.finished_at),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open(row))
        close = named(QPushButton(self.tr("Đóng")), "closeDrillButton")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Nhấp đúp để mở hồ sơ")))
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(980, 520)
        self.table.setFocus()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.refs):
            r = self.refs[row]
            self.open_dossier.emit(r.code or r.id)
            self.accept()
