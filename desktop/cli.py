"""The ``motcua`` command: every counter action of the GUI, for support staff, scripts, bulk
entry after an outage, and tests (DESIGN.md §11).

Errors reach the user as one Vietnamese sentence on stderr and a non-zero exit status, never as
a traceback; unexpected failures are logged to the data dir without personal data.

Only the module of the command being run is imported: together the modules of
``desktop.commands`` load the database, printing, sync and PDF stacks, most of a second of CPU
that ``motcua --version``, ``motcua --help`` or ``motcua calendar due`` have no use for.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__

EXIT_USAGE = 2
EXIT_REFUSED = 1
EXIT_BUG = 70

# Every top-level command → (its module in desktop.commands, its help in `motcua --help`), in
# the order the help lists them. A module's `register(sub)` adds all of its commands; the table
# must name exactly those (tests/cli/test_lazy_imports.py compares them).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("counter_cmds", "khởi tạo quầy trong thư mục dữ liệu"),
    "demo": ("counter_cmds", "nạp danh mục mẫu và hồ sơ mẫu"),
    "catalog": ("counter_cmds", "danh mục thủ tục"),
    "officer": ("counter_cmds", "tài khoản cán bộ"),
    "password": ("counter_cmds", "đổi mật khẩu (mật khẩu mới từ MOTCUA_NEW_PASSWORD)"),
    "login": (
        "counter_cmds",
        "đăng nhập (trực tuyến nếu máy chủ trả lời, nếu không thì tại quầy)",
    ),
    "receive": ("dossier_cmds", "tiếp nhận hồ sơ (JSON: một hồ sơ hoặc danh sách)"),
    "reject": ("dossier_cmds", "từ chối tiếp nhận (Mẫu 03)"),
    "request-supplement": ("dossier_cmds", "yêu cầu bổ sung trước khi tiếp nhận (Mẫu 02)"),
    "supplement": ("dossier_cmds", "hồ sơ đang xử lý: yêu cầu bổ sung / đã nhận bổ sung"),
    "reschedule": ("dossier_cmds", "hẹn lại ngày trả kết quả (Mẫu 04)"),
    "lookup": ("dossier_cmds", "tra cứu theo mã hồ sơ, số giấy tờ, họ tên hoặc điện thoại"),
    "result-ready": ("dossier_cmds", "kết quả từ phòng chuyên môn đã về quầy (trạng thái 9)"),
    "return": ("dossier_cmds", "trả kết quả cho công dân (trạng thái 10)"),
    "withdraw": ("dossier_cmds", "công dân rút hồ sơ (trạng thái 7)"),
    "attach": ("dossier_cmds", "đính kèm tệp PDF/ảnh vào hồ sơ"),
    "online": ("online_cmds", "hồ sơ nộp trực tuyến chờ kiểm tra"),
    "handover": ("online_cmds", "bàn giao hồ sơ cho phòng chuyên môn"),
    "pay": ("fee_cmds", "thu phí, lệ phí và in biên lai"),
    "refund": ("fee_cmds", "hoàn trả phí, lệ phí khi không thực hiện được dịch vụ"),
    "fee": ("fee_cmds", "phí, lệ phí của hồ sơ"),
    "rate": ("rating_cmds", "ghi đánh giá mức độ hài lòng của người dân (phiếu giấy)"),
    "post": ("post_cmds", "trả kết quả qua bưu chính công ích (số hiệu bưu gửi, hạn 24 giờ)"),
    "feedback": ("feedback_cmds", "phản ánh, kiến nghị của công dân"),
    "calendar": ("calendar_cmd", "lịch làm việc và ngày hẹn trả"),
    "cccd": ("cccd_cmds", "đọc mã QR trên thẻ CCCD (kiểm tra trước khi tiếp nhận)"),
    "print": ("print_cmds", "in giấy tờ"),
    "printer": ("print_cmds", "máy in phiếu của quầy"),
    "qr": ("print_cmds", "mã QR trên giấy tiếp nhận"),
    "scan": (
        "scan_cmds",
        "quét giấy tờ (hoặc nhập tệp ảnh/PDF) thành một PDF đính kèm hồ sơ",
    ),
    "enroll": ("sync_cmds", "đăng ký quầy với máy chủ tỉnh (cán bộ IT)"),
    "sync": ("sync_cmds", "đồng bộ với máy chủ tỉnh"),
    "stats": (
        "stats_cmds",
        "thống kê hồ sơ (không cần mạng); Biểu 06a; số liệu toàn trung tâm",
    ),
    "incident": ("incident_cmds", "sự cố mất kết nối máy chủ tỉnh"),
    "day": ("incident_cmds", "khóa sổ cuối ngày"),
    "server": ("server_cmds", "máy chủ tỉnh của quầy (cán bộ IT)"),
    "payee": ("payee_cmds", "tài khoản nhận phí, lệ phí (mã VietQR trên giấy tiếp nhận)"),
    "office": ("office_cmds", "cơ quan của quầy: tiêu đề, địa danh, ký hiệu số trên các mẫu in"),
    "audit": ("audit_cmds", "nhật ký thao tác của cán bộ"),
    "app": ("gui_cmd", "mở cửa sổ quầy, hoặc chụp ảnh các màn hình (--screenshot)"),
}


def default_data_dir() -> Path:
    env = os.environ.get("MOTCUA_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("motcua-desk", "QuayMotCua"))


def register_module(sub: argparse._SubParsersAction[argparse.ArgumentParser], module: str) -> None:
    """Import ``desktop.commands.<module>`` and let it add its commands to ``sub``."""
    importlib.import_module(f"desktop.commands.{module}").register(sub)


def build_parser(command: str | None = None, *, load_all: bool = False) -> argparse.ArgumentParser:
    """The ``motcua`` parser. The module of ``command`` (every module with ``load_all``) adds its
    commands with all their options and handlers; every other command is only its name and
    help, enough for ``motcua --help`` and argparse's "invalid choice" error."""
    p = argparse.ArgumentParser(
        prog="motcua",
        description="Quầy Một Cửa — phần mềm quầy tiếp nhận và trả kết quả",
    )
    p.add_argument("--version", action="version", version=f"motcua-desk {__version__}")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="thư mục dữ liệu của quầy (mặc định: thư mục dữ liệu người dùng)",
    )
    sub = p.add_subparsers(dest="command", metavar="LỆNH")
    wanted = COMMANDS[command][0] if command in COMMANDS else None
    for name, (module, help_) in COMMANDS.items():
        if name in sub.choices:  # added by its module, with an earlier command of that module
            continue
        if load_all or module == wanted:
            register_module(sub, module)
        else:
            sub.add_parser(name, help=help_)
    return p


def _named_command(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is neither an option of ``motcua`` nor the value of
    ``--data-dir`` (also when abbreviated, as argparse allows): the command argparse will run."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return next(args, None)
        if not arg.startswith("-") or arg == "-":
            return arg
        if "=" not in arg and len(arg) >= 3 and "--data-dir".startswith(arg):
            next(args, None)  # its value
    return None


def _window_parser() -> argparse.ArgumentParser:
    """Only what opening the window takes: loading every command's modules would add most of
    a second to the counter's start-up (measured with python -X importtime)."""
    from desktop.commands import gui_cmd

    p = argparse.ArgumentParser(prog="motcua", add_help=False)
    p.add_argument("--data-dir", type=Path, default=None)
    sub = p.add_subparsers(dest="command")
    gui_cmd.register(sub)
    return p


def _wants_window(argv: Sequence[str]) -> bool:
    """`motcua [--data-dir D]` or `motcua [--data-dir D] app …` (not --help or --version)."""
    rest = list(argv)
    if rest[:1] == ["--data-dir"]:
        rest = rest[2:]
    elif rest and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return not rest or rest[0] == "app"


def _parse(argv: list[str]) -> argparse.Namespace:
    if _wants_window(argv):
        return _window_parser().parse_args(argv)
    args = build_parser(_named_command(argv)).parse_args(argv)
    if args.command is not None and not hasattr(args, "handler"):
        # argparse chose a command other than the one _named_command found: parse again with
        # that command's module loaded
        args = build_parser(args.command).parse_args(argv)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from sync.argparse_vi import speak_vietnamese

    speak_vietnamese()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    args.data_dir = args.data_dir.expanduser().resolve()
    if args.command is None:
        from desktop.commands.gui_cmd import run_gui

        return run_gui(args.data_dir)
    from desktop.commands.errors import run_safely

    return run_safely(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
