"""The officer's side of the citizen display (issue 20, item 1): a small, one-way interface the
reception, returns and fee screens call at the right moments, and the switch that opens the
display's window on the screen the settings name.

Every call is a signal emission: the display, when it is up, updates its labels at once and
reads what it needs (the receipt's QR codes) on the database worker, so the officer's window
never waits for it. When the display is off (not enabled, hidden, or no window holds a
:class:`CitizenScreen`), every call does nothing.

Light on purpose: the main window builds this at start, before sign-in, so this module imports
only what the window has already loaded; the display itself (and the QR encoder it needs) is
imported the first time it is switched on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.domain.procedures import Procedure
    from desktop.services.desk import Desk, DeskSettings, DossierView, Receipt

    from .citizen_display import CitizenDisplay
    from .tasks import Tasks

TABLET = (1280, 800)  # the window's size when no second screen faces the citizen
WINDOW = "window"  # the settings' screen value for "a movable window on this screen"


class CitizenScreen(QObject):
    """What the officer's screens tell the citizen display. One-way: nothing comes back."""

    went_idle = Signal()
    reception_began = Signal(object)  # Procedure
    documents_set = Signal(object, int)  # the received documents (form dicts), the fee total
    receipt_made = Signal(object)  # Receipt
    refusal_made = Signal(object, bool)  # Receipt, supplement (True) or rejection
    citizen_done = Signal()  # the officer went on to the next citizen (F2)
    return_shown = Signal(object)  # DossierView
    result_returned = Signal(str)  # the dossier's code
    payment_asked = Signal(str, str, object)  # code, VietQR payload, [(label, value)]
    payment_closed = Signal()
    switched = Signal(bool)  # the display was shown (True) or hidden

    def __init__(self, tasks: Tasks | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.desk: Desk | None = None
        self.display: CitizenDisplay | None = None
        self.screen_name = ""  # "" the first other screen, WINDOW, or a screen's name
        self.timeout_seconds = 60
        self.enabled: bool | None = None  # the setting as last applied (None: not read yet)

    # -- the switch (the officer's window) --------------------------------------------------

    @property
    def on(self) -> bool:
        return self.display is not None and self.display.isVisible()

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        if self.display is not None:
            self.display.desk = desk

    def configure(self, settings: DeskSettings) -> None:
        """The counter's settings: on or off, which screen, how long before idle. Only a change
        of the switch shows or hides the display: the officer's own toggle (Ctrl+Shift+M) is
        not undone when the settings are read again."""
        moved = settings.citizen_screen != self.screen_name
        self.screen_name = settings.citizen_screen
        self.timeout_seconds = settings.citizen_timeout_seconds
        if self.display is not None:
            self.display.timeout_seconds = self.timeout_seconds
        before, self.enabled = self.enabled, settings.citizen_display
        if settings.citizen_display and (before is not True or (moved and self.on)):
            self.show()
        elif not settings.citizen_display and before is True and self.on:
            self.hide()

    def toggle(self) -> None:
        self.set_on(not self.on)

    def set_on(self, on: bool) -> None:
        if on:
            self.show()
        else:
            self.hide()

    def show(self) -> None:
        if self.desk is None or self.tasks is None:
            self.switched.emit(False)  # nothing to show before the counter's data is open
            return
        if self.display is None:
            from .citizen_display import CitizenDisplay

            self.display = CitizenDisplay(self.tasks, self.desk)
            self.display.timeout_seconds = self.timeout_seconds
            self._connect(self.display)
        self.display.show_idle()
        place(self.display, self.screen_name, self._officer_screen())
        self.switched.emit(True)

    def hide(self) -> None:
        if self.display is not None:
            self.display.show_idle()  # nothing of the last citizen when it comes back
            self.display.hide()
        self.switched.emit(False)

    def close(self) -> None:
        """The officer's window closes (its workers done): the display goes with it."""
        if self.display is not None:
            self.display.close()
            self.display.deleteLater()
            self.display = None

    def _officer_screen(self) -> Any:
        parent = self.parent()
        return parent.screen() if isinstance(parent, QWidget) else None

    def _connect(self, d: CitizenDisplay) -> None:
        self.went_idle.connect(d.show_idle)
        self.reception_began.connect(d.show_reception)
        self.documents_set.connect(d.show_documents)
        self.receipt_made.connect(d.show_receipt)
        self.refusal_made.connect(d.show_refusal)
        self.citizen_done.connect(d.citizen_done)
        self.return_shown.connect(d.show_return)
        self.result_returned.connect(d.show_returned)
        self.payment_asked.connect(d.show_payment)
        self.payment_closed.connect(d.close_payment)
        d.released.connect(self._back_to_officer)

    def _back_to_officer(self) -> None:
        parent = self.parent()
        if isinstance(parent, QWidget) and parent.isVisible():
            parent.activateWindow()

    def owns(self, obj: QObject) -> bool:
        """Whether ``obj`` is part of the display (its taps are the citizen's, not the
        officer's: they do not keep the officer's session from locking)."""
        d = self.display
        return d is not None and isinstance(obj, QWidget) and obj.window() is d

    # -- what the screens say (each a no-op when the display is off) ------------------------

    def idle(self) -> None:
        if self.on:
            self.went_idle.emit()

    def reception_started(self, procedure: Procedure) -> None:
        if self.on:
            self.reception_began.emit(procedure)

    def documents_changed(self, documents: list[dict[str, Any]], fee_total: int) -> None:
        if self.on:
            self.documents_set.emit(documents, fee_total)

    def received(self, receipt: Receipt) -> None:
        if self.on:
            self.receipt_made.emit(receipt)

    def refused(self, receipt: Receipt, supplement: bool) -> None:
        if self.on:
            self.refusal_made.emit(receipt, supplement)

    def finished(self) -> None:
        """The officer moved on: the rating still owed is asked now, else idle."""
        if self.on:
            self.citizen_done.emit()

    def returning(self, dossier: DossierView) -> None:
        if self.on:
            self.return_shown.emit(dossier)

    def returned(self, code: str) -> None:
        if self.on:
            self.result_returned.emit(code)

    def payment(self, code: str, payload: str, lines: list[tuple[str, str]]) -> None:
        if self.on:
            self.payment_asked.emit(code, payload, lines)

    def payment_done(self) -> None:
        if self.on:
            self.payment_closed.emit()


_OFF: CitizenScreen | None = None


def citizen_for(widget: QWidget) -> CitizenScreen:
    """The citizen screen of the window ``widget`` is in (a dialog: of the window it belongs
    to); one that is always off when there is none (a screen built on its own, in a test)."""
    global _OFF
    w: QObject | None = widget
    while w is not None:
        found = getattr(w, "citizen_screen", None)
        if isinstance(found, CitizenScreen):
            return found
        w = w.parent()
    if _OFF is None:
        _OFF = CitizenScreen()
    return _OFF


def place(display: QWidget, screen_name: str, officer_screen: Any) -> None:
    """Full screen on the citizen's screen; a movable tablet-sized window when there is only
    the officer's screen (or the settings ask for a window)."""
    from PySide6.QtGui import QGuiApplication

    target = None
    if screen_name != WINDOW:
        screens = QGuiApplication.screens()
        if screen_name:
            target = next((s for s in screens if s.name() == screen_name), None)
        else:
            target = next((s for s in screens if s is not officer_screen), None)
    if target is not None and target is not officer_screen:
        display.setScreen(target)
        display.setGeometry(target.geometry())
        display.showFullScreen()
    else:
        display.resize(*TABLET)
        display.showNormal()
