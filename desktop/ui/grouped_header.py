"""A table header in two rows: the group's name once across its columns ("Đã giải quyết"),
each column's short name under it ("Tổng", "Quá hạn") — as Biểu 06a prints it. Qt's header has
one row; this one paints the group band itself (issue 22: the screen showed "Tổng", "Quá hạn"
three times over with nothing saying which was which)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget


class GroupedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._groups: list[str] = []
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_groups(self, groups: list[str]) -> None:
        """One entry per column; "" for a column with no group (its name takes both rows)."""
        self._groups = list(groups)
        self.updateGeometry()
        self.viewport().update()

    def group_of(self, logical: int) -> str:
        return self._groups[logical] if 0 <= logical < len(self._groups) else ""

    def _grouped(self) -> bool:
        return any(self._groups)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._grouped():
            hint.setHeight(hint.height() * 2)
        return hint

    def _span(self, logical: int) -> QRect:
        """The band of the group ``logical`` belongs to: from the first to the last of the
        neighbouring columns (in visual order) that share its group."""
        group = self.group_of(logical)
        visual = self.visualIndex(logical)
        first = last = visual
        while first > 0 and self.group_of(self.logicalIndex(first - 1)) == group:
            first -= 1
        while last < self.count() - 1 and self.group_of(self.logicalIndex(last + 1)) == group:
            last += 1
        left = self.sectionViewportPosition(self.logicalIndex(first))
        right_section = self.logicalIndex(last)
        right = self.sectionViewportPosition(right_section) + self.sectionSize(right_section)
        return QRect(left, 0, right - left, self.height() // 2)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        group = self.group_of(logical)
        if not self._grouped() or not group:
            super().paintSection(painter, rect, logical)
            return
        half = rect.height() // 2
        painter.save()
        # the band: painted whole for the group, clipped by Qt to this section's rectangle, so
        # the group's name is centred once across its columns
        band = self._span(logical)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = band
        option.text = group
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.section = logical
        painter.setClipRect(QRect(rect.left(), rect.top(), rect.width(), half))
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        painter.save()
        below = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        painter.setClipRect(below)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = below
        option.section = logical
        model = self.model()
        option.text = str(model.headerData(logical, self.orientation())) if model else ""
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        if not self._grouped():
            return size
        size.setHeight(size.height() * 2)
        group = self.group_of(logical)
        if group:
            # the group's name must fit across its columns: each takes its share of it
            members = sum(1 for g in self._groups if g == group)
            need = self.fontMetrics().horizontalAdvance(group) + 16
            size.setWidth(max(size.width(), -(-need // members)))
        return size
