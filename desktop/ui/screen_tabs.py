"""The window's screens as tabs, each inside a scroll area (issue 22): a screen taller or wider
than the window scrolls instead of making the window larger than the counter's display. Without
it a QTabWidget is as large as its largest screen, so one screen with a long form made every
screen too tall for 1366×768 at 125 % scaling (1093×614 points). The scroll areas are this
class's own business: callers add, find and show their screens as with any QTabWidget."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QTabWidget, QWidget


class ScreenScroll(QScrollArea):
    """One screen, filling the area when it fits and scrolling when it does not. Not Qt's
    ``widgetResizable``: that sizes a screen with wrapping labels by its *preferred* height for
    the width, so a screen that fits at its minimum scrolled anyway (reception at 1366×768: 670
    points asked, 591 given, 544 needed). Here the screen gets at least the area and at most what
    its layout needs at minimum for that width."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setObjectName("screenScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        # never a focus stop of its own: after a dialog or a tab switch the focus goes to the
        # screen's fields, not to the frame around them (a Space there would do nothing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(page)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.maximumViewportSize()  # the viewport without scroll bars
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        hint = page.minimumSizeHint()
        width = max(room.width(), hint.width())
        height = max(room.height(), self._needed(page, width))
        if height > room.height():  # a vertical bar takes width from the screen
            width = max(room.width() - bar, hint.width())
            height = max(room.height() - (bar if width > room.width() - bar else 0), height)
            height = max(height, self._needed(page, width))
        page.resize(width, height)

    @staticmethod
    def _needed(page: QWidget, width: int) -> int:
        layout = page.layout()
        if layout is not None and layout.hasHeightForWidth():
            return max(layout.minimumHeightForWidth(width), page.minimumSizeHint().height())
        return page.minimumSizeHint().height()


class ScreenTabs(QTabWidget):
    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]
        area = ScreenScroll(page)
        page.show()  # a screen hidden by an earlier clear() comes back with its tab
        return super().addTab(area, label)

    def _page(self, area: QWidget | None) -> QWidget | None:
        if isinstance(area, ScreenScroll):
            return area.widget()
        return area

    def widget(self, index: int) -> QWidget | None:
        return self._page(super().widget(index))

    def currentWidget(self) -> QWidget:  # None when there is no tab, as QTabWidget's
        return self._page(super().currentWidget())  # type: ignore[return-value]

    def indexOf(self, page: QWidget) -> int:
        for i in range(self.count()):
            if self.widget(i) is page:
                return i
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)

    def clear(self) -> None:
        """Every tab removed; the screens are kept (their owner builds them once and adds them
        again), only the scroll areas around them go."""
        areas = [super(ScreenTabs, self).widget(i) for i in range(self.count())]
        super().clear()
        for area in areas:
            if isinstance(area, ScreenScroll):
                page = area.takeWidget()
                if page is not None:
                    page.hide()
                    page.setParent(None)
                area.deleteLater()
