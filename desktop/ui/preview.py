"""A look at a slip before it prints: the thermal rendering itself, so what the officer sees is
what the printer gets. Enter prints, Escape closes."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.desk import Desk
from printing.thermal import render_bitmap

from .widgets import named


def render_copies(desk: Desk, kind: str, ref: str, dots: int = 576) -> list[Image.Image]:
    """Runs on a worker: the slip's copies as the thermal printer would print them."""
    document, _code = desk.document(kind, ref)
    printer = desk.printer()
    width = printer.dots if printer is not None else dots
    return [render_bitmap(copy, width) for copy in document.copies]


def to_pixmap(image: Image.Image) -> QPixmap:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    q = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(q.copy())


class PreviewDialog(QDialog):
    print_requested = Signal()

    def __init__(self, title: str, images: list[Image.Image], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(title)
        strip = QWidget()
        row = QHBoxLayout(strip)
        for i, image in enumerate(images):
            label = named(QLabel(), f"previewCopy{i + 1}")
            pixmap = to_pixmap(image)
            label.setPixmap(pixmap.scaledToWidth(360, Qt.TransformationMode.SmoothTransformation))
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(label)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter must reach the print button
        scroll.setWidget(strip)
        scroll.setWidgetResizable(True)
        self.print_button = named(QPushButton(self.tr("In (Enter)")), "printButton")
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        close = named(QPushButton(self.tr("Đóng (Esc)")), "closePreviewButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.resize(820, 640)
        self.print_button.clicked.connect(self._print)
        close.clicked.connect(self.reject)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.print_button.setFocus()

    def _print(self) -> None:
        self.print_requested.emit()
        self.accept()
