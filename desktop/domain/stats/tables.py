"""Statistics as tables with Vietnamese headings, the one shape every export takes (terminal
text, CSV, XLSX sheets, the A4 Biểu 06a).

A column may sit under a group heading ("Đã giải quyết" over "Trước hạn | Đúng hạn | Quá hạn");
spreadsheets merge the group over its columns, flat formats write "group: heading".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from .fees import COLUMNS as MONEY_COLUMNS
from .fees import GROUP_VI as MONEY_GROUP
from .fees import METHODS, Money, money_cells, money_rows
from .metrics import BUCKET_METRICS, DUTY_METRICS, Figures, Grouping, Metric
from .results import Split, Summary
from .satisfaction import COLUMNS as RATING_COLUMNS
from .satisfaction import GROUP_VI as RATING_GROUP
from .satisfaction import Satisfaction, satisfaction_cells, satisfaction_rows

CellValue = str | int | float | date | datetime | None
Kind = Literal["text", "int", "rate", "days", "date", "datetime"]


@dataclass(frozen=True)
class Column:
    header: str
    group: str = ""
    kind: Kind = "int"
    width: float = 1.0  # relative, for PDF and XLSX

    @property
    def flat(self) -> str:
        return (
            f"{self.group}: {self.header[:1].lower()}{self.header[1:]}"
            if self.group
            else self.header
        )


@dataclass(frozen=True)
class StatTable:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    subtitle: str = ""
    total: tuple[CellValue, ...] | None = None  # shown last, set apart
    notes: tuple[str, ...] = ()
    name: str = "thong-ke"  # sheet/file stem, ASCII

    def __post_init__(self) -> None:
        n = len(self.columns)
        if any(len(r) != n for r in self.rows) or (self.total is not None and len(self.total) != n):
            raise ValueError("every row needs one cell per column")

    @property
    def all_rows(self) -> tuple[tuple[CellValue, ...], ...]:
        return (*self.rows, self.total) if self.total is not None else self.rows


CHECK_GROUP = "Kiểm tra hồ sơ trực tuyến"
HANDOVER_GROUP = "Bàn giao hồ sơ"
POST_GROUP = "Trả kết quả qua bưu chính (24 giờ)"
# Short headings of metrics inside a table, under their group.
_SHORT: dict[Metric, tuple[str, str]] = {
    Metric.RECEIVED: ("Tiếp nhận", "Mới tiếp nhận"),
    Metric.RECEIVED_ONLINE: ("Tiếp nhận", "Trực tuyến"),
    Metric.RECEIVED_DIRECT: ("Tiếp nhận", "Trực tiếp"),
    Metric.RECEIVED_POST: ("Tiếp nhận", "Bưu chính"),
    Metric.CARRIED_OVER: ("Tiếp nhận", "Kỳ trước chuyển qua"),
    Metric.RESOLVED: ("Đã giải quyết", "Tổng số"),
    Metric.RESOLVED_EARLY: ("Đã giải quyết", "Trước hạn"),
    Metric.RESOLVED_ON_TIME: ("Đã giải quyết", "Đúng hạn"),
    Metric.RESOLVED_LATE: ("Đã giải quyết", "Quá hạn"),
    Metric.RETURNED: ("", "Đã trả kết quả"),
    Metric.WITHDRAWN: ("", "Rút, dừng xử lý"),
    Metric.IN_PROGRESS: ("Đang giải quyết", "Tổng số"),
    Metric.IN_PROGRESS_WITHIN: ("Đang giải quyết", "Trong hạn"),
    Metric.IN_PROGRESS_OVERDUE: ("Đang giải quyết", "Quá hạn"),
    Metric.WAITING_SUPPLEMENT: ("Đang giải quyết", "Chờ bổ sung"),
    Metric.DUE_TODAY: ("Đang giải quyết", "Đến hạn trả"),
    Metric.PROCESSING_UNDER_1: ("Thời gian giải quyết (ngày làm việc)", "Dưới 1"),
    Metric.PROCESSING_1_3: ("Thời gian giải quyết (ngày làm việc)", "1 – dưới 3"),
    Metric.PROCESSING_3_5: ("Thời gian giải quyết (ngày làm việc)", "3 – dưới 5"),
    Metric.PROCESSING_5_10: ("Thời gian giải quyết (ngày làm việc)", "5 – dưới 10"),
    Metric.PROCESSING_10_20: ("Thời gian giải quyết (ngày làm việc)", "10 – dưới 20"),
    Metric.PROCESSING_20_MORE: ("Thời gian giải quyết (ngày làm việc)", "Từ 20"),
    Metric.ONLINE_CHECKED: (CHECK_GROUP, "Đã kiểm tra"),
    Metric.ONLINE_CHECKED_ON_TIME: (CHECK_GROUP, "Đúng hạn"),
    Metric.ONLINE_CHECKED_LATE: (CHECK_GROUP, "Quá hạn"),
    Metric.ONLINE_WAITING_OVERDUE: (CHECK_GROUP, "Chờ kiểm tra, quá hạn"),
    Metric.HANDED_OVER: (HANDOVER_GROUP, "Đã bàn giao"),
    Metric.HANDED_OVER_ON_TIME: (HANDOVER_GROUP, "Đúng hạn"),
    Metric.HANDED_OVER_LATE: (HANDOVER_GROUP, "Quá hạn"),
    Metric.HANDOVER_WAITING_OVERDUE: (HANDOVER_GROUP, "Chờ bàn giao, quá hạn"),
    Metric.POST_SENT: (POST_GROUP, "Đã gửi"),
    Metric.POST_DELIVERED_ON_TIME: (POST_GROUP, "Phát đúng hạn"),
    Metric.POST_DELIVERED_LATE: (POST_GROUP, "Phát quá hạn"),
    Metric.POST_WAITING_OVERDUE: (POST_GROUP, "Chưa phát, quá hạn"),
}
RATE = Column("Tỷ lệ đúng hạn (%)", "Đã giải quyết", "rate")
MEAN = Column("Trung bình", "Thời gian giải quyết (ngày làm việc)", "days")

# The columns of a split table, in order; None stands for the derived figures.
FULL: tuple[Metric | str, ...] = (
    Metric.CARRIED_OVER,
    Metric.RECEIVED,
    Metric.RECEIVED_ONLINE,
    Metric.RECEIVED_DIRECT,
    Metric.RECEIVED_POST,
    Metric.RESOLVED,
    Metric.RESOLVED_EARLY,
    Metric.RESOLVED_ON_TIME,
    Metric.RESOLVED_LATE,
    "rate",
    Metric.RETURNED,
    Metric.WITHDRAWN,
    Metric.IN_PROGRESS,
    Metric.IN_PROGRESS_WITHIN,
    Metric.IN_PROGRESS_OVERDUE,
    Metric.WAITING_SUPPLEMENT,
    Metric.DUE_TODAY,
    "mean",
    *BUCKET_METRICS,
    *DUTY_METRICS,
)
# The counter's duties, per officer or any split (a table of their own on a terminal).
DUTIES: tuple[Metric | str, ...] = DUTY_METRICS
# What fits a terminal.
COMPACT: tuple[Metric | str, ...] = (
    Metric.CARRIED_OVER,
    Metric.RECEIVED,
    Metric.RESOLVED,
    Metric.RESOLVED_EARLY,
    Metric.RESOLVED_ON_TIME,
    Metric.RESOLVED_LATE,
    "rate",
    Metric.RETURNED,
    Metric.IN_PROGRESS,
    Metric.IN_PROGRESS_OVERDUE,
    "mean",
)


# Terse headings for a terminal, where every character of width counts.
_TERSE: dict[Metric | str, str] = {
    Metric.CARRIED_OVER: "Chuyển qua",
    Metric.RECEIVED: "Mới nhận",
    Metric.RESOLVED: "Tổng",
    Metric.RESOLVED_EARLY: "Trước hạn",
    Metric.RESOLVED_ON_TIME: "Đúng hạn",
    Metric.RESOLVED_LATE: "Quá hạn",
    "rate": "% đúng hạn",
    Metric.RETURNED: "Đã trả",
    Metric.IN_PROGRESS: "Tổng",
    Metric.IN_PROGRESS_OVERDUE: "Quá hạn",
    "mean": "TB (ngày)",
    Metric.ONLINE_WAITING_OVERDUE: "Chờ, quá hạn",
    Metric.HANDOVER_WAITING_OVERDUE: "Chờ, quá hạn",
    Metric.POST_SENT: "Đã gửi",
    Metric.POST_DELIVERED_ON_TIME: "Đúng hạn",
    Metric.POST_DELIVERED_LATE: "Quá hạn",
    Metric.POST_WAITING_OVERDUE: "Chờ, quá hạn",
}
_TERSE_GROUPS = {
    "Thời gian giải quyết (ngày làm việc)": "Thời gian",
    POST_GROUP: "Bưu chính (24 giờ)",
}


def metric_column(item: Metric | str, terse: bool = False) -> Column:
    if item == "rate":
        col = RATE
    elif item == "mean":
        col = MEAN
    else:
        group, header = _SHORT[Metric(item)]
        col = Column(header, group)
    if terse and item in _TERSE:
        return Column(_TERSE[item], _TERSE_GROUPS.get(col.group, col.group), col.kind)
    return col


def figure_cells(f: Figures, layout: Sequence[Metric | str]) -> tuple[CellValue, ...]:
    out: list[CellValue] = []
    for item in layout:
        if item == "rate":
            out.append(_round(f.on_time_rate, 1))
        elif item == "mean":
            out.append(_round(f.mean_processing_days, 2))
        else:
            out.append(f[Metric(item)])
    return tuple(out)


def _round(v: float | None, digits: int) -> float | None:
    return round(v, digits) if v is not None else None


def _subtitle(period_label: str, range_vi: str, cutoff: date, counter: str | None) -> str:
    where = f"quầy {counter}" if counter else "tất cả các quầy"
    range_part = f" ({range_vi})" if not period_label.lower().startswith(("từ", "ngày")) else ""
    return (
        f"{period_label}{range_part} — {where} — số liệu đang giải quyết chốt đến hết ngày "
        f"{cutoff:%d/%m/%Y}"
    )


# The summary's lines in the order of Biểu 06a: what came in, what was resolved, what is open.
SUMMARY_ORDER: tuple[Metric | str, ...] = (
    Metric.CARRIED_OVER,
    Metric.RECEIVED,
    Metric.RECEIVED_ONLINE,
    Metric.RECEIVED_DIRECT,
    Metric.RECEIVED_POST,
    Metric.RESOLVED,
    Metric.RESOLVED_EARLY,
    Metric.RESOLVED_ON_TIME,
    Metric.RESOLVED_LATE,
    "on_time_rate",
    "late_rate",
    Metric.RETURNED,
    Metric.WITHDRAWN,
    Metric.IN_PROGRESS,
    Metric.IN_PROGRESS_WITHIN,
    Metric.IN_PROGRESS_OVERDUE,
    Metric.WAITING_SUPPLEMENT,
    Metric.DUE_TODAY,
    "mean_processing_days",
    *BUCKET_METRICS,
    *DUTY_METRICS,
)


def summary_table(s: Summary, *, money: bool = False) -> StatTable:
    """The period's lines; with ``money``, the fee money after them (đồng, desktop/domain/stats/
    fees.py) and the citizens' ratings (satisfaction.py), as the exports have them (a terminal
    shows each as a block of its own)."""
    f = s.figures
    derived: dict[str, tuple[str, float | None]] = {
        "on_time_rate": ("Tỷ lệ đúng hạn (trước hạn và đúng hạn), %", _round(f.on_time_rate, 1)),
        "late_rate": ("Tỷ lệ quá hạn, %", _round(f.late_rate, 1)),
        "mean_processing_days": (
            "Thời gian giải quyết trung bình (ngày làm việc)",
            _round(f.mean_processing_days, 2),
        ),
    }
    rows: list[tuple[CellValue, ...]] = []
    for item in SUMMARY_ORDER:
        if isinstance(item, Metric):
            label = item.label_vi
            if item is Metric.DUE_TODAY:
                label = f"Đến hạn trả ngày {s.cutoff:%d/%m/%Y}, chưa giải quyết xong"
            rows.append((label, f[item], item.value))
        else:
            label, value = derived[item]
            rows.append((label, value, item))
    if money:
        rows.extend(
            (f"{MONEY_GROUP}: {label[:1].lower()}{label[1:]}", v, code)
            for label, v, code in money_rows(s.fees)
        )
        rows.extend(
            (f"{RATING_GROUP}: {label[:1].lower()}{label[1:]}", v, code)
            for label, v, code in satisfaction_rows(s.satisfaction)
        )
    return StatTable(
        title="TỔNG HỢP TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
        subtitle=_subtitle(s.period.label_vi, s.period.range_vi, s.cutoff, s.counter),
        columns=(
            Column("Chỉ tiêu", kind="text", width=5),
            Column("Số liệu", kind="rate", width=1.2),
            Column("Mã chỉ tiêu", kind="text", width=2),
        ),
        rows=tuple(rows),
        name="tong-hop",
    )


MONEY_HEADING = f"{MONEY_GROUP} (đồng)"
MONEY_NOTE = (
    "Phí, lệ phí tính theo thời điểm thu, hoàn trả trong kỳ, cho cán bộ và quầy đã thu; "
    "thực thu = đã thu − đã hoàn trả."
)


MONEY_SECTION = "PHÍ, LỆ PHÍ ĐÃ THU"


def money_section(m: Money) -> StatTable:
    """The period's fee money by method, a short section under Biểu 06a (the national table's
    columns stay the template's)."""
    rows: list[tuple[CellValue, ...]] = [(method.label_vi, m.method(method)) for method in METHODS]
    rows += [
        (f"Tổng số đã thu ({m.receipts} biên lai)", m.collected),
        (f"Đã hoàn trả ({m.refunds} lần)", m.refunded),
        ("Thực thu (đã thu trừ hoàn trả)", m.net),
    ]
    return StatTable(
        title=MONEY_SECTION,
        columns=(
            Column("Hình thức thu", kind="text", width=4.0),
            Column("Số tiền (đồng)", width=1.6),
        ),
        rows=tuple(rows),
        notes=("Tính theo thời điểm thu, hoàn trả trong kỳ báo cáo.",),
        name="phi-le-phi",
    )


RATING_SECTION = "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN"
RATING_NOTE = (
    "Đánh giá tính theo thời điểm người dân đánh giá trong kỳ (tiếp nhận và trả kết quả); "
    "theo cán bộ: cán bộ được đánh giá."
)
# the rating columns of a split: how many, each level best first, the satisfied share
RATING_HEADERS = ("Số lượt", *(h for _lv, h in RATING_COLUMNS), "Hài lòng trở lên, %")


def satisfaction_section(r: Satisfaction) -> StatTable:
    """The period's ratings by level, a short section under Biểu 06a beside the fee money."""
    return StatTable(
        title=RATING_SECTION,
        columns=(Column("Mức đánh giá", kind="text", width=4.0), Column("Số lượt", kind="rate")),
        rows=tuple((label, v) for label, v, _code in satisfaction_rows(r)),
        notes=("Tính theo thời điểm người dân đánh giá trong kỳ báo cáo.",),
        name="muc-do-hai-long",
    )


def satisfaction_table(s: Split) -> StatTable:
    """The ratings of each group of a split (a terminal's table of its own); by officer, the
    officer rated."""
    head = Column(s.grouping.label_vi, kind="text", width=4.0)
    if s.grouping is Grouping.OFFICER:
        head = Column("Cán bộ được đánh giá", kind="text", width=4.0)
    return StatTable(
        title=f"MỨC ĐỘ HÀI LÒNG THEO {s.grouping.label_vi.upper()}",
        subtitle=_subtitle(s.period.label_vi, s.period.range_vi, s.cutoff, s.counter),
        columns=(head, *_rating_columns()),
        rows=tuple((r.label, *satisfaction_cells(r.satisfaction)) for r in s.rows),
        total=("Tổng cộng", *satisfaction_cells(s.satisfaction)),
        notes=(RATING_NOTE,),
        name=f"hai-long-theo-{s.grouping.value}",
    )


def _rating_columns() -> tuple[Column, ...]:
    last = len(RATING_HEADERS) - 1
    return tuple(
        Column(h, RATING_GROUP, kind="rate" if i == last else "int")
        for i, h in enumerate(RATING_HEADERS)
    )


def money_table(s: Split) -> StatTable:
    """The fee money of each group of a split (a terminal's table of its own); by officer, the
    officer who took the money."""
    t = split_table(s, (), money=True, ratings=False)
    if s.grouping is Grouping.OFFICER:
        t = replace(t, columns=(Column("Cán bộ thu, hoàn trả", kind="text"), *t.columns[1:]))
    return t


def split_table(
    s: Split,
    layout: Sequence[Metric | str] = FULL,
    *,
    terse: bool = False,
    money: bool = False,
    ratings: bool | None = None,
) -> StatTable:
    """One row per group; with ``money``, the fee money's columns and the ratings' after the
    figures' (the total row's money and ratings are the whole period's); ``ratings`` False leaves
    the ratings out (a terminal's money table)."""
    rated = money if ratings is None else ratings
    key_width = 1.3 if s.grouping in (Grouping.DAY, Grouping.CHANNEL) else 4.0
    head = Column(s.grouping.label_vi, kind="text", width=key_width)
    extra = (
        *(Column(h, MONEY_HEADING) for _k, h in MONEY_COLUMNS if money),
        *(_rating_columns() if rated else ()),
    )

    def more(m: Money, r: Satisfaction) -> tuple[CellValue, ...]:
        return (*(money_cells(m) if money else ()), *(satisfaction_cells(r) if rated else ()))

    rows = tuple(
        (r.label, *figure_cells(r.figures, layout), *more(r.fees, r.satisfaction)) for r in s.rows
    )
    total = ("Tổng cộng", *figure_cells(s.total, layout), *more(s.fees, s.satisfaction))
    return StatTable(
        title=f"THỐNG KÊ HỒ SƠ THEO {s.grouping.label_vi.upper()}",
        subtitle=_subtitle(s.period.label_vi, s.period.range_vi, s.cutoff, s.counter),
        columns=(head, *(metric_column(i, terse) for i in layout), *extra),
        rows=rows,
        total=total,
        notes=_split_notes(s.grouping)
        + ((MONEY_NOTE,) if money else ())
        + ((RATING_NOTE,) if rated else ()),
        name=f"theo-{s.grouping.value}",
    )


def _split_notes(grouping: Grouping) -> tuple[str, ...]:
    if grouping is Grouping.DAY:
        return (
            "Mỗi ngày là một kỳ riêng: đang giải quyết tính đến hết ngày đó; dòng tổng cộng là "
            "số liệu của cả kỳ.",
        )
    if grouping is Grouping.OFFICER:
        return (
            "Hồ sơ tính cho cán bộ đã tiếp nhận hồ sơ; kiểm tra hồ sơ trực tuyến và bàn giao "
            "tính cho cán bộ đã kiểm tra, bàn giao (hồ sơ chờ bàn giao: cán bộ tiếp nhận); kết "
            "quả qua bưu chính tính cho cán bộ đã giao cho bưu chính.",
        )
    return ()
