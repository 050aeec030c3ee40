"""``motcua calendar due``: the appointment for a reception time and a limit."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from desktop.domain.limits import Limit

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError


def register(sub: Any) -> None:
    cal = sub.add_parser("calendar", help="lịch làm việc và ngày hẹn trả").add_subparsers(
        dest="calendar_command", metavar="LỆNH", required=True
    )
    p = cal.add_parser("due", help="tính ngày hẹn trả kết quả")
    p.add_argument("--province", required=True)
    p.add_argument("--received", required=True, help="thời điểm tiếp nhận, ví dụ 2023-10-27T09:32")
    p.add_argument("--limit", required=True, help="thời hạn: 5d (ngày làm việc), 4h (giờ), 0")
    p.add_argument("--channel", type=int, choices=(1, 2, 3), default=1)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=due)

    p = cal.add_parser("set", help="ngày nghỉ hoặc ngày làm bù được công bố (cho quầy này)")
    p.add_argument("day", help="ngày, ví dụ 2026-05-02")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--day-off", action="store_true", help="ngày nghỉ được công bố")
    kind.add_argument("--working-day", action="store_true", help="ngày làm bù")
    p.add_argument("--note", required=True, help="căn cứ: số văn bản công bố")
    add_user_option(p)
    p.set_defaults(handler=set_exception)


def due(args: argparse.Namespace) -> int:
    # the province's profile only, no database: `calendar due` stays light (issue 16)
    from desktop.services.calendar import due as due_for

    try:
        received = datetime.fromisoformat(args.received)
    except ValueError:
        raise UsageError(f"Thời điểm {args.received!r} không đúng dạng YYYY-MM-DDTHH:MM") from None
    if received.tzinfo is not None:
        raise UsageError("Nhập giờ địa phương, không kèm múi giờ")
    try:
        limit = Limit.parse(args.limit)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    province, result = due_for(args.province, received, limit, args.channel)
    text = result.isoformat(timespec="minutes")
    if args.json:
        emit(
            {
                "province": province,
                "received": received.isoformat(timespec="minutes"),
                "limit": str(limit),
                "due_at": text,
            }
        )
    else:
        print(text)
    return 0


def set_exception(args: argparse.Namespace) -> int:
    if len(args.note.strip()) < 3:
        raise UsageError("Ghi căn cứ công bố (số văn bản) vào --note")
    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise UsageError(f"Ngày {args.day!r} không đúng dạng YYYY-MM-DD") from None
    with signed_in_desk(args.data_dir, args.user) as desk:
        desk.calendar.set_exception(day, working=args.working_day, note=args.note.strip())
    what = "ngày làm bù" if args.working_day else "ngày nghỉ"
    print(f"Đã ghi {args.day} là {what} ({args.note.strip()})")
    return 0
