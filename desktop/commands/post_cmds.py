"""Results by post (issue 20, item 4): the result handed to the post with its UPU S10 tracking
number, the post's delivery, and what is with the post on its 24-hour clock (An Giang QĐ
66/2020 Điều 26.2)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

if TYPE_CHECKING:
    from desktop.services.post import PostItem


def register(sub: Any) -> None:
    post = sub.add_parser(
        "post", help="trả kết quả qua bưu chính công ích (số hiệu bưu gửi, hạn 24 giờ)"
    ).add_subparsers(dest="post_command", metavar="LỆNH", required=True)
    p = post.add_parser("send", help="giao kết quả cho bưu chính, ghi số hiệu bưu gửi")
    p.add_argument("code")
    p.add_argument(
        "--tracking", required=True, metavar="SỐ_HIỆU", help="số hiệu bưu gửi, ví dụ EB123456789VN"
    )
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=send_cmd)
    p = post.add_parser("delivered", help="bưu chính đã phát kết quả cho công dân")
    p.add_argument("code")
    p.add_argument(
        "--at", metavar="THỜI_ĐIỂM", help='lúc phát, "YYYY-MM-DD HH:MM" (mặc định: bây giờ)'
    )
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=delivered_cmd)
    p = post.add_parser("list", help="kết quả đang ở bưu chính và kết quả chờ gửi")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=list_cmd)


def parse_at(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f'--at "{text}" không đúng dạng "YYYY-MM-DD HH:MM" (ví dụ "2026-12-04 10:30")'
        ) from None
    return when


def _hm(v: datetime | None) -> str:
    return f"{v:%H:%M %d/%m/%Y}" if v is not None else ""


def _left(minutes: int) -> str:
    if minutes < 0:
        return f"quá hạn {(-minutes) // 60} giờ {(-minutes) % 60:02d} phút"
    return f"còn {minutes // 60} giờ {minutes % 60:02d} phút"


def _line(item: PostItem) -> str:
    if item.posted_at is None:
        return f"{item.code}  chờ gửi bưu chính"
    left = _left(item.minutes_left) if item.minutes_left is not None else ""
    return (
        f"{item.code}  {item.tracking}  gửi {_hm(item.posted_at)}  hạn {_hm(item.due_at)}  {left}"
    )


def _say(args: argparse.Namespace, item: PostItem, message: str) -> None:
    """The JSON on stdout and the sentence on stderr with ``--json``; else the sentence."""
    if args.json:
        emit(item.as_json())
        print(message, file=sys.stderr)
    else:
        print(message)


def send_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        item = desk.post.send(args.code, args.tracking)
    _say(
        args,
        item,
        f"Đã ghi nhận gửi kết quả hồ sơ {item.code} qua bưu chính, số hiệu {item.tracking}; "
        f"hạn phát {_hm(item.due_at)} (24 giờ)",
    )
    return 0


def delivered_cmd(args: argparse.Namespace) -> int:
    at = parse_at(args.at) if args.at is not None else None
    with signed_in_desk(args.data_dir, args.user) as desk:
        item = desk.post.delivered(args.code, at)
    late = "quá hạn 24 giờ" if item.overdue else "trong hạn 24 giờ"
    _say(
        args,
        item,
        f"Đã ghi nhận bưu chính phát kết quả hồ sơ {item.code} lúc {_hm(item.delivered_at)} "
        f"({late}); hồ sơ đã trả kết quả",
    )
    return 0


def list_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        items = desk.post.outstanding()
    if args.json:
        emit([i.as_json() for i in items])
        return 0
    if not items:
        print("Không có kết quả nào đang ở bưu chính hoặc chờ gửi.")
    for item in items:
        print(_line(item))
    return 0
