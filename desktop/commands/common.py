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

MAX_INPUT_BYTES = 16 * 1024 * 1024


@contextmanager
def open_desk(data_dir: Path) -> Iterator[Desk]:
    """The counter's services with nobody signed in: for what any officer at the counter may
    see without a name (the catalog), never for an action or personal data."""
    from desktop.services.desk import Desk

    desk = Desk.open(data_dir)
    try:
        yield desk
    finally:
        desk.close()


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


def add_user_option(p: argparse.ArgumentParser, *, personal_data: bool = False) -> None:
    """``--user NAME``, required. ``personal_data`` marks a command that shows citizens' data
    (a look-up, a form, a register, a drill-down, an export): it must never run without an
    officer's name, and tests/cli/test_personal_data_commands.py runs each one so marked."""
    p.add_argument(
        "--user",
        required=True,
        help="tên đăng nhập của cán bộ (mật khẩu lấy từ MOTCUA_PASSWORD hoặc hỏi)",
    )
    if personal_data:
        p.set_defaults(shows_personal_data=True)


def read_password(prompt: str = "Mật khẩu: ", env: str = "MOTCUA_PASSWORD") -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"Cần mật khẩu: đặt biến môi trường {env} hoặc chạy trong cửa sổ lệnh")
    return getpass.getpass(prompt)


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
        from sync.validation_vi import json_message

        why = json_message(exc.msg)
        raise UsageError(
            f"{source} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {why})"
        ) from None


def emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()
