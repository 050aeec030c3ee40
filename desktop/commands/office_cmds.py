"""``motcua office``: the office the counter belongs to, as every form prints it (issue 21): the
authority and office lines of the heading, the place of the date line, the number prefix. The
administrator sets it here or at ``init``; the province may also set it through the server."""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_user_option, emit, open_desk, signed_in_desk


def add_office_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    """The options of ``office set``, also offered by ``init``."""
    p.add_argument(
        "--authority",
        required=required,
        help='cơ quan chủ quản, dòng đầu tiêu đề, ví dụ "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"',
    )
    p.add_argument(
        "--name",
        dest="office_name",
        required=required,
        help='tên cơ quan, ví dụ "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"',
    )
    p.add_argument(
        "--place",
        required=required,
        help='địa danh ghi ở dòng ngày tháng, ví dụ "Mỹ Hòa Hưng"',
    )
    p.add_argument(
        "--number-prefix",
        default=None,
        help='ký hiệu sau số văn bản, "Số: 12/TTPVHCC" (mặc định giữ ký hiệu đang dùng)',
    )


def register(sub: Any) -> None:
    off = sub.add_parser(
        "office", help="cơ quan của quầy: tiêu đề, địa danh, ký hiệu số trên các mẫu in"
    ).add_subparsers(dest="office_command", metavar="LỆNH", required=True)
    p = off.add_parser("show", help="xem tiêu đề cơ quan đang in trên các mẫu")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)

    p = off.add_parser("set", help="đặt tiêu đề cơ quan, địa danh, ký hiệu số (quản trị)")
    add_office_options(p, required=True)
    add_user_option(p)
    p.set_defaults(handler=set_office)


_SOURCES = {"init": "khởi tạo quầy", "counter": "quản trị tại quầy", "server": "máy chủ tỉnh"}


def show(args: argparse.Namespace) -> int:
    from desktop.services.office import OfficeDesk

    # the office's public heading, printed on every form: nothing personal
    with open_desk(args.data_dir) as desk:
        record = OfficeDesk(desk.state).current()
    lines = record.lines
    if args.json:
        emit(
            {
                "authority": lines.authority,
                "name": lines.name,
                "place": lines.place,
                "number_prefix": lines.number_prefix,
                "source": record.source or None,
                "set_by": record.set_by or None,
                "set_at": record.set_at.isoformat() if record.set_at else None,
            }
        )
        return 0
    print(f"Cơ quan chủ quản: {lines.authority}")
    print(f"Tên cơ quan: {lines.name}")
    print(f"Địa danh: {lines.place}")
    print(f"Ký hiệu số: {lines.number_prefix or '(không có)'}")
    where = _SOURCES.get(record.source, "mặc định")
    if record.set_by:
        where += f" ({record.set_by})"
    when = f", lúc {record.set_at:%H:%M %d/%m/%Y}" if record.set_at else ""
    print(f"Đặt bởi: {where}{when}")
    return 0


def set_office(args: argparse.Namespace) -> int:
    from desktop.services.office import OfficeDesk

    with signed_in_desk(args.data_dir, args.user) as desk:
        record = OfficeDesk(desk.state).set(
            args.authority, args.office_name, args.place, args.number_prefix
        )
    lines = record.lines
    print(f"Đã lưu cơ quan: {lines.authority} / {lines.name}; địa danh {lines.place}")
    return 0
