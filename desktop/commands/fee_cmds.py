"""Fees (issue 19): take a payment with its fee receipt, pay a fee back, exempt it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

METHODS = ("cash", "qr", "card")


def register(sub: Any) -> None:
    p = sub.add_parser("pay", help="thu phí, lệ phí và in biên lai")
    p.add_argument("code")
    p.add_argument("--method", required=True, choices=METHODS, help="tiền mặt, mã QR, thẻ")
    p.add_argument("--amount", type=int, help="số tiền (đồng); mặc định: số còn phải nộp")
    p.add_argument("--ref", help="mã giao dịch chuyển khoản hoặc thẻ")
    p.add_argument("--pdf", type=Path, metavar="TỆP", help="ghi biên lai ra tệp PDF")
    add_user_option(p)
    p.set_defaults(handler=pay_cmd)
    p = sub.add_parser("refund", help="hoàn trả phí, lệ phí khi không thực hiện được dịch vụ")
    p.add_argument("code")
    p.add_argument("--amount", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--pdf", type=Path, metavar="TỆP", help="ghi biên lai hoàn trả ra tệp PDF")
    add_user_option(p)
    p.set_defaults(handler=refund_cmd)
    fee = sub.add_parser("fee", help="phí, lệ phí của hồ sơ").add_subparsers(
        dest="fee_command", metavar="LỆNH", required=True
    )
    p = fee.add_parser("exempt", help="miễn phí, lệ phí (ghi căn cứ)")
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="căn cứ miễn")
    add_user_option(p)
    p.set_defaults(handler=exempt_cmd)


def _emit_with_pdf(args: argparse.Namespace, desk: Any, done: Any) -> int:
    out: dict[str, Any] = done.as_json()
    if args.pdf is not None and done.receipt_no:
        written = desk.forms.output("fee_receipt", done.receipt_no, pdf=args.pdf, printer=None)
        out["pdf"] = str(written.pdf)
    emit(out)
    return 0


def pay_cmd(args: argparse.Namespace) -> int:
    from desktop.domain.fees import Method

    if args.amount is not None and args.amount <= 0:
        raise UsageError("--amount phải lớn hơn 0")
    with signed_in_desk(args.data_dir, args.user) as desk:
        done = desk.payments.pay(args.code, Method(args.method), args.amount, args.ref)
        _emit_with_pdf(args, desk, done)
    amount = f"{done.amount:,}".replace(",", ".")
    print(f"Đã thu {amount} đồng, biên lai số {done.receipt_no}", file=sys.stderr)
    return 0


def refund_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        done = desk.payments.refund(args.code, args.amount, args.reason)
        return _emit_with_pdf(args, desk, done)


def exempt_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        emit(desk.payments.exempt(args.code, args.reason).as_json())
    return 0
