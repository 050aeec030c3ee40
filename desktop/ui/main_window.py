"""The main window: the dossiers of the local database with codes, statuses and appointments.

The full counter application (login, reception, returns) grows from here; everything that
touches the database runs on the DB worker, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.clock import local_now
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.lookup import lookup, recent

from .dossier_table import DossierRow, DossierTableModel
from .widgets import named
from .worker import Worker


@dataclass(frozen=True)
class Snapshot:
    title: str
    rows: list[DossierRow]
    now: datetime


def load_snapshot(data_dir: Path, query: str) -> Snapshot:
    """Runs on the DB worker."""
    db = Database.open(data_dir)
    try:
        ctx = load_context(db, data_dir)
        with db.read() as s:
            found = lookup(s, query) if query.strip() else recent(s)
            rows = [
                DossierRow(
                    d.code,
                    d.provisional,
                    d.applicant_name,
                    d.procedure_name,
                    d.status,
                    d.received_at,
                    d.due_at,
                )
                for d in found
            ]
        title = f"Quầy {ctx.counter} · {ctx.agency} · {ctx.profile.name}"
        return Snapshot(title, rows, local_now())
    finally:
        db.close()


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.data_dir = data_dir
        self.worker = Worker(threads=1, parent=self)
        self.setWindowTitle("Quầy Một Cửa")
        self.resize(1100, 640)

        self.heading = named(QLabel("Đang tải…"), "counterHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.search = named(QLineEdit(), "searchBox")
        self.search.setPlaceholderText("Tìm theo mã hồ sơ, số CCCD, họ tên hoặc điện thoại…")
        self.search.setClearButtonEnabled(True)
        refresh = named(QPushButton("Làm mới"), "refreshButton")
        refresh.setShortcut("F5")
        self.model = DossierTableModel()
        self.table = named(QTableView(), "dossierTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.message = named(QLabel(""), "messageLabel")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(refresh)
        layout = QVBoxLayout()
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.status = named(QLabel(""), "statusLabel")
        self.statusBar().addPermanentWidget(self.status, 1)
        self.message.hide()

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        refresh.clicked.connect(self.reload)
        self.loading = False
        self.reload()

    def reload(self) -> None:
        self.loading = True
        query = self.search.text()
        self.worker.submit(lambda: load_snapshot(self.data_dir, query), self._show, self._failed)

    def _show(self, snap: Snapshot) -> None:
        self.loading = False
        self.setWindowTitle(f"Quầy Một Cửa — {snap.title}")
        self.heading.setText(snap.title)
        self.model.set_rows(snap.rows, snap.now)
        self._say("" if snap.rows else "Chưa có hồ sơ nào phù hợp.")
        self.status.setText(f"{len(snap.rows)} hồ sơ · dữ liệu: {self.data_dir}")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self.heading.setText("Chưa mở được dữ liệu của quầy")
        self._say(str(exc))
        self.model.set_rows([], local_now())
