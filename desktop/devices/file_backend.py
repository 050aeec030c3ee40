"""Importing a document from a file (PNG, JPEG, multi-page TIFF, PDF) as if it were scanned:
the same clean-up, the same PDF. Device id ``file:PATH``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from .imaging import LoadedPage, iter_document_file
from .scanning import (
    CancelToken,
    DeviceInfo,
    Progress,
    ProgressCallback,
    RawPage,
    ScanSettings,
    Source,
)

A4_LONG_EDGE_IN = 11.69


def effective_dpi(page: LoadedPage) -> int:
    """The file's resolution, or for a photo (which has none that means anything) the one it
    would have if the picture spans an A4 page."""
    if page.dpi:
        return page.dpi
    guess = round(max(page.image.size) / A4_LONG_EDGE_IN)
    return max(72, min(600, guess))


class FileScanner:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.info = DeviceInfo(f"file:{path}", path.name, "file", (Source.FLATBED, Source.ADF))

    def pages(
        self, settings: ScanSettings, progress: ProgressCallback, cancel: CancelToken
    ) -> Iterator[RawPage]:
        progress(Progress(1, -1.0, f"Đang đọc {self.path.name}…"))
        loaded = iter_document_file(self.path, settings.resolution)
        for number, page in enumerate(loaded, 1):
            cancel.raise_if_cancelled()
            if settings.max_pages and number > settings.max_pages:
                return
            progress(Progress(number, 1.0, f"Đã đọc trang {number} của {self.path.name}"))
            dpi = effective_dpi(page)
            image = page.image
            if dpi > settings.resolution * 1.2:  # a 600-dpi file asked for at 300 dpi
                scale = settings.resolution / dpi
                image = image.convert("L") if image.mode == "1" else image
                size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
                image = image.resize(size, Image.Resampling.LANCZOS)
                dpi = settings.resolution
            yield RawPage(image, dpi)

    def close(self) -> None:
        return None
