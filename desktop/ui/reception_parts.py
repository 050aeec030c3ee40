"""The pieces of the reception screen: the procedure picker (accent-insensitive, keyboard
first), the applicant's details (filled from the CCCD card's QR), and the document checklist."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cccd_qr import CccdReading, CccdWarning
from desktop.domain.procedures import Fee, Procedure, search

from .domain_words import limit_text, money_text
from .style import mark
from .widgets import named

# the gap between a form's rows: the applicant's seven and the options' four rows stand one
# above the other, and at the style's default gap the reception screen was 25 px taller than
# 1366×768 leaves it (with the day's figures under the form)
FORM_ROW_GAP = 2


class ProcedurePicker(QWidget):
    """Type a few words ("chung thuc") or a code; arrows move, Enter chooses. Beside the list:
    the highlighted procedure's full name, time limit, fees and the documents it asks for —
    the list's rows are one line each so that ten of them fit (issue 22 item 4)."""

    chosen = Signal(object)  # Procedure

    ROWS = 8  # the list's height when the screen has room (1366×768 at 100 %)
    MIN_ROWS = 4  # and when it has not (125 %)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: list[Procedure] = []
        self.usage: dict[str, int] = {}  # procedure code → dossiers received at this counter
        self.current: Procedure | None = None
        self.query = named(QLineEdit(), "procedureSearch")
        self.query.setPlaceholderText(self.tr("Tìm thủ tục theo tên (không cần dấu) hoặc mã…"))
        self.query.setClearButtonEnabled(True)
        self.results = named(QListWidget(), "procedureList")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrows act from the search box
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setUniformItemSizes(True)
        row = self.results.fontMetrics().height() + 2
        self.results.setMinimumHeight(self.MIN_ROWS * row + 6)
        self._list_height = self.ROWS * row + 6
        self.detail = named(
            QLabel(self.tr("Chưa có thủ tục nào được chọn trong danh sách")), "procedureDetail"
        )
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_scroll = named(QScrollArea(), "procedureDetailScroll")
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setMinimumHeight(self.results.minimumHeight())
        self.summary = named(QLabel(self.tr("Chưa chọn thủ tục")), "procedureChosen")
        self.summary.setWordWrap(True)
        browse = QHBoxLayout()
        browse.addWidget(self.results, 1)
        browse.addWidget(detail_scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addLayout(browse, 1)
        layout.addWidget(self.summary)
        self.query.textChanged.connect(self._filter)
        self.query.installEventFilter(self)
        self.results.currentItemChanged.connect(lambda item, _prev: self._show(item))
        self.results.itemActivated.connect(lambda _i: self._choose())
        self.results.itemClicked.connect(lambda _i: self._choose())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._list_height + 80))

    def set_catalog(self, loaded: tuple[list[Procedure], dict[str, int]]) -> None:
        self.catalog, self.usage = loaded
        self._filter(self.query.text())

    def used(self, p: Procedure) -> None:
        """One more dossier of ``p`` received here: it climbs among equal matches."""
        self.usage[p.code] = self.usage.get(p.code, 0) + 1

    def reset(self) -> None:
        self.current = None
        self.query.clear()
        self.summary.setText(self.tr("Chưa chọn thủ tục"))

    def _filter(self, text: str) -> None:
        self.results.clear()
        for p in search(self.catalog, text, self.usage)[:50]:
            item = QListWidgetItem(f"{p.code}  {p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p.name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self._show(None)

    def _show(self, item: QListWidgetItem | None) -> None:
        """The highlighted procedure in full: its name, limit, fees and documents."""
        if item is None:
            self.detail.setText(self.tr("Không có thủ tục nào khớp"))
            return
        p: Procedure = item.data(Qt.ItemDataRole.UserRole)
        docs = "".join(
            f"<li>{html.escape(d.name)}"
            + ("" if d.required else " <i>" + self.tr("(nếu có)") + "</i>")
            + "</li>"
            for d in p.documents
        )
        self.detail.setText(
            f"<b>{html.escape(p.name)}</b><br>"
            + self.tr("Mã {0} · Thời hạn: {1} · Phí, lệ phí: {2}").format(
                p.code, limit_text(p.parsed_limit()), html.escape(self._fees(p))
            )
            + "<br>"
            + self.tr("Giấy tờ cần nộp:")
            + f"<ul style='margin:0 0 0 -20px'>{docs}</ul>"
        )

    def _fees(self, p: Procedure) -> str:
        return ", ".join(f"{f.name}: {money_text(f.amount)}/{f.per}" for f in p.fees) or self.tr(
            "không thu phí"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: self.ROWS - 1,
                Qt.Key.Key_PageUp: 1 - self.ROWS,
            }
            if key in steps and self.results.count():
                row = self.results.currentRow() + steps[Qt.Key(key)]
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                self._choose()
                return True
        return super().eventFilter(watched, event)

    def _choose(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        p: Procedure = item.data(Qt.ItemDataRole.UserRole)
        self.current = p
        # the full name and fees stay beside the list, the fees to count in the row below;
        # here on one line what the officer tells the citizen first (two lines of it had
        # pushed the documents' list to one row at 1366×768)
        self.summary.setText(
            self.tr("Đã chọn <b>{0}</b> — Thời hạn: {1}.").format(
                p.code, html.escape(limit_text(p.parsed_limit()))
            )
        )
        self.summary.setToolTip(p.name)
        self.chosen.emit(p)


class EnterMovesOn(QObject):
    """Enter in a one-line field goes to the next field, as Tab does (issue 22 item 4); in
    the last one it does ``last`` (receive). A scanner's Enter reaches the fields that read
    scans (the CCCD field) untouched: they are not watched."""

    def __init__(self, last: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_action = last
        self.fields: list[QWidget] = []  # the screen's own fields
        self.extra: list[QWidget] = []  # the chosen procedure's (fee quantities)
        self.final: QWidget | None = None

    def watch(self, fields: list[QWidget], final: QWidget | None = None) -> None:
        for w in fields:
            w.installEventFilter(self)
        self.fields.extend(fields)
        self.final = final or self.final

    def watch_extra(self, fields: list[QWidget]) -> None:
        """The fee quantities of the procedure now chosen (the last one's are gone)."""
        for w in fields:
            w.installEventFilter(self)
        self.extra = list(fields)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and (
            watched in self.fields or watched in self.extra
        ):
            assert isinstance(event, QKeyEvent)
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                assert isinstance(watched, QWidget)
                if watched is self.final:
                    self.last_action()
                else:
                    self._next(watched)
                return True
        return super().eventFilter(watched, event)

    def _next(self, w: QWidget) -> None:
        """The next enabled, visible widget of the tab order (as Tab would)."""
        nxt = w.nextInFocusChain()
        while nxt is not None and nxt is not w:
            if nxt.isVisible() and nxt.isEnabled() and nxt.focusPolicy() & Qt.FocusPolicy.TabFocus:
                nxt.setFocus(Qt.FocusReason.TabFocusReason)
                return
            nxt = nxt.nextInFocusChain()


class ReasonDialog(QDialog):
    """The reason of a refusal or of a supplement request: Enter adds a line, Ctrl+Enter
    records it (issue 22 item 2), Escape cancels."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.text = named(QPlainTextEdit(), "reasonText")
        self.text.setTabChangesFocus(True)
        self.ok = named(QPushButton(self.tr("Ghi và in (Ctrl+Enter)")), "reasonOk")
        self.ok.setProperty("primary", True)
        self.ok.setAutoDefault(False)
        cancel = named(QPushButton(self.tr("Hủy (Esc)")), "reasonCancel")
        cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title + ":"))
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel(self.tr("Enter: xuống dòng · Ctrl+Enter: ghi")))
        layout.addLayout(buttons)
        self.resize(560, 280)
        self.ok.clicked.connect(self._confirm)
        cancel.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.activated.connect(self._confirm)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _confirm(self) -> None:
        if not self.reason():
            self.text.setFocus()
            return
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.text.setFocus()


class FeeQuantities(QWidget):
    """The chosen procedure's fees with how many of each (issue 19): a fee per dossier counts
    once; one per page, copy or certificate takes the number the officer counts with the
    citizen. The total is shown as it will be stored and printed."""

    PER_DOSSIER = "hồ sơ"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fees: list[Fee] = []
        self.spins: list[QSpinBox | None] = []
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.total = named(QLabel(), "feeTotal")
        self.hide()

    def reset(self) -> None:
        self._clear()
        self.fees, self.spins = [], []
        self.hide()

    def _clear(self) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.total:
                widget.deleteLater()

    def load(self, p: Procedure) -> None:
        self._clear()
        self.fees = [f for f in p.fees if f.amount > 0]
        self.spins = []
        for f in self.fees:
            if f.per == self.PER_DOSSIER:
                self.spins.append(None)
                continue
            label = QLabel(self.tr("{0} ({1}/{2}) ×").format(f.name, money_text(f.amount), f.per))
            label.setToolTip(f.name)
            # a long fee name wraps: on one line the catalog's longest made the reception
            # screen 1,463 px wide
            label.setWordWrap(True)
            spin = named(QSpinBox(), "feeQuantity")
            spin.setRange(0, 10_000)
            spin.setValue(0)  # counted with the citizen: the pages, copies or certificates
            spin.setAccessibleName(f.name)
            spin.valueChanged.connect(self._changed)
            label.setBuddy(spin)
            self.row.addWidget(label, 1)
            self.row.addWidget(spin)
            self.spins.append(spin)
        self.row.addWidget(self.total)
        self.setVisible(bool(self.fees))
        self._changed()

    def lines(self) -> list[dict[str, Any]]:
        """The fee lines to store with the dossier (a line counted zero times is left out)."""
        out = []
        for f, spin in zip(self.fees, self.spins, strict=True):
            quantity = 1 if spin is None else spin.value()
            if quantity > 0:
                out.append({"name": f.name, "amount": f.amount, "quantity": quantity})
        return out

    def spin_boxes(self) -> list[QSpinBox]:
        return [s for s in self.spins if s is not None]

    def _changed(self) -> None:
        total = sum(line["amount"] * line["quantity"] for line in self.lines())
        self.total.setText(self.tr("Tổng phí, lệ phí: <b>{0}</b>").format(money_text(total)))


class ApplicantForm(QWidget):
    FIELDS = (
        ("name", "applicantName"),
        ("id_number", "applicantId"),
        ("birth_date", "applicantBirth"),
        ("address", "applicantAddress"),
        ("phone", "applicantPhone"),
        ("email", "applicantEmail"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QLineEdit] = {}
        labels = {
            "name": self.tr("Họ và tên"),
            "id_number": self.tr("Số CCCD / CMND / hộ chiếu"),
            "birth_date": self.tr("Ngày sinh (dd/mm/yyyy)"),
            "address": self.tr("Địa chỉ"),
            "phone": self.tr("Số điện thoại"),
            "email": self.tr("Thư điện tử"),
        }
        self.cccd = named(QLineEdit(), "cccdInput")
        self.cccd.setPlaceholderText(self.tr("Quét mã QR trên thẻ CCCD để điền tự động…"))
        # what a partly readable card left out, and the card's warnings with their confirmation
        # (issue 21): shown until the next card or the next citizen
        self.card_note = named(QLabel(""), "cccdNote")
        self.card_note.setWordWrap(True)
        self.card_warnings = named(QLabel(""), "cccdWarnings")
        self.card_warnings.setWordWrap(True)
        self.card_confirm = named(
            QCheckBox(self.tr("Đã đối chiếu với thẻ và hỏi lại công dân: xác nhận cảnh báo")),
            "cccdConfirm",
        )
        self._birth_year_warned = False
        form = QFormLayout(self)
        form.setVerticalSpacing(FORM_ROW_GAP)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Thẻ CCCD"), self.cccd)
        form.addRow(self.card_note)
        form.addRow(self.card_warnings)
        form.addRow(self.card_confirm)
        for key, name in self.FIELDS:
            edit = named(QLineEdit(), name)
            self.inputs[key] = edit
            form.addRow(labels[key], edit)
        self._clear_card()

    def field_label(self, key: str) -> str:
        """A card's field as the officer reads it, in the window's language."""
        return {
            "id_number": self.tr("số định danh"),
            "old_id": self.tr("số CMND cũ"),
            "name": self.tr("họ tên"),
            "birth_date": self.tr("ngày sinh"),
            "sex": self.tr("giới tính"),
            "address": self.tr("nơi thường trú"),
            "issue_date": self.tr("ngày cấp"),
        }.get(key, key)

    def warning_text(self, w: CccdWarning) -> str:
        """A card's warning in the window's language (by its code; the Vietnamese sentence of
        the domain when the code is new)."""
        p = w.params
        if w.code == "birth_year_mismatch":
            return self.tr(
                "Năm sinh trên thẻ ({0}) khác năm sinh trong số định danh ({1}): "
                "đối chiếu với thẻ; nếu thẻ ghi đúng như vậy, đánh dấu xác nhận để tiếp nhận"
            ).format(p.get("year"), p.get("coded"))
        if w.code == "sex_mismatch":
            return self.tr(
                "Giới tính trên thẻ ({0}) khác giới tính trong số định danh ({1})"
            ).format(p.get("sex"), p.get("coded"))
        if w.code == "name_repaired":
            return self.tr(
                "Họ tên trong mã QR bị lỗi mã hoá và đã được sửa thành “{0}”: "
                "đối chiếu với thẻ trước khi tiếp nhận"
            ).format(p.get("name"))
        if w.code == "address_repaired":
            return self.tr(
                "Nơi thường trú trong mã QR bị lỗi mã hoá và đã được sửa: "
                "đối chiếu với thẻ trước khi tiếp nhận"
            )
        return w.message

    def fill_from_card(self, card: CccdReading) -> list[str]:
        """Fill what the card gave (a field it did not give is emptied: this is a new person),
        show its warnings; the labels of the fields that could not be read."""
        values = {
            "name": card.name,
            "id_number": card.id_number,
            "birth_date": card.birth_date.strftime("%d/%m/%Y") if card.birth_date else None,
            "address": card.address,
        }
        for key, value in values.items():
            self.inputs[key].setText(value or "")
        self.cccd.clear()
        self._clear_card()
        unread = [self.field_label(p.field) for p in card.unread]
        if unread:
            self.card_note.setText(
                self.tr("Chưa đọc được từ thẻ: {0} — nhập tay theo thẻ").format(", ".join(unread))
            )
            # the Vietnamese reasons (never the garbled text itself) for whoever needs them
            self.card_note.setToolTip("\n".join(p.message for p in card.unread))
            mark(self.card_note, "error")
            self.card_note.show()
        self._birth_year_warned = any(w.code == "birth_year_mismatch" for w in card.warnings)
        if card.warnings:
            self.card_warnings.setText(
                "\n".join("⚠ " + self.warning_text(w) for w in card.warnings)
            )
            mark(self.card_warnings, "error")
            self.card_warnings.show()
            self.card_confirm.show()
        return unread

    def warnings_confirmed(self) -> bool:
        """No warning from the card, or the officer ticked that they checked them."""
        return self.card_confirm.isHidden() or self.card_confirm.isChecked()

    def birth_year_confirmed(self) -> bool:
        """The officer confirmed a birth year the card's number disagrees with."""
        return self._birth_year_warned and self.card_confirm.isChecked()

    def _clear_card(self) -> None:
        self.card_note.clear()
        self.card_note.setToolTip("")
        self.card_note.hide()
        self.card_warnings.clear()
        self.card_warnings.hide()
        self.card_confirm.setChecked(False)
        self.card_confirm.hide()
        self._birth_year_warned = False

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.birth_year_confirmed():
            out["birth_year_confirmed"] = True
        for key, edit in self.inputs.items():
            text = " ".join(edit.text().split())
            if not text:
                continue
            if key == "birth_date":
                out[key] = _iso_date(text)
            else:
                out[key] = text
        return out

    def reset(self) -> None:
        self.cccd.clear()
        self._clear_card()
        for edit in self.inputs.values():
            edit.clear()


def _iso_date(text: str) -> str:
    """dd/mm/yyyy as typed at the counter; anything else is passed on for the form to refuse."""
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            return text
    return text


class DocumentChecklist(QTableWidget):
    """The procedure's documents: tick what the citizen handed in, adjust the counts."""

    COUNTS = ("originals", "certified_copies", "photocopies")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("documentTable")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Giấy tờ (đánh dấu: đã nhận)"),
                self.tr("Bản chính"),
                self.tr("Bản sao chứng thực"),
                self.tr("Bản photo"),
                self.tr("Đã quét"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        # two papers stay in sight however tall the procedure list above grows (at 1366×768
        # the list's ten rows had squeezed this to one and a half)
        row = self.fontMetrics().height() + 10
        self.setMinimumHeight(header.sizeHint().height() + 2 * row + 4)
        self.setTabKeyNavigation(False)  # Tab leaves the table: the form stays keyboard-first
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )

    def load(self, procedure: Procedure) -> None:
        self.setRowCount(0)
        for d in procedure.documents:
            row = self.rowCount()
            self.insertRow(row)
            name = QTableWidgetItem(d.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked if d.required else Qt.CheckState.Unchecked)
            name.setToolTip(d.name + (f"\n{d.note}" if d.note else ""))
            self.setItem(row, 0, name)
            for col, key in enumerate(self.COUNTS, start=1):
                cell = QTableWidgetItem()
                cell.setData(Qt.ItemDataRole.EditRole, int(getattr(d, key)))
                self.setItem(row, col, cell)
            scanned = QTableWidgetItem("")
            scanned.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.setItem(row, 4, scanned)
        self.resizeRowsToContents()

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.item(row, col)
        assert item is not None  # every cell is filled by load()
        return item

    def _count(self, row: int, col: int) -> int:
        try:
            value = int(self._cell(row, col).data(Qt.ItemDataRole.EditRole) or 0)
        except (TypeError, ValueError):
            value = 0
        return max(0, min(50, value))

    def received(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.rowCount()):
            name = self._cell(row, 0)
            if name.checkState() != Qt.CheckState.Checked:
                continue
            counts = {key: self._count(row, col) for col, key in enumerate(self.COUNTS, start=1)}
            out.append({"name": name.text(), **counts})
        return out

    def show_scanned(self, pages: dict[str, int]) -> None:
        """The page count scanned for each document, in the last column."""
        for row in range(self.rowCount()):
            n = pages.get(self._cell(row, 0).text(), 0)
            self._cell(row, 4).setText(self.tr("{0} trang").format(n) if n else "")

    def document_at(self, row: int) -> str | None:
        item = self.item(row, 0) if 0 <= row < self.rowCount() else None
        return item.text() if item is not None else None

    def missing(self) -> list[str]:
        """What was not handed in: the list a supplement request (Mẫu 02) starts from."""
        return [
            self._cell(r, 0).text()
            for r in range(self.rowCount())
            if self._cell(r, 0).checkState() != Qt.CheckState.Checked
        ]
