"""``motcua office set|show`` and the same options on ``init`` (issue 21): the administrator sets
the office's heading lines, place and number prefix, audited; anyone else is refused; a bad
value (empty, too long, a control character, a bad prefix) says why in Vietnamese, exits 1 and
changes nothing; an old database prints the province's proper name, never its profile id."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.store.counter import load_context
from desktop.store.db import DB_NAME, Database
from desktop.store.models import CounterIdentity
from desktop.store.printing.form_data import office
from sync.limits import MAX_NUMBER_PREFIX, MAX_OFFICE_LINE, MAX_OFFICE_PLACE
from tests.clitools import Cli

COMMUNE = (
    "--authority", "ủy ban nhân dân xã Mỹ Hòa Hưng",
    "--name", "Trung tâm Phục vụ hành chính công",
    "--place", "Mỹ Hòa Hưng",
)  # fmt: skip
OTHER = {"MOTCUA_PASSWORD": "Moi2026abc"}


def _add_officer(cli: Cli, name: str, roles: str) -> None:
    out = cli.run(
        "officer", "add", name, "--name", "Cán bộ", "--roles", roles, "--user", "admin",
        env={"MOTCUA_NEW_PASSWORD": "Batdau2026"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = cli.run(
        "password", "--user", name,
        env={"MOTCUA_PASSWORD": "Batdau2026", "MOTCUA_NEW_PASSWORD": OTHER["MOTCUA_PASSWORD"]},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr


def test_init_without_an_office_prints_the_provincial_centre(cli: Cli) -> None:
    shown = cli.json("office", "show", "--json")
    assert shown["authority"] == "UBND TỈNH AN GIANG"
    assert shown["name"] == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert shown["place"] == "An Giang" and shown["number_prefix"] == "TTPVHCC"
    # nobody chose it: undated, so the province's office from the server replaces it
    assert shown["source"] == "init" and shown["set_at"] is None


def test_admin_sets_it_upper_cased_show_reads_it_and_the_audit_names_it(cli: Cli) -> None:
    out = cli.ok("office", "set", *COMMUNE, "--number-prefix", "tn-hcc", "--user", "admin")
    assert "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG" in out
    shown = cli.json("office", "show", "--json")
    assert shown["authority"] == "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
    assert shown["name"] == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert shown["place"] == "Mỹ Hòa Hưng", "the place is printed as written"
    assert shown["number_prefix"] == "TN-HCC"
    assert shown["source"] == "counter" and shown["set_by"] == "admin" and shown["set_at"]
    text = cli.ok("office", "show")
    assert "Địa danh: Mỹ Hòa Hưng" in text and "quản trị tại quầy (admin)" in text
    log = cli.ok("audit", "list", "--json", "--user", "admin")
    assert '"office.set"' in log and "MỸ HÒA HƯNG" in log
    # without --number-prefix the one in force stays
    cli.ok("office", "set", *COMMUNE, "--user", "admin")
    assert cli.json("office", "show", "--json")["number_prefix"] == "TN-HCC"


def test_the_office_reaches_the_forms(cli: Cli) -> None:
    cli.ok("office", "set", *COMMUNE, "--number-prefix", "BPMC", "--user", "admin")
    db = Database.open(cli.data_dir)
    try:
        o = office(load_context(db, cli.data_dir))
    finally:
        db.close()
    assert (o.parent, o.name, o.place, o.reference_suffix) == (
        "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "Mỹ Hòa Hưng",
        "BPMC",
    )


def test_only_an_administrator_may_set_it(cli: Cli) -> None:
    before = cli.json("office", "show", "--json")
    for i, role in enumerate(("reception", "returns", "supervisor")):
        _add_officer(cli, f"cb.khac{i}", role)
        out = cli.run("office", "set", *COMMUNE, "--user", f"cb.khac{i}", env=OTHER)
        assert out.returncode == 1 and "không có quyền" in out.stderr
        assert "Traceback" not in out.stderr
    assert cli.json("office", "show", "--json") == before


BAD: list[tuple[dict[str, str], str]] = [
    ({"--authority": "  "}, "Tên cơ quan chủ quản không được để trống"),
    ({"--name": "A" * (MAX_OFFICE_LINE + 1)}, f"tối đa {MAX_OFFICE_LINE} ký tự"),
    ({"--place": "M" * (MAX_OFFICE_PLACE + 1)}, f"tối đa {MAX_OFFICE_PLACE} ký tự"),
    ({"--name": "TRUNG TÂM\nPHỤC VỤ"}, "ký tự điều khiển"),
    ({"--authority": "UBND\x00XÃ"}, "ký tự điều khiển"),
    ({"--place": "Mỹ\u202eHòa"}, "ký tự điều khiển"),
    ({"--number-prefix": "BP MC"}, "Ký hiệu số văn bản"),
    ({"--number-prefix": "12/TT"}, "Ký hiệu số văn bản"),
    ({"--number-prefix": "X" * (MAX_NUMBER_PREFIX + 1)}, "Ký hiệu số văn bản"),
]


def test_a_bad_value_exits_1_in_vietnamese_and_changes_nothing(cli: Cli) -> None:
    cli.ok("office", "set", *COMMUNE, "--user", "admin")
    before = cli.json("office", "show", "--json")
    for change, said in BAD:
        given = dict(zip(COMMUNE[::2], COMMUNE[1::2], strict=True)) | change
        args = [item for pair in given.items() for item in pair]
        out = cli.run("office", "set", *args, "--user", "admin")
        assert out.returncode == 1 and said in out.stderr, (change, out.stderr)
        assert "Traceback" not in out.stderr
        assert cli.json("office", "show", "--json") == before


def test_init_takes_the_office(tmp_path: Path) -> None:
    c = Cli(tmp_path / "data")
    c.ok(
        "init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01",
        "--admin-user", "admin", *COMMUNE, "--number-prefix", "TTPVHCC",
    )  # fmt: skip
    shown = c.json("office", "show", "--json")
    assert shown["authority"] == "ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"
    assert shown["place"] == "Mỹ Hòa Hưng" and shown["source"] == "init"
    assert shown["set_by"] == "admin" and shown["set_at"], "chosen at init: dated"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--authority", "UBND XÃ A"), "cần đủ --authority, --name và --place"),
        ((*COMMUNE[:4], "--place", "Mỹ\tHòa"), "ký tự điều khiển"),
    ],
)
def test_init_with_a_bad_office_creates_nothing(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    c = Cli(tmp_path / "data")
    out = c.run(
        "init", "--province", "an-giang", "--agency", "000.00.12.H01", "--counter", "Q01",
        "--admin-user", "admin", *args,
    )  # fmt: skip
    assert out.returncode == 1 and said in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "data" / DB_NAME).exists()


def test_a_merged_provinces_counter_prints_the_province_of_today(tmp_path: Path) -> None:
    """Kiên Giang is part of An Giang since 1 July 2025: its counters' default heading names
    An Giang (the profile's ``province_today``), not a province that no longer exists."""
    c = Cli(tmp_path / "data")
    c.ok(
        "init", "--province", "kien-giang", "--agency", "000.00.06.H56", "--counter", "Q01",
        "--admin-user", "admin",
    )  # fmt: skip
    shown = c.json("office", "show", "--json")
    assert shown["authority"] == "UBND TỈNH AN GIANG" and shown["place"] == "An Giang"


def test_an_old_database_prints_the_proper_name_not_the_profile_id(cli: Cli) -> None:
    """A database from before the office was stored (migrations 0002/0015 left the columns
    empty) used to print "UBND TỈNH AN-GIANG" from the profile id."""
    db = Database.open(cli.data_dir)
    try:
        with db.write() as s:
            s.execute(
                update(CounterIdentity).values(
                    office_parent=None,
                    office_name=None,
                    office_place=None,
                    office_number_prefix=None,
                    office_source=None,
                    office_set_at=None,
                )
            )
        o = office(load_context(db, cli.data_dir))
    finally:
        db.close()
    assert o.parent == "UBND TỈNH AN GIANG" and "AN-GIANG" not in o.parent
    assert o.place == "An Giang" and o.reference_suffix == "TTPVHCC"
    shown = cli.json("office", "show", "--json")
    assert shown["authority"] == "UBND TỈNH AN GIANG" and shown["source"] is None
