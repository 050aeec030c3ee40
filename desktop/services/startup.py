"""What the window needs before the counter's services are open: the quick look at the data
dir that puts the sign-in screen up (sqlite3 only), its language, and the keyring check.
Re-exported here so that the window reaches the store only through the services; every module
named here is light (no SQLAlchemy, Alembic or pydantic), which the start-up test checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.store.accounts.keyring_guard import INSECURE_KEYRING_ENV, allowed_insecure_backend
from desktop.store.first_look import FirstLook, first_look, settings_language

if TYPE_CHECKING:
    from pathlib import Path


def window_language(data_dir: Path) -> str:
    """The language the officer chose for the window ("vi" when the settings are unreadable)."""
    plain = settings_language(data_dir)  # without pydantic, when the file is plainly valid
    if plain is not None:
        return plain
    from desktop.store.desk_settings import SettingsError, load_settings

    try:
        return load_settings(data_dir).language
    except SettingsError:
        return "vi"


__all__ = [
    "INSECURE_KEYRING_ENV",
    "FirstLook",
    "allowed_insecure_backend",
    "first_look",
    "settings_language",
    "window_language",
]
