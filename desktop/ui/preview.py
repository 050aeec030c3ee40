"""A look at a slip before it prints: the thermal rendering itself, so what the officer sees is
what the printer gets — the whole slip, scrollable with the arrow and page keys — and which
printers it will go to. Enter prints, Escape closes."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QShowEvent
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


@dataclass(frozen=True)
class PrintTargets:
    """Where a form will print, as the counter's settings say (read on a worker)."""

    thermal: tuple[str, str] | None  # the receipt printer's name and address; None: not used
    thermal_missing: bool  # the form prints on the receipt printer but none is set up
    a4_queue: str | None  # the A4 printer's queue; "" : saved as a PDF; None: not printed on A4


@dataclass(frozen=True)
class Preview:
    images: list[Image.Image]
    targets: PrintTargets


def _where(uri: str) -> str:
    """``tcp://127.0.0.1:9100`` → ``TCP 127.0.0.1:9100``; other addresses as written."""
    scheme, _sep, rest = uri.partition("://")
    return f"{scheme.upper()} {rest}" if scheme == "tcp" else uri


def print_targets(desk: Desk, kind: str) -> PrintTargets:
    from desktop.services.printing import A4_ONLY

    mode = desk.settings().print_mode
    printer = desk.printer()
    thermal_used = kind not in A4_ONLY and mode in ("thermal", "both")
    a4_used = kind in A4_ONLY or mode in ("a4", "both")
    return PrintTargets(
        thermal=(printer.name, _where(printer.uri)) if thermal_used and printer else None,
        thermal_missing=thermal_used and printer is None,
        a4_queue=desk.settings().a4_queue if a4_used else None,
    )


def render_copies(desk: Desk, kind: str, ref: str, dots: int = 576) -> Preview:
    """Runs on a worker: the slip's copies as the thermal printer would print them, and where
    the form will go."""
    document, _code = desk.document(kind, ref)
    printer = desk.printer()
    width = printer.dots if printer is not None else dots
    images = [render_bitmap(copy, width) for copy in document.copies]
    return Preview(images, print_targets(desk, kind))


def to_pixmap(image: Image.Image) -> QPixmap:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    q = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(q.copy())


class PreviewDialog(QDialog):
    print_requested = Signal()

    def __init__(self, title: str, preview: Preview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(title)
        strip = QWidget()
        row = QHBoxLayout(strip)
        for i, image in enumerate(preview.images):
            label = named(QLabel(), f"previewCopy{i + 1}")
            pixmap = to_pixmap(image)
            label.setPixmap(pixmap.scaledToWidth(340, Qt.TransformationMode.SmoothTransformation))
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            row.addWidget(label)
        self.slip_scroll = named(QScrollArea(), "previewScroll")
        self.slip_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter must reach the print button
        self.slip_scroll.setWidget(strip)
        self.slip_scroll.setWidgetResizable(True)
        self.targets = named(QLabel(self.targets_text(preview.targets)), "previewTargets")
        self.targets.setWordWrap(True)
        hint = named(QLabel(self.tr("Mũi tên, PgUp/PgDn: cuộn xem hết phiếu")), "previewScrollHint")
        hint.setProperty("role", "hint")
        self.print_button = named(QPushButton(self.tr("In (Enter)")), "printButton")
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        close = named(QPushButton(self.tr("Đóng (Esc)")), "closePreviewButton")
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.targets)
        layout.addWidget(self.slip_scroll, 1)
        layout.addLayout(buttons)
        # fits a 1366×768 screen at 125 % (1093×614 logical) with the window's frame
        self.resize(800, 560)
        self.print_button.clicked.connect(self._print)
        close.clicked.connect(self.reject)

    def targets_text(self, t: PrintTargets) -> str:
        parts = []
        if t.thermal is not None:
            parts.append(self.tr("máy in nhiệt “{0}” ({1})").format(*t.thermal))
        elif t.thermal_missing:
            parts.append(self.tr("máy in nhiệt: chưa cài đặt (phiếu chờ trong hàng đợi in)"))
        if t.a4_queue:
            parts.append(self.tr("A4: máy in “{0}”").format(t.a4_queue))
        elif t.a4_queue is not None:
            parts.append(self.tr("A4: lưu tệp PDF (chưa đặt máy in A4)"))
        return self.tr("In ra: {0}").format("; ".join(parts))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The scroll area never takes the focus (Enter prints): the keys that scroll reach it
        from here."""
        bar = self.slip_scroll.verticalScrollBar()
        steps = {
            Qt.Key.Key_Down: bar.singleStep() * 3,
            Qt.Key.Key_Up: -bar.singleStep() * 3,
            Qt.Key.Key_PageDown: bar.pageStep(),
            Qt.Key.Key_PageUp: -bar.pageStep(),
        }
        if event.key() in steps:
            bar.setValue(bar.value() + steps[Qt.Key(event.key())])
            return
        if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            bar.setValue(bar.minimum() if event.key() == Qt.Key.Key_Home else bar.maximum())
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.print_button.setFocus()

    def _print(self) -> None:
        self.print_requested.emit()
        self.accept()
