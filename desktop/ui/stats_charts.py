"""The supervisor's charts (Qt Charts): how each group's dossiers ended up — early, on time,
late, still open and overdue — as stacked bars, and received against resolved day by day."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
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


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


class OutcomeChart(QChartView):
    """Stacked bars per group; a click on a bar segment asks for the dossiers behind it."""

    segment_clicked = Signal(object, str)  # Metric, group key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._keys: list[str] = []

    def show_split(self, split: Split) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        rows = sorted(split.rows, key=lambda r: -r.figures[Metric.RESOLVED])[:MAX_BARS]
        self._keys = [r.key for r in rows]
        series = QStackedBarSeries()
        for metric, colour, label in STACK:
            bars = QBarSet(_tr(label))
            bars.setColor(QColor(colour))
            for r in rows:
                bars.append(r.figures[metric])
            bars.clicked.connect(lambda index, m=metric: self._clicked(m, index))
            series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([_short(r.label) for r in rows])
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
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
        axis_y.setLabelFormat("%d")
        top = max([r.figures[Metric.RECEIVED] for r in rows] + [1])
        axis_y.setRange(0, top + 1)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for s in (received, resolved):
            s.attachAxis(axis_x)
            s.attachAxis(axis_y)
        chart.setTitle(
            QCoreApplication.translate("StatsCharts", "Tiếp nhận và giải quyết theo ngày")
        )
        self.setChart(chart)
