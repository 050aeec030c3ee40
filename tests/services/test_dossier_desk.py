"""The service layer decides who may act on dossiers, from the one role table: the store's
DossierService no longer checks roles itself (issue 24), so these assertions live here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.reception import parse_form
from desktop.services.desk import Desk
from desktop.store.accounts.officers import PermissionDenied, create_officer
from desktop.store.models import Dossier, EventRow, OutboxRow
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import Counter, minimal_form

PASSWORD = "Quay2026abc"


def _desk(counter: Counter, role: str) -> Desk:
    """A desk with an officer holding only ``role`` signed in, as a command signs in."""
    name = f"cb.{role}"
    with counter.db.write() as s:
        create_officer(s, name, "Cán bộ", frozenset({role}), PASSWORD, must_change=False,
                       by="admin")  # fmt: skip
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    desk.sign_in_for_command(name, PASSWORD)
    return desk


def _counts(c: Counter) -> tuple[int, int, int]:
    with c.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Dossier)) or 0,
            s.scalar(select(func.count()).select_from(EventRow)) or 0,
            s.scalar(select(func.count()).select_from(OutboxRow)) or 0,
        )


def test_a_supervisor_cannot_receive_and_nothing_is_written(counter: Counter) -> None:
    desk = _desk(counter, "supervisor")
    with pytest.raises(PermissionDenied, match="không có quyền"):
        desk.dossiers.receive_many([parse_form(minimal_form())])
    with pytest.raises(PermissionDenied, match="không có quyền"):
        desk.dossiers.refuse_many([parse_form(minimal_form())], "Không đủ hồ sơ", supplement=False)
    assert _counts(counter) == (0, 0, 0)


def _received(counter: Counter) -> str:
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    desk.sign_in_for_command("admin", ADMIN_PASSWORD)
    code = desk.dossiers.receive_many([parse_form(minimal_form())])[0].code
    assert code is not None
    return code


@pytest.mark.parametrize(
    ("role", "act"),
    [
        ("returns", lambda d, c: d.dossiers.request_supplement(c, "Thiếu bản sao tờ khai")),
        ("returns", lambda d, c: d.dossiers.receive_supplement(c)),
        ("returns", lambda d, c: d.dossiers.withdraw(c, "")),
        ("reception", lambda d, c: d.dossiers.result_ready(c)),
        (
            "reception",
            lambda d, c: d.dossiers.return_result(c, None, "Nguyễn Văn An", "089085001234"),
        ),
        ("supervisor", lambda d, c: d.dossiers.attach(c, "Tờ khai", "a.pdf", b"%PDF-1.4", 1)),
    ],
)
def test_each_action_needs_its_role(
    counter: Counter, role: str, act: Callable[[Desk, str], Any]
) -> None:
    code = _received(counter)
    desk = _desk(counter, role)
    before = _counts(counter)
    with pytest.raises(PermissionDenied, match="không có quyền"):
        act(desk, code)
    assert _counts(counter) == before


def test_nobody_signed_in_reads_nothing(counter: Counter) -> None:
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    for attempt in (
        lambda: desk.dossiers.lookup("Nguyễn"),
        lambda: desk.dossiers.verify_receipt("MC1:x"),
        lambda: desk.statistics.centre(),
        lambda: desk.audit_log.entries(10),
        lambda: desk.forms.queue(retry=False),
    ):
        with pytest.raises(PermissionDenied, match="Chưa đăng nhập"):
            attempt()
