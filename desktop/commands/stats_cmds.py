"""``motcua stats``: supervisor statistics from the local database, offline, and the centre's
figures as the server last sent them.

motcua stats (--period today|week|month|quarter|year | --from DAY [--to DAY])
             [--by day|officer|procedure|field|channel] [--counter Q01]
             [--json] [--csv OUT] [--xlsx OUT] [--pdf OUT]
             [--drill METRIC [--key KEY]]            the dossiers behind one number
             --user SUPERVISOR
motcua stats --centre [--json] --user SUPERVISOR

Every form runs as a signed-in supervisor and is audited (issue 24): a drill-down lists
citizens' dossiers, an export leaves the counter, and even the aggregate figures split by
officer or procedure are the supervisor's to read (stats.read in desktop/domain/roles.py), as
in the window. One rule for the whole command is also the one an officer can remember.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.domain.dossier import Status
from desktop.domain.satisfaction import Level
from desktop.domain.stats.fees import GROUP_VI as MONEY_GROUP
from desktop.domain.stats.fees import METHODS, Money, dong
from desktop.domain.stats.metrics import DUTY_METRICS, SNAPSHOT_METRICS, Grouping, Metric
from desktop.domain.stats.period import NAMED_KINDS, Period, between, named, parse_day
from desktop.domain.stats.results import Cell, DossierRef
from desktop.domain.stats.satisfaction import GROUP_VI as RATING_GROUP
from desktop.domain.stats.satisfaction import Satisfaction
from desktop.domain.stats.tables import (
    COMPACT,
    DUTIES,
    SUMMARY_ORDER,
    CellValue,
    Column,
    StatTable,
    money_table,
    satisfaction_table,
    split_table,
)
from desktop.services.stats import KIND_LABELS_VI, StatsDesk, StatsQuery, counts_json, local_now

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

_METRICS = ", ".join(m.value for m in Metric)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "stats",
        help="thống kê hồ sơ (không cần mạng); Biểu 06a; số liệu toàn trung tâm",
        description="Thống kê từ cơ sở dữ liệu của quầy, không cần mạng.",
    )
    p.add_argument("--period", choices=NAMED_KINDS, help="kỳ chứa hôm nay")
    p.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="ngày đầu")
    p.add_argument(
        "--to", dest="last", metavar="YYYY-MM-DD", help="ngày cuối (mặc định = ngày đầu)"
    )
    p.add_argument("--by", choices=[g.value for g in Grouping], help="chia theo")
    p.add_argument("--counter", help="chỉ hồ sơ của một quầy (mặc định: mọi quầy)")
    p.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    p.add_argument("--csv", type=Path, metavar="OUT", help="bảng đang xem ra CSV (UTF-8, BOM)")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="Biểu 06a, tổng hợp (và bảng --by)")
    p.add_argument("--pdf", type=Path, metavar="OUT", help="Biểu 06a khổ A4")
    p.add_argument("--drill", metavar="CHỈ_TIÊU", help=f"liệt kê hồ sơ của một số liệu: {_METRICS}")
    p.add_argument("--key", help="với --drill và --by: dòng cần xem (mã ở cột key của --json)")
    p.add_argument("--centre", action="store_true", help="số liệu toàn trung tâm từ máy chủ")
    add_user_option(p, personal_data=True)
    p.set_defaults(handler=stats)


def _period(args: argparse.Namespace) -> Period:
    if args.period and (args.first or args.last):
        raise UsageError("Dùng --period hoặc --from/--to, không dùng cả hai")
    if args.period:
        return named(args.period, local_now().date())
    if not args.first:
        if args.last:
            raise UsageError("Thiếu --from (ngày đầu của khoảng thống kê)")
        raise UsageError(f"Chọn kỳ thống kê: --period {'|'.join(NAMED_KINDS)} hoặc --from/--to")
    first = parse_day(args.first, "Ngày đầu")
    last = parse_day(args.last, "Ngày cuối") if args.last else first
    return between(first, last)


def stats(args: argparse.Namespace) -> int:
    if args.centre:
        return _centre(args)
    if args.key and not (args.drill and args.by):
        raise UsageError("--key chỉ dùng cùng --drill và --by")
    if args.drill and args.by and not args.key:
        raise UsageError("Với --drill và --by, cho biết dòng cần xem bằng --key")
    period = _period(args)
    query = StatsQuery(period, args.counter.upper() if args.counter else None)
    if args.drill:
        metric = _metric(args.drill)
        with signed_in_desk(args.data_dir, args.user) as desk:
            return _drill(args, desk.statistics, query, metric)
    grouping = Grouping(args.by) if args.by else None
    with signed_in_desk(args.data_dir, args.user) as desk:
        figures = desk.statistics.figures(
            query, grouping, csv=args.csv, xlsx=args.xlsx, pdf=args.pdf
        )
    table = figures.table
    payload: dict[str, Any]
    if figures.split is not None:
        payload = figures.split.as_json()
        shown = split_table(figures.split, COMPACT, terse=True)
        money = figures.split.fees
        rated = figures.split.satisfaction
    else:
        assert figures.summary is not None
        payload = figures.summary.as_json()
        shown = table
        money = figures.summary.fees
        rated = figures.summary.satisfaction
    written = [f"Đã ghi {path}" for path in figures.files]
    if args.json:
        emit(payload)
    else:
        print(f"{table.title}\n{table.subtitle}\n")
        print(render_table(shown, skip_columns=("Mã chỉ tiêu",)))
        if figures.split is not None and any(figures.split.total[m] for m in DUTY_METRICS):
            # the counter's duties do not fit beside the other columns: a table of their own
            print("\n" + render_table(split_table(figures.split, DUTIES, terse=True)))
        print("\n" + money_block(money))
        if figures.split is not None and any(not r.fees.empty for r in figures.split.rows):
            print("\n" + render_table(money_table(figures.split)))
        print("\n" + satisfaction_block(rated))
        if figures.split is not None and not rated.empty:
            print("\n" + render_table(satisfaction_table(figures.split)))
        for note in table.notes:
            print(f"\n{note}")
    for line in written:
        print(line, file=sys.stderr if args.json else sys.stdout)
    return 0


def satisfaction_block(r: Satisfaction) -> str:
    """The period's ratings, each level with its count and share ("12 (60,0 %)")."""
    lines = [f"{RATING_GROUP} (theo thời điểm đánh giá trong kỳ): {r.total} lượt"]
    if r.empty:
        return lines[0]
    width = max(len(lv.label_vi) for lv in Level)
    for lv in sorted(Level, reverse=True):
        share = r.share(lv)
        pct = f"{share:.1f}".replace(".", ",") + " %" if share is not None else ""
        lines.append(f"  {lv.label_vi.ljust(width)}  {r.level(lv):>6}  {pct}")
    satisfied = f"{r.satisfied_share:.1f}".replace(".", ",")
    lines.append(f"  Hài lòng trở lên: {satisfied} %; điểm trung bình {r.average} / 5")
    return "\n".join(lines)


def money_block(m: Money) -> str:
    """The period's fee money, amounts grouped with dots as on a receipt ("1.250.000 đ")."""
    rows = [
        ("Đã thu", m.collected, f"{m.receipts} biên lai"),
        *((f"  {method.label_vi}", m.method(method), "") for method in METHODS),
        ("Đã hoàn trả", m.refunded, f"{m.refunds} lần" if m.refunds else ""),
        ("Thực thu (đã thu trừ hoàn trả)", m.net, ""),
    ]
    width = max(len(label) for label, _v, _x in rows)
    amounts = max(len(dong(v)) for _l, v, _x in rows)
    lines = [f"{MONEY_GROUP} (theo thời điểm thu, hoàn trả trong kỳ)"]
    for label, value, extra in rows:
        line = f"  {label.ljust(width)}  {dong(value).rjust(amounts)}"
        lines.append(line + (f"  ({extra})" if extra else ""))
    return "\n".join(lines)


def _metric(name: str) -> Metric:
    try:
        return Metric(name)
    except ValueError:
        raise UsageError(f"Chỉ tiêu {name!r} không có; chọn một trong: {_METRICS}") from None


def _drill(args: argparse.Namespace, service: StatsDesk, query: StatsQuery, metric: Metric) -> int:
    grouping = Grouping(args.by) if args.by else None
    cell = Cell(metric, grouping, args.key if grouping else None)
    refs = service.drill(query, cell)
    if args.json:
        emit(
            {
                "metric": metric.value,
                "by": grouping.value if grouping else None,
                "key": cell.key,
                "count": len(refs),
                "dossiers": [r.as_json() for r in refs],
            }
        )
        return 0
    print(f"{metric.label_vi} — {query.period.label_vi}: {len(refs)} hồ sơ")
    for r in refs:
        print(_ref_line(r))
    return 0


def _ref_line(r: DossierRef) -> str:
    return "  ".join(
        (
            r.code or r.id,
            Status(r.status).label_vi,
            f"nhận {r.received_at:%d/%m/%Y %H:%M}" if r.received_at else "",
            f"hẹn {r.due_at:%d/%m/%Y}" if r.due_at else "",
            f"(hạn gốc {r.class_due_day:%d/%m/%Y})"
            if r.class_due_day and r.due_at and r.class_due_day != r.due_at.date()
            else "",
            f"xong {r.finished_at:%d/%m/%Y}" if r.finished_at else "",
            _duty(r),
            r.procedure_name[:60],
        )
    )


def _duty(r: DossierRef) -> str:
    """A duty's deadline and when it was done (the officer is the duty's)."""
    if r.duty_due_at is None:
        return ""
    done = f", làm lúc {r.duty_done_at:%d/%m/%Y %H:%M}" if r.duty_done_at else ", chưa làm"
    return f"[hạn {r.duty_due_at:%d/%m/%Y %H:%M}{done}, cán bộ {r.officer}]"


def _centre(args: argparse.Namespace) -> int:
    others = (args.period, args.first, args.last, args.by, args.csv, args.xlsx, args.pdf)
    if any(others) or args.drill or args.counter:
        raise UsageError("--centre chỉ dùng một mình (có thể kèm --json)")
    with signed_in_desk(args.data_dir, args.user) as desk:
        snap = desk.statistics.centre()
    if snap is None:
        raise UsageError(
            "Chưa có số liệu toàn trung tâm: quầy chưa nhận được từ máy chủ (chạy 'motcua sync')"
        )
    now = local_now()
    if args.json:
        emit(snap.as_json(now))
        return 0
    minutes = int(snap.age(now).total_seconds() // 60)
    print(f"SỐ LIỆU TOÀN TRUNG TÂM — cơ quan {snap.agency}")
    print(f"Máy chủ tính lúc {snap.taken_at:%H:%M ngày %d/%m/%Y} (cách đây {_ago(minutes)})\n")
    kinds = list(snap.periods)
    rows = []
    shown = [i for i in SUMMARY_ORDER if i in _RATE_LABELS or i in SNAPSHOT_METRICS]
    for item in shown:  # the order of the local summary and of Biểu 06a
        key = item.value if isinstance(item, Metric) else item
        label = item.label_vi if isinstance(item, Metric) else _RATE_LABELS[key]
        rows.append((label, *(counts_json(p.figures)[key] for p in kinds)))
    table = StatTable(
        "",
        (
            Column("Chỉ tiêu", kind="text"),
            *(Column(KIND_LABELS_VI.get(p.kind, p.kind), kind="rate") for p in kinds),
        ),
        tuple(rows),
    )
    print(render_table(table))
    return 0


_RATE_LABELS = {"on_time_rate": "Tỷ lệ đúng hạn, %", "late_rate": "Tỷ lệ quá hạn, %"}


def _ago(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} phút"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} giờ {rest} phút"
    return f"{hours // 24} ngày"


# -- text tables for a terminal ------------------------------------------------------------------

LABEL_WIDTH = 60


def _cell(value: CellValue, col: Column) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):  # already rounded to what it means (rates 0.1, days 0.01)
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    text = str(value)
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"


def render_table(t: StatTable, skip_columns: tuple[str, ...] = ()) -> str:
    """Columns under their group heading, numbers right-aligned, the total row set apart."""
    keep = [i for i, c in enumerate(t.columns) if c.header not in skip_columns]
    cols = [t.columns[i] for i in keep]
    body = [[_cell(r[i], t.columns[i]) for i in keep] for r in t.all_rows]
    widths = [max([len(c.header), *(len(row[j]) for row in body)]) for j, c in enumerate(cols)]
    spans, j = [], 0
    while j < len(cols):  # runs of columns under one group heading
        k = j
        while k + 1 < len(cols) and cols[k + 1].group == cols[j].group:
            k += 1
        spans.append((j, k))
        j = k + 1
    lines = []
    if any(c.group for c in cols):
        groups = []
        for j, k in spans:
            span = sum(widths[j : k + 1]) + 2 * (k - j)
            widths[k] += max(len(cols[j].group) - span, 0)  # the heading fits over its columns
            span = max(span, len(cols[j].group))
            groups.append(cols[j].group.center(span) if cols[j].group else " " * span)
        lines.append("  ".join(groups).rstrip())
    lines.append("  ".join(c.header.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for n, row in enumerate(body):
        if t.total is not None and n == len(body) - 1:
            lines.append("  ".join("-" * w for w in widths))
        cells = [
            v.ljust(w) if c.kind == "text" else v.rjust(w)
            for v, c, w in zip(row, cols, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
