"""The supervisor's screen shows the fee money (issue 19, item 5): a "Phí, lệ phí" group with
what was collected (and on how many receipts), each method, and what was paid back — the
store's amounts, grouped with dots as on a receipt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.domain.fees import Method
from desktop.domain.reception import parse_form
from desktop.domain.stats.period import named
from desktop.store.clock import local_now
from desktop.store.dossiers.payments import Payments
from desktop.store.stats.service import StatsQuery, StatsService
from tests.conftest import RECEPTION, minimal_form
from tests.stats.history import HOUSEHOLD
from tests.ui.conftest import add_officer
from tests.ui.test_stats_duties_view import _Existing
from tests.ui.test_stats_view import BOSS, BOSS_PASSWORD, WAIT, _window


def take_fees(data: Path) -> None:
    """Two dossiers of 100 000 đồng this month: one paid in cash and by card, one by QR
    transfer, then withdrawn and paid back."""
    c = _Existing(data)
    pay = Payments(c.db, c.ctx, clock=c.clock)
    codes = []
    for _ in range(2):
        r = c.service.receive(parse_form({**minimal_form(), "procedure": HOUSEHOLD}), RECEPTION)
        assert r.code is not None
        codes.append(r.code)
    pay.pay(codes[0], RECEPTION, Method.CASH, 40_000)
    pay.pay(codes[0], RECEPTION, Method.CARD, 60_000, "POS0001")
    pay.pay(codes[1], RECEPTION, Method.QR, 100_000, "FT2633700123")
    c.service.withdraw(codes[1], RECEPTION, "Công dân xin rút")
    pay.refund(codes[1], RECEPTION, 30_000, "Công dân rút hồ sơ trước khi giải quyết")
    c.db.close()


def test_the_supervisor_sees_the_fees(qtbot: QtBot, counter_dir: Path) -> None:
    add_officer(counter_dir, BOSS, BOSS_PASSWORD, roles=frozenset({"supervisor"}))
    take_fees(counter_dir)
    window = _window(qtbot, counter_dir)
    view = window.stats
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=WAIT)
    c = _Existing(counter_dir)
    money = StatsService(c.db, c.ctx).summary(StatsQuery(named("month", local_now().date()))).fees
    c.db.close()
    assert (money.collected, money.refunded, money.receipts) == (200_000, 30_000, 3)
    window.show_view(view)
    group = next(w for w in view.findChildren(QLabel) if w.objectName() == "statsFees")
    assert group.text() == "<b>Phí, lệ phí</b>" and group.isVisible()
    shown = {key: tile.text() for key, tile in view.fee_tiles.items()}
    assert shown == {
        "collected": "Đã thu (3 biên lai) <b>200.000 đ</b>",
        "cash": "Tiền mặt <b>40.000 đ</b>",
        "qr": "Mã QR <b>100.000 đ</b>",
        "card": "Thẻ <b>60.000 đ</b>",
        "bank": "Ngân hàng báo <b>0 đ</b>",
        "refunded": "Đã hoàn trả <b>30.000 đ</b>",
    }
    assert all(tile.isVisible() for tile in view.fee_tiles.values())
    assert view.fee_tiles["qr"].toolTip() == "Chuyển khoản (mã QR): 100.000 đ"
    # the fee tiles are not dossier counts: the count tiles are as they were
    assert view.tiles.keys().isdisjoint(view.fee_tiles.keys())
    window.close()
