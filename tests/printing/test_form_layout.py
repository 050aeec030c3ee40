"""The A4 forms and the thermal slip against their templates, looked at as printed: text and
positions read back from the PDF with PDFium, slips measured as bitmaps (issue 21 item 2).

- header rules centred under their text on every A4 form (Nghị định 30/2020/NĐ-CP Phụ lục I);
- Mẫu 01 (An Giang QĐ 66/2020, template at the end of seed 002): each copy on one A4 page in
  every province's profile, also with the fee's VietQR; the SMS look-up with the real code; the
  authorised representative; phone and e-mail on one line; a dossier after the 16:00 cut-off
  shown as received at 07:00 the next working day (Điều 15.4);
- Mẫu 02–04 (Thông tư 01/2018/TT-VPCP): the "Số:" line, Mẫu 02's contact with a phone number,
  Mẫu 04 naming the applicant in its body;
- the A4 face: Times New Roman when the machine has it, else the bundled Liberation Serif, with
  every Vietnamese letter;
- the thermal slip: shorter, every block still printed, headings wrapped between words.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdfium2.raw as pdfium_c
import pytest

from desktop.domain.forms import (
    apology,
    control_slip,
    incident_request,
    receipt,
    register_book,
    rejection,
    supplement_request,
)
from desktop.domain.forms.facts import Apology
from desktop.domain.forms.receipt import received_text
from printing.fonts import (
    A4_FILES,
    TIMES_NAMES,
    a4_font_files,
    font_path,
    missing_letters,
    thermal_font,
    vietnamese_letters,
)
from printing.pdf import render_pdf
from printing.slip import NATIONAL_MOTTO, Heading, Slip, Title, plain_text
from printing.textlayout import Run, wrap
from printing.thermal import ThermalStyle, render_bitmap
from tests.clitools import Cli
from tests.conftest import design_friday
from tests.domain.test_forms import FACTS as FORM_FACTS
from tests.domain.test_forms import INCIDENT, NOW, REFUSAL
from tests.domain.test_forms import OFFICE as FORM_OFFICE
from tests.pdftools import flat_text, open_pdf, page_count, pdf_text
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE

Box = tuple[float, float, float, float]  # left, bottom, right, top in points

PROVINCES = sorted(
    p.stem for p in (Path(__file__).parents[2] / "resources/provinces").glob("*.toml")
)
LONG_OFFICE = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ MỸ HÒA HƯNG TỈNH AN GIANG"


def _catalog_longest() -> tuple[str, str]:
    data = json.loads(
        (Path(__file__).parents[2] / "resources/catalog/demo-catalog.json").read_text("utf-8")
    )
    items = data if isinstance(data, list) else data["procedures"]
    p = max(items, key=lambda p: len(p["name"]))
    return p["code"], p["name"]


LONGEST_CODE, LONGEST_NAME = _catalog_longest()


# -- reading positions back from the PDF ----------------------------------------------------


def _text_box(pdf: bytes, text: str, page: int = 0, nth: int = 0) -> Box:
    """Where ``text`` is drawn on ``page`` (its ``nth`` occurrence), blanks left out."""
    with open_pdf(pdf) as doc:
        p = doc[page]
        tp = p.get_textpage()
        try:
            searcher = tp.search(text, match_case=True)
            found = None
            for _ in range(nth + 1):
                found = searcher.get_next()
            assert found is not None, f"{text!r} not on page {page + 1}"
            start, count = found
            boxes = [
                tp.get_charbox(i)
                for i in range(start, start + count)
                if not tp.get_text_range(i, 1).isspace()
            ]
        finally:
            tp.close()
            p.close()
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _rules(pdf: bytes, page: int = 0) -> list[Box]:
    """The horizontal lines drawn on the page (paths flatter than a point)."""
    out: list[Box] = []
    with open_pdf(pdf) as doc:
        p = doc[page]
        try:
            for obj in p.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=8):
                # get_bounds in pypdfium2 5, get_pos in 4
                bounds = getattr(obj, "get_bounds", None) or obj.get_pos
                left, bottom, right, top = bounds()
                if top - bottom < 1.5 and right - left > 10:
                    out.append((left, bottom, right, top))
        finally:
            p.close()
    return out


def _rule_under(pdf: bytes, text: Box, page: int = 0) -> Box:
    """The rule just under a line of text (within 10 points below it, overlapping it)."""
    below = [
        r
        for r in _rules(pdf, page)
        if text[1] - 10 < r[3] <= text[1] + 1 and r[0] < text[2] and r[2] > text[0]
    ]
    assert below, f"no rule under the text at {text}"
    return max(below, key=lambda r: r[3])


def _pages(pdf: bytes | Path) -> list[str]:
    """Each page's text, NFC, white space runs one blank."""
    return [" ".join(unicodedata.normalize("NFC", t).split()) for t in pdf_text(pdf).split("\f")]


def _centre(box: Box) -> float:
    return (box[0] + box[2]) / 2


def _check_heading_rules(pdf: bytes, office_last_line: str) -> None:
    motto = _text_box(pdf, NATIONAL_MOTTO)
    rule = _rule_under(pdf, motto)
    assert abs(_centre(rule) - _centre(motto)) < 1.0, (rule, motto)
    # under the motto: as long as the motto (Nghị định 30/2020/NĐ-CP Phụ lục I)
    assert abs((rule[2] - rule[0]) - (motto[2] - motto[0])) < 3.0, (rule, motto)
    name = _text_box(pdf, office_last_line)
    rule = _rule_under(pdf, name)
    assert abs(_centre(rule) - _centre(name)) < 1.0, (rule, name)
    # under the issuing body: a third to a half of its line
    ratio = (rule[2] - rule[0]) / (name[2] - name[0])
    assert 1 / 3 - 0.02 <= ratio <= 1 / 2 + 0.02, ratio


SORRY = Apology("Hệ thống một cửa điện tử bị gián đoạn", datetime(2023, 11, 7, 14, 0))
A4_FORMS = {
    "mau-01": lambda o: receipt(o, FORM_FACTS, now=NOW),
    "mau-02": lambda o: supplement_request(o, FORM_FACTS, REFUSAL, now=NOW),
    "mau-03": lambda o: rejection(o, FORM_FACTS, REFUSAL, now=NOW),
    "mau-04": lambda o: apology(o, FORM_FACTS, SORRY, now=NOW),
    "mau-05": lambda o: control_slip(o, FORM_FACTS, now=NOW),
    "mau-06": lambda o: register_book(o, (), period_label="Quý IV/2023"),
    "incident": lambda o: incident_request(o, INCIDENT, now=NOW),
}


@pytest.mark.parametrize("form", sorted(A4_FORMS))
def test_header_rules_are_centred_under_their_text_on_every_a4_form(form: str) -> None:
    office = replace(FORM_OFFICE, name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG")
    pdf = render_pdf(A4_FORMS[form](office).copies)
    _check_heading_rules(pdf, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG")


def _line_box(pdf: bytes, text: str, nth: int = 0, page: int = 0) -> Box:
    """The whole printed line that holds ``text`` (every character on its baseline in the same
    column of the heading)."""
    found = _text_box(pdf, text, page, nth)
    with open_pdf(pdf) as doc:
        p = doc[page]
        tp = p.get_textpage()
        try:
            middle = p.get_width() / 2
            boxes = [tp.get_charbox(i) for i in range(tp.count_chars())]
            chars = [tp.get_text_range(i, 1) for i in range(tp.count_chars())]
        finally:
            tp.close()
            p.close()
    same = [
        b
        for b, c in zip(boxes, chars, strict=True)
        if not c.isspace() and abs(b[1] - found[1]) < 1.5 and (b[2] < middle) == (found[2] < middle)
    ]
    return (min(b[0] for b in same), found[1], max(b[2] for b in same), found[3])


def test_header_rule_is_centred_under_a_wrapped_office_name() -> None:
    # the name wraps in its column: the rule is centred under its lines all the same
    slip = Slip((Heading(left=("UBND TỈNH AN GIANG", LONG_OFFICE)), Title("PHIẾU")))
    pdf = render_pdf([slip])
    motto = _text_box(pdf, NATIONAL_MOTTO)
    assert abs(_centre(_rule_under(pdf, motto)) - _centre(motto)) < 1.0
    last = _line_box(pdf, "GIANG", nth=1)  # the name's last line, not the parent's
    assert abs(_centre(_rule_under(pdf, last)) - _centre(last)) < 1.0


# -- Mẫu 01 on one page per copy, in every province's profile --------------------------------

DOCUMENTS = [
    {"name": "Đơn xin chuyển mục đích sử dụng đất (theo mẫu số 02c ban hành kèm theo Nghị định)",
     "originals": 1},
    {"name": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền "
     "với đất đã cấp", "originals": 1, "certified_copies": 1},
    {"name": "Văn bản ủy quyền nộp hồ sơ có chứng thực", "originals": 1},
    {"name": "Căn cước công dân của người được ủy quyền", "photocopies": 1},
]  # fmt: skip
REPRESENTATIVE = {"name": "Trần Thị Bích Ngọc", "id_number": "089185004321"}


def _init(tmp_path: Path, province: str) -> Cli:
    cli = Cli(tmp_path / province)
    cli.ok("init", "--province", province, "--agency", "000.00.12.H01", "--counter", "Q01",
           "--admin-user", "admin", "--admin-name", "Lê Thị Hạnh")  # fmt: skip
    return cli


def _receive(cli: Cli, **extra: object) -> str:
    form = {
        "procedure": LONGEST_CODE,
        "applicant": {
            "name": "Nguyễn Văn An",
            "id_number": "089085001234",
            "address": "Số 1 Lê Lợi, phường Mỹ Bình, thành phố Long Xuyên, tỉnh An Giang",
            "phone": "0912345678",
            "email": "an.nguyen@example.vn",
            "representative": REPRESENTATIVE,
        },
        "documents": DOCUMENTS,
        "fees": [{"name": "Lệ phí cấp Giấy chứng nhận", "amount": 100000}],
        **extra,
    }
    code: str = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))[
        "code"
    ]
    return code


@pytest.mark.parametrize("province", PROVINCES)
def test_each_receipt_copy_keeps_to_one_a4_page(province: str, tmp_path: Path) -> None:
    cli = _init(tmp_path, province)
    # a receiving account: the citizen's copy carries the fee's VietQR block too
    cli.ok("payee", "set", "--bank-bin", "970405", "--account", "6380201001234", "--name",
           "Trung tâm Phục vụ hành chính công", "--user", "admin")  # fmt: skip
    code = _receive(cli)
    out = tmp_path / "receipt.pdf"
    cli.ok("print", "receipt", code, "--pdf", str(out), "--user", "admin")
    pdf = out.read_bytes()
    assert page_count(pdf) == 2, "one A4 page a copy"
    pages = _pages(pdf)
    for page, label in zip(pages, ("Liên 1", "Liên 2"), strict=True):
        assert label in page and "NGƯỜI TIẾP NHẬN HỒ SƠ" in page and "Lê Thị Hạnh" in page
        assert LONGEST_NAME[-40:] in page
        assert "Tra cứu hồ sơ:" in page  # the look-up lines close each copy on its page
    assert "Nội dung chuyển khoản" in pages[1] and "VietQR" not in pages[0]
    # the authorised representative, who submitted for the applicant
    assert "Người nộp thay theo ủy quyền: Trần Thị Bích Ngọc" in pages[0]
    # the SMS look-up carries this dossier's code, never the placeholder
    assert "<mã hồ sơ>" not in flat_text(pdf)
    if province == "kien-giang":
        assert f"Nhắn tin: TRACUU {code} gửi 8083" in pages[0]
    # "Số điện thoại: … Email: …" on one line, as in the template
    phone = _text_box(pdf, "Số điện thoại: 0912345678")
    email = _text_box(pdf, "Email: an.nguyen@example.vn")
    assert abs(phone[1] - email[1]) < 1.0 and email[0] > phone[2]
    for page in (0, 1):
        motto = _text_box(pdf, NATIONAL_MOTTO, page)
        assert abs(_centre(_rule_under(pdf, motto, page)) - _centre(motto)) < 1.0


def test_receipt_after_the_cut_off_counts_from_the_next_working_morning(
    tmp_path: Path,
) -> None:
    """An Giang QĐ 66/2020 Điều 15.4: an e-dossier after 16:00 is received at 07:00 the next
    working day; the receipt says so, with the time it came in. At the counter (channel 1)
    the rule does not apply."""
    cli = _init(tmp_path, "an-giang")
    friday = design_friday(cli.data_dir)
    monday = friday + timedelta(days=3)
    online = _receive(cli, channel=2, received_at=f"{friday}T16:30")
    walk_in = _receive(cli, channel=1, received_at=f"{friday}T16:30")
    for code, shown in (
        (online, f"07 giờ 00 phút, ngày {monday:%d} tháng {_month(monday)} năm {monday:%Y}"),
        (walk_in, f"16 giờ 30 phút, ngày {friday:%d} tháng {_month(friday)} năm {friday:%Y}"),
    ):
        out = tmp_path / f"{code}.pdf"
        cli.ok("print", "receipt", code, "--pdf", str(out), "--user", "admin")
        text = _pages(out)[0]
        assert f"Thời gian nhận hồ sơ: {shown}" in text
    assert "hồ sơ đến lúc 16 giờ 30 phút" in flat_text(tmp_path / f"{online}.pdf")
    assert "hồ sơ đến lúc" not in flat_text(tmp_path / f"{walk_in}.pdf")


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def test_received_text_before_and_after_the_cut_off() -> None:
    came = datetime(2023, 10, 27, 16, 30)
    assert received_text(came, None) == "16 giờ 30 phút, ngày 27 tháng 10 năm 2023"
    assert received_text(came, datetime(2023, 10, 30, 7, 0)) == (
        "07 giờ 00 phút, ngày 30 tháng 10 năm 2023 (hồ sơ đến lúc 16 giờ 30 phút, ngày 27 "
        "tháng 10 năm 2023, sau giờ chốt tiếp nhận trong ngày)"
    )


# -- Mẫu 02–04 --------------------------------------------------------------------------------


def test_notices_carry_the_number_line_under_the_issuing_body() -> None:
    office = replace(FORM_OFFICE, reference_suffix="TTPVHCC", phone="0297.1022")
    for build in (A4_FORMS["mau-02"], A4_FORMS["mau-03"], A4_FORMS["mau-04"]):
        pdf = render_pdf(build(office).copies)
        number = _text_box(pdf, "Số: …/TTPVHCC")
        name = _text_box(pdf, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN GIANG")
        motto = _text_box(pdf, NATIONAL_MOTTO)
        assert number[3] < name[1], "under the issuing body"
        assert number[2] < motto[0], "in the issuing body's column"


def test_supplement_request_gives_a_phone_number_to_call() -> None:
    with_phone = replace(FORM_OFFICE, phone="0297.1022")
    text = " ".join(
        plain_text(supplement_request(with_phone, FORM_FACTS, REFUSAL, now=NOW).copies[0])
    )
    assert "liên hệ với Trần Văn Bình, Quầy Q01, số điện thoại 0297.1022 để được hướng dẫn" in text
    # no phone known: dots to write it in by hand, never a sentence without one
    text = " ".join(
        plain_text(supplement_request(FORM_OFFICE, FORM_FACTS, REFUSAL, now=NOW).copies[0])
    )
    assert "số điện thoại ………… để được hướng dẫn" in text


def test_supplement_request_through_the_counter_uses_the_province_hotline(
    tmp_path: Path,
) -> None:
    cli = _init(tmp_path, "quang-ninh")
    code = _receive(cli)
    cli.json("supplement", code, "--request", "Thiếu giấy tờ",
             "--missing", "Bản sao giấy khai sinh", "--user", "admin")  # fmt: skip
    out = tmp_path / "mau02.pdf"
    cli.ok("print", "supplement", code, "--pdf", str(out), "--user", "admin")
    assert "số điện thoại 1900558826 để được hướng dẫn" in flat_text(out)


def test_apology_names_the_applicant_in_its_body() -> None:
    pdf = render_pdf(A4_FORMS["mau-04"](FORM_OFFICE).copies)
    text = flat_text(pdf)
    assert "tiếp nhận giải quyết hồ sơ của Ông/Bà/tổ chức Nguyễn Thị Hồng Nhung." in text


# -- the A4 face ------------------------------------------------------------------------------

PANGRAM = (
    "Thần phả Đại Việt: Ngô Quyền đánh tan quân Nam Hán trên sông Bạch Đằng; "
    "Quý khách ưu tiên xếp hàng — Ỷ, Ữ, Ặ, Ễ, Ộ, Ớ, Ợ, Ỡ, Ừ, Ự, Ỳ, Ỹ, Ỵ, đ, Đ"
)


def test_a4_face_covers_a_vietnamese_pangram_and_every_letter() -> None:
    letters = set(PANGRAM) | vietnamese_letters() | set("abcdefghijklmnopqrstuvwxyz")
    letters |= {c.upper() for c in letters}
    from reportlab.pdfbase.ttfonts import TTFont

    for style, path in a4_font_files().items():
        cmap = TTFont(f"probe-{style}", str(path)).face.charToGlyph
        missing = sorted(c for c in letters if not c.isspace() and ord(c) not in cmap)
        assert missing == [], (style, path, missing)


def test_bundled_a4_face_is_liberation_serif_with_its_licence() -> None:
    for file in A4_FILES.values():
        assert file.startswith("LiberationSerif") and font_path(file).is_file()
        assert missing_letters(font_path(file)) == set()
    licence = (font_path("LICENSE-LiberationSerif.txt")).read_text("utf-8")
    assert "SIL Open Font License" in licence or "SIL-OFL-1.1" in licence


def _times_folder(folder: Path, names: dict[str, str]) -> Path:
    folder.mkdir()
    for style, name in names.items():
        shutil.copy(font_path(A4_FILES[style]), folder / name)  # type: ignore[index]
    return folder


def test_times_new_roman_is_taken_from_the_windows_fonts_folder(tmp_path: Path) -> None:
    windows = _times_folder(tmp_path / "Fonts", {s: names[0] for s, names in TIMES_NAMES.items()})
    assert a4_font_files([tmp_path / "nowhere", windows]) == {
        s: windows / names[0] for s, names in TIMES_NAMES.items()
    }
    linux = _times_folder(tmp_path / "msttcorefonts", {s: n[1] for s, n in TIMES_NAMES.items()})
    assert a4_font_files([linux])["bold"] == linux / "Times_New_Roman_Bold.ttf"


def test_a_times_new_roman_without_vietnamese_or_incomplete_is_not_used(tmp_path: Path) -> None:
    bundled = {s: font_path(f) for s, f in A4_FILES.items()}
    assert a4_font_files([tmp_path]) == bundled  # nothing there
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(font_path(A4_FILES["regular"]), partial / "times.ttf")  # no bold, no italic
    assert a4_font_files([partial]) == bundled
    mono = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if mono.exists():
        broken = tmp_path / "broken"
        broken.mkdir()
        for names in TIMES_NAMES.values():
            shutil.copy(mono, broken / names[0])  # no Vietnamese letters in it
        assert a4_font_files([broken]) == bundled


# -- the thermal slip -------------------------------------------------------------------------

DOTS_PER_MM = 203 / 25.4
KIEN_GIANG_LOOKUPS = (  # the profile with the most look-up channels
    "Tra cứu hồ sơ: http://dichvucong.kiengiang.gov.vn",
    "Nhắn tin: TRACUU <mã hồ sơ> gửi 8083",
    "Tổng đài hỗ trợ: 0297.1022",
    "Tổng đài hành chính công 088822.1022",
    'Ứng dụng "Kết quả TTHC Kiên Giang"; tra cứu được bằng số CMND/CCCD',
)
# This receipt copy (FACTS, Kiên Giang's look-up lines) measured before issue 21: 2266 dots
# (283 mm) on 58 mm paper, 2375 dots (297 mm) on 80 mm; after it 1841 (230 mm) and 1875
# (234 mm): a QR of 4–5 dots a module instead of the paper's width, the heading's capitals on
# one line each, a document's counts on its line, 20-dot body type, one run-on look-up note.
SLIP_MM_BOUND = {384: 240, 576: 245}


def _slip_mm(slip: Slip, dots: int = 384) -> float:
    return render_bitmap(slip, dots).height / DOTS_PER_MM


def _full_facts():  # type: ignore[no-untyped-def]
    return replace(
        FACTS,
        email="tuyet.huynh@example.vn",
        representative="Trần Thị Bích Ngọc (số giấy tờ tùy thân: 089185004321)",
    )


@pytest.mark.parametrize("dots", [384, 576])
def test_thermal_receipt_is_shorter_than_before(dots: int) -> None:
    office = replace(OFFICE, lookup_lines=KIEN_GIANG_LOOKUPS)
    copy = receipt(office, FACTS, now=datetime(2023, 10, 27)).copies[0]
    length = _slip_mm(copy, dots)
    assert length <= SLIP_MM_BOUND[dots], f"{length:.0f} mm"


def test_thermal_receipt_prints_every_block() -> None:
    """Leaving any block out makes the slip shorter: each one is printed (none lost)."""
    copy = receipt(OFFICE, _full_facts(), now=datetime(2023, 10, 27)).copies[1]
    whole = render_bitmap(copy, 384).height
    for i, block in enumerate(copy.blocks):
        without = replace(copy, blocks=copy.blocks[:i] + copy.blocks[i + 1 :])
        assert render_bitmap(without, 384).height < whole, f"block {i} not printed: {block}"


def _lines_of(text: str, font_size: int, style: str, width: int) -> Iterator[list[str]]:
    font = thermal_font(font_size, style)  # type: ignore[arg-type]
    for line in wrap([Run(text, font)], width):
        yield [t for _x, t, _f in line.pieces if t != " "]


@pytest.mark.parametrize("dots", [384, 512, 576])
def test_thermal_headings_break_between_words(dots: int) -> None:
    style = ThermalStyle.for_width(dots)
    for text in (LONGEST_NAME, LONGEST_NAME.upper(), LONG_OFFICE, "UBND TỈNH AN GIANG"):
        for size, weight in ((style.head, "bold"), (style.title, "bold"), (style.body, "bold")):
            words = [w for line in _lines_of(text, size, weight, style.inner) for w in line]
            assert " ".join(words).split() == text.split(), (size, text)
    # the national name keeps to one line even on 58 mm
    head = list(_lines_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style.head, "bold", style.inner))
    assert len(head) == 1


def test_thermal_receipt_with_the_longest_procedure_and_a_long_office() -> None:
    office = replace(OFFICE, name=LONG_OFFICE)
    facts = replace(_full_facts(), procedure_name=LONGEST_NAME)
    copy = receipt(office, facts, now=datetime(2023, 10, 27)).copies[0]
    img = render_bitmap(copy, 384)
    bbox = img.convert("L").point(lambda v: 255 - v).getbbox()
    assert bbox is not None and bbox[0] >= 4 and bbox[2] <= 380


def _heavy_receipt(documents: int = 4):  # type: ignore[no-untyped-def]
    """The longest procedure of the catalog, long documents, a representative, five look-up
    channels and the fee's VietQR: everything Mẫu 01 can carry."""
    from desktop.domain.forms.facts import DocumentLine, FeeLine, TransferFacts
    from desktop.domain.vietqr import build

    qr = build("970405", "6380201001234", 100000, FACTS.code)
    office = replace(
        OFFICE,
        lookup_lines=(
            "Tra cứu hồ sơ: http://dichvucong.kiengiang.gov.vn",
            "Nhắn tin: TRACUU <mã hồ sơ> gửi 8083",
            "Tổng đài hỗ trợ: 0297.1022",
            "Tổng đài hành chính công 088822.1022",
            'Ứng dụng "Kết quả TTHC Kiên Giang"; tra cứu được bằng số CMND/CCCD',
        ),
    )
    names = [str(d["name"]) for d in DOCUMENTS]
    facts = replace(
        _full_facts(),
        procedure_name=LONGEST_NAME,
        address="Số 1 Lê Lợi, phường Mỹ Bình, thành phố Long Xuyên, tỉnh An Giang",
        documents=tuple(
            DocumentLine(names[i % len(names)], originals=1, certified_copies=i % 2)
            for i in range(documents)
        ),
        fees=(FeeLine("Lệ phí cấp Giấy chứng nhận", 100000),),
        fee_state="Chưa nộp phí",
        transfer=TransferFacts(
            qr.payload, qr.amount, "Agribank (BIN 970405)", "6380201001234", "Trung tâm", FACTS.code
        ),
    )
    return receipt(office, facts, now=datetime(2023, 10, 27))


def test_the_fullest_receipt_still_keeps_each_copy_to_its_page() -> None:
    pdf = render_pdf(_heavy_receipt().copies)
    assert page_count(pdf) == 2
    first, second = _pages(pdf)
    assert "Liên 1" in first and "Liên 2" in second
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in second and "Nội dung chuyển khoản" in second
    assert f"TRACUU {FACTS.code} gửi 8083" in second


def test_a_receipt_too_long_for_one_page_runs_on_rather_than_shrinking_unreadably() -> None:
    pdf = render_pdf(_heavy_receipt(documents=30).copies)
    assert page_count(pdf) > 2
    # the type stays its size: the body's letters are as tall as on a receipt that fits
    small = render_pdf(receipt(OFFICE, FACTS, now=datetime(2023, 10, 27)).copies)
    size = _text_box(small, "Số lượng hồ sơ")
    big = _text_box(pdf, "Số lượng hồ sơ", page=1)
    assert abs((big[3] - big[1]) - (size[3] - size[1])) < 0.5
