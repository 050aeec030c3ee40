"""Plain data the forms are built from; the store fills these from the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Office:
    """The body that issues a form and how citizens can follow their dossier."""

    parent: str  # the authority: "UBND TỈNH AN GIANG", "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
    name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place: str  # "Mỹ Hòa Hưng", for "Mỹ Hòa Hưng, ngày … tháng … năm …"
    # the number prefix, "Số: …/TTPVHCC"; "" prints "Số: …" alone (common.number_line)
    reference_suffix: str = "TTPVHCC"
    phone: str = ""  # whom to call with questions (Mẫu 02's contact line): the hotline
    counter: str = ""  # "Quầy Q01"
    lookup_lines: tuple[
        str, ...
    ] = ()  # e.g. "Tra cứu: https://…", "Nhắn tin: TRACUU <mã> gửi 8083"


@dataclass(frozen=True)
class DocumentLine:
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class FeeLine:
    name: str
    amount: int  # VND per unit
    quantity: int = 1


@dataclass(frozen=True)
class TransferFacts:
    """The fee asked for by bank transfer: a VietQR (desktop.domain.vietqr) and what the slip
    prints beside it, so a citizen can also type the transfer by hand."""

    payload: str  # the EMVCo/VietQR text the QR carries
    amount: int  # đồng
    bank: str  # "Agribank (BIN 970405)"
    account: str
    holder: str  # the account holder's name
    purpose: str  # the transfer's content: the dossier code


@dataclass(frozen=True)
class HistoryLine:
    """One step of the dossier's processing, for the control slip (Mẫu 05): which body handed
    the dossier to which (the template's "Tên cơ quan" column), when, the two people who sign
    (the one handing over and the one receiving; blank to sign by hand), and whether the step
    came before, on or after the appointment then in force."""

    at: datetime
    step: str  # "Tiếp nhận hồ sơ", "Bàn giao hồ sơ cho bộ phận chuyên môn", ...
    by: str  # who handed over (a person's name), "" to be signed by hand
    note: str = ""
    giver_unit: str = ""  # the agency or unit handing over ("Trung tâm Phục vụ …")
    receiver_unit: str = ""  # the agency or unit receiving ("Phòng Kinh tế")
    receiver: str = ""  # who received (a person's name), "" to be signed by hand
    verdict: str = ""  # "Trước hạn" | "Đúng hạn" | "Quá hạn", "" for a step with no deadline


@dataclass(frozen=True)
class DossierFacts:
    code: str
    provisional: bool
    procedure_code: str
    procedure_name: str
    limit_label: str  # "5 ngày làm việc", "8 giờ làm việc", "Trả ngay"
    applicant_name: str
    applicant_id: str
    address: str
    phone: str = ""
    email: str = ""
    organisation: str = ""
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    received_at: datetime | None = None
    due_at: datetime | None = None
    result_at: str = "Bộ phận Một cửa"  # where the result is collected, or the postal address
    fees: tuple[FeeLine, ...] = ()
    register_book: str = ""
    register_seq: int | None = None
    officer_name: str = ""
    qr_payload: str = ""
    status_label: str = ""
    history: tuple[HistoryLine, ...] = ()
    returned_to: str = ""  # who collected the result (Mẫu 05)
    transfer: TransferFacts | None = None  # the fee's VietQR, when the office has an account
    fee_state: str = ""  # "Đã nộp đủ phí", "Chưa nộp phí"…; empty when no fee is due
    representative: str = ""  # who submitted for the applicant: "name (id number)"; "" if none
    # when the processing clock started, if a cut-off moved it off ``received_at`` (An Giang
    # QĐ 66/2020 Điều 15.4: e-dossiers after 16:00 count from 07:00 the next working day)
    counted_from: datetime | None = None

    @property
    def fee_total(self) -> int:
        return sum(f.amount * f.quantity for f in self.fees)


@dataclass(frozen=True)
class Refusal:
    """Why a dossier is refused (Mẫu 03) or needs a supplement (Mẫu 02); Kon Tum QĐ 08/2018
    Điều 15.2: the notice states the reason."""

    reason: str
    missing: tuple[str, ...] = ()  # documents to add or complete (Mẫu 02)


@dataclass(frozen=True)
class Apology:
    """Mẫu 04: the agency apologises for a late result and sets a new appointment."""

    reason: str
    new_due_at: datetime


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register book (Mẫu 06)."""

    seq: int
    code: str
    procedure_name: str
    applicant_name: str
    address: str
    phone: str
    received_at: datetime | None
    due_at: datetime | None
    handed_over_at: datetime | None = None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""
    sets: int = 1  # "Số lượng hồ sơ (bộ)" column
    agency: str = ""  # "Cơ quan chủ trì giải quyết" column
    # the result by post (issue 20): its S10 number and when the post took it; ``returned_at``
    # is then when the post delivered it
    post_tracking: str = ""
    posted_at: datetime | None = None
    book: str = ""  # the register book ("Quyển số"), the year the dossier was received in
    handover_unit: str = ""  # who took the dossier for processing (its hand-over event)
    original_due_at: datetime | None = None  # the first appointment, when it was moved since


@dataclass(frozen=True)
class HandoverLine:
    """One dossier on the hand-over record (Phiếu bàn giao hồ sơ)."""

    code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime | None
    due_at: datetime | None  # the appointment on the receipt
    documents: int  # the papers listed on the receipt (its "Thành phần hồ sơ" lines)


@dataclass(frozen=True)
class HandoverFacts:
    """One hand-over of dossiers from the one-stop section to a specialist unit (Kon Tum
    QĐ 08/2018/QĐ-UBND Điều 14.4)."""

    handover_id: str  # the uuid the hand-over events carry
    unit: str  # the receiving specialist unit
    handed_at: datetime
    counter: str  # "Q01"
    officer_name: str  # who handed over (full name)
    lines: tuple[HandoverLine, ...] = ()

    @property
    def number(self) -> str:
        """A short number to write and read aloud: the id's first eight characters."""
        return self.handover_id.replace("-", "")[:8].upper()

    @property
    def documents(self) -> int:
        return sum(line.documents for line in self.lines)


@dataclass(frozen=True)
class IncidentFacts:
    """The incident request form (Phụ lục II of Kiên Giang QĐ 921/QĐ-UBND)."""

    report_to: str  # "Sở Thông tin và Truyền thông Kiên Giang"
    requester: str
    position: str
    agency: str
    email: str
    phone: str
    service: str  # the affected online service / system
    description: str
    proposal: str
    started_at: datetime
    ended_at: datetime | None = None
    timeline: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()
    report_date: date = field(default_factory=date.today)
