"""A receipt held up to a camera: frames go through Qt Multimedia's own frame type and the
same decoders as scans; without a camera the officer is told so."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFilter
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame
from pytestqt.qtbot import QtBot

from desktop.devices.camera_qt import CameraQrReader, cameras
from desktop.ui.tasks import Tasks
from printing.thermal import render_bitmap
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE


def _receipt_photo() -> tuple[Image.Image, str]:
    from datetime import datetime

    from desktop.domain.forms.receipt import receipt

    doc = receipt(OFFICE, FACTS, now=datetime(2023, 10, 27))
    slip = render_bitmap(doc.copies[0], 576).convert("L")
    # a webcam's view: smaller, a little turned and soft, on a grey desk
    photo = Image.new("L", (1280, 960), 150)
    turned = slip.rotate(7, expand=True, fillcolor=150).filter(ImageFilter.GaussianBlur(0.8))
    photo.paste(turned.resize((turned.width * 2 // 3, turned.height * 2 // 3)), (300, -200))
    return photo, FACTS.qr_payload


def _frame(img: Image.Image) -> QVideoFrame:
    rgb = img.convert("RGB")
    q = QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QVideoFrame(q.copy())


def test_a_camera_frame_of_a_receipt_is_read(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    reader = CameraQrReader(tasks.io.submit)
    photo, payload = _receipt_photo()
    with qtbot.waitSignal(reader.found, timeout=20_000) as got:
        reader.frame(_frame(photo))
    assert got.args == [payload]
    tasks.wait()


def test_without_a_camera_the_officer_is_told(qtbot: QtBot) -> None:
    if cameras():  # pragma: no cover - a developer machine with a webcam
        return
    reader = CameraQrReader(Tasks().io.submit)
    with qtbot.waitSignal(reader.problem, timeout=5_000) as got:
        assert reader.start() is False
    assert "không có camera" in got.args[0]
