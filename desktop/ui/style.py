"""The counter's look: large, calm, readable all day; red only for what is late or wrong,
amber for the offline banner, green for what went through."""

from __future__ import annotations

STYLE = """
QWidget { font-size: 11pt; }
QLabel#screenTitle { font-size: 15pt; font-weight: 600; }
QLabel#messageLabel { qproperty-alignment: AlignCenter; }
QLabel#counterHeading { font-size: 12pt; font-weight: 600; }
QLabel#officerLabel { color: #37474f; }
QLabel[role="hint"] { color: #546e7a; font-size: 10pt; }
QLabel[role="error"] { color: #b00020; font-weight: 600; }
QLabel[role="ok"] { color: #1b5e20; font-weight: 600; }
QLabel#offlineBanner {
    background: #fff3cd; color: #5d4200; border: 1px solid #f0c36d;
    padding: 6px 10px; font-weight: 600;
}
QLabel#keyringWarning {
    background: #fdecea; color: #b00020; border: 1px solid #f5c2c0;
    padding: 6px 10px; font-weight: 600;
}
QLabel#returnsState { font-size: 15pt; font-weight: 700; padding: 8px 12px; border-radius: 4px; }
QLabel#returnsState[verdict="genuine"] { background: #1b5e20; color: white; }
QLabel#returnsState[verdict="forged"] { background: #b00020; color: white; }
QLabel#returnsState[verdict="returned"] { background: #e65100; color: white; }
QLabel#returnsState[verdict="waiting"] { background: #fff3cd; color: #5d4200; }
QLabel#returnsState[verdict="other"] { background: #e3eaf2; color: #0b2e4f; }
QLabel#returnsState[verdict="checking"] { background: #eceff1; color: #37474f; }
QLabel#returnsState[flash="true"] { border: 4px solid #ffd600; }
QFrame#loginPanel { background: white; border: 1px solid #cfd8dc; border-radius: 6px; }
QLabel#loginOffice { qproperty-alignment: AlignCenter; color: #0b2e4f; font-size: 11pt; }
QLabel#provisionalNote { color: #8a4b00; font-weight: 600; }
QPushButton { padding: 6px 14px; min-height: 28px; }
QPushButton[primary="true"] { background: #0b5394; color: white; font-weight: 600; }
QPushButton[primary="true"]:disabled { background: #9fb6cd; }
QLineEdit, QComboBox, QSpinBox, QDateEdit { min-height: 28px; }
QTabBar::tab { padding: 8px 18px; font-size: 11pt; }
QTableView { gridline-color: #d0d7de; }
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
"""


def style_for(font_pt: int = 11) -> str:
    """The style sheet with the screens' text at ``font_pt`` points (a setting, issue 22)."""
    return STYLE.replace("QWidget { font-size: 11pt; }", f"QWidget {{ font-size: {font_pt}pt; }}")


_APPLIED = [11]  # the text size the application's style sheet has now


def apply_style(app: object) -> None:
    """The application's style sheet at the screens' default text size, set only when it is not
    the one in use already (``make_app`` runs again for each picture set the screenshot command
    takes, and each time re-polished every widget there was: 1.4 s with a few windows about)."""
    from PySide6.QtWidgets import QApplication

    if not isinstance(app, QApplication) or app.styleSheet() == STYLE:
        return
    app.setStyleSheet(STYLE)
    _APPLIED[0] = 11


def apply_font_size(app: object, font_pt: int) -> None:
    """Re-style the application only when the size changed: setting a style sheet re-polishes
    every widget there is, which costs a noticeable moment on a full window."""
    from PySide6.QtWidgets import QApplication

    if font_pt == _APPLIED[0] or not isinstance(app, QApplication):
        return
    app.setStyleSheet(style_for(font_pt))
    _APPLIED[0] = font_pt


def mark(widget: object, role: str) -> None:
    """Set a style role (error/ok/hint) on a label and re-polish it."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
