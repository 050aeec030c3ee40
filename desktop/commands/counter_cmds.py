"""Counter set-up commands: init, demo data, the catalog, officer accounts."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.domain.procedures import search
from desktop.store.accounts import officers as accounts
from desktop.store.catalog import import_catalog, list_procedures
from desktop.store.counter import init_counter
from desktop.store.db import DB_NAME, Database
from desktop.store.resources import load_catalog

from .common import add_user_option, emit, open_counter, read_password, sign_in
from .errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="khởi tạo quầy trong thư mục dữ liệu")
    p.add_argument("--province", required=True, help="an-giang, kien-giang, kon-tum, quang-ninh")
    p.add_argument("--agency", required=True, help="mã định danh cơ quan, ví dụ 000.00.12.H01")
    p.add_argument("--counter", required=True, help="mã quầy, ví dụ Q01")
    p.add_argument("--server", default=None, help="địa chỉ máy chủ tỉnh (https://…)")
    p.add_argument("--admin-user", default=None)
    p.add_argument("--admin-name", default=None)
    p.set_defaults(handler=init)

    p = sub.add_parser("demo", help="nạp danh mục mẫu và hồ sơ mẫu")
    p.add_argument("--dossiers", type=int, default=12, help="số hồ sơ mẫu (mặc định 12)")
    p.set_defaults(handler=demo)

    cat = sub.add_parser("catalog", help="danh mục thủ tục").add_subparsers(
        dest="catalog_command", metavar="LỆNH", required=True
    )
    p = cat.add_parser("list", help="liệt kê thủ tục")
    p.add_argument("query", nargs="?", default="", help="tìm theo tên (không cần dấu) hoặc mã")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=catalog_list)
    p = cat.add_parser("import", help="nạp danh mục từ tệp JSON")
    p.add_argument("file")
    add_user_option(p)
    p.set_defaults(handler=catalog_import)

    off = sub.add_parser("officer", help="tài khoản cán bộ").add_subparsers(
        dest="officer_command", metavar="LỆNH", required=True
    )
    p = off.add_parser("add", help="tạo tài khoản (mật khẩu ban đầu phải đổi khi đăng nhập)")
    p.add_argument("username")
    p.add_argument("--name", required=True, help="họ tên cán bộ")
    p.add_argument("--roles", required=True, help="reception,returns,supervisor,admin")
    add_user_option(p)
    p.set_defaults(handler=officer_add)

    p = sub.add_parser("password", help="đổi mật khẩu (mật khẩu mới từ MOTCUA_NEW_PASSWORD)")
    add_user_option(p)
    p.set_defaults(handler=password)

    p = sub.add_parser(
        "login", help="đăng nhập (trực tuyến nếu máy chủ trả lời, nếu không thì tại quầy)"
    )
    add_user_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=login)


def init(args: argparse.Namespace) -> int:
    if (args.data_dir / DB_NAME).exists():
        raise UsageError(f"Thư mục {args.data_dir} đã có dữ liệu quầy; không khởi tạo lại")
    admin_password = read_password("Mật khẩu quản trị: ") if args.admin_user else None
    db = Database.open(args.data_dir, create=True)
    try:
        profile = init_counter(
            db,
            province=args.province,
            agency=args.agency.strip().upper(),
            counter=args.counter.strip().upper(),
            server_url=args.server,
            admin_user=args.admin_user,
            admin_password=admin_password,
            admin_name=args.admin_name,
        )
    except BaseException:
        db.close()
        # nothing of value was written: remove the half-made database so init can be re-run
        for suffix in ("", "-wal", "-shm"):
            (args.data_dir / (DB_NAME + suffix)).unlink(missing_ok=True)
        raise
    db.close()
    print(
        f"Đã khởi tạo quầy {args.counter.upper()} — {args.agency.upper()} ({profile.name}) "
        f"tại {args.data_dir}"
    )
    return 0


def demo(args: argparse.Namespace) -> int:
    from desktop.store.demo import DEMO_OFFICER, load_demo

    if not 0 <= args.dossiers <= 5000:
        raise UsageError("Số hồ sơ mẫu phải từ 0 đến 5000")
    n, password = load_demo(args.data_dir, args.dossiers)
    print(f"Đã nạp danh mục mẫu và {n} hồ sơ mẫu vào {args.data_dir}")
    if password:
        # Shown once, to whoever set the demo up; the officer must change it at first login.
        print(
            f"Tài khoản cán bộ thử: {DEMO_OFFICER.username}, mật khẩu ban đầu: {password} "
            "(phải đổi khi đăng nhập lần đầu)"
        )
    return 0


def catalog_list(args: argparse.Namespace) -> int:
    db, _ctx = open_counter(args.data_dir)
    with db.read() as s:
        procedures = search(list_procedures(s), args.query)
    if args.json:
        emit(
            [
                {
                    "code": p.code,
                    "name": p.name,
                    "field": p.field.name,
                    "field_code": p.field.code,
                    "agency": p.agency,
                    "limit": p.limit,
                    "fees": [f.model_dump() for f in p.fees],
                    "postal_result": p.postal_result,
                }
                for p in procedures
            ]
        )
        return 0
    for p in procedures:
        print(f"{p.code:<12} {p.parsed_limit().label_vi():<20} {p.name}")
    return 0


def catalog_import(args: argparse.Namespace) -> int:
    db, _ctx = open_counter(args.data_dir)
    sign_in(db, args.user).require("admin")
    catalog = load_catalog(args.file)
    with db.write() as s:
        n = import_catalog(s, catalog)
    print(f"Đã nạp {n} thủ tục (phiên bản {catalog.version})")
    return 0


def officer_add(args: argparse.Namespace) -> int:
    db, _ctx = open_counter(args.data_dir)
    admin = sign_in(db, args.user)
    admin.require("admin")
    import os

    initial = os.environ.get("MOTCUA_NEW_PASSWORD")
    if not initial:
        raise UsageError("Đặt mật khẩu ban đầu cho cán bộ trong biến MOTCUA_NEW_PASSWORD")
    try:
        roles = accounts.parse_roles(args.roles)
        with db.write() as s:
            accounts.create_officer(s, args.username, args.name, roles, initial, by=admin.username)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"Đã tạo tài khoản {args.username}; cán bộ phải đổi mật khẩu khi đăng nhập lần đầu")
    return 0


def password(args: argparse.Namespace) -> int:
    from desktop.store.sync.online_login import change_password_everywhere

    db, ctx = open_counter(args.data_dir)
    new = read_password("Mật khẩu mới: ", env="MOTCUA_NEW_PASSWORD")
    online = change_password_everywhere(db, ctx, args.user, read_password(), new)
    print("Đã đổi mật khẩu" + (" (cả trên máy chủ tỉnh)" if online else " tại quầy"))
    return 0


def login(args: argparse.Namespace) -> int:
    from desktop.store.sync.online_login import sign_in

    db, ctx = open_counter(args.data_dir)
    result = sign_in(db, ctx, args.user, read_password(), allow_must_change=True)
    o = result.officer
    if args.json:
        emit(
            {
                "username": o.username,
                "full_name": o.full_name,
                "roles": sorted(o.roles),
                "online": result.online,
            }
        )
    else:
        where = "trực tuyến" if result.online else "tại quầy (máy chủ không trả lời)"
        print(f"Đã đăng nhập {where}: {o.full_name} ({', '.join(sorted(o.roles))})")
    return 0
