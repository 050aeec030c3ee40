"""Helpers shared by the sub-commands: opening the counter, signing in, printing output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads only for commands that open the counter
    from desktop.services.desk import Desk
    from desktop.store.accounts.officers import OfficerInfo
    from desktop.store.counter import CounterContext
    from desktop.store.db import Database

MAX_INPUT_BYTES = 16 * 1024 * 1024


def open_counter(data_dir: Path) -> tuple[Database, CounterContext]:
    from desktop.store.counter import load_context
    from desktop.store.db import Database

    db = Database.open(data_dir)
    return db, load_context(db, data_dir)


@contextmanager
def signed_in_desk(data_dir: Path, username: str) -> Iterator[Desk]:
    """The counter's services with ``username`` signed in (password from MOTCUA_PASSWORD or
    asked): every command that acts or shows personal data goes through this, so the role
    table and the audit log apply to the command line as they do to the window."""
    from desktop.services.desk import Desk

    desk = Desk.open(data_dir)
    try:
        desk.sign_in_for_command(username, read_password())
        yield desk
    finally:
        desk.close()


def add_user_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--user",
        required=True,
        help="tên đăng nhập của cán bộ (mật khẩu lấy từ MOTCUA_PASSWORD hoặc hỏi)",
    )


def read_password(prompt: str = "Mật khẩu: ", env: str = "MOTCUA_PASSWORD") -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"Cần mật khẩu: đặt biến môi trường {env} hoặc chạy trong cửa sổ lệnh")
    return getpass.getpass(prompt)


def sign_in(db: Database, username: str) -> OfficerInfo:
    from desktop.store.accounts.officers import authenticate

    return authenticate(db, username, read_password())


def read_json_input(source: str) -> Any:
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            path = Path(source)
            if path.stat().st_size > MAX_INPUT_BYTES:
                raise UsageError(f"Tệp {source} quá lớn")
            raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"Không tìm thấy tệp {source}") from None
    except OSError as exc:
        raise UsageError(f"Không đọc được {source}: {exc.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise UsageError("Dữ liệu vào quá lớn")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{source} không phải văn bản UTF-8") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise UsageError(f"{source}: dữ liệu JSON lồng nhau quá sâu") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{source} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})"
        ) from None


def emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()
