"""Phiếu yêu cầu xử lý sự cố dịch vụ công trực tuyến (Phụ lục II of seed 000).

When the system fails, the agency reports to the IT department (seed 000 Điều 13); the
client pre-fills this form from its incident record, so point 5 carries the timeline and the
error samples it measured.
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


def _times(incident: IncidentFacts, now: datetime) -> list[Block]:
    end = incident.ended_at or now
    minutes = int((end - incident.started_at).total_seconds() // 60)
    ended = (
        datetime_long(incident.ended_at)
        if incident.ended_at is not None
        else f"chưa khắc phục (tính đến {datetime_long(now)})"
    )
    return [
        Field("Thời điểm bắt đầu", datetime_long(incident.started_at)),
        Field("Thời điểm kết thúc", ended),
        Field("Thời gian gián đoạn", duration(minutes)),
    ]


def incident_request(office: Office, incident: IncidentFacts, *, now: datetime) -> Document:
    """``now`` dates an incident that is still going on; the form is dated ``report_date``."""
    blocks: list[Block] = [
        office_heading(office),
        Title("PHIẾU YÊU CẦU", subtitle="Xử lý sự cố dịch vụ công trực tuyến"),
        Paragraph(f"Kính gửi: {incident.report_to}", bold=True, align="center"),
        Field("1. Họ và tên người yêu cầu", incident.requester),
        Field("2. Chức vụ", incident.position),
        Field("Cơ quan", incident.agency),
        Field("3. Email", incident.email),
        Field("Số điện thoại", incident.phone),
        Field("4. Tên dịch vụ công trực tuyến có sự cố", incident.service),
        Paragraph("5. Mô tả sự cố (có thể gửi kèm theo tài liệu, ảnh chụp màn hình):", bold=True),
        Paragraph(incident.description),
        *_times(incident, now),
    ]
    if incident.timeline:
        blocks += [Paragraph("Diễn biến:"), BulletList(incident.timeline)]
    if incident.samples:
        blocks += [Paragraph("Mẫu lỗi ghi nhận:"), BulletList(incident.samples)]
    blocks += [
        Paragraph("6. Ý kiến đề xuất:", bold=True),
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
