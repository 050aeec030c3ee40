"""A result by post on the papers (issue 20, item 4): the control slip (Mẫu 05) has the hand-over
to the post with its S10 number and deadline and the post's delivery, on time or late against
the 24 hours of An Giang QĐ 66/2020 Điều 26.2; the register book (Mẫu 06) says in its return
column that the post delivered it; the look-up's view shows the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.forms.register_table import register_table
from desktop.domain.reception import parse_form
from desktop.store.clock import local_now
from desktop.store.dossiers.lookup import dossier_view
from desktop.store.dossiers.post import PostDelivery
from desktop.store.dossiers.service import find_dossier
from desktop.store.printing.form_data import office, officer_name
from desktop.store.printing.printouts import control_document
from desktop.store.printing.printouts import register_document as old_register_document
from desktop.store.stats.exports import register_rows
from desktop.store.stats.reports import register_document
from printing.slip import Document, Table, plain_text
from sync import s10
from tests.conftest import RECEPTION, Counter, minimal_form


def tracking(serial: str) -> str:
    return f"EB{serial}{s10.check_digit(serial)}VN"


def _text(document: Document) -> str:
    return "\n".join(plain_text(document.copies[0]))


def _by_post(c: Counter) -> str:
    form = {
        **minimal_form(),
        "procedure": "1.004873",
        "result_delivery": {"method": "post", "address": "Số 1 Lê Lợi, Long Xuyên"},
    }
    code = c.service.receive(parse_form(form), RECEPTION).code
    assert code is not None
    c.service.result_ready(code, RECEPTION)
    return code


def test_the_post_on_the_control_slip_the_register_and_the_lookup(counter: Counter) -> None:
    c = counter
    base = (local_now() - timedelta(days=4)).replace(second=0, microsecond=0)
    c.now = base
    on_time, late, out = _by_post(c), _by_post(c), _by_post(c)
    post = PostDelivery(c.db, c.ctx, c.clock)
    sent = {on_time: base + timedelta(hours=1), late: base + timedelta(hours=2)}
    sent[out] = base + timedelta(hours=3)
    numbers = {on_time: tracking("11111111"), late: tracking("22222222")}
    numbers[out] = tracking("33333333")
    for code in (on_time, late, out):
        c.now = sent[code]
        post.send(code, RECEPTION, numbers[code])
    delivered = {
        on_time: sent[on_time] + timedelta(hours=20),
        late: sent[late] + timedelta(hours=26, minutes=5),
    }
    c.now = base + timedelta(days=2)
    for code, at in delivered.items():
        post.delivered(code, RECEPTION, at)

    # Mẫu 05: the hand-over with its number and deadline, and the delivery judged on 24 hours
    text = _text(control_document(c.db, c.ctx, on_time)[0])
    due = sent[on_time] + timedelta(hours=24)
    at = sent[on_time]
    with c.db.read() as s:
        who = officer_name(s, RECEPTION.username)
    assert (f"Nhận: Bưu chính công ích | {at:%H:%M}\n{at:%d/%m/%Y} | \n\n{who} | \n\n | ") in text
    assert (
        f"Gửi kết quả qua bưu chính; Số hiệu bưu gửi {numbers[on_time]}; "
        f"hạn phát {due:%H:%M %d/%m/%Y}"
    ) in text
    at = delivered[on_time]
    assert (
        f"Giao: Bưu chính công ích\nNhận: Tổ chức, cá nhân | {at:%H:%M}\n{at:%d/%m/%Y} | "
        "\n\n | \n\n | Đúng hạn | Bưu chính phát kết quả; Đúng hạn 24 giờ; người ghi nhận:"
    ) in text
    assert f"Qua bưu chính công ích, số hiệu {numbers[on_time]}" in text
    text = _text(control_document(c.db, c.ctx, late)[0])
    assert "Quá hạn | Bưu chính phát kết quả; Quá hạn 24 giờ (trễ 2 giờ 05 phút)" in text
    text = _text(control_document(c.db, c.ctx, out)[0])
    assert "Gửi kết quả qua bưu chính" in text and "Bưu chính phát kết quả" not in text

    # Mẫu 06: the return column of each book says the post delivered it, or still has it
    first, last = base.date(), base.date()
    old = _text(old_register_document(c.db, c.ctx, first, last))
    assert f"Bưu chính {numbers[late]}, {delivered[late]:%H:%M %d/%m/%Y}" in old
    assert f"Đã gửi bưu chính {numbers[out]} {sent[out]:%H:%M %d/%m/%Y}, chưa phát" in old
    book = register_document(c.db, c.ctx, first, last)
    table = next(b for b in book.copies[0].blocks if isinstance(b, Table))
    cells = {row[1].replace("\n", ""): row[11] for row in table.rows}
    at = delivered[on_time]
    n = numbers[on_time]
    # the S10 number whole on its own line (issue 21: never broken in a narrow column)
    assert cells[on_time] == f"Bưu chính\n{n}\n{at:%H:%M}\n{at:%d/%m/%Y}"
    assert cells[out].endswith("chưa phát")
    with c.db.read() as s:
        rows = register_rows(s, first, last)
    sheet = {r[1]: r for r in register_table(office(c.ctx), rows, period_label="").rows}
    assert sheet[late][11] == delivered[late]  # still a date for the spreadsheet
    assert f"Bưu chính {numbers[late]}" in str(sheet[late][13])

    # the look-up's view: the clock of what the post still has, judged at a given moment
    with c.db.read() as s:
        views = {
            code: dossier_view(find_dossier(s, code), now=sent[out] + timedelta(hours=30))
            for code in (on_time, late, out)
        }
    v = views[out]
    assert v.post_tracking == numbers[out] and v.post_due_at == sent[out] + timedelta(hours=24)
    assert v.post_overdue and v.post_minutes_left == -6 * 60 and v.post_on_time is None
    assert v.to_json()["post"]["overdue"] is True
    assert views[on_time].post_on_time is True and not views[on_time].post_overdue
    assert views[late].post_on_time is False and views[late].post_overdue
    assert views[late].status == 10 and views[late].returned_at == delivered[late]
    assert isinstance(views[late].post_delivered_at, datetime)
