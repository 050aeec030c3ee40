"""The reference server over real HTTP, on SQLite and on PostgreSQL: malformed or oversized
requests get a 4xx with a clear code (never a 500), replays answer "duplicate", codes never
repeat, leases never overlap, attachments resume and are checked."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.client import public_cas
from sync.limits import API_PREFIX
from sync.protocol import auth_message, key_id_of
from tests.budget import examples
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

AGENCY = "000.00.12.H01"
TEMPLATE = "{agency}{date:%d%m%y}{seq:03d}"


class Device:
    """A counter as the server sees it: an Ed25519 key and a token."""

    def __init__(self, server: ServerProcess, counter: str, agency: str = AGENCY) -> None:
        self.http = httpx.Client(base_url=server.url + API_PREFIX, timeout=20, verify=public_cas())
        self.key = Ed25519PrivateKey.generate()
        self.public = self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.agency = agency
        self.counter = counter
        self.seq = 0
        r = self.http.post("/counters/enroll", json=self.enrol_body())
        assert r.status_code == 200, r.text
        self.enrolment = r.json()
        self.http.headers["Authorization"] = f"Bearer {self.enrolment['token']['token']}"

    def enrol_body(self, **over: Any) -> dict[str, Any]:
        return {
            "username": IT_USER,
            "password": IT_PASSWORD,
            "agency": self.agency,
            "counter": self.counter,
            "install_id": str(uuid.uuid4()),
            "public_key": self.public.hex(),
            "code_template": TEMPLATE,
            **over,
        }

    def event(
        self, dossier: str, *, code: str | None, status: int = 2, **over: Any
    ) -> dict[str, Any]:
        self.seq += 1
        ev = {
            "id": str(uuid.uuid4()),
            "dossier_id": dossier,
            # the server checks the event's type against the status it moves to
            "type": "rejected" if status == 3 else "received",
            "seq": self.seq,
            "occurred_at": "2026-11-20T09:00:00",
            "officer": "tiepnhan",
            "payload": {"note": "x"},
            "blobs": [],
            "after": {
                "code": code,
                "provisional": bool(code and code.startswith("TAM-")),
                "status": status,
                "procedure": "2.000815",
                "procedure_name": "Chứng thực bản sao",
                "received_at": "2026-11-20T09:00:00" if status != 3 else None,
                "due_at": "2026-11-21T09:00:00" if status != 3 else None,
                "applicant_name": "Nguyễn Văn An",
                "applicant_id": "089085001234",
            },
        }
        ev.update(over)
        return ev

    def lease(self, count: int, day: date = date(2026, 11, 20)) -> list[int]:
        """Numbers of ``day`` the server leases to this counter: the server accepts a real
        code only from this counter's leases or emergency range."""
        r = self.http.post("/leases", json={"asks": [{"day": day.isoformat(), "count": count}]})
        assert r.status_code == 200, r.text
        return [n for b in r.json()["blocks"] for n in range(b["start"], b["end"] + 1)]

    def code(self, day: date = date(2026, 11, 20)) -> str:
        """A real code of ``day`` the server will take from this counter: its next leased number
        in the agency's format (An Giang: agency, ddmmyy, 3-digit sequence)."""
        (n,) = self.lease(1, day)
        return f"{self.agency}{day:%d%m%y}{n:03d}"

    def push(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.http.post("/events", json={"events": list(events)})
        assert r.status_code == 200, r.text
        results: list[dict[str, Any]] = r.json()["results"]
        return results


def _error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_health_and_errors_are_4xx_with_codes(server: ServerProcess) -> None:
    http = httpx.Client(base_url=server.url + API_PREFIX, timeout=20)
    health = http.get("/health").json()
    assert health["status"] == "ok" and health["protocol"] == 1
    _error(http.post("/events", json={"events": []}), 401, "unauthenticated")
    _error(http.get("/nowhere"), 404, "not_found")
    _error(http.delete("/health"), 405, "method_not_allowed")
    dev = Device(server, "Q01")
    for body in (b"{not json", b"[]", b'{"events": []}', b'{"events": [{"id": 1}]}', b"\xff\xfe"):
        r = dev.http.post("/events", content=body, headers={"Content-Type": "application/json"})
        _error(r, 422, "invalid_request")
    # oversized: refused from the declared length, and from the bytes when there is none
    big = b'{"events": [' + b" " * (9 * 1024 * 1024) + b"]}"
    _error(dev.http.post("/events", content=big), 413, "too_large")
    _error(dev.http.post("/events", content=iter([big])), 413, "too_large")
    too_big_payload = dev.event(str(uuid.uuid4()), code="X" * 10, payload={"x": "a" * 70_000})
    _error(dev.http.post("/events", json={"events": [too_big_payload]}), 422, "invalid_request")
    _error(dev.http.get("/changes", params={"cursor": "garbage!"}), 422, "bad_cursor")
    _error(dev.http.get("/changes", params={"cursor": "v2_12"}), 422, "bad_cursor")
    _error(dev.http.get("/changes", params={"limit": 0}), 422, "invalid_request")
    _error(dev.http.get("/blobs/NOTASHA"), 422, "invalid_request")
    _error(
        dev.http.get("/reconcile", params={"first": "2026-01-01", "last": "2020-01-01"}),
        422,
        "invalid_request",
    )
    _error(http.get("/audit-anchor"), 401, "unauthenticated")
    for bad in ({"seq": 0, "mac": "a" * 64}, {"seq": 1, "mac": "A" * 64}, {"seq": 1}):
        _error(dev.http.post("/audit-anchor", json=bad), 422, "invalid_request")


def test_enrolment_needs_an_admin_and_a_sane_template(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    http = httpx.Client(base_url=server.url + API_PREFIX, timeout=20)
    _error(
        http.post("/counters/enroll", json=dev.enrol_body(password="sai-mat-khau1")),
        401,
        "bad_credentials",
    )
    _error(
        http.post("/counters/enroll", json=dev.enrol_body(code_template="{agency}-{seq:04d}")),
        403,
        "bad_template",
    )
    other = dev.enrol_body(counter="Q02", code_template="{agency}-{date:%y%m%d}-{seq:04d}")
    _error(http.post("/counters/enroll", json=other), 403, "template_mismatch")
    out = server.admin(
        "officer",
        "add",
        "tiepnhan",
        "--name",
        "Cán bộ",
        "--roles",
        "reception",
        env={"MOTCUA_NEW_PASSWORD": "Quay2026xyz"},
    )
    assert out.returncode == 0, out.stderr
    not_admin = dev.enrol_body(username="tiepnhan", password="Quay2026xyz", counter="Q03")
    _error(http.post("/counters/enroll", json=not_admin), 403, "not_admin")


def test_device_sign_in_refuses_replays_skew_and_forgeries(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    kid = key_id_of(dev.public)
    assert kid == dev.enrolment["key_id"]
    http = httpx.Client(base_url=server.url + API_PREFIX, timeout=20)

    def body(
        when: datetime, key: Ed25519PrivateKey = dev.key, nonce: str | None = None
    ) -> dict[str, Any]:
        nonce = nonce or secrets.token_hex(16)
        sig = key.sign(auth_message(AGENCY, "Q01", kid, when, nonce)).hex()
        return {
            "agency": AGENCY,
            "counter": "Q01",
            "key_id": kid,
            "timestamp": when.isoformat(),
            "nonce": nonce,
            "signature": sig,
        }

    now = datetime.now(UTC).replace(microsecond=0)
    fresh = body(now)
    r = http.post("/auth/device", json=fresh)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    assert http.get("/changes", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    _error(http.post("/auth/device", json=fresh), 401, "replay")
    _error(http.post("/auth/device", json=body(now - timedelta(minutes=30))), 401, "clock_skew")
    _error(
        http.post("/auth/device", json=body(now, key=Ed25519PrivateKey.generate())),
        401,
        "bad_signature",
    )
    _error(http.get("/changes", headers={"Authorization": "Bearer nope"}), 401, "unauthenticated")


def test_replays_are_duplicates_and_codes_never_repeat(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    assert q1.lease(1) == [1]
    d1 = str(uuid.uuid4())
    first = q1.event(d1, code="000.00.12.H01201126001")
    assert [r["outcome"] for r in q1.push(first)] == ["applied"]
    # the same batch again (its answer was lost): duplicate, nothing stored twice
    assert [r["outcome"] for r in q1.push(first)] == ["duplicate"]
    # same id, different content: refused
    forged = {**first, "payload": {"note": "khác"}}
    (res,) = q1.push(forged)
    assert res["outcome"] == "rejected" and res["code"] == "id_conflict"
    # another dossier with the same code, from another counter: refused
    (res,) = q2.push(q2.event(str(uuid.uuid4()), code="000.00.12.H01201126001"))
    assert res["code"] == "code_conflict"
    # an event for a dossier of another agency
    other = Device(server, "Q09", agency="000.00.99.H01")
    (res,) = other.push(other.event(d1, code="000.00.99.H01201126001"))
    assert res["code"] == "wrong_agency"
    # a received status without a code
    (res,) = q1.push(q1.event(str(uuid.uuid4()), code=None, status=2))
    assert res["code"] == "invalid_event"
    # an attachment that was never uploaded
    att = q1.event(d1, code="000.00.12.H01201126001", type="attached", blobs=["a" * 64])
    (res,) = q1.push(att)
    assert res["code"] == "missing_blob"
    report = json.loads(server.admin("report", "--json").stdout)
    assert report["dossiers"] == 1 and report["events"] == 1
    assert report["duplicate_codes"] == [] and report["duplicate_counter_seqs"] == []


def test_leases_never_overlap_and_provisional_codes_get_real_ones(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    e1, e2 = q1.enrolment["emergency"], q2.enrolment["emergency"]
    assert e1 == {"start": 980, "end": 999} and e2 == {"start": 960, "end": 979}
    day = date(2026, 11, 20)
    numbers: list[int] = []
    for dev in (q1, q2, q1, q2):
        r = dev.http.post("/leases", json={"asks": [{"day": day.isoformat(), "count": 100}]})
        assert r.status_code == 200, r.text
        for b in r.json()["blocks"]:
            numbers += range(b["start"], b["end"] + 1)
    assert len(numbers) == len(set(numbers)) == 400
    assert max(numbers) < 960  # leases stay below every emergency range
    # a counter that ran out of everything offline used a provisional code
    dossier = str(uuid.uuid4())
    (res,) = q1.push(q1.event(dossier, code="TAM-000.00.12.H01-Q01-261120-001"))
    assert res["outcome"] == "applied"
    feed = q1.http.get("/changes").json()
    assigned = [i["event"] for i in feed["items"] if i["kind"] == "event"]
    assert [e["type"] for e in assigned] == ["code_assigned"]
    assert assigned[0]["payload"] == {
        "code": "000.00.12.H01201126401",
        "provisional_code": "TAM-000.00.12.H01-Q01-261120-001",
    }
    leases = [i for i in feed["items"] if i["kind"] == "lease"]
    assert {(x["start"], x["end"]) for x in leases} == {(1, 100), (201, 300)}  # only its own


def test_feed_carries_other_counters_events_in_order(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    numbers = {"Q02": iter(q2.lease(15)), "Q01": iter(q1.lease(15))}
    pushed = []
    for i in range(30):
        dev = q1 if i % 2 else q2
        ev = dev.event(
            str(uuid.uuid4()), code=f"000.00.12.H01201126{next(numbers[dev.counter]):03d}"
        )
        assert dev.push(ev)[0]["outcome"] == "applied"
        pushed.append((dev.counter, ev["id"]))
    cursor = None
    seen: list[str] = []
    for _ in range(20):
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = q1.http.get("/changes", params=params).json()
        seen += [i["event"]["id"] for i in page["items"] if i["kind"] == "event"]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == [eid for who, eid in pushed if who == "Q02"]
    # a department moves one of Q02's dossiers: Q02 hears of it, once
    code = "000.00.12.H01201126001"
    out = server.admin("move", code, "--status", "4", "--note", "Chuyển phòng Tư pháp")
    assert out.returncode == 0, out.stderr
    page = q2.http.get("/changes").json()
    moves = [
        i["event"]
        for i in page["items"]
        if i["kind"] == "event" and i["event"]["origin"] == "server"
    ]
    assert [(m["type"], m["payload"]["status"], m["after"]["status"]) for m in moves] == [
        ("department_progress", 4, 4)
    ]
    again = q2.http.get("/changes", params={"cursor": page["cursor"]}).json()
    # the first pull started the centre's statistics snapshot in the background; on a busy
    # machine it lands only now, as a "stats" item. That is not the move heard twice.
    assert [i for i in again["items"] if i["kind"] != "stats"] == []
    bad = server.admin("move", code, "--status", "10")
    assert bad.returncode == 1 and "không chuyển" in bad.stderr


def test_attachments_resume_and_are_checked(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    data = secrets.token_bytes(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert dev.http.get(f"/blobs/{sha}").json() == {
        "sha256": sha,
        "size": None,
        "received": 0,
        "complete": False,
    }
    r = dev.http.put(
        f"/blobs/{sha}", params={"size": len(data), "offset": 0}, content=data[:100_000]
    )
    assert r.json()["received"] == 100_000
    # a retry of the same chunk (its answer was lost) is told where the server stands
    r = dev.http.put(
        f"/blobs/{sha}", params={"size": len(data), "offset": 0}, content=data[:100_000]
    )
    _error(r, 409, "offset_mismatch")
    r = dev.http.put(
        f"/blobs/{sha}", params={"size": len(data), "offset": 100_000}, content=data[100_000:]
    )
    assert r.json()["complete"] is True
    assert (server.blobs / sha[:2] / sha).read_bytes() == data
    # bytes that do not hash to the name are thrown away
    bad = secrets.token_bytes(1000)
    fake = hashlib.sha256(b"something else").hexdigest()
    r = dev.http.put(f"/blobs/{fake}", params={"size": 1000, "offset": 0}, content=bad)
    _error(r, 422, "hash_mismatch")
    assert dev.http.get(f"/blobs/{fake}").json()["received"] == 0
    _error(
        dev.http.put(f"/blobs/{sha[:-1]}0", params={"size": 10**10, "offset": 0}, content=b"x"),
        413,
        "too_large",
    )


def test_export_has_the_national_portal_shape(server: ServerProcess) -> None:
    dev = Device(server, "Q01")
    dev.lease(1)
    dev.push(dev.event(str(uuid.uuid4()), code="000.00.12.H01201126001"))
    out = server.admin("export", "--from", "2026-11-20", "--to", "2026-11-20")
    doc = json.loads(out.stdout)
    (row,) = doc["data"]
    assert doc["service"] == "DongBoHoSoMC"
    assert row["MaHoSo"] == "000.00.12.H01201126001" and row["MaTTHC"] == "2.000815"
    assert row["NgayTiepNhan"] == "20261120090000" and row["NgayHenTra"] == "20261121090000"
    assert row["TrangThaiHoSo"] == "2" and row["ChuHoSo"] == "Nguyễn Văn An"


def test_fuzzed_requests_never_get_a_500(sqlite_server: ServerProcess) -> None:
    """Hypothesis throws JSON of every shape at every endpoint: 4xx with a code, never 5xx."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    dev = Device(sqlite_server, "Q01")
    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=30),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=12), c, max_size=4),
        max_leaves=25,
    )
    event_like = st.fixed_dictionaries(
        {},
        optional={
            k: values
            for k in (
                "id",
                "dossier_id",
                "type",
                "seq",
                "occurred_at",
                "officer",
                "payload",
                "blobs",
                "after",
            )
        },
    )
    bodies = st.one_of(
        values.map(lambda v: json.dumps(v).encode()),
        st.lists(event_like, max_size=3).map(lambda evs: json.dumps({"events": evs}).encode()),
        st.binary(max_size=100),
    )
    paths = st.sampled_from(
        [
            "/events",
            "/leases",
            "/login",
            "/auth/device",
            "/counters/enroll",
            "/password",
            "/audit-anchor",
        ]
    )

    @settings(
        max_examples=examples(0.8),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(path=paths, body=bodies)
    def post(path: str, body: bytes) -> None:
        r = dev.http.post(path, content=body, headers={"Content-Type": "application/json"})
        assert r.status_code < 500, (path, body, r.text)
        if r.status_code >= 400:
            assert r.json()["error"]["code"]

    post()
    health = dev.http.get("/health")
    assert health.status_code == 200
