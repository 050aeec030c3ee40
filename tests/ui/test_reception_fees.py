"""The fee at reception (issue 19, item 1): the chosen procedure's fees are shown with the
quantities counted with the citizen (pages, copies), and stored with the dossier as counted."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.store.db import Database
from desktop.store.dossiers.service import find_dossier
from tests.ui.test_counter_app import WAIT, open_window, sign_in


def _choose(qtbot: QtBot, r: object, code: str) -> None:
    picker = r.picker  # type: ignore[attr-defined]
    picker.query.setText(code)
    picker._choose()
    qtbot.waitUntil(
        lambda: picker.current is not None and picker.current.code == code, timeout=WAIT
    )


def test_fees_are_counted_and_stored(qtbot: QtBot, counter_dir: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    # a fee per page: counted with the citizen
    _choose(qtbot, r, "2.000815")
    (pages,) = r.fees.spin_boxes()
    assert r.fees.isVisible() and "0 đ" in r.fees.total.text()
    pages.setValue(3)
    assert "6.000 đ" in r.fees.total.text()
    assert r.fees.lines() == [
        {"name": r.picker.current.fees[0].name, "amount": 2000, "quantity": 3}  # type: ignore[union-attr]
    ]
    # a fee per dossier: nothing to count
    _choose(qtbot, r, "1.001612")
    assert r.fees.spin_boxes() == [] and "100.000 đ" in r.fees.total.text()
    _choose(qtbot, r, "2.000815")
    r.fees.spin_boxes()[0].setValue(4)
    for field, value in (
        ("name", "Nguyễn Văn An"),
        ("id_number", "089085001234"),
        ("address", "Số 1 Lê Lợi, Long Xuyên"),
    ):
        r.applicant.inputs[field].setText(value)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    db = Database.open(counter_dir)
    try:
        with db.read() as s:
            row = find_dossier(s, r.last.code or "")  # type: ignore[union-attr]
            assert row.fee_total == 8000 and row.fees[0]["quantity"] == 4
    finally:
        db.close()
    # the next citizen starts without the last one's fees
    r.next_citizen()
    assert not r.fees.isVisible() and r.fees.lines() == []
    window.close()
