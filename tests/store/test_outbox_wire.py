"""Each queued event is encoded when it is recorded; what sync sends is the same whether it was
stored then or rebuilt from the dossier's history (events queued before revision 0007)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select, update

from desktop.domain.reception import parse_form
from desktop.store.models import OutboxRow
from desktop.store.sync.local import CounterStore
from sync.protocol import PushRequest
from tests.conftest import RECEPTION, Counter, minimal_form


def _sent(c: Counter) -> list[dict[str, Any]]:
    store = CounterStore(c.db, c.ctx)
    top = store.max_pending_seq()
    assert top is not None
    return [json.loads(p.wire) for p in store.pending_events(100, top)]


def test_stored_and_rebuilt_wire_forms_are_the_same(counter: Counter) -> None:
    codes = []
    for at, name in (("2026-11-23T08:05", "Lê Thị Hồng"), ("2026-11-23T10:40", "Phạm Văn Đức")):
        form = parse_form({**minimal_form(name=name), "received_at": at})
        receipt = counter.service.receive(form, RECEPTION)
        assert receipt.code is not None
        codes.append(receipt.code)
    counter.service.request_supplement(codes[0], RECEPTION, "Thiếu bản sao CCCD", ["CCCD"])
    counter.service.receive_supplement(codes[0], RECEPTION)
    counter.service.result_ready(codes[1], RECEPTION)
    counter.service.return_result(codes[1], RECEPTION, "Phạm Văn Đức", "089085001234")
    with counter.db.read() as s:
        assert s.scalar(select(func.count()).where(OutboxRow.wire.is_(None))) == 0
    stored = _sent(counter)
    assert [e["type"] for e in stored] == [
        "received",
        "received",
        "supplement_requested",
        "supplement_received",
        "result_received",
        "result_returned",
    ]
    # the server's own model accepts them as they are
    PushRequest.model_validate_json(json.dumps({"events": stored}))
    with counter.db.write() as s:
        s.execute(update(OutboxRow).where(OutboxRow.seq % 2 == 0).values(wire=None))
    assert _sent(counter) == stored
    with counter.db.write() as s:
        s.execute(update(OutboxRow).values(wire=None))
    assert _sent(counter) == stored
