"""The main window, driven offscreen with pytest-qt on a temporary counter database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow


def test_lists_dossiers_with_code_status_and_appointment(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    load_demo(data, 5)
    window = MainWindow(data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    model = window.model
    assert model.rowCount() == 5
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Mã hồ sơ", "Người nộp", "Thủ tục", "Trạng thái", "Tiếp nhận", "Hẹn trả"]
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[0].startswith("000.00.12.H01")
    assert first[3] in {"Được tiếp nhận", "Đã xử lý xong", "Đã trả kết quả"}
    assert len(first[5]) == len("09:32 03/11/2023")
    assert "Quầy Q01" in window.windowTitle()

    code = first[0]
    window.search.setText(code)
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not window.loading, timeout=10_000)
    assert model.data(model.index(0, 0)) == code


def test_uninitialised_data_dir_shows_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(tmp_path / "empty")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert "motcua init" in window.message.text()
    assert window.model.rowCount() == 0
