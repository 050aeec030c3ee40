"""Mẫu 05 (Phiếu kiểm soát quá trình giải quyết hồ sơ) and Mẫu 06 (Sổ theo dõi hồ sơ) of Thông tư
01/2018/TT-VPCP checked against their templates in the printed PDF (issue 21, item 2):

- Mẫu 05: the agency column names the bodies (giving and receiving), never an officer; both
  signatures per step, the one handing over and the one receiving; on-time/late per step
  (Trước hạn/Đúng hạn/Quá hạn, against the appointment then in force); a time is two lines,
  "HH:MM" over "dd/mm/yyyy", never a date wrapped over three;
- Mẫu 06: the book number ("Quyển số"), the hand-over column filled from the hand-over event (who
  took the dossier and when), the first appointment kept beside a moved one (Mẫu 04), the S10
  tracking number of a result by post whole on one line.

Dossiers go through the real store; the PDFs are read back with PDFium (text and positions).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pypdfium2.raw as pdfium_c
import pytest

from desktop.domain.dossier import EventType
from desktop.domain.reception import parse_form
from desktop.store.accounts.officers import create_officer
from desktop.store.clock import local_now
from desktop.store.dossiers.post import PostDelivery
from desktop.store.dossiers.service import find_dossier
from desktop.store.printing.printouts import control_document, write_pdf
from desktop.store.stats.reports import register_document
from desktop.store.sync.journal import record
from printing.slip import Table
from sync import s10
from tests.conftest import Counter, minimal_form
from tests.pdftools import open_pdf

PASSWORD = "Quay2026abc"
CLERK = "ngoc.tn"
CLERK_NAME = "Trần Bảo Ngọc"
UNIT = "Phòng Tư pháp"


@dataclass(frozen=True)
class Line:
    text: str
    x: float  # left edge of the first glyph
    y: float  # top, measured from the top of the page
    font: str


def text_lines(pdf: Path, *, words: bool = False) -> list[Line]:
    """Every page's text lines as PDFium reads them (text on one baseline may join across
    table cells), or with ``words`` its words: text, position, the first glyph's font. ``y``
    runs on from page to page (1000 points a page)."""
    out: list[Line] = []
    breaks = "\r\n \t" if words else "\r\n"
    with open_pdf(pdf) as doc:
        for number in range(len(doc)):
            p = doc[number]
            height = p.get_height()
            text = p.get_textpage()
            n = text.count_chars()
            chars = text.get_text_range(0, n)
            start = 0
            for i in range(n + 1):
                if i == n or chars[i] in breaks:
                    if chars[start:i].strip():
                        left, _b, _r, top = text.get_charbox(start)
                        buf = ctypes.create_string_buffer(200)
                        flags = ctypes.c_int()
                        pdfium_c.FPDFText_GetFontInfo(
                            text.raw, start, buf, 200, ctypes.byref(flags)
                        )
                        y = number * 1000 + height - top
                        out.append(Line(chars[start:i], left, y, buf.value.decode()))
                    start = i + 1
            text.close()
            p.close()
    return out


@dataclass
class Story:
    c: Counter
    late: str  # handed over, result late, returned
    moved: str  # handed over, rescheduled (Mẫu 04), result before the new appointment
    posted: str  # result by post, delivered
    tracking: str
    handed_at: datetime
    due: dict[str, datetime]  # the first appointments
    new_due: datetime
    times: dict[str, datetime]


@pytest.fixture
def story(tmp_path: Path) -> Iterator[Story]:
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", None)
    with c.db.write() as s:
        create_officer(s, CLERK, CLERK_NAME, frozenset({"reception", "returns"}), PASSWORD,
                       must_change=False, by="admin")  # fmt: skip
    from desktop.store.accounts.officers import OfficerInfo

    clerk = OfficerInfo(CLERK, CLERK_NAME, frozenset({"reception", "returns"}))
    base = datetime.combine(local_now().date() - timedelta(days=10), datetime.min.time())
    while not c.ctx.calendar.is_working_day(base.date()):
        base -= timedelta(days=1)
    base = base.replace(hour=8, minute=5)
    c.now = base
    late = c.service.receive(parse_form(minimal_form()), clerk).code
    moved = c.service.receive(parse_form(minimal_form(name="Lê Thị Hoa")), clerk).code
    post_form = {
        **minimal_form(name="Phạm Văn Bình"),
        "procedure": "1.004873",
        "result_delivery": {"method": "post", "address": "Số 1 Lê Lợi, Long Xuyên"},
    }
    posted = c.service.receive(parse_form(post_form), clerk).code
    assert late and moved and posted
    handed_at = base + timedelta(minutes=40)
    with c.db.write() as s:
        due = {code: find_dossier(s, code).due_at for code in (late, moved)}
        for code in (late, moved):
            payload = {
                "unit": UNIT,
                "handed_at": handed_at.isoformat(timespec="minutes"),
                "handover_id": str(uuid4()),
            }
            c.now = handed_at
            record(s, c.ctx, find_dossier(s, code), EventType.HANDED_OVER, payload, CLERK)
    times: dict[str, datetime] = {"handed": handed_at}
    # Mẫu 04 for one dossier: a new appointment two working days on
    old = due[moved]
    assert old is not None
    c.now = old - timedelta(hours=1)
    new_due = c.ctx.calendar.add_working_time(old, timedelta(hours=16))
    new_due = new_due.replace(second=0, microsecond=0)
    c.service.reschedule(moved, clerk, "Cần xác minh thêm", new_due_at=new_due)
    # the late one: result a day after its appointment, returned the same day
    assert due[late] is not None
    times["late_ready"] = c.now = due[late] + timedelta(days=1)
    c.service.result_ready(late, clerk)
    times["late_back"] = c.now = due[late] + timedelta(days=1, hours=1)
    c.service.return_result(late, clerk, "Nguyễn Văn An", "089085001234")
    # the moved one: after its first appointment, before its new one
    times["moved_ready"] = c.now = old + timedelta(minutes=30)
    c.service.result_ready(moved, clerk)
    # by post
    c.now = base + timedelta(hours=1)
    c.service.result_ready(posted, clerk)
    serial = "12345678"
    tracking = f"EB{serial}{s10.check_digit(serial)}VN"
    c.now = base + timedelta(hours=2)
    post = PostDelivery(c.db, c.ctx, c.clock)
    post.send(posted, clerk, tracking)
    c.now = base + timedelta(days=2)
    post.delivered(posted, clerk, base + timedelta(hours=20))
    yield Story(c, late, moved, posted, tracking, handed_at, due, new_due, times)  # type: ignore[arg-type]
    c.db.close()


def _table(document: object) -> Table:
    blocks = document.copies[0].blocks  # type: ignore[attr-defined]
    return next(b for b in blocks if isinstance(b, Table))


# -- Mẫu 05 ----------------------------------------------------------------------------------------


def test_control_slip_names_bodies_signs_both_sides_and_judges_each_step(story: Story) -> None:
    c = story.c
    document, _ = control_document(c.db, c.ctx, story.late)
    table = _table(document)
    assert table.headers[:4] == (
        "Tên cơ quan",
        "Thời gian giao, nhận hồ sơ",
        "Bên giao",
        "Bên nhận",
    )
    assert "Trước hạn" in table.headers[4] and "Quá hạn" in table.headers[4]
    rows = {r[5].split(";", 1)[0]: r for r in table.rows}
    # the agency column: bodies, never an officer's name or username
    for row in table.rows:
        assert CLERK not in row[0] and CLERK_NAME not in row[0]
    reception = rows["Tiếp nhận hồ sơ"]
    assert reception[0] == "Giao: Tổ chức, cá nhân\nNhận: Trung tâm Phục vụ hành chính công"
    assert reception[2].strip() == "Nguyễn Văn An" and reception[3].strip() == CLERK_NAME
    handover = next(r for k, r in rows.items() if k.startswith("Nhận hồ sơ từ Bộ phận"))
    assert handover[0] == f"Giao: Trung tâm Phục vụ hành chính công\nNhận: {UNIT}"
    assert handover[2].strip() == CLERK_NAME and handover[3].strip() == ""  # signed at the unit
    ready = rows["Nhận kết quả từ phòng chuyên môn"]
    assert ready[0] == f"Giao: {UNIT}\nNhận: Trung tâm Phục vụ hành chính công"
    assert ready[2].strip() == "" and ready[3].strip() == CLERK_NAME
    back = rows["Trả kết quả cho công dân"]
    assert back[2].strip() == CLERK_NAME and back[3].strip() == "Nguyễn Văn An"
    # per step, against the appointment: handed over early, result and return a day late
    assert (handover[4], ready[4], back[4]) == ("Trước hạn", "Quá hạn", "Quá hạn")
    assert reception[4] == ""  # the reception sets the appointment; nothing to judge

    # after Mẫu 04 the steps are judged against the new appointment
    rows = {
        r[5].split(";", 1)[0]: r for r in _table(control_document(c.db, c.ctx, story.moved)[0]).rows
    }
    assert rows["Nhận kết quả từ phòng chuyên môn"][4] in {"Trước hạn", "Đúng hạn"}
    # the post: handed to it by the office, delivered by it, on time against its 24 hours
    rows = {
        r[5].split(";", 1)[0]: r
        for r in _table(control_document(c.db, c.ctx, story.posted)[0]).rows
    }
    assert rows["Gửi kết quả qua bưu chính"][0].endswith("\nNhận: Bưu chính công ích")
    delivered = rows["Bưu chính phát kết quả"]
    assert delivered[0] == "Giao: Bưu chính công ích\nNhận: Tổ chức, cá nhân"
    assert delivered[4] == "Đúng hạn"


def test_control_slip_times_are_two_lines_in_a_fixed_column(story: Story, tmp_path: Path) -> None:
    c = story.c
    document, _ = control_document(c.db, c.ctx, story.late)
    table = _table(document)
    assert table.widths and table.compact  # fixed widths, the renderer does not share them out
    pdf = tmp_path / "mau-05.pdf"
    write_pdf(document, pdf, "Mẫu 05")
    words = text_lines(pdf, words=True)
    for at in (story.handed_at, story.times["late_ready"], story.times["late_back"]):
        # "HH:MM" on one line, "dd/mm/yyyy" whole on the next, in the same column
        dates = [w for w in words if w.text == f"{at:%d/%m/%Y}"]
        hours = [w for w in words if w.text == f"{at:%H:%M}"]
        assert dates and hours, (at, [w.text for w in words])
        pairs = [(h, d) for h in hours for d in dates if abs(h.x - d.x) < 2 and 0 < d.y - h.y < 16]
        assert pairs, (at, [(w.text, w.x, w.y) for w in hours + dates])
    # no date broken where the column ends ("30/11/20" over "26")
    cut = [w.text for w in words if re.match(r"\d{2}/\d{2}", w.text)]
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", t) for t in cut), cut


# -- Mẫu 06 ----------------------------------------------------------------------------------------


def test_register_book_number_handover_first_appointment_and_post(
    story: Story, tmp_path: Path
) -> None:
    c = story.c
    first = min(story.handed_at.date(), story.times["handed"].date())
    document = register_document(c.db, c.ctx, first, first)
    table = _table(document)
    by_code = {row[1].replace("\n", ""): row for row in table.rows}
    h = story.handed_at
    assert by_code[story.late][9] == f"{UNIT}\n{h:%H:%M}\n{h:%d/%m/%Y}"
    assert by_code[story.posted][9] == ""  # never handed over
    old, new = story.due[story.moved], story.new_due
    assert by_code[story.moved][8] == (
        f"{old:%H:%M}\n{old:%d/%m/%Y}\nHẹn lại:\n{new:%H:%M}\n{new:%d/%m/%Y}"
    )
    d = story.due[story.late]
    assert by_code[story.late][8] == f"{d:%H:%M}\n{d:%d/%m/%Y}"  # never moved: one appointment

    pdf = tmp_path / "mau-06.pdf"
    write_pdf(document, pdf, "Mẫu 06")
    lines = [ln.text.strip() for ln in text_lines(pdf)]
    words = [w.text for w in text_lines(pdf, words=True)]
    assert f"Quyển số: {h.year}" in lines  # the register book, seed 002 Mẫu 01's "Quyển số"
    # the S10 number and the phone number whole, each on one line of its narrow column
    assert story.tracking in words, [w for w in words if w.startswith("EB") or "VN" in w]
    assert "0912345678" in words, [w for w in words if "091" in w or "234" in w]
    # every date whole on its line, never "dd/mm" over "yyyy" or a year cut in two
    assert f"{h:%d/%m/%Y}" in words
    cut = [t for t in words if re.match(r"\d{2}/\d{2}", t)]
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", t) for t in cut), cut
    # the headers keep their words whole
    assert {"giải", "quyết", "nhận"} <= set(words)
