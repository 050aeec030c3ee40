"""The push path's many-row insert stores exactly what SQLAlchemy's own insert stores: the same
text for datetimes and JSON on SQLite, the same values on PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select

from sync.server.bulk import insert_rows
from sync.server.db import ServerDatabase
from sync.server.models import DossierRow, EventRow

DOSSIERS: Table = DossierRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]


def _dossier(did: str, code: str | None) -> dict[str, Any]:
    return {
        "id": did,
        "agency": "000.00.12.H01",
        "counter": "Q01",
        "counter_id": None,
        "code": code,
        "provisional_code": None,
        "status": 2,
        "status_at": datetime(2026, 11, 24, 9, 0, 0),
        "procedure": "2.000815",
        "procedure_name": "Chứng thực bản sao từ bản chính",
        "channel": 1,
        "received_at": datetime(2026, 11, 24, 9, 0, 0, 123456),
        "due_at": datetime(2026, 11, 25, 17, 0),
        "finished_at": None,
        "returned_at": None,
        "applicant_name": "Nguyễn Thị Ánh Tuyết",
        "applicant_id": "089085001234",
        "applicant_phone": None,
        "applicant_address": "Số 1 Lê Lợi, Long Xuyên",
        "applicant_email": None,
        "fee_total": 10_000_000_000,
        "created_at": datetime(2026, 11, 25, 1, 2, 3, 4),
        "updated_at": datetime(2026, 11, 25, 1, 2, 3, 4),
    }


def _event(eid: str, did: str, feed_id: int) -> dict[str, Any]:
    return {
        "id": eid,
        "dossier_id": did,
        "agency": "000.00.12.H01",
        "counter": "Q01",
        "counter_id": None,
        "origin": "counter",
        "type": "received",
        "seq": 7,
        "occurred_at": datetime(2026, 11, 24, 9, 0, 0),
        "officer": "tiepnhan",
        "payload": {"applicant": {"name": "Đặng Văn Ơn"}, "note": None, "fees": [1, 2.5]},
        "blobs": [],
        "after": {"status": 2, "code": "Ư-01", "provisional": False},
        "feed_id": feed_id,
        "stored_at": datetime(2026, 11, 25, 1, 2, 3),
    }


def _stored(db: ServerDatabase, table: Table, key: str) -> dict[str, Any]:
    """The row as the driver returns it, with no SQLAlchemy type processing."""
    cols = ", ".join(f'"{c.name}"' for c in table.columns)
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {cols} FROM {table.name} WHERE id = '{key}'").one()
    return dict(zip([c.name for c in table.columns], row, strict=True))


def test_rows_are_stored_exactly_as_core_stores_them(db_url: str) -> None:
    db = ServerDatabase(db_url)
    try:
        db.create_schema()
        with db.write() as s:
            conn = s.connection()
            conn.execute(insert(DOSSIERS), [_dossier("d-core", "C1")])
            insert_rows(conn, DOSSIERS, [_dossier("d-bulk", "C2"), _dossier("d-bulk2", None)])
            conn.execute(insert(EVENTS), [_event("e-core", "d-core", 1)])
            insert_rows(conn, EVENTS, [_event("e-bulk", "d-bulk", 2)])
        core, bulk = _stored(db, DOSSIERS, "d-core"), _stored(db, DOSSIERS, "d-bulk")
        assert {k: v for k, v in core.items() if k not in ("id", "code")} == {
            k: v for k, v in bulk.items() if k not in ("id", "code")
        }
        assert _stored(db, DOSSIERS, "d-bulk2")["code"] is None
        core, bulk = _stored(db, EVENTS, "e-core"), _stored(db, EVENTS, "e-bulk")
        assert {k: v for k, v in core.items() if k not in ("id", "dossier_id", "feed_id")} == {
            k: v for k, v in bulk.items() if k not in ("id", "dossier_id", "feed_id")
        }
        with db.read() as s:
            back = s.scalars(select(EventRow).where(EventRow.id == "e-bulk")).one()
            assert back.payload == _event("", "", 0)["payload"]
            assert back.occurred_at == datetime(2026, 11, 24, 9, 0, 0)
            d = s.get(DossierRow, "d-bulk")
            assert d is not None and d.received_at == datetime(2026, 11, 24, 9, 0, 0, 123456)
            assert d.applicant_name == "Nguyễn Thị Ánh Tuyết" and d.fee_total == 10_000_000_000
    finally:
        db.close()
