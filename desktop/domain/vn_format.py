"""Dates and numbers as Vietnamese offices write them: "17:00 ngày 04/12/2026", "1.250.000",
"50,0 %". One place, so the screens, slips and statistics agree (issue 22: the returns screen
showed raw ISO "2026-12-04 17:00" and the statistics "50.0%").

Vietnamese writes the thousands separator as "." and the decimal mark as "," (TCVN 7217 /
Nghị định 30/2020/NĐ-CP's number style in administrative documents), and a percentage with a
space before the sign in printed tables."""

from __future__ import annotations

from datetime import date, datetime


def moment_vi(moment: datetime | None, empty: str = "—") -> str:
    """'17:00 ngày 04/12/2026'."""
    if moment is None:
        return empty
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def day_vi(day: date | None, empty: str = "—") -> str:
    """'04/12/2026'."""
    if day is None:
        return empty
    return f"{day:%d/%m/%Y}"


def number_vi(value: int) -> str:
    """'1.250.000' (a negative keeps its minus sign)."""
    return f"{value:,}".replace(",", ".")


def decimal_vi(value: float | None, places: int = 1) -> str:
    """'1.234,5' ("—" for no value)."""
    if value is None:
        return "—"
    text = f"{value:,.{places}f}"
    # swap the separators through a placeholder: "," thousands → ".", "." decimal → ","
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent_vi(value: float | None, places: int = 1) -> str:
    """'50,0 %' for 50.0 (the value is already a percentage; "—" for no value)."""
    if value is None:
        return "—"
    return f"{decimal_vi(value, places)} %"
