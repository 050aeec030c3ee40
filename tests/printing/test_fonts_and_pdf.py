"""The shipped fonts cover Vietnamese; PDFs carry the form's text exactly, in NFC, embedded."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from desktop.domain.forms.facts import DocumentLine, DossierFacts, Office
from desktop.domain.forms.receipt import receipt
from printing.fonts import A4_FILES, THERMAL_FILES, font_path, vietnamese_letters
from printing.pdf import render_pdf
from tests.pdftools import fonts_used, page_count, pdf_text

OFFICE = Office(
    parent="UBND TỈNH AN GIANG",
    name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    place="An Giang",
    counter="Quầy Q01",
    lookup_lines=("Tra cứu hồ sơ: https://dichvucong.angiang.gov.vn",),
)
FACTS = DossierFacts(
    code="000.00.12.H01271023001",
    provisional=False,
    procedure_code="1.001612",
    procedure_name="Đăng ký thành lập hộ kinh doanh",
    limit_label="3 ngày làm việc",
    applicant_name="Huỳnh Thị Ánh Tuyết",
    applicant_id="089185004321",
    address="Số 12 đường Trần Hưng Đạo, phường Mỹ Bình, Long Xuyên",
    phone="0912345678",
    documents=(
        DocumentLine("Giấy đề nghị đăng ký hộ kinh doanh", originals=1),
        DocumentLine("Bản sao giấy tờ pháp lý của cá nhân", certified_copies=1),
    ),
    received_at=datetime(2023, 10, 27, 9, 32),
    due_at=datetime(2023, 11, 1, 9, 32),
    register_book="2023",
    register_seq=1,
    officer_name="Lê Thị Hạnh",
    qr_payload="MC1:000.00.12.H01271023001:AAAAAAAA:" + "A" * 103,
)


def test_vietnamese_letter_set_is_the_134_letters() -> None:
    letters = vietnamese_letters()
    assert len(letters) == 134
    assert {"ặ", "Ặ", "ữ", "Ữ", "đ", "Đ", "ỹ", "Ỹ"} <= letters
    assert all(unicodedata.is_normalized("NFC", c) and len(c) == 1 for c in letters)


@pytest.mark.parametrize("file", sorted({*A4_FILES.values(), *THERMAL_FILES.values()}))
def test_shipped_fonts_cover_every_vietnamese_letter(file: str) -> None:
    cmap = TTFont(file, str(font_path(file))).face.charToGlyph
    missing = sorted(c for c in vietnamese_letters() if ord(c) not in cmap)
    assert missing == []


def test_a_mono_font_without_vietnamese_would_be_caught() -> None:
    mono = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not mono.exists():
        pytest.skip("DejaVu Sans Mono not on this machine")
    cmap = TTFont("mono", str(mono)).face.charToGlyph
    assert any(ord(c) not in cmap for c in vietnamese_letters())


def test_pdf_text_is_exact_nfc_with_embedded_fonts(tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_pdf(receipt(OFFICE, FACTS, now=datetime(2023, 10, 27)).copies))
    text = pdf_text(pdf)
    assert unicodedata.is_normalized("NFC", text)
    flat = " ".join(text.split())
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Mã hồ sơ: 000.00.12.H01271023001",
        "Tiếp nhận hồ sơ của: Huỳnh Thị Ánh Tuyết",
        "Đăng ký thành lập hộ kinh doanh",
        "09 giờ 32 phút, ngày 27 tháng 10 năm 2023",
        "Liên 1: Lưu tại Bộ phận Một cửa",
        "Liên 2: Giao cho công dân",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Hạnh",
    ):
        assert expected in flat, expected
    fonts = fonts_used(pdf)
    assert fonts, "the text is drawn with some font"
    for font in fonts:
        assert font.embedded and font.data_bytes > 1000, f"not embedded: {font}"
    assert page_count(pdf) == 2, "one A4 page per copy"


def test_a_font_left_out_of_the_pdf_would_be_caught() -> None:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "Helvetica is one of the 14 fonts a PDF may name without embedding")
    c.save()
    (font,) = fonts_used(out.getvalue())
    assert not font.embedded and font.data_bytes == 0
