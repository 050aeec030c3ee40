"""``GET /health``: whether the server answers, its protocol version and its clock."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from sync.limits import PROTOCOL_VERSION
from sync.protocol import Health

router = APIRouter()


@router.get("/health")
def health() -> Health:
    return Health(status="ok", protocol=PROTOCOL_VERSION, server_time=datetime.now(UTC))
