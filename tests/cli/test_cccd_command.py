"""`motcua cccd PAYLOAD [--json]`: what the card's QR says, without a counter database."""

from __future__ import annotations

from pathlib import Path

from tests.clitools import Cli

ADDRESS = "Số 1 Lê Lợi, Long Xuyên, An Giang"
CARD = f"089085001234|123456789|Nguyễn Văn An|12031985|Nam|{ADDRESS}|01012021"


def cli(tmp_path: Path) -> Cli:
    # a data directory that does not exist: the command must not need one
    return Cli(tmp_path / "nothing-here")


def test_prints_what_was_read(tmp_path: Path) -> None:
    out = cli(tmp_path).ok("cccd", CARD)
    assert "Số định danh (CCCD): 089085001234" in out
    assert "Số CMND cũ: 123456789" in out
    assert "Họ tên: Nguyễn Văn An" in out
    assert "Ngày sinh: 12/03/1985" in out
    assert "Giới tính: Nam" in out
    assert f"Nơi thường trú: {ADDRESS}" in out
    assert "Ngày cấp: 01/01/2021" in out
    assert "CẢNH BÁO" not in out
    assert not (tmp_path / "nothing-here").exists()


def test_json_has_every_field_and_the_warnings(tmp_path: Path) -> None:
    six = f"089085001234|Nguyễn Văn An|12/03/1986|NỮ|{ADDRESS}|01/01/2021\r\n"
    data = cli(tmp_path).json("cccd", six, "--json")
    assert data == {
        "id_number": "089085001234",
        "old_id": None,
        "name": "Nguyễn Văn An",
        "birth_date": "1986-03-12",
        "sex": "Nữ",
        "address": ADDRESS,
        "issue_date": "2021-01-01",
        "warnings": [
            {
                "code": "birth_year_mismatch",
                "message": "Năm sinh trên thẻ (1986) khác năm sinh trong số định danh (1985): "
                "hỏi lại công dân, sửa ô sai trước khi tiếp nhận",
            },
            {
                "code": "sex_mismatch",
                "message": "Giới tính trên thẻ (Nữ) khác giới tính trong số định danh (Nam)",
            },
        ],
    }


def test_warnings_are_printed_for_the_officer(tmp_path: Path) -> None:
    out = cli(tmp_path).ok("cccd", CARD.replace("12031985", "12031986"))
    assert "CẢNH BÁO (birth_year_mismatch): Năm sinh trên thẻ (1986)" in out


def test_a_mojibake_name_is_repaired(tmp_path: Path) -> None:
    data = cli(tmp_path).json("cccd", CARD.replace("Nguyễn", "Nguyá»…n"), "--json")
    assert data["name"] == "Nguyễn Văn An"
    assert [w["code"] for w in data["warnings"]] == ["name_repaired"]


def test_unreadable_is_refused_in_vietnamese(tmp_path: Path) -> None:
    c = cli(tmp_path)
    p = c.run("cccd", "không phải thẻ")
    assert p.returncode == 1 and p.stdout == ""
    assert "thẻ CCCD có ít nhất 6" in p.stderr and "Traceback" not in p.stderr
    garbled = CARD.replace("Nguyễn Văn An", "Nguyá» n Văn An").replace("12031985", "31021985")
    p = c.run("cccd", garbled, "--json")
    assert p.returncode == 1 and p.stdout == ""
    assert "Họ tên: chữ bị lỗi mã hoá" in p.stderr and "Ngày sinh" in p.stderr
    assert "á»" not in p.stderr and "Nguy" not in p.stderr  # the garbled name is never printed
