"""The supervisor's charts (Qt Charts): how each group's dossiers ended up — early, on time,
late, still open and overdue — as stacked bars, and received against resolved day by day."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QMargins,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from desktop.domain.stats.metrics import Metric
from desktop.domain.stats.results import Split

# colours read the same on a projector and a cheap screen: green early, blue on time, red late
STACK: tuple[tuple[Metric, str, object], ...] = (
    (Metric.RESOLVED_EARLY, "#2e7d32", QT_TRANSLATE_NOOP("StatsCharts", "Trước hạn")),
    (Metric.RESOLVED_ON_TIME, "#1565c0", QT_TRANSLATE_NOOP("StatsCharts", "Đúng hạn")),
    (Metric.RESOLVED_LATE, "#c62828", QT_TRANSLATE_NOOP("StatsCharts", "Quá hạn")),
    (
        Metric.IN_PROGRESS_WITHIN,
        "#90a4ae",
        QT_TRANSLATE_NOOP("StatsCharts", "Đang xử lý trong hạn"),
    ),
    (Metric.IN_PROGRESS_OVERDUE, "#ef6c00", QT_TRANSLATE_NOOP("StatsCharts", "Đang xử lý quá hạn")),
)
GROUP_NAMES: dict[str, object] = {
    "officer": QT_TRANSLATE_NOOP("StatsCharts", "cán bộ tiếp nhận"),
    "procedure": QT_TRANSLATE_NOOP("StatsCharts", "thủ tục"),
    "field": QT_TRANSLATE_NOOP("StatsCharts", "lĩnh vực"),
    "channel": QT_TRANSLATE_NOOP("StatsCharts", "kênh tiếp nhận"),
    "day": QT_TRANSLATE_NOOP("StatsCharts", "ngày"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate("StatsCharts", str(text))


MAX_BARS = 12
# names longer than this turn the bars sideways, names on the left (issue 22: under upright
# bars a procedure's name was cut to "Thủ t…")
UPRIGHT_LABEL = 14
SIDEWAYS_LABEL = 48
# at most 4 intervals (5 labels): a chart squeezed to ~110 points of plot height at 1366×768
# elided 7 labels to "…" (seen in the screenshot of the statistics screen)
MAX_TICKS = 4


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def whole_ticks(top: int, most: int = MAX_TICKS) -> tuple[int, int]:
    """(axis maximum, step) for counts up to ``top``: whole-number steps of 1, 2, 5, 10, 20,
    50… with at most ``most`` intervals, the maximum a multiple of the step above ``top`` —
    so a bar of 1 sits on a label, never between "0" and "1" (issue 22: "0,0,1,2,3")."""
    top = max(int(top), 1)
    step, scale = 1, 1
    while True:
        for m in (1, 2, 5):
            step = m * scale
            if -(-top // step) <= most:
                return step * -(-top // step), step
        scale *= 10


def whole_axis(axis: QValueAxis, top: int) -> None:
    maximum, step = whole_ticks(top)
    axis.setLabelFormat("%d")
    axis.setRange(0, maximum)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)


class OutcomeChart(QChartView):
    """Stacked bars per group; a click on a bar segment asks for the dossiers behind it."""

    segment_clicked = Signal(object, str)  # Metric, group key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._keys: list[str] = []
        self.sideways = False
        self.category_labels: list[str] = []
        self.count_axis: QValueAxis | None = None

    def show_split(self, split: Split) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        rows = sorted(split.rows, key=lambda r: -r.figures[Metric.RESOLVED])[:MAX_BARS]
        self.sideways = any(len(r.label) > UPRIGHT_LABEL for r in rows)
        if self.sideways:
            rows.reverse()  # sideways the first category is drawn at the bottom: biggest on top
        self._keys = [r.key for r in rows]
        labels = [r.label for r in rows]
        series = QHorizontalStackedBarSeries() if self.sideways else QStackedBarSeries()
        for metric, colour, label in STACK:
            bars = QBarSet(_tr(label))
            bars.setColor(QColor(colour))
            for r in rows:
                bars.append(r.figures[metric])
            bars.clicked.connect(lambda index, m=metric: self._clicked(m, index))
            series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        limit = SIDEWAYS_LABEL if self.sideways else UPRIGHT_LABEL
        names.append([_short(label, limit) for label in labels])
        self.category_labels = names.categories()
        counts = QValueAxis()
        whole_axis(counts, max((sum(r.figures[m] for m, _c, _l in STACK) for r in rows), default=1))
        self.count_axis = counts
        if self.sideways:
            chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(counts)
        chart.setTitle(
            QCoreApplication.translate("StatsCharts", "Kết quả giải quyết theo {0}").format(
                _tr(GROUP_NAMES[split.grouping.value])
            )
        )
        self.setChart(chart)

    def _clicked(self, metric: Metric, index: int) -> None:
        if 0 <= index < len(self._keys):
            self.segment_clicked.emit(metric, self._keys[index])


class DailyChart(QChartView):
    """Received and resolved day by day over the period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.count_axis: QValueAxis | None = None

    def show_days(self, by_day: Split) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        rows = sorted(by_day.rows, key=lambda r: r.key)
        received = QLineSeries()
        received.setName(QCoreApplication.translate("StatsCharts", "Tiếp nhận"))
        resolved = QLineSeries()
        resolved.setName(QCoreApplication.translate("StatsCharts", "Giải quyết xong"))
        for r in rows:
            when = QDateTime(QDate.fromString(r.key, Qt.DateFormat.ISODate), QTime(12, 0))
            received.append(float(when.toMSecsSinceEpoch()), r.figures[Metric.RECEIVED])
            resolved.append(float(when.toMSecsSinceEpoch()), r.figures[Metric.RESOLVED])
        for s in (received, resolved):
            chart.addSeries(s)
        # a date axis labels a few days, however long the period (30 names would be elided)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("dd/MM")
        axis_x.setTickCount(min(7, max(2, len(rows))))
        axis_y = QValueAxis()
        top = max([r.figures[m] for r in rows for m in (Metric.RECEIVED, Metric.RESOLVED)] + [1])
        whole_axis(axis_y, top)
        self.count_axis = axis_y
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for s in (received, resolved):
            s.attachAxis(axis_x)
            s.attachAxis(axis_y)
        chart.setTitle(
            QCoreApplication.translate("StatsCharts", "Tiếp nhận và giải quyết theo ngày")
        )
        self.setChart(chart)
