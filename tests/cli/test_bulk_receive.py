"""``motcua receive --json`` with a list is all or nothing, and may be run again safely (issue 17,
item 6): every item is validated, then all are written in one transaction; an item's optional
``request_id`` makes a re-run answer with the dossier already received for it. Also: a deeply
nested file is refused clearly, and ``stats`` survives any stored reception date (item 5)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from desktop.store.clock import local_now
from tests.clitools import Cli
from tests.conftest import minimal_form


def _count(cli: Cli, table: str = "dossiers") -> int:
    with sqlite3.connect(cli.data_dir / "motcua.db") as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _items(n: int, **over: Any) -> list[dict[str, Any]]:
    return [{**minimal_form(name=f"Nguyễn Văn {chr(65 + i)}"), **over} for i in range(n)]


def _receive(cli: Cli, items: Any, tmp_path: Path) -> Any:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return cli.run("receive", "--json", str(path), "--user", "admin")


def test_a_list_with_one_bad_item_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    for bad in (
        {"received_at": "2099-01-01T09:00"},  # in the future: found only when writing
        {"result_delivery": {"method": "post", "address": "Số 2 Hùng Vương"}},  # no postal result
        {"received_at": "0001-01-01T08:00"},
    ):
        items = _items(5)
        items[2] = {**items[2], **bad}
        p = _receive(cli, items, tmp_path)
        assert p.returncode == 1, p.stderr
        assert "Hồ sơ thứ 3" in p.stderr and "Traceback" not in p.stderr
        assert p.stdout == ""  # nothing printed: no receipt for anything
        assert _count(cli) == 0 and _count(cli, "outbox") == 0


def test_a_rerun_with_request_ids_answers_with_the_same_dossiers(cli: Cli, tmp_path: Path) -> None:
    items = [{**it, "request_id": f"dot-1/{i}"} for i, it in enumerate(_items(4))]
    first = [json.loads(line) for line in _receive(cli, items, tmp_path).stdout.splitlines()]
    assert len(first) == 4 and _count(cli) == 4
    again = _receive(cli, [*items, {**_items(5)[4], "request_id": "dot-1/4"}], tmp_path)
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert [d["id"] for d in lines[:4]] == [d["id"] for d in first]
    assert [d["code"] for d in lines[:4]] == [d["code"] for d in first]
    assert [d["existing"] for d in lines] == [True] * 4 + [False]
    assert _count(cli) == 5 and _count(cli, "outbox") == 5
    # the same request id twice in one list is a mistake in the file, refused before writing
    twice = _items(2)
    twice = [{**twice[0], "request_id": "x-1"}, {**twice[1], "request_id": "x-1"}]
    p = _receive(cli, twice, tmp_path)
    assert p.returncode == 1 and "request_id" in p.stderr and _count(cli) == 5


def test_a_deeply_nested_file_is_refused_clearly(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    p = cli.run("receive", "--json", str(path), "--user", "admin")
    assert p.returncode == 1, p.stderr
    assert "lồng nhau" in p.stderr and "Traceback" not in p.stderr
    p = cli.run("receive", "--json", "-", "--user", "admin", stdin="{" * 100_000)
    assert p.returncode == 1 and "Traceback" not in p.stderr


def test_stats_survive_any_stored_reception_date(cli: Cli, tmp_path: Path) -> None:
    """Dossiers from before the bounds (an older version, or another counter's, pulled) must not
    crash statistics: an OverflowError (exit 70) on every counter of the agency before."""
    out = json.loads(
        cli.ok("receive", "--json", "-", "--user", "admin", stdin=json.dumps(_items(1)[0]))
    )
    with sqlite3.connect(cli.data_dir / "motcua.db") as conn:
        row = conn.execute("SELECT * FROM dossiers WHERE id = ?", (out["id"],)).fetchone()
        columns = [c[1] for c in conn.execute("PRAGMA table_info(dossiers)")]
        for i, when in enumerate(
            ("0001-01-01 08:00:00", "1899-12-31 09:00:00", "9999-12-31 09:00:00")
        ):
            copy = dict(zip(columns, row, strict=True))
            copy.update(
                id=f"{out['id'][:-2]}{i:02d}",
                code=f"OLD-{i}",
                received_at=when,
                due_at=when,
                register_book=None,
                register_seq=None,
            )
            if "request_id" in copy:
                copy["request_id"] = None
            marks = ", ".join("?" for _ in copy)
            conn.execute(
                f"INSERT INTO dossiers ({', '.join(copy)}) VALUES ({marks})", list(copy.values())
            )
    year = local_now().year
    for period in (
        ("--from", f"{year}-01-01", "--to", local_now().date().isoformat()),
        ("--from", "2000-01-01", "--to", "2000-12-31"),
    ):
        p = cli.run("stats", *period, "--json", "--user", "admin")
        assert p.returncode == 0, p.stderr


def test_a_list_of_refusals_is_all_or_nothing_and_its_reason_is_clean_text(
    cli: Cli, tmp_path: Path
) -> None:
    items = _items(3)
    items[1] = {**items[1], "result_delivery": {"method": "post", "address": "Số 2 Hùng Vương"}}
    path = tmp_path / "refuse.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    p = cli.run(
        "reject", "--json", str(path), "--reason", "Không thuộc thẩm quyền", "--user", "admin"
    )
    assert p.returncode == 1 and "Hồ sơ thứ 2" in p.stderr and p.stdout == ""
    assert _count(cli) == 0
    form = json.dumps(_items(1)[0])
    for reason in ("Không thuộc\x00 thẩm quyền", "Thiếu giấy tờ \u202eđã ký"):
        p = cli.run("reject", "--json", "-", "--reason", reason, "--user", "admin", stdin=form)
        assert p.returncode == 1 and "ký tự" in p.stderr and "Traceback" not in p.stderr
    assert _count(cli) == 0
