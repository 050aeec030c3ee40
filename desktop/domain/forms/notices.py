"""Mẫu số 02–04 of Thông tư 01/2018/TT-VPCP: the notices handed over the counter.

Source: Thông tư 01/2018/TT-VPCP (23/11/2018) guiding Nghị định 61/2018/NĐ-CP, Phụ lục, Mẫu số
02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ), 03 (Phiếu từ chối tiếp nhận giải quyết hồ sơ) and
04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả) — the circular the seeds build on (Kiên Giang QĐ
921/2020 căn cứ, seed 000; An Giang QĐ 66/2020 Điều 5.6, seed 002). Nghị định 118/2025/NĐ-CP
replaced Nghị định 61/2018 from 1 July 2025 and its circular 03/2025/TT-VPCP (Quảng Ninh QĐ
84/2025 căn cứ, seed 001); the notices keep these templates' fields. The circular's text is not
among the seeds; the reference search found a summary of its Phụ lục (trangtinphapluat.com,
"Tổng hợp các biểu mẫu trong quy trình giải quyết thủ tục hành chính": the titles of Mẫu 01–06,
their heading with "Số:…../TTPVHCC" under the issuing body) but not the bodies of Mẫu 02–04, so
those follow the templates as this module has set them since it was written, line by line: the
heading with "Số: …/…" under the issuing body and the place and date under the motto; the
title; the applicant ("Hồ sơ của" / "Tiếp nhận hồ sơ của", "Nội dung yêu cầu giải quyết",
"Địa chỉ", "Số điện thoại: … Email: …" on one line); then Mẫu 02's list of what to complete,
"Lý do" and "… liên hệ với … số điện thoại … để được hướng dẫn./." over "NGƯỜI HƯỚNG DẪN";
Mẫu 03's reason and "Xin thông báo cho Ông/Bà được biết và thực hiện./."; Mẫu 04's "Kính gửi",
"Ngày … tiếp nhận giải quyết hồ sơ của Ông/Bà/tổ chức …", the missed appointment, "Lý do",
the apology and the new appointment over "THỦ TRƯỞNG CƠ QUAN".

Each states its reason (Kon Tum QĐ 08/2018 Điều 15.2; Nghị định 61/2018/NĐ-CP Điều 19), and
each fits a 58 mm roll: one heading, the applicant, the reason, one signature.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import (
    BLANK,
    agency_name,
    applicant_line,
    date_long,
    datetime_long,
    office_heading,
    or_blank,
)
from desktop.domain.forms.common import number_line as numbered
from desktop.domain.forms.facts import Apology, DossierFacts, Office, Refusal
from printing.slip import (
    Block,
    BulletList,
    Document,
    Field,
    FieldRow,
    Paragraph,
    SignatureBlock,
    Signatures,
    Slip,
    Title,
)


def _applicant(facts: DossierFacts) -> list[Block]:
    """The applicant lines shared by Mẫu 02 and 03."""
    blocks: list[Block] = []
    if facts.code:
        blocks.append(Field("Mã hồ sơ", facts.code, emphasis=True))
    blocks += [
        Field("Tiếp nhận hồ sơ của", applicant_line(facts)),
        Field("Nội dung yêu cầu giải quyết", facts.procedure_name),
        Field("Địa chỉ", or_blank(facts.address)),
        # one line in the templates: "Số điện thoại: …… Email: ……"
        FieldRow(
            (Field("Số điện thoại", or_blank(facts.phone)), Field("Email", or_blank(facts.email)))
        ),
    ]
    return blocks


def number_line(office: Office) -> str:
    """The notice's number under the issuing body: left for the office's own numbering, with
    the office's prefix ("Số: …/TTPVHCC"; "Số: …" when the office has none)."""
    return numbered(office, "…")


def supplement_request(
    office: Office, facts: DossierFacts, refusal: Refusal, *, now: datetime
) -> Document:
    """Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""
    contact = facts.officer_name or "cán bộ tiếp nhận"
    if office.counter:
        contact += f", {office.counter}"
    # the template: "liên hệ với …… số điện thoại …… để được hướng dẫn"
    contact += f", số điện thoại {office.phone or BLANK}"
    blocks: list[Block] = [
        office_heading(office, reference=number_line(office), on=now.date()),
        Title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        *_applicant(facts),
        Paragraph("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"),
    ]
    if refusal.missing:
        blocks.append(BulletList(refusal.missing, numbered=True))
    blocks += [
        Field("Lý do", refusal.reason),
        Paragraph(
            "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{contact} để được hướng dẫn./."
        ),
        Signatures((SignatureBlock("NGƯỜI HƯỚNG DẪN", name=facts.officer_name),)),
    ]
    return Document(
        (Slip(tuple(blocks), form_number="Mẫu số 02", name="mau-02-phieu-yeu-cau-bo-sung"),)
    )


def rejection(office: Office, facts: DossierFacts, refusal: Refusal, *, now: datetime) -> Document:
    """Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""
    blocks: list[Block] = [
        office_heading(office, reference=number_line(office), on=now.date()),
        Title("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        *_applicant(facts),
        Paragraph(
            f"Qua xem xét, {agency_name(office)} thông báo không tiếp nhận, giải quyết hồ sơ "
            "này với lý do cụ thể như sau:"
        ),
        Paragraph(refusal.reason, bold=True),
    ]
    if refusal.missing:
        blocks.append(BulletList(refusal.missing))
    blocks += [
        Paragraph("Xin thông báo cho Ông/Bà được biết và thực hiện./."),
        Signatures(
            (
                SignatureBlock("NGƯỜI NỘP HỒ SƠ"),
                SignatureBlock("NGƯỜI TIẾP NHẬN HỒ SƠ", name=facts.officer_name),
            )
        ),
    ]
    return Document((Slip(tuple(blocks), form_number="Mẫu số 03", name="mau-03-phieu-tu-choi"),))


def apology(office: Office, facts: DossierFacts, apology: Apology, *, now: datetime) -> Document:
    """Mẫu số 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""
    agency = agency_name(office)
    received = facts.received_at.date() if facts.received_at else None
    opened = "N" + date_long(received)[1:] if received else "Ngày …… tháng …… năm ……"
    blocks: list[Block] = [
        office_heading(office, reference=number_line(office), on=now.date()),
        Title("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        Paragraph(f"Kính gửi: {applicant_line(facts)}", bold=True, align="center"),
        Paragraph(
            f"{opened}, {agency} tiếp nhận giải quyết hồ sơ của Ông/Bà/tổ chức "
            f"{applicant_line(facts)}."
        ),
        Field("Nội dung yêu cầu giải quyết", facts.procedure_name),
        Field("Mã hồ sơ", facts.code, emphasis=True),
        Field("Thời gian hẹn trả kết quả", datetime_long(facts.due_at)),
        Paragraph(
            f"Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà/tổ "
            "chức đúng thời hạn đã hẹn."
        ),
        Field("Lý do", apology.reason),
        Paragraph(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà/tổ chức. {agency} xin lỗi Ông/Bà/tổ "
            "chức và hẹn lại thời gian trả kết quả:"
        ),
        Field("Thời gian hẹn trả lại kết quả", datetime_long(apology.new_due_at), emphasis=True),
        Paragraph("Rất mong nhận được sự thông cảm của Ông/Bà/tổ chức./."),
        Signatures((SignatureBlock("THỦ TRƯỞNG CƠ QUAN", note="(Ký, ghi rõ họ tên và đóng dấu)"),)),
    ]
    return Document((Slip(tuple(blocks), form_number="Mẫu số 04", name="mau-04-phieu-xin-loi"),))
