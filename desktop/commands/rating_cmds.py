"""``motcua rate``: a citizen's satisfaction rating given on paper, typed in (issue 20 item 2).

The citizen display records the ratings given at the counter; this records the paper forms
some centres still hand out, for the same statistics. The officer rated is the one who served
that stage of the dossier, not the one typing (desktop/store/dossiers/ratings.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("rate", help="ghi đánh giá mức độ hài lòng của người dân (phiếu giấy)")
    p.add_argument("code", help="mã hồ sơ")
    p.add_argument(
        "--level",
        required=True,
        help="5 rất hài lòng, 4 hài lòng, 3 bình thường, 2 không hài lòng, 1 rất không hài lòng",
    )
    p.add_argument(
        "--stage",
        choices=("return", "reception"),
        default="return",
        help="bước được đánh giá: trả kết quả (mặc định) hoặc tiếp nhận",
    )
    p.add_argument("--comment", help="ý kiến của người dân (không bắt buộc)")
    add_user_option(p)
    p.set_defaults(handler=rate_cmd)


def rate_cmd(args: argparse.Namespace) -> int:
    from desktop.domain.satisfaction import Level, Stage, parse_level

    level = parse_level(args.level)
    if level is None:
        choices = ", ".join(
            f"{int(lv)} {lv.label_vi.lower()}" for lv in sorted(Level, reverse=True)
        )
        raise UsageError(f"Mức đánh giá {args.level!r} không có; chọn một trong: {choices}")
    with signed_in_desk(args.data_dir, args.user) as desk:
        done = desk.ratings.rate(args.code, level, Stage(args.stage), args.comment)
    emit(done.as_json())
    print(f"Đã ghi đánh giá: {level.label_vi} (hồ sơ {done.code})", file=sys.stderr)
    return 0
