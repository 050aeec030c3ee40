"""Online dossiers and hand-over (issue 18): the inbox of dossiers from the portal with their
check clock, the three answers (Mẫu 01, 02, 03, also as PDF for the citizen's e-mail or data
store), and the hand-over of received dossiers to the specialist unit (Phiếu bàn giao)."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import add_user_option, emit, signed_in_desk

if TYPE_CHECKING:
    from desktop.services.desk import Desk, Receipt


def register(sub: Any) -> None:
    on = sub.add_parser("online", help="hồ sơ nộp trực tuyến chờ kiểm tra").add_subparsers(
        dest="online_command", metavar="LỆNH", required=True
    )
    p = on.add_parser("list", help="hồ sơ trực tuyến chờ kiểm tra, hạn gần nhất trước")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=list_cmd)
    p = on.add_parser("show", help="một hồ sơ trực tuyến: người nộp, giấy tờ, tệp")
    p.add_argument("code")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=show_cmd)
    p = on.add_parser("accept", help="tiếp nhận hồ sơ trực tuyến (Giấy tiếp nhận, Mẫu 01)")
    p.add_argument("code")
    _pdf(p)
    add_user_option(p)
    p.set_defaults(handler=accept_cmd)
    p = on.add_parser("request-supplement", help="yêu cầu bổ sung giấy tờ (Mẫu 02)")
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="nội dung cần bổ sung")
    p.add_argument(
        "--missing", action="append", default=[], help="giấy tờ cần bổ sung (lặp lại nếu nhiều)"
    )
    _pdf(p)
    add_user_option(p)
    p.set_defaults(handler=supplement_cmd)
    p = on.add_parser("reject", help="từ chối tiếp nhận, nêu rõ lý do (Mẫu 03)")
    p.add_argument("code")
    p.add_argument("--reason", required=True)
    _pdf(p)
    add_user_option(p)
    p.set_defaults(handler=reject_cmd)
    p = on.add_parser("release", help="trả lại quyền kiểm tra để quầy khác kiểm tra")
    p.add_argument("code")
    add_user_option(p)
    p.set_defaults(handler=release_cmd)

    ho = sub.add_parser("handover", help="bàn giao hồ sơ cho phòng chuyên môn").add_subparsers(
        dest="handover_command", metavar="LỆNH", required=True
    )
    p = ho.add_parser("due", help="hồ sơ đã tiếp nhận chưa bàn giao, hạn gần nhất trước")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=due_cmd)
    p = ho.add_parser("units", help="các đơn vị nhận hồ sơ theo danh mục thủ tục")
    p.set_defaults(handler=units_cmd)
    p = ho.add_parser("create", help="bàn giao hồ sơ và in Phiếu bàn giao hồ sơ")
    p.add_argument("codes", nargs="+", metavar="MÃ")
    p.add_argument("--to", required=True, dest="unit", help="đơn vị nhận (xem 'handover units')")
    _pdf(p)
    add_user_option(p)
    p.set_defaults(handler=create_cmd)


def _pdf(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pdf", type=Path, metavar="TỆP", help="ghi phiếu ra tệp PDF")


def _left(left: timedelta) -> str:
    minutes = int(left.total_seconds() // 60)
    if minutes < 0:
        return f"quá hạn {(-minutes) // 60} giờ {(-minutes) % 60:02d} phút"
    return f"còn {minutes // 60} giờ {minutes % 60:02d} phút làm việc"


def list_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        items = desk.online.inbox()
        hours = desk.state.ctx.profile.online_check_deadline
    if args.json:
        emit([i.as_json() for i in items])
        return 0
    print(f"Hạn kiểm tra: {hours.working_hours:g} giờ làm việc ({hours.source})")
    for i in items:
        taken = f" · đang xử lý tại {i.taken_by}" if i.taken_by else ""
        print(
            f"{i.code}  {i.applicant_name}  {i.procedure_name[:60]}  "
            f"nộp {i.submitted_at:%H:%M %d/%m}  hạn {i.check_due_at:%H:%M %d/%m} "
            f"({_left(i.left)}){taken}"
        )
    if not items:
        print("Không có hồ sơ trực tuyến nào chờ kiểm tra")
    return 0


def show_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        emit(desk.online.show(args.code))
    return 0


def _done(desk: Desk, receipt: Receipt, form: str, pdf: Path | None, verb: str) -> int:
    ref = receipt.code or receipt.id
    out: dict[str, Any] = {**receipt.as_json()}
    if pdf is not None:
        written = desk.forms.output(form, ref, pdf=pdf, printer=None)
        out["pdf"] = str(written.pdf)
    emit(out)
    print(f"{verb} hồ sơ {ref}", file=sys.stderr)
    return 0


def accept_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.online.accept(args.code)
        return _done(desk, receipt, "receipt", args.pdf, "Đã tiếp nhận")


def supplement_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.online.request_supplement(args.code, args.reason, args.missing)
        return _done(desk, receipt, "supplement", args.pdf, "Đã yêu cầu bổ sung")


def reject_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.online.reject(args.code, args.reason)
        return _done(desk, receipt, "rejection", args.pdf, "Đã từ chối tiếp nhận")


def release_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        desk.online.release(args.code)
    print(f"Đã trả lại quyền kiểm tra hồ sơ {args.code}")
    return 0


def due_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        items = desk.handovers.due()
        hours, source = desk.handovers.deadline_source()
    if args.json:
        emit([i.as_json() for i in items])
        return 0
    print(f"Hạn bàn giao: {hours:g} giờ làm việc sau khi tiếp nhận ({source})")
    for i in items:
        print(
            f"{i.code}  {i.applicant_name}  {i.procedure_name[:50]}  → {i.unit}  tiếp nhận "
            f"{i.received_at:%H:%M %d/%m}  hạn {i.handover_due_at:%H:%M %d/%m} ({_left(i.left)})"
        )
    if not items:
        print("Không có hồ sơ nào chờ bàn giao")
    return 0


def units_cmd(args: argparse.Namespace) -> int:
    from .common import open_desk

    with open_desk(args.data_dir) as desk:
        for unit in desk.handovers.units():
            print(unit)
    return 0


def create_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        done = desk.handovers.create(args.codes, args.unit)
        out = done.as_json()
        if args.pdf is not None:
            written = desk.forms.output("handover", done.id, pdf=args.pdf, printer=None)
            out["pdf"] = str(written.pdf)
    emit(out)
    return 0
