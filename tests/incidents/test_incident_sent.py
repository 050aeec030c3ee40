"""Phụ lục II (Kiên Giang QĐ 921/QĐ-UBND, seed 000): printing the incident request is not sending
it (issue 21, item 2). Recording it as sent is its own action — ``motcua incident sent``, the
service's ``send`` with the ``incident.send`` role, an audit entry — and the IT department's
answer clock (An Giang QĐ 66/2020 Điều 27.6, seed 002: 04 hours from receiving it) runs from the
recorded sending time, never from the printing. The form's items 1–6 are laid out in one style.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import roles
from desktop.store.accounts import audit
from desktop.store.accounts.officers import create_officer
from desktop.store.clock import local_now
from desktop.store.incidents.recorder import IncidentRecorder
from sync.connectivity import Cause, Connectivity, Unreachable
from tests.clitools import Cli
from tests.conftest import Counter
from tests.pdftools import open_pdf

PASSWORD = "Quay2026abc"


@pytest.fixture
def incident(tmp_path: Path) -> Iterator[tuple[Cli, Counter, datetime]]:
    """An An Giang counter with one open incident that began at 09:00 a few days back."""
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", None)
    with c.db.write() as s:
        for username, role in (("tiepnhan", "reception"), ("lanhdao", "supervisor")):
            create_officer(s, username, f"Cán bộ {role}", frozenset({role}), PASSWORD,
                           must_change=False, by="admin")  # fmt: skip
    start = datetime.combine(local_now().date() - timedelta(days=3), time(9, 0))
    clock = [start]
    rec = IncidentRecorder(c.db, c.ctx, grace=timedelta(minutes=5), clock=lambda: clock[0])
    for when in (start, start + timedelta(minutes=6)):
        clock[0] = when
        rec.observe(Connectivity(True), Connectivity(False, Cause.TIMEOUT, "quá thời gian chờ"))
        rec.cycle(None, Unreachable(Cause.TIMEOUT, "quá thời gian chờ"))
    cli = Cli(c.data_dir)
    yield cli, c, start
    c.db.close()


def _run(cli: Cli, user: str, *argv: str) -> Any:
    password = "Quay2026xyz" if user == "admin" else PASSWORD
    return cli.run(*argv, "--user", user, env={"MOTCUA_PASSWORD": password})


def _show(cli: Cli) -> dict[str, Any]:
    got = _run(cli, "tiepnhan", "incident", "show", "1", "--json")
    assert got.returncode == 0, got.stderr
    shown: dict[str, Any] = json.loads(got.stdout)
    return shown


def _audit(c: Counter, action: str) -> list[Any]:
    with c.db.read() as s:
        return [e for e in audit.recent(s, 500) if e.action == action]


def test_printing_is_not_sending_and_the_clock_starts_when_sent(
    incident: tuple[Cli, Counter, datetime], tmp_path: Path
) -> None:
    cli, c, start = incident
    pdf = tmp_path / "phieu.pdf"
    got = _run(cli, "tiepnhan", "incident", "form", "1", "--pdf", str(pdf))
    assert got.returncode == 0, got.stderr and pdf.stat().st_size > 0
    assert "Chưa ghi nhận đã gửi" in got.stdout and "motcua incident sent 1" in got.stdout
    shown = _show(cli)
    assert shown["reported_at"] is None and shown["answer_due_at"] is None
    assert not _audit(c, "incident.reported")

    sent = start + timedelta(minutes=40)
    got = _run(
        cli, "lanhdao", "incident", "sent", "1", "--at", sent.isoformat(timespec="minutes"),
        "--to", "Sở Khoa học và Công nghệ tỉnh An Giang", "--json",
    )  # fmt: skip
    assert got.returncode == 0, got.stderr
    view = json.loads(got.stdout)
    assert datetime.fromisoformat(view["reported_at"]) == sent
    # seed 002 Điều 27.6: answered within 04 hours of receiving it, from the sending time
    assert datetime.fromisoformat(view["answer_due_at"]) == sent + timedelta(hours=4)
    assert view["report_to"] == "Sở Khoa học và Công nghệ tỉnh An Giang"
    assert view["reported_by"] == "lanhdao" and view["answer_overdue"] is True
    (entry,) = _audit(c, "incident.reported")
    assert entry.officer == "lanhdao" and entry.target == "1"
    assert entry.detail == {
        "sent_at": sent.isoformat(timespec="minutes"),
        "to": "Sở Khoa học và Công nghệ tỉnh An Giang",
    }

    # printing again later moves nothing
    assert _run(cli, "tiepnhan", "incident", "form", "1", "--pdf", str(pdf)).returncode == 0
    assert datetime.fromisoformat(_show(cli)["reported_at"]) == sent

    # the first sending is the one the clock runs from: a second is refused, nothing changes
    again = _run(cli, "tiepnhan", "incident", "sent", "1")
    assert again.returncode == 1 and again.stdout == ""
    assert "đã được ghi nhận gửi" in again.stderr and "Traceback" not in again.stderr
    assert len(_audit(c, "incident.reported")) == 1


def test_sending_times_and_roles_that_are_refused(
    incident: tuple[Cli, Counter, datetime],
) -> None:
    cli, c, start = incident
    cases = [
        (("--at", (start - timedelta(hours=1)).isoformat()), "trước khi sự cố bắt đầu"),
        (("--at", (local_now() + timedelta(hours=2)).isoformat()), "ở tương lai"),
        (("--at", "hôm qua"), "2026-12-01T09:30"),
        (("--to", "   "), "Nơi nhận phiếu"),
    ]
    for extra, said in cases:
        got = _run(cli, "tiepnhan", "incident", "sent", "1", *extra)
        assert got.returncode != 0 and said in got.stderr, (extra, got.stderr)
        assert "Traceback" not in got.stderr
    # who may: the counter's staff — whoever reports it, or the supervisor who confirms it
    assert roles.roles_for("incident.send") == {"reception", "returns", "supervisor"}
    # never without signing in
    got = cli.run("incident", "sent", "1")
    assert got.returncode != 0 and "--user" in got.stderr and got.stdout == ""
    assert _show(cli)["reported_at"] is None and not _audit(c, "incident.reported")
    # no --at: now, by the counter's clock
    before = local_now().replace(microsecond=0)
    got = _run(cli, "tiepnhan", "incident", "sent", "1")
    assert got.returncode == 0, got.stderr
    assert "Hạn phản hồi thời gian khắc phục" in got.stdout
    assert before <= datetime.fromisoformat(_show(cli)["reported_at"]) <= local_now()


def _lines(pdf: Path) -> list[tuple[str, float, float, str]]:
    """Each text line of the first page: its text, left x, top y (from the top) and the font
    of its first character, read from the PDF with PDFium."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out: list[tuple[str, float, float, str]] = []
    with open_pdf(pdf) as doc:
        page = doc[0]
        height = page.get_height()
        text = page.get_textpage()
        n = text.count_chars()
        chars = text.get_text_range(0, n)
        start = 0
        for i in range(n + 1):
            if i == n or chars[i] in "\r\n":
                if chars[start:i].strip():
                    left, _b, _r, top = text.get_charbox(start)
                    buf = ctypes.create_string_buffer(200)
                    flags = ctypes.c_int()
                    pdfium_c.FPDFText_GetFontInfo(text.raw, start, buf, 200, ctypes.byref(flags))
                    font = buf.value.decode("latin-1")
                    out.append((chars[start:i], left, height - top, font))
                start = i + 1
        text.close()
        page.close()
    return out


def test_items_one_to_six_are_laid_out_alike(
    incident: tuple[Cli, Counter, datetime], tmp_path: Path
) -> None:
    cli, _c, _start = incident
    pdf = tmp_path / "phieu.pdf"
    got = _run(cli, "tiepnhan", "incident", "form", "1", "--pdf", str(pdf),
               "--email", "motcua@angiang.gov.vn", "--phone", "0296 3852 000")  # fmt: skip
    assert got.returncode == 0, got.stderr
    lines = _lines(pdf)
    items = {}
    for text, x, y, font in lines:
        head = text.split(" ", 1)[0]
        if head in {f"{n}." for n in range(1, 7)}:
            items[int(head[0])] = (text, x, y, font)
    assert sorted(items) == [1, 2, 3, 4, 5, 6], [t for t, *_ in lines]
    # the template's lines: Chức vụ with Cơ quan, Email with số điện thoại
    assert "Cơ quan:" in items[2][0] and "số điện thoại: 0296 3852 000" in items[3][0]
    # one style: the same left edge, the same (regular, not bold) font for every label
    xs = [x for _t, x, _y, _f in items.values()]  # glyph boxes: a digit's own side bearing
    assert max(xs) - min(xs) < 1.5, xs
    fonts = {f for *_x, f in items.values()}
    assert len(fonts) == 1 and "Bold" not in fonts.pop()
    # the same spacing after the one-line items 1 and 3 (item 2 may wrap to a second line)
    y = {n: items[n][2] for n in items}
    assert abs((y[2] - y[1]) - (y[4] - y[3])) < 0.5, y
    # and no unnumbered label among them (the old form had "Cơ quan" and "Số điện thoại" alone)
    assert not any(t.startswith(("Cơ quan:", "Số điện thoại:")) for t, *_r in lines)
