"""Vietnamese first, English second: every screen text is in the English translation, the
compiled .qm files match their .ts sources, and Qt's own buttons speak Vietnamese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.ui.i18n import I18N, install

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is installed with PySide6")
    return str(path)


def _translated(message: ET.Element) -> bool:
    """A plain entry has its text; a plural one ("%n hồ sơ") each of its forms."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in translation.iter("numerusform")]
        return bool(forms) and all(f.strip() for f in forms)
    return bool((translation.text or "").strip())


def test_every_screen_text_has_an_english_translation(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    shutil.copy(I18N / "motcua_en.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    sources.append(str(ROOT / "desktop" / "devices" / "camera_qt.py"))
    out = subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-ts",
            str(ts),
            "-no-obsolete",
            "-source-language",
            "vi",
            "-target-language",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "0 new" in out.stdout or "(0 new" in out.stdout, out.stdout
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not _translated(m)
    ]
    assert unfinished == []


@pytest.mark.parametrize("name", ["motcua_en", "qtbase_vi"])
def test_compiled_translations_match_their_sources(tmp_path: Path, name: str) -> None:
    qm = tmp_path / f"{name}.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(I18N / f"{name}.ts"), "-qm", str(qm)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert qm.read_bytes() == (I18N / f"{name}.qm").read_bytes(), "run `make i18n`"


def test_qt_buttons_in_vietnamese_and_screens_in_english(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install(app, "vi")
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        texts = {b.text() for b in box.buttons()}
        assert texts == {"Đồng ý", "Hủy"}
    finally:
        for t in translators:
            app.removeTranslator(t)
    translators = install(app, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "Tiếp nhận (F3)") == "Reception (F3)"
        assert QCoreApplication.translate("DossierTable", "Hẹn trả") == "Appointment"
    finally:
        for t in translators:
            app.removeTranslator(t)
