"""The incident request form (Phụ lục II, Kiên Giang QĐ 921/QĐ-UBND) as the officer checks it
before printing: every field pre-filled from the incident and the counter, each editable; the
timeline and the error samples are facts and stay as recorded.

Printing is not sending: the officer records when the request left ("Gửi lúc", now unless
changed) with its own button, and only that starts the IT department's answer clock (An Giang
QĐ 66/2020 Điều 27.6)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.forms.common import BLANK
from desktop.domain.forms.facts import IncidentFacts
from desktop.services.incidents import FormOverrides

from .widgets import named

LINES = (
    ("report_to", QT_TRANSLATE_NOOP("IncidentFormPanel", "Kính gửi")),
    ("requester", QT_TRANSLATE_NOOP("IncidentFormPanel", "Người yêu cầu")),
    ("position", QT_TRANSLATE_NOOP("IncidentFormPanel", "Chức vụ")),
    ("agency", QT_TRANSLATE_NOOP("IncidentFormPanel", "Cơ quan")),
    ("email", QT_TRANSLATE_NOOP("IncidentFormPanel", "Thư điện tử")),
    ("phone", QT_TRANSLATE_NOOP("IncidentFormPanel", "Điện thoại")),
    ("service", QT_TRANSLATE_NOOP("IncidentFormPanel", "Dịch vụ bị ảnh hưởng")),
)
TEXTS = (
    ("description", QT_TRANSLATE_NOOP("IncidentFormPanel", "Mô tả sự cố")),
    ("proposal", QT_TRANSLATE_NOOP("IncidentFormPanel", "Đề xuất")),
)


def _tr(text: object) -> str:
    return QCoreApplication.translate("IncidentFormPanel", str(text))


class IncidentFormPanel(QWidget):
    save_requested = Signal()
    print_requested = Signal()
    reported_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("incidentFormPanel")
        self.lines: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.shown: dict[str, str] = {}  # what was pre-filled, to send only what was edited
        form = QFormLayout()
        for key, label in LINES:
            edit = named(QLineEdit(), f"incidentForm_{key}")
            self.lines[key] = edit
            form.addRow(_tr(label), edit)
        for key, label in TEXTS:
            text = named(QPlainTextEdit(), f"incidentForm_{key}")
            text.setFixedHeight(96 if key == "description" else 64)
            self.texts[key] = text
            form.addRow(_tr(label), text)
        self.timeline = named(QLabel(""), "incidentTimeline")
        self.timeline.setWordWrap(True)
        form.addRow(self.tr("Diễn biến"), self.timeline)

        self.save = named(QPushButton(self.tr("Lưu phiếu")), "saveFormButton")
        self.print = named(QPushButton(self.tr("In phiếu yêu cầu (A4)")), "printFormButton")
        self.print.setProperty("primary", True)
        self.reported = named(
            QPushButton(self.tr("Đã gửi phiếu cho đơn vị xử lý")), "markReportedButton"
        )
        # when the request left: now, unless the officer says it went earlier
        self.sent_at = named(QDateTimeEdit(QDateTime.currentDateTime()), "incidentSentAt")
        self.sent_at.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.sent_at.setCalendarPopup(True)
        self._sent_at_edited = False
        self.sent_at.dateTimeChanged.connect(self._sent_at_changed)
        self.save.clicked.connect(self.save_requested)
        self.print.clicked.connect(self.print_requested)
        self.reported.clicked.connect(self.reported_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.print)
        buttons.addSpacing(16)
        buttons.addWidget(QLabel(self.tr("Gửi lúc")))
        buttons.addWidget(self.sent_at)
        buttons.addWidget(self.reported)
        buttons.addStretch(1)

        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def show_facts(self, facts: IncidentFacts, reported: bool, now: datetime | None = None) -> None:
        """``now``: the counter's clock (Vietnam's time, whatever the machine's zone)."""
        values = {key: getattr(facts, key) for key, _l in (*LINES, *TEXTS)}
        self.shown = {k: ("" if v == BLANK else v) for k, v in values.items()}
        for key, edit in self.lines.items():
            edit.setText(self.shown[key])
        for key, text in self.texts.items():
            text.setPlainText(self.shown[key])
        lines = list(facts.timeline)
        if facts.samples:
            lines.append(self.tr("Lỗi ghi nhận:"))
            lines += [f"· {s}" for s in facts.samples]
        self.timeline.setText("\n".join(lines))
        self.reported.setEnabled(not reported)
        self.sent_at.setEnabled(not reported)
        if not self._sent_at_edited:  # the minute timer keeps "now" current
            self.sent_at.blockSignals(True)
            self.sent_at.setDateTime(QDateTime(now) if now else QDateTime.currentDateTime())
            self.sent_at.blockSignals(False)

    def _sent_at_changed(self) -> None:
        self._sent_at_edited = True

    def sent_moment(self) -> datetime | None:
        """When the officer says the request was sent; None (now) when left untouched."""
        if not self._sent_at_edited:
            return None
        moment: datetime = self.sent_at.dateTime().toPython()  # type: ignore[assignment]
        return moment.replace(second=0, microsecond=0, tzinfo=None)

    def has_edits(self) -> bool:
        return any(getattr(self.edits(), key) is not None for key in self.shown)

    def edits(self) -> FormOverrides:
        """Only the fields the officer changed: the rest keep following the incident."""
        now = {k: e.text() for k, e in self.lines.items()}
        now |= {k: t.toPlainText() for k, t in self.texts.items()}
        changed = {k: v for k, v in now.items() if v.strip() != self.shown.get(k, "").strip()}
        return FormOverrides(**{k: (v if v.strip() else None) for k, v in changed.items()})
