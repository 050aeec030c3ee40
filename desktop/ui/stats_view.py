"""Thống kê (supervisors) — from the counter's own database, offline: the period's key figures,
how each officer, procedure, field, channel or day did, charts, and the centre's figures as the
server last sent them. Every number opens the dossiers behind it. Computed on the DB worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fees import Method
from desktop.domain.refusal import Refusal
from desktop.domain.stats.duties import NOBODY
from desktop.domain.stats.fees import Money
from desktop.domain.stats.metrics import Grouping, Metric
from desktop.domain.stats.period import Period, between, named
from desktop.domain.stats.results import Cell, DossierRef, Split, Summary
from desktop.domain.stats.tables import COMPACT, metric_column, split_table
from desktop.services.desk import Desk
from desktop.services.stats import CentreSnapshot, StatsQuery

from .domain_words import (
    decimal_text,
    flat_column,
    money_text,
    percent_text,
    period_text,
    range_text,
    word,
)
from .drill_dialog import DrillDialog
from .grouped_header import GroupedHeader
from .operations import DeskOp
from .refusals import describe
from .stats_charts import DailyChart, OutcomeChart
from .style import mark
from .tasks import Tasks
from .widgets import named as name_widget

T = TypeVar("T")

PERIODS: tuple[tuple[str, object], ...] = (
    ("today", QT_TRANSLATE_NOOP("StatsView", "Hôm nay")),
    ("week", QT_TRANSLATE_NOOP("StatsView", "Tuần này")),
    ("month", QT_TRANSLATE_NOOP("StatsView", "Tháng này")),
    ("quarter", QT_TRANSLATE_NOOP("StatsView", "Quý này")),
    ("year", QT_TRANSLATE_NOOP("StatsView", "Năm nay")),
    ("range", QT_TRANSLATE_NOOP("StatsView", "Khoảng ngày")),
)
GROUPINGS: tuple[tuple[Grouping, object], ...] = (
    (Grouping.OFFICER, QT_TRANSLATE_NOOP("StatsView", "Theo cán bộ tiếp nhận")),
    (Grouping.PROCEDURE, QT_TRANSLATE_NOOP("StatsView", "Theo thủ tục")),
    (Grouping.FIELD, QT_TRANSLATE_NOOP("StatsView", "Theo lĩnh vực")),
    (Grouping.CHANNEL, QT_TRANSLATE_NOOP("StatsView", "Theo kênh tiếp nhận")),
    (Grouping.DAY, QT_TRANSLATE_NOOP("StatsView", "Theo ngày")),
)
# the tiles' short names; the full one is the tooltip and the drill-down's title
TILES: tuple[tuple[Metric, object], ...] = (
    (Metric.RECEIVED, QT_TRANSLATE_NOOP("StatsView", "Tiếp nhận mới")),
    (Metric.RESOLVED, QT_TRANSLATE_NOOP("StatsView", "Đã giải quyết")),
    (Metric.RESOLVED_LATE, QT_TRANSLATE_NOOP("StatsView", "Giải quyết quá hạn")),
    (Metric.IN_PROGRESS, QT_TRANSLATE_NOOP("StatsView", "Đang giải quyết")),
    (Metric.IN_PROGRESS_OVERDUE, QT_TRANSLATE_NOOP("StatsView", "Đang quá hạn")),
    (Metric.WAITING_SUPPLEMENT, QT_TRANSLATE_NOOP("StatsView", "Chờ bổ sung")),
    (Metric.DUE_TODAY, QT_TRANSLATE_NOOP("StatsView", "Đến hạn hôm nay")),
)
# the counter's own duties (issue 18), a group of tiles each: done, on time, late, waiting late
POST_GROUP = "statsPost"
POST_TILE_HEIGHT = 38
POST_METRICS = (
    Metric.POST_SENT,
    Metric.POST_DELIVERED_ON_TIME,
    Metric.POST_DELIVERED_LATE,
    Metric.POST_WAITING_OVERDUE,
)
DUTY_GROUPS: tuple[tuple[str, object, tuple[tuple[Metric, object], ...]], ...] = (
    (
        "statsChecks",
        QT_TRANSLATE_NOOP("StatsView", "Kiểm tra hồ sơ<br>trực tuyến"),
        (
            (Metric.ONLINE_CHECKED, QT_TRANSLATE_NOOP("StatsView", "Đã kiểm tra")),
            (Metric.ONLINE_CHECKED_ON_TIME, QT_TRANSLATE_NOOP("StatsView", "Đúng hạn")),
            (Metric.ONLINE_CHECKED_LATE, QT_TRANSLATE_NOOP("StatsView", "Quá hạn")),
            (Metric.ONLINE_WAITING_OVERDUE, QT_TRANSLATE_NOOP("StatsView", "Chờ, quá hạn")),
        ),
    ),
    (
        "statsHandovers",
        QT_TRANSLATE_NOOP("StatsView", "Bàn giao<br>hồ sơ"),
        (
            (Metric.HANDED_OVER, QT_TRANSLATE_NOOP("StatsView", "Đã bàn giao")),
            (Metric.HANDED_OVER_ON_TIME, QT_TRANSLATE_NOOP("StatsView", "Đúng hạn")),
            (Metric.HANDED_OVER_LATE, QT_TRANSLATE_NOOP("StatsView", "Quá hạn")),
            (Metric.HANDOVER_WAITING_OVERDUE, QT_TRANSLATE_NOOP("StatsView", "Chờ, quá hạn")),
        ),
    ),
    (
        # results by post: the post's 24 hours (An Giang QĐ 66/2020 Điều 26.2; issue 20)
        POST_GROUP,
        QT_TRANSLATE_NOOP("StatsView", "Bưu chính<br>(24 giờ)"),
        (
            (Metric.POST_SENT, QT_TRANSLATE_NOOP("StatsView", "Đã gửi")),
            (Metric.POST_DELIVERED_ON_TIME, QT_TRANSLATE_NOOP("StatsView", "Đúng hạn")),
            (Metric.POST_DELIVERED_LATE, QT_TRANSLATE_NOOP("StatsView", "Quá hạn")),
            (Metric.POST_WAITING_OVERDUE, QT_TRANSLATE_NOOP("StatsView", "Chờ, quá hạn")),
        ),
    ),
)
# the fee money (issue 19): amounts in đồng, not dossier counts, so plain tiles that open
# nothing (desktop/domain/stats/fees.py); the full name of each method is the tooltip
FEE_TILES: tuple[tuple[str, object], ...] = (
    ("collected", QT_TRANSLATE_NOOP("StatsView", "Đã thu")),
    (Method.CASH.value, QT_TRANSLATE_NOOP("StatsView", "Tiền mặt")),
    (Method.QR.value, QT_TRANSLATE_NOOP("StatsView", "Mã QR")),
    (Method.CARD.value, QT_TRANSLATE_NOOP("StatsView", "Thẻ")),
    (Method.BANK.value, QT_TRANSLATE_NOOP("StatsView", "Ngân hàng báo")),
    ("refunded", QT_TRANSLATE_NOOP("StatsView", "Đã hoàn trả")),
)
METHOD_KEYS = frozenset(m.value for m in Method)
# each tile's share of the row, by the length of its text with an amount in millions
FEE_WIDTHS = {"collected": 4, Method.CARD.value: 2}
# red when not zero
ALARMS = frozenset(
    {
        Metric.RESOLVED_LATE,
        Metric.IN_PROGRESS_OVERDUE,
        Metric.ONLINE_CHECKED_LATE,
        Metric.ONLINE_WAITING_OVERDUE,
        Metric.HANDED_OVER_LATE,
        Metric.HANDOVER_WAITING_OVERDUE,
        Metric.POST_DELIVERED_LATE,
        Metric.POST_WAITING_OVERDUE,
    }
)
# the split table: the terminal's columns, then each officer's (procedure's…) duties, under
# short group names of their own in the header's top row (the full name is in the tooltip)
# (what fits 1366 pixels: on time is the done less the late; the exports have every column)
DUTY_COLUMNS: tuple[tuple[Metric, object, object], ...] = (
    (
        Metric.ONLINE_CHECKED,
        QT_TRANSLATE_NOOP("StatsView", "Tổng"),
        QT_TRANSLATE_NOOP("StatsView", "Kiểm tra trực tuyến"),
    ),
    (
        Metric.ONLINE_CHECKED_LATE,
        QT_TRANSLATE_NOOP("StatsView", "Quá hạn"),
        QT_TRANSLATE_NOOP("StatsView", "Kiểm tra trực tuyến"),
    ),
    (
        Metric.HANDED_OVER,
        QT_TRANSLATE_NOOP("StatsView", "Tổng"),
        QT_TRANSLATE_NOOP("StatsView", "Bàn giao"),
    ),
    (
        Metric.HANDED_OVER_LATE,
        QT_TRANSLATE_NOOP("StatsView", "Quá hạn"),
        QT_TRANSLATE_NOOP("StatsView", "Bàn giao"),
    ),
)
TABLE: tuple[Metric | str, ...] = (*COMPACT, *(m for m, _h, _g in DUTY_COLUMNS))


@dataclass(frozen=True)
class Board:
    """Everything the screen shows for one query, computed in one go on the DB worker."""

    query: StatsQuery
    summary: Summary
    split: Split
    by_day: Split | None
    counters: list[str]
    centre: CentreSnapshot | None
    now_day: date


def metric_group(metric: Metric) -> str:
    """The group heading a metric's column sits under ("Kiểm tra hồ sơ trực tuyến")."""
    return metric_column(metric).group


class StatsView(QWidget):
    open_dossier = Signal(str)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsView")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.board: Board | None = None
        self.loading = False
        self.period = name_widget(QComboBox(), "statsPeriod")
        for key, label in PERIODS:
            self.period.addItem(self.tr(str(label)), key)
        self.period.setCurrentIndex(2)
        self.first = name_widget(QDateEdit(QDate.currentDate().addDays(-30)), "statsFrom")
        self.last = name_widget(QDateEdit(QDate.currentDate()), "statsTo")
        for d in (self.first, self.last):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
        self.counter = name_widget(QComboBox(), "statsCounter")
        self.counter.addItem(self.tr("Mọi quầy"), None)
        self.grouping = name_widget(QComboBox(), "statsGroup")
        for g, label in GROUPINGS:
            self.grouping.addItem(self.tr(str(label)), g.value)
        self.refresh_button = name_widget(QPushButton(self.tr("Xem")), "statsRefresh")
        self.csv_button = name_widget(QPushButton(self.tr("CSV")), "statsCsv")
        self.xlsx_button = name_widget(QPushButton(self.tr("Excel")), "statsXlsx")
        self.pdf_button = name_widget(QPushButton(self.tr("Biểu 06a (PDF)")), "statsPdf")
        self.heading = name_widget(QLabel(""), "statsHeading")
        self.tiles: dict[Metric, QPushButton] = {}
        self.fee_tiles: dict[str, QLabel] = {}
        self.rate = name_widget(QLabel(""), "statsRate")
        self.outcome = OutcomeChart()
        self.daily = DailyChart()
        self.table = name_widget(QTableWidget(), "statsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table_header = GroupedHeader(self.table)
        self.table.setHorizontalHeader(self.table_header)
        self.centre = name_widget(QLabel(""), "centreLabel")
        self.centre.setWordWrap(True)
        self.message = name_widget(QLabel(""), "statsMessage")
        self._layout()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.cellClicked.connect(self._cell_clicked)
        self.outcome.segment_clicked.connect(lambda m, key: self.drill(m, key))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self._period_changed()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for w in (
            self.period,
            self.first,
            self.last,
            self.counter,
            self.grouping,
            self.refresh_button,
        ):
            filters.addWidget(w)
        filters.addStretch(1)
        for w in (self.csv_button, self.xlsx_button, self.pdf_button):
            filters.addWidget(w)
        tiles = QGridLayout()
        for i, (metric, _short) in enumerate(TILES):
            tiles.addWidget(self._tile(metric, 56), 0, i)
        # a row as high as the tiles above, each group's name on its left (a group box's title
        # would take a line the table needs at 1366×768)
        duties = QHBoxLayout()
        # results by post share the line of the on-time rate, on its right, and show only for a
        # period that sent any: a third group beside the two would make the window wider than
        # 1366 pixels, a row of their own taller than 768 (beside the rate: about 20 pixels)
        self.post_row = name_widget(QWidget(), "statsPostRow")
        post = QHBoxLayout(self.post_row)
        post.setContentsMargins(0, 0, 0, 0)
        for i, (name, title, group) in enumerate(DUTY_GROUPS):
            row = post if name == POST_GROUP else duties
            if i and row is duties:
                row.addSpacing(12)
            label = name_widget(QLabel(f"<b>{self.tr(str(title))}</b>"), name)
            label.setToolTip(word(metric_group(group[0][0])))
            row.addWidget(label)
            for metric, _short in group:
                row.addWidget(self._tile(metric, 56 if row is duties else POST_TILE_HEIGHT), 1)
        self.post_row.hide()
        fees = QHBoxLayout()
        fees_title = self.tr("Phí, lệ phí")  # outside the f-string: lupdate does not look inside
        label = name_widget(QLabel(f"<b>{fees_title}</b>"), "statsFees")
        label.setToolTip(self.tr("Phí, lệ phí thu, hoàn trả trong kỳ (theo thời điểm thu)"))
        fees.addWidget(label)
        for key, _short in FEE_TILES:
            fees.addWidget(self._fee_tile(key), FEE_WIDTHS.get(key, 3))
        charts = QHBoxLayout()
        charts.addWidget(self.outcome, 3)
        charts.addWidget(self.daily, 2)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(charts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # everything in a vertical scroll area: at 1366×768 (or 125 % text) the screen scrolls
        # a little instead of squeezing the tiles until their numbers are cut (issue 22)
        body = QWidget()
        body.setObjectName("statsBody")
        scroll = name_widget(QScrollArea(), "statsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        self.table.setMinimumHeight(150)
        layout = QVBoxLayout(body)
        layout.addLayout(filters)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addLayout(duties)
        layout.addLayout(fees)
        rate_line = QHBoxLayout()
        rate_line.addWidget(self.rate, 1)
        rate_line.addWidget(self.post_row, 1)
        layout.addLayout(rate_line)
        layout.addWidget(split, 1)
        # the word-wrapped lines stay below the scroll area: a wrapped label makes the scroll
        # area size its page by preferred height, which grew the charts past the screen
        outer.addWidget(self.centre)
        outer.addWidget(self.message)

    def _tile_style(self, alarm: bool) -> str:
        """A tile holds two lines (the number, its name): the window's style sheet gives
        buttons a one-line min-height, which overrides setMinimumHeight and cut both lines."""
        lines = 2 * self.fontMetrics().lineSpacing()
        colour = " color: #b00020;" if alarm else ""
        return f"font-weight: 600; min-height: {lines}px; padding: 2px 6px;{colour}"

    def _tile(self, metric: Metric, height: int) -> QPushButton:
        tile = name_widget(QPushButton(""), f"tile_{metric.value}")
        tile.setToolTip(word(metric.label_vi) + " — " + self.tr("nhấp để xem các hồ sơ"))
        tile.setMinimumHeight(height)
        tile.setStyleSheet(self._tile_style(False))
        tile.clicked.connect(lambda _c=False, m=metric: self.drill(m))
        self.tiles[metric] = tile
        return tile

    def _fee_tile(self, key: str) -> QLabel:
        tile = name_widget(QLabel(""), f"fee_{key}")
        tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tile.setFrameShape(QFrame.Shape.StyledPanel)
        tile.setMinimumHeight(28)
        # one line each, and never wider than its share: the screen must keep fitting 1366×768
        # whatever the amounts (the whole text is the tooltip)
        tile.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.fee_tiles[key] = tile
        return tile

    def _show_fees(self, money: Money) -> None:
        shorts = dict(FEE_TILES)
        for key, tile in self.fee_tiles.items():
            amount = (
                money.collected
                if key == "collected"
                else money.refunded
                if key == "refunded"
                else money.method(key)
            )
            short = self.tr(str(shorts[key]))
            if key == "collected":
                short = self.tr("{0} (%n biên lai)", "", money.receipts).format(short)
            tile.setText(f"{short} <b>{money_text(amount)}</b>")
            full = word(Method(key).label_vi) if key in METHOD_KEYS else short
            tile.setToolTip(f"{full}: {money_text(amount)}")

    # -- loading -------------------------------------------------------------------------------

    def start(self, desk: Desk) -> None:
        self.desk = desk
        self.refresh()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "range"
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if not custom and self.desk is not None:
            self._show_period(named(str(self.period.currentData()), self.desk.now().date()))
        if self.desk is not None:
            self.refresh()

    def _show_period(self, period: Period) -> None:
        """The greyed date fields show the period in use (issue 22: they showed another)."""
        for edit, day in ((self.first, period.first), (self.last, period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _query(self, today: date) -> StatsQuery:
        kind = str(self.period.currentData())
        period: Period = (
            between(self.first.date().toPython(), self.last.date().toPython())  # type: ignore[arg-type]
            if kind == "range"
            else named(kind, today)
        )
        return StatsQuery(period, self.counter.currentData())

    def refresh(self) -> None:
        if self.desk is None:
            return
        desk = self.desk
        grouping = Grouping(self.grouping.currentData())
        try:
            query = self._query(desk.now().date())
        except Refusal as exc:  # a period or counter that cannot be reported on
            self._say(describe(exc), "error")
            return

        def compute() -> Board:
            service = desk.stats()
            summary = service.summary(query)
            split = service.split(query, grouping)
            long = query.period.length > 1 and grouping is not Grouping.DAY
            by_day = (
                service.split(query, Grouping.DAY)
                if long
                else (split if grouping is Grouping.DAY else None)
            )
            return Board(
                query, summary, split, by_day, service.counters(), desk.centre(), desk.now().date()
            )

        self.loading = True
        self._op(compute, self._show, busy_text=self.tr("Đang tính…"))

    def _show(self, board: Board) -> None:
        self.loading = False
        self.board = board
        self._say("", "hint")
        s = board.summary
        f = s.figures
        if self.period.currentData() != "range":
            self._show_period(board.query.period)
        self.heading.setText(
            self.tr("<b>{0}</b> ({1}), số liệu đến hết ngày {2:%d/%m/%Y}").format(
                period_text(s.period), range_text(s.period), s.cutoff
            )
        )
        shorts = dict(TILES)
        for _name, _title, group in DUTY_GROUPS:
            shorts.update(group)
        for metric, tile in self.tiles.items():
            tile.setText(f"{f[metric]}\n{self.tr(str(shorts[metric]))}")
            tile.setStyleSheet(self._tile_style(metric in ALARMS and bool(f[metric])))
        self.post_row.setVisible(any(f[m] for m in POST_METRICS))
        self._show_fees(s.fees)
        rate = f.on_time_rate
        mean = f.mean_processing_days
        rated = s.satisfaction
        self.rate.setText(
            self.tr("Tỷ lệ đúng hạn: {0} · Thời gian giải quyết trung bình: {1}").format(
                percent_text(rate) if rate is not None else "—",
                self.tr("{0} ngày làm việc").format(decimal_text(mean))
                if mean is not None
                else "—",
            )
            # the citizens' ratings (issue 20): how many, and the share satisfied or better
            + " · "
            + (
                self.tr("Mức độ hài lòng: {0} lượt, {1} hài lòng trở lên, điểm {2}/5").format(
                    rated.total, percent_text(rated.satisfied_share), decimal_text(rated.average)
                )
                if not rated.empty
                else self.tr("Mức độ hài lòng: chưa có lượt đánh giá")
            )
        )
        # a split by officer has a row for the online dossiers nobody answered yet: their one
        # number is on its tile, the chart and the table would show a row of zeros
        shown = replace(board.split, rows=tuple(r for r in board.split.rows if r.key != NOBODY))
        self.outcome.show_split(shown)
        if board.by_day is not None and board.by_day.rows:
            self.daily.show_days(board.by_day)
            self.daily.show()
        else:
            self.daily.hide()
        self._fill_table(shown)
        self._fill_counters(board.counters)
        self._show_centre(board)

    def _fill_table(self, split: Split) -> None:
        table = split_table(split, TABLE, terse=True)
        heads = [word(c.header) for c in table.columns[: 1 + len(COMPACT)]]
        heads += [self.tr(str(h)) for _m, h, _g in DUTY_COLUMNS]
        # two header rows: each group's name once across its columns, then the short names
        groups = [word(c.group) for c in table.columns[: 1 + len(COMPACT)]]
        groups += [self.tr(str(g)) for _m, _h, g in DUTY_COLUMNS]
        self.table.clear()
        self.table.setColumnCount(len(table.columns))
        self.table.setHorizontalHeaderLabels(heads)
        self.table_header.set_groups(groups)
        for i, column in enumerate(table.columns):
            head = self.table.horizontalHeaderItem(i)
            if head is not None:
                # "Đã giải quyết: tổng", not a bare "Tổng"
                head.setToolTip(flat_column(column.group, column.header))
        rows = table.all_rows
        self.table.setRowCount(len(rows))
        self._row_keys = [r.key for r in split.rows] + [None]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = (
                    ""
                    if value is None
                    else (decimal_text(value) if isinstance(value, float) else str(value))
                )
                if c == 0:  # "Tổng cộng", or a channel's name; an officer's is data as it is
                    text = word(text)
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fill_counters(self, counters: list[str]) -> None:
        current = self.counter.currentData()
        self.counter.blockSignals(True)
        self.counter.clear()
        self.counter.addItem(self.tr("Mọi quầy"), None)
        for c in counters:
            self.counter.addItem(self.tr("Quầy {0}").format(c), c)
        self.counter.setCurrentIndex(max(0, self.counter.findData(current)))
        self.counter.blockSignals(False)

    def _show_centre(self, board: Board) -> None:
        snap = board.centre
        if snap is None:
            self.centre.setText(
                self.tr("Chưa có số liệu toàn trung tâm (cần đồng bộ với máy chủ).")
            )
            return
        minutes = int(
            snap.age(self.desk.now() if self.desk else snap.taken_at).total_seconds() // 60
        )
        parts = []
        for p in snap.periods:
            f = p.figures
            rate = f.on_time_rate
            parts.append(
                self.tr("{0}: nhận {1}, giải quyết {2} ({3}), quá hạn đang xử lý {4}").format(
                    word(p.label_vi),
                    f[Metric.RECEIVED],
                    f[Metric.RESOLVED],
                    (
                        self.tr("{0} đúng hạn").format(percent_text(rate, 0))
                        if rate is not None
                        else "—"
                    ),
                    f[Metric.IN_PROGRESS_OVERDUE],
                )
            )
        self.centre.setText(
            self.tr(
                "<b>Toàn trung tâm</b> (số liệu máy chủ lúc {0:%H:%M %d/%m}, cách đây {1} "
                "phút): {2}"
            ).format(snap.taken_at, minutes, "; ".join(parts))
        )

    # -- drill-down and exports --------------------------------------------------------------

    def _cell_clicked(self, row: int, col: int) -> None:
        if col == 0 or self.board is None or col - 1 >= len(TABLE):
            return
        item = TABLE[col - 1]
        if not isinstance(item, Metric):
            return
        keys = getattr(self, "_row_keys", [])
        key = keys[row] if row < len(keys) else None
        self.drill(item, key)

    def drill(self, metric: Metric, key: str | None = None) -> None:
        if self.board is None or self.desk is None:
            return
        desk, query = self.desk, self.board.query
        grouping = self.board.split.grouping if key is not None else None
        cell = Cell(metric, grouping, key)
        label = word(metric.label_vi)
        if key is not None:
            row = next((r for r in self.board.split.rows if r.key == key), None)
            label += f" — {row.label if row else key}"
        self._op(
            lambda: desk.statistics.drill(query, cell), lambda refs: self._show_drill(label, refs)
        )

    def _show_drill(self, title: str, refs: list[DossierRef]) -> None:
        dialog = DrillDialog(title, refs, self)
        dialog.open_dossier.connect(self.open_dossier)
        self.drill_dialog = dialog
        dialog.open()

    def _export(self, kind: str) -> None:
        if self.board is None or self.desk is None:
            return
        filters = {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}
        name, _f = QFileDialog.getSaveFileName(
            self, self.tr("Lưu thống kê"), f"thong-ke.{kind}", filters[kind]
        )
        if name:
            self.export_to(kind, Path(name))

    def export_to(self, kind: str, out: Path) -> None:
        assert self.board is not None and self.desk is not None
        desk, board = self.desk, self.board

        def write() -> Path:
            # the same audited export as `motcua stats --csv/--xlsx/--pdf` (role stats.export)
            desk.statistics.figures(board.query, board.split.grouping, **{kind: out})
            return out

        self._op(write, lambda p: self._say(self.tr("Đã lưu {0}").format(p), "ok"))

    def _op(
        self, run: Callable[[], T], done: Callable[[T], None], busy_text: str | None = None
    ) -> None:
        DeskOp(
            self.tasks, run, done, say=self._say, busy_text=busy_text, on_failed=self._stopped
        ).start()

    def _stopped(self, _exc: Exception) -> None:
        self.loading = False

    def _say(self, text: str, role: str) -> None:
        self.message.setText(text)
        mark(self.message, role)
