"""Scanning the citizen's papers at reception: one set of pages per checklist document, scanned
from the counter's scanner (feeder or glass) or imported from a file, seen as thumbnails, put in
order by dragging, turned, deleted or rescanned; attached as one PDF per document when the
dossier is received. The scanner runs on a worker; pages arrive one by one as they are ready."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.devices.pages import DocumentPages, Page
from desktop.devices.registry import list_devices
from desktop.devices.scanjob import ScanOutcome, run_scan
from desktop.devices.scanning import CancelToken, DeviceInfo, Progress, ScanSettings, Source

from .operations import DeskOp
from .preview import to_pixmap
from .style import mark
from .tasks import Tasks
from .widgets import named

THUMB = 150


class _Bridge(QObject):
    """Carries the scan worker's callbacks over to the GUI thread."""

    page = Signal(object)  # Page
    progress = Signal(object)  # Progress


class ScanPanel(QWidget):
    changed = Signal()  # pages were added, removed or reordered

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPanel")
        self.tasks = tasks
        self.documents: dict[str, DocumentPages] = {}
        self.current: str | None = None
        self.cancel: CancelToken | None = None
        self.scanning = False
        self._replace_at: int | None = None
        self.no_devices = False  # the device list came back empty
        self.device = named(QComboBox(), "scanDevice")
        self.source = named(QComboBox(), "scanSource")
        self.source.addItem(self.tr("Mặt kính"), Source.FLATBED.value)
        self.source.addItem(self.tr("Khay nạp giấy"), Source.ADF.value)
        self.source.addItem(self.tr("Khay nạp, hai mặt"), Source.ADF_DUPLEX.value)
        self.scan_button = named(QPushButton(self.tr("Quét (F8)")), "scanButton")
        self.import_button = named(QPushButton(self.tr("Nhập tệp…")), "importButton")
        self.rotate_button = named(QPushButton(self.tr("Xoay")), "rotatePageButton")
        self.rescan_button = named(QPushButton(self.tr("Quét lại trang")), "rescanPageButton")
        self.delete_button = named(QPushButton(self.tr("Xóa trang")), "deletePageButton")
        self.cancel_button = named(QPushButton(self.tr("Dừng")), "cancelScanButton")
        self.thumbs = named(QListWidget(), "scanThumbs")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setFlow(QListView.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListView.Movement.Snap)
        self.thumbs.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.thumbs.setFixedHeight(THUMB + 36)
        # no scanner found: said plainly, with the way out, where the pages would be
        self.no_scanner = named(
            QLabel(
                self.tr(
                    "<b>Không tìm thấy máy quét nào.</b><br>Cắm máy quét vào máy tính, bật lên "
                    "(lần đầu: cài trình điều khiển của hãng), rồi bấm «Tìm lại máy quét». "
                    "Hoặc bấm «Nhập tệp…» để đính kèm ảnh hay PDF đã quét ở nơi khác."
                )
            ),
            "scanNoScanner",
        )
        self.no_scanner.setWordWrap(True)
        self.no_scanner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_scanner.setMinimumHeight(THUMB + 36)
        self.no_scanner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.no_scanner.hide()
        self.find_button = named(QPushButton(self.tr("Tìm lại máy quét")), "scanFindDevices")
        self.find_button.hide()
        self.status = named(QLabel(self.tr("Chọn giấy tờ trong danh sách để quét")), "scanStatus")
        self.status.setWordWrap(True)
        self.bridge = _Bridge(self)
        self.bridge.page.connect(self._page_arrived)
        self.bridge.progress.connect(self._progress)

        self.device.setMinimumContentsLength(12)
        self.device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        row = QHBoxLayout()
        row.addWidget(self.device, 2)
        row.addWidget(self.source, 1)
        row.addWidget(self.scan_button)
        row.addWidget(self.find_button)
        row.addWidget(self.import_button)
        row.addWidget(self.cancel_button)
        # with no scanner the list and its options are hidden: this keeps the buttons their size
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.filler.hide()
        row.addWidget(self.filler, 3)
        edit = QHBoxLayout()
        edit.addWidget(self.status, 1)
        for b in (self.rotate_button, self.rescan_button, self.delete_button):
            edit.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.thumbs)
        layout.addWidget(self.no_scanner)
        layout.addLayout(edit)
        self.scan_button.clicked.connect(self.scan)
        self.import_button.clicked.connect(self._import)
        self.find_button.clicked.connect(self.load_devices)
        self.cancel_button.clicked.connect(self.stop)
        self.rotate_button.clicked.connect(self._rotate)
        self.rescan_button.clicked.connect(self._rescan)
        self.delete_button.clicked.connect(self._delete)
        self.thumbs.model().rowsMoved.connect(self._moved)
        self._update_buttons()

    # -- set-up ----------------------------------------------------------------------------

    def load_devices(self) -> None:
        # no scanner driver is no failure: the list says to import files instead
        DeskOp(
            self.tasks,
            list_devices,
            self._devices,
            io=True,
            quiet=True,
            on_failed=lambda _e: self._devices([]),
        ).start()

    def _devices(self, devices: list[DeviceInfo]) -> None:
        self.device.clear()
        for d in devices:
            self.device.addItem(d.name, d.id)
        if not devices:
            self.device.addItem(self.tr("(không tìm thấy máy quét — dùng Nhập tệp)"), "")
        self.no_devices = not devices
        for w in (self.device, self.source, self.scan_button):
            w.setVisible(bool(devices))
        self.find_button.setVisible(not devices)
        self.filler.setVisible(not devices)
        self._refresh()

    def set_document(self, name: str | None) -> None:
        self.current = name
        self._refresh()

    def reset(self) -> None:
        self.stop()
        self.documents.clear()
        self.current = None
        self._refresh()

    def pages_of(self, name: str) -> DocumentPages | None:
        pages = self.documents.get(name)
        return pages if pages is not None and len(pages.pages) else None

    def scanned(self) -> list[DocumentPages]:
        return [p for p in self.documents.values() if p.pages]

    # -- scanning ------------------------------------------------------------------------

    def scan(self) -> None:
        device = str(self.device.currentData() or "")
        if not device:
            self._say(self.tr("Chưa có máy quét: dùng Nhập tệp…"), "error")
            return
        self._start(device, Source(self.source.currentData()))

    def _import(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("Nhập giấy tờ đã quét"),
            "",
            self.tr("Ảnh hoặc PDF (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if name:
            self.import_file(name)

    def import_file(self, path: str) -> None:
        self._start(f"file:{path}", Source.FLATBED, feeder_like=True)

    def _start(self, device: str, source: Source, *, feeder_like: bool = False) -> None:
        if self.scanning:
            return
        if self.current is None:
            self._say(self.tr("Chọn giấy tờ cần quét trong danh sách trước"), "error")
            return
        pages = self.documents.setdefault(self.current, DocumentPages(self.current))
        settings = ScanSettings(
            source=source,
            max_pages=None if (source.is_feeder or feeder_like) else 1,
        )
        cancel = CancelToken()
        self.cancel = cancel
        self.scanning = True
        self._target = pages
        self._update_buttons()
        self._say(self.tr("Đang quét…"), "hint")
        bridge = self.bridge

        def work() -> ScanOutcome:
            return run_scan(
                device, settings, bridge.progress.emit, cancel, on_page=bridge.page.emit
            )

        DeskOp(
            self.tasks, work, self._finished, say=self._say, io=True, on_failed=self._stopped
        ).start()

    def stop(self) -> None:
        if self.cancel is not None:
            self.cancel.cancel()

    def _progress(self, p: Progress) -> None:
        self._say(p.message, "hint")

    def _page_arrived(self, page: Page) -> None:
        target = getattr(self, "_target", None)
        if target is None:
            return
        if self._replace_at is not None:
            target.replace(self._replace_at, page)
            self._replace_at = None
        else:
            target.append(page)
        if target is self.documents.get(self.current or ""):
            self._refresh()
        self.changed.emit()

    def _finished(self, outcome: ScanOutcome) -> None:
        self.scanning = False
        self.cancel = None
        self._replace_at = None
        if outcome.error:
            self._say(outcome.error, "error")
        elif outcome.cancelled:
            self._say(
                self.tr("Đã dừng quét; giữ {0} trang đã quét").format(len(outcome.pages)), "hint"
            )
        else:
            extra = (
                self.tr(", bỏ {0} trang trắng").format(outcome.blank_dropped)
                if outcome.blank_dropped
                else ""
            )
            self._say(self.tr("Đã quét {0} trang{1}").format(len(outcome.pages), extra), "ok")
        self._refresh()

    def _stopped(self, _exc: Exception) -> None:
        self.scanning = False
        self.cancel = None
        self._update_buttons()

    # -- editing ---------------------------------------------------------------------------

    def _selected(self) -> int | None:
        row = self.thumbs.currentRow()
        pages = self.documents.get(self.current or "")
        if pages is None or not 0 <= row < len(pages.pages):
            return None
        return row

    def _rotate(self) -> None:
        row = self._selected()
        if row is not None and self.current:
            self.documents[self.current].rotate(row, 1)
            self._refresh(select=row)
            self.changed.emit()

    def _delete(self) -> None:
        row = self._selected()
        if row is not None and self.current:
            self.documents[self.current].remove(row)
            self._refresh(select=max(0, row - 1))
            self.changed.emit()

    def _rescan(self) -> None:
        row = self._selected()
        if row is None:
            return
        self._replace_at = row
        device = str(self.device.currentData() or "")
        if not device:
            self._replace_at = None
            self._say(self.tr("Chưa có máy quét"), "error")
            return
        self._start(device, Source.FLATBED)

    def _moved(
        self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int
    ) -> None:
        if self.current and self.current in self.documents:
            self.documents[self.current].move(start, row if row < start else row - 1)
            self.changed.emit()

    # -- showing ---------------------------------------------------------------------------

    def _refresh(self, select: int | None = None) -> None:
        self.thumbs.clear()
        pages = self.documents.get(self.current or "")
        if pages is not None:
            for i, page in enumerate(pages.pages):
                item = QListWidgetItem(
                    QIcon(to_pixmap(_thumb(page))), self.tr("Trang {0}").format(i + 1)
                )
                item.setData(Qt.ItemDataRole.UserRole, page.id)
                self.thumbs.addItem(item)
        if select is not None and self.thumbs.count():
            self.thumbs.setCurrentRow(min(select, self.thumbs.count() - 1))
        # no scanner and no page yet: the notice instead of an empty strip of thumbnails
        notice = self.no_devices and self.thumbs.count() == 0
        self.no_scanner.setVisible(notice)
        self.thumbs.setVisible(not notice)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_doc = self.current is not None
        has_pages = self.thumbs.count() > 0
        self.scan_button.setEnabled(
            has_doc and not self.scanning and bool(self.device.currentData())
        )
        self.import_button.setEnabled(has_doc and not self.scanning)
        self.cancel_button.setEnabled(self.scanning)
        for b in (self.rotate_button, self.rescan_button, self.delete_button):
            b.setEnabled(has_pages and not self.scanning)

    def _say(self, text: str, role: str) -> None:
        self.status.setText(text)
        mark(self.status, role)


def _thumb(page: Page) -> Image.Image:
    return page.thumbnail(THUMB)


class ScanDialog(QDialog):
    """The scan window over reception: the panel for the document chosen in the checklist."""

    def __init__(self, panel: ScanPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.panel = panel
        self.title = named(QLabel(""), "scanDocument")
        self.title.setWordWrap(True)
        close = named(QPushButton(self.tr("Xong (Esc)")), "closeScanButton")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(900, 420)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setWindowTitle(self.tr("Quét giấy tờ"))
        self.title.setText(self.tr("<b>Giấy tờ:</b> {0}").format(self.panel.current or ""))
        if self.panel.scan_button.isEnabled():
            self.panel.scan_button.setFocus()
        else:  # no scanner: importing a file is what can be done
            self.panel.import_button.setFocus()
