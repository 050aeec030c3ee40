"""Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Compared field by field with the template An Giang QĐ 66/2020/QĐ-UBND prints at its end (seed
002, "Phụ lục", the form of QĐ 25/2019/QĐ-UBND Mẫu số 01, which Điều 12 of QĐ 66/2020 refers
to), in its order: heading with "Số: …/TTPVHCC (BPTNTKQ)" and the place and date; title; "Mã
hồ sơ" with its QR and "(Liên 1 …)/(Liên 2 …)" under it; the receiving centre or section;
"Tiếp nhận hồ sơ của"; "Địa chỉ"; "Số điện thoại: … Email: …" on one line; "Nội dung yêu cầu
giải quyết"; "Thành phần hồ sơ nộp gồm" (numbered; here with the originals and copies of each);
"Số lượng hồ sơ: …(bộ)"; "Thời gian giải quyết hồ sơ theo quy định là"; "Thời gian nhận hồ
sơ"; "Thời gian trả kết quả giải quyết hồ sơ"; "Đăng ký nhận kết quả tại"; "Vào Sổ theo dõi hồ
sơ, Quyển số: … Số thứ tự …"; the two signatures "NGƯỜI NỘP HỒ SƠ" and "NGƯỜI TIẾP NHẬN HỒ
SƠ" "(Ký và ghi rõ họ tên)". Two copies (liên): one stays with the one-stop office, one goes
to the citizen (Ghi chú of the template); each fits one A4 page.

Beyond the template, because the counter knows them: who submitted for the applicant when an
authorised person did (the applicant's ``representative``); the fee and where it stands; and
the look-up channels at the end, the SMS line with this dossier's code in it. A dossier that
came in after the province's cut-off is shown as received when the rule counts it (An Giang QĐ
66/2020 Điều 15.4: after 16:00, from 07:00 the next working day), with the time it arrived.

When a fee is due and the office has a receiving account, the citizen's copy ends with a second
QR, a VietQR to pay it by bank transfer (desktop.domain.vietqr): after the signatures and under
its own heading, so it is never taken for the receipt's signed look-up QR at the top (and a
returns scan refuses it: it is not a signed receipt token).
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.forms.common import (
    BLANK,
    agency_name,
    applicant_line,
    datetime_long,
    money,
    number_line,
    office_heading,
    or_blank,
    time_long,
)
from desktop.domain.forms.facts import (
    DocumentLine,
    DossierFacts,
    FeeLine,
    Office,
    TransferFacts,
)
from printing.slip import (
    Block,
    Document,
    Field,
    FieldRow,
    Note,
    Paragraph,
    Qr,
    Rule,
    SignatureBlock,
    Signatures,
    Slip,
    Table,
    Title,
)

FORM_NUMBER = "Mẫu số 01"
TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPIES = ("Liên 1: Lưu tại Bộ phận Một cửa", "Liên 2: Giao cho công dân")
PROVISIONAL = (
    "MÃ HỒ SƠ TẠM — sẽ được thay bằng mã chính thức khi hệ thống kết nối lại; "
    "tra cứu bằng mã tạm vẫn được"
)
DOCUMENT_HEADERS = ("STT", "Tên giấy tờ", "Bản chính", "Bản sao")
# the look-up line's stand-in for the code (desktop.store.printing.form_data.office and the
# citizen display, which has no dossier to show, write it so)
CODE_PLACEHOLDER = "<mã hồ sơ>"
TRANSFER_TITLE = "Quét mã để nộp phí, lệ phí bằng chuyển khoản (VietQR)"
TRANSFER_NOTE = (
    "Mã VietQR này chỉ dùng để chuyển khoản nộp phí, lệ phí; không phải mã tra cứu hồ sơ "
    "(mã tra cứu là mã QR ở đầu giấy này). Giữ nguyên nội dung chuyển khoản để hồ sơ được "
    "ghi nhận đã nộp."
)


def _count(n: int) -> str:
    return str(n) if n else ""


def document_rows(documents: tuple[DocumentLine, ...]) -> tuple[tuple[str, ...], ...]:
    """One row per document. "Bản sao" counts certified copies and photocopies together: both
    are copies (bản sao) in the sense of Nghị định 23/2015/NĐ-CP, and the template has no
    separate column."""
    return tuple(
        (
            str(i),
            d.name,
            _count(d.originals),
            _count(d.certified_copies + d.photocopies),
        )
        for i, d in enumerate(documents, 1)
    )


def fee_text(fees: tuple[FeeLine, ...]) -> str:
    """The total, itemised when there is more than one line."""
    total = money(sum(f.amount * f.quantity for f in fees))
    if len(fees) < 2 and all(f.quantity == 1 for f in fees):
        return total
    parts = [
        f"{f.name}: {money(f.amount)}" + (f" × {f.quantity}" if f.quantity != 1 else "")
        for f in fees
    ]
    return f"{total} ({'; '.join(parts)})"


def _qr(facts: DossierFacts, beside: int) -> Qr | None:
    payload = facts.qr_payload or facts.code
    if not payload or not payload.isascii():
        return None
    return Qr(payload=payload, caption=facts.code, beside=beside)


def transfer_blocks(t: TransferFacts) -> tuple[Block, ...]:
    """The fee's VietQR with everything needed to type the transfer by hand."""
    return (
        Rule(),
        Paragraph(TRANSFER_TITLE, bold=True, align="center"),
        # on A4 the account's details sit beside the code, so Liên 2 keeps to one page
        Qr(payload=t.payload, caption=f"VietQR · {money(t.amount)}", beside=6),
        Field("Số tiền", money(t.amount), emphasis=True),
        Field("Ngân hàng", t.bank),
        Field("Số tài khoản", t.account),
        Field("Tên tài khoản", t.holder),
        Field("Nội dung chuyển khoản", t.purpose),
        Note(TRANSFER_NOTE),
    )


def _blocks(office: Office, facts: DossierFacts, received: datetime) -> tuple[Block, ...]:
    seq = str(facts.register_seq) if facts.register_seq is not None else "…"
    blocks: list[Block] = [
        office_heading(office, reference=number_line(office, seq), on=received),
        Title(TITLE),
        Field("Mã hồ sơ", facts.code, emphasis=True),
    ]
    if facts.provisional:
        blocks.append(Paragraph(PROVISIONAL, bold=True, align="center"))
    counter = f", {office.counter}" if office.counter else ""
    who: list[Block] = [
        Field("Bộ phận tiếp nhận", agency_name(office) + counter),
        Field("Tiếp nhận hồ sơ của", applicant_line(facts)),
    ]
    if facts.representative:
        who.append(Field("Người nộp thay theo ủy quyền", facts.representative))
    who += [
        Field("Địa chỉ", or_blank(facts.address)),
        # one line in the template: "Số điện thoại: …… Email: ……"
        FieldRow(
            (Field("Số điện thoại", or_blank(facts.phone)), Field("Email", or_blank(facts.email)))
        ),
    ]
    # on A4 these lines sit beside the code, which then costs the page no height of its own
    qr = _qr(facts, beside=len(who))
    if qr is not None:
        blocks.append(qr)
    blocks += [
        *who,
        Field("Nội dung yêu cầu giải quyết", facts.procedure_name),
        Paragraph("Thành phần hồ sơ nộp gồm:", bold=True),
    ]
    if facts.documents:
        blocks.append(
            Table(DOCUMENT_HEADERS, document_rows(facts.documents), widths=(0.75, 6.8, 1.3, 1.3))
        )
    blocks += [
        Field("Số lượng hồ sơ", f"{facts.sets} (bộ)"),
        Field("Thời gian giải quyết hồ sơ theo quy định là", facts.limit_label),
        Field("Thời gian nhận hồ sơ", received_text(received, facts.counted_from)),
        Field("Thời gian trả kết quả giải quyết hồ sơ", datetime_long(facts.due_at), emphasis=True),
        Field("Đăng ký nhận kết quả tại", or_blank(facts.result_at)),
    ]
    if facts.fees:
        state = f" — {facts.fee_state}" if facts.fee_state else ""
        blocks.append(Field("Phí, lệ phí", fee_text(facts.fees) + state))
    blocks += [
        Field(
            "Vào Sổ theo dõi hồ sơ, Quyển số",
            f"{facts.register_book or BLANK}, Số thứ tự: {seq}",
        ),
        Signatures(
            (
                SignatureBlock("NGƯỜI NỘP HỒ SƠ"),
                SignatureBlock("NGƯỜI TIẾP NHẬN HỒ SƠ", name=facts.officer_name),
            )
        ),
    ]
    if office.lookup_lines:
        # one run-on note, not a line each: five channels cost Liên 2 its single page
        blocks.append(Note(" · ".join(lookup_line(line, facts) for line in office.lookup_lines)))
    return tuple(blocks)


def lookup_line(line: str, facts: DossierFacts) -> str:
    """A look-up channel with this dossier's code where the channel asks for one ("Nhắn tin:
    TRACUU <mã hồ sơ> gửi 8083" → "… TRACUU 000.00.12.H01041226001 gửi 8083")."""
    return line.replace(CODE_PLACEHOLDER, facts.code) if facts.code else line


def received_text(received: datetime, counted_from: datetime | None) -> str:
    """When the dossier counts as received. After the cut-off (An Giang QĐ 66/2020 Điều 15.4:
    "sau 16 giờ hàng ngày sẽ được tiếp nhận vào đầu giờ (từ 7 giờ 00 phút) ngày làm việc tiếp
    theo") that is the next working day's start, and the time it came in is said beside it."""
    if counted_from is None or counted_from <= received:
        return datetime_long(received)
    came = time_long(received)
    if counted_from.date() != received.date():
        came = datetime_long(received)
    return (
        f"{datetime_long(counted_from)} (hồ sơ đến lúc {came}, sau giờ chốt tiếp nhận trong ngày)"
    )


def receipt(office: Office, facts: DossierFacts, *, now: datetime) -> Document:
    """Both copies of the receipt; ``now`` stands in for a missing reception time."""
    received = facts.received_at or now
    blocks = _blocks(office, facts, received)
    # the citizen's copy (the last) carries the fee's VietQR; the office keeps its copy plain
    transfer = transfer_blocks(facts.transfer) if facts.transfer is not None else ()
    return Document(
        tuple(
            Slip(
                blocks + (transfer if i == len(COPIES) else ()),
                form_number=FORM_NUMBER,
                copy_label=label,
                name=f"mau-01-giay-tiep-nhan-lien-{i}",
                one_page=True,  # each liên is one sheet (Ghi chú of the template)
            )
            for i, label in enumerate(COPIES, 1)
        )
    )
