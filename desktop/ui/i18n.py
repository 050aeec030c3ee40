"""Languages: Vietnamese first (the source language of every screen), English second, through
Qt translations compiled from resources/i18n/*.ts. Qt ships no Vietnamese for its own dialogs
and context menus, so we ship that too (qtbase_vi)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


_INSTALLED: list[QTranslator] = []  # the translators in use (they must outlive their use)


def use_language(app: QCoreApplication, language: str) -> None:
    """Speak ``language`` from now on: the previous language's translators are removed first
    (installing English over Vietnamese's Qt strings, or the reverse, would mix the two)."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    _INSTALLED.extend(install(app, language))
    _SPOKEN[0] = language


_SPOKEN = ["vi"]  # Vietnamese, the screens' source language, until another is installed


def current_language() -> str:
    return _SPOKEN[0]


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language``; returns them (they must stay alive)."""
    files = {"vi": ["qtbase_vi.qm"], "en": ["motcua_en.qm"]}.get(language, [])
    kept: list[QTranslator] = []
    for name in files:
        t = QTranslator(app)
        if t.load(str(I18N / name)):
            app.installTranslator(t)
            kept.append(t)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    return kept
