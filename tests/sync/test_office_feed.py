"""The province sets an agency's office on its server (``motcua-server office set``, issue 21);
the agency's counters apply it from the change feed, other agencies' counters do not. Which
stands when the counter's administrator also set one: the later of the two by the time each was
set, audited either way (desktop/store/office.py). One the counter's rules refuse is a conflict,
never an exception."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.domain.office import check_office
from desktop.store.accounts.audit import recent
from desktop.store.models import SyncConflict
from desktop.store.office import load_office, save_office
from desktop.store.printing.form_data import office
from desktop.store.sync.inbound import apply_changes
from sync.protocol import ChangesResponse, OfficeChange
from tests.conftest import Counter
from tests.synctools import ServerProcess, make_counter

AGENCY = "000.00.12.H01"
COMMUNE = (
    "--authority", "Ủy ban nhân dân xã Mỹ Hòa Hưng",
    "--name", "Trung tâm Phục vụ hành chính công",
    "--place", "Mỹ Hòa Hưng",
)  # fmt: skip


def test_the_server_sets_an_agencys_office_for_its_counters(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    other = make_counter(tmp_path, sqlite_server.url, "Q09", agency="000.00.12.H02")
    for bad in (
        ("--authority", "", "--name", "TT", "--place", "P"),
        ("--authority", "UBND\nXÃ", "--name", "TT", "--place", "P"),
        ("--authority", "A" * 201, "--name", "TT", "--place", "P"),
        (*COMMUNE, "--number-prefix", "BP MC"),
    ):
        out = sqlite_server.admin("office", "set", "--agency", AGENCY, *bad)
        assert out.returncode != 0 and "Traceback" not in out.stderr
    assert (
        json.loads(sqlite_server.admin("office", "show", "--agency", AGENCY, "--json").stdout)
        is None
    )

    out = sqlite_server.admin(
        "office", "set", "--agency", AGENCY, *COMMUNE, "--number-prefix", "tn-hcc"
    )
    assert out.returncode == 0, out.stderr
    shown = json.loads(sqlite_server.admin("office", "show", "--agency", AGENCY, "--json").stdout)
    assert (
        shown["authority"] == "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG" and shown["place"] == "Mỹ Hòa Hưng"
    )
    assert "office set" in sqlite_server.admin("journal").stdout

    q1.sync()
    other.sync()
    with q1.db.read() as s:
        record = load_office(s, "An Giang")
        assert record.source == "server" and record.set_at is not None
        assert record.lines.authority == "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
        assert record.lines.name == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
        assert (record.lines.place, record.lines.number_prefix) == ("Mỹ Hòa Hưng", "TN-HCC")
        assert not list(s.scalars(select(SyncConflict)))
        assert any(e.action == "office.set" and e.officer == "he-thong" for e in recent(s))
    q1.reload()
    assert office(q1.ctx).place == "Mỹ Hòa Hưng"
    with other.db.read() as s:
        assert load_office(s, "An Giang").lines.authority == "UBND TỈNH AN GIANG", (
            "another agency's office"
        )
    # read again (a counter re-reading its feed): nothing changes twice
    q1.sync()
    with q1.db.read() as s:
        assert sum(e.action == "office.set" for e in recent(s)) == 1


def _change(at: datetime, place: str = "Vĩnh Thạnh Trung") -> OfficeChange:
    return OfficeChange(
        kind="office",
        authority="ỦY BAN NHÂN DÂN XÃ VĨNH THẠNH TRUNG",
        name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        place=place,
        number_prefix="TTPVHCC",
        set_at=at,
    )


def test_the_later_of_the_counters_and_the_servers_office_stands(counter: Counter) -> None:
    mine = check_office("UBND XÃ MỸ HÒA HƯNG", "TRUNG TÂM PHVHCC", "Mỹ Hòa Hưng", "TTPVHCC")
    with counter.db.write() as s:
        local = save_office(s, mine, by="admin")
    assert local.set_at is not None
    # the province set its office before the administrator did: the counter's stands
    with counter.db.write() as s:
        report = apply_changes(s, counter.ctx, [_change(local.set_at - timedelta(hours=1))], "c1")
    assert report.conflicts == 1 and report.applied == 0
    with counter.db.read() as s:
        assert load_office(s, "An Giang").lines == mine
        (problem,) = s.scalars(select(SyncConflict))
        assert problem.kind == "office" and "giữ tiêu đề của quầy" in problem.message
        assert any(e.action == "office.server_older" for e in recent(s))
    # a later one from the province replaces it
    with counter.db.write() as s:
        report = apply_changes(s, counter.ctx, [_change(local.set_at + timedelta(hours=1))], "c2")
    assert report.applied == 1
    with counter.db.read() as s:
        record = load_office(s, "An Giang")
        assert record.source == "server" and record.lines.place == "Vĩnh Thạnh Trung"


def test_an_office_the_counter_cannot_use_is_a_conflict_and_the_old_one_stays(
    counter: Counter,
) -> None:
    with counter.db.read() as s:
        before = load_office(s, "An Giang")
    bad = _change(datetime(2026, 1, 5, 9, 0), place="Mỹ\x00Hòa")
    with counter.db.write() as s:
        report = apply_changes(s, counter.ctx, [bad], "c1")
    assert report.conflicts == 1 and report.applied == 0
    with counter.db.read() as s:
        assert load_office(s, "An Giang") == before
        (problem,) = s.scalars(select(SyncConflict))
        assert problem.kind == "office" and "tiêu đề cơ quan từ máy chủ" in problem.message


def test_a_page_with_an_odd_office_entry_still_reads() -> None:
    """The protocol reads an office loosely: the counter, not the page parser, judges it."""
    page = ChangesResponse.model_validate(
        {
            "items": [
                {
                    "kind": "office",
                    "authority": "",
                    "name": "x\n",
                    "place": "",
                    "set_at": "2026-01-05T09:00:00",
                }
            ],
            "cursor": "c1",
            "more": False,
        }
    )
    assert isinstance(page.items[0], OfficeChange)
