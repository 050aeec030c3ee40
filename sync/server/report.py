"""What the server holds, for operators and tests (``report``), and the dossiers in the national
portal's DongBoHoSoMC shape (``export``)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import BlobRow, CounterRow, DossierRow, EventRow

_CHANNEL = {1: 1, 2: 2, 3: 3}  # KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích


def report(s: Session) -> dict[str, Any]:
    """Counts that prove exactly-once delivery: every event once, every code once, and no
    counter event stored twice under two ids (the same counter sequence number twice)."""
    codes = func.coalesce(DossierRow.code, DossierRow.provisional_code)
    dup_codes = list(
        s.scalars(select(codes).group_by(codes).having(func.count() > 1).where(codes.is_not(None)))
    )
    dup_seqs = s.execute(
        select(EventRow.counter_id, EventRow.seq)
        .where(EventRow.origin == "counter")
        .group_by(EventRow.counter_id, EventRow.seq)
        .having(func.count() > 1)
    ).all()
    per_counter = []
    for c in s.scalars(select(CounterRow).order_by(CounterRow.agency, CounterRow.counter)):
        per_counter.append(
            {
                "agency": c.agency,
                "counter": c.counter,
                "dossiers": s.scalar(
                    select(func.count())
                    .select_from(DossierRow)
                    .where(DossierRow.counter_id == c.id)
                ),
                "events": s.scalar(
                    select(func.count()).select_from(EventRow).where(EventRow.counter_id == c.id)
                ),
                "emergency": [c.emergency_start, c.emergency_end] if c.emergency_start else None,
            }
        )
    return {
        "dossiers": s.scalar(select(func.count()).select_from(DossierRow)),
        "events": s.scalar(select(func.count()).select_from(EventRow)),
        "counter_events": s.scalar(
            select(func.count()).select_from(EventRow).where(EventRow.origin == "counter")
        ),
        "server_events": s.scalar(
            select(func.count()).select_from(EventRow).where(EventRow.origin == "server")
        ),
        "codes": s.scalar(select(func.count(func.distinct(DossierRow.code)))),
        "provisional_without_code": s.scalar(
            select(func.count())
            .select_from(DossierRow)
            .where(DossierRow.code.is_(None), DossierRow.provisional_code.is_not(None))
        ),
        "duplicate_codes": dup_codes,
        "duplicate_counter_seqs": [[cid, seq] for cid, seq in dup_seqs],
        "blobs": s.scalar(select(func.count()).select_from(BlobRow).where(BlobRow.complete)),
        "counters": per_counter,
    }


def _stamp(v: datetime | None) -> str:
    return v.strftime("%Y%m%d%H%M%S") if v else ""


def dongbo_hoso_mc(
    s: Session, first: date | None = None, last: date | None = None
) -> dict[str, Any]:
    """Dossiers as the national portal's DongBoHoSoMC service takes them (times yyyyMMddHHmmss,
    TrangThaiHoSo the national status code)."""
    stmt = select(DossierRow).where(DossierRow.code.is_not(None)).order_by(DossierRow.code)
    if first is not None:
        stmt = stmt.where(DossierRow.received_at >= datetime.combine(first, time.min))
    if last is not None:
        stmt = stmt.where(DossierRow.received_at <= datetime.combine(last, time.max))
    data = [
        {
            "MaHoSo": d.code,
            "MaTTHC": d.procedure,
            "TenTTHC": d.procedure_name,
            "KenhThucHien": _CHANNEL.get(d.channel, 1),
            "ChuHoSo": d.applicant_name,
            "SoDinhDanh": d.applicant_id,
            "SoDienThoai": d.applicant_phone or "",
            "Email": d.applicant_email or "",
            "DiaChi": d.applicant_address or "",
            "NgayTiepNhan": _stamp(d.received_at),
            "NgayHenTra": _stamp(d.due_at),
            "TrangThaiHoSo": d.status,
            "NgayKetThucXuLy": _stamp(d.finished_at),
            "NgayTra": _stamp(d.returned_at),
            "HinhThuc": 0,
            "DonViXuLy": d.agency,
            "LePhi": d.fee_total,
        }
        for d in s.scalars(stmt)
    ]
    return {"service": "DongBoHoSoMC", "isUpdating": False, "data": data}


def blob_count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(BlobRow).where(BlobRow.complete)) or 0
