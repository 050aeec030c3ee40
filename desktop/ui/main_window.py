"""The counter window: sign-in, then the screens the officer's roles allow (reception,
look-up, returns, settings), with sync status always visible and sync running by itself.

Nothing here touches disk, network, printers or scanners on the GUI thread: the window holds
a :class:`~desktop.services.desk.Desk` and hands every call to a worker.

The window comes up first and loads the rest behind it. A quick look at the data dir with
sqlite3 (:mod:`desktop.store.first_look`) puts the sign-in screen up with the counter's name;
then the desk opens on the database thread, where a sign-in typed meanwhile waits for it; then
the other screens' modules are imported in the background, and each screen is built when an
officer whose roles include it signs in."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import may
from desktop.services.startup import (
    INSECURE_KEYRING_ENV,
    FirstLook,
    allowed_insecure_backend,
    first_look,
)

from .citizen_screen import CitizenScreen
from .domain_words import counter_heading
from .i18n import current_language, use_language
from .login_view import LoginView
from .operations import DeskOp
from .screen_tabs import ScreenTabs
from .status_bar import SyncStatusBar
from .style import apply_font_size
from .tasks import Tasks
from .widgets import named, shortcut

if TYPE_CHECKING:
    from desktop.devices.wedge import WedgeScan
    from desktop.domain.qr_token import TrustedKey
    from desktop.services.desk import Desk, DeskSettings, OfficerInfo, SyncStatus
    from desktop.services.incidents import IncidentView
    from sync.engine import SyncReport

    from .handover_view import HandoverView
    from .incident_view import IncidentScreen
    from .lookup_view import LookupView
    from .online_view import OnlineView
    from .reception import ReceptionView
    from .returns_view import ReturnsView
    from .settings_view import SettingsView
    from .stats_view import StatsView
    from .sync_controller import SyncController
    from .wedge_filter import WedgeFilter

T = TypeVar("T")

# What the screens behind sign-in use besides Qt (openpyxl for statistics, the scanner,
# camera-decoding and incident stacks, the PDF and ESC/POS encoders the first print needs):
# most of their import time, imported on a worker thread once the desk is open. None of these
# imports Qt (tests/ui/test_lazy_start.py checks).
BACKGROUND_IMPORTS = (
    "printing.pdf",
    "escpos.printer",
    "desktop.store.stats.exports",
    "desktop.store.stats.reports",
    "desktop.domain.stats.tables",
    "desktop.services.incidents",
    "desktop.store.incidents.form",
    "desktop.store.incidents.day_close",
    "desktop.domain.forms.facts",
    "desktop.devices.pages",
    "desktop.devices.registry",
    "desktop.devices.scanjob",
    "desktop.devices.qr_decode",
    "printing.thermal",
)
# The screens' own modules, and Qt's modules they bring (charts, multimedia): imported on the
# GUI thread only, one at a time in idle time after the imports above, or when first needed.
SCREEN_MODULES = (
    "desktop.ui.reception",
    "desktop.ui.lookup_view",
    "desktop.ui.online_view",
    "desktop.ui.returns_view",
    "desktop.ui.handover_view",
    "desktop.ui.stats_view",
    "desktop.ui.incident_view",
    "desktop.ui.settings_view",
)


def open_desk(data_dir: Path) -> Desk:
    from desktop.services.desk import Desk

    return Desk.open(data_dir)


def import_background() -> None:
    for name in BACKGROUND_IMPORTS:
        importlib.import_module(name)


def settle_heap() -> None:
    """Move everything built so far (Qt wrappers, SQLAlchemy, the catalog) out of the garbage
    collector's reach: a full collection of that heap takes ~80 ms with the GIL held, which,
    run from the sync thread, would freeze the window (measured in tests/ui)."""
    gc.freeze()


_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class MainWindow(QMainWindow):
    # the window can be used: the sign-in screen is up, or the page saying why the data dir
    # cannot be opened (once)
    ready = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        start_sync: bool = True,
        sync_interval: float = 20.0,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.data_dir = data_dir
        # closing with a receipt not printed asks first (off for a window a harness closes)
        self.ask_before_close = True
        # a language asked for (`app --screenshot --lang`) stands over the counter's setting
        self.fixed_language = language
        self.start_sync = start_sync
        self.sync_interval = sync_interval
        self.tasks = Tasks(self)
        self.desk: Desk | None = None
        self.officer: OfficerInfo | None = None
        self.sync: SyncController | None = None
        self.loading = True  # until the sign-in screen (or the reason it cannot be) is up
        self.opening = True  # until the desk has opened behind it, or failed to
        self.closing = False
        self._views: dict[str, QWidget] = {}
        self._retired: list[QWidget] = []  # screens built in a language no longer spoken
        self.setWindowTitle(self.tr("Quầy Một Cửa"))
        self.resize(1280, 760)

        self.message = named(QLabel(self.tr("Đang mở dữ liệu của quầy…")), "messageLabel")
        self.message.setWordWrap(True)  # centred by the style sheet (no Qt namespace yet)
        self.login = LoginView(self.tasks)
        self.tabs = named(ScreenTabs(), "screenTabs")
        self.heading = named(QLabel(""), "counterHeading")
        self.officer_label = named(QLabel(""), "officerLabel")
        # a long office name wraps rather than widen the window past a 1366×768 screen at
        # 125 % (issue 22)
        self.heading.setWordWrap(True)
        self.lock_button = named(QPushButton(self.tr("Khóa màn hình (Ctrl+L)")), "lockButton")
        self.logout_button = named(QPushButton(self.tr("Đăng xuất")), "logoutButton")
        self.banner = named(QLabel(""), "offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        # a file keyring allowed for a demonstration: said on every screen, sign-in included
        # (filled in from a worker thread: finding the keyring backend loads its libraries)
        self.keyring_warning = named(QLabel(), "keyringWarning")
        self.keyring_warning.setWordWrap(True)
        self.keyring_warning.hide()

        work = QWidget()
        head = QHBoxLayout()
        # the heading takes the free width (a wrapping label only wraps when it must)
        head.addWidget(self.heading, 1)
        head.addWidget(self.officer_label)
        # the citizen-facing display (issue 20, desktop/ui/citizen_screen.py): shown or hidden
        self.citizen_screen = CitizenScreen(self.tasks, self)
        self.citizen_action = QAction(self.tr("Màn hình cho người dân (Ctrl+Shift+M)"), self)
        self.citizen_action.setCheckable(True)
        self.citizen_action.setShortcut("Ctrl+Shift+M")
        self.citizen_action.triggered.connect(self.citizen_screen.set_on)
        self.citizen_screen.switched.connect(self.citizen_action.setChecked)
        self.addAction(self.citizen_action)
        citizen_button = named(QToolButton(), "citizenDisplayButton")
        citizen_button.setDefaultAction(self.citizen_action)
        head.addWidget(citizen_button)
        head.addWidget(self.lock_button)
        head.addWidget(self.logout_button)
        wl = QVBoxLayout(work)
        wl.addLayout(head)
        wl.addWidget(self.tabs, 1)
        self.stack = named(QStackedWidget(), "pages")
        error_page = QWidget()
        QVBoxLayout(error_page).addWidget(self.message)
        for page in (error_page, self.login, work):
            self.stack.addWidget(page)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(6, 6, 6, 0)
        cl.addWidget(self.keyring_warning)
        cl.addWidget(self.banner)
        cl.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = SyncStatusBar(self.statusBar(), self.banner, self)

        self.login.signed_in.connect(self._signed_in)
        self.lock_button.clicked.connect(lambda: self.lock())
        self.logout_button.clicked.connect(self.logout)
        shortcut(self, "Ctrl+L", lambda: self.lock())
        keys = (
            ("F3", "reception"),
            ("F4", "lookup"),
            ("F5", "online"),
            ("F6", "returns"),
            ("F7", "stats"),
            ("F9", "incidents"),
            ("F10", "handover"),  # F8 is the reception's scanner
            ("F11", "feedback"),
        )
        for key, name in keys:
            shortcut(self, key, partial(self._show_named, name))
        self.idle_minutes = 10
        self.idle = QTimer(self, singleShot=True)
        self.idle.timeout.connect(lambda: self.lock(idle=True))
        self.poll = QTimer(self, interval=5000)
        self.poll.timeout.connect(self.refresh_status)
        self.trusted: dict[str, TrustedKey] = {}
        self.wedge: WedgeFilter | None = None  # with the desk: see _watch_input

        DeskOp(
            self.tasks,
            lambda: first_look(data_dir),
            self._looked,
            quiet=True,
            on_failed=self._look_failed,
        ).start()
        self._quietly(allowed_insecure_backend, self._show_keyring_warning, io=True)

    # -- opening ---------------------------------------------------------------------------------

    def _looked(self, look: FirstLook | None) -> None:
        """The quick look: the sign-in screen goes up at once when the data dir holds a counter
        database at the current schema; then the desk opens behind it. Anything else waits for
        the desk's open, which migrates or explains."""
        if look is not None and self.loading:
            self._show_sign_in(look.title)
            QTimer.singleShot(0, self._open_desk)  # once the screen has been drawn
        else:
            self._open_desk()

    def _look_failed(self, _exc: Exception) -> None:
        self._open_desk()  # the full open says what is wrong

    def _quietly(
        self, run: Callable[[], T], done: Callable[[T], None], *, io: bool = False
    ) -> None:
        """Background work whose failure the officer can do nothing about (a status poll,
        preloading): a failure leaves the screen as it is."""
        DeskOp(self.tasks, run, done, quiet=True, io=io).start()

    def _open_desk(self) -> None:
        if not self.closing:
            data_dir = self.data_dir
            DeskOp(
                self.tasks,
                lambda: open_desk(data_dir),
                self._opened,
                say=self._say_not_opened,
                on_failed=self._open_failed,
            ).start()

    def _show_sign_in(self, title: str) -> None:
        title = counter_heading(title)
        self.setWindowTitle(self.tr("Quầy Một Cửa — {0}").format(title))
        self.heading.setText(title)
        self.login.show_counter(title)
        self.stack.setCurrentWidget(self.login)
        self.login.username.setFocus()
        self._ready()

    def _ready(self) -> None:
        if self.loading:
            self.loading = False
            self.ready.emit()

    def _show_keyring_warning(self, backend: str | None) -> None:
        if backend is None:
            return
        # one line at 1366 px: the warning stands on every screen and must not push the
        # screen below it into scrolling; the backend's name is in the tooltip
        self.keyring_warning.setText(
            self.tr(
                "CẢNH BÁO: chỉ để chạy thử — khóa của quầy nằm trong tệp không được bảo vệ ({0}=1)."
            ).format(INSECURE_KEYRING_ENV)
        )
        self.keyring_warning.setToolTip(backend)
        self.keyring_warning.show()

    def _opened(self, desk: Desk) -> None:
        if self.closing:  # closed while the desk opened
            desk.close()
            return
        self.opening = False
        self.desk = desk
        self.tasks.log_to(desk.data_dir / "logs")
        if self.loading:
            self._show_sign_in(desk.title)
        else:  # the sign-in screen is up already, perhaps with a sign-in waiting for the desk
            title = counter_heading(desk.title)
            self.setWindowTitle(self.tr("Quầy Một Cửa — {0}").format(title))
            self.heading.setText(title)
        self.login.set_desk(desk)
        self.citizen_screen.set_desk(desk)
        self._watch_input()
        sync = self._connect_sync(desk)
        settle_heap()
        if self.start_sync:
            sync.start()
        self.refresh_status()
        self.poll.start()
        self._quietly(desk.settings, self._settings_loaded)
        self._load_keys()
        # the other screens' modules, so that signing in only builds them
        screens = list(SCREEN_MODULES)
        later = partial(self._import_screens, screens)
        DeskOp(
            self.tasks,
            import_background,
            lambda _r: later(),
            quiet=True,
            io=True,
            on_failed=lambda _e: later(),
        ).start()

    def _import_screens(self, names: list[str]) -> None:
        """One screen module now, the next one at the next pass of the event loop, so that
        typing at the sign-in screen never waits for more than one."""
        if names and not self.closing:
            importlib.import_module(names.pop(0))
            QTimer.singleShot(0, partial(self._import_screens, names))

    # -- scanners ---------------------------------------------------------------------------

    def _watch_input(self) -> None:
        """The application-wide filters: input restarts the idle lock's countdown, and a
        keyboard-wedge scanner's burst goes to the screen it is for. Neither has anything to
        do before someone can sign in, so they come with the desk, and the scanner's
        classifier (and the Qt key enums it reads) load after the sign-in screen is up."""
        from .wedge_filter import WedgeFilter

        app = QApplication.instance()
        if app is None or self.wedge is not None:
            return
        self.wedge = WedgeFilter(self._scanned, self._plausible_scan, parent=self)
        app.installEventFilter(self)
        app.installEventFilter(self.wedge)

    def _load_keys(self) -> None:
        desk = self.desk
        if desk is not None:
            self._quietly(desk.trusted_keys, self._keys_loaded)

    def _keys_loaded(self, keys: dict[str, TrustedKey]) -> None:
        self.trusted = keys

    def _plausible_scan(self, text: str) -> bool:
        """What a scanner's burst may be: a receipt QR signed by a counter we trust (checked
        here, in memory), a CCCD card's QR, or any other printable code."""
        from desktop.devices.wedge import plausible_payload
        from desktop.domain.qr_token import PREFIX as QR_PREFIX
        from desktop.domain.qr_token import QrRejected, verify

        if text.startswith(QR_PREFIX + ":") or "%3A" in text.upper():
            try:
                verify(text, self.trusted)
            except QrRejected:
                return False
            return True
        return "|" in text or plausible_payload(text)

    def _scanned(self, scan: WedgeScan) -> bool:
        """A scanner read something: send it to the screen it belongs to. False: no screen
        takes it (or nobody is signed in), so it is delivered as the typing it looks like."""
        from desktop.domain.qr_token import PREFIX as QR_PREFIX

        if self.officer is None or self.stack.currentIndex() != 2:
            return False
        payload = scan.payload
        if QR_PREFIX + ":" in payload.upper() or "MC1%3A" in payload.upper():
            if not self._on_tab("returns"):
                return False
            self.show_view(self.returns)
            self.returns.check(payload)
            return True
        if scan.typed.count("|") >= 5 and self._on_tab("reception"):
            self.show_view(self.reception)
            self.reception.fill_from_cccd(scan.typed)
            return True
        return False

    def _connect_sync(self, desk: Desk) -> SyncController:
        from .sync_controller import SyncController

        sync = SyncController(desk, interval=self.sync_interval, parent=self)
        sync.connectivity.connect(self.status.show_connectivity)
        sync.progress.connect(self.status.show_progress)
        sync.cycle.connect(self._sync_cycle)
        sync.busy.connect(lambda why: self.status.state.setText(why))
        sync.incident.connect(self._incident)
        self.sync = sync
        return sync

    def _settings_loaded(self, settings: DeskSettings) -> None:
        self.idle_minutes = settings.idle_lock_minutes
        self.citizen_screen.configure(settings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_size(app, settings.font_size_pt)
            if self.fixed_language is None and settings.language != current_language():
                self.switch_language(settings.language)

    def switch_language(self, language: str) -> None:
        """The screens in ``language`` now, without a restart (issue 22): the translators are
        swapped, the window's own words said again, and every screen built afresh (a screen's
        words are set when it is built). The screens built before are retired, not deleted:
        work they started on a worker thread may still answer them."""
        app = QApplication.instance()
        assert app is not None
        use_language(app, language)
        showing = next(
            (name for name, view in self._views.items() if view is self.tabs.currentWidget()),
            None,
        )
        self.tabs.clear()
        for view in self._views.values():
            view.hide()
            self._retired.append(view)
        self._views.clear()
        self.setWindowTitle(self.tr("Quầy Một Cửa"))
        self.lock_button.setText(self.tr("Khóa màn hình (Ctrl+L)"))
        self.logout_button.setText(self.tr("Đăng xuất"))
        self.citizen_action.setText(self.tr("Màn hình cho người dân (Ctrl+Shift+M)"))
        self.login.retranslate()
        if self.officer is not None and self.desk is not None:
            self._build_tabs_for(self.officer)
            if showing is not None and showing in self._views:
                self.show_view(self._views[showing])
        self.refresh_status()

    def _say_not_opened(self, text: str, _role: str) -> None:
        self.message.setText(self.tr("Chưa mở được dữ liệu của quầy.\n{0}").format(text))

    def _open_failed(self, _exc: Exception) -> None:
        self.opening = False
        self.stack.setCurrentIndex(0)
        self.login.desk_failed()
        self._ready()

    # -- the screens behind sign-in ----------------------------------------------------------

    @property
    def reception(self) -> ReceptionView:
        return cast("ReceptionView", self._view("reception"))

    @property
    def lookup(self) -> LookupView:
        return cast("LookupView", self._view("lookup"))

    @property
    def online(self) -> OnlineView:
        return cast("OnlineView", self._view("online"))

    @property
    def handover(self) -> HandoverView:
        return cast("HandoverView", self._view("handover"))

    @property
    def returns(self) -> ReturnsView:
        return cast("ReturnsView", self._view("returns"))

    @property
    def stats(self) -> StatsView:
        return cast("StatsView", self._view("stats"))

    @property
    def incidents(self) -> IncidentScreen:
        return cast("IncidentScreen", self._view("incidents"))

    @property
    def settings(self) -> SettingsView:
        return cast("SettingsView", self._view("settings"))

    def _view(self, name: str) -> QWidget:
        """A screen, built the first time it is wanted (its module is usually imported by
        then, in the background)."""
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = self._build_view(name)
        return view

    def _build_view(self, name: str) -> QWidget:
        if name == "reception":
            from .reception import ReceptionView

            reception = ReceptionView(self.tasks)
            reception.changed.connect(self._dossiers_changed)
            return reception
        if name == "lookup":
            from .lookup_view import LookupView

            lookup = LookupView(self.tasks)
            lookup.reprint.connect(lambda code: self.reception._preview("receipt", code))
            return lookup
        if name == "online":
            from .online_view import OnlineView

            online = OnlineView(self.tasks)
            online.changed.connect(self._dossiers_changed)
            return online
        if name == "handover":
            from .handover_view import HandoverView

            handover = HandoverView(self.tasks)
            handover.changed.connect(self._dossiers_changed)
            return handover
        if name == "feedback":
            from .feedback_view import FeedbackScreen

            feedback = FeedbackScreen(self.tasks)
            feedback.changed.connect(self._dossiers_changed)
            return feedback
        if name == "returns":
            from .returns_view import ReturnsView

            returns = ReturnsView(self.tasks)
            returns.changed.connect(self._dossiers_changed)
            return returns
        if name == "stats":
            from .stats_view import StatsView

            stats = StatsView(self.tasks)
            stats.open_dossier.connect(self.open_dossier)
            return stats
        if name == "incidents":
            from .incident_view import IncidentScreen

            incidents = IncidentScreen(self.tasks)
            incidents.changed.connect(self._dossiers_changed)
            return incidents
        if name == "settings":
            from .settings_view import SettingsView

            settings = SettingsView(self.tasks)
            settings.server_changed.connect(self._restart_sync)
            settings.saved.connect(self._settings_loaded)  # e.g. the citizen display switched
            return settings
        raise KeyError(name)

    def _on_tab(self, name: str) -> bool:
        """Built, and on a tab for whoever is signed in."""
        view = self._views.get(name)
        return view is not None and self.tabs.indexOf(view) >= 0

    def _show_named(self, name: str) -> None:
        if self._on_tab(name):
            self.show_view(self._views[name])

    # -- officers --------------------------------------------------------------------------------

    def _signed_in(self, officer: OfficerInfo, online: bool) -> None:
        assert self.desk is not None
        first = self.officer is None or self.officer.username != officer.username
        self.officer = officer
        how = self.tr("trực tuyến") if online else self.tr("tại quầy")
        self.officer_label.setText(f"{officer.full_name} ({how})")
        if first:
            self._build_tabs(officer)
        self.stack.setCurrentIndex(2)
        self._arm_idle()
        current = self.tabs.currentWidget()
        if current is not None and current is self._views.get("reception"):
            self.reception.picker.query.setFocus()

    def _build_tabs(self, officer: OfficerInfo) -> None:
        self._build_tabs_for(officer)
        settle_heap()

    def _build_tabs_for(self, officer: OfficerInfo) -> None:
        assert self.desk is not None
        roles = officer.roles
        admin = "admin" in roles
        self.tabs.clear()
        if admin or "reception" in roles:
            self.tabs.addTab(self.reception, self.tr("Tiếp nhận (F3)"))
            self.reception.start(self.desk, officer)
        self.tabs.addTab(self.lookup, self.tr("Tra cứu (F4)"))
        self.lookup.start(self.desk)
        if may(roles, "online.read"):
            self.tabs.addTab(self.online, self.tr("Hồ sơ trực tuyến (F5)"))
            self.online.start(self.desk, officer)
        if admin or "returns" in roles:
            self.tabs.addTab(self.returns, self.tr("Trả kết quả (F6)"))
            self.returns.start(self.desk, officer)
        if admin or "supervisor" in roles:
            self.tabs.addTab(self.stats, self.tr("Thống kê (F7)"))
            self.stats.start(self.desk)
        if admin or roles & {"reception", "returns", "supervisor"}:
            self.tabs.addTab(self.incidents, self.tr("Sự cố (F9)"))
            self.incidents.start(self.desk)
        if may(roles, "handover.read"):
            self.tabs.addTab(self.handover, self.tr("Bàn giao (F10)"))
            self.handover.start(self.desk, officer)
        if may(roles, "feedback.read"):
            from .feedback_view import FeedbackScreen

            feedback = self._view("feedback")
            assert isinstance(feedback, FeedbackScreen)
            self.tabs.addTab(feedback, self.tr("Phản ánh, kiến nghị (F11)"))
            feedback.start(self.desk, officer)
        if admin:
            self.tabs.addTab(self.settings, self.tr("Cài đặt"))
            self.settings.start(self.desk)

    def show_view(self, view: QWidget) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0 and self.stack.currentIndex() == 2:
            self.tabs.setCurrentIndex(index)

    def open_dossier(self, ref: str) -> None:
        """Show a dossier in look-up (from a statistics drill-down)."""
        self.show_view(self.lookup)
        self.lookup.query.setText(ref)
        self.lookup.refresh()

    def lock(self, *, idle: bool = False) -> None:
        """Lock the screen: by the officer (Ctrl+L, the button) or after ``idle`` minutes
        without input — the sign-in screen says which."""
        if self.officer is None or self.stack.currentIndex() != 2:
            return
        self.login.lock(self.officer, idle=idle)
        self.stack.setCurrentWidget(self.login)
        self._sign_out(locked=True)

    def _sign_out(self, *, locked: bool) -> None:
        self.citizen_screen.idle()  # nothing of the last citizen while nobody is at the desk
        if self.desk is not None:
            desk = self.desk
            self._quietly(lambda: desk.sign_out(locked=locked), lambda _r: None)

    def logout(self) -> None:
        self._sign_out(locked=False)
        self.officer = None
        self.officer_label.clear()
        self.tabs.clear()
        self.login.unlock_for_anyone()
        self.stack.setCurrentWidget(self.login)

    def _arm_idle(self) -> None:
        self.idle.setInterval(self.idle_minutes * 60_000)
        self.idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in _INPUT_EVENTS
            and self.idle.isActive()
            and not self.citizen_screen.owns(watched)  # a citizen's tap is not the officer's
        ):
            self.idle.start()  # any input restarts the idle countdown
        return False

    # -- sync and status ---------------------------------------------------------------------------

    def _restart_sync(self) -> None:
        """The server changed or the counter enrolled: a fresh engine with the new identity."""
        if self.desk is None:
            return
        if self.sync is not None:
            self.sync.stop()
        sync = self._connect_sync(self.desk)
        if self.start_sync:
            sync.start()
        self.refresh_status()

    def _dossiers_changed(self) -> None:
        if self.sync is not None:
            self.sync.kick()
        self.refresh_status()

    def refresh_status(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self._quietly(
            lambda: (desk.sync_status(), desk.queued_prints(), desk.open_incident()),
            self._show_status,
        )

    def _show_status(self, state: tuple[SyncStatus, int, IncidentView | None]) -> None:
        status, prints, incident = state
        self.status.show_status(status, prints)
        self.status.show_open_incident(incident)

    def _sync_cycle(self, report: SyncReport | None, problem: Exception | None) -> None:
        self.status.cycle_done()
        if report is not None and report.applied and self.desk is not None:
            desk = self.desk
            self._quietly(desk.reload, lambda _r: None)
            self._load_keys()
            # dossiers came from the portal or other counters, or were answered there
            for name in ("online", "handover"):
                if self._on_tab(name):
                    self._views[name].refresh_if_shown()  # type: ignore[attr-defined]
        self.refresh_status()

    def _incident(self, kind: str, incident: IncidentView) -> None:
        """Sync opened, closed or caught up an incident: say so, and show it if on screen."""
        self.status.show_incident(kind, incident)
        if self._on_tab("incidents"):
            self.incidents.refresh()

    def closeEvent(self, event: object) -> None:
        # a receipt received but not printed: asked before the window goes (issue 22), as on
        # leaving the reception screen; the answer closes it (a print asked for is waited for
        # below with the other work)
        if self.ask_before_close and not self.closing and self._on_tab("reception"):
            reception = self.reception
            if reception.last is not None and not reception.receipt_printed:
                assert isinstance(event, QCloseEvent)
                event.ignore()
                self.show_view(reception)
                reception.unprinted_receipt(then=lambda: QTimer.singleShot(0, self.close))
                return
        self.closing = True
        self.poll.stop()
        if self.sync is not None:
            self.sync.stop()
        self.tasks.wait(10_000)
        self.citizen_screen.close()
        if self.desk is not None:
            self.desk.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            if self.wedge is not None:
                app.removeEventFilter(self.wedge)
        super().closeEvent(event)  # type: ignore[arg-type]
