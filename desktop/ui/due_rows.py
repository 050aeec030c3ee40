"""What the inbox and the hand-over screen share about a deadline (issue 18): the working time
left as words ("còn 2 giờ 15 phút", "quá hạn 1 giờ 05 phút"), and a row's colour by urgency —
amber under an hour, red past due. The colour never stands alone: the words say the same, for
an officer who does not see it (or a grey-scale printout of the screen)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget

from desktop.domain.deadlines import Urgency

from .operations import DeskOp
from .tasks import Tasks

T = TypeVar("T")

# background, text: the same amber and red as the offline banner and the error lines
COLOURS = {
    Urgency.SOON: ("#fff3cd", "#5d4200"),
    Urgency.OVERDUE: ("#fdecea", "#b00020"),
}


def _span(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Deadlines", "{0} ngày {1} giờ").format(days, hours)
    if hours:
        return QCoreApplication.translate("Deadlines", "{0} giờ {1} phút").format(
            hours, f"{mins:02d}"
        )
    return QCoreApplication.translate("Deadlines", "{0} phút").format(mins)


def left_text(left: timedelta, urgency: Urgency) -> str:
    """The working time left, or how long past due (wall-clock time)."""
    if urgency is Urgency.OVERDUE:
        return QCoreApplication.translate("Deadlines", "quá hạn {0}").format(_span(-left))
    if urgency is Urgency.SOON:
        return QCoreApplication.translate("Deadlines", "sắp hết hạn: còn {0}").format(_span(left))
    return QCoreApplication.translate("Deadlines", "còn {0}").format(_span(left))


def moment(value: datetime) -> str:
    return value.strftime("%H:%M %d/%m/%Y")


def short(value: datetime) -> str:
    """A list's time: these clocks run over hours, so the day without its year."""
    return value.strftime("%H:%M %d/%m")


def paint_row(table: QTableWidget, row: int, urgency: Urgency) -> None:
    colours = COLOURS.get(urgency)
    if colours is None:
        return
    back, fore = QBrush(QColor(colours[0])), QBrush(QColor(colours[1]))
    for col in range(table.columnCount()):
        item = table.item(row, col)
        if item is not None:
            item.setBackground(back)
            item.setForeground(fore)


def deadline_text(what: str, hours: float, source: str) -> str:
    """The profile's deadline and where it comes from, said once above the list."""
    return QCoreApplication.translate("Deadlines", "{0}: {1} giờ làm việc — căn cứ: {2}").format(
        what, f"{hours:g}", source
    )


def fit(table: QTableWidget, widths: dict[int, int]) -> None:
    """Codes, times and clocks at their width; the long names (procedure, unit, applicant) at
    a set width, cut with "…" (their whole text on hover); the stretch column takes the rest."""
    header = table.horizontalHeader()
    for col, width in widths.items():
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)


class OneRead(Generic[T]):
    """A list read in the worker, one read at a time: asked again while a read is on its way
    (a sync brought news, an answer was given), it reads once more when that one is back, so
    what is shown is never older than the last ask. Both due lists (the online inbox and the
    hand-over screen) read this way."""

    def __init__(
        self,
        tasks: Tasks,
        show: Callable[[list[T]], None],
        say: Callable[[str, str], None],
    ) -> None:
        self.tasks, self.show, self.say = tasks, show, say
        self.loading = False
        self.again: Callable[[], list[T]] | None = None  # the read asked for meanwhile

    def ask(self, read: Callable[[], list[T]]) -> None:
        """``read`` runs in the worker (it holds the desk it reads from)."""
        if self.loading:
            self.again = read
            return
        self.loading = True
        DeskOp(self.tasks, read, self._done, say=self.say, on_failed=self._failed).start()

    def _failed(self, _exc: Exception) -> None:
        self.loading = False

    def _done(self, items: list[T]) -> None:
        self.loading = False
        self.show(items)
        if self.again is not None:
            read, self.again = self.again, None
            self.ask(read)
