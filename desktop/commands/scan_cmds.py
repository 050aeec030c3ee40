"""``motcua scan``: scan (or import) one checklist document into one PDF attached to a dossier,
and ``motcua scan --list``: the scanners this computer sees."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from desktop.devices.pageproc import ColorMode
from desktop.devices.pages import DocumentPages
from desktop.devices.registry import list_devices
from desktop.devices.scanjob import run_scan
from desktop.devices.scanning import Progress, ScanError, ScanSettings, Source

from .common import emit, signed_in_desk
from .errors import UsageError

if TYPE_CHECKING:
    from desktop.devices.scanjob import ScanOutcome
    from desktop.services.scanning import AttachedScan, Scanning


def register(sub: Any) -> None:
    p = sub.add_parser(
        "scan",
        help="quét giấy tờ (hoặc nhập tệp ảnh/PDF) thành một PDF đính kèm hồ sơ",
        description="Quét một giấy tờ trong thành phần hồ sơ; các trang thành một tệp PDF "
        "đính kèm hồ sơ và được đồng bộ lên máy chủ.",
    )
    p.add_argument("--list", action="store_true", help="liệt kê các máy quét")
    p.add_argument("--json", action="store_true", help="với --list: in JSON")
    p.add_argument(
        "--device",
        metavar="THIẾT_BỊ",
        help="máy quét SANE (vd. test:0), wia:…/twain:… trên Windows, hoặc file:ĐƯỜNG_DẪN "
        "để nhập ảnh PNG/JPEG/TIFF hoặc PDF",
    )
    p.add_argument("--source", choices=[s.value for s in Source], default=None)
    p.add_argument("--pages", type=int, help="số trang tối đa (khay nạp: mặc định đến hết giấy)")
    p.add_argument("--resolution", type=int, default=300, metavar="DPI")
    p.add_argument("--mode", choices=[m.value for m in ColorMode], default=ColorMode.GRAY.value)
    p.add_argument("--keep-blank", action="store_true", help="giữ cả trang trắng")
    p.add_argument("--no-deskew", action="store_true", help="không tự làm thẳng trang")
    p.add_argument("--dossier", metavar="MÃ_HỒ_SƠ")
    p.add_argument("--document", metavar="TÊN_GIẤY_TỜ", help="tên giấy tờ trong thành phần hồ sơ")
    p.add_argument("--user", help="tên đăng nhập của cán bộ (mật khẩu từ MOTCUA_PASSWORD)")
    p.set_defaults(handler=scan)


def _settings(args: argparse.Namespace) -> ScanSettings:
    is_file = args.device.startswith("file:")
    source = Source(args.source) if args.source else (Source.ADF if is_file else Source.FLATBED)
    try:
        return ScanSettings(
            source=source,
            resolution=args.resolution,
            mode=ColorMode(args.mode),
            max_pages=args.pages,
            drop_blank=False if args.keep_blank else None,
            deskew=not args.no_deskew,
        )
    except ScanError as exc:
        raise UsageError(str(exc)) from None


def _progress(p: Progress) -> None:
    if sys.stderr.isatty():
        pct = f" {p.fraction:4.0%}" if p.fraction >= 0 else ""
        print(f"\r{p.message}{pct}   ", end="", file=sys.stderr, flush=True)


def _next_sheet(n: int) -> bool:
    """Flatbed, interactive: wait for the officer to put the next sheet on the glass."""
    try:
        answer = input(f"\nĐặt trang {n} lên mặt kính rồi nhấn Enter (gõ q để kết thúc): ")
    except EOFError:
        return False
    return answer.strip().lower() != "q"


def list_scanners(args: argparse.Namespace) -> int:
    devices = list_devices()
    if args.json:
        emit([{"id": d.id, "name": d.name, "kind": d.kind} for d in devices])
    else:
        for d in devices:
            print(f"{d.id}\t{d.name}")
        if not devices:
            print("Không tìm thấy máy quét nào", file=sys.stderr)
    return 0


def scan(args: argparse.Namespace) -> int:
    if args.list:
        return list_scanners(args)
    missing = [
        flag
        for flag, value in (
            ("--device", args.device),
            ("--dossier", args.dossier),
            ("--document", args.document),
            ("--user", args.user),
        )
        if not value
    ]
    if missing:
        raise UsageError(f"Thiếu {', '.join(missing)} (hoặc dùng --list để xem máy quét)")
    settings = _settings(args)
    from desktop.services.scanning import Scanning

    with signed_in_desk(args.data_dir, args.user) as desk:
        scanning = Scanning(desk.state)
        scanning.check(args.dossier, args.document)  # before any paper moves
        attached, outcome, doc = _scan_and_attach(args, settings, scanning)
    emit(
        {
            **attached.as_json(),
            "blank_pages_dropped": outcome.blank_dropped,
            "page_bytes": [p.size_bytes for p in doc.pages],
            "skew_corrected": [p.skew for p in doc.pages],
            "resolution": settings.resolution,
            "color_mode": settings.mode.value,
        }
    )
    return 0


def _scan_and_attach(
    args: argparse.Namespace, settings: ScanSettings, scanning: Scanning
) -> tuple[AttachedScan, ScanOutcome, DocumentPages]:
    interactive = sys.stdin.isatty() and not args.device.startswith("file:")
    outcome = run_scan(
        args.device,
        settings,
        progress=_progress,
        confirm_next=_next_sheet if interactive and args.pages else None,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if outcome.cancelled:
        raise UsageError("Đã hủy quét; chưa đính kèm gì vào hồ sơ")
    if outcome.error:
        kept = f" ({len(outcome.pages)} trang đã quét được bỏ đi)" if outcome.pages else ""
        raise UsageError(f"{outcome.error}{kept}; chưa đính kèm gì vào hồ sơ")
    doc = DocumentPages(args.document)
    doc.extend(outcome.pages)
    pdf = doc.build_pdf()
    attached = scanning.attach(args.dossier, args.document, doc.filename, pdf, len(doc))
    return attached, outcome, doc
