"""``motcua payee``: the office's receiving account for fees, shown as a VietQR on receipts
(the administrator sets it; the province may also set it through the server)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_user_option, emit, open_desk, signed_in_desk


def register(sub: Any) -> None:
    pay = sub.add_parser(
        "payee", help="tài khoản nhận phí, lệ phí (mã VietQR trên giấy tiếp nhận)"
    ).add_subparsers(dest="payee_command", metavar="LỆNH", required=True)
    p = pay.add_parser("show", help="xem tài khoản nhận phí đang dùng")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)

    p = pay.add_parser("set", help="đặt tài khoản nhận phí (quản trị)")
    p.add_argument("--bank-bin", required=True, help="mã BIN của ngân hàng, 6 chữ số (970405)")
    p.add_argument("--account", required=True, help="số tài khoản")
    p.add_argument("--name", required=True, help='tên tài khoản, ví dụ "TRUNG TÂM PHỤC VỤ HCC"')
    add_user_option(p)
    p.set_defaults(handler=set_payee)


def show(args: argparse.Namespace) -> int:
    from desktop.domain.vietqr import bank_label

    # the office's own account, printed on every receipt with a fee: nothing personal
    with open_desk(args.data_dir) as desk:
        payee = desk.payee.current()
    if args.json:
        emit(
            None
            if payee is None
            else {
                "bank_bin": payee.bank_bin,
                "account": payee.account,
                "name": payee.name,
                "source": payee.source,
                "set_at": payee.set_at.isoformat() if payee.set_at else None,
            }
        )
        return 0
    if payee is None:
        print("Chưa đặt tài khoản nhận phí: giấy tiếp nhận không in mã VietQR")
        return 0
    where = "máy chủ tỉnh" if payee.source == "server" else f"quầy ({payee.by})"
    print(f"Ngân hàng: {bank_label(payee.bank_bin)}")
    print(f"Số tài khoản: {payee.account}")
    print(f"Tên tài khoản: {payee.name}")
    print(f"Đặt bởi: {where}" + (f", lúc {payee.set_at:%H:%M %d/%m/%Y}" if payee.set_at else ""))
    return 0


def set_payee(args: argparse.Namespace) -> int:
    from desktop.domain.vietqr import bank_label

    with signed_in_desk(args.data_dir, args.user) as desk:
        payee = desk.payee.set(args.bank_bin, args.account, args.name)
    print(
        f"Đã lưu tài khoản nhận phí: {payee.account} tại {bank_label(payee.bank_bin)}, {payee.name}"
    )
    return 0
