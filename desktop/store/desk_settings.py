"""The counter's own settings that are not the province's: how receipts print, when the screen
locks, which language the screens speak, whether a display faces the citizen. Kept in
``DATA/desk.json``, validated on load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop.domain.refusal import Refusal
from desktop.domain.validation import describe_errors, error_fields

SETTINGS_FILE = "desk.json"


class DeskSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # thermal slips over the desk, A4 copies, or both (Mẫu 01 has two copies either way)
    print_mode: Literal["thermal", "a4", "both"] = "thermal"
    # a CUPS queue for A4 forms; empty: A4 forms are saved as PDF in DATA/printouts
    a4_queue: str = Field(default="", max_length=120, pattern=r"^[A-Za-z0-9_.@-]*$")
    idle_lock_minutes: int = Field(default=10, ge=1, le=240)
    language: Literal["vi", "en"] = "vi"
    # the screens' text size in points (issue 22): larger for officers who need it, applied at
    # once; 11 is the size every screen is laid out for at 1366×768
    font_size_pt: int = Field(default=11, ge=9, le=16)
    # the citizen-facing display (issue 20): off unless the centre turns it on, since only the
    # centre knows whether a screen faces the citizen (a second monitor may face a colleague);
    # which screen ("" the first one that is not the officer's, "window" a movable 1280×800
    # window, or a screen's name as Qt gives it), and the seconds an untouched rating or
    # thank-you page waits before going back to the idle screen
    citizen_display: bool = False
    citizen_screen: str = Field(default="", max_length=120)
    citizen_timeout_seconds: int = Field(default=60, ge=10, le=600)


class SettingsError(Refusal, ValueError):
    code = "settings_invalid"


def load_settings(data_dir: Path) -> DeskSettings:
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return DeskSettings()
    try:
        return DeskSettings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        detail = describe_errors(exc) if isinstance(exc, ValidationError) else str(exc)
        raise SettingsError(f"Tệp cài đặt {path} không hợp lệ: {detail}") from None


def settings_from(**values: object) -> DeskSettings:
    """Settings as typed in the window: what does not validate is a refusal (``input_invalid``)
    whose message names each problem in Vietnamese, not pydantic's own text (issue 24: a
    ``ValueError`` is no longer taken for a refusal)."""
    try:
        return DeskSettings.model_validate(values)
    except ValidationError as exc:
        raise SettingsError(
            describe_errors(exc), code="input_invalid", fields=error_fields(exc)
        ) from None


def save_settings(data_dir: Path, settings: DeskSettings) -> None:
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(settings.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(path)
