"""The look-up's detail of a result by post (issue 20): the S10 number, when it went, the 24-hour
deadline (An Giang QĐ 66/2020 Điều 26.2), and delivered on time or late — or how long is left,
or how long overdue."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from desktop.domain.reception import parse_form
from desktop.store.clock import local_now
from desktop.store.dossiers.lookup import dossier_view
from desktop.store.dossiers.post import PostDelivery
from desktop.store.dossiers.service import find_dossier
from desktop.ui.lookup_view import detail_html
from tests.conftest import RECEPTION, Counter, minimal_form


def test_the_detail_shows_the_posts_clock(qtbot: QtBot, counter: Counter) -> None:
    c = counter
    c.now = (local_now() - timedelta(days=3)).replace(second=0, microsecond=0)
    form = {
        **minimal_form(),
        "procedure": "1.004873",
        "result_delivery": {"method": "post", "address": "Số 1 Lê Lợi, Long Xuyên"},
    }
    code = c.service.receive(parse_form(form), RECEPTION).code
    assert code is not None
    c.service.result_ready(code, RECEPTION)

    def detail(hours_later: float) -> str:
        with c.db.read() as s:
            row = find_dossier(s, code)
            sent = row.posted_at
            view = dossier_view(row, now=(sent or c.now) + timedelta(hours=hours_later))
        return detail_html(view)

    assert "Trả qua bưu chính</b></td><td>Chưa gửi" in detail(0)
    sent = c.now
    PostDelivery(c.db, c.ctx, c.clock).send(code, RECEPTION, "EB123456785VN")
    text = detail(20)
    assert f"EB123456785VN · {sent:%H:%M ngày %d/%m/%Y}" in text
    assert f"Hạn phát (24 giờ)</b></td><td>{sent + timedelta(hours=24):%H:%M ngày %d/%m/%Y}" in text
    assert "Bưu chính chưa phát</b></td><td>còn 4 giờ 00 phút" in text
    assert "QUÁ HẠN 2 giờ 30 phút" in detail(26.5)
    c.now = sent + timedelta(hours=25)
    PostDelivery(c.db, c.ctx, c.clock).delivered(code, RECEPTION)
    assert f"{sent + timedelta(hours=25):%H:%M ngày %d/%m/%Y} (quá hạn 24 giờ)" in detail(30)
