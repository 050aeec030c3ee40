"""Pointing the counter at its provincial server and trusting the province's own CA (for the IT
officer; the Settings screen does the same)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import add_user_option, emit, open_desk, signed_in_desk
from .errors import UsageError


def register(sub: Any) -> None:
    srv = sub.add_parser("server", help="máy chủ tỉnh của quầy (cán bộ IT)").add_subparsers(
        dest="server_command", metavar="LỆNH", required=True
    )
    p = srv.add_parser("show", help="xem máy chủ và chứng chỉ CA đang dùng")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)

    p = srv.add_parser("set", help="đặt địa chỉ máy chủ tỉnh (https://…), hoặc --none")
    p.add_argument("url", nargs="?")
    p.add_argument("--none", action="store_true", help="quầy không dùng máy chủ, tự cấp mã")
    add_user_option(p)
    p.set_defaults(handler=set_url)

    p = srv.add_parser(
        "ca-bundle", help="tin thêm CA riêng của tỉnh (tệp PEM); --clear: chỉ tin CA công cộng"
    )
    p.add_argument("file", nargs="?", type=Path)
    p.add_argument("--clear", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=ca_bundle)


def show(args: argparse.Namespace) -> int:
    with open_desk(args.data_dir) as desk:  # the address and a file name: nothing personal
        bundle = desk.ca_bundle()
        facts = {"server_url": desk.ctx.server_url, "ca_bundle": str(bundle) if bundle else None}
    if args.json:
        emit(facts)
        return 0
    print(f"Máy chủ tỉnh: {facts['server_url'] or '(không có — quầy tự cấp mã hồ sơ)'}")
    print(f"CA riêng: {facts['ca_bundle'] or '(không — chỉ tin các CA công cộng)'}")
    return 0


def set_url(args: argparse.Namespace) -> int:
    if bool(args.url) == bool(args.none):
        raise UsageError("Cho một địa chỉ máy chủ, hoặc --none")
    with signed_in_desk(args.data_dir, args.user) as desk:
        desk.set_server(None if args.none else args.url)  # a bad address is a refusal
    print("Đã lưu. Khởi động lại 'motcua sync' (hoặc cửa sổ quầy) để dùng địa chỉ mới.")
    return 0


def ca_bundle(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.clear):
        raise UsageError("Cho một tệp chứng chỉ CA (PEM), hoặc --clear")
    with signed_in_desk(args.data_dir, args.user) as desk:
        if args.clear:
            had = desk.has_ca_bundle()
            desk.set_ca_bundle(None)
            message = "Đã bỏ CA riêng" if had else "Quầy không có CA riêng"
        else:
            count = desk.set_ca_bundle(args.file)
            message = f"Đã cài {count} chứng chỉ CA vào {desk.ca_bundle()}"
    print(message)
    return 0
