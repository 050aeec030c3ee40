"""The push path's many-row insert stores exactly what SQLAlchemy's own insert stores: the same
text for datetimes and JSON on SQLite, the same values on PostgreSQL, whether a JSON value is
given as data or already encoded (JsonText); and a pushed event's JSON is the engine's own. The
push path's shortcuts (lists bound as one parameter, a new dossier's row written out at once)
give what the general way gives."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import JSON, Table, insert, select, update

from sync.protocol import PushRequest
from sync.server.auth import Caller
from sync.server.bulk import JsonText, insert_rows, one_of, update_rows, values_of
from sync.server.db import ServerDatabase, json_text
from sync.server.ingest import _new_dossier, _take_summary, push
from sync.server.models import (
    AgencyRow,
    BlobUploadRow,
    CounterRow,
    DossierRow,
    EventRow,
    LeaseRow,
)

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
    """The row as the driver returns it, with no SQLAlchemy type processing (JSON as its text)."""
    cols = ", ".join(
        f'CAST("{c.name}" AS TEXT)' if isinstance(c.type, JSON) else f'"{c.name}"'
        for c in table.columns
    )
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
            pre = _event("e-text", "d-bulk", 3)
            for column in ("payload", "blobs", "after"):
                pre[column] = JsonText(json_text(pre[column]))
            insert_rows(conn, EVENTS, [pre])
        core, bulk = _stored(db, DOSSIERS, "d-core"), _stored(db, DOSSIERS, "d-bulk")
        assert {k: v for k, v in core.items() if k not in ("id", "code")} == {
            k: v for k, v in bulk.items() if k not in ("id", "code")
        }
        assert _stored(db, DOSSIERS, "d-bulk2")["code"] is None
        core = _stored(db, EVENTS, "e-core")
        for key in ("e-bulk", "e-text"):
            bulk = _stored(db, EVENTS, key)
            assert {k: v for k, v in core.items() if k not in ("id", "dossier_id", "feed_id")} == {
                k: v for k, v in bulk.items() if k not in ("id", "dossier_id", "feed_id")
            }
        with db.read() as s:
            for key in ("e-bulk", "e-text"):
                back = s.scalars(select(EventRow).where(EventRow.id == key)).one()
                assert back.payload == _event("", "", 0)["payload"] and back.blobs == []
            assert back.occurred_at == datetime(2026, 11, 24, 9, 0, 0)
            d = s.get(DossierRow, "d-bulk")
            assert d is not None and d.received_at == datetime(2026, 11, 24, 9, 0, 0, 123456)
            assert d.applicant_name == "Nguyễn Thị Ánh Tuyết" and d.fee_total == 10_000_000_000
    finally:
        db.close()


def test_rows_are_updated_exactly_as_core_updates_them(db_url: str) -> None:
    """``update_rows`` (one statement from a JSON document on PostgreSQL) leaves a row exactly
    as Core's UPDATE of the same values does, NULLs, microseconds and diacritics included."""
    db = ServerDatabase(db_url)
    changed = ["code", "status", "status_at", "finished_at", "applicant_name", "fee_total"]
    try:
        db.create_schema()
        with db.write() as s:
            conn = s.connection()
            conn.execute(insert(DOSSIERS), [_dossier("d-core", "C1"), _dossier("d-bulk", "C2")])
        values = {
            "code": None,
            "status": 9,
            "status_at": datetime(2026, 11, 26, 10, 11, 12, 654321),
            "finished_at": datetime(2026, 11, 26, 10, 0),
            "applicant_name": 'Lê Thị Ửng "Hồng"',
            "fee_total": 0,
        }
        with db.write() as s:
            conn = s.connection()
            conn.execute(update(DOSSIERS).where(DOSSIERS.c.id == "d-core").values(**values))
            update_rows(conn, DOSSIERS, "id", changed, [{**_dossier("d-bulk", "C2"), **values}])
        core, bulk = _stored(db, DOSSIERS, "d-core"), _stored(db, DOSSIERS, "d-bulk")
        assert {k: v for k, v in bulk.items() if k != "id"} == {
            k: v for k, v in core.items() if k != "id"
        }
        assert bulk["status"] == 9 and bulk["code"] is None
    finally:
        db.close()


def test_a_pushed_event_is_stored_as_core_would_store_it(db_url: str) -> None:
    """The push path hands over JSON it made itself (the payload's from the size check, the
    summary from its model): it must be the text the engine's serializer makes of the same data."""
    db = ServerDatabase(db_url)
    try:
        db.create_schema()
        now = datetime(2026, 11, 24, 8, 0)
        with db.write() as s:
            s.add(
                AgencyRow(
                    code="000.00.12.H01",
                    code_template="{agency}{date:%d%m%y}{seq:03d}",
                    max_seq=999,
                    emergency_size=50,
                    created_at=now,
                )
            )
            s.flush()
            s.add(
                CounterRow(
                    id=1,
                    agency="000.00.12.H01",
                    counter="Q01",
                    install_id=str(uuid4()),
                    key_id="k" * 16,
                    slot=0,
                    enrolled_at=now,
                    enrolled_by="it",
                )
            )
            s.flush()
            s.add(  # the counter's own upload: the only kind its events may name (issue 17)
                BlobUploadRow(
                    counter_id=1,
                    sha256="ab" * 32,
                    size=3,
                    received=3,
                    complete=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            s.flush()
            # the server takes a code only from the pushing counter's leases (issue 17)
            s.add(
                LeaseRow(
                    agency="000.00.12.H01",
                    day=now.date(),
                    start=1,
                    end=10,
                    counter_id=1,
                    created_at=now,
                )
            )
        caller = Caller(counter_id=1, agency="000.00.12.H01", counter="Q01")
        event = {
            "id": str(uuid4()),
            "dossier_id": str(uuid4()),
            "type": "received",
            "seq": 1,
            "occurred_at": "2026-11-24T09:00:00",
            "officer": "tiepnhan",
            "payload": {"giấy tờ": ["Bản sao CCCD"], "lệ phí": 10000, "ghi chú": None},
            "blobs": ["ab" * 32],
            "after": {
                "code": "000.00.12.H01241126001",
                "status": 2,
                "procedure": "2.000815",
                "procedure_name": "Chứng thực bản sao từ bản chính",
                "received_at": "2026-11-24T09:00:00",
                "due_at": "2026-11-25T17:00:00",
                "applicant_name": "Trần Thị Ửng",
                "applicant_id": "089085001234",
            },
        }
        (ev,) = PushRequest.model_validate_json(json_text({"events": [event]})).events
        with db.write() as s:
            (result,) = push(s, caller, [ev])
        assert result.outcome == "applied", result
        stored = _stored(db, EVENTS, event["id"])
        assert stored["payload"] == json_text(event["payload"])
        assert stored["blobs"] == json_text(event["blobs"])
        assert stored["after"] == json_text(ev.after.model_dump(mode="json"))
    finally:
        db.close()


def test_one_of_finds_exactly_the_listed_values(db_url: str) -> None:
    """The batch look-ups bind their lists as one parameter (a JSON array on SQLite, an array on
    PostgreSQL): quotes, backslashes and Vietnamese must arrive as they are, and hundreds of
    values must work."""
    db = ServerDatabase(db_url)
    try:
        db.create_schema()
        odd = ['Ư-"01\\', "Q'02"]
        with db.write() as s:
            insert_rows(
                s.connection(),
                DOSSIERS,
                [_dossier("d-a", odd[0]), _dossier("d-b", odd[1]), _dossier("d-c", "C3")],
            )
        dialect = db.engine.dialect.name
        wanted = [f"X-{i}" for i in range(700)] + odd
        query = select(DOSSIERS.c.id).where(one_of(DOSSIERS.c.code, "codes", dialect))
        with db.read() as s:
            found = set(s.scalars(query, {"codes": values_of(wanted, dialect)}))
            none = list(s.scalars(query, {"codes": values_of([], dialect)}))
        assert found == {"d-a", "d-b"}
        assert none == []
    finally:
        db.close()


@pytest.mark.parametrize("provisional", [False, True])
def test_a_new_dossier_is_its_first_event_folded_into_an_empty_row(provisional: bool) -> None:
    """The push path writes a dossier's first row out at once; it must be what the general fold
    makes of the same event."""
    (ev,) = PushRequest.model_validate_json(
        json_text(
            {
                "events": [
                    {
                        "id": str(uuid4()),
                        "dossier_id": str(uuid4()),
                        "type": "received",
                        "seq": 3,
                        "occurred_at": "2026-11-24T09:00:00",
                        "officer": "tiepnhan",
                        "payload": {},
                        "after": {
                            "code": "000.00.12.H01-261124-0007",
                            "provisional": provisional,
                            "status": 2,
                            "procedure": "2.000815",
                            "procedure_name": "Chứng thực bản sao từ bản chính",
                            "channel": 2,
                            "received_at": "2026-11-24T09:00:00",
                            "due_at": "2026-11-25T17:00:00",
                            "applicant_name": "Trần Thị Ửng",
                            "applicant_id": "089085001234",
                            "applicant_phone": "0912345678",
                            "applicant_address": "Rạch Giá",
                            "applicant_email": "ung@example.vn",
                            "fee_total": 20000,
                        },
                    }
                ]
            }
        )
    ).events
    caller = Caller(counter_id=4, agency="000.00.12.H01", counter="Q01")
    now = datetime(2026, 11, 24, 2, 0, 1)
    did = str(ev.dossier_id)
    folded: dict[str, Any] = dict.fromkeys(c.name for c in DOSSIERS.columns)
    folded.update(
        id=did,
        agency=caller.agency,
        counter=caller.counter,
        counter_id=caller.counter_id,
        status=ev.after.status,
        status_at=ev.occurred_at,
        created_at=now,
    )
    folded["provisional_code" if provisional else "code"] = ev.after.code
    _take_summary(folded, ev.occurred_at, ev.after, now, 2, content=True)
    assert _new_dossier(ev, did, caller, now) == folded
