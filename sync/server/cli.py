"""``motcua-server``: the reference provincial server and its administration.

The database address comes from ``--db URL``, from the first line of ``--db-file PATH``, or
from the environment variable ``MOTCUA_SERVER_DB``; a PostgreSQL password belongs in the last
two, never on a command line that ``ps`` shows every account.

motcua-server --db URL [--blobs DIR|s3://BUCKET/PREFIX] [--host 127.0.0.1] [--port N]
                                                                         serve the API
motcua-server --db URL officer add NAME --name "Họ tên" --roles admin   (password from
                 [--agency A]... [--all-agencies]            MOTCUA_NEW_PASSWORD)
motcua-server --db URL officer grant|ungrant NAME AGENCY                 where an officer works
motcua-server --db URL officer disable|enable NAME
motcua-server --db URL counter reset|revoke AGENCY COUNTER               allow one re-enrolment;
                                                                         take a counter off now
motcua-server --db URL journal [--limit N]                             the administrators' changes
motcua-server --db URL move CODE --status 4|5|6|8|9 [--note …]          a department's step
motcua-server --db URL calendar DAY (--day-off|--working-day|--clear) --note …
motcua-server --db URL catalog FILE
motcua-server --db URL payee set --agency A --bank-bin N --account N --name "TÊN"
                                                                         fee account (VietQR)
motcua-server --db URL office set --agency A --authority "…" --name "…" --place "…"
                 [--number-prefix P]                     the agency's heading on its forms
motcua-server --db URL office show --agency A [--json]
motcua-server --db URL report --json
motcua-server --db URL export [--from D] [--to D] [--files-url URL]     DongBoHoSoMC JSON
motcua-server --db URL stats publish [--agency A] [--json]              centre statistics now
motcua-server --db URL portal submit FILE.json                          online dossiers from
                                                                         the portal
motcua-server --db URL online release CODE                              free an online dossier
                                                                         a dead counter claimed
motcua-server --db URL payments secret                                  the bank's signing secret
                                                                         (MOTCUA_PAYMENT_SECRET)
motcua-server --db URL payments unmatched [--json]                      transfers not applied
motcua-server --db URL payments list [--from D] [--to D] [--json]       every bank notification
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import json
import os
import socket
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the server stack loads once the arguments are parsed, not for --help
    from fastapi import FastAPI

    from .blobstore import BlobStore
    from .db import ServerDatabase
    from .ratelimit import Limit

from .threads import DEFAULT_THREADS, MAX_THREADS, use_threads

DB_ENV = "MOTCUA_SERVER_DB"
LISTEN_BACKLOG = 4096  # connections waiting to be accepted (see _listen)
KEEP_ALIVE_SECONDS = 75  # an idle kept-alive connection, as nginx keeps its own (see _run)


class CliError(ValueError):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="motcua-server",
        description="Máy chủ tỉnh (tham chiếu)",
        epilog=f"Địa chỉ cơ sở dữ liệu lấy từ --db, --db-file hoặc biến môi trường {DB_ENV}. "
        "Địa chỉ PostgreSQL có mật khẩu: dùng --db-file hoặc biến môi trường, không dùng --db "
        "(dòng lệnh ai trên máy cũng xem được bằng ps).",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        help="sqlite:///đường/dẫn.db hoặc postgresql+psycopg://… (không kèm mật khẩu)",
    )
    where.add_argument(
        "--db-file",
        type=Path,
        metavar="TỆP",
        help="tệp chứa địa chỉ cơ sở dữ liệu (dòng đầu tiên), chỉ tài khoản máy chủ đọc được",
    )
    p.add_argument(
        "--blobs",
        help="nơi lưu tệp đính kèm: một thư mục, hoặc s3://bucket/thư-mục trên kho đối tượng "
        "tương thích S3 (địa chỉ kho từ biến MOTCUA_S3_ENDPOINT hoặc AWS_ENDPOINT_URL, khóa từ "
        "AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY, vùng từ AWS_REGION)",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0: chọn cổng trống")
    p.add_argument(
        "--trusted-proxies",
        default="127.0.0.1",
        metavar="ĐỊA_CHỈ",
        help="các địa chỉ hoặc dải (phân cách bằng dấu phẩy) của bộ cân bằng tải đứng trước máy "
        "chủ: chỉ với chúng, địa chỉ quầy lấy từ X-Forwarded-For, để giới hạn số lần đăng ký, "
        "đăng nhập tính theo từng quầy (mặc định 127.0.0.1; rỗng: không tin ai)",
    )
    p.add_argument("--tls-cert", type=Path, help="chứng chỉ máy chủ (PEM) để phục vụ HTTPS")
    p.add_argument("--tls-key", type=Path, help="khóa riêng của chứng chỉ (PEM)")
    p.add_argument(
        "--stats-max-age",
        type=float,
        default=5.0,
        metavar="PHÚT",
        help="số liệu toàn trung tâm cũ hơn chừng này phút được tính lại khi một quầy đồng bộ "
        "(mặc định 5; 0: chỉ phát hành bằng lệnh 'stats publish')",
    )
    p.add_argument(
        "--enrol-burst",
        type=int,
        default=None,
        metavar="N",
        help="số lần đăng ký quầy liên tiếp từ một địa chỉ (mặc định 10, rồi 1 lần/30 giây)",
    )
    p.add_argument(
        "--login-burst",
        type=int,
        default=None,
        metavar="N",
        help="số lần đăng nhập liên tiếp từ một địa chỉ (mặc định 30, rồi 1 lần/6 giây)",
    )
    p.add_argument(
        "--busy-timeout",
        type=float,
        default=30.0,
        metavar="GIÂY",
        help="SQLite: một lần ghi chờ khóa cơ sở dữ liệu tối đa chừng này giây, quá thì trả lời "
        "503 kèm Retry-After để quầy thử lại sau (mặc định 30)",
    )
    p.add_argument(
        "--shutdown-timeout",
        type=int,
        default=30,
        metavar="GIÂY",
        help="khi nhận SIGTERM: ngừng nhận kết nối mới, trả lời các yêu cầu đang xử lý "
        "trong tối đa "
        "chừng này giây rồi thoát (mặc định 30)",
    )
    p.add_argument(
        "--log-level",
        choices=("debug", "info", "warning", "error"),
        default="info",
        help="nhật ký (JSON, mỗi dòng một sự kiện, trên stderr): mức tối thiểu ghi lại "
        "(mặc định info: mỗi yêu cầu một dòng)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="số tiến trình phục vụ trên cùng cổng (mặc định 1); tiến trình chết được "
        "khởi động lại",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        metavar="N",
        help=f"số yêu cầu mỗi tiến trình xử lý cơ sở dữ liệu cùng lúc (mặc định {DEFAULT_THREADS}; "
        "tăng khi máy chủ cơ sở dữ liệu ở xa)",
    )
    sub = p.add_subparsers(dest="command")

    sub.add_parser(
        "migrate",
        help="nâng cấp cấu trúc cơ sở dữ liệu lên phiên bản của chương trình này (sao lưu trước)",
    )
    off = sub.add_parser("officer", help="tài khoản cán bộ").add_subparsers(
        dest="officer_command", required=True
    )
    a = off.add_parser("add")
    a.add_argument("username")
    a.add_argument("--name", required=True)
    a.add_argument("--roles", required=True, help="reception,returns,supervisor,admin")
    a.add_argument("--no-change", action="store_true", help="không buộc đổi mật khẩu lần đầu")
    a.add_argument(
        "--agency",
        action="append",
        default=[],
        help="cơ quan của tài khoản (lặp lại nếu nhiều; bỏ trống khi tỉnh mới có một cơ quan)",
    )
    a.add_argument(
        "--all-agencies", action="store_true", help="mọi cơ quan của tỉnh (cán bộ IT của tỉnh)"
    )
    for verb in ("disable", "enable"):
        d = off.add_parser(verb)
        d.add_argument("username")
    for verb, text in (("grant", "cho làm việc thêm ở"), ("ungrant", "thôi làm việc ở")):
        gr = off.add_parser(verb, help=f"{text} một cơ quan ('*': mọi cơ quan)")
        gr.add_argument("username")
        gr.add_argument("agency")

    cnt = sub.add_parser("counter", help="quầy đã đăng ký").add_subparsers(
        dest="counter_command", required=True
    )
    for verb, text in (
        ("reset", "cho phép đăng ký lại quầy này một lần (cài lại, thay máy)"),
        ("revoke", "thu hồi quầy ngay: mọi phiên của quầy hết hiệu lực"),
    ):
        cr = cnt.add_parser(verb, help=text)
        cr.add_argument("agency")
        cr.add_argument("counter")

    m = sub.add_parser("move", help="phòng chuyên môn chuyển trạng thái hồ sơ")
    m.add_argument("code")
    m.add_argument("--status", type=int, required=True)
    m.add_argument("--note", default="")
    m.add_argument("--unit", default="Phòng chuyên môn")
    m.add_argument("--due", help="ngày hẹn mới, YYYY-MM-DDTHH:MM")

    c = sub.add_parser("calendar", help="ngày nghỉ / ngày làm bù được công bố")
    c.add_argument("day")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--day-off", action="store_true")
    g.add_argument("--working-day", action="store_true")
    g.add_argument("--clear", action="store_true")
    c.add_argument("--note", default="")

    pa = sub.add_parser("payee", help="tài khoản nhận phí, lệ phí của cơ quan (VietQR)")
    pas = pa.add_subparsers(dest="payee_command", required=True).add_parser(
        "set", help="gửi tài khoản nhận phí cho các quầy của cơ quan"
    )
    pas.add_argument("--agency", required=True)
    pas.add_argument("--bank-bin", required=True, help="mã BIN ngân hàng, 6 chữ số")
    pas.add_argument("--account", required=True)
    pas.add_argument("--name", required=True, help="tên tài khoản")

    of = sub.add_parser("office", help="cơ quan in trên các mẫu của quầy (tiêu đề, địa danh)")
    ofs = of.add_subparsers(dest="office_command", required=True)
    o = ofs.add_parser("set", help="gửi tiêu đề cơ quan cho các quầy của cơ quan")
    o.add_argument("--agency", required=True)
    o.add_argument("--authority", required=True, help='"ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"')
    o.add_argument("--name", required=True, help='"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"')
    o.add_argument("--place", required=True, help='địa danh ở dòng ngày tháng, "Mỹ Hòa Hưng"')
    o.add_argument("--number-prefix", default="TTPVHCC", help='"Số: 12/TTPVHCC"')
    o = ofs.add_parser("show", help="tiêu đề cơ quan đã gửi cho các quầy")
    o.add_argument("--agency", required=True)
    o.add_argument("--json", action="store_true")

    k = sub.add_parser("catalog", help="phát hành danh mục thủ tục (JSON)")
    k.add_argument("file", type=Path)

    j = sub.add_parser("journal", help="những thay đổi quản trị gần nhất (ai, khi nào, lệnh gì)")
    j.add_argument("--limit", type=int, default=50, metavar="N")
    r = sub.add_parser("report", help="số liệu máy chủ đang giữ")
    r.add_argument("--json", action="store_true")

    st = sub.add_parser("stats", help="số liệu thống kê toàn trung tâm gửi cho các quầy")
    st_sub = st.add_subparsers(dest="stats_command", required=True)
    sp = st_sub.add_parser("publish", help="tính và phát hành ngay (qua luồng thay đổi)")
    sp.add_argument("--agency", help="chỉ một cơ quan (mặc định: mọi cơ quan)")
    sp.add_argument("--json", action="store_true")

    po = sub.add_parser("portal", help="hồ sơ trực tuyến từ Cổng dịch vụ công").add_subparsers(
        dest="portal_command", required=True
    )
    ps = po.add_parser(
        "submit", help="nhận hồ sơ Cổng chuyển sang (JSON: một hồ sơ hoặc danh sách)"
    )
    ps.add_argument("file", type=Path)
    on = sub.add_parser("online", help="hồ sơ trực tuyến chờ kiểm tra").add_subparsers(
        dest="online_command", required=True
    )
    orl = on.add_parser("release", help="bỏ quyền kiểm tra của quầy đang giữ (quầy hỏng, mất máy)")
    orl.add_argument("code")

    pay = sub.add_parser("payments", help="chuyển khoản ngân hàng báo về").add_subparsers(
        dest="payments_command", required=True
    )
    pay.add_parser(
        "secret",
        help="đặt khóa bí mật ngân hàng dùng để ký thông báo thanh toán (lấy từ biến môi trường "
        "MOTCUA_PAYMENT_SECRET, ít nhất 32 ký tự)",
    )
    pu = pay.add_parser("unmatched", help="chuyển khoản chưa khớp hồ sơ hoặc thiếu tiền")
    pu.add_argument("--json", action="store_true", help="mỗi dòng một đối tượng JSON")
    pl = pay.add_parser("list", help="mọi thông báo thanh toán đã nhận")
    pl.add_argument("--from", dest="first")
    pl.add_argument("--to", dest="last")
    pl.add_argument("--json", action="store_true", help="mỗi dòng một đối tượng JSON")

    e = sub.add_parser("export", help="hồ sơ theo dạng DongBoHoSoMC của Cổng DVC quốc gia")
    e.add_argument("--from", dest="first")
    e.add_argument("--to", dest="last")
    e.add_argument(
        "--files-url",
        default="",
        metavar="URL",
        help="địa chỉ công khai của máy chủ đặt trước đường dẫn tệp, ví dụ https://motcua.tinh.vn",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from sync.argparse_vi import speak_vietnamese

    speak_vietnamese()
    args = build_parser().parse_args(argv)
    from sqlalchemy.exc import SQLAlchemyError

    from .db import ServerDatabase, ServerDatabaseError
    from .schema import SchemaBehind

    try:
        url = _db_url(args)
    except CliError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    if not 0 <= args.busy_timeout <= 3600:
        print("Lỗi: --busy-timeout phải từ 0 đến 3600 giây", file=sys.stderr)
        return 1
    try:
        db = ServerDatabase(url, busy_ms=int(args.busy_timeout * 1000))
        if args.command == "migrate":
            return _migrate(db)
        db.create_schema()
    except SchemaBehind as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except (ServerDatabaseError, SQLAlchemyError, OSError) as exc:
        print(f"Lỗi: không mở được cơ sở dữ liệu: {_storage_reason(exc)}", file=sys.stderr)
        return 1
    try:
        if args.command is None:
            return _serve(db, args)
        return _admin(db, args)
    except CliError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()


def _migrate(db: ServerDatabase) -> int:
    from .schema import migrate

    try:
        done = migrate(db)
    finally:
        db.close()
    was = {None: "trống", "legacy": "cấu trúc trước khi có phiên bản"}.get(
        done.before, f"phiên bản {done.before}"
    )
    print(f"Cơ sở dữ liệu: {was} → phiên bản {done.after}")
    return 0


def _db_url(args: argparse.Namespace) -> str:
    """--db, else the first line of --db-file, else MOTCUA_SERVER_DB: a PostgreSQL password
    need never be on the command line, which every account on the machine can read."""
    if args.db:
        return str(args.db)
    if args.db_file is not None:
        try:
            text = args.db_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "không phải văn bản UTF-8"
            raise CliError(
                f"không đọc được tệp địa chỉ cơ sở dữ liệu {args.db_file}: {reason}"
            ) from None
        url = text.strip().splitlines()[0].strip() if text.strip() else ""
        if not url:
            raise CliError(f"tệp {args.db_file} không chứa địa chỉ cơ sở dữ liệu")
        if os.name == "posix" and args.db_file.stat().st_mode & 0o077:
            print(
                f"Cảnh báo: tài khoản khác đọc được tệp {args.db_file}; hãy chạy chmod 600",
                file=sys.stderr,
            )
        return url
    url = os.environ.get(DB_ENV, "").strip()
    if not url:
        raise CliError(
            f"chưa có địa chỉ cơ sở dữ liệu: dùng --db, --db-file TỆP hoặc biến {DB_ENV}"
        )
    return url


def _blob_dir(args: argparse.Namespace, db: ServerDatabase) -> str | Path:
    if args.blobs:
        return str(args.blobs) if str(args.blobs).startswith("s3://") else Path(args.blobs)
    if db.is_sqlite and db.url.database:
        return Path(db.url.database + ".blobs")
    return Path("motcua-server-blobs")


def _blob_store(args: argparse.Namespace, db: ServerDatabase) -> BlobStore:
    """The attachments' store: a folder (the default) or an S3-compatible object store."""
    from .blobstore import open_store
    from .blobstore.s3 import S3ConfigError

    try:
        return open_store(_blob_dir(args, db))
    except S3ConfigError as exc:
        raise CliError(str(exc)) from None


def _check_blobs(args: argparse.Namespace) -> None:
    """A wrong ``--blobs s3://…`` refused before listening and before any fork, without making
    the store's client (each instance makes its own)."""
    import importlib.util

    from .blobstore.s3 import S3ConfigError, parse_url

    if not str(args.blobs or "").startswith("s3://"):
        return
    try:
        parse_url(str(args.blobs))
    except S3ConfigError as exc:
        raise CliError(str(exc)) from None
    if importlib.util.find_spec("boto3") is None:
        raise CliError("chưa cài boto3 để dùng kho tệp S3: pip install 'motcua-desk[s3]'")


def _serve(db: ServerDatabase, args: argparse.Namespace) -> int:
    from .logs import configure
    from .ratelimit import ENROL_LIMIT, LOGIN_LIMIT

    configure(args.log_level)  # JSON lines on stderr, without personal data
    if args.stats_max_age < 0:
        raise CliError("--stats-max-age không được âm")
    if not 1 <= args.workers <= 64:
        raise CliError("--workers phải từ 1 đến 64")
    if not 1 <= args.threads <= MAX_THREADS:
        raise CliError(f"--threads phải từ 1 đến {MAX_THREADS}")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("--tls-cert và --tls-key phải đi cùng nhau")
    if args.tls_cert:
        for f in (args.tls_cert, args.tls_key):
            if not f.is_file():
                raise CliError(f"không thấy tệp {f}")
    limits = (
        _burst(ENROL_LIMIT, args.enrol_burst, "--enrol-burst"),
        _burst(LOGIN_LIMIT, args.login_burst, "--login-burst"),
    )
    _warn_of_officers_without_agency(db)
    _check_blobs(args)
    if args.workers == 1:
        app = _app(db, args, limits)
        sock = _listen(args)
        return _run(app, args, sock, announce=True)
    # several processes on one listening socket (issue 23 item 1): each makes its own app, pool
    # and statistics worker after the fork; they share only the database and the file store,
    # as separate hosts behind a load balancer would
    from .workers import serve_workers

    sock = _listen(args)
    db.engine.dispose()  # no pooled connection may be shared across the fork
    print(_listening(args, sock), flush=True)

    def instance() -> None:
        _run(_app(db, args, limits), args, sock, announce=False)

    return serve_workers(args.workers, instance)


def _app(db: ServerDatabase, args: argparse.Namespace, limits: tuple[Limit, Limit]) -> FastAPI:
    from .app import create_app, state_of

    max_age = timedelta(minutes=args.stats_max_age) if args.stats_max_age > 0 else None
    # made in each instance (after the fork with --workers): an object store's client and its
    # connections are never shared between processes
    files = _blob_store(args, db)
    app = create_app(db, files, stats_max_age=max_age, sign_in_limits=limits)
    # before the listening socket exists (one process), so the worker does not hold it open,
    # and before any thread: the worker is forked
    state_of(app).stats.start()
    db.checkpoint_in_background()
    return app


def _listen(args: argparse.Namespace) -> socket.socket:
    # proto=IPPROTO_TCP, or asyncio does not set TCP_NODELAY on accepted connections and every
    # kept-alive request waits out the client's delayed ACK (40 ms)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        raise CliError(f"không mở được cổng {args.host}:{args.port}: {exc.strerror}") from None
    # a province's counters come back together after an outage: a thousand connections within
    # a second. 128 (the old value) overflowed the accept queue while the event loop was busy
    # with a batch, and the kernel dropped the handshakes past it (nstat TcpExtListenOverflows;
    # each costs the client a SYN resent after 1, 3, 7 s); the kernel caps it at somaxconn
    sock.listen(LISTEN_BACKLOG)
    return sock


def _listening(args: argparse.Namespace, sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"listening {'https' if args.tls_cert else 'http'}://{host}:{port}"


def _run(app: FastAPI, args: argparse.Namespace, sock: socket.socket, *, announce: bool) -> int:
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,  # the app logs every request itself (sync/server/logs.py)
        log_config=None,  # uvicorn's lines go through the server's JSON handler
        lifespan="off",
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
        # SIGTERM (a rolling restart): stop listening at once, answer the batches in flight,
        # but never wait longer than this on a client that stopped sending
        timeout_graceful_shutdown=args.shutdown_timeout,
        # uvicorn's default (5 s) equals a client's own idle limit (httpx: 5 s): a counter whose
        # next request left just as the server closed the idle connection lost it ("server
        # disconnected without sending a response") and sent it again. The server keeps an idle
        # connection longer than any client or load balancer does, so the client closes first
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        # behind a load balancer every counter arrives from its address: the per-address
        # limits (ratelimit.py) must see X-Forwarded-For's, but only from the balancer — a
        # counter's own X-Forwarded-For would let it pick a fresh address for every guess
        proxy_headers=bool(args.trusted_proxies.strip()),
        forwarded_allow_ips=args.trusted_proxies.strip() or None,
    )
    listening = _listening(args, sock)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            use_threads(args.threads)  # in the event loop: its limiter is the loop's
            # said once uvicorn catches Ctrl+C: a Ctrl+C sent on reading this line (a script,
            # a test) used to land while the event loop was being made, and printed a traceback
            if announce and not self.should_exit:
                print(listening, flush=True)

    server = Server(config)
    # everything loaded so far lives as long as the process: keep it out of the collector's
    # full passes, which otherwise walk it again every few large batches
    gc.collect()
    gc.freeze()
    # A pushed batch allocates tens of thousands of objects that all live until its answer is
    # sent and are then freed by reference counting. At the default threshold (700) the young
    # collections walk them dozens of times per batch and find nothing to free; this one is
    # rarely reached by what a request leaves behind.
    gc.set_threshold(50_000, 20, 10)
    # Ctrl+C: uvicorn shuts down gracefully, then raises it again only to end the process (or
    # it came before uvicorn was listening for it, when there is nothing to shut down)
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    return 0


def _warn_of_officers_without_agency(db: ServerDatabase) -> None:
    from .officers import without_agency

    with db.read() as s:
        lost = without_agency(s)
    if lost:
        print(
            f"Cảnh báo: {lost} tài khoản cán bộ chưa thuộc cơ quan nào nên không đăng nhập được ở "
            "quầy nào; gán bằng 'motcua-server officer grant TÊN MÃ_CƠ_QUAN'",
            file=sys.stderr,
            flush=True,
        )


def _burst(default: Limit, burst: int | None, option: str) -> Limit:
    if burst is None:
        return default
    if not 1 <= burst <= 100_000:
        raise CliError(f"{option} phải từ 1 đến 100000")
    return dataclasses.replace(default, burst=burst)


def _admin(db: ServerDatabase, args: argparse.Namespace) -> int:
    from . import admin, admin_journal, report

    try:
        if args.command == "officer":
            with db.write() as s:
                if args.officer_command == "add":
                    password = os.environ.get("MOTCUA_NEW_PASSWORD")
                    if not password:
                        raise CliError("đặt mật khẩu ban đầu trong biến MOTCUA_NEW_PASSWORD")
                    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
                    admin.add_officer(
                        s,
                        args.username,
                        args.name,
                        roles,
                        password,
                        must_change=not args.no_change,
                        agencies=args.agency,
                        every_agency=args.all_agencies,
                    )
                elif args.officer_command == "grant":
                    admin.grant_agency(s, args.username, args.agency)
                elif args.officer_command == "ungrant":
                    admin.ungrant_agency(s, args.username, args.agency)
                else:
                    admin.set_officer_active(s, args.username, args.officer_command == "enable")
                target = args.username + (
                    f" {args.agency}" if args.officer_command in ("grant", "ungrant") else ""
                )
                admin_journal.record(s, f"officer {args.officer_command}", target)
            print(f"Đã cập nhật tài khoản {args.username}")
        elif args.command == "counter":
            with db.write() as s:
                if args.counter_command == "reset":
                    admin.reset_counter(s, args.agency, args.counter)
                    done = "được đăng ký lại một lần"
                else:
                    admin.revoke_counter(s, args.agency, args.counter)
                    done = "đã bị thu hồi"
                admin_journal.record(
                    s, f"counter {args.counter_command}", f"{args.agency} {args.counter}"
                )
            print(f"Quầy {args.counter} của cơ quan {args.agency} {done}")
        elif args.command == "move":
            due = _when(args.due) if args.due else None
            with db.write() as s:
                d = admin.department_move(
                    s, args.code, args.status, note=args.note, unit=args.unit, due_at=due
                )
                admin_journal.record(s, "move", f"{d.code or d.id} -> {args.status}")
                print(json.dumps({"id": d.id, "code": d.code, "status": d.status}))
        elif args.command == "calendar":
            working = None if args.clear else bool(args.working_day)
            with db.write() as s:
                admin.set_calendar_day(s, _day(args.day), working, args.note)
                admin_journal.record(s, "calendar", args.day)
            print(f"Đã ghi lịch ngày {args.day}")
        elif args.command == "payee":
            with db.write() as s:
                admin.set_payee(s, args.agency, args.bank_bin, args.account, args.name)
                admin_journal.record(s, "payee set", f"{args.agency} {args.bank_bin}")
            print(f"Đã gửi tài khoản nhận phí của cơ quan {args.agency} cho các quầy")
        elif args.command == "office":
            _office(db, args)
        elif args.command == "catalog":
            body = _read_json(args.file)
            with db.write() as s:
                version = admin.publish_catalog(s, body)
                admin_journal.record(s, "catalog", str(version))
            print(f"Đã phát hành danh mục phiên bản {version}")
        elif args.command == "journal":
            if not 1 <= args.limit <= 10_000:
                raise CliError("--limit phải từ 1 đến 10000")
            with db.read() as s:
                rows = admin_journal.recent(s, args.limit)
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        elif args.command == "report":
            with db.read() as s:
                out = report.report(s)
            print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 2))
        elif args.command == "stats":
            _stats_publish(db, args)
        elif args.command == "portal":
            _portal_submit(db, args)
        elif args.command == "payments":
            _payments(db, args)
        elif args.command == "online":
            from . import online

            with db.write() as s:
                d = admin.find_dossier(s, args.code)
                try:
                    online.release(s, "", None, d.id)
                except online.ClaimRefused as exc:
                    raise CliError(str(exc)) from None
                admin_journal.record(s, "online release", d.code or d.id)
            print(f"Hồ sơ {d.code or d.id} không còn do quầy nào giữ để kiểm tra")
        elif args.command == "export":
            first = _day(args.first) if args.first else None
            last = _day(args.last) if args.last else None
            with db.read() as s:
                out = report.dongbo_hoso_mc(s, first, last, args.files_url)
            print(json.dumps(out, ensure_ascii=False))
    except admin.AdminError as exc:
        raise CliError(str(exc)) from None
    return 0


def _office(db: ServerDatabase, args: argparse.Namespace) -> None:
    """An agency's office for its counters' forms (issue 21, sync/server/offices.py); a refusal
    is an ``AdminError``, said by the caller."""
    from . import admin_journal, offices

    if args.office_command == "set":
        with db.write() as s:
            body = offices.set_office(
                s, args.agency, args.authority, args.name, args.place, args.number_prefix
            )
            admin_journal.record(s, "office set", args.agency)
        print(
            f"Đã gửi tiêu đề cơ quan {args.agency} cho các quầy: {body['authority']} / "
            f"{body['name']}; địa danh {body['place']}"
        )
        return
    with db.read() as s:
        current = offices.current_office(s, args.agency)
    if args.json:
        print(json.dumps(current, ensure_ascii=False))
    elif current is None:
        print(f"Chưa gửi tiêu đề cơ quan nào cho cơ quan {args.agency}")
    else:
        print(f"Cơ quan chủ quản: {current['authority']}")
        print(f"Tên cơ quan: {current['name']}")
        print(f"Địa danh: {current['place']}")
        print(f"Ký hiệu số: {current.get('number_prefix') or '(không có)'}")
        print(f"Gửi lúc: {current['set_at']}")


def _portal_submit(db: ServerDatabase, args: argparse.Namespace) -> None:
    from . import admin_journal, portal
    from .blobstore import BlobError

    try:
        raw = args.file.read_bytes()
        body = json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise CliError(f"không đọc được {args.file}: {exc.strerror}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CliError(f"{args.file} không phải JSON hợp lệ: {exc}") from None
    try:
        items = portal.parse(body)
        files = _blob_store(args, db)
        with db.write() as s:
            done = portal.submit(s, files, items, args.file.parent)
            admin_journal.record(s, "portal submit", f"{len(done)} hồ sơ")
    except (portal.PortalError, BlobError) as exc:  # nothing recorded: submit again later
        raise CliError(str(exc)) from None
    for d in done:
        print(json.dumps(d.as_json(), ensure_ascii=False))


def _payments(db: ServerDatabase, args: argparse.Namespace) -> None:
    from . import admin_journal, payments

    if args.payments_command == "secret":
        # never from the command line, which every account on the machine sees with ps
        secret = os.environ.get(payments.SECRET_ENV, "")
        if not secret.strip():
            raise CliError(f"đặt khóa bí mật trong biến môi trường {payments.SECRET_ENV}")
        try:
            with db.write() as s:
                payments.set_secret(s, secret)
                admin_journal.record(s, "payments secret", "khóa ký thông báo ngân hàng")
        except payments.PaymentsError as exc:
            raise CliError(str(exc)) from None
        print("Đã đặt khóa bí mật cho thông báo thanh toán của ngân hàng")
        return
    with db.read() as s:
        if args.payments_command == "unmatched":
            rows = payments.unmatched(s)
        else:
            first = _day(args.first) if args.first else None
            last = _day(args.last) if args.last else None
            rows = payments.notifications(s, first, last)
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        elif args.payments_command == "unmatched":
            amount = f"{row['amount']:,}".replace(",", ".")
            print(
                f"{row['received_at']}  {row['transaction_id']}  {amount} đồng  "
                f"{row['code'] or '(không mã)'}  {row['reason_vi']}"
            )
        else:
            print(
                f"{row['received_at']}  {row['transaction_id'] or '-'}  {row['outcome']}  "
                f"{row['code'] or '-'}  {row['amount'] if row['amount'] is not None else '-'}"
            )
    if not rows and not args.json:
        print("Không có thông báo nào")


def _stats_publish(db: ServerDatabase, args: argparse.Namespace) -> None:
    from . import stats

    known = stats.agencies(db)
    if args.agency is not None and args.agency not in known:
        raise CliError(f"không có cơ quan {args.agency!r} (chưa quầy nào đăng ký)")
    done = []
    for agency in [args.agency] if args.agency else known:
        pub = stats.publish(db, agency)
        assert pub.taken_at is not None
        done.append(
            {"agency": agency, "taken_at": pub.taken_at.isoformat(), "dossiers": pub.dossiers}
        )
        if not args.json:
            print(
                f"Đã phát hành số liệu toàn trung tâm của cơ quan {agency} lúc "
                f"{pub.taken_at:%H:%M %d/%m/%Y} ({pub.dossiers} hồ sơ)"
            )
    if args.json:
        print(json.dumps(done, ensure_ascii=False))
    elif not done:
        print("Chưa có cơ quan nào: chưa quầy nào đăng ký với máy chủ")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"ngày {text!r} không đúng dạng YYYY-MM-DD") from None


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"thời điểm {text!r} không đúng dạng YYYY-MM-DDTHH:MM") from None
    if value.tzinfo is not None:
        raise CliError("nhập giờ địa phương, không kèm múi giờ")
    return value


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CliError(f"không đọc được {path}: {exc}") from None
    if not isinstance(data, dict):
        raise CliError(f"{path} phải là một đối tượng JSON")
    return data


def _storage_reason(exc: BaseException) -> str:
    from .storage import classify

    problem = classify(exc)
    return problem.message if problem is not None else _first_line(exc)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
