"""The server takes a dossier code only from the counter that owns its number (issue 17, item 3):
the pushing counter's agency format, and a number leased to that counter for that day, its
emergency range, or its own provisional code. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import date

from sync.protocol import REJECTION_CODES
from tests.synctools import ServerProcess

from .test_server_api import AGENCY, Device

OTHER_AGENCY = "000.00.99.H01"


def _outcome(dev: Device, code: str | None, **over: object) -> tuple[str, str | None]:
    provisional = over.pop("provisional", None)
    ev = dev.event(str(uuid.uuid4()), code=code, **over)
    if provisional is not None:
        ev["after"]["provisional"] = provisional
    (res,) = dev.push(ev)
    assert res["code"] is None or res["code"] in REJECTION_CODES, res
    return res["outcome"], res.get("code")


def test_only_leased_emergency_or_own_provisional_codes_are_taken(server: ServerProcess) -> None:
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    kg = Device(server, "Q01", agency=OTHER_AGENCY)
    assert q1.lease(10) == list(range(1, 11))
    assert q2.lease(10) == list(range(11, 21))
    assert kg.lease(10) == list(range(1, 11))
    assert q1.lease(5, date(2026, 11, 21)) == list(range(1, 6))
    e1 = q1.enrolment["emergency"]
    refused = {
        # another counter's next code
        f"{AGENCY}201126011": "code_not_leased",
        # a number nobody leased
        f"{AGENCY}201126500": "code_not_leased",
        # another counter's emergency range
        f"{AGENCY}201126{q2.enrolment['emergency']['start']:03d}": "code_not_leased",
        # another agency's next code
        f"{OTHER_AGENCY}201126001": "bad_code",
        "'; DROP TABLE dossiers;--": "bad_code",
        # leased for the 21st, but the dossier was received on the 20th
        f"{AGENCY}211126001": "bad_code",
        # not the template's spelling
        f"{AGENCY}-201126-0001": "bad_code",
        f"{AGENCY}201126000": "bad_code",
        # provisional codes name the pushing counter and agency
        f"TAM-{AGENCY}-Q02-261120-001": "bad_code",
        f"TAM-{OTHER_AGENCY}-Q01-261120-001": "bad_code",
        f"TAM-{AGENCY}-Q01-261121-001": "bad_code",  # not the reception day
        f"TAM-{AGENCY}-Q01-261120-001; DROP": "bad_code",
    }
    for code, reason in refused.items():
        assert _outcome(q1, code) == ("rejected", reason), code
    # a real-looking code sent as provisional, and a provisional one sent as real
    assert _outcome(q1, f"{AGENCY}201126001", provisional=True) == ("rejected", "bad_code")
    assert _outcome(q1, f"TAM-{AGENCY}-Q01-261120-002", provisional=False) == (
        "rejected",
        "bad_code",
    )
    taken = [
        f"{AGENCY}201126001",
        f"{AGENCY}201126010",
        f"{AGENCY}201126{e1['start']:03d}",
        f"{AGENCY}201126{e1['end']:03d}",
        f"TAM-{AGENCY}-Q01-261120-001",
    ]
    for code in taken:
        assert _outcome(q1, code) == ("applied", None), code
    # the real owner of the number the hijacker tried is not turned into a dead letter
    assert _outcome(q2, f"{AGENCY}201126011") == ("applied", None)
    assert _outcome(kg, f"{OTHER_AGENCY}201126001") == ("applied", None)
    out = server.admin("export", "--from", "2026-11-20", "--to", "2026-11-20")
    exported = {row["MaHoSo"] for row in json.loads(out.stdout)["data"]}
    owners_own = {f"{AGENCY}201126011", f"{OTHER_AGENCY}201126001"}  # pushed by their owners
    assert not exported & (set(refused) - owners_own)
    assert f"{AGENCY}201126011" in exported and f"{AGENCY}201126001" in exported


def test_a_code_is_checked_when_it_first_reaches_a_dossier(server: ServerProcess) -> None:
    q1 = Device(server, "Q01")
    q1.lease(2)
    did = str(uuid.uuid4())
    code = f"{AGENCY}201126001"
    assert q1.push(q1.event(did, code=code))[0]["outcome"] == "applied"
    # later events carry the same code: nothing more to check
    later = q1.event(did, code=code, type="rescheduled")
    assert q1.push(later)[0]["outcome"] == "applied"
    # a provisional dossier keeps its code; a real one cannot be swapped in by the counter
    swapped = q1.event(did, code=f"{AGENCY}201126002", type="rescheduled")
    assert q1.push(swapped)[0]["code"] == "code_conflict"


def test_the_server_reads_codes_as_the_counter_writes_them() -> None:
    from desktop.domain.codes import AN_GIANG_TEMPLATE, NATIONAL_TEMPLATE, CodeFormat
    from sync.server.code_rules import parse_code

    for template in (AN_GIANG_TEMPLATE, NATIONAL_TEMPLATE):
        fmt = CodeFormat(template)
        for seq in (1, 42, fmt.max_seq):
            code = fmt.format(AGENCY, date(2026, 11, 20), seq)
            assert (
                parse_code(template, code) == fmt.parse(code) == (AGENCY, date(2026, 11, 20), seq)
            )
        for junk in ("", "X", code[:-1], code + "0", " " + code, code.lower(), code + " "):
            # a digit more or less may read as another agency's code: never as this one's
            parsed = parse_code(template, junk)
            assert parsed is None or parsed[0] != AGENCY, junk


def test_one_counter_cannot_lease_the_agencys_whole_day(server: ServerProcess) -> None:
    """Leases of one day are capped per counter (half the numbers leases may use), so a counter
    that asks again and again leaves numbers for the others; past the template's limit (999 for
    An Giang's 3 digits, QĐ 66/2020 Điều 7.3.b) a dossier keeps its visibly provisional code."""
    q1, q2, q3 = (Device(server, c) for c in ("Q01", "Q02", "Q03"))
    top = 999 - 3 * 20  # below the three counters' emergency ranges
    assert len(q1.lease(500) + q1.lease(500) + q1.lease(500)) == top // 2
    assert len(q2.lease(500) + q2.lease(500)) == top // 2
    assert len(q3.lease(500)) == top - 2 * (top // 2)
    assert q1.lease(500) == [] and q3.lease(500) == []
    # the day is full: a provisional code is taken but keeps its TAM- mark
    did = str(uuid.uuid4())
    code = f"TAM-{AGENCY}-Q01-261120-001"
    assert q1.push(q1.event(did, code=code))[0]["outcome"] == "applied"
    feed = q1.http.get("/changes").json()
    assert not [i for i in feed["items"] if i["kind"] == "event"]
    report = json.loads(server.admin("report", "--json").stdout)
    assert report["provisional_without_code"] == 1 and report["codes"] == 0


def test_a_counter_enrolled_late_gets_no_emergency_range_over_numbers_already_leased(
    server: ServerProcess,
) -> None:
    """Emergency ranges sit above every lease, but only above the ranges of the counters
    enrolled when the lease was made: a counter enrolled after a busy day would have been given
    numbers already leased to another (Q03's 940-959 over Q02's lease up to 958), and both would
    have printed receipts with the same code. It gets none then: leases and provisional codes."""
    q1, q2 = Device(server, "Q01"), Device(server, "Q02")
    top = 999 - 2 * 20
    assert len(q1.lease(500) + q2.lease(500)) == 2 * (top // 2)  # up to 958
    q3 = Device(server, "Q03")
    assert q3.enrolment["emergency"] is None
    # a quiet agency's new counter still gets its range
    quiet = Device(server, "Q01", agency="000.00.12.H02")
    assert quiet.enrolment["emergency"] == {"start": 980, "end": 999}
