"""Every form carries the counter's own office (issue 21): a commune centre's counter prints its
authority and office lines at the top, its place in the date line and its number prefix, on A4
(the PDF's text, read with PDFium) and on the thermal slip (the lines the thermal renderer
draws). The office comes from the database through form_data.office(), as the desk prints it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desktop.domain.forms import apology, incident_request, rejection, supplement_request
from desktop.domain.forms.facts import Apology, FeeLine, HandoverFacts, Refusal
from desktop.domain.forms.fee_receipt import FeeReceiptFacts, fee_receipt
from desktop.domain.forms.handover import handover_slip
from desktop.domain.office import check_office
from desktop.domain.reception import parse_form
from desktop.domain.stats.period import named
from desktop.store.counter import load_context
from desktop.store.office import save_office
from desktop.store.printing import printouts
from desktop.store.printing.form_data import office
from desktop.store.stats import reports
from desktop.store.stats.service import StatsQuery, StatsService
from printing import thermal
from printing.pdf import render_pdf
from printing.slip import Document
from tests.conftest import RECEPTION, Counter, minimal_form
from tests.domain.test_forms import FACTS, INCIDENT, REFUSAL
from tests.pdftools import flat_text

AUTHORITY = "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
NAME = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
PLACE = "Mỹ Hòa Hưng"
PREFIX = "TN-HCC"


@pytest.fixture
def commune(counter: Counter) -> Iterator[Counter]:
    """An An Giang counter at the commune centre of Mỹ Hòa Hưng, with one dossier."""
    lines = check_office(
        "Ủy ban nhân dân xã Mỹ Hòa Hưng", "Trung tâm Phục vụ hành chính công", PLACE, PREFIX
    )
    with counter.db.write() as s:
        save_office(s, lines, by="admin")
    counter.reopen()
    yield counter


def _pdf(doc: Document) -> str:
    return flat_text(render_pdf(doc.copies))


def _thermal(doc: Document, dots: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """The text the thermal renderer draws for the first copy, line by line as wrapped."""
    drawn: list[str] = []
    draw = thermal._draw_lines

    def spy(lines: Any, style: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.extend("".join(text for _, text, _ in line.pieces) for line in lines)
        return draw(lines, style, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(thermal, "_draw_lines", spy)
        thermal.render_segments(doc.copies[0], dots)
    return "\n".join(drawn)


def _headed(text: str, *, dated: bool = True) -> None:
    assert AUTHORITY in text and NAME in text, text[:400]
    assert "UBND TỈNH AN GIANG" not in text, "the province's heading instead of the commune's"
    if dated:
        assert f"{PLACE}, ngày" in text, text[:600]
        assert "An Giang, ngày" not in text


def _receive(c: Counter) -> str:
    return c.service.receive(parse_form(minimal_form()), RECEPTION).code


def test_the_desk_office_comes_from_the_database(commune: Counter) -> None:
    o = office(commune.ctx)
    assert (o.parent, o.name, o.place, o.reference_suffix) == (AUTHORITY, NAME, PLACE, PREFIX)


def test_receipt_mau_01_a4_and_thermal(commune: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _receive(commune)
    doc, _ = printouts.receipt_document(commune.db, commune.ctx, code)
    text = _pdf(doc)
    _headed(text)
    assert f"/{PREFIX}" in text, "Số: …/PREFIX"
    for dots in (384, 576):  # 58 mm and 80 mm paper
        slip = _thermal(doc, dots, monkeypatch)
        flat = " ".join(slip.split())
        _headed(flat)
        assert f"/{PREFIX}" in flat
        # a heading wraps between words, never inside one
        for word in (*AUTHORITY.split(), *NAME.split()):
            assert any(word in line.split() for line in slip.splitlines()), (dots, word)


def test_notices_mau_02_to_04(commune: Counter) -> None:
    o = office(commune.ctx)
    now = datetime(2026, 1, 5, 9, 0)
    sorry = Apology(reason="Hệ thống gián đoạn", new_due_at=now + timedelta(days=3))
    for doc in (
        supplement_request(o, FACTS, REFUSAL, now=now),
        rejection(o, FACTS, Refusal(reason="Không thuộc thẩm quyền"), now=now),
        apology(o, FACTS, sorry, now=now),
    ):
        _headed(_pdf(doc))


def test_control_mau_05_and_registers_mau_06(commune: Counter) -> None:
    code = _receive(commune)
    doc, _ = printouts.control_document(commune.db, commune.ctx, code)
    _headed(_pdf(doc), dated=False)  # the template has no date line
    today = commune.clock().date()
    book = printouts.register_document(commune.db, commune.ctx, today, today)
    _headed(_pdf(book), dated=False)
    a4 = reports.register_document(commune.db, commune.ctx, today, today)
    _headed(_pdf(a4), dated=False)


def test_handover_and_fee_receipt(commune: Counter) -> None:
    o = office(commune.ctx)
    at = datetime(2026, 1, 5, 9, 0)
    handover = HandoverFacts(
        "0a1b2c3d-0000-4000-8000-000000000000", "Phòng Tư pháp", at, "Q01", "Trần Văn Bình"
    )
    _headed(_pdf(handover_slip(o, handover, now=at)))
    fee = FeeReceiptFacts(
        receipt_no="Q01/2026-000001",
        refund=False,
        at=at,
        code="000.00.12.H01050126001",
        procedure_name="Đăng ký khai sinh",
        payer_name="Nguyễn Văn An",
        payer_address="Mỹ Hòa Hưng",
        lines=(FeeLine("Lệ phí", 8000),),
        due=8000,
        amount=8000,
        outstanding=0,
        method_label="Tiền mặt",
        reference=None,
        reason=None,
        officer_name="Trần Văn Bình",
    )
    _headed(_pdf(fee_receipt(o, fee, now=at)))


def test_report_06a(commune: Counter) -> None:
    _receive(commune)
    service = StatsService(commune.db, commune.ctx)
    doc = reports.report_06a_document(service, StatsQuery(named("month", commune.clock().date())))
    _headed(_pdf(doc))


def test_incident_request_is_addressed_to_the_body_that_handles_incidents(
    commune: Counter,
) -> None:
    """Phụ lục II (seed 000): issued by the commune centre, addressed to the province's Sở Khoa
    học và Công nghệ (the Sở Thông tin và Truyền thông merged into it), never to the issuer."""
    o = office(commune.ctx)
    report_to = commune.ctx.profile.incident.report_to
    assert report_to == "Sở Khoa học và Công nghệ tỉnh An Giang"
    facts = replace(INCIDENT, report_to=report_to, report_date=date(2026, 1, 5))
    text = _pdf(incident_request(o, facts, now=datetime(2026, 1, 5, 10, 0)))
    _headed(text)
    assert f"Kính gửi: {report_to}" in text
    assert "Kính gửi: Trung tâm" not in text and f"Kính gửi: {NAME}" not in text


def test_a_fresh_context_is_still_the_database_s(commune: Counter) -> None:
    """Reloaded from the database (as after a restart), the office stays the commune's."""
    ctx = load_context(commune.db, commune.data_dir)
    assert (ctx.office_parent, ctx.office_place, ctx.office_number_prefix) == (
        AUTHORITY,
        PLACE,
        PREFIX,
    )
