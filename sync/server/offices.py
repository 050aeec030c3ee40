"""Each agency's office as its counters print it (issue 21): the heading's authority and office
lines, the place of the date line, the number prefix. Since the two-tier reorganisation of 1 July
2025 reception happens at commune, ward and special-zone centres as well as the provincial one
(QĐ 84/2025/QĐ-CTUBND Quảng Ninh Điều 14 khoản 5), so the province sets each agency's office
here and its counters apply it from the change feed.

The server keeps it as the agency's ``office`` changes in the feed (no table of its own: the
latest change is the office in force, and a counter enrolled later reads the whole feed). Each
carries ``set_at``, the province's time it was set: a counter whose administrator set its own
office later keeps its own (desktop/store/office.py), so the later of the two stands.

Checked here only as far as the wire allows (lengths, one printable line, capitals for the
heading); the counter checks again with its own rules and records a conflict for one it refuses.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.limits import MAX_NUMBER_PREFIX, MAX_OFFICE_LINE, MAX_OFFICE_PLACE
from sync.protocol import forbidden_char

from . import officers
from .db import local_now, take_feed_ids
from .feed import add_change
from .models import ChangeRow

AdminError = officers.OfficerError

_AGENCY_RE = re.compile(r"[0-9A-Z][0-9A-Z.]{2,39}")  # sync.protocol.Agency
_PREFIX_RE = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
DEFAULT_NUMBER_PREFIX = "TTPVHCC"


def _line(value: str, label: str, limit: int, *, upper: bool) -> str:
    text = unicodedata.normalize("NFC", value)
    if forbidden_char(text) is not None or any(c in text for c in "\t\n\r\v\f"):
        raise AdminError(f"{label} chứa ký tự điều khiển hoặc ký tự ẩn; chỉ nhập một dòng chữ")
    text = " ".join(text.split())
    if not 1 <= len(text) <= limit:
        raise AdminError(f"{label} phải có 1 đến {limit} ký tự")
    return text.upper() if upper else text


def set_office(
    s: Session,
    agency: str,
    authority: str,
    name: str,
    place: str,
    number_prefix: str = DEFAULT_NUMBER_PREFIX,
) -> dict[str, Any]:
    """Send the agency's office to its counters; returns what was sent."""
    if not _AGENCY_RE.fullmatch(agency):
        raise AdminError(f"mã cơ quan không hợp lệ: {agency!r}")
    prefix = unicodedata.normalize("NFC", number_prefix).strip().upper()
    if prefix and (len(prefix) > MAX_NUMBER_PREFIX or not _PREFIX_RE.fullmatch(prefix)):
        raise AdminError(
            f"ký hiệu số văn bản có tối đa {MAX_NUMBER_PREFIX} ký tự, chỉ gồm chữ, số và dấu "
            "gạch ngang hoặc dấu chấm"
        )
    body = {
        "authority": _line(authority, "tên cơ quan chủ quản", MAX_OFFICE_LINE, upper=True),
        "name": _line(name, "tên cơ quan", MAX_OFFICE_LINE, upper=True),
        "place": _line(place, "địa danh", MAX_OFFICE_PLACE, upper=False),
        "number_prefix": prefix,
        "set_at": local_now().isoformat(),
    }
    add_change(s, take_feed_ids(s, 1), "office", body, agency=agency)
    return body


def current_office(s: Session, agency: str) -> dict[str, Any] | None:
    """The office last sent to the agency's counters, or None."""
    body = s.scalar(
        select(ChangeRow.body)
        .where(ChangeRow.kind == "office", ChangeRow.agency == agency)
        .order_by(ChangeRow.feed_id.desc())
        .limit(1)
    )
    return dict(body) if body is not None else None
