"""The province's wall clock, the one time source for everything the counter records."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def local_now() -> datetime:
    return datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0)
