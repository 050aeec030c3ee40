"""Demo data: the shipped catalog and invented dossiers, for trying the counter out.

Every name, ID number and phone here is made up; ID numbers only follow the CCCD structure.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.domain.applicants import Applicant
from desktop.domain.reception import ReceptionForm
from desktop.store.accounts.officers import OfficerInfo, create_officer
from desktop.store.catalog import import_catalog, list_procedures
from desktop.store.clock import local_now
from desktop.store.counter import init_counter, load_context
from desktop.store.db import Database
from desktop.store.dossiers.service import DossierService
from desktop.store.models import CounterIdentity, Officer
from desktop.store.resources import load_catalog

DEMO_PROVINCE = "an-giang"
DEMO_AGENCY = "000.00.12.H01"
DEMO_COUNTER = "Q01"
DEMO_OFFICER = OfficerInfo(
    "canbo.mai", "Trần Thị Mai", frozenset({"reception", "returns", "supervisor"})
)
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
_MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thu"]
_GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hạnh",
    "Khoa",
    "Lan",
    "Phúc",
    "Quyên",
    "Sơn",
    "Tâm",
    "Uyên",
    "Vinh",
    "Yến",
]
_STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Tôn Đức Thắng", "Hai Bà Trưng"]
_WARDS = ["phường Mỹ Bình, Long Xuyên", "phường Châu Phú A, Châu Đốc", "xã Mỹ Hòa Hưng"]


def _applicant(rng: random.Random) -> Applicant:
    female = rng.random() < 0.5
    year = rng.randint(1950, 2005)
    century_digit = (0 if year < 2000 else 2) + (1 if female else 0)
    cccd = f"089{century_digit}{year % 100:02d}{rng.randint(0, 999999):06d}"
    middle = "Thị" if female else rng.choice(_MIDDLE)
    name = f"{rng.choice(_SURNAMES)} {middle} {rng.choice(_GIVEN)}"
    return Applicant(
        name=name,
        id_number=cccd,
        address=f"Số {rng.randint(1, 300)} {rng.choice(_STREETS)}, {rng.choice(_WARDS)}, An Giang",
        phone=f"09{rng.randint(10_000_000, 99_999_999)}",
    )


def _ensure_demo_officer(db: Database) -> str | None:
    """The demo's counter officer, with a fresh random password she must change at first
    login; returns that password when the account was created, for the one who ran demo."""
    with db.write() as s:
        if s.scalar(select(Officer).where(Officer.username == DEMO_OFFICER.username)):
            return None
        password = "Demo" + secrets.token_hex(4) + "9"
        create_officer(
            s,
            DEMO_OFFICER.username,
            DEMO_OFFICER.full_name,
            DEMO_OFFICER.roles,
            password,
            by="demo",
        )
        return password


def load_demo(data_dir: Path, count: int, seed: int = 2023) -> tuple[int, str | None]:
    """Initialise the demo counter if needed, load the catalog and ``count`` dossiers.

    Returns the number of dossiers and the demo officer's initial password when it was made.
    """
    db = Database.open(data_dir, create=True)
    try:
        with db.read() as s:
            initialised = s.scalar(select(CounterIdentity)) is not None
        if not initialised:
            init_counter(
                db,
                province=DEMO_PROVINCE,
                agency=DEMO_AGENCY,
                counter=DEMO_COUNTER,
                server_url=None,
                admin_user=None,
                admin_password=None,
            )
        with db.write() as s:
            import_catalog(s, load_catalog())
            procedures = list_procedures(s)
        password = _ensure_demo_officer(db)
        ctx = load_context(db, data_dir)
        service = DossierService(db, ctx)
        officer = DEMO_OFFICER
        rng = random.Random(seed)
        now = local_now()
        # Spread the sample over the last working days, in working hours, oldest first.
        moments: list[datetime] = []
        day = now.date()
        while len(moments) < count:
            day -= timedelta(days=1)
            if not ctx.calendar.is_working_day(day):
                continue
            for _ in range(rng.randint(1, 4)):
                minute = rng.randint(7 * 60 + 5, 16 * 60 + 40)
                if 11 * 60 + 30 <= minute < 13 * 60 + 30:
                    minute += 120
                moments.append(datetime.combine(day, time(minute // 60, minute % 60)))
        moments = sorted(moments[:count])
        for i, at in enumerate(moments):
            form = ReceptionForm(
                procedure=rng.choice(procedures).code,
                applicant=_applicant(rng),
                received_at=at,
                note="Dữ liệu mẫu",
            )
            receipt = service.receive(form, officer)
            assert receipt.code is not None
            if i % 3 == 0:
                service.result_ready(receipt.code, officer)
                if i % 6 == 0:
                    service.return_result(
                        receipt.code, officer, form.applicant.name, form.applicant.id_number
                    )
        return count, password
    finally:
        db.close()
