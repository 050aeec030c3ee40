"""Counters for the window tests: a real data dir with an officer, a receipt printer that is
the virtual ESC/POS printer on loopback, and (for sync) the real reference server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.store.accounts.officers import create_officer
from desktop.store.counter import init_counter
from desktop.store.db import Database
from desktop.store.models import Officer
from desktop.store.printing.printouts import save_printer
from devtools.virtual_printer import VirtualPrinter
from printing.connections import PrinterSettings
from tests.clitools import ADMIN_PASSWORD
from tests.synctools import ServerProcess

OFFICER = "tiepnhan"
PASSWORD = "Quay2026abc"
CARD = (
    "089085001234|123456789|Nguyễn Văn An|12031985|Nam|Số 1 Lê Lợi, Long Xuyên, An Giang|01012021"
)


def add_officer(
    data: Path,
    username: str = OFFICER,
    password: str = PASSWORD,
    roles: frozenset[str] = frozenset({"reception", "returns"}),
    must_change: bool = False,
) -> None:
    db = Database.open(data)
    try:
        with db.write() as s:
            if s.scalar(select(Officer).where(Officer.username == username)) is None:
                create_officer(
                    s,
                    username,
                    "Trần Thị Mai",
                    roles,
                    password,
                    must_change=must_change,
                    by="admin",
                )
    finally:
        db.close()


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "slips") as p:
        yield p


@pytest.fixture
def counter_dir(tmp_path: Path, printer: VirtualPrinter) -> Path:
    """A self-numbering An Giang counter with its officer and its receipt printer."""
    data = tmp_path / "data"
    db = Database.open(data, create=True)
    try:
        init_counter(
            db,
            province="an-giang",
            agency="000.00.12.H01",
            counter="Q01",
            server_url=None,
            admin_user="admin",
            admin_password=ADMIN_PASSWORD,
        )
    finally:
        db.close()
    add_officer(data)
    save_printer(data, PrinterSettings(f"tcp://127.0.0.1:{printer.port}", dots=576))
    return data


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Before pytest-qt closes a test's windows: a window left with a receipt not printed
    closes without asking (it would stay open behind its question and take the keys of the
    tests after it). Tests of that question close with ``ask_before_close`` on."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.ask_before_close = False
    yield


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """Each test ends in the language it began in. The language is the application's (its
    translators and Qt's default locale), so a test that switches to English — the screenshot
    command's ``take(..., "en")`` does, as the command would for the rest of its process — left
    every later test on that worker reading English (a camera message read "This computer has
    no camera" under a full parallel run)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n

    installed, spoken, locale = list(i18n._INSTALLED), i18n.current_language(), QLocale()
    yield
    app = QApplication.instance()
    if app is None or (installed == i18n._INSTALLED and i18n.current_language() == spoken):
        return
    while i18n._INSTALLED:
        app.removeTranslator(i18n._INSTALLED.pop())
    for translator in installed:
        app.installTranslator(translator)
    i18n._INSTALLED.extend(installed)
    i18n._SPOKEN[0] = spoken
    QLocale.setDefault(locale)


@pytest.fixture(autouse=True)
def _closed_windows_deleted() -> Iterator[None]:
    """After each test, the windows and dialogs it closed are deleted, not kept until the process
    ends: Qt keeps a closed top-level widget, and every later re-styling (a text-size change)
    or language change walked all of them — 1.2–1.4 s per style sheet set late in a run."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
