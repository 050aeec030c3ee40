"""Reading a receipt's QR code from a camera: Qt Multimedia grabs the frames (the one place in
devices that needs Qt), the same decoders as for scans read them on a worker. A few frames a
second are enough for a citizen holding up a slip, and only one decode runs at a time, so the
camera never queues work faster than it is done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image
from PySide6.QtCore import QElapsedTimer, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

from .qr_decode import decode_image

FRAME_EVERY_MS = 250
MAX_SIDE = 1280  # phone-photo sized: QR codes on a slip held up to the camera stay readable
Submit = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


def cameras() -> list[QCameraDevice]:
    return list(QMediaDevices.videoInputs())


def to_pil(image: QImage) -> Image.Image:
    """A camera frame as a greyscale Pillow image, at most MAX_SIDE on its longer side."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = grey.width(), grey.height()
    data = bytes(grey.constBits())[: grey.bytesPerLine() * h]
    pil = Image.frombuffer("L", (w, h), data, "raw", "L", grey.bytesPerLine(), 1).copy()
    if max(w, h) > MAX_SIDE:
        pil.thumbnail((MAX_SIDE, MAX_SIDE))
    return pil


class CameraQrReader(QObject):
    found = Signal(str)  # a QR payload read from the camera
    problem = Signal(str)

    def __init__(
        self, submit: Submit, preview: QObject | None = None, parent: QObject | None = None
    ) -> None:
        """``preview``: a QVideoWidget the officer aims with; its frames are the ones read."""
        super().__init__(parent)
        self.submit = submit
        self.session = QMediaCaptureSession(self)
        sink: QVideoSink | None = getattr(preview, "videoSink", lambda: None)()
        if preview is not None and sink is not None:
            self.session.setVideoOutput(preview)
            self.sink = sink
        else:
            self.sink = QVideoSink(self)
            self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self.frame)
        self.camera: QCamera | None = None
        self._clock = QElapsedTimer()
        self._clock.start()
        self._last = -FRAME_EVERY_MS
        self._busy = False

    def start(self, device: QCameraDevice | None = None) -> bool:
        available = cameras()
        if device is None and not available:
            self.problem.emit(self.tr("Máy này không có camera"))
            return False
        self.camera = QCamera(device or available[0], self)
        self.camera.errorOccurred.connect(lambda _e, text: self.problem.emit(text))
        self.session.setCamera(self.camera)
        self.camera.start()
        return True

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera = None

    def frame(self, frame: QVideoFrame) -> None:
        """Called on the GUI thread for every frame; keeps a few a second for decoding."""
        now = self._clock.elapsed()
        if self._busy or now - self._last < FRAME_EVERY_MS or not frame.isValid():
            return
        self._last = now
        image = frame.toImage()
        if image.isNull():
            return
        pil = to_pil(image)
        self._busy = True
        self.submit(lambda: decode_image(pil), self._decoded, self._failed)

    def _decoded(self, found: list[str]) -> None:
        self._busy = False
        for text in found:
            self.found.emit(text)
            return

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.problem.emit(str(exc))
