"""The audit log: check that nothing was edited or removed, and read it (DESIGN.md §9)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import add_user_option, emit, open_desk, signed_in_desk
from .errors import EXIT_REFUSED, UsageError


def register(sub: Any) -> None:
    au = sub.add_parser("audit", help="nhật ký thao tác của cán bộ").add_subparsers(
        dest="audit_command", metavar="LỆNH", required=True
    )
    p = au.add_parser(
        "verify", help="kiểm tra nhật ký không bị sửa hay xóa (thoát 0 khi nguyên vẹn)"
    )
    p.add_argument(
        "--online", action="store_true", help="đối chiếu thêm với mục neo đang giữ ở máy chủ tỉnh"
    )
    p.add_argument("--json", action="store_true")
    # no --user: the verdict names entry numbers and what is wrong with them, no officer, no
    # citizen, and the IT officer runs it where nobody at the counter signs in
    p.set_defaults(handler=verify)

    p = au.add_parser("list", help="xem các thao tác gần nhất")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--officer", help="chỉ thao tác của một cán bộ")
    p.add_argument("--json", action="store_true")
    add_user_option(p, personal_data=True)  # who did what to which dossier
    p.set_defaults(handler=list_entries)


def verify(args: argparse.Namespace) -> int:
    with open_desk(args.data_dir) as desk:  # AnchorUnavailable is a refusal: exit 1, one line
        verdict = desk.audit_log.verify(online=args.online)
    if args.json:
        emit(verdict.as_json())
    else:
        anchor = f"; neo đến mục {verdict.anchor.seq}" if verdict.anchor else ""
        if verdict.ok:
            print(f"Nhật ký nguyên vẹn: {verdict.entries} mục{anchor}.")
        else:
            print(
                f"Nhật ký KHÔNG nguyên vẹn ({verdict.entries} mục{anchor}):",
                file=sys.stderr,
            )
            for p in verdict.problems:
                where = f"mục {p.seq}: " if p.seq else ""
                print(f"  {where}{p.message}", file=sys.stderr)
    return 0 if verdict.ok else EXIT_REFUSED


def list_entries(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 10_000:
        raise UsageError("--limit phải từ 1 đến 10000")
    with signed_in_desk(args.data_dir, args.user) as desk:
        rows = desk.audit_log.entries(args.limit, officer=args.officer)
    out = [
        {
            "seq": e.seq,
            "at": e.at.isoformat(timespec="seconds"),
            "officer": e.officer,
            "action": e.action,
            "target": e.target,
            "detail": e.detail,
        }
        for e in rows
    ]
    if args.json:
        emit(out)
        return 0
    for e in out:
        who = e["officer"] or "-"
        print(f"{e['seq']:>7}  {e['at']}  {who:<16} {e['action']:<22} {e['target']}")
    return 0
