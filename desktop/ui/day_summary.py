"""The counter's day in one line (issue 22): received, returned, waiting, due today — on the
reception screen, read again after each reception and each time the screen comes back into
view (after a return on the returns screen), and at the top of the close-day dialog.

The numbers are read on the database worker (:class:`~desktop.services.day_figures.
DayFiguresDesk`); a failed read leaves the line as it was (nothing the officer can act on)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.day_figures import DayFigures
from desktop.services.desk import Desk

from .domain_words import number_text
from .operations import DeskOp
from .style import mark
from .tasks import Tasks
from .widgets import named


def figures_text(f: DayFigures) -> str:
    """ "đã nhận 12 · đã trả 8 · đang chờ 4 · đến hạn trả 3", numbers grouped the Vietnamese
    way in Vietnamese (number_vi), the English way in English."""
    return QCoreApplication.translate(
        "DaySummary", "đã nhận {0} · đã trả {1} · đang chờ {2} · đến hạn trả {3}"
    ).format(
        number_text(f.received),
        number_text(f.returned),
        number_text(f.waiting),
        number_text(f.due_today),
    )


def summary_text(f: DayFigures) -> str:
    """The reception screen's line: "Hôm nay: đã nhận 12 · …"."""
    return QCoreApplication.translate("DaySummary", "Hôm nay: {0}").format(figures_text(f))


def day_text(f: DayFigures) -> str:
    """The close-day dialog's heading: "Ngày 04/12/2026 tại quầy: đã nhận 12 · …"."""
    return QCoreApplication.translate("DaySummary", "<b>Ngày {0} tại quầy:</b> {1}").format(
        f.day.strftime("%d/%m/%Y"), figures_text(f)
    )


def summary_tip() -> str:
    return QCoreApplication.translate(
        "DaySummary",
        "Đã nhận: hồ sơ quầy này tiếp nhận hôm nay. Đã trả: kết quả quầy này trả hôm nay. "
        "Đang chờ: hồ sơ nhận hôm nay chưa trả kết quả. Đến hạn trả: hồ sơ có hẹn trả hôm "
        "nay mà chưa trả.",
    )


class DaySummary(QLabel):
    """One line of small text; empty until the first read."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        named(self, "daySummary")
        self.tasks = tasks
        self.desk: Desk | None = None
        self.figures: DayFigures | None = None
        self.setToolTip(summary_tip())
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark(self, "hint")

    def start(self, desk: Desk) -> None:
        self.desk = desk
        self.refresh()

    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return
        DeskOp(self.tasks, lambda: desk.day_figures.of(), self._show, quiet=True).start()

    def _show(self, figures: DayFigures) -> None:
        self.figures = figures
        self.setText(summary_text(figures))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # back from the returns screen: a result may have been handed back
