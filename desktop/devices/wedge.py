"""Telling a keyboard-wedge scanner from a person typing, Qt-free.

A wedge scanner "types" its payload: a burst of keys a few milliseconds apart, usually ending
with Enter, sometimes after a configured prefix. People type 80–300 ms a key. The GUI's
application-wide event filter feeds every key press to :class:`WedgeClassifier` and does what
the returned :class:`Verdict` says:

- ``pass``: nothing is held and this key cannot start a scan: let the event through;
- ``hold``: swallow the event for now (it may be part of a scan);
- ``release``: swallow the event, then deliver ``verdict.release`` to the focused widget, in
  order (re-post copies, marked so the filter lets them through); they were typing, and the
  current event is among them when it belongs to that typing;
- ``scan``: a scan is complete: swallow, and hand ``verdict.scan.payload`` to the screen.

Call :meth:`WedgeClassifier.poll` from a timer (every ~30 ms while something is held) so a
lone key a person typed is released after ``max_gap_ms`` instead of waiting for the next key.

Vietnamese input methods. A Telex/VNI engine rewrites the burst like typing: Unikey and EVKey
on Windows send Backspaces and replacement letters (``A A`` → ``A ⌫ Â``); ibus engines commit
composed text. Three defences, in order:
1. ``KeyInput.raw``: the ASCII character of the physical key, when the platform gives it
   (from the key code and Shift); a burst whose every key has it and no Backspace is taken from
   the raw keys, which no engine rewrote;
2. the typed text is replayed (Backspaces included); if it is plain ASCII and acceptable,
   that is the payload;
3. otherwise the composition is reversed (:mod:`vn_ime`): candidate key sequences, most likely
   first, until one passes ``accept`` — for a receipt QR the Ed25519 signature check, which a
   wrong reconstruction cannot pass. The GUI should also turn the input method off on the scan
   field (``Qt.WA_InputMethodEnabled``) so ibus does not compose there at all.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from desktop.domain.qr_token import PREFIX

from .vn_ime import candidates, keys_from_events

MAX_BURST = 2048  # keys; anything longer is not a QR payload


@dataclass(frozen=True)
class KeyInput:
    """One key event, as the GUI saw it."""

    text: str  # what it inserts: QKeyEvent.text(), or QInputMethodEvent.commitString()
    t_ms: float  # QKeyEvent.timestamp() (ms, monotonic)
    enter: bool = False  # Return/Enter (or the configured suffix key, e.g. Tab)
    backspace: bool = False
    raw: str | None = None  # ASCII char of the physical key, when known (see module doc)


@dataclass(frozen=True)
class WedgeConfig:
    max_gap_ms: float = 60.0  # a longer pause inside a burst: it was a person
    max_mean_gap_ms: float = 30.0  # a scanner's average pace is well under this
    min_length: int = 6  # shorter bursts are fast fingers, not scans
    prefix: str = ""  # a prefix configured in the scanner (removed from the payload)
    reconstruct_budget: int = 3000  # candidate key sequences tried when an IME interfered


@dataclass(frozen=True)
class WedgeScan:
    payload: str  # the scanner's characters, reconstructed
    typed: str  # what the input method let through
    method: Literal["plain", "raw-keys", "reversed-ime", "unrecognised"]
    accepted: bool  # False: nothing passed ``accept``; payload is the best guess
    duration_ms: float


@dataclass(frozen=True)
class Verdict:
    action: Literal["pass", "hold", "release", "scan"]
    release: tuple[KeyInput, ...] = ()
    scan: WedgeScan | None = None


_RECEIPT = re.compile(r"MC1:[0-9A-Z.\-]{5,60}:[A-Z2-7]{8}:[A-Z2-7]{103}")


def plausible_payload(text: str) -> bool:
    """The default check: printable ASCII, and a well-formed token if it claims to be one."""
    if not text or not text.isascii() or not text.isprintable():
        return False
    if text.startswith(PREFIX + ":"):
        return _RECEIPT.fullmatch(text) is not None
    return True


@dataclass
class WedgeClassifier:
    config: WedgeConfig = field(default_factory=WedgeConfig)
    accept: Callable[[str], bool] = plausible_payload
    _held: list[KeyInput] = field(default_factory=list)

    @property
    def holding(self) -> bool:
        """Keys are held back, waiting to see whether they are a scan."""
        return bool(self._held)

    def reset(self) -> tuple[KeyInput, ...]:
        held, self._held = tuple(self._held), []
        return held

    def feed(self, ev: KeyInput) -> Verdict:
        if self._held and ev.t_ms - self._held[-1].t_ms > self.config.max_gap_ms:
            # the pause ended whatever was held: typing, delivered before this key
            stale = self.reset()
            follow = self.feed(ev)
            if follow.action == "hold":
                return Verdict("release", stale)
            if follow.action == "pass":
                return Verdict("release", (*stale, ev))
            return Verdict("release", stale + follow.release, follow.scan)
        if ev.enter:
            scan = self._complete(self._held, ev.t_ms)
            if scan is not None:
                self.reset()
                return Verdict("scan", scan=scan)
            return Verdict("release", (*self.reset(), ev)) if self._held else Verdict("pass")
        if not self._held and not ev.text:
            return Verdict("pass")  # a modifier, an arrow, a Backspace: no scan starts so
        self._held.append(ev)
        if len(self._held) > MAX_BURST:
            return Verdict("release", self.reset())
        return Verdict("hold")

    def poll(self, now_ms: float) -> Verdict:
        if self._held and now_ms - self._held[-1].t_ms > self.config.max_gap_ms:
            return Verdict("release", self.reset())
        return Verdict("hold")

    def _complete(self, keys: list[KeyInput], end_ms: float) -> WedgeScan | None:
        chars = [k for k in keys if k.text or k.backspace]
        if not chars:
            return None
        # the pace up to and including Enter; an input method may commit a word in one event
        times = [k.t_ms for k in chars] + [end_ms]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        if sum(gaps) / len(gaps) > self.config.max_mean_gap_ms:
            return None
        scan = self._reconstruct(chars, end_ms - chars[0].t_ms)
        if len(scan.payload) < self.config.min_length:
            return None
        if self.config.prefix:
            if not scan.payload.startswith(self.config.prefix):
                return None
            cut = len(self.config.prefix)
            return WedgeScan(
                scan.payload[cut:], scan.typed, scan.method, scan.accepted, scan.duration_ms
            )
        return scan

    def _accepts(self, text: str) -> bool:
        prefix = self.config.prefix
        if prefix:
            return text.startswith(prefix) and self.accept(text[len(prefix) :])
        return self.accept(text)

    def _reconstruct(self, keys: list[KeyInput], duration: float) -> WedgeScan:
        typed = replay(keys)
        raws = [k.raw for k in keys]
        if not any(k.backspace for k in keys) and all(r is not None and r.isascii() for r in raws):
            raw = "".join(r for r in raws if r is not None)
            if self._accepts(raw):
                return WedgeScan(raw, typed, "raw-keys", True, duration)
        if typed.isascii() and self._accepts(typed):
            return WedgeScan(typed, typed, "plain", True, duration)
        if any(k.backspace for k in keys) or not typed.isascii():
            stream = [(k.text, k.backspace) for k in keys]
            for vni in (False, True):
                guess = keys_from_events(stream, vni)
                if self._accepts(guess):
                    return WedgeScan(guess, typed, "reversed-ime", True, duration)
        for guess in candidates(typed, self.config.reconstruct_budget):
            if self._accepts(guess):
                return WedgeScan(guess, typed, "reversed-ime", True, duration)
        return WedgeScan(typed, typed, "unrecognised", False, duration)


def replay(keys: list[KeyInput]) -> str:
    """The text a plain text field would hold after these events."""
    out: list[str] = []
    for k in keys:
        if k.backspace:
            if out:
                out.pop()
        else:
            out.extend(k.text)
    return unicodedata.normalize("NFC", "".join(out))
