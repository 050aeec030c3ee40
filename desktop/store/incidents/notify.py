"""The citizens to notify about an incident, and the list as CSV for an SMS or e-mail tool.

Kiên Giang QĐ 921/QĐ-UBND Điều 13.2 (seed 000): the agency tells citizens by letter, phone or
e-mail "theo thông tin đã đăng ký" and guides them to finish their procedures. A citizen is on
the list when the outage changes something for them:

- their appointment is affected (it fell inside the outage or is at risk), with the proposed
  new one;
- their receipt carries a provisional code, or had one the server has since replaced: the
  receipt must be reissued with the official code;
- their dossier, received offline, is not on the provincial server yet, so looking it up on the
  portal or by SMS (seed 000 Điều 9.4) finds nothing until sync catches up.

Dossiers already finished (returned, withdrawn, refused) are left out: nothing is left to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.domain.dossier import Status
from desktop.domain.forms.common import datetime_short
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents.outage import (
    AffectedDossier,
    OfflineDossier,
    affected_dossiers,
    offline_dossiers,
)

HEADERS = (
    "STT",
    "Họ và tên",
    "Điện thoại",
    "Email",
    "Mã hồ sơ",
    "Mã tạm đã thay",
    "Thủ tục",
    "Ngày hẹn trả",
    "Ngày hẹn đề xuất",
    "Nội dung cần thông báo",
)
AFFECTED = "Lịch hẹn trả kết quả bị ảnh hưởng bởi sự cố"
PROVISIONAL = "Hồ sơ mang mã tạm: sẽ được cấp mã chính thức và cấp lại giấy tiếp nhận"
REPLACED = "Đã cấp mã hồ sơ chính thức thay mã tạm: cấp lại giấy tiếp nhận"
UNSENT = "Hồ sơ tiếp nhận khi mất kết nối: chưa tra cứu trực tuyến được cho đến khi đồng bộ xong"


@dataclass(frozen=True)
class CitizenNotice:
    dossier_id: str
    applicant_name: str
    phone: str
    email: str
    code: str
    old_code: str
    procedure_name: str
    due_at: datetime | None
    proposed_due_at: datetime | None
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "dossier_id": self.dossier_id,
            "applicant_name": self.applicant_name,
            "phone": self.phone,
            "email": self.email,
            "code": self.code,
            "old_code": self.old_code,
            "procedure_name": self.procedure_name,
            "due_at": self.due_at.isoformat(timespec="minutes") if self.due_at else None,
            "proposed_due_at": self.proposed_due_at.isoformat(timespec="minutes")
            if self.proposed_due_at
            else None,
            "reasons": list(self.reasons),
        }


def citizens_to_notify(
    db: Database, ctx: CounterContext, incident_id: int, *, now: datetime | None = None
) -> list[CitizenNotice]:
    now = now or local_now()
    return notices_from(
        offline_dossiers(db, ctx, incident_id), affected_dossiers(db, ctx, incident_id, now=now)
    )


def notices_from(
    offline: list[OfflineDossier], affected_list: list[AffectedDossier]
) -> list[CitizenNotice]:
    """Whom to tell, from the lists the incident screen already holds."""
    affected = {a.id: a for a in affected_list}
    out: dict[str, CitizenNotice] = {}
    for d in offline:
        if Status(d.status).is_final:
            continue
        reasons = []
        a = affected.pop(d.id, None)
        if a is not None:
            reasons.append(AFFECTED)
        if d.provisional:
            reasons.append(PROVISIONAL)
        elif d.old_codes:
            reasons.append(REPLACED)
        if d.unsent_events:
            reasons.append(UNSENT)
        if reasons:
            out[d.id] = CitizenNotice(
                d.id,
                d.applicant_name,
                d.phone,
                d.email,
                d.code or d.id,
                d.old_codes[0] if d.old_codes else "",
                d.procedure_name,
                d.due_at,
                a.proposed_due_at if a else None,
                tuple(reasons),
            )
    for a in affected.values():  # received before the outage, due during or after it
        out[a.id] = CitizenNotice(
            a.id,
            a.applicant_name,
            a.phone,
            a.email,
            a.code,
            "",
            a.procedure_name,
            a.due_at,
            a.proposed_due_at,
            (AFFECTED,),
        )
    return sorted(out.values(), key=lambda n: (n.due_at or datetime.max, n.code))


def _cell(text: str) -> str:
    # a spreadsheet must not run a name or note as a formula (CSV injection)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def notify_csv(notices: list[CitizenNotice]) -> bytes:
    """UTF-8 with a byte-order mark (Excel otherwise garbles Vietnamese), CRLF lines."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADERS)
    for i, n in enumerate(notices, 1):
        w.writerow(
            [
                str(i),
                *(
                    _cell(x)
                    for x in (
                        n.applicant_name,
                        n.phone,
                        n.email,
                        n.code,
                        n.old_code,
                        n.procedure_name,
                        datetime_short(n.due_at),
                        datetime_short(n.proposed_due_at),
                        "; ".join(n.reasons),
                    )
                ),
            ]
        )
    return buf.getvalue().encode("utf-8-sig")


def write_notify_csv(notices: list[CitizenNotice], out: Path) -> None:
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_bytes(notify_csv(notices))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ActionError(f"Không ghi được tệp {out}: {exc.strerror or exc}") from None
