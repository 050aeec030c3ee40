"""A server answer that is not the protocol is an error, never data: fuzzed bodies and statuses
from a real HTTP listener on loopback only ever raise Unreachable or Refused, and a sync cycle
against such a server changes nothing in the counter's database."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.qr_token import key_id
from sync.client import Refused, ServerClient
from sync.connectivity import Unreachable
from sync.protocol import key_id_of
from tests.budget import examples
from tests.conftest import minimal_form
from tests.synctools import OFFICER, make_counter


class _Answers(BaseHTTPRequestHandler):
    status: ClassVar[int] = 200
    body: ClassVar[bytes] = b"{}"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(type(self).body)))
        self.end_headers()
        self.wfile.write(type(self).body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def liar() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
shaped = st.fixed_dictionaries(
    {},
    optional={
        "items": json_values,
        "cursor": json_values,
        "more": json_values,
        "results": json_values,
        "blocks": json_values,
        "status": json_values,
        "error": json_values,
        "days": json_values,
        "seq": json_values,
        "mac": json_values,
    },
)


@settings(
    max_examples=examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    status=st.sampled_from([200, 200, 200, 201, 204, 301, 400, 401, 404, 409, 422, 500, 503]),
    body=st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        shaped.map(lambda v: json.dumps(v).encode()),
    ),
)
def test_any_answer_is_an_error_or_valid_data(liar: str, status: int, body: bytes) -> None:
    _Answers.status = status
    _Answers.body = body
    with ServerClient(liar) as client:
        for call in (
            client.health,
            lambda: client.changes(None),
            lambda: client.blob_status("a" * 64),
            lambda: client.reconcile(date(2026, 1, 1), date(2026, 1, 2)),
            client.audit_anchor,
        ):
            with contextlib.suppress(Unreachable, Refused):
                call()


def test_a_lying_server_changes_nothing_locally(liar: str, tmp_path: Path) -> None:
    from desktop.domain.reception import parse_form
    from desktop.store.sync.local import CounterStore

    c = make_counter(tmp_path, liar, "Q01", enrol=False)
    c.service.receive(parse_form(minimal_form()), OFFICER)
    store = CounterStore(c.db, c.ctx)
    for status, body in (
        (200, b'{"token": "t' + b"x" * 40 + b'", "expires_at": "2099-01-01T00:00:00Z"}'),
        (200, b'{"results": [{"id": "nope", "outcome": "applied"}]}'),
        (200, b'{"results": []}'),
        (200, b"<html>proxy login</html>"),
        (502, b"bad gateway"),
    ):
        _Answers.status = status
        _Answers.body = body
        engine, client = c.engine(liar)
        with client, pytest.raises((Unreachable, Refused)):
            engine.run_once()
    assert store.pending_count() == 1 and store.cursor() is None


def test_both_sides_name_counter_keys_alike() -> None:
    for _ in range(20):
        raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        assert key_id_of(raw) == key_id(raw)


def test_a_kind_of_change_from_a_newer_server_is_passed_over() -> None:
    from sync.protocol import ChangesResponse

    page = ChangesResponse.model_validate(
        {
            "items": [
                {"kind": "payment_v9", "anything": 1},
                {"kind": "emergency", "start": 900, "end": 999},
            ],
            "cursor": "v1_7",
            "more": False,
        }
    )
    assert [i.kind for i in page.items] == ["emergency"] and page.cursor == "v1_7"


def test_the_known_kinds_are_the_union_of_changes() -> None:
    import typing

    from sync import protocol

    members = typing.get_args(typing.get_args(protocol.Change)[0])
    kinds = {typing.get_args(m.model_fields["kind"].annotation)[0] for m in members}
    assert kinds == protocol.CHANGE_KINDS
