"""Data files shipped with the application: province profiles, demo catalog, fonts."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
PROVINCES = ROOT / "provinces"
CATALOG = ROOT / "catalog"
FONTS = ROOT / "fonts"
