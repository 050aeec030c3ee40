"""Keyboard-wedge scanners anywhere in the window: an application-wide event filter hands every
key press to :class:`~desktop.devices.wedge.WedgeClassifier`, swallows what may be a scanner's
burst, gives back what turns out to be typing (in order, to the widget that had the focus),
and routes a finished scan to the screen it is for — a receipt's QR to returns, a CCCD card's
QR to reception — whatever field the officer happened to be in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget

from desktop.devices.wedge import KeyInput, Verdict, WedgeClassifier, WedgeConfig, WedgeScan

_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def raw_key(event: QKeyEvent) -> str | None:
    """The ASCII character of the physical key (no input method rewrote it), when there is
    one: Qt's key codes for printable ASCII are the characters themselves (letters upper)."""
    key = event.key()
    if not 0x20 <= key < 0x7F:
        return None
    ch = chr(key)
    if ch.isalpha():
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return ch.upper() if shift or event.text().isupper() else ch.lower()
    return ch


def _copy(ev: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(ev.type(), ev.key(), ev.modifiers(), ev.text(), ev.isAutoRepeat(), ev.count())


def enter_clicks(target: QObject, ev: QKeyEvent) -> bool:
    """Enter on a focused push button presses it, as Space does. Qt leaves Enter to a dialog's
    default button, so on a screen (not a dialog) Enter on a focused button did nothing; a
    button that handles Enter itself (a dialog's auto-default) is left to do so."""
    if ev.type() != QEvent.Type.KeyPress or ev.key() not in _ENTER:
        return False
    if not isinstance(target, QAbstractButton) or not target.isEnabled():
        return False
    if isinstance(target, QPushButton) and (target.autoDefault() or target.isDefault()):
        return False
    target.animateClick()
    return True


class WedgeFilter(QObject):
    def __init__(
        self,
        on_scan: Callable[[WedgeScan], bool],
        accept: Callable[[str], bool],
        parent: QObject | None = None,
        config: WedgeConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_scan = on_scan
        self.classifier = WedgeClassifier(config or WedgeConfig(), accept=accept)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._replaying = False
        self._target: QWidget | None = None
        self._events: dict[int, QKeyEvent] = {}  # held copies, by the KeyInput they came from
        # key releases that arrived while their press was held: given back after it, so a
        # quick Space on a button is a click (the press alone left it looking pressed)
        self._releases: dict[int, list[QKeyEvent]] = {}
        self._poll = QTimer(self, interval=30)
        self._poll.timeout.connect(self._on_poll)

    def _now(self, event: QKeyEvent | None = None) -> float:
        stamp = event.timestamp() if event is not None else 0
        return float(stamp) if stamp else float(self._clock.elapsed())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() not in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        ):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        if watched is not QApplication.focusWidget():
            return False  # each press reaches the filter once per widget it bubbles through
        if event.type() == QEvent.Type.KeyRelease:
            if not self._events:
                return False
            last = next(reversed(self._events))  # the release follows the latest held press
            self._releases.setdefault(last, []).append(_copy(event))
            return True
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False  # shortcuts are never part of a scan
        key = KeyInput(
            text=event.text(),
            t_ms=self._now(event),
            enter=event.key() in _ENTER,
            backspace=event.key() == Qt.Key.Key_Backspace,
            raw=raw_key(event),
        )
        verdict = self.classifier.feed(key)
        if verdict.action == "pass":
            return enter_clicks(watched, event)
        # from here the event is ours: keep a copy, given back later if it was typing
        self._target = watched
        self._events[id(key)] = _copy(event)
        if verdict.action == "hold":
            self._poll.start()
            return True
        self._act(verdict)
        return True

    def _on_poll(self) -> None:
        verdict = self.classifier.poll(self._now())
        if verdict.action == "release":
            self._act(verdict)
        if not self.classifier.holding:
            self._poll.stop()

    def _act(self, verdict: Verdict) -> None:
        if verdict.release:
            self._deliver(verdict.release)
        if verdict.action == "scan" and verdict.scan is not None:
            held = [e for k in self._events for e in self._with_releases(k)]
            self._events.clear()
            self._releases.clear()
            if not self.on_scan(verdict.scan):
                # a code no screen takes (a document's barcode, fast fingers): it was typing
                self._replay(held)
        if not self.classifier.holding:
            self._poll.stop()

    def _deliver(self, keys: tuple[KeyInput, ...]) -> None:
        """Give typing back to the widget it was typed into, as if nothing had held it."""
        events = [e for k in keys if id(k) in self._events for e in self._with_releases(id(k))]
        for k in keys:
            self._events.pop(id(k), None)
            self._releases.pop(id(k), None)
        self._replay(events)

    def _with_releases(self, key_id: int) -> list[QKeyEvent]:
        return [self._events[key_id], *self._releases.get(key_id, ())]

    def _replay(self, events: list[QKeyEvent]) -> None:
        target = self._target or QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for ev in events:
                if not enter_clicks(target, ev):
                    QApplication.sendEvent(target, ev)
        finally:
            self._replaying = False
