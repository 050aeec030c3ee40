"""Document pages drawn with the shipped fonts, for scanning-side tests."""

from __future__ import annotations

from PIL import Image, ImageDraw

from printing.fonts import thermal_font

LINE = "Họ và tên: Nguyễn Văn An, sinh ngày 01/02/1985, thường trú tại Long Xuyên, An Giang"


def text_page(dpi: int = 300, paper: int = 235, lines: int = 30) -> Image.Image:
    """An A4 page of Vietnamese text, greyish paper, as a scanner sees it."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (w, h), paper)
    draw = ImageDraw.Draw(page)
    scale = dpi / 300
    draw.text(
        (int(300 * scale), int(250 * scale)),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=thermal_font(int(60 * scale)),
        fill=20,
    )
    font = thermal_font(int(36 * scale))
    for i in range(lines):
        y = int((500 + 80 * i) * scale)
        draw.text((int(250 * scale), y), LINE[: 40 + (i * 7) % 45], font=font, fill=30)
    return page
