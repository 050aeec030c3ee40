"""Results by post travel between counters (issue 20, item 4): one counter hands the result to
the post, another records the delivery; the server takes only a valid, normalised UPU S10
number with the times the events need, never a result sent twice, a delivery before the
hand-over, or a tracking number another dossier of the agency already carries. On SQLite and
PostgreSQL (the tracking number is looked up inside the events' JSON payloads)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from desktop.domain.reception import parse_form
from desktop.store.dossiers.post import PostDelivery
from desktop.store.dossiers.service import find_dossier
from sync.protocol import REJECTION_CODES
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

from .test_event_rules import _server_row
from .test_server_api import AGENCY, Device

TRACKING = "EB123456785VN"
OTHER = "RR473124829GB"


def _post_event(dev: Device, did: str, code: str, type_: str, payload: Any) -> dict[str, Any]:
    status = 10 if type_ == "post_delivered" else 9
    return dev.event(did, code=code, status=status, type=type_, payload=payload)


def _outcome(dev: Device, ev: dict[str, Any]) -> tuple[str, str | None]:
    (res,) = dev.push(ev)
    assert res.get("code") is None or res["code"] in REJECTION_CODES, res
    return res["outcome"], res.get("code")


def test_the_server_takes_only_valid_post_events(server: ServerProcess) -> None:
    q1 = Device(server, "Q01")
    q1.lease(2)
    dossiers = {str(uuid.uuid4()): f"{AGENCY}20112600{i}" for i in (1, 2)}
    for did, code in dossiers.items():
        assert _outcome(q1, q1.event(did, code=code)) == ("applied", None)
        ready = q1.event(did, code=code, status=9, type="result_received")
        assert _outcome(q1, ready) == ("applied", None)
    (d1, c1), (d2, c2) = dossiers.items()
    at = "2026-11-20T10:00:00"

    def sent(did: str, code: str, **payload: Any) -> tuple[str, str | None]:
        return _outcome(q1, _post_event(q1, did, code, "sent_by_post", payload))

    def delivered(did: str, code: str, **payload: Any) -> tuple[str, str | None]:
        return _outcome(q1, _post_event(q1, did, code, "post_delivered", payload))

    # a hostile or broken counter: a wrong check digit, a malformed or unnormalised number, no
    # number, no time
    invalid = ("rejected", "invalid_event")
    assert sent(d1, c1, tracking="EB123456789VN", sent_at=at) == invalid
    assert sent(d1, c1, tracking="EB12345678VN", sent_at=at) == invalid
    assert sent(d1, c1, tracking="eb 123456785 vn", sent_at=at) == invalid
    assert sent(d1, c1, tracking=123456785, sent_at=at) == invalid
    assert sent(d1, c1, sent_at=at) == invalid
    assert sent(d1, c1, tracking=TRACKING) == invalid
    assert sent(d1, c1, tracking=TRACKING, sent_at="hôm nay") == invalid
    # delivered before it was sent
    assert delivered(d1, c1, delivered_at=at) == ("rejected", "bad_transition")
    assert _server_row(server, c1)["TrangThaiHoSo"] == "9"
    # the real thing
    assert sent(d1, c1, tracking=TRACKING, sent_at=at) == ("applied", None)
    # sent twice, and another dossier under the same item's number
    assert sent(d1, c1, tracking=OTHER, sent_at=at) == ("rejected", "bad_transition")
    assert sent(d2, c2, tracking=TRACKING, sent_at=at) == invalid
    assert sent(d2, c2, tracking=OTHER, sent_at=at) == ("applied", None)
    # a delivery needs its time
    assert delivered(d1, c1) == invalid
    assert delivered(d1, c1, delivered_at="2026-11-21T09:30:00") == ("applied", None)
    assert _server_row(server, c1)["TrangThaiHoSo"] == "10"
    assert delivered(d1, c1, delivered_at="2026-11-21T09:30:00") == ("rejected", "bad_transition")
    # another agency may use the same number: the check is the agency's
    kg = Device(server, "Q01", agency="000.00.99.H01")
    kg.lease(1)
    did, code = str(uuid.uuid4()), "000.00.99.H01201126001"
    assert _outcome(kg, kg.event(did, code=code)) == ("applied", None)
    assert _outcome(kg, kg.event(did, code=code, status=9, type="result_received"))[0] == "applied"
    payload = {"tracking": TRACKING, "sent_at": at}
    assert _outcome(kg, _post_event(kg, did, code, "sent_by_post", payload)) == ("applied", None)


def _ready_by_post(c: SyncCounter) -> str:
    form = {
        **minimal_form(),
        "procedure": "1.004873",
        "result_delivery": {"method": "post", "address": "Số 1 Lê Lợi, Long Xuyên"},
    }
    code = c.service.receive(parse_form(form), OFFICER).code
    assert code is not None
    c.service.result_ready(code, OFFICER)
    return code


def test_sent_at_one_counter_delivered_at_another(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    code = _ready_by_post(q1)
    sent = PostDelivery(q1.db, q1.ctx).send(code, OFFICER, TRACKING)
    assert q1.sync().rejected == 0 and q2.sync().rejected == 0
    with q2.db.read() as s:
        row = find_dossier(s, code)
        assert (row.post_tracking, row.posted_at, row.status) == (TRACKING, sent.posted_at, 9)
    done = PostDelivery(q2.db, q2.ctx).delivered(code, OFFICER)
    assert q2.sync().rejected == 0 and q1.sync().rejected == 0
    with q1.db.read() as s:
        row = find_dossier(s, code)
        assert row.status == 10 and row.post_delivered_at == done.delivered_at
        assert row.returned_at == done.delivered_at


def test_one_tracking_number_on_two_counters_offline(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    """Neither counter can see the other's use of the number while offline: the server takes the
    first and refuses the second, which stays a dead letter for the officer to correct."""
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    a, b = _ready_by_post(q1), _ready_by_post(q2)
    PostDelivery(q1.db, q1.ctx).send(a, OFFICER, TRACKING)
    PostDelivery(q2.db, q2.ctx).send(b, OFFICER, TRACKING)
    assert q1.sync().rejected == 0
    assert q2.sync().rejected == 1
