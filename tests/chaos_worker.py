"""A busy counter for the chaos test, as its own process (so it can be SIGKILLed): receives
dossiers until the counter holds ``--count`` of its own, scans papers for some and returns the
results of others. After a kill it is simply started again; it counts what the database holds,
so the total comes out exact whatever moment the kill hit.

    python -m tests.chaos_worker --data-dir D --count N --seed S
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.domain.dossier import Status
from desktop.domain.reception import parse_form
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.counter import load_context
from desktop.store.db import Database
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.service import DossierService
from desktop.store.models import Dossier, EventRow

OFFICER = OfficerInfo("tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception", "returns"}))
PROCEDURES = ["2.000815", "1.001612", "1.004873", "3.000347"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Phúc", "Sơn"]


def own_dossiers(db: Database, counter: str) -> int:
    with db.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(Dossier)
                .where(
                    Dossier.counter == counter,
                    Dossier.id.in_(select(EventRow.dossier_id).where(EventRow.origin == "counter")),
                )
            )
            or 0
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pause", type=float, default=0.01)
    args = p.parse_args(argv)
    db = Database.open(args.data_dir)
    ctx = load_context(db, args.data_dir)
    service = DossierService(db, ctx)
    rng = random.Random(args.seed * 1000 + own_dossiers(db, ctx.counter))
    while (n := own_dossiers(db, ctx.counter)) < args.count:
        form = parse_form(
            {
                "procedure": rng.choice(PROCEDURES),
                "applicant": {
                    "name": f"Nguyễn {rng.choice(GIVEN)} {rng.choice(GIVEN)}",
                    "id_number": f"0890{rng.randint(50, 99)}{rng.randint(0, 999999):06d}",
                    "address": "Số 1 Lê Lợi, Long Xuyên",
                    "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
                },
            }
        )
        receipt = service.receive(form, OFFICER)
        assert receipt.code is not None
        if n % 7 == 3:
            scan = b"%PDF-1.4\n" + rng.randbytes(rng.randint(20_000, 200_000))
            attach(db, ctx, receipt.code, OFFICER, "Bản sao giấy tờ", "scan.pdf", scan)
        if n % 5 == 4:
            _return_one(db, service, ctx.counter)
        time.sleep(args.pause)
    return 0


def _return_one(db: Database, service: DossierService, counter: str) -> None:
    with db.read() as s:
        code = s.scalar(
            select(Dossier.code)
            .where(Dossier.counter == counter, Dossier.status == int(Status.DUOC_TIEP_NHAN))
            .order_by(Dossier.created_at)
            .limit(1)
        )
    if code:
        service.result_ready(code, OFFICER)
        service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")


if __name__ == "__main__":
    sys.exit(main())
