"""`motcua rate` and the ratings in `stats` (issue 20 item 2): a paper rating typed in names
the officer who served that stage, not the one typing; a rating for a dossier not returned, a
second rating, a level off the scale or a comment with control characters are refused with
nothing written; `stats --json` counts each level, and a split by officer counts the officer
rated."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from desktop.store.accounts.officers import create_officer
from desktop.store.db import Database
from desktop.store.models import EventRow, Rating
from tests.clitools import Cli
from tests.conftest import minimal_form


def _officer(cli: Cli, username: str, roles: set[str]) -> None:
    from tests.cli.test_personal_data_commands import PASSWORD

    db = Database.open(cli.data_dir)
    try:
        with db.write() as s:
            create_officer(s, username, f"Cán bộ {username}", frozenset(roles), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    finally:
        db.close()


def _ratings(cli: Cli) -> tuple[int, int]:
    db = Database.open(cli.data_dir)
    try:
        with db.read() as s:
            rated = s.scalar(select(func.count()).where(EventRow.type == "rated"))
            rows = s.scalar(select(func.count()).select_from(Rating))
            return int(rated or 0), int(rows or 0)
    finally:
        db.close()


def test_paper_ratings_refusals_and_statistics(cli: Cli, tmp_path: Path) -> None:
    from tests.cli.test_personal_data_commands import PASSWORD

    _officer(cli, "tiepnhan", {"reception"})
    as_reception = {"MOTCUA_PASSWORD": PASSWORD}
    p = cli.run("receive", "--json", "-", "--user", "tiepnhan", stdin=json.dumps(minimal_form()),
                env=as_reception)  # fmt: skip
    assert p.returncode == 0, p.stderr
    code = json.loads(p.stdout)["code"]

    # the return is not rated before the result is back: refused, nothing written
    p = cli.run("rate", code, "--level", "5", "--user", "admin")
    assert p.returncode == 1 and "chưa trả kết quả" in p.stderr and "Traceback" not in p.stderr
    assert _ratings(cli) == (0, 0)
    # off the scale, or a comment with a control character
    for level in ("0", "6", "năm", "4.5"):
        p = cli.run("rate", code, "--stage", "reception", "--level", level, "--user", "admin")
        assert p.returncode == 1 and "Mức đánh giá" in p.stderr, (level, p.stderr)
    p = cli.run("rate", code, "--stage", "reception", "--level", "4", "--comment", "Tốt\x07",
                "--user", "admin")  # fmt: skip
    assert p.returncode == 1 and "ký tự không được phép" in p.stderr
    assert _ratings(cli) == (0, 0)

    # the reception, typed in by the admin from a paper form: the officer rated is the receiver
    done = cli.json("rate", code, "--stage", "reception", "--level", "4", "--comment",
                    "  Hướng dẫn   tận tình ", "--user", "admin")  # fmt: skip
    assert done["served_by"] == "tiepnhan" and done["level_label"] == "Hài lòng"
    p = cli.run("rate", code, "--stage", "reception", "--level", "5", "--user", "admin")
    assert p.returncode == 1 and "đã đánh giá việc tiếp nhận" in p.stderr
    assert _ratings(cli) == (1, 1)

    cli.json("result-ready", code, "--user", "admin")
    cli.json("return", code, "--receiver-name", "Nguyễn Văn An", "--receiver-id", "089085001234",
             "--user", "admin")  # fmt: skip
    assert cli.json("rate", code, "--level", "2", "--user", "admin")["served_by"] == "admin"
    p = cli.run("rate", code, "--level", "1", "--user", "admin")
    assert p.returncode == 1 and "đã đánh giá việc trả kết quả" in p.stderr
    assert _ratings(cli) == (2, 2)

    figures = cli.json("stats", "--period", "today", "--json", "--user", "admin")
    rated = figures["satisfaction"]
    assert rated["total"] == 2
    assert rated["levels"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}
    assert rated["shares"]["4"] == 50.0 and rated["satisfied_share"] == 50.0
    assert rated["average"] == 3.0
    assert rated["by_stage"]["reception"]["levels"]["4"] == 1
    assert rated["by_stage"]["return"]["levels"]["2"] == 1
    by_officer = cli.json("stats", "--period", "today", "--by", "officer", "--json",
                          "--user", "admin")  # fmt: skip
    per = {r["key"]: r["satisfaction"]["levels"] for r in by_officer["rows"]}
    assert per["tiepnhan"]["4"] == 1 and per["admin"]["2"] == 1
    text = cli.ok("stats", "--period", "today", "--by", "officer", "--user", "admin")
    assert "Mức độ hài lòng" in text and "Hài lòng trở lên: 50,0 %" in text
    assert "Cán bộ được đánh giá" in text
    out = tmp_path / "thong-ke.csv"
    cli.ok("stats", "--period", "today", "--by", "officer", "--csv", str(out), "--user", "admin")
    head = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "Mức độ hài lòng: rất hài lòng" in head and "hài lòng trở lên, %" in head
    # Biểu 06a: the ratings as a section after the fee money, in the PDF and the XLSX
    from openpyxl import load_workbook

    from tests.pdftools import pdf_text

    pdf, xlsx = tmp_path / "06a.pdf", tmp_path / "06a.xlsx"
    cli.ok("stats", "--period", "today", "--pdf", str(pdf), "--xlsx", str(xlsx), "--user", "admin")
    words = " ".join(pdf_text(pdf).split())
    assert (
        "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN" in words
        and "Tỷ lệ hài lòng và rất hài lòng, % 50,0" in words
    )
    cells = [c for row in load_workbook(xlsx)["Biểu 06a"].iter_rows(values_only=True) for c in row]
    assert "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN" in cells and "— Không hài lòng" in cells
