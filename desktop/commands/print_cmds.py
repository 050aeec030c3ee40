"""Printing and QR commands: receipts and forms to PDF or a thermal printer, the print
queue, printer settings, and checking a receipt's QR."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.devices.qr_decode import ImageInputError, decode_file
from desktop.domain.qr_token import QrRejected
from desktop.services.forms import FormOutput, NoticeKind
from printing.connections import PAPER_DOTS, PrinterConfigError, PrinterSettings

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

EXIT_QUEUED = 3  # the slip is safe in the queue but did not print yet


def register(sub: Any) -> None:
    pr = sub.add_parser("print", help="in giấy tờ").add_subparsers(
        dest="print_command", metavar="LỆNH", required=True
    )
    for name, help_ in (
        ("receipt", "giấy tiếp nhận và hẹn trả (Mẫu 01)"),
        ("control", "phiếu kiểm soát quá trình giải quyết (Mẫu 05)"),
    ):
        p = pr.add_parser(name, help=help_)
        p.add_argument("code")
        _outputs(p)
        add_user_option(p, personal_data=True)
        p.set_defaults(handler=print_dossier_form, form=name)
    for kind, help_ in (
        (NoticeKind.SUPPLEMENT, "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
        (NoticeKind.REJECTION, "phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)"),
        (NoticeKind.APOLOGY, "phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)"),
    ):
        p = pr.add_parser(kind.value, help=help_)
        p.add_argument("ref", metavar="MÃ_HỒ_SƠ|ID", help="mã hồ sơ, hoặc id khi chưa có mã")
        _outputs(p)
        add_user_option(p, personal_data=True)
        p.set_defaults(handler=print_notice, kind=kind)
    p = pr.add_parser("handover", help="phiếu bàn giao hồ sơ cho phòng chuyên môn (in lại)")
    p.add_argument("ref", metavar="SỐ_PHIẾU", help="số phiếu (8 ký tự) hoặc id lần bàn giao")
    _outputs(p)
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=print_dossier_form, form="handover", code=None)
    p = pr.add_parser("register", help="sổ theo dõi hồ sơ (Mẫu 06): A4 ngang, XLSX, CSV")
    p.add_argument("--from", dest="first", required=True, help="ngày đầu, YYYY-MM-DD")
    p.add_argument("--to", dest="last", help="ngày cuối (mặc định = ngày đầu)")
    p.add_argument("--pdf", type=Path, help="ghi ra tệp PDF khổ A4 ngang")
    p.add_argument("--xlsx", type=Path, help="ghi ra bảng tính Excel")
    p.add_argument("--csv", type=Path, help="ghi ra tệp CSV (UTF-8, mở được bằng Excel)")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=print_register)
    # the queue lists slips by form and dossier code only; retrying it prints slips already
    # asked for by an officer: any officer signed in may (print.queue in the role table)
    p = pr.add_parser("queue", help="hàng đợi in: xem, in lại các phiếu còn chờ")
    p.add_argument("--retry", action="store_true", help="thử in các phiếu còn chờ")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=print_queue)
    p = pr.add_parser("reprint", help="in lại một phiếu đã in")
    p.add_argument("job")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=reprint)

    pp = sub.add_parser("printer", help="máy in phiếu của quầy").add_subparsers(
        dest="printer_command", metavar="LỆNH", required=True
    )
    p = pp.add_parser("set", help="đặt máy in mặc định")
    p.add_argument(
        "uri",
        help="tcp://IP:9100, usb://VID:PID, serial:///dev/ttyUSB0, "
        "win32://Tên máy in, cups://hàng-đợi, file:///đường/dẫn",
    )
    p.add_argument("--paper", choices=sorted(PAPER_DOTS), default="80")
    p.add_argument("--no-cut", action="store_true", help="máy in không có dao cắt")
    p.add_argument("--native-qr", action="store_true", help="máy in tự vẽ mã QR (GS ( k)")
    p.add_argument("--name", default="Máy in phiếu")
    add_user_option(p)
    p.set_defaults(handler=printer_set)

    qr = sub.add_parser("qr", help="mã QR trên giấy tiếp nhận").add_subparsers(
        dest="qr_command", metavar="LỆNH", required=True
    )
    p = qr.add_parser("verify", help="kiểm tra mã QR là thật (thoát 0) hay giả (khác 0)")
    p.add_argument("payload")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)  # a genuine receipt names its dossier
    p.set_defaults(handler=qr_verify)
    p = qr.add_parser("decode", help="đọc các mã QR trong một ảnh")
    p.add_argument("image", type=Path)
    p.set_defaults(handler=qr_decode)


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pdf", type=Path, help="ghi ra tệp PDF khổ A4")
    p.add_argument(
        "--escpos",
        metavar="URI",
        help="in ra máy in nhiệt (mặc định: máy in của quầy khi không có --pdf)",
    )
    p.add_argument("--paper", choices=sorted(PAPER_DOTS), help="khổ giấy máy in nhiệt")


def _printer(
    args: argparse.Namespace, configured: PrinterSettings | None
) -> PrinterSettings | None:
    if args.escpos:
        dots = PAPER_DOTS[args.paper] if args.paper else (configured.dots if configured else 576)
        return PrinterSettings(uri=args.escpos, dots=dots)
    if args.pdf is None:
        if configured is None:
            raise UsageError(
                "Quầy chưa đặt máy in: dùng 'motcua printer set URI --user TÊN' hoặc --escpos/--pdf"
            )
        if args.paper:
            return PrinterSettings(
                configured.uri,
                PAPER_DOTS[args.paper],
                configured.cut,
                configured.native_qr,
                configured.name,
            )
        return configured
    return None


def _output(args: argparse.Namespace, form: str, ref: str) -> int:
    """One form of one dossier to --pdf and/or a thermal printer (--escpos or the counter's)."""
    with signed_in_desk(args.data_dir, args.user) as desk:
        try:
            printer = _printer(args, desk.forms.configured_printer())
        except PrinterConfigError as exc:
            raise UsageError(str(exc)) from None
        out = desk.forms.output(form, ref, pdf=args.pdf, printer=printer)
    return _report(out, printer)


def _report(out: FormOutput, printer: PrinterSettings | None) -> int:
    if out.pdf is not None:
        print(f"Đã ghi {out.pdf}")
    if out.job is not None and printer is not None:
        if out.problem:
            print(
                f"Chưa in được: {out.problem}. Phiếu đã vào hàng đợi in ({out.job.id}); "
                "chạy 'motcua print queue --retry --user TÊN' khi máy in sẵn sàng."
            )
            return EXIT_QUEUED
        print(f"Đã in {out.title} ra {printer.uri}")
    return 0


def print_dossier_form(args: argparse.Namespace) -> int:
    return _output(args, args.form, args.code or args.ref)


def print_notice(args: argparse.Namespace) -> int:
    return _output(args, NoticeKind(args.kind).value, args.ref)


def print_register(args: argparse.Namespace) -> int:
    try:
        first = date.fromisoformat(args.first)
        last = date.fromisoformat(args.last) if args.last else first
    except ValueError:
        raise UsageError("Ngày phải có dạng YYYY-MM-DD") from None
    if last < first or (last - first).days > 366:
        raise UsageError("Khoảng ngày không hợp lệ (tối đa một năm)")
    outputs = [o for o in (args.pdf, args.xlsx, args.csv) if o is not None]
    if not outputs:
        raise UsageError("Cho biết tệp cần ghi: --pdf, --xlsx hoặc --csv")
    with signed_in_desk(args.data_dir, args.user) as desk:
        # one set of lines for every format (desktop/store/stats/reports.py)
        count = desk.forms.register(first, last, pdf=args.pdf, xlsx=args.xlsx, csv=args.csv)
    for out in outputs:
        print(f"Đã ghi {out} ({count} hồ sơ)")
    return 0


def print_queue(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        state = desk.forms.queue(retry=args.retry)
    for job in state.printed:
        print(f"Đã in: {job.label}")
    pending, problems = state.pending, state.problems
    if args.json:
        emit(
            [
                {
                    "id": j.id,
                    "label": j.label,
                    "printer": j.printer_uri,
                    "state": j.state,
                    "attempts": j.attempts,
                    "last_error": j.last_error,
                }
                for j in pending
            ]
        )
    else:
        for j in pending:
            print(
                f"{j.id}  {j.state:<16} {j.label}  → {j.printer_uri}"
                + (f"  ({j.last_error})" if j.last_error else "")
            )
        if not pending:
            print("Không còn phiếu nào chờ in")
    for uri, why in problems.items():
        print(f"Máy in {uri}: {why}")
    return EXIT_QUEUED if pending else 0


def reprint(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        try:
            job, problem = desk.forms.reprint(args.job)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    if problem is None:
        print(f"Đã in lại: {job.label}")
        return 0
    print(f"Chưa in được ({problem}); phiếu chờ trong hàng đợi")
    return EXIT_QUEUED


def printer_set(args: argparse.Namespace) -> int:
    try:
        settings = PrinterSettings(
            uri=args.uri,
            dots=PAPER_DOTS[args.paper],
            cut=not args.no_cut,
            native_qr=args.native_qr,
            name=args.name,
        )
    except PrinterConfigError as exc:
        raise UsageError(str(exc)) from None
    with signed_in_desk(args.data_dir, args.user) as desk:
        desk.save_printer(settings)  # the counter's settings: settings.change, audited
    print(f"Máy in mặc định: {settings.uri} (giấy {args.paper} mm, {settings.dots} điểm)")
    return 0


def qr_verify(args: argparse.Namespace) -> int:
    try:
        with signed_in_desk(args.data_dir, args.user) as desk:
            token = desk.dossiers.verify_receipt(args.payload)
    except QrRejected as exc:
        if args.json:
            emit({"genuine": False, "reason": str(exc)})
        print(f"Mã QR không hợp lệ: {exc}", file=sys.stderr)
        return 1
    if args.json:
        emit({"genuine": True, "code": token.code, "key_id": token.key_id})
    else:
        print(f"Mã QR hợp lệ: hồ sơ {token.code} (khóa {token.key_id})")
    return 0


def qr_decode(args: argparse.Namespace) -> int:
    try:
        found = decode_file(args.image)
    except ImageInputError as exc:
        raise UsageError(str(exc)) from None
    if not found:
        print(f"Không tìm thấy mã QR nào trong {args.image.name}", file=sys.stderr)
        return 1
    for text in found:
        print(text)
    return 0
