"""Scanning at reception, for real from SANE's `test` scanner: pages per checklist document as
thumbnails, deleted, reordered, imported from a file, and attached as one PDF per document when
the dossier is received."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from desktop.store.db import Database
from desktop.store.dossiers.service import find_dossier
from tests.ui.conftest import CARD
from tests.ui.test_counter_app import open_window, sign_in

WAIT = 60_000


def test_scan_edit_and_attach_at_reception(qtbot: QtBot, counter_dir: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, counter_dir)
    sign_in(qtbot, window)
    r = window.reception
    panel = r.scans
    qtbot.waitUntil(lambda: bool(r.picker.catalog), timeout=WAIT)
    qtbot.waitUntil(lambda: panel.device.findData("test:0") >= 0, timeout=WAIT)
    panel.device.setCurrentIndex(panel.device.findData("test:0"))
    r.picker.query.setText("2.000815")
    r.picker._choose()
    first = r.documents.document_at(0)
    r.open_scanner()
    assert r.scan_dialog.isVisible() and panel.current == first
    # two sheets from the glass, one at a time
    for n in (1, 2):
        panel.scan()
        qtbot.waitUntil(lambda n=n: panel.thumbs.count() == n and not panel.scanning, timeout=WAIT)
    assert "Đã quét 1 trang" in panel.status.text()
    ids = [panel.thumbs.item(i).data(256) for i in range(2)]
    panel.thumbs.setCurrentRow(0)
    panel._delete()
    assert panel.thumbs.count() == 1 and panel.thumbs.item(0).data(256) == ids[1]
    r.scan_dialog.accept()
    assert r.documents.item(0, 4).text() == "1 trang"
    # the second document from a file the citizen brought on a phone
    r.documents.setCurrentCell(1, 0)
    r.open_scanner()
    photo = tmp_path / "giay.png"
    img = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(img).text((100, 100), "Ban sao can chung thuc", fill=0)
    img.save(photo)
    panel.import_file(str(photo))
    qtbot.waitUntil(lambda: panel.thumbs.count() == 1 and not panel.scanning, timeout=WAIT)
    # a hostile file is refused with a reason and adds nothing
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    panel.import_file(str(tmp_path / "bad.png"))
    qtbot.waitUntil(lambda: not panel.scanning, timeout=WAIT)
    assert panel.thumbs.count() == 1 and panel.status.property("role") == "error"

    assert r.fill_from_cccd(CARD)
    r.receive()
    qtbot.waitUntil(lambda: r.last is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: "Đã đính kèm 2" in panel.status.text(), timeout=WAIT)
    assert r.last is not None and r.last.code is not None
    db = Database.open(counter_dir)
    try:
        with db.read() as s:
            row = find_dossier(s, r.last.code)
            attached = {(a.document, a.pages, a.mime) for a in row.attachments}
    finally:
        db.close()
    assert attached == {
        (first, 1, "application/pdf"),
        (r.documents.document_at(1), 1, "application/pdf"),
    }
    window.close()
