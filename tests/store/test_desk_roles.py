"""Role checks live in the services, not only in the screens: the desk refuses what the
signed-in officer's roles do not allow, and everything once nobody is signed in."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.reception import ReceptionForm
from desktop.services.desk import Desk
from desktop.store.accounts.officers import PermissionDenied, create_officer
from printing.connections import PrinterSettings
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import RECEPTION, Counter, minimal_form

PASSWORD = "Quay2026abc"


def _desk(counter: Counter) -> Desk:
    with counter.db.write() as s:
        create_officer(s, "tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception"}), PASSWORD,
                       must_change=False, by="admin")  # fmt: skip
        create_officer(s, "lanhdao", "Lãnh đạo", frozenset({"supervisor"}), PASSWORD,
                       must_change=False, by="admin")  # fmt: skip
        create_officer(s, "moi", "Cán bộ mới", frozenset({"returns"}), PASSWORD, by="admin")
    return Desk(counter.data_dir, counter.db, counter.ctx)


def test_nobody_signed_in_can_do_nothing(counter: Counter) -> None:
    desk = _desk(counter)
    form = ReceptionForm.model_validate(minimal_form())
    for attempt in (
        lambda: desk.search("Nguyễn"),
        lambda: desk.stats(),
        lambda: desk.receive(form, RECEPTION),
        lambda: desk.print_form("receipt", "X"),
        lambda: desk.test_print(),
        lambda: desk.incidents.incidents(),
        lambda: desk.incidents.day_state(date.today()),
        lambda: desk.incidents.print_register(date.today()),
    ):
        with pytest.raises(PermissionDenied, match="Chưa đăng nhập"):
            attempt()


def test_each_role_gets_only_its_own_services(counter: Counter) -> None:
    desk = _desk(counter)
    desk.sign_in("tiepnhan", PASSWORD)
    form = ReceptionForm.model_validate(minimal_form())
    receipt = desk.receive(form, RECEPTION)
    assert desk.search("Nguyễn Văn An")[0].code == receipt.code
    for attempt in (
        lambda: desk.stats(),
        lambda: desk.save_printer(PrinterSettings(name="x", uri="tcp://127.0.0.1:9100")),
        lambda: desk.set_server("https://example.invalid"),
        lambda: desk.check_receipt("MC1.x"),
        lambda: desk.print_form("control", receipt.code),
    ):
        with pytest.raises(PermissionDenied, match="không có quyền"):
            attempt()
    # closing the day over waiting events is a supervisor's call (issue 7)
    assert desk.incidents.incidents() == []
    with pytest.raises(PermissionDenied, match="không có quyền"):
        desk.incidents.close_day(date.today(), "mất mạng")
    # a screen passing someone else's name is refused
    other = type(RECEPTION)("khac", "Người khác", frozenset({"reception"}))
    with pytest.raises(PermissionDenied, match="không phải người đang đăng nhập"):
        desk.receive(form, other)

    desk.sign_in("lanhdao", PASSWORD)
    assert desk.stats() is not None and desk.search(receipt.code)
    with pytest.raises(PermissionDenied):
        desk.receive(form, RECEPTION)

    desk.sign_out(locked=True)
    with pytest.raises(PermissionDenied, match="Chưa đăng nhập"):
        desk.search(receipt.code)


def test_first_login_works_only_after_the_password_change(counter: Counter) -> None:
    desk = _desk(counter)
    result = desk.sign_in("moi", PASSWORD)
    assert result.must_change and desk.officer is None
    with pytest.raises(PermissionDenied):
        desk.search("abc")
    desk.change_password("moi", PASSWORD, "Tuoi2026xyz")
    assert desk.officer is not None and desk.officer.username == "moi"
    assert isinstance(desk.search(""), list)


def test_a_failed_attempt_at_a_locked_screen_leaves_nobody_signed_in(counter: Counter) -> None:
    desk = _desk(counter)
    desk.sign_in("admin", ADMIN_PASSWORD)
    with pytest.raises(Exception, match="không đúng"):
        desk.sign_in("admin", "sai-mat-khau-9")
    assert desk.officer is None
