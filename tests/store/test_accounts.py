"""Officer accounts: Argon2id verifiers, first-login change, lockout (QĐ 921/QĐ-UBND Điều 19)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.store.accounts import officers as accounts
from desktop.store.accounts.officers import AuthError, PasswordChangeRequired, authenticate
from desktop.store.models import Officer
from tests.conftest import ADMIN_PASSWORD, Counter


def _add(counter: Counter, name: str = "tiepnhan", password: str = "Batdau2026") -> None:
    with counter.db.write() as s:
        accounts.create_officer(
            s, name, "Lê Thị Hạnh", frozenset({"reception"}), password, by="admin"
        )


def test_verifier_is_argon2id_and_password_is_not_stored(counter: Counter) -> None:
    _add(counter)
    with counter.db.read() as s:
        officer = s.scalar(select(Officer).where(Officer.username == "tiepnhan"))
        assert officer is not None
        assert officer.verifier.startswith("$argon2id$")
        assert "Batdau2026" not in officer.verifier
    assert counter.db.path.read_bytes().find(b"Batdau2026") == -1


def test_first_login_requires_a_change(counter: Counter) -> None:
    _add(counter)
    with pytest.raises(PasswordChangeRequired):
        authenticate(counter.db, "tiepnhan", "Batdau2026")
    with pytest.raises(AuthError, match="khác mật khẩu cũ"):
        accounts.change_password(counter.db, "tiepnhan", "Batdau2026", "Batdau2026")
    with pytest.raises(AuthError, match="8 ký tự"):
        accounts.change_password(counter.db, "tiepnhan", "Batdau2026", "ngan1")
    accounts.change_password(counter.db, "tiepnhan", "Batdau2026", "Moi2026abc")
    assert authenticate(counter.db, "tiepnhan", "Moi2026abc").roles == {"reception"}
    with pytest.raises(AuthError):
        authenticate(counter.db, "tiepnhan", "Batdau2026")


def test_lockout_after_repeated_failures_then_release(counter: Counter) -> None:
    now = datetime(2023, 10, 27, 9, 0)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthError, match="không đúng"):
            authenticate(counter.db, "admin", "sai-mat-khau1", now=now)
    # even the right password is refused while locked
    with pytest.raises(AuthError, match="tạm khóa"):
        authenticate(counter.db, "admin", ADMIN_PASSWORD, now=now + timedelta(minutes=1))
    later = now + accounts.LOCKOUT + timedelta(seconds=1)
    assert authenticate(counter.db, "admin", ADMIN_PASSWORD, now=later).username == "admin"


def test_unknown_user_gets_the_same_answer(counter: Counter) -> None:
    with pytest.raises(AuthError) as unknown:
        authenticate(counter.db, "khongco", "Batdau2026")
    with pytest.raises(AuthError) as wrong:
        authenticate(counter.db, "admin", "Batdau2026")
    assert str(unknown.value) == str(wrong.value)


def test_username_and_roles_are_validated(counter: Counter) -> None:
    with pytest.raises(ValueError, match="Tên đăng nhập"), counter.db.write() as s:
        accounts.create_officer(
            s, "Cán Bộ", "X Y", frozenset({"reception"}), "Batdau2026", by="admin"
        )
    with pytest.raises(ValueError, match="Vai trò"):
        accounts.parse_roles("reception,boss")


def test_the_counter_and_server_hash_at_the_recommended_cost() -> None:
    # the suite runs Argon2id at its cheapest cost in-process (tests/conftest.py); a fresh
    # process shows what the counter and the server really use
    import subprocess
    import sys

    probe = (
        "from argon2 import profiles;"
        "import desktop.store.accounts.officers as a, sync.server.auth as s;"
        "want = profiles.RFC_9106_LOW_MEMORY;"
        "print(all(h.time_cost >= want.time_cost and h.memory_cost >= want.memory_cost"
        " and h.type is want.type for h in (a._hasher, s._hasher)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "True"


def test_a_wrong_password_says_how_many_tries_remain(counter: Counter) -> None:
    """Issue 22: the officer sees the tries left before the lockout, and a name that does not
    exist gets the very same sequence of answers (the count tells no guesser which names
    exist)."""
    now = datetime(2023, 10, 27, 9, 0)

    def answers(user: str) -> list[str]:
        said = []
        for _ in range(accounts.MAX_FAILURES + 1):
            with pytest.raises(AuthError) as refused:
                authenticate(counter.db, user, "sai-mat-khau1", now=now)
            said.append(str(refused.value))
        return said

    real, phantom = answers("admin"), answers("khong.ton.tai")
    assert real == phantom
    assert [("còn 4 lần thử" in a) for a in real][:1] == [True]
    assert "còn 1 lần thử" in real[3]
    assert "không đúng; tài khoản tạm khóa 15 phút" in real[4]
    assert real[5].startswith("Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau")
