"""Dossier commands: receive, refuse, supplements, look-up, results, returns, attachments."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.procedures import Limit
from desktop.domain.reception import FormError, ReceptionForm, parse_form

from .common import add_user_option, emit, read_json_input, signed_in_desk
from .errors import UsageError

MAX_BATCH = 10_000


def register(sub: Any) -> None:
    p = sub.add_parser("receive", help="tiếp nhận hồ sơ (JSON: một hồ sơ hoặc danh sách)")
    p.add_argument("--json", dest="input", required=True, metavar="FILE|-")
    add_user_option(p)
    p.set_defaults(handler=receive)

    for name, help_, asks_supplement in (
        ("reject", "từ chối tiếp nhận (Mẫu 03)", False),
        ("request-supplement", "yêu cầu bổ sung trước khi tiếp nhận (Mẫu 02)", True),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--json", dest="input", required=True, metavar="FILE|-")
        p.add_argument("--reason", required=True)
        if asks_supplement:
            _missing_option(p)
        add_user_option(p)
        p.set_defaults(handler=refuse, supplement=asks_supplement, missing=[])

    p = sub.add_parser("supplement", help="hồ sơ đang xử lý: yêu cầu bổ sung / đã nhận bổ sung")
    p.add_argument("code")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--request", metavar="LÝ_DO")
    g.add_argument("--received", action="store_true")
    _missing_option(p)
    add_user_option(p)
    p.set_defaults(handler=supplement)

    p = sub.add_parser("reschedule", help="hẹn lại ngày trả kết quả (Mẫu 04)")
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="lý do chậm trả kết quả")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--due", help="ngày giờ hẹn mới, ví dụ 2026-12-01T09:00")
    g.add_argument("--extend", help="gia hạn thêm: 3d (ngày làm việc) hoặc 4h (giờ làm việc)")
    add_user_option(p)
    p.set_defaults(handler=reschedule)

    p = sub.add_parser("lookup", help="tra cứu theo mã hồ sơ, số giấy tờ, họ tên hoặc điện thoại")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=lookup_cmd)

    p = sub.add_parser("result-ready", help="kết quả từ phòng chuyên môn đã về quầy (trạng thái 9)")
    p.add_argument("code")
    add_user_option(p)
    p.set_defaults(handler=result_ready)

    p = sub.add_parser("return", help="trả kết quả cho công dân (trạng thái 10)")
    p.add_argument("code", nargs="?", help="mã hồ sơ (hoặc dùng --qr)")
    p.add_argument("--qr", help="nội dung mã QR trên giấy tiếp nhận")
    p.add_argument("--receiver-name", required=True)
    p.add_argument("--receiver-id", required=True)
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=return_cmd)

    p = sub.add_parser("withdraw", help="công dân rút hồ sơ (trạng thái 7)")
    p.add_argument("code")
    p.add_argument("--reason", default="")
    add_user_option(p)
    p.set_defaults(handler=withdraw)

    p = sub.add_parser("attach", help="đính kèm tệp PDF/ảnh vào hồ sơ")
    p.add_argument("code")
    p.add_argument("file", type=Path)
    p.add_argument("--document", required=True, help="tên giấy tờ trong thành phần hồ sơ")
    add_user_option(p)
    p.set_defaults(handler=attach_cmd)


def _missing_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--missing",
        action="append",
        default=[],
        metavar="GIẤY_TỜ",
        help="giấy tờ cần bổ sung, hoàn thiện (lặp lại cho từng giấy tờ)",
    )


def _forms(source: str) -> list[ReceptionForm]:
    data = read_json_input(source)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise UsageError("Danh sách hồ sơ rỗng")
    if len(items) > MAX_BATCH:
        raise UsageError(f"Mỗi lần tối đa {MAX_BATCH} hồ sơ")
    forms = []
    for i, item in enumerate(items, 1):
        try:
            forms.append(parse_form(item))
        except FormError as exc:
            where = f"Hồ sơ thứ {i}: " if len(items) > 1 else ""
            raise UsageError(f"{where}{exc}") from None
    return forms


def receive(args: argparse.Namespace) -> int:
    forms = _forms(args.input)
    with signed_in_desk(args.data_dir, args.user) as desk:
        # All or nothing, in one transaction (README: the whole list is validated first); lines
        # are printed once it committed, so a script never sees a receipt that was not kept.
        # Items with a request_id may be sent again: they answer with the dossier received the
        # first time.
        receipts = desk.dossiers.receive_many(forms)
    for receipt in receipts:
        emit(receipt.as_json())
    return 0


def refuse(args: argparse.Namespace) -> int:
    forms = _forms(args.input)
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipts = desk.dossiers.refuse_many(
            forms, args.reason, supplement=args.supplement, missing=args.missing
        )
    for receipt in receipts:  # all or nothing, as receive
        emit(receipt.as_json())
    return 0


def supplement(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        if args.received:
            receipt = desk.dossiers.receive_supplement(args.code)
        else:
            receipt = desk.dossiers.request_supplement(args.code, args.request, args.missing)
    emit(receipt.as_json())
    return 0


def lookup_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        found = desk.dossiers.lookup(args.query)
    if args.json:
        emit(found)
        return 0
    if not found:
        print("Không tìm thấy hồ sơ nào")
        return 1
    for d in found:
        due = (d["due_at"] or "").replace("T", " ")
        print(
            f"{d['code'] or '(chưa cấp mã)':<28} {d['status_label']:<24} hẹn {due:<16} "
            f"{d['applicant']['name']} — {d['procedure_name']}"
        )
    return 0


def result_ready(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.dossiers.result_ready(args.code)
    emit(receipt.as_json())
    return 0


def reschedule(args: argparse.Namespace) -> int:
    new_due = None
    extra = None
    if args.due:
        try:
            new_due = datetime.fromisoformat(args.due)
        except ValueError:
            raise UsageError(f"Ngày hẹn {args.due!r} không đúng dạng YYYY-MM-DDTHH:MM") from None
        if new_due.tzinfo is not None:
            raise UsageError("Nhập giờ địa phương, không kèm múi giờ")
    else:
        try:
            extra = Limit.parse(args.extend)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if extra.immediate:
            raise UsageError("Thời gian gia hạn phải lớn hơn 0")
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.dossiers.reschedule(args.code, args.reason, new_due_at=new_due, extra=extra)
    emit(receipt.as_json())
    return 0


def return_cmd(args: argparse.Namespace) -> int:
    if bool(args.code) == bool(args.qr):
        raise UsageError("Cho biết mã hồ sơ hoặc --qr (một trong hai)")
    with signed_in_desk(args.data_dir, args.user) as desk:
        # with --qr, the citizen's receipt is checked to be genuine before anything is handed
        # over (DESIGN.md §8)
        receipt = desk.dossiers.return_result(
            args.code, args.qr, args.receiver_name, args.receiver_id
        )
    emit(receipt.as_json())
    return 0


def withdraw(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.dossiers.withdraw(args.code, args.reason)
    emit(receipt.as_json())
    return 0


def attach_cmd(args: argparse.Namespace) -> int:
    # checked as scan import checks a file (issue 17): its size and kind before it is read,
    # then its content, before the counter is even opened
    from desktop.devices.imaging import check_document, read_input
    from desktop.services.dossiers import MAX_ATTACHMENT

    data = read_input(args.file, MAX_ATTACHMENT)
    pages = check_document(data, args.file.name)
    with signed_in_desk(args.data_dir, args.user) as desk:
        receipt = desk.dossiers.attach(args.code, args.document, args.file.name, data, pages)
    emit(receipt.as_json())
    return 0
