"""The period report in the shape of Biểu 06a (Thông tư 02/2017/TT-VPCP, Biểu II.06a/VPCP/KSTT):
tình hình, kết quả giải quyết thủ tục hành chính, one row per field (lĩnh vực).

Kiên Giang QĐ 1516/QĐ-UBND Điều 17 asks for a report every 3 months and Điều 12.3 for on-time and
late rates; the rates go under the table. Dossiers withdrawn or stopped without a result are in
neither "đã giải quyết" nor "đang giải quyết" of the form, so a note counts them, and the three
add up to "số hồ sơ nhận giải quyết".
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import agency_name, office_heading
from desktop.domain.forms.facts import Office
from desktop.domain.stats.metrics import Figures, Metric
from desktop.domain.stats.results import Split
from desktop.domain.stats.tables import CellValue, Column, StatTable
from printing.slip import (
    Block,
    Document,
    Note,
    Paragraph,
    SignatureBlock,
    Signatures,
    Slip,
    Table,
    Title,
)

FORM_NUMBER = "Biểu số 06a"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
_RECEIVED = "Số hồ sơ nhận giải quyết"
_RESOLVED = "Số hồ sơ đã giải quyết"
_OPEN = "Số hồ sơ đang giải quyết"
# Spreadsheets merge each group heading over its columns; the A4 form has one heading row, so
# each group's first column names the group ("Tổng số đã giải quyết") and the others follow it.
COLUMNS = (
    Column("STT", kind="int", width=0.6),
    Column("Lĩnh vực, công việc giải quyết", kind="text", width=4.0),
    Column("Tổng số", _RECEIVED),
    Column("Kỳ trước chuyển qua", _RECEIVED, width=1.1),
    Column("Mới tiếp nhận trực tuyến", _RECEIVED, width=1.1),
    Column("Mới tiếp nhận trực tiếp, bưu chính", _RECEIVED, width=1.3),
    Column("Tổng số", _RESOLVED),
    Column("Trước hạn", _RESOLVED),
    Column("Đúng hạn", _RESOLVED),
    Column("Quá hạn", _RESOLVED),
    Column("Tổng số", _OPEN),
    Column("Trong hạn", _OPEN),
    Column("Quá hạn", _OPEN),
)
PDF_HEADERS = (
    "STT",
    "Lĩnh vực, công việc giải quyết",
    "Tổng số nhận giải quyết",
    "Kỳ trước chuyển qua",
    "Trực tuyến",
    "Trực tiếp, bưu chính",
    "Tổng số đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số đang giải quyết",
    "Trong hạn",
    "Quá hạn",
)
# points on A4 landscape (742 wide): no heading takes more than four lines, nor breaks a word
PDF_WIDTHS = (37.0, 108.0, 64.0, 57.0, 52.0, 52.0, 52.0, 52.0, 52.0, 52.0, 60.0, 52.0, 52.0)
# the form's column numbers; how the totals add up goes in a note
NUMBERS = tuple(f"({i})" for i in range(1, 14))
SUMS = (
    "(3) = (4) + (5) + (6), (5) và (6) là mới tiếp nhận; (7) = (8) + (9) + (10); "
    "(11) = (12) + (13)."
)


def row_cells(f: Figures) -> tuple[int, ...]:
    return (
        f.total_received,
        f[Metric.CARRIED_OVER],
        f[Metric.RECEIVED_ONLINE],
        f[Metric.RECEIVED_DIRECT] + f[Metric.RECEIVED_POST],
        f[Metric.RESOLVED],
        f[Metric.RESOLVED_EARLY],
        f[Metric.RESOLVED_ON_TIME],
        f[Metric.RESOLVED_LATE],
        f[Metric.IN_PROGRESS],
        f[Metric.IN_PROGRESS_WITHIN],
        f[Metric.IN_PROGRESS_OVERDUE],
    )


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}".replace(".", ",") + "%"


def results(by_field: Split) -> tuple[str, ...]:
    """What the table means in two sentences: the rates (Điều 12.3) and what else happened."""
    f = by_field.total
    out = [f"Tỷ lệ giải quyết đúng hạn: {_pct(f.on_time_rate)}; quá hạn: {_pct(f.late_rate)}."]
    mean = f.mean_processing_days
    if mean is not None:
        out[0] += (
            " Thời gian giải quyết trung bình: "
            + f"{mean:.1f}".replace(".", ",")
            + " ngày làm việc."
        )
    if f[Metric.WITHDRAWN]:
        out.append(
            f"Ngoài ra {f[Metric.WITHDRAWN]} hồ sơ công dân rút hoặc dừng xử lý trong kỳ "
            "(không tính vào đã giải quyết, đang giải quyết)."
        )
    return tuple(out)


def definitions(by_field: Split) -> tuple[str, ...]:
    return (
        f"Đơn vị tính: hồ sơ. Cột {SUMS}",
        "Hạn giải quyết đã cộng thời gian chờ bổ sung hồ sơ, không tính ngày hẹn lại theo phiếu "
        f"xin lỗi; đang giải quyết tính đến hết ngày {by_field.cutoff:%d/%m/%Y}.",
    )


def notes(by_field: Split) -> tuple[str, ...]:
    return results(by_field) + definitions(by_field)


def report_06a_table(by_field: Split, office: Office | None = None) -> StatTable:
    """``by_field`` is a split by field (lĩnh vực); its total is the whole period's."""
    rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (i, r.label, *row_cells(r.figures)) for i, r in enumerate(by_field.rows, 1)
    )
    period = by_field.period
    return StatTable(
        title=TITLE,
        subtitle=f"Kỳ báo cáo: {period.label_vi}"
        + ("" if period.label_vi.startswith(("Từ", "Ngày")) else f" ({period.range_vi})")
        + (f" — quầy {by_field.counter}" if by_field.counter else ""),
        columns=COLUMNS,
        rows=rows,
        total=(None, "Tổng cộng", *row_cells(by_field.total)),
        notes=((reporter(office, by_field.counter),) if office is not None else ())
        + notes(by_field),
        name="bieu-06a",
    )


def reporter(office: Office, counter: str | None) -> str:
    where = f"Đơn vị báo cáo: {agency_name(office)}"
    return where + (f", quầy {counter}" if counter else "")


def report_06a(office: Office, by_field: Split, *, now: datetime) -> Document:
    """A4 landscape, one heading row (see COLUMNS), the column numbers under it."""
    table = report_06a_table(by_field)
    cells = [NUMBERS, *(tuple("" if v is None else str(v) for v in r) for r in table.all_rows)]
    blocks: list[Block] = [
        office_heading(office, on=now.date()),
        Title(table.title, subtitle=table.subtitle),
        Table(PDF_HEADERS, tuple(cells), widths=PDF_WIDTHS),
        *(Paragraph(line) for line in results(by_field)),
        Signatures(
            (
                SignatureBlock("NGƯỜI LẬP BIỂU", note="(Ký, ghi rõ họ tên)"),
                SignatureBlock("THỦ TRƯỞNG ĐƠN VỊ", note="(Ký tên, đóng dấu)"),
            )
        ),
        Note("Ghi chú: " + " ".join(definitions(by_field))),
    ]
    if not by_field.rows:
        blocks.insert(3, Paragraph("Không có hồ sơ nào trong kỳ báo cáo.", italic=True))
    return Document(
        (Slip(tuple(blocks), form_number=FORM_NUMBER, landscape=True, name="bieu-06a"),)
    )
