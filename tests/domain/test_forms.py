from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, datetime

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
from desktop.domain.forms.common import (
    agency_name,
    date_long,
    datetime_long,
    duration,
    money,
    time_long,
)
from desktop.domain.forms.facts import (
    Apology,
    DocumentLine,
    DossierFacts,
    FeeLine,
    HistoryLine,
    IncidentFacts,
    Office,
    Refusal,
    RegisterRow,
)
from desktop.domain.forms.receipt import PROVISIONAL
from printing.slip import Document, Qr, Slip, Table, plain_text

NOW = datetime(2023, 10, 27, 10, 5)

OFFICE = Office(
    parent="UBND TỈNH AN GIANG",
    name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN GIANG",
    place="An Giang",
    counter="Quầy Q01",
    lookup_lines=(
        "Tra cứu: https://dichvucong.angiang.gov.vn",
        "Nhắn tin: TRACUU <mã hồ sơ> gửi 8083",
    ),
)

FACTS = DossierFacts(
    code="000.00.20.H01-231027-0001",
    provisional=False,
    procedure_code="1.001612",
    procedure_name="Đăng ký khai sinh",
    limit_label="5 ngày làm việc",
    applicant_name="Nguyễn Thị Hồng Nhung",
    applicant_id="089190000123",
    address="Số 12 Trần Hưng Đạo, phường Mỹ Bình, TP Long Xuyên",
    phone="0912345678",
    email="nhung@example.vn",
    documents=(
        DocumentLine("Tờ khai đăng ký khai sinh", originals=1),
        DocumentLine("Giấy chứng sinh", originals=1, certified_copies=1, photocopies=1),
        DocumentLine("Giấy chứng nhận kết hôn của cha mẹ", photocopies=2),
    ),
    sets=1,
    received_at=datetime(2023, 10, 27, 9, 32),
    due_at=datetime(2023, 11, 3, 9, 32),
    result_at="Bộ phận Một cửa",
    fees=(FeeLine("Lệ phí đăng ký khai sinh", 8000), FeeLine("Bản sao trích lục", 1_200_000)),
    register_book="Q05/2023",
    register_seq=123,
    officer_name="Trần Văn Bình",
    qr_payload="MC1.000002023-AB12",
    history=(
        HistoryLine(
            datetime(2023, 10, 30, 8, 15),
            "Chuyển phòng chuyên môn",
            "Trần Văn Bình",
            giver_unit="Bộ phận Một cửa",
            receiver_unit="Phòng Tư pháp",
            receiver="Lê Văn Cường",
            verdict="Trước hạn",
        ),
        HistoryLine(
            datetime(2023, 10, 27, 9, 32),
            "Tiếp nhận hồ sơ",
            "Nguyễn Thị Hồng Nhung",
            giver_unit="Tổ chức, cá nhân",
            receiver_unit="Bộ phận Một cửa",
            receiver="Trần Văn Bình",
        ),
        HistoryLine(
            datetime(2023, 11, 2, 14, 0),
            "Có kết quả",
            "",
            note="Đã ký duyệt",
            giver_unit="Phòng Tư pháp",
            receiver_unit="Bộ phận Một cửa",
            receiver="Trần Văn Bình",
            verdict="Trước hạn",
        ),
    ),
    status_label="Đã trả kết quả",
    returned_to="Nguyễn Thị Hồng Nhung",
)


def _text(doc: Document, copy: int = 0) -> list[str]:
    return plain_text(doc.copies[copy])


def _in_order(lines: list[str], expected: list[str]) -> None:
    """Each expected line appears, in this order, among the slip's lines."""
    at = 0
    for want in expected:
        for i in range(at, len(lines)):
            if lines[i] == want:
                at = i + 1
                break
        else:
            pytest.fail(f"{want!r} missing or out of order after line {at}: {lines}")


def _all_nfc(doc: Document) -> None:
    for slip in doc.copies:
        for line in plain_text(slip):
            assert unicodedata.is_normalized("NFC", line), line


# -- shared formatting ---------------------------------------------------------------------


def test_dates_follow_the_administrative_padding() -> None:
    assert date_long(date(2023, 10, 27)) == "ngày 27 tháng 10 năm 2023"
    assert date_long(date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert date_long(date(2024, 2, 29)) == "ngày 29 tháng 02 năm 2024"
    assert date_long(date(2024, 3, 9)) == "ngày 09 tháng 3 năm 2024"
    assert time_long(datetime(2023, 10, 27, 9, 2)) == "09 giờ 02 phút"
    assert datetime_long(datetime(2023, 10, 27, 9, 32)) == (
        "09 giờ 32 phút, ngày 27 tháng 10 năm 2023"
    )


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0 đồng"),
        (800, "800 đồng"),
        (1_000, "1.000 đồng"),
        (8_000, "8.000 đồng"),
        (1_200_000, "1.200.000 đồng"),
        (12_345_678_900, "12.345.678.900 đồng"),
    ],
)
def test_money_groups_thousands_with_dots(amount: int, text: str) -> None:
    assert money(amount) == text


def test_durations() -> None:
    assert duration(40) == "40 phút"
    assert duration(125) == "2 giờ 05 phút"


def test_agency_names_read_well_inside_a_sentence() -> None:
    assert agency_name(OFFICE) == "Trung tâm Phục vụ hành chính công tỉnh An Giang"
    ward = replace(OFFICE, name="BỘ PHẬN MỘT CỬA UBND PHƯỜNG MỸ BÌNH")
    assert agency_name(ward) == "Bộ phận Một cửa UBND phường Mỹ Bình"
    social = replace(OFFICE, name="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    assert agency_name(social) == "Sở lao động - thương binh và xã hội"
    assert agency_name(replace(OFFICE, name="Bộ phận Một cửa xã Mỹ Hòa")) == (
        "Bộ phận Một cửa xã Mỹ Hòa"
    )


# -- Mẫu 01 --------------------------------------------------------------------------------


def test_receipt_has_every_field_of_the_template_in_order() -> None:
    doc = receipt(OFFICE, FACTS, now=NOW)
    lines = _text(doc)
    _in_order(
        lines,
        [
            "Mẫu số 01",
            "UBND TỈNH AN GIANG",
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN GIANG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 123/TTPVHCC",
            "An Giang, ngày 27 tháng 10 năm 2023",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Mã hồ sơ: 000.00.20.H01-231027-0001",
            "000.00.20.H01-231027-0001",  # the QR caption
            "Bộ phận tiếp nhận: Trung tâm Phục vụ hành chính công tỉnh An Giang, Quầy Q01",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Địa chỉ: Số 12 Trần Hưng Đạo, phường Mỹ Bình, TP Long Xuyên",
            "Số điện thoại: 0912345678",
            "Email: nhung@example.vn",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "Thành phần hồ sơ nộp gồm:",
            "STT | Tên giấy tờ | Bản chính | Bản sao",
            "1 | Tờ khai đăng ký khai sinh | 1 | ",
            "2 | Giấy chứng sinh | 1 | 2",
            "3 | Giấy chứng nhận kết hôn của cha mẹ |  | 2",
            "Số lượng hồ sơ: 1 (bộ)",
            "Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc",
            "Thời gian nhận hồ sơ: 09 giờ 32 phút, ngày 27 tháng 10 năm 2023",
            "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 32 phút, ngày 03 tháng 11 năm 2023",
            "Đăng ký nhận kết quả tại: Bộ phận Một cửa",
            "Phí, lệ phí: 1.208.000 đồng (Lệ phí đăng ký khai sinh: 8.000 đồng; "
            "Bản sao trích lục: 1.200.000 đồng)",
            "Vào Sổ theo dõi hồ sơ, Quyển số: Q05/2023, Số thứ tự: 123",
            "NGƯỜI NỘP HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Trần Văn Bình",
            # the look-up channels in one note; the SMS with this dossier's code, not the
            # placeholder
            "Tra cứu: https://dichvucong.angiang.gov.vn · "
            "Nhắn tin: TRACUU 000.00.20.H01-231027-0001 gửi 8083",
            "Liên 1: Lưu tại Bộ phận Một cửa",
        ],
    )
    assert doc.copies[0].blocks[2].emphasis  # type: ignore[union-attr]
    qrs = [b for b in doc.copies[0].blocks if isinstance(b, Qr)]
    assert [q.payload for q in qrs] == ["MC1.000002023-AB12"]
    _all_nfc(doc)


def test_receipt_prints_two_copies_with_the_same_content() -> None:
    doc = receipt(OFFICE, FACTS, now=NOW)
    assert [s.copy_label for s in doc.copies] == [
        "Liên 1: Lưu tại Bộ phận Một cửa",
        "Liên 2: Giao cho công dân",
    ]
    assert doc.copies[0].blocks == doc.copies[1].blocks
    assert {s.form_number for s in doc.copies} == {"Mẫu số 01"}
    names = [s.name for s in doc.copies]
    assert len(set(names)) == 2
    assert all(n.isascii() and n.startswith("mau-01-giay-tiep-nhan") for n in names)
    assert not any(s.landscape for s in doc.copies)


def test_provisional_code_is_marked_on_both_copies_only_when_provisional() -> None:
    official = receipt(OFFICE, FACTS, now=NOW)
    for slip in official.copies:
        assert not any("MÃ HỒ SƠ TẠM" in line for line in plain_text(slip))
    temp = receipt(OFFICE, replace(FACTS, provisional=True, code="T-Q01-0007"), now=NOW)
    for slip in temp.copies:
        lines = plain_text(slip)
        assert PROVISIONAL in lines
        assert "tra cứu bằng mã tạm vẫn được" in PROVISIONAL
        _in_order(
            lines,
            [
                "Mã hồ sơ: T-Q01-0007",
                PROVISIONAL,
                "Tiếp nhận hồ sơ của: " + "Nguyễn Thị Hồng Nhung",
            ],
        )
        para = next(b for b in slip.blocks if getattr(b, "text", None) == PROVISIONAL)
        assert para.bold and para.align == "center"  # type: ignore[union-attr]


def test_receipt_without_fees_or_optional_values() -> None:
    bare = replace(
        FACTS,
        fees=(),
        email="",
        phone="",
        register_book="",
        register_seq=None,
        received_at=None,
        due_at=None,
        qr_payload="",
        documents=(),
    )
    lines = _text(receipt(OFFICE, bare, now=NOW))
    assert not any(line.startswith("Phí, lệ phí") for line in lines)
    assert "Số: …/TTPVHCC" in lines
    assert "Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 27 tháng 10 năm 2023" in lines
    assert "Thời gian trả kết quả giải quyết hồ sơ: …………" in lines
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: …………, Số thứ tự: …" in lines
    assert "Email: …………" in lines
    # the code is ASCII, so it still becomes the QR
    doc = receipt(OFFICE, bare, now=NOW)
    assert [b.payload for b in doc.copies[0].blocks if isinstance(b, Qr)] == [FACTS.code]


def test_single_fee_is_just_the_total() -> None:
    one = replace(FACTS, fees=(FeeLine("Lệ phí", 1000),))
    assert "Phí, lệ phí: 1.000 đồng" in _text(receipt(OFFICE, one, now=NOW))
    two = replace(FACTS, fees=(FeeLine("Bản sao", 8000, quantity=3),))
    assert "Phí, lệ phí: 24.000 đồng (Bản sao: 8.000 đồng × 3)" in _text(
        receipt(OFFICE, two, now=NOW)
    )


def test_receipt_text_is_nfc_even_from_decomposed_input() -> None:
    nfd = replace(FACTS, applicant_name=unicodedata.normalize("NFD", "Lê Thị Ánh Tuyết"))
    doc = receipt(OFFICE, nfd, now=NOW)
    assert "Tiếp nhận hồ sơ của: Lê Thị Ánh Tuyết" in _text(doc)
    _all_nfc(doc)


# -- Mẫu 02–04 -----------------------------------------------------------------------------

REFUSAL = Refusal(
    reason="Giấy chứng sinh không có dấu của cơ sở y tế",
    missing=("Giấy chứng sinh bản chính có dấu", "Bản sao CCCD của người đi đăng ký"),
)


def test_supplement_request_lists_the_missing_documents_and_reason() -> None:
    doc = supplement_request(OFFICE, FACTS, REFUSAL, now=NOW)
    slip = doc.copies[0]
    assert slip.form_number == "Mẫu số 02"
    lines = plain_text(slip)
    _in_order(
        lines,
        [
            "An Giang, ngày 27 tháng 10 năm 2023",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
            "Giấy chứng sinh bản chính có dấu",
            "Bản sao CCCD của người đi đăng ký",
            "Lý do: Giấy chứng sinh không có dấu của cơ sở y tế",
            "NGƯỜI HƯỚNG DẪN",
            "Trần Văn Bình",
        ],
    )
    assert any("liên hệ với Trần Văn Bình, Quầy Q01" in line for line in lines)
    _all_nfc(doc)


def test_rejection_states_the_reason() -> None:
    doc = rejection(OFFICE, FACTS, Refusal(reason="Thủ tục không thuộc thẩm quyền"), now=NOW)
    slip = doc.copies[0]
    assert slip.form_number == "Mẫu số 03"
    lines = plain_text(slip)
    _in_order(
        lines,
        [
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Qua xem xét, Trung tâm Phục vụ hành chính công tỉnh An Giang thông báo không tiếp "
            "nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
            "Thủ tục không thuộc thẩm quyền",
            "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
        ],
    )
    _all_nfc(doc)


def test_apology_gives_the_reason_and_the_new_appointment() -> None:
    sorry = Apology(
        reason="Hệ thống một cửa điện tử bị gián đoạn", new_due_at=datetime(2023, 11, 7, 14, 0)
    )
    doc = apology(OFFICE, FACTS, sorry, now=datetime(2023, 11, 3, 8, 0))
    slip = doc.copies[0]
    assert slip.form_number == "Mẫu số 04"
    lines = plain_text(slip)
    _in_order(
        lines,
        [
            "An Giang, ngày 03 tháng 11 năm 2023",
            "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            "Kính gửi: Nguyễn Thị Hồng Nhung",
            # the body names the applicant (Mẫu 04: "…hồ sơ của Ông/Bà/tổ chức ……")
            "Ngày 27 tháng 10 năm 2023, Trung tâm Phục vụ hành chính công tỉnh An Giang tiếp "
            "nhận giải quyết hồ sơ của Ông/Bà/tổ chức Nguyễn Thị Hồng Nhung.",
            "Mã hồ sơ: 000.00.20.H01-231027-0001",
            "Thời gian hẹn trả kết quả: 09 giờ 32 phút, ngày 03 tháng 11 năm 2023",
            "Lý do: Hệ thống một cửa điện tử bị gián đoạn",
            "Thời gian hẹn trả lại kết quả: 14 giờ 00 phút, ngày 07 tháng 11 năm 2023",
            "THỦ TRƯỞNG CƠ QUAN",
        ],
    )
    _all_nfc(doc)


def test_counter_notices_are_portrait_single_copies() -> None:
    docs = [
        supplement_request(OFFICE, FACTS, REFUSAL, now=NOW),
        rejection(OFFICE, FACTS, REFUSAL, now=NOW),
        apology(OFFICE, FACTS, Apology("x", NOW), now=NOW),
    ]
    for doc in docs:
        assert len(doc.copies) == 1
        slip = doc.copies[0]
        assert not slip.landscape and slip.copy_label is None and slip.name.isascii()


# -- Mẫu 05 --------------------------------------------------------------------------------


def test_control_slip_lists_the_history_in_time_order() -> None:
    doc = control_slip(OFFICE, FACTS, now=datetime(2023, 11, 3, 10, 0))
    slip = doc.copies[0]
    assert slip.form_number == "Mẫu số 05"
    lines = plain_text(slip)
    _in_order(
        lines,
        [
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "Mã hồ sơ: 000.00.20.H01-231027-0001",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "Tên cơ quan | Thời gian giao, nhận hồ sơ | Bên giao | Bên nhận | "
            "Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn) | Ghi chú",
            "Giao: Tổ chức, cá nhân\nNhận: Bộ phận Một cửa | 09:32\n27/10/2023 | "
            "\n\nNguyễn Thị Hồng Nhung | \n\nTrần Văn Bình |  | Tiếp nhận hồ sơ",
            "Giao: Bộ phận Một cửa\nNhận: Phòng Tư pháp | 08:15\n30/10/2023 | "
            "\n\nTrần Văn Bình | \n\nLê Văn Cường | Trước hạn | Chuyển phòng chuyên môn",
            "Giao: Phòng Tư pháp\nNhận: Bộ phận Một cửa | 14:00\n02/11/2023 | \n\n | "
            "\n\nTrần Văn Bình | Trước hạn | Có kết quả; Đã ký duyệt",
            "Tình trạng hồ sơ: Đã trả kết quả",
            "Người nhận kết quả: Nguyễn Thị Hồng Nhung",
        ],
    )
    tables = [b for b in slip.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and len(tables[0].rows) == len(FACTS.history)
    _all_nfc(doc)


# -- Mẫu 06 --------------------------------------------------------------------------------


def test_register_book_is_landscape_with_one_row_per_dossier() -> None:
    rows = tuple(
        RegisterRow(
            seq=n,
            code=f"000.00.20.H01-231027-{n:04d}",
            procedure_name="Đăng ký khai sinh",
            applicant_name=f"Công dân số {n}",
            address="Long Xuyên",
            phone="0912345678" if n % 2 else "",
            received_at=datetime(2023, 10, 27, 9, n),
            due_at=datetime(2023, 11, 3, 9, n),
            returned_at=datetime(2023, 11, 2, 15, 0) if n == 1 else None,
        )
        for n in (3, 1, 2)
    )
    doc = register_book(OFFICE, rows, period_label="Tháng 10 năm 2023")
    slip: Slip = doc.copies[0]
    assert slip.landscape and slip.form_number == "Mẫu số 06"
    tables = [b for b in slip.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    table = tables[0]
    assert len(table.rows) == 3
    assert [r[0] for r in table.rows] == ["1", "2", "3"]
    assert table.headers[:3] == ("TT", "Mã hồ sơ", "Tên TTHC")
    assert "Ký nhận" in table.headers and table.headers[-1] == "Ghi chú"
    first = dict(zip(table.headers, table.rows[0], strict=True))
    assert first["Địa chỉ, số điện thoại"] == "Long Xuyên, 0912345678"
    assert first["Nhận hồ sơ"] == "27/10/2023 09:01"
    assert first["Trả kết quả"] == "02/11/2023 15:00"
    assert first["Số lượng hồ sơ (bộ)"] == "1"
    second = dict(zip(table.headers, table.rows[1], strict=True))
    assert second["Địa chỉ, số điện thoại"] == "Long Xuyên"
    lines = plain_text(slip)
    assert "SỔ THEO DÕI HỒ SƠ" in lines and "Tháng 10 năm 2023" in lines
    _all_nfc(doc)


def test_empty_register_book_still_prints() -> None:
    doc = register_book(OFFICE, (), period_label="")
    table = next(b for b in doc.copies[0].blocks if isinstance(b, Table))
    assert table.rows == ()


# -- Phụ lục II ----------------------------------------------------------------------------

INCIDENT = IncidentFacts(
    report_to="Sở Thông tin và Truyền thông Kiên Giang",
    requester="Lê Minh Tâm",
    position="Chuyên viên",
    agency="Trung tâm Phục vụ hành chính công",
    email="tam@kiengiang.gov.vn",
    phone="0297 3862 000",
    service="Hệ thống thông tin một cửa điện tử tỉnh",
    description="Không kết nối được máy chủ một cửa điện tử từ các quầy.",
    proposal="Khôi phục kết nối và đồng bộ hồ sơ tiếp nhận trong thời gian gián đoạn.",
    started_at=datetime(2023, 10, 27, 8, 0),
    ended_at=datetime(2023, 10, 27, 10, 15),
    timeline=("08:00 mất kết nối (TCP timeout)", "10:15 kết nối lại"),
    samples=("ConnectTimeout: motcua.kiengiang.gov.vn:443",),
    report_date=date(2023, 10, 27),
)


def test_incident_request_is_numbered_like_the_seed() -> None:
    doc = incident_request(OFFICE, INCIDENT, now=NOW)
    slip = doc.copies[0]
    lines = plain_text(slip)
    _in_order(
        lines,
        [
            "PHIẾU YÊU CẦU",
            "Xử lý sự cố dịch vụ công trực tuyến",
            "Kính gửi: Sở Thông tin và Truyền thông Kiên Giang",
            "1. Họ và tên người yêu cầu: Lê Minh Tâm",
            "2. Chức vụ: Chuyên viên; Cơ quan: Trung tâm Phục vụ hành chính công",
            "3. Email: tam@kiengiang.gov.vn; số điện thoại: 0297 3862 000",
            "4. Tên dịch vụ công trực tuyến có sự cố: Hệ thống thông tin một cửa điện tử tỉnh",
            "5. Mô tả sự cố (có thể gửi kèm theo tài liệu, ảnh chụp màn hình): ",
            "Không kết nối được máy chủ một cửa điện tử từ các quầy.",
            "Thời điểm bắt đầu: 08 giờ 00 phút, ngày 27 tháng 10 năm 2023",
            "Thời điểm kết thúc: 10 giờ 15 phút, ngày 27 tháng 10 năm 2023",
            "Thời gian gián đoạn: 2 giờ 15 phút",
            "08:00 mất kết nối (TCP timeout)",
            "10:15 kết nối lại",
            "ConnectTimeout: motcua.kiengiang.gov.vn:443",
            "6. Ý kiến đề xuất: ",
            "Khôi phục kết nối và đồng bộ hồ sơ tiếp nhận trong thời gian gián đoạn.",
            "An Giang, ngày 27 tháng 10 năm 2023",
            "Xác nhận của lãnh đạo cơ quan",
            "(ký tên, đóng dấu)",
            "Người báo cáo",
            "(ký và ghi rõ họ tên)",
            "Lê Minh Tâm",
        ],
    )
    numbered = [
        line.split(".", 1)[0] for line in lines if line[:2] in {f"{n}." for n in range(1, 10)}
    ]
    assert numbered == ["1", "2", "3", "4", "5", "6"]
    _all_nfc(doc)


def test_ongoing_incident_is_measured_up_to_now() -> None:
    doc = incident_request(OFFICE, replace(INCIDENT, ended_at=None), now=NOW)
    lines = plain_text(doc.copies[0])
    assert (
        "Thời điểm kết thúc: chưa khắc phục (tính đến 10 giờ 05 phút, ngày 27 tháng 10 năm 2023)"
        in lines
    )
    assert "Thời gian gián đoạn: 2 giờ 05 phút" in lines


def test_every_form_has_a_number_and_an_ascii_name() -> None:
    docs = [
        receipt(OFFICE, FACTS, now=NOW),
        supplement_request(OFFICE, FACTS, REFUSAL, now=NOW),
        rejection(OFFICE, FACTS, REFUSAL, now=NOW),
        apology(OFFICE, FACTS, Apology("x", NOW), now=NOW),
        control_slip(OFFICE, FACTS, now=NOW),
        register_book(OFFICE, (), period_label="Quý IV/2023"),
        incident_request(OFFICE, INCIDENT, now=NOW),
    ]
    names = [s.name for d in docs for s in d.copies]
    assert len(set(names)) == len(names)
    for doc in docs:
        for slip in doc.copies:
            assert slip.form_number and slip.name.isascii() and " " not in slip.name
