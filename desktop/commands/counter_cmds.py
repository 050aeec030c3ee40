"""Counter set-up commands: init, demo data, the catalog, officer accounts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop.services import counter as setup

from .common import add_user_option, emit, open_desk, read_password, signed_in_desk
from .errors import UsageError
from .office_cmds import add_office_options

if TYPE_CHECKING:
    from desktop.domain.office import OfficeLines


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="khởi tạo quầy trong thư mục dữ liệu")
    p.add_argument("--province", required=True, help="an-giang, kien-giang, kon-tum, quang-ninh")
    p.add_argument("--agency", required=True, help="mã định danh cơ quan, ví dụ 000.00.12.H01")
    p.add_argument("--counter", required=True, help="mã quầy, ví dụ Q01")
    p.add_argument("--server", default=None, help="địa chỉ máy chủ tỉnh (https://…)")
    p.add_argument("--admin-user", default=None)
    p.add_argument("--admin-name", default=None)
    # the office the counter belongs to (issue 21); without them, the province's centre
    add_office_options(p, required=False)
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


def _init_office(args: argparse.Namespace) -> OfficeLines | None:
    """The office given to ``init``: all three lines, or none (the province's centre); a
    number prefix alone goes with the province's centre."""
    from desktop.domain.office import DEFAULT_NUMBER_PREFIX, check_office

    given = [args.authority, args.office_name, args.place]
    if all(v is None for v in given):
        if args.number_prefix is None:
            return None
        return setup.provincial_centre(args.province, args.number_prefix)
    if any(v is None for v in given):
        raise UsageError("Cơ quan của quầy cần đủ --authority, --name và --place")
    prefix = DEFAULT_NUMBER_PREFIX if args.number_prefix is None else args.number_prefix
    return check_office(args.authority, args.office_name, args.place, prefix)


def init(args: argparse.Namespace) -> int:
    if setup.initialised(args.data_dir):
        raise UsageError(f"Thư mục {args.data_dir} đã có dữ liệu quầy; không khởi tạo lại")
    office = _init_office(args)  # checked before anything is written or asked
    admin_password = read_password("Mật khẩu quản trị: ") if args.admin_user else None
    profile = setup.initialise(
        args.data_dir,
        province=args.province,
        agency=args.agency.strip().upper(),
        counter=args.counter.strip().upper(),
        server_url=args.server,
        admin_user=args.admin_user,
        admin_password=admin_password,
        admin_name=args.admin_name,
        office=office,
    )
    print(
        f"Đã khởi tạo quầy {args.counter.upper()} — {args.agency.upper()} ({profile.name}) "
        f"tại {args.data_dir}"
    )
    return 0


def demo(args: argparse.Namespace) -> int:
    if not 0 <= args.dossiers <= 5000:
        raise UsageError("Số hồ sơ mẫu phải từ 0 đến 5000")
    n, password = setup.load_demo(args.data_dir, args.dossiers)
    print(f"Đã nạp danh mục mẫu và {n} hồ sơ mẫu vào {args.data_dir}")
    if password:
        # Shown once, to whoever set the demo up; the officer must change it at first login.
        print(
            f"Tài khoản cán bộ thử: {setup.DEMO_OFFICER.username}, mật khẩu ban đầu: {password} "
            "(phải đổi khi đăng nhập lần đầu)"
        )
    return 0


def catalog_list(args: argparse.Namespace) -> int:
    # the catalog is public (the province's portal lists it): no sign-in
    with open_desk(args.data_dir) as desk:
        procedures = desk.procedures(args.query)
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
    with signed_in_desk(args.data_dir, args.user) as desk:
        n, version = desk.catalog.import_file(args.file)
    print(f"Đã nạp {n} thủ tục (phiên bản {version})")
    return 0


def officer_add(args: argparse.Namespace) -> int:
    import os

    with signed_in_desk(args.data_dir, args.user) as desk:
        initial = os.environ.get("MOTCUA_NEW_PASSWORD")
        if not initial:
            raise UsageError("Đặt mật khẩu ban đầu cho cán bộ trong biến MOTCUA_NEW_PASSWORD")
        desk.officers.add(args.username, args.name, args.roles, initial)  # AccountError refuses
    print(f"Đã tạo tài khoản {args.username}; cán bộ phải đổi mật khẩu khi đăng nhập lần đầu")
    return 0


def password(args: argparse.Namespace) -> int:
    # no session: knowing the old password is the check (the store audits the change)
    with open_desk(args.data_dir) as desk:
        new = read_password("Mật khẩu mới: ", env="MOTCUA_NEW_PASSWORD")
        online = desk.officers.change_password(args.user, read_password(), new)
    print("Đã đổi mật khẩu" + (" (cả trên máy chủ tỉnh)" if online else " tại quầy"))
    return 0


def login(args: argparse.Namespace) -> int:
    with open_desk(args.data_dir) as desk:
        result = desk.officers.sign_in(args.user, read_password())
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
