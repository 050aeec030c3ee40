"""One way for a screen to run a service call: off the GUI thread, with the same progress and
the same failure report everywhere (after Anki's ``CollectionOp``/``QueryOp``).

A screen never calls the workers itself::

    DeskOp(self.tasks, lambda: desk.receive(form, officer), self._received,
           say=self._say, busy_text=self.tr("Đang tiếp nhận…"), disable=(self.receive_button,),
           on_failed=lambda _e: self._busy(False)).start()

- ``run`` goes to the database worker (one thread, so writes stay in order), or to the I/O
  pool with ``io=True`` (network, printers, scanners, image decoding).
- While it runs: ``busy_text`` is said as a hint on the screen's status line and the widgets
  in ``disable`` are greyed out; they get their former state back before ``on_done`` or
  ``on_failed`` runs, so a screen that decides its buttons itself has the last word.
- A failure is shown by :func:`show_failure`: its text (:func:`failure_text`) on the screen's
  status line (``say``), else in a message box over ``parent``. ``on_failed`` then tidies up
  the screen (flags, buttons); it never words the failure itself. ``quiet=True`` is for
  background reads whose failure the officer cannot act on (the status bar's poll, the
  trusted keys): nothing is shown.

Whether a failure is a refusal (its own message) or a bug (a generic message, the stack in the
data dir's log) is decided by the worker (:mod:`desktop.ui.worker`), not here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from .tasks import Tasks

T = TypeVar("T")
Say = Callable[[str, str], None]  # (text, role): a screen's status line; role is ok/hint/error
Submit = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


def failure_text(exc: Exception) -> str:
    """What the officer reads about a failed operation. A refusal's message is written for
    them, worded at this edge in the window's language from its code and parameters
    (:func:`desktop.ui.refusals.describe`); a bug reaches the screen as an UnexpectedFailure
    whose message is the generic one, translated there too."""
    from .refusals import describe

    return describe(exc) or type(exc).__name__


def show_failure(exc: Exception, say: Say | None = None, parent: QWidget | None = None) -> None:
    """The one failure presenter: the screen's status line, else a message box."""
    text = failure_text(exc)
    if say is not None:
        say(text, "error")
        return
    QMessageBox.warning(
        parent, QCoreApplication.translate("Operations", "Không thực hiện được"), text
    )


class DeskOp(Generic[T]):
    """One operation of a screen; :meth:`start` sends it to its worker and returns at once."""

    def __init__(
        self,
        tasks: Tasks,
        run: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        *,
        say: Say | None = None,
        parent: QWidget | None = None,
        busy_text: str | None = None,
        disable: Iterable[QWidget] = (),
        on_failed: Callable[[Exception], None] | None = None,
        io: bool = False,
        quiet: bool = False,
    ) -> None:
        self.tasks = tasks
        self.run = run
        self.on_done = on_done
        self.say = say
        self.parent = parent
        self.busy_text = busy_text
        self.disable = tuple(disable)
        self.on_failed = on_failed
        self.io = io
        self.quiet = quiet
        self._enabled: list[tuple[QWidget, bool]] = []

    def start(self) -> DeskOp[T]:
        self._enabled = [(w, w.isEnabled()) for w in self.disable]
        for w, _was in self._enabled:
            w.setEnabled(False)
        if self.busy_text and self.say is not None:
            self.say(self.busy_text, "hint")
        worker = self.tasks.io if self.io else self.tasks.db
        # closures, not bound methods: Qt holds a bound method's object only weakly, and
        # nothing else keeps this operation alive until its job reports back
        worker.submit(self.run, lambda result: self._done(result), lambda e: self._failed(e))
        return self

    def _settle(self) -> None:
        for w, was in self._enabled:
            # a dialog closed meanwhile took its buttons along (not shiboken6.isValid: importing
            # shiboken6 made the desk's open fail now and then, PySide's import hook racing
            # pydantic's imports on the worker threads)
            with contextlib.suppress(RuntimeError):
                w.setEnabled(was)
        self._enabled = []

    def _screen_gone(self) -> bool:
        """Whether the screen the answer is for was deleted while the work ran (its window
        closed: the officer signed out, the app is ending): its callbacks would touch deleted
        widgets, so the answer is dropped. A refusal or a bug was already logged by the worker."""
        owners: list[object] = [self.parent]
        for f in (self.on_done, self.say, self.on_failed):
            owners.append(getattr(f, "__self__", None))  # a bound method: its screen
            # a lambda: the screen (``self``) or widgets it closes over
            for cell in getattr(f, "__closure__", None) or ():
                with contextlib.suppress(ValueError):  # a cell not yet filled
                    owners.append(cell.cell_contents)
        for owner in owners:
            if isinstance(owner, QObject):
                try:
                    owner.objectName()
                except RuntimeError:  # "Internal C++ object … already deleted"
                    return True
        return False

    def _done(self, result: T) -> None:
        self._settle()
        if self._screen_gone():
            return
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, exc: Exception) -> None:
        self._settle()
        if self._screen_gone():
            return
        if not self.quiet:
            show_failure(exc, self.say, self.parent)
        if self.on_failed is not None:
            self.on_failed(exc)


def io_submit(tasks: Tasks) -> Submit:
    """The I/O pool's submit, for a device helper that runs its own jobs (the camera's QR
    decoder) and reports their failures itself."""
    return tasks.io.submit
