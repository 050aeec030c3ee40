"""The QR code printed on the chip-based citizen ID card (CCCD gắn chip).

Payload: ``CCCD|CMND|name|ddMMyyyy|sex|address|ddMMyyyy`` (issue date last). Cards without an
old 9-digit CMND leave that field empty; some readers drop it entirely (6 fields); newer cards
append more fields. All of those parse; anything else is refused with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desktop.domain.refusal import Refusal

from .applicants import CCCD_PROVINCE_CODES, IdNumberError, cccd_birth_year, cccd_facts

MAX_PAYLOAD = 1024


class CccdQrError(Refusal, ValueError):
    code = "cccd_qr_invalid"


@dataclass(frozen=True)
class CccdCard:
    cccd: str
    cmnd: str | None
    name: str
    birth_date: date
    sex: str
    address: str
    issued_on: date | None


def _date(text: str, what: str) -> date:
    if not re.fullmatch(r"[0-9]{8}", text):
        raise CccdQrError(f"{what} trong mã QR CCCD không đúng dạng ngày ddMMyyyy: {text!r}")
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise CccdQrError(f"{what} trong mã QR CCCD không phải ngày có thật: {text!r}") from None


def parse_cccd_qr(payload: str) -> CccdCard:
    if len(payload) > MAX_PAYLOAD:
        raise CccdQrError("Mã QR quá dài, không phải mã QR trên thẻ CCCD")
    text = unicodedata.normalize("NFC", payload.lstrip("\ufeff").strip())
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise CccdQrError("Mã QR chứa ký tự điều khiển, không phải mã QR trên thẻ CCCD")
    fields = [f.strip() for f in text.split("|")]
    if len(fields) < 6:
        raise CccdQrError(
            f"Mã QR có {len(fields)} trường, thẻ CCCD có ít nhất 6 (số CCCD|họ tên|ngày sinh|…)"
        )
    if len(fields) == 6:
        cccd, name, dob, sex, address, issued = fields
        cmnd = ""
    else:
        cccd, cmnd, name, dob, sex, address, issued = fields[:7]
    if not re.fullmatch(r"[0-9]{12}", cccd) or cccd[:3] not in CCCD_PROVINCE_CODES:
        raise CccdQrError(f"Trường đầu tiên {cccd!r} không phải số CCCD 12 chữ số hợp lệ")
    try:
        _p, coded_sex, _c = cccd_facts(cccd)
    except IdNumberError as exc:
        raise CccdQrError(str(exc)) from None
    if cmnd and not re.fullmatch(r"[0-9]{9}", cmnd):
        raise CccdQrError(f"Số CMND {cmnd!r} trong mã QR phải gồm 9 chữ số")
    name = " ".join(name.split())
    if len(name) < 2 or any(c.isdigit() for c in name):
        raise CccdQrError("Họ tên trong mã QR CCCD không hợp lệ")
    birth = _date(dob, "Ngày sinh")
    if cccd_birth_year(cccd) != birth.year:
        raise CccdQrError(f"Năm sinh {birth.year} không khớp với số CCCD {cccd}")
    if sex not in ("Nam", "Nữ"):
        raise CccdQrError(f"Giới tính {sex!r} trong mã QR CCCD phải là Nam hoặc Nữ")
    if sex != coded_sex:
        raise CccdQrError(f"Giới tính {sex} không khớp với số CCCD {cccd}")
    if len(address) < 3:
        raise CccdQrError("Địa chỉ thường trú trong mã QR CCCD bị trống")
    issued_on = _date(issued, "Ngày cấp") if issued else None
    if issued_on is not None and issued_on < birth:
        raise CccdQrError("Ngày cấp thẻ trước ngày sinh: mã QR bị hỏng")
    return CccdCard(cccd, cmnd or None, name, birth, sex, address, issued_on)
