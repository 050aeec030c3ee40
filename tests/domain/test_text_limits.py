"""The counter refuses what the server would refuse, before anything is written or printed
(issue 17, items 2, 4 and 5): control, bidirectional and invisible characters in every text field,
the shared limits of sync/protocol.py, and reception times too far back."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

import pytest

from desktop.domain.reception import FormError, parse_form
from desktop.store.clock import local_now
from desktop.store.dossiers.service import ActionError
from sync.limits import (
    MAX_DOCUMENT_NAME,
    MAX_DOCUMENTS,
    MAX_EMAIL,
    MAX_FEE_LINES,
    MAX_FEE_NAME,
    MAX_NOTE,
)
from sync.protocol import PushedSummary, WireEvent, check_text
from tests.conftest import RECEPTION, Counter, minimal_form

BAD = {
    "nul": "\x00",
    "bell": "\x07",
    "c1": "\x85",
    "rlo": "\u202e",
    "zwsp": "\u200b",
    "bom": "\ufeff",
}


def _form(**over: Any) -> dict[str, Any]:
    return {**minimal_form(), **over}


def _with_applicant(**over: Any) -> dict[str, Any]:
    form = minimal_form()
    form["applicant"] = {**form["applicant"], **over}  # type: ignore[dict-item]
    return form


PLACES: dict[str, tuple[Any, str]] = {
    "name": (lambda ch: _with_applicant(name=f"Nguyễn{ch} Văn An"), "họ tên"),
    "address": (lambda ch: _with_applicant(address=f"Số 1{ch} Lê Lợi"), "địa chỉ"),
    "email": (lambda ch: _with_applicant(email=f"an{ch}@example.vn"), "thư điện tử"),
    "organisation": (
        lambda ch: _with_applicant(organisation={"name": f"Công ty{ch} An Phú"}),
        "tên tổ chức",
    ),
    "document": (lambda ch: _form(documents=[{"name": f"Tờ khai{ch} mẫu"}]), "tên giấy tờ"),
    "fee": (lambda ch: _form(fees=[{"name": f"Lệ{ch} phí", "amount": 1}]), "tên khoản phí"),
    "delivery": (
        lambda ch: _form(result_delivery={"method": "post", "address": f"Số 2{ch} Hùng Vương"}),
        "nơi nhận kết quả",
    ),
    "note": (lambda ch: _form(note=f"ghi chú{ch}"), "ghi chú"),
    "procedure": (lambda ch: _form(procedure=f"2.000{ch}815"), "mã thủ tục"),
}


@pytest.mark.parametrize("char", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("place", PLACES)
def test_every_text_field_refuses_hidden_characters_naming_the_field(place: str, char: str) -> None:
    make, field_vi = PLACES[place]
    with pytest.raises(FormError) as err:
        parse_form(make(char))
    message = str(err.value)
    assert field_vi in message, message
    assert "ký tự" in message and "U+" in message, message


def test_ordinary_vietnamese_text_and_line_breaks_pass() -> None:
    form = parse_form(_form(note="Dòng một\nDòng hai\tcó tab", documents=[{"name": "Đơn đề nghị"}]))
    assert form.note is not None and "\n" in form.note


def test_the_protocol_refuses_the_same_characters() -> None:
    for ch in BAD.values():
        with pytest.raises(ValueError):
            check_text(f"a{ch}b")
        with pytest.raises(ValueError):
            PushedSummary(
                status=2,
                procedure="2.000815",
                procedure_name="Chứng thực",
                applicant_name=f"An{ch}",
                applicant_id="089085001234",
            )


def test_shared_limits_are_checked_by_the_form() -> None:
    long_email = "a" * 60 + "@" + "b" * (MAX_EMAIL - 60) + ".vn"  # valid shape, over the limit
    with pytest.raises(FormError, match="thư điện tử"):
        parse_form(_with_applicant(email=long_email))
    docs = [{"name": f"Giấy tờ số {i}"} for i in range(MAX_DOCUMENTS + 1)]
    with pytest.raises(FormError, match="thành phần hồ sơ"):
        parse_form(_form(documents=docs))
    fees = [{"name": f"Phí {i}", "amount": 1} for i in range(MAX_FEE_LINES + 1)]
    with pytest.raises(FormError, match="phí, lệ phí"):
        parse_form(_form(fees=fees))


def _counts(c: Counter) -> tuple[int, int]:
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:
        return (
            conn.execute("SELECT count(*) FROM dossiers").fetchone()[0],
            conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
        )


def test_a_dossier_the_server_would_refuse_is_never_written(counter: Counter) -> None:
    # every field within its own limit, but the event together over the payload limit (64 KiB)
    long = "ữ"  # three bytes in UTF-8
    docs = [{"name": long * MAX_DOCUMENT_NAME} for _ in range(MAX_DOCUMENTS)]
    fees = [{"name": long * MAX_FEE_NAME, "amount": 1000} for _ in range(MAX_FEE_LINES)]
    form = parse_form(_form(documents=docs, fees=fees, note=long * MAX_NOTE))
    with pytest.raises(ActionError, match="64"):
        counter.service.receive(form, RECEPTION)
    assert _counts(counter) == (0, 0)


def test_every_event_the_counter_queues_is_one_the_server_accepts(counter: Counter) -> None:
    counter.service.receive(parse_form(_form()), RECEPTION)
    with sqlite3.connect(counter.data_dir / "motcua.db") as conn:
        (wire,) = conn.execute("SELECT wire FROM outbox").fetchone()
    WireEvent.model_validate_json(wire)
    assert json.loads(wire)["after"]["applicant_name"] == "Nguyễn Văn An"


# -- how far back a reception may be entered (item 5) -------------------------------------------


@pytest.mark.parametrize(
    "when", ["0001-01-01T08:00", "1899-12-31T09:00", "1999-12-31T09:00"], ids=str
)
def test_ancient_reception_times_are_refused(counter: Counter, when: str) -> None:
    with pytest.raises(ActionError, match="tiếp nhận"):
        counter.service.receive(parse_form(_form(received_at=when)), RECEPTION)
    assert _counts(counter) == (0, 0)


def test_paper_receipts_may_be_entered_up_to_the_profiles_limit(counter: Counter) -> None:
    days = counter.ctx.profile.reception.backdate_days
    assert days == 366  # the default: one year (desktop/domain/profile.py says why)
    now = local_now()
    counter.now = now
    within = (now - timedelta(days=days - 1)).replace(hour=9, minute=0, second=0)
    assert counter.service.receive(parse_form(_form(received_at=within.isoformat())), RECEPTION)
    too_old = now - timedelta(days=days + 1)
    with pytest.raises(ActionError, match=f"{days} ngày"):
        counter.service.receive(parse_form(_form(received_at=too_old.isoformat())), RECEPTION)
    assert _counts(counter) == (1, 1)
    assert isinstance(within, datetime)


def test_the_payload_check_tells_escapes_from_backslashes() -> None:
    """The server looks at a payload's JSON first: a literal backslash (a Windows path typed in a
    note) is not a control character, and a control character is refused wherever it hides."""
    from pydantic import TypeAdapter

    from sync.protocol import CheckedPayload

    check = TypeAdapter(CheckedPayload).validate_python
    assert check({"note": "C:\\bin\\u0000 và \\f", "lines": "một\ttab\nhai\r\n"})
    for bad in ({"a": {"b": ["x\x0cy"]}}, {"k\u200d": 1}, {"a": "\x7f"}, {"a": "\\\x00"}):
        with pytest.raises(ValueError):
            check(bad)
    deep: dict[str, Any] = {}
    inner = deep
    for _ in range(20):
        inner["a"] = inner = {}
    with pytest.raises(ValueError, match="deeper"):
        check(deep)
