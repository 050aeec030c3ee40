"""A Vietnamese input-method engine for the tests, written from the Telex and VNI rules (as
Unikey applies them with free typing and no spell check: the most aggressive setting), which
turns key strokes into what an application receives: letters, Backspaces and replacement
letters, as Unikey and EVKey send them on Windows."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from desktop.devices.wedge import KeyInput

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRC, BREVE, HORN = "\u0302", "\u0306", "\u031b"
VOWELS = "aeiouy"


@dataclass(frozen=True)
class Scheme:
    tones: dict[str, str]
    circumflex: str | None  # None: the vowel itself (Telex)
    horn: str
    breve: str
    stroke: str
    lone_w: bool


TELEX = Scheme({"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT}, None, "w", "w", "d", True)
VNI = Scheme({"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT}, "6", "7", "8", "9", False)


@dataclass
class _L:
    base: str
    shape: str | None = None
    tone: str | None = None

    def text(self) -> str:
        if self.shape == "đ":
            return "Đ" if self.base.isupper() else "đ"
        marks = (self.shape or "") + (self.tone or "")
        return unicodedata.normalize("NFC", self.base + marks)


def _main_vowel(word: list[_L]) -> int | None:
    idx = [i for i, letter in enumerate(word) if letter.base.lower() in VOWELS]
    if not idx:
        return None
    cluster = [idx[-1]]
    while cluster[0] - 1 in idx:
        cluster.insert(0, cluster[0] - 1)
    shaped = [i for i in cluster if word[i].shape in (CIRC, BREVE, HORN)]
    if shaped:
        return shaped[-1]
    pair = "".join(word[i].base.lower() for i in cluster)
    if len(cluster) >= 2 and (pair in ("oa", "oe", "uy") or cluster[-1] < len(word) - 1):
        return cluster[-1]
    return cluster[0]


class Engine:
    def __init__(self, scheme: Scheme) -> None:
        self.s = scheme
        self.word: list[_L] = []

    def _shown(self) -> str:
        return "".join(letter.text() for letter in self.word)

    def _modify(self, key: str) -> bool:
        k = key.lower()
        w = self.word
        if k in self.s.tones and w:
            target = _main_vowel(w)
            if target is None:
                return False
            if w[target].tone == self.s.tones[k]:
                w[target].tone = None
                w.append(_L(key))
                return True
            w[target].tone = self.s.tones[k]
            return True
        circ_key = self.s.circumflex
        for i in range(len(w) - 1, -1, -1):
            b = w[i].base.lower()
            if b in "aeo" and (k == circ_key or (circ_key is None and k == b)):
                if w[i].shape == CIRC:
                    w[i].shape = None
                    w.append(_L(key))
                else:
                    w[i].shape = CIRC
                self._retone()
                return True
            if (
                k in (self.s.horn, self.s.breve)
                and b in "aou"
                and not (circ_key is None and k in "aeo")
            ):
                shape = BREVE if b == "a" and k == self.s.breve else HORN
                if b != "a" and k != self.s.horn:
                    continue
                if b == "a" and k != self.s.breve:
                    continue
                if w[i].shape == shape:
                    w[i].shape = None
                    w.append(_L(key))
                    return True
                w[i].shape = shape
                if b == "o" and i > 0 and w[i - 1].base.lower() == "u":
                    w[i - 1].shape = HORN
                self._retone()
                return True
        if k == self.s.stroke and w and w[0].base.lower() == "d":
            if w[0].shape == "đ":
                w[0].shape = None
                w.append(_L(key))
            else:
                w[0].shape = "đ"
            return True
        if self.s.lone_w and k == "w" and not any(x.base.lower() in VOWELS for x in w):
            w.append(_L("U" if key.isupper() else "u", HORN))
            return True
        return False

    def _retone(self) -> None:
        tone = next((x.tone for x in self.word if x.tone), None)
        if tone is None:
            return
        for x in self.word:
            x.tone = None
        target = _main_vowel(self.word)
        if target is not None:
            self.word[target].tone = tone

    def type(self, text: str, t0: float = 0.0, gap: float = 3.0) -> list[KeyInput]:
        """Key events an application receives when a scanner types ``text`` (ASCII)."""
        out: list[KeyInput] = []
        t = t0
        for key in text:
            t += gap
            before = self._shown()
            is_letter = key.isascii() and key.isalpha()
            if not self._modify(key):
                if is_letter:
                    self.word.append(_L(key))
                else:
                    self.word = []
                    out.append(KeyInput(key, t))
                    continue
            self._retone()
            after = self._shown()
            common = 0
            while common < min(len(before), len(after)) and before[common] == after[common]:
                common += 1
            for _ in range(len(before) - common):
                out.append(KeyInput("", t, backspace=True))
                t += 0.1
            for ch in after[common:]:
                out.append(KeyInput(ch, t))
                t += 0.1
        self.word = []
        out.append(KeyInput("\r", t + gap, enter=True))
        return out
