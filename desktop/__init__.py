"""Quầy Một Cửa: the counter application for one-stop reception desks."""

from __future__ import annotations

__version__ = "0.1.0"
