"""Phiếu yêu cầu xử lý sự cố dịch vụ công trực tuyến (Phụ lục II of seed 000).

When the system fails, the agency reports to the IT department (seed 000 Điều 13); the
client pre-fills this form from its incident record, so point 5 carries the timeline and the
error samples it measured.

Compared with the template in seed 000 (Kiên Giang QĐ 921/QĐ-UBND, Phụ lục II) field by field:
heading (cơ quan chủ quản / cơ quan), title "PHIẾU YÊU CẦU" / "Xử lý sự cố dịch vụ công trực
tuyến", "Kính gửi", items 1–6 (1 họ và tên; 2 chức vụ and cơ quan on one line; 3 email and số
điện thoại on one line; 4 the service; 5 the description; 6 the proposal), the place and date,
the two signatures. Printing it is not sending it: the answer clock starts when the officer
records it sent (desktop/services/incidents.py ``send``).
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import date_long, datetime_long, duration, office_heading
from desktop.domain.forms.facts import IncidentFacts, Office
from printing.slip import (
    Block,
    BulletList,
    Document,
    Field,
    Paragraph,
    SignatureBlock,
    Signatures,
    Slip,
    Title,
)

ITEM_5 = "5. Mô tả sự cố (có thể gửi kèm theo tài liệu, ảnh chụp màn hình)"
ITEM_6 = "6. Ý kiến đề xuất"


def _times(incident: IncidentFacts, now: datetime) -> list[str]:
    end = incident.ended_at or now
    minutes = int((end - incident.started_at).total_seconds() // 60)
    ended = (
        datetime_long(incident.ended_at)
        if incident.ended_at is not None
        else f"chưa khắc phục (tính đến {datetime_long(now)})"
    )
    # under item 5, as its detail: listed, so they do not read as items of their own
    return [
        f"Thời điểm bắt đầu: {datetime_long(incident.started_at)}",
        f"Thời điểm kết thúc: {ended}",
        f"Thời gian gián đoạn: {duration(minutes)}",
    ]


def incident_request(office: Office, incident: IncidentFacts, *, now: datetime) -> Document:
    """``now`` dates an incident that is still going on; the form is dated ``report_date``."""
    blocks: list[Block] = [
        office_heading(office),
        Title("PHIẾU YÊU CẦU", subtitle="Xử lý sự cố dịch vụ công trực tuyến"),
        Paragraph(f"Kính gửi: {incident.report_to}", bold=True, align="center"),
        Field("1. Họ và tên người yêu cầu", incident.requester),
        # items 1–6 as the seed numbers them, every one a numbered field in the same style and
        # spacing; 2 and 3 carry their second label on the same line, as the template does
        Field("2. Chức vụ", f"{incident.position}; Cơ quan: {incident.agency}"),
        Field("3. Email", f"{incident.email}; số điện thoại: {incident.phone}"),
        Field("4. Tên dịch vụ công trực tuyến có sự cố", incident.service),
        Field(ITEM_5, ""),
        Paragraph(incident.description),
        BulletList(tuple(_times(incident, now))),
    ]
    if incident.timeline:
        blocks += [Paragraph("Diễn biến:"), BulletList(incident.timeline)]
    if incident.samples:
        blocks += [Paragraph("Mẫu lỗi ghi nhận:"), BulletList(incident.samples)]
    blocks += [
        Field(ITEM_6, ""),
        Paragraph(incident.proposal),
        Paragraph(f"{office.place}, {date_long(incident.report_date)}", italic=True, align="right"),
        Signatures(
            (
                SignatureBlock("Xác nhận của lãnh đạo cơ quan", note="(ký tên, đóng dấu)"),
                SignatureBlock(
                    "Người báo cáo", note="(ký và ghi rõ họ tên)", name=incident.requester
                ),
            )
        ),
    ]
    return Document(
        (Slip(tuple(blocks), form_number="Phụ lục II", name="phieu-yeu-cau-xu-ly-su-co"),)
    )
