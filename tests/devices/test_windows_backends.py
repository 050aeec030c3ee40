"""The WIA and TWAIN code paths, driven by small fakes of the WIA Automation COM objects and of
pytwain (the only fakes in these tests: there is no Windows scanner driver here). The fakes
behave as the documentation says: 1-based collections, properties by id string, the feeder's
WIA_ERROR_PAPER_EMPTY, TWAIN's pending-transfer count and CancelAll."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from desktop.devices import wia_backend
from desktop.devices.pageproc import ColorMode
from desktop.devices.registry import open_device
from desktop.devices.scanjob import run_scan
from desktop.devices.scanning import CancelToken, ScanError, ScanSettings, Source
from desktop.devices.twain_backend import TwainScanner
from desktop.devices.wia_backend import WiaScanner
from tests.devices.pagesynth import text_page

DISP_E_EXCEPTION = -2147352567


def _sheet(n: int, fmt: str = "PNG", dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    text_page(dpi=dpi, lines=3 + n).save(buf, fmt)
    return buf.getvalue()


class ComError(Exception):
    """Shaped like comtypes' COMError for a late-bound call: (hresult, text, details)."""

    def __init__(self, scode: int) -> None:
        super().__init__(DISP_E_EXCEPTION, "Exception occurred.", ("", "WIA", None, 0, scode))


class Prop:
    def __init__(self, value: Any) -> None:
        self.Value = value


class Props:
    def __init__(self, values: dict[str, Any]) -> None:
        self._p = {k: Prop(v) for k, v in values.items()}

    def Exists(self, pid: str) -> bool:
        return pid in self._p

    def Item(self, pid: str) -> Prop:
        return self._p[pid]

    def value(self, pid: str) -> Any:
        return self._p[pid].Value


class Collection:
    def __init__(self, items: list[Any]) -> None:
        self._items = items
        self.Count = len(items)

    def Item(self, i: int) -> Any:
        return self._items[i - 1]  # WIA collections are 1-based


class FakeWiaDevice:
    def __init__(self, sheets: int, wia2: bool = False, png: bool = True, jam_at: int = 0):
        self.sheets = sheets
        self.png = png
        self.jam_at = jam_at
        self.transfers = 0
        self.Properties = Props({"3086": 0x7, "3087": 0x1 if sheets else 0, "3088": 2, "3096": 0})
        scan_props = {"6146": 0, "6147": 150, "6148": 150, "4103": 2}
        if wia2:
            self.flatbed = SimpleNamespace(
                Properties=Props({**scan_props, "4125": wia_backend.CATEGORY_FLATBED}),
                Transfer=self._transfer,
            )
            self.feeder = SimpleNamespace(
                Properties=Props({**scan_props, "4125": wia_backend.CATEGORY_FEEDER, "3088": 1}),
                Transfer=self._transfer,
            )
            self.Items = Collection([self.flatbed, self.feeder])
        else:
            self.item = SimpleNamespace(Properties=Props(scan_props), Transfer=self._transfer)
            self.Items = Collection([self.item])

    def _transfer(self, fmt: str) -> Any:
        if fmt == wia_backend.FORMAT_PNG and not self.png:
            raise ComError(-2147024809)  # E_INVALIDARG: the driver has no PNG
        if self.jam_at and self.transfers + 1 == self.jam_at:
            raise ComError(0x80210002 - 2**32)
        if self.sheets == 0:
            raise ComError(0x80210003 - 2**32)
        self.sheets -= 1
        self.transfers += 1
        self.Properties.Item("3087").Value = 0x1 if self.sheets else 0
        data = _sheet(self.transfers, "PNG" if fmt == wia_backend.FORMAT_PNG else "BMP")
        return SimpleNamespace(FileData=SimpleNamespace(BinaryData=tuple(data)))


def _manager(device: FakeWiaDevice) -> Any:
    scanner = SimpleNamespace(
        DeviceID="{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001",
        Type=1,
        Properties=Props({"Name": "Canon DR-C225"}),
        Connect=lambda: device,
    )
    camera = SimpleNamespace(DeviceID="cam", Type=2, Properties=Props({"Name": "Webcam"}))
    return lambda: SimpleNamespace(DeviceInfos=Collection([camera, scanner]))


def test_wia_backend_is_not_imported_with_com_on_linux() -> None:
    assert "comtypes" not in sys.modules
    if sys.platform != "win32":
        with pytest.raises(ScanError, match="chỉ dùng được trên Windows"):
            open_device("wia:{X}")


def test_wia_lists_only_scanners() -> None:
    (info,) = wia_backend.list_devices(_manager(FakeWiaDevice(1)))
    assert info.id.startswith("wia:{6BDD") and info.name == "Canon DR-C225"


@pytest.mark.parametrize("wia2", [False, True], ids=["wia1-device-props", "wia2-feeder-item"])
def test_wia_feeder_scans_until_empty(wia2: bool) -> None:
    device = FakeWiaDevice(4, wia2=wia2)
    scanner = WiaScanner("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001", _manager(device))
    assert set(scanner.info.sources) == {Source.FLATBED, Source.ADF, Source.ADF_DUPLEX}
    settings = ScanSettings(Source.ADF_DUPLEX, 150, ColorMode.COLOR)
    outcome = run_scan(lambda: scanner, settings)
    assert outcome.ok and len(outcome.pages) == 4 and device.transfers == 4
    item = device.feeder if wia2 else device.item
    props = item.Properties if wia2 else device.Properties
    assert props.value("3088") == wia_backend.FEEDER | wia_backend.DUPLEX
    assert item.Properties.value("6147") == 150 and item.Properties.value("6146") == 1


def test_wia_errors_are_vietnamese_and_keep_earlier_pages() -> None:
    empty = WiaScanner("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001", _manager(FakeWiaDevice(0)))
    out = run_scan(lambda: empty, ScanSettings(Source.ADF, 150))
    assert out.error is not None and "Khay nạp giấy trống" in out.error
    jam = FakeWiaDevice(5, jam_at=3)
    scanner = WiaScanner("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001", _manager(jam))
    out = run_scan(lambda: scanner, ScanSettings(Source.ADF, 150))
    assert out.error is not None and "kẹt" in out.error and len(out.pages) == 2


def test_wia_falls_back_to_bmp_and_cancels_between_pages() -> None:
    device = FakeWiaDevice(6, png=False)
    scanner = WiaScanner("{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001", _manager(device))
    token = CancelToken()
    out = run_scan(
        lambda: scanner,
        ScanSettings(Source.ADF, 150),
        on_page=lambda _p: token.cancel() if device.transfers == 2 else None,
        cancel=token,
    )
    assert out.cancelled and len(out.pages) == 2 and device.transfers == 2


class _Exc:
    class TwainError(Exception): ...

    class CancelAll(TwainError): ...

    class DSTransferCancelled(TwainError): ...

    class PaperJam(TwainError): ...

    class CheckDeviceOnlineError(TwainError): ...

    class NoDataSourceError(TwainError): ...


class FakeTwain:
    """The parts of pytwain's module the backend uses, with one source named 'Fujitsu fi-7160'."""

    CAP_XFERCOUNT, CAP_FEEDERENABLED, CAP_FEEDERLOADED, CAP_AUTOFEED = 1, 0x1002, 0x1003, 0x1007
    CAP_DUPLEX, CAP_DUPLEXENABLED = 0x1012, 0x1013
    ICAP_PIXELTYPE, ICAP_UNITS, ICAP_XRESOLUTION, ICAP_YRESOLUTION = 0x0101, 0x0102, 0x1118, 0x1119
    TWTY_INT16, TWTY_UINT16, TWTY_BOOL, TWTY_FIX32 = 1, 4, 6, 7
    TWPT_BW, TWPT_GRAY, TWPT_RGB = 0, 1, 2
    TWUN_INCHES, TWDX_NONE, TWDX_1PASSDUPLEX = 0, 0, 1
    exceptions = _Exc

    def __init__(self, sheets: int, jam_at: int = 0) -> None:
        self.sheets = sheets
        self.jam_at = jam_at
        self.caps: dict[int, Any] = {}
        self.threads: set[int] = set()
        self.delivered = 0
        twain = self

        class Source:
            def get_capability_current(self, cap: int) -> tuple[int, Any]:
                twain.threads.add(threading.get_ident())
                values = {twain.CAP_FEEDERENABLED: False, twain.CAP_DUPLEX: 1}
                if cap == twain.CAP_FEEDERLOADED:
                    return (twain.TWTY_BOOL, twain.sheets > 0)
                if cap not in values:
                    raise _Exc.TwainError("unsupported")
                return (twain.TWTY_BOOL, values[cap])

            def set_capability(self, cap: int, type_id: int, value: Any) -> None:
                twain.threads.add(threading.get_ident())
                twain.caps[cap] = value

            def acquire_natively(
                self, after: Any, before: Any = None, show_ui: bool = True, modal: bool = False
            ) -> None:
                twain.threads.add(threading.get_ident())
                limit = twain.caps.get(twain.CAP_XFERCOUNT, -1)
                while twain.sheets and (limit < 0 or twain.delivered < limit):
                    if twain.jam_at and twain.delivered + 1 == twain.jam_at:
                        raise _Exc.PaperJam()
                    twain.sheets -= 1
                    twain.delivered += 1
                    page = _sheet(twain.delivered, "BMP")
                    image = SimpleNamespace(
                        save=lambda p, d=page: Path(p).write_bytes(d), close=lambda: None
                    )
                    try:
                        after(image, twain.sheets)
                    except _Exc.CancelAll:
                        return  # MSG_RESET: the remaining sheets stay in the feeder

            def close(self) -> None:
                twain.threads.add(threading.get_ident())

        class SourceManager:
            def __init__(self, parent: Any) -> None:
                self.source_list = ["Fujitsu fi-7160"]

            def open_source(self, name: str) -> Source | None:
                return Source() if name in self.source_list else None

            def close(self) -> None:
                return None

        self.SourceManager = SourceManager


def test_twain_feeder_with_duplex_until_empty_on_one_thread() -> None:
    tw = FakeTwain(sheets=5)
    scanner = TwainScanner("Fujitsu fi-7160", twain_module=tw)
    assert set(scanner.info.sources) == {Source.FLATBED, Source.ADF, Source.ADF_DUPLEX}
    tw.threads.clear()
    out = run_scan(lambda: scanner, ScanSettings(Source.ADF_DUPLEX, 150, ColorMode.GRAY))
    assert out.ok and len(out.pages) == 5
    assert tw.caps[tw.CAP_FEEDERENABLED] is True and tw.caps[tw.CAP_DUPLEXENABLED] is True
    assert tw.caps[tw.ICAP_XRESOLUTION] == 150.0 and tw.caps[tw.ICAP_PIXELTYPE] == tw.TWPT_GRAY
    assert tw.caps[tw.CAP_XFERCOUNT] == -1
    assert len(tw.threads) == 1 and threading.get_ident() not in tw.threads


def test_twain_cancel_stops_the_feeder_and_errors_are_vietnamese() -> None:
    tw = FakeTwain(sheets=8)
    scanner = TwainScanner("Fujitsu fi-7160", twain_module=tw)
    token = CancelToken()
    out = run_scan(
        lambda: scanner,
        ScanSettings(Source.ADF, 150),
        on_page=lambda _p: token.cancel(),
        cancel=token,
    )
    assert out.cancelled and len(out.pages) == 1 and tw.sheets >= 4  # look-ahead: 2 queued
    jam = TwainScanner("Fujitsu fi-7160", twain_module=FakeTwain(sheets=4, jam_at=2))
    out = run_scan(lambda: jam, ScanSettings(Source.ADF, 150))
    assert out.error is not None and "kẹt" in out.error and len(out.pages) == 1
    empty = TwainScanner("Fujitsu fi-7160", twain_module=FakeTwain(sheets=0))
    out = run_scan(lambda: empty, ScanSettings(Source.ADF, 150))
    assert out.error is not None and "Khay nạp giấy trống" in out.error
    with pytest.raises(ScanError, match="Không tìm thấy máy quét TWAIN"):
        TwainScanner("Epson", twain_module=FakeTwain(sheets=1))


def test_bmp_pages_from_drivers_open() -> None:
    img = Image.open(io.BytesIO(_sheet(1, "BMP")))
    assert img.format == "BMP"
