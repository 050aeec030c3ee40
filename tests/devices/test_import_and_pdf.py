"""Importing images and PDFs, page clean-up, the page list, and the compressed PDF.

Hostile files (empty, corrupt, a 20000×20000 bomb, not an image at all) get one Vietnamese
line and change nothing: no attachment row, no event, no blob file."""

from __future__ import annotations

import io
import json
import multiprocessing
import time
from pathlib import Path

import pytest
from PIL import Image

from desktop.devices import imaging
from desktop.devices.imaging import ImageInputError, iter_document_file, load_document_file
from desktop.devices.pageproc import ColorMode, clean_page, estimate_skew, is_blank
from desktop.devices.pages import DocumentPages, Page, process_page
from desktop.devices.pdfpack import build_pdf, encode_page
from desktop.devices.scanjob import run_scan
from desktop.devices.scanning import RawPage, ScanSettings, Source
from desktop.store.db import Database
from desktop.store.models import Attachment, EventRow
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.devices.pagesynth import text_page
from tests.pdftools import page_sizes


def _receive(cli: Cli) -> str:
    out = cli.ok("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    code: str = json.loads(out)["code"]
    return code


def _state(cli: Cli) -> tuple[int, list[str], list[Path]]:
    from sqlalchemy import func, select

    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            rows = s.scalar(select(func.count()).select_from(Attachment)) or 0
            events = list(s.scalars(select(EventRow.type).order_by(EventRow.seq)))
    finally:
        db.close()
    store = cli.data_dir / "attachments"
    blobs = [p for p in store.rglob("*") if p.is_file()] if store.exists() else []
    return rows, events, blobs


def _hostile_files(root: Path) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    files = {}
    files["empty"] = root / "empty.png"
    files["empty"].write_bytes(b"")
    good = io.BytesIO()
    text_page(dpi=100).save(good, "PNG")
    files["corrupt"] = root / "corrupt.png"
    files["corrupt"].write_bytes(good.getvalue()[: len(good.getvalue()) // 3])
    files["bomb"] = root / "bomb.png"
    Image.new("1", (20000, 20000), 1).save(files["bomb"])  # small file, 400 Mpx when decoded
    files["not-image"] = root / "hoso.png"
    files["not-image"].write_text("Đây không phải ảnh\n" * 50, encoding="utf-8")
    files["fake-pdf"] = root / "giay.pdf"
    files["fake-pdf"].write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    files["missing"] = root / "khong-co.png"
    return files


@pytest.mark.slow
def test_hostile_files_get_a_clear_message_and_change_nothing(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    before = _state(cli)
    assert before[0] == 0 and before[2] == []
    expected = {
        "empty": "rỗng (0 byte)",
        "corrupt": "không phải ảnh hợp lệ hoặc đã bị hỏng",
        "bomb": "quá lớn",
        "not-image": "không phải ảnh (PNG, JPEG, TIFF) hay PDF",
        "fake-pdf": "không phải PDF hợp lệ",
        "missing": "Không tìm thấy tệp",
    }
    for kind, path in _hostile_files(tmp_path / "in").items():
        out = cli.run(
            *("scan", "--device", f"file:{path}", "--dossier", code),
            *("--document", "Giấy tờ", "--user", "admin"),
        )
        assert out.returncode == 1, (kind, out.stdout)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Lỗi: "), (kind, out.stderr)
        assert expected[kind] in lines[0], (kind, lines[0])
        assert "chưa đính kèm gì" in lines[0] or kind == "missing"
        assert out.stdout == ""
        decode = cli.run("qr", "decode", str(path))
        assert decode.returncode == 1 and "Traceback" not in decode.stderr
    assert _state(cli) == before  # no attachment row, no event, no blob file


def test_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = _hostile_files(tmp_path)["bomb"]
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(ImageInputError, match=r"20000×20000|quá lớn"):
        load_document_file(bomb)


def test_multi_page_tiff_becomes_one_pdf(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    pages = [text_page(dpi=150, lines=5 + i) for i in range(3)]
    tiff = tmp_path / "hoso.tif"
    pages[0].save(
        tiff, save_all=True, append_images=pages[1:], dpi=(150, 150), compression="tiff_lzw"
    )
    out = json.loads(
        cli.ok(
            *("scan", "--device", f"file:{tiff}", "--dossier", code),
            *("--document", "Sổ hộ khẩu", "--user", "admin"),
        )
    )
    assert out["pages"] == 3 and out["resolution"] == 300
    rows, events, blobs = _state(cli)
    assert rows == 1 and events[-1] == "attached" and len(blobs) == 1


def test_pdf_import_renders_every_page(tmp_path: Path) -> None:
    src = build_pdf([encode_page(text_page(dpi=100, lines=n), 100) for n in (3, 6)], "Bản gốc")
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(src)
    loaded = load_document_file(pdf, pdf_dpi=150)
    assert len(loaded) == 2 and all(p.dpi == 150 for p in loaded)
    w, h = loaded[0].image.size
    assert abs(w - 8.27 * 150) <= 2 and abs(h - 11.69 * 150) <= 2


def _hand_made_pdf(*objects: bytes) -> bytes:
    """A PDF of the given objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def _one_page_pdf(media_box: bytes, content: bytes = b"", *more: bytes) -> bytes:
    return _hand_made_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R %s >>"
        % (media_box, b"/Resources << /XObject << /X 5 0 R >> >>" if more else b""),
        _stream(content),
        *more,
    )


def _renderer_trap(levels: int = 6) -> bytes:
    """2.7 kB, one ordinary A4 page: form XObjects that each draw the next ten times, six deep
    (a million rectangles). PDFium renders it for minutes (five levels: ~20 s)."""
    forms = []
    for level in range(levels):
        last = level == levels - 1
        content = (
            b"0 0 1 rg 10 10 500 800 re f"
            if last
            else b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % (i % 3) for i in range(10))
        )
        resources = b"" if last else b"/Resources << /XObject << /X %d 0 R >> >>" % (6 + level)
        forms.append(
            _stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources)
        )
    return _one_page_pdf(b"[0 0 595 842]", b"/X Do", *forms)


def _reportlab_pdf(pages: int, **options: object) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, **options)  # type: ignore[arg-type]
    for n in range(pages):
        c.drawString(72, 720, f"Trang {n + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _reportlab_pdf(1, encrypt=StandardEncryption("mat-khau", "chu-so-huu"))


def _pdf_processes() -> list[multiprocessing.process.BaseProcess]:
    """The children rendering PDFs (other tests may leave other children, e.g. a pool)."""
    return [p for p in multiprocessing.active_children() if p.name == "motcua-pdf"]


HOSTILE_PDFS = {
    "encrypted": (_encrypted_pdf, "có mật khẩu"),
    "too-many-pages": (
        lambda: _reportlab_pdf(imaging.MAX_PAGES + 1),
        "quá nhiều trang (tối đa 200)",
    ),
    "no-pages": (
        lambda: _hand_made_pdf(
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"
        ),
        "không có trang nào",
    ),
    "truncated": (lambda: _reportlab_pdf(2)[:400], "không phải PDF hợp lệ hoặc đã bị hỏng"),
    "huge-page": (lambda: _one_page_pdf(b"[0 0 20000 20000]"), "kích thước không hợp lệ"),
    "tiny-page": (lambda: _one_page_pdf(b"[0 0 2 2]"), "quá nhỏ"),
}


@pytest.mark.parametrize("kind", HOSTILE_PDFS)
def test_hostile_pdfs_are_refused_with_a_clear_message(kind: str, tmp_path: Path) -> None:
    make, expected = HOSTILE_PDFS[kind]
    pdf = tmp_path / "giay-to.pdf"
    pdf.write_bytes(make())
    with pytest.raises(ImageInputError, match=r"giay-to\.pdf") as refused:
        load_document_file(pdf)
    assert expected in str(refused.value)
    assert _pdf_processes() == []  # PDFium's process is gone


def test_a_pdf_that_hangs_the_renderer_is_refused_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imaging, "PDF_TIMEOUT", 5.0)
    pdf = tmp_path / "bay.pdf"
    pdf.write_bytes(_renderer_trap())
    assert pdf.stat().st_size < 3000
    start = time.monotonic()
    with pytest.raises(ImageInputError, match=r"bay\.pdf xử lý quá lâu"):
        load_document_file(pdf, pdf_dpi=150)
    assert time.monotonic() - start < 5.0 + 10.0  # one timeout, and killing the child
    assert _pdf_processes() == []


def test_a_large_page_is_rendered_below_the_pixel_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imaging, "MAX_PIXELS", 2_000_000)
    pdf = tmp_path / "a4.pdf"
    pdf.write_bytes(_reportlab_pdf(1))
    (page,) = load_document_file(pdf, pdf_dpi=300)  # 300 dpi would be 8.7 million pixels
    assert page.image.width * page.image.height <= 2_000_000
    assert page.dpi == int((2_000_000 / (8.27 * 11.69)) ** 0.5) and page.image.mode == "RGB"


def test_stopping_after_the_first_page_ends_the_pdf_process(tmp_path: Path) -> None:
    pdf = tmp_path / "ba-trang.pdf"
    pdf.write_bytes(_reportlab_pdf(3))
    pages = iter_document_file(pdf, 100)
    first = next(pages)
    assert first.image.size == (827, 1170) and first.dpi == 100  # reportlab's A4 at 100 dpi
    assert len(_pdf_processes()) == 1
    pages.close()  # what open_image does when it returns with the first page
    assert _pdf_processes() == []


@pytest.mark.parametrize("angle", [0.0, 1.2, -2.5, 4.0, -7.5])
def test_deskew_finds_the_angle_and_straightens(angle: float) -> None:
    page = text_page(dpi=300)
    skewed = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=200)
    found = estimate_skew(skewed)
    assert abs(found + angle) <= 0.3
    straight = clean_page(skewed, ColorMode.GRAY).image
    assert abs(estimate_skew(straight)) <= 0.3


def test_blank_detection_ignores_dust_but_keeps_one_word() -> None:
    from PIL import ImageDraw

    from printing.fonts import thermal_font

    blank = Image.effect_noise((2480, 3508), 10).point(lambda v: v + 110)
    dusty = blank.copy()
    draw = ImageDraw.Draw(dusty)
    for i in range(200):
        x, y = (i * 397) % 2400, (i * 911) % 3400
        draw.rectangle((x, y, x + 2, y + 2), fill=0)
    word = Image.new("L", (2480, 3508), 240)
    ImageDraw.Draw(word).text((900, 1500), "Chữ ký", font=thermal_font(36), fill=30)
    assert is_blank(blank) and is_blank(dusty)
    assert not is_blank(word) and not is_blank(text_page())


def test_page_sizes_at_300_dpi_stay_small() -> None:
    """A 300-dpi A4 text page: grey and colour as JPEG, line art as CCITT G4."""
    page = text_page(dpi=300)
    sizes = {}
    for mode in ColorMode:
        src = page.convert("RGB") if mode is ColorMode.COLOR else page
        kept = process_page(RawPage(src, 300), ScanSettings(mode=mode))
        assert kept is not None
        sizes[mode] = kept.size_bytes
    assert sizes[ColorMode.GRAY] < 450_000
    assert sizes[ColorMode.COLOR] < 500_000
    assert sizes[ColorMode.LINEART] < 80_000


def test_page_list_operations_end_up_in_the_pdf(tmp_path: Path) -> None:
    pages: list[Page] = []
    for lines in (2, 8, 14):
        kept = process_page(RawPage(text_page(dpi=100, lines=lines), 100), ScanSettings())
        assert kept is not None
        pages.append(kept)
    doc = DocumentPages("Giấy tờ: thử/nghiệm")
    doc.extend(pages)
    doc.move(0, 2)  # [8, 14, 2]
    doc.rotate(1)  # the 14-line page turned a quarter: landscape
    removed = doc.remove(0)  # [14 (rotated), 2]
    assert removed.id == pages[1].id
    doc.replace(1, pages[1])  # rescan: [14 (rotated), 8]
    assert doc.index_of(pages[1].id) == 1
    assert max(doc.thumbnail(0).size) == 160
    with pytest.raises(IndexError):
        doc.remove(5)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(doc.build_pdf())
    assert doc.filename == "Giấy tờ_ thử_nghiệm.pdf"
    (w1, h1), (w2, h2) = page_sizes(pdf)
    assert (round(w1), round(h1), round(w2), round(h2)) == (842, 595, 595, 842)  # landscape, A4


def test_import_keeps_its_own_order_and_honours_max_pages(tmp_path: Path) -> None:
    pages = [text_page(dpi=100, lines=n) for n in (3, 4, 5, 6)]
    tiff = tmp_path / "four.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(100, 100))
    outcome = run_scan(f"file:{tiff}", ScanSettings(Source.ADF, 100, max_pages=2))
    assert outcome.ok and len(outcome.pages) == 2
