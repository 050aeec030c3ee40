"""Undoing what a Vietnamese input method did to a scanner's ASCII burst.

A keyboard-wedge scanner types its payload key by key, and a Telex or VNI engine (Unikey,
EVKey, ibus-unikey, ibus-bamboo, Windows' Vietnamese keyboards) composes those keys like a
person's typing, word by word (a word is a run of letters; digits and punctuation end it):

- Telex: a vowel typed again gets a circumflex (``AA``→``Â``, ``EE``, ``OO``), ``W`` after
  a/o/u gives ă/ơ/ư (``UOW``→``ƯƠ``, a lone ``W``→``Ư``), ``DD``→``Đ``; ``S F R X J`` put the
  five tones on the syllable's vowel, *wherever in the word they are typed* (``BAOS``→``BÁO``);
  typing the same key again undoes it (``AAA``→``AA``, ``ASS``→``AS``);
- VNI: the digits 1–5 are the tones and 6 ^, 7 horn, 8 breve, 9 đ (``A1``→``Á``, ``D9``→``Đ``).

Every composed letter consumed one or two keys; the letter tells which keys (its shape and
its tone) but not exactly where in the word they were typed. :func:`candidates` therefore
lists the key sequences that could have produced the text, the most likely first: every
modifier key right after its letter, then keys moved one letter away, and so on, plus the
lone-``W`` and undo variants. The caller keeps the first candidate its check accepts — for a
receipt, the one whose Ed25519 signature verifies, which no wrong candidate can pass. That
search is for input methods that commit whole words (ibus); it grows quickly with the number
of rewritten letters, so it has a budget.

Engines that rewrite with Backspaces (Unikey, EVKey on Windows) leave an exact trail instead:
:func:`keys_from_events` reads the key that caused each rewrite from what was deleted and what
replaced it, with no search at all.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)
TELEX_TONE = {ACUTE: "s", GRAVE: "f", HOOK: "r", TILDE: "x", DOT: "j"}
VNI_TONE = {ACUTE: "1", GRAVE: "2", HOOK: "3", TILDE: "4", DOT: "5"}
VNI_SHAPE = {CIRCUMFLEX: "6", HORN: "7", BREVE: "8", "đ": "9"}
VOWELS = set("aeiouy")
TELEX_TONE_KEYS = set("sfrxj")


@dataclass(frozen=True)
class Letter:
    base: str  # the ASCII letter the keys started with, in its case
    shape: str | None  # CIRCUMFLEX, BREVE, HORN, or "đ"
    tone: str | None


def analyse(ch: str) -> Letter | None:
    """The parts of a Vietnamese letter, or None for a character no engine produces."""
    if ch in "đĐ":
        return Letter("d" if ch == "đ" else "D", "đ", None)
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if not base.isascii() or not base.isalpha() or not marks:
        return None
    shape = next((m for m in marks if m in (CIRCUMFLEX, BREVE, HORN)), None)
    tone = next((m for m in marks if m in TONES), None)
    if len(marks) != (shape is not None) + (tone is not None):
        return None  # some other accent (ü, ç): not from a Vietnamese engine
    return Letter(base, shape, tone)


def _case(key: str, like: str) -> str:
    return key.upper() if like.isupper() else key.lower()


@dataclass
class _Key:
    """A modifier key to place: ``anchor`` is the index of its letter in the text, ``lo``
    the first slot it may follow (a shape key follows its own letter, a tone key any letter
    from the word's first vowel), ``hi`` the last letter of the word."""

    key: str
    anchor: int
    lo: int
    hi: int


def _words(text: str) -> dict[int, tuple[int, int]]:
    """For each letter, the span of its word (a run of letters; digits end a word)."""
    spans: dict[int, tuple[int, int]] = {}
    start = None
    for i, ch in enumerate(text + " "):
        if ch.isalpha():
            start = i if start is None else start
        elif start is not None:
            for j in range(start, i):
                spans[j] = (start, i)
            start = None
    return spans


def _is_vowel(ch: str) -> bool:
    letter = analyse(ch)
    return (letter.base if letter else ch).lower() in VOWELS


@dataclass(frozen=True)
class _Plan:
    text: str
    bases: list[str]
    keys: list[_Key]
    # (index, "lone"): a lone W made this Ư; (index, "dup"): an undo left this letter;
    # (index, "swap"): the letter's tone key was typed before its shape key
    extras: list[tuple[int, str]]


def _plan(text: str, vni: bool) -> _Plan:
    bases: list[str] = []
    keys: list[_Key] = []
    extras: list[tuple[int, str]] = []
    words = _words(text)
    for i, ch in enumerate(text):
        start, end = words.get(i, (i, i + 1))
        letter = analyse(ch)
        if letter is None:
            bases.append(ch)
            if i > start and _undoable(text[start:i], ch, vni):
                extras.append((i, "dup"))
            continue
        bases.append(letter.base)
        first_vowel = next((j for j in range(start, end) if _is_vowel(text[j])), i)
        if letter.shape is not None:
            if vni:
                key = VNI_SHAPE[letter.shape]
            elif letter.shape in (CIRCUMFLEX, "đ"):
                key = letter.base
            else:
                key = "w"
            keys.append(_Key(_case(key, letter.base), i, i, end - 1))
            if not vni and letter.shape == HORN and letter.base in "uU":
                extras.append((i, "lone"))
        if letter.tone is not None:
            key = (VNI_TONE if vni else TELEX_TONE)[letter.tone]
            keys.append(_Key(_case(key, letter.base), i, min(first_vowel, i), end - 1))
            if letter.shape is not None:
                extras.append((i, "swap"))  # the tone key typed before the shape key
    return _Plan(text, bases, keys, extras)


def _undoable(before: str, ch: str, vni: bool) -> bool:
    """Could ``ch``, after ``before`` in its word, be what is left of a modifier key typed
    twice (the second press undoes the first and types the letter: ``AXA A`` → ``AXA``)?"""
    if vni:
        return False
    b = ch.lower()
    if b in "aeo":
        return b in before.lower()
    if b == "d":
        return before[:1].lower() == "d"
    return b in TELEX_TONE_KEYS | {"w"} and any(_is_vowel(c) for c in before)


def _render(plan: _Plan, slots: list[int], active: set[tuple[int, str]]) -> str:
    after: dict[int, list[str]] = {}
    order = []
    for j, (k, slot) in enumerate(zip(plan.keys, slots, strict=True)):
        swapped = (k.anchor, "swap") in active  # the letter's two keys in the other order
        order.append(((slot, k.anchor, -j if swapped else j), k.key))
    for (slot, _anchor, _j), key in sorted(order):
        after.setdefault(slot, []).append(key)
    out = []
    for i, b in enumerate(plan.bases):
        if (i, "lone") not in active:  # a lone W: the W key *was* the letter
            out.append(b)
        if (i, "dup") in active:
            out.append(plan.text[i])
        out.extend(after.get(i, ()))
    return "".join(out)


def _spread(n: int, total: int, limits: list[int]) -> Iterator[list[int]]:
    """Ways to give each of n choices a cost ≤ its limit, costs adding up to ``total``."""
    if n == 0:
        if total == 0:
            yield []
        return
    for first in range(min(total, limits[0]) + 1):
        for rest in _spread(n - 1, total - first, limits[1:]):
            yield [first, *rest]


def _slots(k: _Key) -> list[int]:
    """Where one key may go, nearest its letter first (0, +1, -1, +2, …)."""
    return sorted(range(k.lo, k.hi + 1), key=lambda s: (abs(s - k.anchor), s < k.anchor))


def candidates(text: str, limit: int = 2000, max_cost: int = 8) -> Iterator[str]:
    """Key sequences that a Telex or a VNI engine would have turned into ``text``, the most
    likely first (ASCII text first as it is), at most ``limit`` of them."""
    seen: set[str] = set()
    plans = [_plan(text, vni) for vni in (False, True)]
    for cost in range(max_cost + 1):
        for plan in plans:
            orders = [_slots(k) for k in plan.keys]
            limits = [len(o) - 1 for o in orders] + [1] * len(plan.extras)
            for spread in _spread(len(limits), cost, limits):
                slots = [orders[j][c] for j, c in enumerate(spread[: len(orders)])]
                active = {e for e, c in zip(plan.extras, spread[len(orders) :], strict=True) if c}
                raw = _render(plan, slots, active)
                if raw not in seen:
                    seen.add(raw)
                    yield raw
                    if len(seen) >= limit:
                        return


def _marks(ch: str) -> tuple[str | None, str | None]:
    letter = analyse(ch)
    return (letter.shape, letter.tone) if letter else (None, None)


def _key_for(deleted: str, replaced: str, vni: bool) -> str | None:
    """The modifier key that turned ``deleted`` into ``replaced`` (same length), or None when
    it only took marks away (an undo: the key is then the letter typed after)."""
    shape_key = tone_key = None
    for old, new in zip(deleted, replaced, strict=True):
        (s0, t0), (s1, t1) = _marks(old), _marks(new)
        letter = analyse(new)
        if s1 is not None and s1 != s0 and letter is not None:
            if vni:
                shape_key = VNI_SHAPE[s1]
            elif s1 in (CIRCUMFLEX, "đ"):
                shape_key = letter.base
            else:
                shape_key = _case("w", letter.base)
        if t1 is not None and t1 != t0 and letter is not None and tone_key is None:
            tone_key = _case((VNI_TONE if vni else TELEX_TONE)[t1], letter.base)
    # a new shape can move the tone to another vowel: the key was the shape, not a tone; and
    # a tone that only moved (a letter typed after the vowel) names no key: the letter follows
    if shape_key is None:
        tones_before = sorted(t for t in (_marks(c)[1] for c in deleted) if t)
        tones_after = sorted(t for t in (_marks(c)[1] for c in replaced) if t)
        if tones_before == tones_after:
            return None
    return shape_key or tone_key


def keys_from_events(events: list[tuple[str, bool]], vni: bool) -> str:
    """The keys typed, recovered from what a Backspace-style engine (Unikey, EVKey) sent:
    each modifier key shows up as Backspaces followed by the rewritten letters, so the
    difference between the deleted and the rewritten letters names the key exactly.
    ``events`` are (text, is_backspace) in the order received."""
    chars: list[tuple[str, bool]] = []
    for text, backspace in events:
        if backspace:
            chars.append(("", True))
        else:
            chars.extend((c, False) for c in text)
    shown: list[str] = []
    keys: list[str] = []
    i = 0
    while i < len(chars):
        ch, backspace = chars[i]
        if not backspace:
            letter = analyse(ch)
            if letter is None:
                keys.append(ch)
            elif not vni and letter.shape == HORN and letter.base in "uU" and not letter.tone:
                keys.append(_case("w", letter.base))  # Telex: a lone W is typed as Ư
            else:  # a composed letter without Backspaces: its keys in their usual order
                keys.append(_render(_plan(ch, vni), [0] * len(_plan(ch, vni).keys), set()))
            shown.append(ch)
            i += 1
            continue
        k = 0
        while i < len(chars) and chars[i][1]:
            k, i = k + 1, i + 1
        k = min(k, len(shown))  # Backspaces in an empty field delete nothing
        deleted = "".join(shown[len(shown) - k :]) if k else ""
        del shown[len(shown) - k :]
        following = chars[i : i + k]
        if len(following) < k or any(b for _, b in following):
            break  # the burst ended mid-rewrite: keep what was recovered
        replaced = "".join(c for c, _ in following)
        i += k
        shown.extend(replaced)
        key = _key_for(deleted, replaced, vni)
        if key is None and i < len(chars) and not chars[i][1]:
            # undo, or a tone moving onto the letter just typed: that letter is the key
            nxt = chars[i][0]
            letter = analyse(nxt)
            key = letter.base if letter is not None else nxt
            shown.append(nxt)
            i += 1
        if key is not None:
            keys.append(key)
    return "".join(keys)
