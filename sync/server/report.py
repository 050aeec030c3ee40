"""What the server holds, for operators and tests (``report``), and the dossiers in the national
portal's DongBoHoSoMC shape (``export``)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.limits import API_PREFIX

from .models import BlobRow, CatalogRow, CounterRow, DossierRow, EventRow


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


# -- the national portal's DongBoHoSoMC ------------------------------------------------------------
#
# Field names, types and formats as VietOpenCPS opencps-v2 sends them to the national portal
# (modules/backend-dossiermgt/backend-dossiermgt-service/src/main/java/org/opencps/dossiermgt/
# action/impl/DVCQGIntegrationActionImpl.java, createSyncDossierBodyRequest, and the field names of
# .../backend-dossiermgt-api/.../constants/DVCQGIntegrationActionTerm.java): every value is a
# string, times are yyyyMMddHHmmss in Vietnam's time ("" when there is none), LoaiDoiTuong and
# HinhThuc are digits written as text, TrangThaiHoSo is the national status code as text, the
# lists are arrays of objects whose values are strings too, and isUpdating is "True"/"False".
# Where opencps-v2 leaves a field blank (its fee and supplement lists), the values below are ours
# and say so; tests/schemas/dongbo_hoso_mc.schema.json holds the whole shape.

_CHUNK = 500  # dossiers whose events are read in one query
_STAMP = "%Y%m%d%H%M%S"
# a counter's or the portal's intake: the event whose payload holds the form as filed
_INTAKE = ("received", "rejected", "supplement_requested", "registered_online")
_METHODS = {"cash": "Tiền mặt", "qr": "Chuyển khoản", "bank": "Chuyển khoản", "card": "Thẻ"}
_FEE_KINDS = {"phi": "Phí", "le_phi": "Lệ phí"}
_RESULT_STATUSES = frozenset({9, 10})  # a file attached once the result is back is the result
_REASONS = {
    "rejected": "Lý do không tiếp nhận",
    "withdrawn": "Lý do rút hồ sơ",
    "department_progress": "Dừng xử lý",
}


def _stamp(v: datetime | str | None) -> str:
    """yyyyMMddHHmmss, as opencps-v2's ``convertDate2String``; payloads hold ISO text."""
    if isinstance(v, str):
        try:
            v = datetime.fromisoformat(v)
        except ValueError:
            return ""
    if not isinstance(v, datetime):
        return ""
    return v.strftime(_STAMP)


def _text(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _amount(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else 0


class _Event:
    """What the export reads of a stored event. Payloads are read defensively: a row stored by
    an older counter, or before the server checked a field, still exports."""

    __slots__ = ("at", "counter", "due_at", "id", "officer", "payload", "status", "type")

    def __init__(self, row: Any) -> None:
        self.id: str = row.id
        self.type: str = row.type
        self.at: datetime = row.occurred_at
        self.officer: str = row.officer or ""
        self.counter: str = row.counter or ""
        self.payload = _dict(row.payload)
        after = _dict(row.after)
        status = after.get("status")
        self.status = status if isinstance(status, int) else None
        self.due_at = after.get("due_at")


def _catalog_index(s: Session) -> dict[str, dict[str, Any]]:
    """Every procedure of every catalog the province published, the newest version's entry
    winning: a dossier of a procedure a later catalog dropped keeps its field of work."""
    out: dict[str, dict[str, Any]] = {}
    for (body,) in s.execute(select(CatalogRow.body).order_by(CatalogRow.created_at.desc())):
        for p in _list(_dict(body).get("procedures")):
            if isinstance(p, dict) and isinstance(p.get("code"), str):
                out.setdefault(p["code"], p)
    return out


def _file_url(base: str, sha: str) -> str:
    # the server's own download route (sync/server/routes/online.py); ``base`` makes it absolute
    return f"{base.rstrip('/')}{API_PREFIX}/blobs/{sha}/content"


def _file_entry(name: str, sha: str, base: str) -> dict[str, str]:
    """One TaiLieuNop item: opencps-v2's five sub-fields, all strings ("False" for IsDeleted)."""
    return {
        "TepDinhKemId": sha,
        "TenTepDinhKem": name,
        "IsDeleted": "False",
        "MaThanhPhanHoSo": "",
        "DuongDanTaiTepTin": _file_url(base, sha) if sha else "",
    }


def _submitted(intake: dict[str, Any], events: list[_Event], base: str) -> list[dict[str, str]]:
    """TaiLieuNop: every document the applicant filed, with the scan of it when the counter
    attached one (or the portal passed one on) before the result came back."""
    names = [_text(_dict(d).get("name")) for d in _list(intake.get("documents"))]
    names = [n for n in names if n]
    scans: list[tuple[str, str]] = []
    for f in _list(intake.get("files")):  # an online dossier's papers (sync/server/portal.py)
        f = _dict(f)
        if _text(f.get("sha256")):
            scans.append((_text(f.get("document")), _text(f.get("sha256"))))
    for ev in events:
        sha = _text(ev.payload.get("sha256"))
        if ev.type == "attached" and ev.status not in _RESULT_STATUSES and sha:
            scans.append((_text(ev.payload.get("document")), sha))
    out: list[dict[str, str]] = []
    for name in names:
        mine = [sha for doc, sha in scans if doc == name]
        out.extend(_file_entry(name, sha, base) for sha in mine or [""])
    out.extend(
        _file_entry(doc or "Tệp đính kèm", sha, base) for doc, sha in scans if doc not in names
    )
    return out


def _results(events: list[_Event], base: str) -> list[dict[str, str]]:
    """DanhSachGiayToKetQua: the files attached once the result was at the counter (status 9 or
    10), with opencps-v2's sub-fields."""
    out = []
    for ev in events:
        sha = _text(ev.payload.get("sha256"))
        if ev.type == "attached" and ev.status in _RESULT_STATUSES and sha:
            out.append(
                {
                    "TenGiayTo": _text(ev.payload.get("document")) or "Kết quả giải quyết",
                    "MaThanhPhanHoSo": "",
                    "GiayToId": sha,
                    "DuongDanTepTinKetQua": _file_url(base, sha),
                }
            )
    return out


def _collected(events: list[_Event], due: int, status: int) -> str:
    """How the dossier's fee was collected (HinhThucThu; opencps-v2 fixes no code list, so the
    words the counter's fee receipt uses): "Miễn", "Không thu" (nothing due, or refused at
    intake with nothing paid), "Chưa thu", the methods ("Tiền mặt", "Chuyển khoản", "Thẻ"),
    "Thu một phần: …" or "Đã hoàn trả"."""
    paid = refunded = 0
    methods: list[str] = []
    for ev in events:
        if ev.type == "fee_exempted":
            return "Miễn"
        if ev.type == "paid":
            paid += _amount(ev.payload.get("amount"))
            label = _METHODS.get(_text(ev.payload.get("method")), "Khác")
            if label not in methods:
                methods.append(label)
        elif ev.type == "refunded":
            refunded += _amount(ev.payload.get("amount"))
    if due == 0 or (paid == 0 and status == 3):
        return "Không thu"
    if paid == 0:
        return "Chưa thu"
    if paid - refunded <= 0:
        return "Đã hoàn trả"
    how = ", ".join(methods)
    return how if paid >= due else f"Thu một phần: {how}"


def _fees(
    intake: dict[str, Any], events: list[_Event], procedure: dict[str, Any], status: int
) -> list[dict[str, str]]:
    """DanhSachLePhi: each fee line of the dossier with its amount (Gia: whole đồng, as text) and
    how it was collected; LoaiPhiLePhi says phí or lệ phí as the catalog does."""
    kinds = {
        _text(f.get("name")): _FEE_KINDS.get(_text(f.get("kind")), "")
        for f in (_dict(x) for x in _list(procedure.get("fees")))
    }
    lines = []
    for line in (_dict(x) for x in _list(intake.get("fees"))):
        name = _text(line.get("name"))
        if not name:
            continue
        quantity = _amount(line.get("quantity")) or 1
        lines.append((name, _amount(line.get("amount")) * quantity))
    collected = _collected(events, sum(a for _, a in lines), status)
    return [
        {
            "TenPhiLePhi": name,
            "MaPhiLePhi": "",
            "HinhThucThu": "Không thu" if amount == 0 else collected,
            "Gia": str(amount),
            "LoaiPhiLePhi": kinds.get(name, ""),
        }
        for name, amount in lines
    ]


def _supplements(events: list[_Event]) -> list[dict[str, Any]]:
    """DanhSachHoSoBoSung: every request for papers (the counter's Mẫu 02 or a department's step
    to status 5) with when it was met, and every new appointment (Mẫu 04, or a department's
    extension), each with the appointment before it (NgayHenTraTruoc) and after it
    (NgayHenTraMoi), so the original appointment survives any number of reschedules.
    TrangThaiBoSung: "1" done (papers taken, or a new appointment given), "0" still waiting."""
    out: list[dict[str, Any]] = []
    open_: dict[str, Any] | None = None
    due: Any = None  # the appointment before the event at hand
    for ev in events:
        asked = ev.type == "supplement_requested" or (
            ev.type == "department_progress" and ev.payload.get("status") == 5
        )
        if asked:
            what = _text(ev.payload.get("reason") or ev.payload.get("note"))
            missing = [_text(m) for m in _list(ev.payload.get("missing")) if _text(m)]
            open_ = {
                "HoSoBoSungId": ev.id,
                "NguoiYeuCauBoSung": _text(ev.payload.get("unit")) or ev.officer,
                "NoiDungBoSung": what or "Yêu cầu bổ sung hồ sơ",
                "NgayBoSung": _stamp(ev.payload.get("requested_at") or ev.at),
                "NguoiTiepNhanBoSung": "",
                "ThongTinTiepNhan": "",
                "NgayTiepNhanBoSung": "",
                "TrangThaiBoSung": "0",
                "DanhSachGiayToBoSung": [
                    {"TenGiayTo": m, "MaThanhPhanHoSo": "", "GiayToId": ""} for m in missing
                ],
                "DanhSachLePhiBoSung": [],
                "NgayHenTraTruoc": _stamp(due),
                "NgayHenTraMoi": "",
            }
            out.append(open_)
        elif open_ is not None and ev.type in ("supplement_received", "received"):
            open_.update(
                NguoiTiepNhanBoSung=ev.officer,
                ThongTinTiepNhan="Đã nhận hồ sơ bổ sung"
                + (f" tại quầy {ev.counter}" if ev.counter else ""),
                NgayTiepNhanBoSung=_stamp(ev.payload.get("supplied_at") or ev.at),
                TrangThaiBoSung="1",
                NgayHenTraMoi=_stamp(ev.due_at),
            )
            open_ = None
        elif ev.type == "rescheduled" or (
            ev.type == "department_progress" and "due_at" in ev.payload
        ):
            before = ev.payload.get("previous_due_at") or due
            if _stamp(before) != _stamp(ev.due_at):
                reason = _text(ev.payload.get("reason") or ev.payload.get("note"))
                out.append(
                    {
                        "HoSoBoSungId": ev.id,
                        "NguoiYeuCauBoSung": _text(ev.payload.get("unit")) or ev.officer,
                        "NoiDungBoSung": "Hẹn lại ngày trả kết quả"
                        + (f": {reason}" if reason else ""),
                        "NgayBoSung": _stamp(ev.at),
                        "NguoiTiepNhanBoSung": "",
                        "ThongTinTiepNhan": "",
                        "NgayTiepNhanBoSung": "",
                        "TrangThaiBoSung": "1",
                        "DanhSachGiayToBoSung": [],
                        "DanhSachLePhiBoSung": [],
                        "NgayHenTraTruoc": _stamp(before),
                        "NgayHenTraMoi": _stamp(ev.due_at),
                    }
                )
        if ev.due_at:
            due = ev.due_at
    return out


def _unit(d: DossierRow, events: list[_Event], procedure: dict[str, Any]) -> str:
    """DonViXuLy, the name of the unit that decides the dossier (opencps-v2: govAgencyName): the
    one the counter handed it to (Mẫu 05), else the department that reported on it, else the
    catalog's deciding unit (desktop/store/dossiers/handover.py ``deciding_unit``); the agency's
    code only when none of these names it."""
    for kind in ("handed_over", "department_progress"):
        for ev in reversed(events):
            if ev.type == kind and _text(ev.payload.get("unit")):
                return _text(ev.payload.get("unit"))
    return _text(procedure.get("unit")) or _text(procedure.get("agency")) or d.agency


def _record(
    d: DossierRow, events: list[_Event], catalog: dict[str, dict[str, Any]], base: str
) -> dict[str, Any]:
    procedure = catalog.get(d.procedure, {})
    field = _dict(procedure.get("field"))
    intakes = [
        e for e in events if e.type in _INTAKE and isinstance(e.payload.get("applicant"), dict)
    ]
    intake = intakes[-1].payload if intakes else {}
    applicant = _dict(intake.get("applicant"))
    organisation = _text(_dict(applicant.get("organisation")).get("name"))
    representative = _dict(applicant.get("representative"))
    owner = organisation or d.applicant_name
    other = []
    if organisation:
        other.append(f"Người nộp: {d.applicant_name} ({d.applicant_id})")
    if _text(representative.get("name")):
        rep = f"Người được ủy quyền: {_text(representative.get('name'))}"
        other.append(f"{rep} ({_text(representative.get('id_number'))})")
    delivery = _text(_dict(intake.get("result_delivery")).get("method"))
    posted = [e for e in events if e.type == "sent_by_post"]
    by_post = delivery == "post" or bool(posted)
    if posted:
        returned = (
            f"Bưu chính công ích, số hiệu bưu gửi {_text(posted[-1].payload.get('tracking'))}"
        )
    elif d.status == 10:
        returned = "Trả trực tiếp tại Bộ phận Một cửa"
    else:
        returned = ""
    notes = [_text(intake.get("note"))]
    for ev in events:
        label = _REASONS.get(ev.type)
        if ev.type == "department_progress" and ev.payload.get("status") != 8:
            continue
        reason = _text(ev.payload.get("reason") or ev.payload.get("note"))
        if label and reason:
            notes.append(f"{label}: {reason}")
    return {
        # MaHoSo: the dossier's code; a dossier refused at intake never had one, and is known to
        # the portal by the id every counter and the server share
        "MaHoSo": d.code or d.id,
        "MaTTHC": d.procedure,
        "TenTTHC": d.procedure_name,
        "MaLinhVuc": _text(field.get("code")),
        "TenLinhVuc": _text(field.get("name")),
        "KenhThucHien": str(d.channel if d.channel in (1, 2, 3) else 1),
        "ChuHoSo": owner,
        "LoaiDoiTuong": "2" if organisation else "1",  # 1 công dân, 2 tổ chức/doanh nghiệp
        "MaDoiTuong": "",  # the portal's own account id: a counter never knows it
        "ThongTinKhac": "; ".join(other),
        "SoDinhDanh": d.applicant_id,
        "SoDienThoai": d.applicant_phone or "",
        "Fax": "",
        "Email": d.applicant_email or "",
        "DiaChi": d.applicant_address or "",
        "TrichYeuHoSo": f"{d.procedure_name} – {owner}",
        "NgayTiepNhan": _stamp(d.received_at),
        "NgayHenTra": _stamp(d.due_at),
        "TrangThaiHoSo": str(d.status),
        "NgayTra": _stamp(d.returned_at),
        "ThongTinTra": returned,
        "HinhThuc": "1" if by_post else "0",  # opencps-v2: viaPostal 2 (by post) → 1, else 0
        "NgayKetThucXuLy": _stamp(d.finished_at),
        "DonViXuLy": _unit(d, events, procedure),
        "GhiChu": "; ".join(n for n in notes if n),
        "LePhi": d.fee_total,
        "TaiLieuNop": _submitted(intake, events, base),
        "DanhSachLePhi": _fees(intake, events, procedure, d.status),
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": _supplements(events),
        "DanhSachGiayToKetQua": _results(events, base),
    }


def dongbo_hoso_mc(
    s: Session, first: date | None = None, last: date | None = None, files_url: str = ""
) -> dict[str, Any]:
    """Dossiers as the national portal's DongBoHoSoMC service takes them: every dossier with its
    code, online ones still waiting (status 1) and those refused at intake (status 3, or 5 when
    papers were asked for) included; only one still waiting for the server to replace its
    provisional code is left for the next export. ``first``/``last`` select by the day of
    reception, or of the last status for a dossier never received. ``files_url`` is the
    server's public address, put before the file links."""
    day = func.coalesce(DossierRow.received_at, DossierRow.status_at)
    stmt = (
        select(DossierRow)
        .where((DossierRow.code.is_not(None)) | (DossierRow.provisional_code.is_(None)))
        .order_by(func.coalesce(DossierRow.code, DossierRow.id))
    )
    if first is not None:
        stmt = stmt.where(day >= datetime.combine(first, time.min))
    if last is not None:
        stmt = stmt.where(day <= datetime.combine(last, time.max))
    catalog = _catalog_index(s)
    rows = list(s.scalars(stmt))
    data: list[dict[str, Any]] = []
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        events: dict[str, list[_Event]] = {d.id: [] for d in chunk}
        for row in s.execute(
            select(
                EventRow.id,
                EventRow.dossier_id,
                EventRow.type,
                EventRow.occurred_at,
                EventRow.officer,
                EventRow.counter,
                EventRow.payload,
                EventRow.after,
            )
            .where(EventRow.dossier_id.in_(list(events)))
            .order_by(EventRow.occurred_at, EventRow.feed_id)
        ):
            events[row.dossier_id].append(_Event(row))
        data.extend(_record(d, events[d.id], catalog, files_url) for d in chunk)
    return {"service": "DongBoHoSoMC", "isUpdating": "False", "data": data}


def blob_count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(BlobRow).where(BlobRow.complete)) or 0
