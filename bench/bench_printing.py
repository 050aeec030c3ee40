"""One receipt: A4 PDF render and thermal render, as ratios to drawing the same text lines with
Pillow alone (the least any renderer must do)."""

from __future__ import annotations

from datetime import datetime

from PIL import Image, ImageDraw

from bench.common import best_of, report
from desktop.domain.forms.receipt import receipt
from printing.connections import PrinterSettings
from printing.escpos_job import encode
from printing.fonts import thermal_font
from printing.pdf import render_pdf
from printing.slip import plain_text
from printing.thermal import render_bitmap
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE


def main() -> None:
    doc = receipt(OFFICE, FACTS, now=datetime(2023, 10, 27))
    lines = [t for copy in doc.copies for t in plain_text(copy)]
    font = thermal_font(21)

    def pillow_text_only() -> None:
        img = Image.new("L", (576, 30 * len(lines)), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(lines):
            draw.text((8, 30 * i), line, font=font, fill=0)

    base = best_of(pillow_text_only)
    printer = PrinterSettings("tcp://127.0.0.1:9100", dots=576)
    report(
        [
            (
                "A4 PDF, 2 copies (reportlab)",
                best_of(lambda: render_pdf(doc.copies)),
                base,
                "Pillow text only",
            ),
            (
                "thermal bitmap 80 mm, 2 copies",
                best_of(lambda: [render_bitmap(c, 576) for c in doc.copies]),
                base,
                "Pillow text only",
            ),
            (
                "thermal ESC/POS job 80 mm, 2 copies",
                best_of(lambda: encode(doc.copies, printer)),
                base,
                "Pillow text only",
            ),
        ]
    )


if __name__ == "__main__":
    main()
