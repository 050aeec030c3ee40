"""``motcua calendar due``: the appointment for a reception time and a limit."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from desktop.domain.calendar import Cutoff, WorkingCalendar, due_at
from desktop.domain.limits import Limit
from desktop.store.resources import load_profile

from .common import add_user_option, emit, open_counter, sign_in
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
    profile = load_profile(args.province)
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
    wh = profile.working_hours
    calendar = WorkingCalendar(periods=tuple(wh.parsed_periods()), weekdays=frozenset(wh.weekdays))
    c = profile.cutoff
    cutoff = Cutoff(c.parsed_time(), frozenset(c.channels)) if c else None
    result = due_at(calendar, received, limit, args.channel, cutoff)
    text = result.isoformat(timespec="minutes")
    if args.json:
        emit(
            {
                "province": profile.id,
                "received": received.isoformat(timespec="minutes"),
                "limit": str(limit),
                "due_at": text,
            }
        )
    else:
        print(text)
    return 0


def set_exception(args: argparse.Namespace) -> int:
    from desktop.store.counter import set_calendar_exception

    db, _ctx = open_counter(args.data_dir)
    sign_in(db, args.user).require("admin", "supervisor")
    if len(args.note.strip()) < 3:
        raise UsageError("Ghi căn cứ công bố (số văn bản) vào --note")
    try:
        with db.write() as s:
            set_calendar_exception(s, args.day, args.working_day, args.note.strip())
    except ValueError:
        raise UsageError(f"Ngày {args.day!r} không đúng dạng YYYY-MM-DD") from None
    what = "ngày làm bù" if args.working_day else "ngày nghỉ"
    print(f"Đã ghi {args.day} là {what} ({args.note.strip()})")
    return 0
