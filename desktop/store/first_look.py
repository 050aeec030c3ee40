"""What the window needs before the store has loaded, read with the standard library alone.

Opening a :class:`~desktop.services.desk.Desk` imports SQLAlchemy, alembic and pydantic, which
on a counter's PC takes several times as long as showing a Qt window. The sign-in screen only
needs the language its texts are in and the counter's name, and to know that the data dir
holds a counter database at the current schema: this module answers those from the files in
a few milliseconds, so the screen is up while the desk opens behind it. Whenever it is not
sure (an older schema to migrate, no counter yet, a damaged or foreign file, a settings file
that needs real validation), it answers ``None`` and the full open decides and explains."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import resources

DB_NAME = "motcua.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SETTINGS_FILE = "desk.json"

_REVISION = re.compile(r"""^revision\s*(?::[^=\n]*)?=\s*["']([^"'\n]+)["']\s*$""", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(.*?)\s*$", re.M)
_DOWN_VALUE = re.compile(r"""None|\(?\s*(?:["'][^"'\n]+["']\s*,?\s*)+\)?""")
_QUOTED = re.compile(r"""["']([^"'\n]+)["']""")


def schema_head(versions: Path = MIGRATIONS / "versions") -> str | None:
    """The one head revision of the migration scripts, read from their ``revision`` and
    ``down_revision`` lines as alembic would find it; ``None`` when a script does not read
    plainly or there is not exactly one head (alembic is then asked, and explains)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        scripts = sorted(versions.glob("*.py"))
        for script in scripts:
            text = script.read_text(encoding="utf-8")
            rev, down = _REVISION.findall(text), _DOWN.findall(text)
            if len(rev) != 1 or len(down) != 1 or not _DOWN_VALUE.fullmatch(down[0]):
                return None
            revisions.add(rev[0])
            parents.update(_QUOTED.findall(down[0]))
    except (OSError, UnicodeDecodeError):
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and len(revisions) == len(scripts) else None


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision alembic recorded in an open database (``None``: none, or several)."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def counter_title(counter: str, agency: str, province_name: str) -> str:
    """How the window names the counter (its title bar, heading and sign-in screen)."""
    return f"Quầy {counter} · {agency} · {province_name}"


@dataclass(frozen=True)
class FirstLook:
    """A data dir whose database is a counter's, at the schema this program expects."""

    title: str


def first_look(data_dir: Path) -> FirstLook | None:
    """The counter database in ``data_dir`` opened and checked with sqlite3: at the current
    schema, bound to a counter whose province profile is shipped. ``None`` for anything
    else, including a missing database (never created here)."""
    path = data_dir / DB_NAME
    head = schema_head()
    if head is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=15)
    except (sqlite3.Error, ValueError):
        return None
    try:
        if stored_revision(conn) != head:
            return None
        rows = conn.execute("SELECT counter, agency, province FROM counter_identity").fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if len(rows) != 1:
        return None
    counter, agency, province = (str(v) for v in rows[0])
    profile = resources.PROVINCES / f"{province}.toml"
    if "/" in province or "\\" in province or not profile.is_file():
        return None
    try:
        raw = tomllib.loads(profile.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    name = raw.get("name")
    if not isinstance(name, str) or len(name) < 2 or raw.get("id") != province:
        return None
    return FirstLook(counter_title(counter, agency, name))


# DeskSettings' fields, each with a check at least as strict as the model's: a file that
# passes them all is one the model accepts, with the same language
_SETTINGS_CHECKS: dict[str, Callable[[object], bool]] = {
    "print_mode": lambda v: v in ("thermal", "a4", "both"),
    "a4_queue": lambda v: (
        isinstance(v, str) and len(v) <= 120 and re.fullmatch(r"[A-Za-z0-9_.@-]*", v) is not None
    ),
    "idle_lock_minutes": lambda v: type(v) is int and 1 <= v <= 240,
    "language": lambda v: v in ("vi", "en"),
    "citizen_display": lambda v: type(v) is bool,
    "citizen_screen": lambda v: isinstance(v, str) and len(v) <= 120,
    "citizen_timeout_seconds": lambda v: type(v) is int and 10 <= v <= 600,
}


def settings_language(data_dir: Path) -> str | None:
    """The language of ``DATA/desk.json`` when the file is plainly valid (``vi`` when there is
    none); ``None`` when it takes the model's validation to tell (the caller asks it)."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "vi"
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or not all(
        key in _SETTINGS_CHECKS and _SETTINGS_CHECKS[key](value) for key, value in raw.items()
    ):
        return None
    return str(raw.get("language", "vi"))
