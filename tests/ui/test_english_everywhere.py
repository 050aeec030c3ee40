"""English that is English (issue 22, item 6): the window opened in English, signed in, walked
through every screen in a state that shows something (a dossier open in look-up, one in returns,
statistics with data, the hand-over list, the inboxes, incidents, settings, feedback), and every
text on screen read — labels, buttons, tables, tabs, group titles, tooltips, placeholders,
combo items, window titles. Whatever still carries Vietnamese letters is a miss, unless it is
data: the citizen's name and address, the catalog's procedures, the counter's and offices'
names. Data is allowed by where it comes from (the catalog, the dossiers received here, the
counter's title), not by a blanket exemption; it is cut out of each text before the check, so
an English sentence around a Vietnamese name is still checked.

One window walks all screens (about 5 s alone, up to 12 s on a busy machine): each screen
loads its data on the workers, which is what is being read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.stats.metrics import Metric
from desktop.services.feedback import SOURCE as FEEDBACK_SOURCE
from desktop.store.catalog import list_procedures
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.desk_settings import DeskSettings, save_settings
from desktop.store.dossiers.service import DossierService
from desktop.ui.i18n import LANGUAGES, use_language
from desktop.ui.main_window import MainWindow
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import minimal_form
from tests.ui.test_citizen_display import lookup_payload
from tests.ui.test_counter_app import WAIT, open_window
from tests.ui.test_handover_view import STAFF, receive

# the letters only Vietnamese uses among the Latin ones, and its tone marks (combining, after
# NFD): "Hồ sơ", "Đã trả", "Trạng thái" all carry one; English never does
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def vietnamese(text: str) -> bool:
    if any(c in _VI_LETTERS for c in text):
        return True
    return any(c in _TONES for c in unicodedata.normalize("NFD", text))


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    rows = model.rowCount(parent)
    cols = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    if parent == QModelIndex():
        for orientation in (Qt.Orientation.Horizontal,):
            for c in range(cols):
                yield str(model.headerData(c, orientation, Qt.ItemDataRole.DisplayRole) or "")
                yield str(model.headerData(c, orientation, Qt.ItemDataRole.ToolTipRole) or "")
    for r in range(min(rows, 50)):
        for c in range(cols):
            index = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))
            if c == 0 and not flat and model.hasChildren(index):
                yield from _model_texts(model, index)


def screen_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a visible widget under ``root`` shows."""
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__}#{w.objectName()}"
        yield where, w.toolTip()
        yield where, w.windowTitle() if w.isWindow() else ""
        if isinstance(w, (QLabel, QAbstractButton)):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit):
            yield where, w.placeholderText()
        elif isinstance(w, QTextEdit):
            yield where, w.toPlainText()
            yield where, w.placeholderText()
        elif isinstance(w, QPlainTextEdit):
            yield where, w.placeholderText()
        elif isinstance(w, QComboBox):
            yield from ((where, w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where, w.tabText(i)
                yield where, w.tabToolTip(i)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            yield from ((where, t) for t in _model_texts(w.model()))


def _sources(model: object) -> Iterator[str]:
    """Every ``source`` text in the province profile (a rule's legal citation)."""
    if isinstance(model, BaseModel):
        for name, value in model:
            if name == "source" and isinstance(value, str):
                yield value
            else:
                yield from _sources(value)
    elif isinstance(model, (list, tuple)):
        for item in model:
            yield from _sources(item)
    elif isinstance(model, dict):
        for item in model.values():
            yield from _sources(item)


def data_strings(data: Path, window: MainWindow) -> list[str]:
    """The Vietnamese a screen may show in English mode because it is data: the catalog's
    words, the citizens' names and addresses received here, the counter's and units' names."""
    db = Database.open(data)
    try:
        with db.read() as s:
            procedures = list_procedures(s)
    finally:
        db.close()
    found: set[str] = set()
    for p in procedures:
        found |= {p.name, p.field.name, p.agency, *p.legal_basis}
        found |= {p.unit} if p.unit else set()
        found |= {f.name for f in p.fees} | {f.per for f in p.fees}
        found |= {d.name for d in p.documents} | {d.note for d in p.documents if d.note}
    form = minimal_form()
    applicant = form["applicant"]
    assert isinstance(applicant, dict)
    found |= {str(v) for v in applicant.values()}
    found |= {STAFF.full_name, "Trần Thị Mai", window.desk.ctx.profile.name if window.desk else ""}
    # the regulations a deadline cites, quoted as the province wrote them (the profile's
    # sources, the feedback rule's), and the Vietnamese language's own name in its list
    db = Database.open(data)
    try:
        found |= set(_sources(load_context(db, data).profile))
    finally:
        db.close()
    found |= {FEEDBACK_SOURCE, LANGUAGES["vi"]}
    # longest first, so that a name is cut out whole before a shorter one inside it
    return sorted((s for s in found if s and vietnamese(s)), key=len, reverse=True)


def misses(root: QWidget, allowed: list[str]) -> set[str]:
    out = set()
    for where, text in screen_texts(root):
        rest = text
        for value in allowed:
            rest = rest.replace(value, "")
        if vietnamese(rest):
            out.add(f"{where}: {text!r}")
    return out


def settle(window: MainWindow, qtbot: QtBot) -> None:
    """Every piece of work started by the screens done and its answer shown."""
    import time

    t = time.monotonic()
    for _ in range(4):
        window.tasks.wait(WAIT)
        qtbot.wait(20)
        QApplication.processEvents()
    print("settle", time.monotonic() - t)


def test_every_screen_speaks_english(qtbot: QtBot, counter_dir: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    save_settings(counter_dir, DeskSettings(language="en"))
    now = datetime.now().replace(microsecond=0)
    waiting, ready = receive(counter_dir, ["2.000815", "1.004873"], now - timedelta(hours=2))
    db = Database.open(counter_dir)
    try:
        DossierService(db, load_context(db, counter_dir)).result_ready(ready, STAFF)
    finally:
        db.close()
    use_language(app, "en")
    found: dict[str, set[str]] = {}
    try:
        window = open_window(qtbot, counter_dir)
        window.resize(1366, 768)
        window.login.username.setText("admin")
        window.login.password.setText(ADMIN_PASSWORD)
        window.login.attempt()
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=WAIT)
        settle(window, qtbot)
        allowed = data_strings(counter_dir, window)

        def visit(name: str, view: QWidget) -> None:
            window.show_view(view)
            settle(window, qtbot)
            found[name] = misses(window, allowed)

        visit("reception", window.reception)
        summary = window.reception.day_summary.text()
        assert re.fullmatch(r"Today: received \d+ · returned \d+ · waiting \d+ · due \d+", summary)
        # the scan window with no scanner
        scans = window.reception.scans
        scans._devices([])
        window.reception.scan_dialog.show()
        found["scan dialog"] = misses(window.reception.scan_dialog, allowed)
        assert scans.no_scanner.isVisible()
        window.reception.scan_dialog.accept()
        window.lookup.query.setText(waiting)
        window.lookup.refresh()
        settle(window, qtbot)
        visit("lookup", window.lookup)
        assert window.lookup.count.text() == "1 dossier"  # not "1 dossiers"
        visit("online", window.online)
        window.show_view(window.returns)
        window.returns.check(lookup_payload(counter_dir, ready))
        qtbot.waitUntil(lambda: window.returns.current is not None, timeout=WAIT)
        visit("returns", window.returns)
        visit("handover", window.handover)
        visit("stats", window.stats)
        # numbers in English style too: "50.0%", not the Vietnamese "50,0 %"
        rate = window.stats.rate.text()
        assert re.search(r"On time: (\d+\.\d%|—)", rate) and ",0 %" not in rate, rate
        # a figure's drill-down: its title and table
        window.stats.drill(Metric.RECEIVED)
        qtbot.waitUntil(lambda: hasattr(window.stats, "drill_dialog"), timeout=WAIT)
        drill = window.stats.drill_dialog
        found["drill-down"] = misses(drill, allowed)
        assert drill.findChild(QLabel, "drillTitle").text() == "Newly received: 2 dossiers"
        drill.close()
        visit("incidents", window.incidents)
        assert window.incidents.pages.currentWidget() is window.incidents.none_page
        window.incidents.open_day_close()
        day = window.incidents.day_dialog
        qtbot.waitUntil(lambda: bool(day.figures.text()) and day.state is not None, timeout=WAIT)
        found["close-day dialog"] = misses(day, allowed)
        day.accept()
        feedback = window._view("feedback")
        visit("feedback", feedback)
        assert feedback.count.text() == "No feedback or complaint recorded yet."  # type: ignore[attr-defined]
        visit("settings", window.settings)
        report = {k: sorted(v) for k, v in found.items() if v}
        assert not report, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in report.items())
    finally:
        use_language(app, "vi")  # the next tests in this process speak Vietnamese
