"""The hand-over to the specialist unit on paper (Kon Tum QĐ 08/2018 Điều 14.4, issue 18): the
Phiếu bàn giao hồ sơ on A4 and on the 80 mm roll, the hand-over rows of the control slip
(Mẫu 05) and the hand-over time in the register book (Mẫu 06).

Dossiers are received through the real store; the hand-over is written the way the counter's
hand-over command writes it: a ``handed_over`` event through the journal and the dossier row's
``handover_id``, in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from PIL import Image

from desktop.domain.dossier import EventType
from desktop.domain.forms.facts import HandoverFacts, Office
from desktop.domain.forms.handover import NAME_MAX, handover_slip
from desktop.domain.reception import parse_form
from desktop.services.desk import Desk
from desktop.store.accounts.officers import create_officer
from desktop.store.clock import local_now
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.printing.form_data import HANDOVER_STEP
from desktop.store.printing.printouts import (
    control_document,
    handover_document,
    handover_facts,
    print_thermal,
    write_pdf,
)
from desktop.store.printing.printouts import register_document as old_register_document
from desktop.store.stats.exports import register_rows
from desktop.store.stats.reports import register_document
from desktop.store.sync.journal import record
from devtools.virtual_printer import VirtualPrinter
from printing.connections import PrinterSettings
from printing.slip import Document, Table, plain_text
from printing.thermal import render_bitmap
from tests.conftest import RECEPTION, Counter, minimal_form
from tests.pdftools import flat_text, page_count, page_sizes, pdf_text, render_pdf_page

PASSWORD = "Quay2026abc"
GIVER = "giaonhan"
GIVER_NAME = "Lê Thị Hạnh"
UNIT = "Phòng Tư pháp – UBND thành phố Kon Tum"
# procedures of the demo catalog with short and with very long names (266, 401 characters)
PROCEDURES = ("1.001193", "2.000815", "1.000656", "1.013949", "1.004873", "1.004859")
NAMES = ("Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phương Uyên", "Phạm Đức Thắng")


@pytest.fixture
def kon_tum(tmp_path: Path) -> Iterator[Counter]:
    c = Counter(tmp_path / "data", "kon-tum", "000.00.23.H34", None)
    with c.db.write() as s:
        create_officer(s, GIVER, GIVER_NAME, frozenset({"reception", "returns"}), PASSWORD,
                       must_change=False, by="admin")  # fmt: skip
    yield c
    c.db.close()


def _receive(c: Counter, n: int) -> list[str]:
    codes = []
    for i in range(n):
        form = {
            **minimal_form(name=NAMES[i % len(NAMES)]),
            "procedure": PROCEDURES[i % len(PROCEDURES)],
        }
        receipt = c.service.receive(parse_form(form), RECEPTION)
        assert receipt.code is not None
        codes.append(receipt.code)
    return codes


def _hand_over(
    c: Counter, codes: Sequence[str], *, at: datetime, unit: str = UNIT, user: str = GIVER
) -> str:
    handover_id = str(uuid4())
    payload = {
        "unit": unit,
        "handed_at": at.isoformat(timespec="minutes"),
        "handover_id": handover_id,
    }
    with c.db.write() as s:
        for code in codes:
            row = find_dossier(s, code)
            record(s, c.ctx, row, EventType.HANDED_OVER, payload, user)
            row.handover_id = handover_id
    return handover_id


def _text(document: Document, copy: int = 0) -> str:
    return "\n".join(plain_text(document.copies[copy]))


def _documents(c: Counter, codes: Sequence[str]) -> int:
    with c.db.read() as s:
        return sum(len(find_dossier(s, code).documents) for code in codes)


def _now() -> datetime:
    """The counter's local time (Vietnam's, not the test machine's), to the minute."""
    return local_now().replace(second=0, microsecond=0)


def test_the_slip_lists_every_dossier_the_counts_and_both_signatures(kon_tum: Counter) -> None:
    codes = _receive(kon_tum, 3)
    at = _now()
    handover_id = _hand_over(kon_tum, codes, at=at)
    other = _receive(kon_tum, 1)  # received, not handed over: not on the slip

    document, number = handover_document(kon_tum.db, kon_tum.ctx, handover_id)
    assert number == handover_id[:8].upper()
    assert len(document.copies) == 2  # one for each side
    text = _text(document)
    assert "PHIẾU BÀN GIAO HỒ SƠ" in text and f"Số: {number}" in text
    for code in codes:
        assert code in text
    assert other[0] not in text
    assert f"Tổng số: 3 hồ sơ, {_documents(kon_tum, codes)} giấy tờ." in text
    assert f"Bên giao: Bộ phận Tiếp nhận và Trả kết quả – quầy Q01 – {GIVER_NAME}" in text
    assert f"Bên nhận: {UNIT}" in text
    assert f"{at:%H} giờ {at:%M} phút, ngày {at:%d}" in text
    assert "STT | Mã hồ sơ | Thủ tục | Người nộp | Tiếp nhận | Hẹn trả | Số giấy tờ" in text
    lines = plain_text(document.copies[0])
    giving, caption = lines.index("BÊN GIAO"), "(Ký, ghi rõ họ tên)"
    assert lines[giving : giving + 3] == ["BÊN GIAO", caption, GIVER_NAME]
    receiving = lines.index("BÊN NHẬN")
    assert lines[receiving + 1] == caption  # and no name: the unit's officer writes it
    assert "Liên 1: Bên giao giữ" in text and "Liên 2: Bên nhận giữ" in _text(document, 1)

    # the number printed on the slip finds it again
    again, _ = handover_document(kon_tum.db, kon_tum.ctx, number)
    assert all(code in _text(again) for code in codes)


def test_an_unknown_handover_is_refused_in_vietnamese(kon_tum: Counter) -> None:
    _receive(kon_tum, 1)
    with pytest.raises(ActionError, match="Không có lần bàn giao hồ sơ nào") as err:
        handover_document(kon_tum.db, kon_tum.ctx, str(uuid4()))
    assert err.value.code == "handover_not_found"


def test_a_dossier_handed_over_again_stays_on_the_first_record(kon_tum: Counter) -> None:
    first, second = _receive(kon_tum, 2)
    at = _now()
    earlier = _hand_over(kon_tum, [first, second], at=at - timedelta(minutes=30))
    later = _hand_over(kon_tum, [second], at=at, unit="Phòng Văn hóa - Xã hội")
    old = _facts(kon_tum, earlier)
    assert [line.code for line in old.lines] == [first, second]
    assert old.unit == UNIT and old.handed_at == at - timedelta(minutes=30)
    new = _facts(kon_tum, later)
    assert [line.code for line in new.lines] == [second] and new.unit == "Phòng Văn hóa - Xã hội"


def _facts(c: Counter, handover_id: str) -> HandoverFacts:
    with c.db.read() as s:
        facts = handover_facts(s, handover_id)
    assert facts is not None
    return facts


def test_ten_dossiers_fit_one_a4_page_a_copy(kon_tum: Counter, tmp_path: Path) -> None:
    codes = _receive(kon_tum, 10)
    handover_id = _hand_over(kon_tum, codes, at=_now())
    document, number = handover_document(kon_tum.db, kon_tum.ctx, handover_id)
    pdf = tmp_path / "ban-giao.pdf"
    write_pdf(document, pdf, f"Phiếu bàn giao hồ sơ {number}")
    assert page_count(pdf) == 2, "each copy on one page"
    width, height = page_sizes(pdf)[0]
    assert round(width) == 595 and round(height) == 842, "A4 portrait"
    for page in pdf_text(pdf).split("\f"):
        flat = "".join(page.split())
        assert "PHIẾUBÀNGIAOHỒSƠ" in flat
        # the code may break after its agency part; every code is whole once blanks go
        assert all(code in flat for code in codes)
        assert "Tổngsố:10hồsơ" in flat and "BÊNGIAO" in flat and "BÊNNHẬN" in flat
    text = flat_text(pdf)
    assert f"Bên nhận: {UNIT}" in text and GIVER_NAME in text
    # the 401-character name is cut between words, within the limit
    cut = re.search(r"Giao đất, cho thuê đất[^…]*…", text)
    assert cut is not None and len(cut.group(0)) <= NAME_MAX
    # nothing runs into the margins (20 mm left, 15 mm elsewhere): at 72 dpi a point a pixel
    for page in range(2):
        ink = render_pdf_page(pdf, dpi=72, page=page).convert("L").point(lambda v: 255 - v)
        left, top, right, bottom = ink.getbbox() or (0, 0, 0, 0)
        assert left >= 56 and top >= 42 and right <= 595 - 40 and bottom <= 842 - 42


def test_the_slip_prints_on_the_80mm_roll(kon_tum: Counter, tmp_path: Path) -> None:
    codes = _receive(kon_tum, 4)
    handover_id = _hand_over(kon_tum, codes, at=_now())
    document, number = handover_document(kon_tum.db, kon_tum.ctx, handover_id)
    bitmap = render_bitmap(document.copies[0], 576)
    bbox = bitmap.convert("L").point(lambda v: 255 - v).getbbox()
    assert bbox is not None and bbox[0] >= 4 and bbox[2] <= 572, "within the printable width"
    with VirtualPrinter(tmp_path / "slips") as printer:
        settings = PrinterSettings(f"tcp://127.0.0.1:{printer.port}", dots=576)
        job, problem = print_thermal(kon_tum.ctx, document, settings, f"Bàn giao {number}")
        assert problem is None and job.label == f"Bàn giao {number}"
        slips = printer.wait_for_slips(2, timeout=20)  # two copies, each cut
    assert len(slips) == 2
    records = printer.slip_records()
    assert all(r.complete and not r.warnings for r in records)
    with Image.open(slips[0]) as printed:
        assert printed.width == 576 and printed.height > 1000  # ten dossier lines and more


def test_the_control_slip_shows_the_unit_that_took_the_dossier(kon_tum: Counter) -> None:
    (code,) = _receive(kon_tum, 1)
    at = _now()
    _hand_over(kon_tum, [code], at=at)
    document, _ = control_document(kon_tum.db, kon_tum.ctx, code)
    lines = plain_text(document.copies[0])
    rows = [line for line in lines if f"\nNhận: {UNIT} | " in line]
    assert len(rows) == 1
    agencies, when, giver, receiver, _verdict, note = rows[0].split(" | ")
    # Mẫu 05's agency column: the bodies, giving and receiving; the officer signs beside it
    assert agencies.endswith(f"\nNhận: {UNIT}") and agencies.startswith("Giao: Trung tâm")
    assert when == f"{at:%H:%M}\n{at:%d/%m/%Y}"
    assert giver.strip() == GIVER_NAME and receiver.strip() == ""  # the unit signs by hand
    assert note == f"{HANDOVER_STEP}; Người giao: {GIVER_NAME}, quầy Q01"
    # the reception row is still there, from the citizen to the office, and comes first even
    # when the hand-over is in the same minute (its time has no seconds, the reception's has)
    received = [i for i, line in enumerate(lines) if line.startswith("Giao: Tổ chức, cá nhân")]
    assert received and received[0] < lines.index(rows[0])


def test_the_register_book_has_the_handover_time(kon_tum: Counter) -> None:
    handed, kept = _receive(kon_tum, 2)
    at = _now()
    _hand_over(kon_tum, [handed], at=at)
    today = local_now().date()
    with kon_tum.db.read() as s:
        rows = {r.code: r for r in register_rows(s, today - timedelta(days=1), today)}
    assert rows[handed].handed_over_at == at and rows[kept].handed_over_at is None
    cell = f"{UNIT}\n{at:%H:%M}\n{at:%d/%m/%Y}"  # the A4 book's "Chuyển hồ sơ đến cơ quan …"
    book = register_document(kon_tum.db, kon_tum.ctx, today - timedelta(days=1), today)
    table = next(b for b in book.copies[0].blocks if isinstance(b, Table))
    by_code = {row[1].replace("\n", ""): row for row in table.rows}
    assert by_code[handed][9] == cell and by_code[kept][9] == ""
    # the older A4 book of the printouts module fills it as well
    old = old_register_document(kon_tum.db, kon_tum.ctx, today - timedelta(days=1), today)
    assert f"{at:%d/%m/%Y %H:%M}" in _text(old)


def test_the_desk_prints_the_slip_to_pdf(kon_tum: Counter, tmp_path: Path) -> None:
    codes = _receive(kon_tum, 2)
    handover_id = _hand_over(kon_tum, codes, at=_now())
    desk = Desk(kon_tum.data_dir, kon_tum.db, kon_tum.ctx)
    desk.sign_in(GIVER, PASSWORD)
    pdf = tmp_path / "bg.pdf"
    out = desk.forms.output("handover", handover_id, pdf=pdf, printer=None)
    assert out.title == f"Phiếu bàn giao hồ sơ {handover_id[:8].upper()}"
    assert all(code in "".join(pdf_text(pdf).split()) for code in codes)


def test_the_domain_form_renders_without_lines() -> None:
    # an empty hand-over is not recorded, but the form itself does not break on one
    handover_id = "0a1b2c3d-0000-4000-8000-000000000000"
    facts = HandoverFacts(handover_id, UNIT, datetime(2026, 1, 5, 8, 0), "Q02", "")
    office = Office("UBND TỈNH KON TUM", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Kon Tum")
    text = _text(handover_slip(office, facts, now=datetime(2026, 1, 5, 8, 1)))
    assert "Số: 0A1B2C3D" in text and "Tổng số: 0 hồ sơ, 0 giấy tờ." in text
    assert "Bên giao: Bộ phận Tiếp nhận và Trả kết quả – quầy Q02\n" in text
    assert "Kon Tum, ngày 05 tháng 01 năm 2026" in text
