"""Scanners on Windows through WIA, using Microsoft's WIA Automation Library (wiaaut.dll,
part of Windows since Vista, drives WIA 1.0 and 2.0 drivers) over late-bound COM via
``comtypes``. Imported only on Windows (see registry.py); tests drive it with a small fake of
the COM objects.

Documented objects and members used (learn.microsoft.com, "WIA Automation Layer" reference):
- ``WIA.DeviceManager``: ``DeviceInfos`` (1-based collection); ``DeviceInfo.DeviceID``,
  ``.Type`` (``ScannerDeviceType`` = 1), ``.Properties("Name")``, ``.Connect()`` → ``Device``.
- ``Device.Items`` (1-based; WIA 2.0 drivers show a Flatbed and a Feeder child item, told apart
  by ``WIA_IPA_ITEM_CATEGORY``), ``Device.Properties`` / ``Item.Properties``: ``Exists(id)``,
  ``Item(id).Value``, ids as strings.
- ``Item.Transfer(FormatID)`` → ``ImageFile``; ``ImageFile.FileData.BinaryData`` → the bytes.
- Properties (wiadef.h): WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES 3086, _STATUS 3087, _SELECT
  3088 (FEEDER 1, FLATBED 2, DUPLEX 4; FEED_READY 1), WIA_DPS_PAGES 3096; WIA_IPA_DATATYPE
  4103, WIA_IPA_DEPTH 4104, WIA_IPA_ITEM_CATEGORY 4125, WIA_IPS_CUR_INTENT 6146
  (COLOR 1, GRAYSCALE 2, TEXT 4), WIA_IPS_XRES 6147, WIA_IPS_YRES 6148.
- Errors (HRESULT facility 33): WIA_ERROR_PAPER_EMPTY 0x80210003 ends a feeder batch;
  PAPER_JAM 0x80210002, PAPER_PROBLEM 0x80210004, OFFLINE 0x80210005, BUSY 0x80210006,
  WARMING_UP 0x80210007, COVER_OPEN 0x80210016, DEVICE_LOCKED 0x8021000D.

A page's transfer is one synchronous call with no documented way to stop it half-way, so
cancel takes effect between pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from PIL import Image, UnidentifiedImageError

from .scanning import (
    CancelToken,
    DeviceInfo,
    Progress,
    ProgressCallback,
    RawPage,
    ScanError,
    ScanSettings,
    Source,
)

SCANNER_DEVICE_TYPE = 1
HANDLING_CAPABILITIES, HANDLING_STATUS, HANDLING_SELECT, PAGES = "3086", "3087", "3088", "3096"
DATATYPE, DEPTH, ITEM_CATEGORY = "4103", "4104", "4125"
CUR_INTENT, XRES, YRES = "6146", "6147", "6148"
FEEDER, FLATBED, DUPLEX = 0x1, 0x2, 0x4
FEED_READY = 0x1
INTENT = {"color": 1, "gray": 2, "lineart": 2}  # line art: grey, thresholded after deskew
CATEGORY_FEEDER = "{FE131934-F84C-42AD-8DA4-6129CDDD7288}"
CATEGORY_FLATBED = "{FB607B1F-43F3-488B-855B-FB703EC342A6}"
FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"

PAPER_EMPTY = 0x80210003
_ERRORS = {
    0x80210002: "Giấy bị kẹt trong khay nạp: gỡ giấy ra rồi quét lại",
    0x80210004: "Khay nạp giấy gặp sự cố: kiểm tra giấy trong khay",
    0x80210005: "Máy quét đang tắt hoặc mất kết nối",
    0x80210006: "Máy quét đang bận (có thể một chương trình khác đang dùng)",
    0x80210007: "Máy quét đang khởi động, chờ một lát rồi quét lại",
    0x8021000D: "Máy quét đang bị khóa: mở khóa trên máy rồi quét lại",
    0x80210016: "Nắp máy quét đang mở: đóng nắp rồi quét lại",
    PAPER_EMPTY: "Khay nạp giấy trống: đặt giấy vào khay rồi quét lại",
}

ManagerFactory = Callable[[], Any]


def _default_manager() -> Any:
    import comtypes
    import comtypes.client

    comtypes.CoInitialize()  # this worker thread's COM apartment
    return comtypes.client.CreateObject("WIA.DeviceManager", dynamic=True)


def wia_hresult(exc: BaseException) -> int | None:
    """The WIA error code inside a COM error, wherever the binding put it (comtypes puts the
    scode of DISP_E_EXCEPTION in its details, pywin32 in excepinfo[5])."""
    stack: list[Any] = list(exc.args)
    for _ in range(64):
        if not stack:
            break
        item = stack.pop(0)
        if isinstance(item, tuple | list):
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            code = item & 0xFFFFFFFF
            if code >> 16 == 0x8021:
                return code
    return None


def _vi(exc: BaseException) -> str:
    code = wia_hresult(exc)
    if code is not None and code in _ERRORS:
        return _ERRORS[code]
    return f"Máy quét báo lỗi (WIA): {exc}"


def _prop(props: Any, pid: str) -> Any | None:
    return props.Item(pid) if props.Exists(pid) else None


def _set(props: Any, pid: str, value: int) -> None:
    prop = _prop(props, pid)
    if prop is not None:
        prop.Value = value


def _bytes(data: Any) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    return bytes(bytearray(int(b) & 0xFF for b in data))  # a SAFEARRAY as a tuple of ints


def list_devices(manager: ManagerFactory = _default_manager) -> list[DeviceInfo]:
    try:
        infos = manager().DeviceInfos
        found = []
        for i in range(1, infos.Count + 1):
            info = infos.Item(i)
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            name = str(info.Properties.Item("Name").Value)
            found.append(DeviceInfo(f"wia:{info.DeviceID}", name, "wia", ()))
        return found
    except ImportError:
        raise ScanError("Chưa cài comtypes nên chưa dùng được máy quét WIA") from None
    except Exception as exc:
        raise ScanError(_vi(exc)) from None


class WiaScanner:
    def __init__(self, device_id: str, manager: ManagerFactory = _default_manager) -> None:
        try:
            infos = manager().DeviceInfos
            match = [
                infos.Item(i)
                for i in range(1, infos.Count + 1)
                if infos.Item(i).DeviceID == device_id
            ]
            if not match:
                raise ScanError(f"Không tìm thấy máy quét WIA {device_id}")
            self._device = match[0].Connect()
            name = str(match[0].Properties.Item("Name").Value)
        except ScanError:
            raise
        except ImportError:
            raise ScanError("Chưa cài comtypes nên chưa dùng được máy quét WIA") from None
        except Exception as exc:
            raise ScanError(f"Không kết nối được máy quét: {_vi(exc)}") from None
        self.info = DeviceInfo(f"wia:{device_id}", name, "wia", self._sources())

    def _items(self) -> list[Any]:
        items = self._device.Items
        return [items.Item(i) for i in range(1, items.Count + 1)]

    def _item_by_category(self, category: str) -> Any | None:
        for item in self._items():
            cat = _prop(item.Properties, ITEM_CATEGORY)
            if cat is not None and str(cat.Value).upper().strip("{}") == category.strip("{}"):
                return item
        return None

    def _sources(self) -> tuple[Source, ...]:
        caps_prop = _prop(self._device.Properties, HANDLING_CAPABILITIES)
        caps = int(caps_prop.Value) if caps_prop is not None else 0
        if self._item_by_category(CATEGORY_FEEDER) is not None:
            caps |= FEEDER
        found = [Source.FLATBED] if caps & FLATBED or not caps & FEEDER else []
        if caps & FEEDER:
            found.append(Source.ADF)
        if caps & DUPLEX:
            found.append(Source.ADF_DUPLEX)
        return tuple(found)

    def _source_item(self, settings: ScanSettings) -> Any:
        """The item to transfer from, with the device set to the wanted source."""
        if settings.source not in self.info.sources:
            raise ScanError(f"Máy quét {self.info.name} không có nguồn giấy {settings.source}")
        wia2 = self._item_by_category(
            CATEGORY_FEEDER if settings.source.is_feeder else CATEGORY_FLATBED
        )
        select = FLATBED
        if settings.source.is_feeder:
            select = FEEDER | (DUPLEX if settings.source is Source.ADF_DUPLEX else 0)
        if wia2 is not None:  # WIA 2.0: the selection is a property of the feeder item
            if settings.source.is_feeder:
                _set(wia2.Properties, HANDLING_SELECT, select)
            return wia2
        _set(self._device.Properties, HANDLING_SELECT, select)  # WIA 1.0: of the device
        _set(self._device.Properties, PAGES, 1)
        return self._items()[0]

    def _feed_ready(self) -> bool:
        status = _prop(self._device.Properties, HANDLING_STATUS)
        return status is None or bool(int(status.Value) & FEED_READY)

    def pages(
        self, settings: ScanSettings, progress: ProgressCallback, cancel: CancelToken
    ) -> Iterator[RawPage]:
        try:
            item = self._source_item(settings)
            props = item.Properties
            _set(props, CUR_INTENT, INTENT[settings.mode.value])
            _set(props, XRES, settings.resolution)
            _set(props, YRES, settings.resolution)
        except ScanError:
            raise
        except Exception as exc:
            raise ScanError(_vi(exc)) from None
        feeder = settings.source.is_feeder
        limit = settings.max_pages if settings.max_pages else (10_000 if feeder else 1)
        for number in range(1, limit + 1):
            cancel.raise_if_cancelled()
            if feeder and not self._feed_ready():
                if number == 1:
                    raise ScanError(_ERRORS[PAPER_EMPTY])
                return
            progress(Progress(number, -1.0, f"Đang quét trang {number}…"))
            try:
                data = self._transfer(item)
            except Exception as exc:
                if feeder and wia_hresult(exc) == PAPER_EMPTY and number > 1:
                    return  # the feeder ran out: the batch is complete
                raise ScanError(_vi(exc)) from None
            yield RawPage(_open(data), settings.resolution)

    def _transfer(self, item: Any) -> bytes:
        try:
            image_file = item.Transfer(FORMAT_PNG)
        except Exception as exc:
            if wia_hresult(exc) is not None:
                raise  # a device condition (jam, empty), not a format the driver lacks
            image_file = item.Transfer(FORMAT_BMP)
        return _bytes(image_file.FileData.BinaryData)

    def close(self) -> None:
        self._device = None


def _open(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data), formats=("PNG", "BMP")) as img:
            img.load()
            return img.convert("RGB") if img.mode not in ("1", "L", "RGB") else img.copy()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ScanError(f"Máy quét trả về ảnh hỏng: {exc}") from None
