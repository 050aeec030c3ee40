"""Online dossiers as the public service portal passes them on (issue 18, item 1).

``motcua-server portal submit FILE.json`` takes one dossier or a list: ``agency``,
``procedure``, ``applicant`` (as ``motcua receive --json``), ``documents`` (each optionally with
a ``file`` beside the JSON), ``submitted_at`` (local ``YYYY-MM-DDTHH:MM``) and an optional
portal ``code``; without one the server gives the next number of the agency's day, in the
agency's format. Each becomes a dossier in national status 1 (Mới đăng ký, channel 2) and a
``registered_online`` event that reaches every counter of the agency through the feed, with its
files (``GET /blobs/{sha}/content``).

Checked before anything is written, all or nothing, against the limits counter and server share
(sync/protocol.py): the agency must have enrolled counters, the procedure must be in the
catalog the province published and offered online, the time may not be in the future, files
must be PDF or images within the attachment limit. The counter checks the applicant again with
its own rules (CCCD province codes, phone numbers) when the event arrives, and records a
dossier it cannot take as a conflict for its supervisor instead of stopping its feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from sync.limits import (
    MAX_ADDRESS,
    MAX_BLOB_BYTES,
    MAX_DOCUMENT_NAME,
    MAX_DOCUMENTS,
    MAX_EMAIL,
    MAX_ID_NUMBER,
    MAX_NOTE,
    MAX_ORGANISATION_NAME,
    MAX_PERSON_NAME,
)
from sync.protocol import Agency, CheckedTime, SafeText
from sync.validation_vi import message

from . import blobs as blob_store
from .db import local_now, utc_now
from .ingest import row_of, server_event
from .models import AgencyRow, CatalogRow, DossierRow
from .sequences import next_code

PORTAL_OFFICER = "cong-dvc"  # who the registration events are written by
FUTURE_TOLERANCE = timedelta(minutes=2)
MAX_SUBMISSIONS = 500
_MIME = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


class PortalError(ValueError):
    """A portal file the server will not take; the message names the dossier and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


PersonName = Annotated[SafeText, StringConstraints(min_length=2, max_length=MAX_PERSON_NAME)]
OrganisationName = Annotated[
    SafeText, StringConstraints(min_length=2, max_length=MAX_ORGANISATION_NAME)
]
Address = Annotated[SafeText, StringConstraints(min_length=3, max_length=MAX_ADDRESS)]
DocumentName = Annotated[SafeText, StringConstraints(min_length=3, max_length=MAX_DOCUMENT_NAME)]
FileName = Annotated[SafeText, StringConstraints(min_length=1, max_length=500)]
Note = Annotated[SafeText, StringConstraints(min_length=1, max_length=MAX_NOTE)]
IdNumber = Annotated[SafeText, StringConstraints(pattern=r"^([0-9]{9}|[0-9]{12}|[A-Z0-9]{6,12})$")]


class PortalPerson(_Strict):
    name: PersonName
    id_number: IdNumber = Field(max_length=MAX_ID_NUMBER)
    id_type: Literal["cccd", "cmnd", "passport"] | None = None


class PortalOrganisation(_Strict):
    name: OrganisationName
    tax_code: (
        Annotated[SafeText, StringConstraints(pattern=r"^([0-9]{10}(-[0-9]{3})?|[0-9]{12})$")]
        | None
    ) = None


class PortalApplicant(PortalPerson):
    address: Address
    phone: Annotated[SafeText, StringConstraints(pattern=r"^0[0-9]{9,10}$")] | None = None
    email: (
        Annotated[
            SafeText,
            StringConstraints(
                max_length=MAX_EMAIL, pattern=r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$"
            ),
        ]
        | None
    ) = None
    birth_date: date | None = None
    sex: Literal["Nam", "Nữ"] | None = None
    organisation: PortalOrganisation | None = None
    representative: PortalPerson | None = None


class PortalDocument(_Strict):
    name: DocumentName
    originals: int = Field(default=0, ge=0, le=50)
    certified_copies: int = Field(default=0, ge=0, le=50)
    photocopies: int = Field(default=0, ge=0, le=50)
    file: FileName | None = None


class PortalDelivery(_Strict):
    method: Literal["counter", "post"] = "counter"
    address: Address | None = None


class PortalDossier(_Strict):
    agency: Agency
    procedure: Annotated[SafeText, StringConstraints(pattern=r"^[0-9]\.[0-9]{6}(\.[0-9A-Z.]+)?$")]
    applicant: PortalApplicant
    documents: list[PortalDocument] = Field(min_length=1, max_length=MAX_DOCUMENTS)
    submitted_at: CheckedTime
    code: Annotated[SafeText, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z.-]{5,59}$")] | None = (
        None
    )
    result_delivery: PortalDelivery = PortalDelivery()
    note: Note | None = None


@dataclass(frozen=True)
class _File:
    document: str
    filename: str
    data: bytes
    mime: str


@dataclass(frozen=True)
class Submitted:
    id: str
    code: str
    agency: str
    procedure: str
    submitted_at: datetime

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "code": self.code,
            "agency": self.agency,
            "procedure": self.procedure,
            "submitted_at": self.submitted_at.isoformat(timespec="minutes"),
        }


def _where(i: int, many: bool) -> str:
    return f"hồ sơ thứ {i}: " if many else ""


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(gốc)"


def parse(body: object) -> list[PortalDossier]:
    items = body if isinstance(body, list) else [body]
    if not items:
        raise PortalError("tệp không có hồ sơ nào")
    if len(items) > MAX_SUBMISSIONS:
        raise PortalError(f"tối đa {MAX_SUBMISSIONS} hồ sơ một lần")
    out = []
    for i, item in enumerate(items, 1):
        try:
            out.append(PortalDossier.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise PortalError(
                f"{_where(i, len(items) > 1)}trường {_field(first['loc'])}: {message(first)}"
            ) from None
    return out


def _catalog(s: Session) -> dict[str, dict[str, Any]]:
    newest = s.scalar(select(CatalogRow).order_by(CatalogRow.created_at.desc()).limit(1))
    if newest is None:
        return {}
    return {str(p.get("code")): p for p in newest.body.get("procedures", []) if isinstance(p, dict)}


def _read_files(item: PortalDossier, base: Path, where: str) -> list[_File]:
    files = []
    for j, doc in enumerate(item.documents):
        if doc.file is None:
            continue
        field = f"{where}trường documents.{j}.file"
        path = (base / doc.file).resolve()
        try:
            size = path.stat().st_size
            if not 0 < size <= MAX_BLOB_BYTES:
                raise PortalError(
                    f"{field}: tệp {doc.file} rỗng hoặc quá lớn "
                    f"(tối đa {MAX_BLOB_BYTES // 2**20} MB)"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise PortalError(f"{field}: không đọc được tệp {doc.file}: {exc.strerror}") from None
        mime = next((m for magic, m in _MIME.items() if data.startswith(magic)), None)
        if mime is None:
            raise PortalError(f"{field}: tệp {doc.file} không phải PDF hay ảnh (PNG, JPEG, TIFF)")
        files.append(_File(doc.name, path.name[:200], data, mime))
    return files


def submit(
    s: Session, files: blob_store.BlobStore, items: list[PortalDossier], base: Path
) -> list[Submitted]:
    """Register the dossiers, all or nothing, in the caller's transaction."""
    many = len(items) > 1
    catalog = _catalog(s)
    now = local_now()
    checked: list[tuple[PortalDossier, AgencyRow, dict[str, Any], list[_File]]] = []
    codes: set[str] = set()
    for i, item in enumerate(items, 1):
        where = _where(i, many)
        agency = s.get(AgencyRow, item.agency)
        if agency is None:
            raise PortalError(
                f"{where}trường agency: cơ quan {item.agency} chưa có quầy nào đăng ký với máy chủ"
            )
        procedure = catalog.get(item.procedure)
        if procedure is None:
            raise PortalError(
                f"{where}trường procedure: thủ tục {item.procedure} không có trong danh mục "
                "tỉnh đã phát hành"
            )
        if procedure.get("online_level") == "khong":
            raise PortalError(
                f"{where}trường procedure: thủ tục {item.procedure} không cung cấp dịch vụ "
                "công trực tuyến"
            )
        if item.submitted_at > now + FUTURE_TOLERANCE:
            raise PortalError(f"{where}trường submitted_at: thời điểm nộp ở tương lai")
        if item.code is not None:
            taken = s.scalar(
                select(DossierRow.id).where(
                    (DossierRow.code == item.code) | (DossierRow.provisional_code == item.code)
                )
            )
            if taken is not None or item.code in codes:
                raise PortalError(f"{where}trường code: mã {item.code} đã có hồ sơ khác")
            codes.add(item.code)
        checked.append((item, agency, procedure, _read_files(item, base, where)))
    out = []
    for i, (item, agency, procedure, papers) in enumerate(checked, 1):
        code = item.code or next_code(s, agency, item.submitted_at.date())
        if code is None:
            raise PortalError(
                f"{_where(i, many)}hết số hồ sơ của ngày {item.submitted_at:%d/%m/%Y}: "
                "hãy nộp kèm mã của Cổng"
            )
        out.append(_register(s, files, item, code, procedure, papers))
    return out


def _register(
    s: Session,
    files: blob_store.BlobStore,
    item: PortalDossier,
    code: str,
    procedure: dict[str, Any],
    papers: list[_File],
) -> Submitted:
    stored: list[dict[str, Any]] = []
    for f in papers:
        sha = blob_store.store(s, files, f.data)
        stored.append(
            {
                "sha256": sha,
                "document": f.document,
                "filename": f.filename,
                "mime": f.mime,
                "size": len(f.data),
            }
        )
    blob_store.share(s, item.agency, (str(f["sha256"]) for f in stored))
    fees = [
        {"name": str(fee.get("name", "")), "amount": int(fee.get("amount", 0)), "quantity": 1}
        for fee in procedure.get("fees", [])
        if isinstance(fee, dict) and fee.get("per", "hồ sơ") == "hồ sơ"
    ]
    applicant = item.applicant.model_dump(mode="json", exclude_none=True)
    now = utc_now()
    d = DossierRow(
        id=str(uuid7()),
        agency=item.agency,
        counter="",
        counter_id=None,
        code=code,
        provisional_code=None,
        status=1,
        status_at=item.submitted_at,
        procedure=item.procedure,
        procedure_name=str(procedure.get("name", item.procedure)),
        channel=2,
        received_at=None,
        due_at=None,
        finished_at=None,
        returned_at=None,
        applicant_name=item.applicant.name,
        applicant_id=item.applicant.id_number,
        applicant_phone=item.applicant.phone,
        applicant_address=item.applicant.address,
        applicant_email=item.applicant.email,
        fee_total=sum(f["amount"] for f in fees),
        created_at=now,
        updated_at=now,
    )
    s.add(d)
    s.flush()
    payload = {
        "procedure": item.procedure,
        "procedure_name": d.procedure_name,
        "channel": 2,
        "code": code,
        "portal_code": item.code is not None,
        "submitted_at": item.submitted_at.isoformat(),
        "applicant": applicant,
        "documents": [doc.model_dump(exclude={"file"}) for doc in item.documents],
        "sets": 1,
        "result_delivery": item.result_delivery.model_dump(exclude_none=True),
        "fees": fees,
        "fee_total": d.fee_total,
        "note": item.note,
        "files": stored,
    }
    server_event(s, row_of(d), "registered_online", payload, PORTAL_OFFICER, at=item.submitted_at)
    return Submitted(d.id, code, item.agency, item.procedure, item.submitted_at)
