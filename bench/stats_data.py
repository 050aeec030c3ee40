"""A centre's local database at scale for bench_stats: N dossiers over five years, cached under
var/bench/ so reruns start at once.

Rows are inserted in bulk (sqlite3 executemany, indexes built afterwards) but are what the
services would have written: every dossier is planned as a list of events (reception, the
department's step, supplement requests, apologies with a new appointment, withdrawals, results,
returns), the events after the generation's "now" are cut, and the dossier row is the domain's
fold of the events that remain (desktop.domain.dossier.apply), so rows equal the fold of their
events as in the real store. The database holds eight counters' dossiers, as a counter does after
syncing with its centre: its own events have acknowledged outbox rows, other counters' events are
"remote", the departments' "server", like sync_inbound records them.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.domain.calendar import WorkingCalendar, due_at, extend_for_pauses
from desktop.domain.dossier import DossierState, Event, EventType, apply
from desktop.domain.procedures import Limit, LimitUnit, Procedure, fold_accents

GEN_VERSION = 3
END = datetime(2026, 11, 20, 16, 0)  # a Friday afternoon; fixed so cached databases stay valid
YEARS = 5
PROVINCE, AGENCY = "kien-giang", "000.00.06.H56"
COUNTERS = tuple(f"Q0{i}" for i in range(1, 9))
OWN = "Q01"
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
_MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Đức", "Kim")
_GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Lan", "Phúc", "Sơn", "Tâm")
OFFICER_NAMES = {
    f"{c.lower()}.cb{j}": f"{_f} {_m} {_g}"
    for c in COUNTERS
    for j, (_f, _m, _g) in enumerate(
        (("Trần", "Thị", "Mai"), ("Lê", "Văn", "Hùng"), ("Phạm", "Ngọc", "Ánh")), 1
    )
}
_PLACES = ("Rạch Giá", "Hà Tiên", "Phú Quốc", "Châu Thành", "Tân Hiệp", "Giồng Riềng")


@dataclass
class Plan:
    """One dossier's planned life: its fixed fields and its events in time order."""

    index: int
    counter: str
    officer: str
    procedure: dict[str, Any]
    channel: int
    applicant: dict[str, Any]
    events: list[tuple[EventType, datetime, dict[str, Any], str]]  # type, at, payload, origin


def uuid7ish(ms: int, n: int) -> str:
    """A UUIDv7-shaped id from a time and a serial number: time-ordered and unique."""
    variant = 0x8000 | (n >> 36) & 0x3FFF
    h = f"{ms & 0xFFFFFFFFFFFF:012x}7{(n >> 48) & 0xFFF:03x}{variant:04x}{n & 0xFFFFFFFFF:012x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _ts(v: datetime | None) -> str | None:
    return v.strftime("%Y-%m-%d %H:%M:%S.%f") if v is not None else None


class Generator:
    def __init__(self, catalog: list[dict[str, Any]], n: int, seed: int = 8) -> None:
        self.rng = random.Random(seed)
        self.cal = WorkingCalendar()
        self.add_wt = self.cal.add_working_time
        self.catalog = catalog
        self.weights = [8 if p["field"]["code"] in ("BTP.CT", "BTP.HT") else 2 for p in catalog]
        self.n = n
        start = END.date() - timedelta(days=365 * YEARS)
        self.days = [
            start + timedelta(days=i)
            for i in range((END.date() - start).days + 1)
            if self.cal.is_working_day(start + timedelta(days=i))
        ]
        self.officers = list(OFFICER_NAMES)

    def plans(self) -> Iterator[Plan]:
        per_day, extra = divmod(self.n, len(self.days))
        i = 0
        for k, day in enumerate(self.days):
            for _ in range(per_day + (1 if k < extra else 0)):
                yield self._plan(i, day)
                i += 1

    def _when(self, day: date) -> datetime:
        # nothing is received after the generation's "now" (END, 16:00 on the last day)
        minute = self.rng.randrange(480 if day != END.date() else 420)
        start = 7 * 60 if minute < 270 else 13 * 60 + 30 - 270
        return datetime.combine(day, datetime.min.time()) + timedelta(minutes=start + minute)

    def _plan(self, i: int, day: date) -> Plan:
        rng = self.rng
        counter = COUNTERS[i % len(COUNTERS)]
        officer = self.officers[COUNTERS.index(counter) * 3 + rng.randrange(3)]
        proc = rng.choices(self.catalog, self.weights)[0]
        channel = rng.choices((1, 2, 3), (70, 25, 5))[0]
        name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        applicant = {
            "name": name,
            "id_number": f"091{rng.randrange(10**9):09d}",
            "id_type": "cccd",
            "address": f"Số {rng.randrange(1, 300)} {rng.choice(_GIVEN)}, {rng.choice(_PLACES)}",
            "phone": f"09{rng.randrange(10**8):08d}",
        }
        plan = Plan(i, counter, officer, proc, channel, applicant, [])
        at = self._when(day)
        r = rng.random()
        if r < 0.01:
            plan.events.append(
                (EventType.REJECTED, at, {"reason": "Hồ sơ không thuộc thẩm quyền"}, "c")
            )
            return plan
        if r < 0.015:
            plan.events.append(
                (EventType.SUPPLEMENT_REQUESTED, at, {"reason": "Thiếu bản chính giấy tờ"}, "c")
            )
            return plan
        self._life(plan, at)
        return plan

    def _life(self, plan: Plan, received: datetime) -> None:
        rng, ev = self.rng, plan.events
        limit = Limit.parse(plan.procedure["limit"])
        due = due_at(self.cal, received, limit, plan.channel)
        ev.append((EventType.RECEIVED, received, {"received_at": received, "due_at": due}, "c"))
        start = self.cal.next_working_start(received)
        span = (
            timedelta(minutes=20)
            if limit.immediate
            else timedelta(hours=limit.amount * (8 if limit.unit is LimitUnit.DAY else 1))
        )
        t = start
        if rng.random() < 0.5 and not limit.immediate:
            t = self.add_wt(t, span * 0.1)
            ev.append(
                (EventType.DEPARTMENT_PROGRESS, t, {"status": 4, "unit": "Phòng chuyên môn"}, "s")
            )
        fate = rng.random()
        if fate < 0.015 or 0.015 <= fate < 0.018:
            at = self.add_wt(t, span * rng.uniform(0.1, 0.9))
            if fate < 0.015:
                ev.append((EventType.WITHDRAWN, at, {"reason": "Công dân yêu cầu rút hồ sơ"}, "c"))
            else:
                ev.append(
                    (
                        EventType.DEPARTMENT_PROGRESS,
                        at,
                        {"status": 8, "unit": "Phòng chuyên môn"},
                        "s",
                    )
                )
            return
        work = span * (rng.uniform(1.05, 1.8) if fate > 0.9 else rng.uniform(0.2, 0.95))
        if rng.random() < 0.06 and not limit.immediate:
            asked = self.add_wt(t, work * 0.2)
            back = self.add_wt(asked, timedelta(hours=8 * rng.randint(1, 5)))
            ev.append(
                (
                    EventType.SUPPLEMENT_REQUESTED,
                    asked,
                    {"reason": "Bổ sung bản sao", "requested_at": asked},
                    "c",
                )
            )
            due = extend_for_pauses(self.cal, due, [(asked, back)])
            ev.append(
                (EventType.SUPPLEMENT_RECEIVED, back, {"due_at": due, "supplied_at": back}, "c")
            )
            work, t = work * 0.8, back
        finished = self.add_wt(t, work)
        if fate > 0.9 and rng.random() < 0.25 and finished > due:
            # late, and the counter apologised with a new appointment (Mẫu 04) before the due time
            told = max(due - timedelta(hours=2), ev[-1][1] + timedelta(minutes=1))
            new_due = self.add_wt(due, timedelta(hours=8 * rng.randint(2, 6)))
            payload = {
                "reason": "Chờ ý kiến cơ quan phối hợp",
                "due_at": new_due,
                "previous_due_at": due,
            }
            ev.append((EventType.RESCHEDULED, told, payload, "c"))
        ev.append((EventType.RESULT_RECEIVED, finished, {"finished_at": finished}, "c"))
        returned = finished + timedelta(hours=rng.uniform(0.5, 72))
        receiver = {
            "name": plan.applicant["name"],
            "id_number": plan.applicant["id_number"],
            "id_type": "cccd",
        }
        ev.append(
            (
                EventType.RESULT_RETURNED,
                returned,
                {"receiver": receiver, "returned_at": returned},
                "c",
            )
        )


class Writer:
    """Turns plans into rows: codes, register numbers, event ids, the fold, the JSON."""

    def __init__(self, catalog: list[dict[str, Any]]) -> None:
        procs = {p["code"]: Procedure.model_validate(p) for p in catalog}
        # what the reception form defaults to (ReceptionForm.documents_or_default, fees_or_default)
        self.docs = {
            code: json.dumps(
                [
                    {
                        "name": d.name,
                        "originals": d.originals,
                        "certified_copies": d.certified_copies,
                        "photocopies": d.photocopies,
                    }
                    for d in proc.documents
                    if d.required
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for code, proc in procs.items()
        }
        self.fees = {
            code: [
                {"name": f.name, "amount": f.amount, "quantity": 1}
                for f in proc.fees
                if f.per == "hồ sơ"
            ]
            for code, proc in procs.items()
        }
        self.day_seq: dict[date, int] = {}
        self.register: dict[int, int] = {}
        self.event_seq = 0

    def rows(
        self, plan: Plan
    ) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        p = plan.procedure
        events = [e for e in plan.events if e[1] <= END]
        first_at = events[0][1]
        did = uuid7ish(int(first_at.timestamp() * 1000), plan.index)
        own = plan.counter == OWN
        fees = self.fees[p["code"]]
        fee_total = sum(f["amount"] for f in fees)
        creating = {
            "procedure": p["code"],
            "procedure_name": p["name"],
            "channel": plan.channel,
            "applicant": plan.applicant,
            "documents": "@DOCS@",
            "sets": 1,
            "result_delivery": {"method": "counter"},
            "fees": fees,
            "fee_total": fee_total,
            "note": None,
        }
        state: DossierState | None = None
        book: str | None = None
        seq: int | None = None
        ev_rows: list[tuple[Any, ...]] = []
        outbox: list[tuple[Any, ...]] = []
        for k, (type_, at, payload, origin) in enumerate(events):
            payload = dict(payload)
            if k == 0:
                payload = {**creating, **payload}
            if type_ is EventType.RECEIVED:
                day = at.date()
                self.day_seq[day] = self.day_seq.get(day, 0) + 1
                payload["code"] = f"{AGENCY}-{day:%y%m%d}-{self.day_seq[day]:04d}"
                payload["provisional"] = False
                if own:
                    self.register[at.year] = self.register.get(at.year, 0) + 1
                    book, seq = str(at.year), self.register[at.year]
                payload["register_book"], payload["register_seq"] = book, seq
            if type_ is EventType.DEPARTMENT_PROGRESS:
                payload["unit"] = "Phòng chuyên môn"
            stored = {
                key: (v.isoformat() if isinstance(v, datetime) else v) for key, v in payload.items()
            }
            state = apply(state, Event("", did, type_, stored, at, plan.officer, plan.counter, 0))
            self.event_seq += 1
            eid = uuid7ish(int(at.timestamp() * 1000), self.event_seq)
            text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"))
            text = text.replace('"@DOCS@"', self.docs[p["code"]])
            where = "server" if origin == "s" else ("counter" if own else "remote")
            officer = "phong.chuyenmon" if origin == "s" else plan.officer
            ev_rows.append(
                (eid, did, type_.value, text, _ts(at), officer, plan.counter, self.event_seq, where)
            )
            if where == "counter":
                acked = _ts(at + timedelta(minutes=2))
                outbox.append((eid, self.event_seq, _ts(at), acked, 1, None, 0))
        assert state is not None
        a = plan.applicant
        dossier = (
            did,
            state.code,
            0,
            p["code"],
            p["name"],
            int(state.status),
            plan.channel,
            a["name"],
            fold_accents(a["name"]),
            a["id_number"],
            a["phone"],
            json.dumps(a, ensure_ascii=False, separators=(",", ":")),
            self.docs[p["code"]],
            1,
            '{"method":"counter"}',
            json.dumps(fees, ensure_ascii=False, separators=(",", ":")),
            fee_total,
            None,
            _ts(state.received_at),
            _ts(state.due_at),
            _ts(state.finished_at),
            _ts(state.returned_at),
            _ts(state.paused_at),
            json.dumps([[x.isoformat(), y.isoformat()] for x, y in state.pauses]),
            book if state.received_at else None,
            seq if state.received_at else None,
            plan.officer,
            plan.counter,
            _ts(first_at),
            _ts(state.last_event_at),
        )
        return dossier, ev_rows, outbox


DOSSIER_COLUMNS = (
    "id, code, provisional, procedure_code, procedure_name, status, channel, applicant_name, "
    "applicant_name_folded, applicant_id_number, applicant_phone, applicant, documents, sets, "
    "result_delivery, fees, fee_total, note, received_at, due_at, finished_at, returned_at, "
    "paused_at, pauses, register_book, register_seq, officer, counter, created_at, updated_at"
)


def fill(path: Path, catalog: list[dict[str, Any]], n: int) -> dict[str, int]:
    """Insert ``n`` dossiers into the initialised counter database at ``path``."""
    conn = sqlite3.connect(path, isolation_level=None)
    # one big transaction without a journal: a failed run leaves a .tmp directory that is thrown
    # away, and WAL would write every page twice (Database.open turns WAL back on)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('dossiers', 'events', 'outbox')"
    ).fetchall()
    conn.execute("BEGIN")
    for name, _sql in indexes:
        conn.execute(f"DROP INDEX {name}")
    gen, writer = Generator(catalog, n), Writer(catalog)
    batch_d: list[tuple[Any, ...]] = []
    batch_e: list[tuple[Any, ...]] = []
    batch_o: list[tuple[Any, ...]] = []
    placeholders = ", ".join("?" * 30)

    def flush() -> None:
        conn.executemany(
            f"INSERT INTO dossiers ({DOSSIER_COLUMNS}) VALUES ({placeholders})", batch_d
        )
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_e)
        conn.executemany(
            "INSERT INTO outbox (event_id, seq, enqueued_at, acked_at, attempts, last_error, dead)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            batch_o,
        )
        batch_d.clear(), batch_e.clear(), batch_o.clear()

    for plan in gen.plans():
        d, e, o = writer.rows(plan)
        batch_d.append(d)
        batch_e += e
        batch_o += o
        if len(batch_d) >= 20_000:
            flush()
    flush()
    for _name, sql in indexes:
        conn.execute(sql)
    conn.execute(
        "INSERT OR REPLACE INTO sequences (name, value) VALUES ('event_seq', ?)",
        (writer.event_seq,),
    )
    for year, top in writer.register.items():
        conn.execute(
            "INSERT OR REPLACE INTO sequences (name, value) VALUES (?, ?)",
            (f"register:{year}", top),
        )
    conn.execute("COMMIT")
    conn.close()
    return {"events": writer.event_seq, "days": len(gen.days)}
