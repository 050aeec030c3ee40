"""The feedback register (issue 20 item 3; QĐ 84/2025 Quảng Ninh Điều 17.3.b, 18): a citizen's
feedback received at the counter, by letter, phone, e-mail or fax, answered within 15 working
days, its progress updated every 5 working days once late, the answer published within 2."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

CHANNELS = ("counter", "phone", "letter", "email", "fax")


def register(sub: Any) -> None:
    fb = sub.add_parser("feedback", help="phản ánh, kiến nghị của công dân").add_subparsers(
        dest="feedback_command", metavar="LỆNH", required=True
    )
    p = fb.add_parser("add", help="ghi nhận một phản ánh, kiến nghị (hạn trả lời 15 ngày làm việc)")
    p.add_argument("--text", required=True, help="nội dung phản ánh, kiến nghị")
    p.add_argument("--from-name", required=True, help="họ tên người phản ánh")
    p.add_argument("--phone", help="số điện thoại liên hệ")
    p.add_argument("--dossier", metavar="MÃ", help="mã hồ sơ được phản ánh (nếu có)")
    p.add_argument(
        "--channel",
        choices=CHANNELS,
        default="counter",
        help="kênh tiếp nhận: tại quầy, điện thoại, văn bản, thư điện tử, fax",
    )
    p.add_argument(
        "--received-at", metavar="'YYYY-MM-DD HH:MM'", help="thời điểm nhận (mặc định: bây giờ)"
    )
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=add_cmd)
    p = fb.add_parser("list", help="sổ phản ánh, kiến nghị với các hạn, hạn gần nhất trước")
    p.add_argument("--open", action="store_true", help="chỉ những phản ánh chưa trả lời")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=list_cmd)
    p = fb.add_parser("update", help="cập nhật tiến độ xử lý (định kỳ 5 ngày làm việc khi quá hạn)")
    p.add_argument("id", metavar="MÃ_PHẢN_ÁNH")
    p.add_argument("--text", required=True, help="tình hình xử lý")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=update_cmd)
    p = fb.add_parser("answer", help="ghi kết quả trả lời phản ánh, kiến nghị")
    p.add_argument("id", metavar="MÃ_PHẢN_ÁNH")
    p.add_argument("--text", required=True, help="nội dung trả lời")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=answer_cmd)
    p = fb.add_parser("publish", help="đã công khai kết quả trả lời cho công dân (hạn 2 ngày)")
    p.add_argument("id", metavar="MÃ_PHẢN_ÁNH")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=publish_cmd)


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise UsageError(f"--received-at {text!r} không đúng dạng 'YYYY-MM-DD HH:MM'")


def _moment(t: datetime | None) -> str:
    return t.strftime("%H:%M %d/%m/%Y") if t is not None else "—"


def _done(args: argparse.Namespace, view: Any, said: str) -> int:
    if args.json:
        emit(view.as_json())
    else:
        print(view.id)
    print(said, file=sys.stderr)
    return 0


def add_cmd(args: argparse.Namespace) -> int:
    received_at = _when(args.received_at)
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.feedback.add(
            args.text,
            args.from_name,
            args.channel,
            phone=args.phone,
            dossier=args.dossier,
            received_at=received_at,
        )
    return _done(
        args,
        view,
        f"Đã ghi nhận phản ánh {view.id[:8]}; hạn trả lời {_moment(view.clocks.answer_due_at)}",
    )


def update_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.feedback.update(args.id, args.text)
    return _done(args, view, f"Đã cập nhật tiến độ phản ánh {view.id[:8]}")


def answer_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.feedback.answer(args.id, args.text)
    return _done(
        args,
        view,
        f"Đã ghi kết quả trả lời phản ánh {view.id[:8]}; "
        f"công khai cho công dân trước {_moment(view.clocks.publish_due_at)}",
    )


def publish_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.feedback.publish(args.id)
    return _done(args, view, f"Đã ghi nhận công khai kết quả phản ánh {view.id[:8]}")


def list_cmd(args: argparse.Namespace) -> int:
    from desktop.services.feedback import SOURCE

    with signed_in_desk(args.data_dir, args.user) as desk:
        items = desk.feedback.list(open_only=args.open)
    if args.json:
        emit([v.as_json() for v in items])
        return 0
    print(f"Căn cứ: {SOURCE} — trả lời trong 15 ngày làm việc; quá hạn: cập nhật mỗi 5 ngày")
    if not items:
        print("Không có phản ánh nào.")
    for v in items:
        flag = {"overdue": "QUÁ HẠN", "soon": "sắp hết hạn", "ok": ""}[v.clocks.urgency.value]
        print(
            f"{v.id[:8]}  {v.received_at:%d/%m/%Y}  {v.state.label_vi:<30}  "
            f"hạn {_moment(v.clocks.due_at)}  {flag}  {v.dossier or ''}".rstrip()
        )
    return 0
