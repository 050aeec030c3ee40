"""Thermal slips at 58 and 80 mm: within the paper, diacritics intact, QR decodable, long
text wraps."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
import zxingcpp
from PIL import Image

from desktop.domain.forms.receipt import receipt
from printing.slip import Paragraph, Slip
from printing.thermal import render_bitmap
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE

LONG = (
    "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh "
    "dịch vụ ăn uống, cơ sở sản xuất thực phẩm thuộc phạm vi quản lý của Bộ Y tế, "
    "địa chỉ ấp Mỹ Hòa Hưng, xã Mỹ Hòa Hưng "
)


def _ink_columns(img: Image.Image) -> tuple[int, int]:
    bbox = img.convert("L").point(lambda v: 255 - v).getbbox()
    assert bbox is not None
    return bbox[0], bbox[2]


@pytest.mark.parametrize("dots", [384, 512, 576])
def test_receipt_fits_the_paper_and_its_qr_decodes(dots: int) -> None:
    copy = receipt(OFFICE, FACTS, now=datetime(2023, 10, 27)).copies[1]
    img = render_bitmap(copy, dots)
    assert img.width == dots and img.mode == "1"
    left, right = _ink_columns(img)
    assert left >= 4 and right <= dots - 4, "nothing printed in the unprintable margin"
    texts = [r.text for r in zxingcpp.read_barcodes(img)]
    assert texts == [FACTS.qr_payload]


def test_long_procedure_name_and_address_wrap_instead_of_overflowing() -> None:
    long_facts = replace(FACTS, procedure_name=LONG[:200], address=LONG[:200])
    short = render_bitmap(receipt(OFFICE, FACTS, now=datetime(2023, 10, 27)).copies[0], 384)
    long = render_bitmap(receipt(OFFICE, long_facts, now=datetime(2023, 10, 27)).copies[0], 384)
    assert long.width == short.width == 384
    assert long.height > short.height + 100, "the long texts took more lines"
    left, right = _ink_columns(long)
    assert left >= 4 and right <= 380


def test_a_word_longer_than_the_line_is_broken_not_clipped() -> None:
    img = render_bitmap(Slip((Paragraph("https://" + "x" * 120 + ".gov.vn"),)), 384)
    _left, right = _ink_columns(img)
    assert right <= 380 and img.height > 60


def test_stacked_diacritics_on_capitals_are_not_cut_off() -> None:
    # "Ế" has a circumflex and an acute stacked above a capital: it must have ink above
    # where a plain "E" has its top.
    def top(text: str) -> int:
        img = render_bitmap(Slip((Paragraph(text, bold=True),)), 384).convert("L")
        bbox = img.point(lambda v: 255 - v).getbbox()
        assert bbox is not None
        return bbox[1]

    assert top("Ế") < top("E") - 3
