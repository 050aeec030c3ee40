"""``motcua cccd PAYLOAD``: what the chip-based ID card's QR says, read as reception reads it.

No counter database (like ``calendar``): it is a check an officer or a technician runs on what a
scanner sent. Warnings (a birth year or sex that disagrees with the 12-digit number, a repaired
name) are printed for the officer to confirm; a card that cannot be read in full is refused in
Vietnamese with every field that could not be read, and nothing garbled is ever printed."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import emit


def register(sub: Any) -> None:
    p = sub.add_parser("cccd", help="đọc mã QR trên thẻ CCCD (kiểm tra trước khi tiếp nhận)")
    p.add_argument("payload", metavar="PAYLOAD", help="nội dung mã QR, kể cả các dấu |")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=read)


def read(args: argparse.Namespace) -> int:
    from desktop.domain.cccd_qr import LABELS_VI, parse_cccd_qr

    card = parse_cccd_qr(args.payload)  # CccdQrError is a refusal: stderr, exit 1
    data = card.as_dict()
    if args.json:
        emit(data)
        return 0
    out = sys.stdout
    for key, label in LABELS_VI.items():
        value = getattr(card, key)
        if value is None:
            text = "(không có)"
        elif key.endswith("_date"):
            text = value.strftime("%d/%m/%Y")
        else:
            text = str(value)
        out.write(f"{label}: {text}\n")
    for w in card.warnings:
        out.write(f"CẢNH BÁO ({w.code}): {w.message}\n")
    out.flush()
    return 0
