"""Mẫu số 05 (Thông tư 01/2018/TT-VPCP): Phiếu kiểm soát quá trình giải quyết hồ sơ.

Printed from the dossier's history and attached to the dossier when its result is returned
(seed 002 Điều 16: "in Phiếu kiểm soát hồ sơ đính kèm vào hồ sơ đã giải quyết (kết xuất quá
trình xử lý)"). One row per hand-over: who, when, what came of it, remarks.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import (
    applicant_line,
    datetime_long,
    office_heading,
    or_blank,
)
from desktop.domain.forms.facts import DossierFacts, HistoryLine, Office
from printing.slip import Block, Document, Field, Note, Slip, Table, Title

HISTORY_HEADERS = (
    "Tên cơ quan",
    "Thời gian giao, nhận hồ sơ",
    "Kết quả giải quyết hồ sơ",
    "Ghi chú",
)


def history_rows(history: tuple[HistoryLine, ...]) -> tuple[tuple[str, ...], ...]:
    """The hand-overs in time order (the store may hand them over in any order). The slip
    shows minutes, and a time given to the minute (a hand-over's) may follow one with seconds
    (the reception) within the same minute: within a minute the store's order stands."""
    ordered = sorted(
        enumerate(history), key=lambda p: (p[1].at.replace(second=0, microsecond=0), p[0])
    )
    return tuple((h.by, datetime_long(h.at), h.step, h.note) for _i, h in ordered)


def control_slip(office: Office, facts: DossierFacts, *, now: datetime) -> Document:
    blocks: list[Block] = [
        office_heading(office),
        Title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        Field("Mã hồ sơ", facts.code, emphasis=True),
        Field("Tiếp nhận hồ sơ của", applicant_line(facts)),
        Field("Địa chỉ", or_blank(facts.address)),
        Field("Số điện thoại", or_blank(facts.phone)),
        Field("Nội dung yêu cầu giải quyết", facts.procedure_name),
        Field("Thời gian nhận hồ sơ", datetime_long(facts.received_at)),
        Field("Thời gian trả kết quả giải quyết hồ sơ", datetime_long(facts.due_at)),
        Table(HISTORY_HEADERS, history_rows(facts.history), widths=(3, 3, 3, 2)),
    ]
    if facts.status_label:
        blocks.append(Field("Tình trạng hồ sơ", facts.status_label))
    if facts.returned_to:
        blocks.append(Field("Người nhận kết quả", facts.returned_to))
    blocks.append(Note(f"Kết xuất quá trình xử lý lúc {datetime_long(now)}."))
    return Document((Slip(tuple(blocks), form_number="Mẫu số 05", name="mau-05-phieu-kiem-soat"),))
