"""Báo cáo kết quả đồng bộ dữ liệu sau sự cố: the short report a supervisor gets once the
counter has caught up after an outage (DESIGN.md §6), laid out like an official report —
heading, numbered sections, a table of counts, the receipts to reissue, signatures.

The receipts to reissue matter most: a citizen holding a receipt with a provisional code must
get one with the official code, or look-up on the portal (seed 000 Điều 9.4) will not match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.forms.common import BLANK, datetime_long, duration, office_heading
from desktop.domain.forms.facts import Office
from printing.slip import (
    Block,
    Document,
    Field,
    Note,
    Paragraph,
    SignatureBlock,
    Signatures,
    Slip,
    Spacer,
    Table,
    Title,
)


@dataclass(frozen=True)
class CatchUpFacts:
    incident_id: int
    counter: str
    started_at: datetime
    ended_at: datetime | None
    computed_at: datetime
    done: bool  # False: sync is still catching up, the figures will grow
    cause: str  # as a sentence, e.g. "không kết nối được tới máy chủ (TCP)"
    failures: int
    dossiers_received: int
    events_backlog: int  # waiting during the outage, to be sent
    events_sent: int
    events_by_type: tuple[tuple[str, int], ...]  # (label, count)
    dossiers_sent: int
    attachments_uploaded: int
    duplicates: int
    rejected: int
    conflicts: int
    pending: int
    reconciled: bool | None
    mismatched_days: tuple[str, ...]
    code_changes: tuple[tuple[str, str, str, str], ...]  # old code, new code, name, phone
    dead_letters: tuple[tuple[str, str, str], ...]  # code, what, why
    conflict_lines: tuple[tuple[str, str], ...]  # reference, message
    prepared_by: str = ""


def _counts(f: CatchUpFacts) -> Table:
    rows: list[tuple[str, str, str]] = [
        ("1", "Hồ sơ chỉ lưu tại quầy trong thời gian sự cố", str(f.dossiers_received)),
        ("2", "Thao tác chờ gửi lên máy chủ trong thời gian sự cố", str(f.events_backlog)),
        ("3", "Thao tác đã gửi lên máy chủ tỉnh", str(f.events_sent)),
    ]
    rows += [(f"3.{i}", label, str(n)) for i, (label, n) in enumerate(f.events_by_type, 1)]
    rows += [
        ("4", "Hồ sơ đã đồng bộ lên máy chủ tỉnh", str(f.dossiers_sent)),
        ("5", "Tệp đính kèm đã tải lên", str(f.attachments_uploaded)),
        ("6", "Thao tác máy chủ đã có từ trước (không ghi hai lần)", str(f.duplicates)),
        ("7", "Thao tác bị máy chủ từ chối (chờ lãnh đạo xử lý)", str(f.rejected)),
        ("8", "Xung đột khi nhận dữ liệu từ máy chủ", str(f.conflicts)),
        ("9", "Mã hồ sơ tạm được thay bằng mã chính thức", str(len(f.code_changes))),
        ("10", "Thao tác còn chờ gửi", str(f.pending)),
    ]
    return Table(("STT", "Nội dung", "Số lượng"), tuple(rows), widths=(0.6, 7.5, 1.5))


def _reconciled(f: CatchUpFacts) -> str:
    if f.reconciled is None:
        return "chưa đối soát"
    if f.reconciled:
        return "khớp với máy chủ tỉnh"
    return "chưa khớp các ngày " + ", ".join(f.mismatched_days)


def catchup_report(office: Office, f: CatchUpFacts) -> Document:
    minutes = int(((f.ended_at or f.computed_at) - f.started_at).total_seconds() // 60)
    blocks: list[Block] = [
        office_heading(office, reference=f"Số: {BLANK}/BC", on=f.computed_at.date()),
        Title(
            "BÁO CÁO",
            subtitle=f"Kết quả đồng bộ dữ liệu sau sự cố số {f.incident_id} tại Quầy {f.counter}",
        ),
        Paragraph("I. THÔNG TIN SỰ CỐ", bold=True),
        Field("Thời điểm bắt đầu", datetime_long(f.started_at)),
        Field(
            "Thời điểm kết thúc",
            datetime_long(f.ended_at) if f.ended_at else "chưa khắc phục",
        ),
        Field("Thời gian gián đoạn", duration(minutes)),
        Field("Nguyên nhân ghi nhận", f.cause),
        Field("Số lần kết nối không thành công", str(f.failures)),
        Spacer(0.4),
        Paragraph("II. KẾT QUẢ ĐỒNG BỘ", bold=True),
        _counts(f),
        Field("Đối soát mã hồ sơ theo ngày", _reconciled(f)),
        Spacer(0.4),
        Paragraph("III. HỒ SƠ ĐỔI MÃ, CẦN CẤP LẠI GIẤY TIẾP NHẬN", bold=True),
    ]
    if f.code_changes:
        blocks.append(
            Table(
                ("STT", "Mã tạm đã in", "Mã hồ sơ chính thức", "Người nộp hồ sơ", "Điện thoại"),
                tuple((str(i), *c) for i, c in enumerate(f.code_changes, 1)),
                widths=(0.55, 2.9, 2.1, 2.5, 1.3),
            )
        )
    else:
        blocks.append(Paragraph("Không có hồ sơ nào phải đổi mã."))
    numerals = iter(("IV", "V"))  # the sections after III that this report has
    if f.dead_letters:
        blocks += [
            Spacer(0.4),
            Paragraph(f"{next(numerals)}. THAO TÁC BỊ TỪ CHỐI", bold=True),
            Table(
                ("STT", "Hồ sơ", "Thao tác", "Lý do"),
                tuple((str(i), *d) for i, d in enumerate(f.dead_letters, 1)),
                widths=(0.55, 2.9, 2.0, 4.0),
            ),
        ]
    if f.conflict_lines:
        blocks += [
            Spacer(0.4),
            Paragraph(f"{next(numerals)}. XUNG ĐỘT DỮ LIỆU", bold=True),
            Table(
                ("STT", "Tham chiếu", "Nội dung"),
                tuple((str(i), *c) for i, c in enumerate(f.conflict_lines, 1)),
                widths=(0.55, 2.9, 6.0),
            ),
        ]
    status = (
        "Đã gửi hết dữ liệu tồn đọng."
        if f.done
        else "Quầy vẫn đang đồng bộ; số liệu sẽ còn thay đổi."
    )
    blocks += [
        Note(
            f"Số liệu tính từ {datetime_long(f.started_at)} đến {datetime_long(f.computed_at)}. "
            + status
        ),
        Signatures(
            (
                SignatureBlock("LÃNH ĐẠO BỘ PHẬN", note="(Ký, ghi rõ họ tên)"),
                SignatureBlock("NGƯỜI LẬP BÁO CÁO", name=f.prepared_by),
            )
        ),
    ]
    return Document(
        (
            Slip(
                tuple(blocks),
                form_number="Báo cáo sau sự cố",
                # landscape, as the register book: a provisional code is 32 characters wide
                landscape=True,
                name="bao-cao-dong-bo-sau-su-co",
            ),
        )
    )
