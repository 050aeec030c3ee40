"""Sync commands: enrolling the counter with the provincial server, and running sync."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.incidents.recorder import IncidentRecorder
from desktop.store.incidents.records import IncidentView
from desktop.store.sync.enrolment import EnrolmentError, enrol
from desktop.store.sync.local import (
    CounterStore,
    DeviceCredentials,
    read_status,
    save_connectivity,
    save_report,
)
from desktop.store.sync.server_link import open_client
from sync.backoff import Backoff
from sync.client import Refused
from sync.connectivity import Connectivity, ConnectivityMonitor, Unreachable
from sync.engine import SyncEngine, SyncReport

from .common import emit, open_counter, read_password
from .errors import UsageError

EXIT_OFFLINE = 4
EXIT_ATTENTION = 3  # synced, but events were refused just now or the day's codes still differ
LOCK_NAME = "sync.lock"


def register(sub: Any) -> None:
    p = sub.add_parser("enroll", help="đăng ký quầy với máy chủ tỉnh (cán bộ IT)")
    p.add_argument("--user", required=True, help="tài khoản quản trị trên máy chủ tỉnh")
    p.set_defaults(handler=enroll)

    p = sub.add_parser("sync", help="đồng bộ với máy chủ tỉnh")
    p.add_argument("--once", action="store_true", help="đồng bộ một lần rồi thoát")
    p.add_argument("--status", action="store_true", help="chỉ xem tình trạng đồng bộ")
    p.add_argument("--retries", type=int, default=5, help="số lần thử lại khi mất mạng (--once)")
    p.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lần đồng bộ")
    p.add_argument("--backoff", type=float, default=2.0, help="giây chờ đầu tiên khi lỗi mạng")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=sync)


def _server(ctx: CounterContext) -> str:
    if not ctx.server_url:
        raise UsageError(
            "Quầy chưa khai báo máy chủ tỉnh (motcua init --server …); quầy đang tự cấp mã hồ sơ"
        )
    return ctx.server_url


def enroll(args: argparse.Namespace) -> int:
    db, ctx = open_counter(args.data_dir)
    url = _server(ctx)
    password = read_password("Mật khẩu quản trị máy chủ: ")
    try:
        done = enrol(db, ctx, args.user, password)
    except EnrolmentError as exc:
        raise UsageError(str(exc)) from None
    rng = f", dải số dự phòng {done.emergency[0]}–{done.emergency[1]}" if done.emergency else ""
    print(f"Đã đăng ký quầy {ctx.counter} với máy chủ {url} (khóa {done.key_id}{rng})")
    return 0


def sync(args: argparse.Namespace) -> int:
    db, ctx = open_counter(args.data_dir)
    if args.status:
        return _status(db, ctx, args.json)
    url = _server(ctx)
    lock = FileLock(str(Path(args.data_dir) / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError("Một tiến trình đồng bộ khác đang chạy cho quầy này") from None
    try:
        monitor = ConnectivityMonitor()
        monitor.subscribe(lambda _old, new: save_connectivity(db, new))
        # outages longer than the profile's grace become incident records (DESIGN.md §6)
        recorder = IncidentRecorder(db, ctx, on_event=_tell_incident)
        monitor.subscribe(recorder.observe)
        with open_client(ctx.data_dir, url, DeviceCredentials(db, ctx)) as client:
            engine = SyncEngine(CounterStore(db, ctx), client, monitor)
            if args.once:
                return _once(db, engine, recorder, args)
            return _forever(db, engine, recorder, args)
    finally:
        lock.release()


def _once(
    db: Database, engine: SyncEngine, recorder: IncidentRecorder, args: argparse.Namespace
) -> int:
    backoff = Backoff(base=max(0.05, args.backoff), cap=60.0)
    last: Exception | None = None
    for _attempt in range(max(1, args.retries + 1)):
        try:
            report = engine.run_once()
        except (Unreachable, Refused) as exc:
            last = exc
            recorder.cycle(None, exc)
            threading.Event().wait(backoff.next_delay())
            continue
        save_report(db, report)
        recorder.cycle(report, None)
        _print_report(report, args.json)
        return _attention(report)
    state = engine.monitor.state
    print(
        f"Chưa đồng bộ được: {_why(state, last)}. Quầy vẫn làm việc bình thường.", file=sys.stderr
    )
    return EXIT_OFFLINE


def _forever(
    db: Database, engine: SyncEngine, recorder: IncidentRecorder, args: argparse.Namespace
) -> int:
    stop = threading.Event()

    def on_cycle(report: SyncReport | None, problem: Exception | None) -> None:
        recorder.cycle(report, problem)
        if report is not None:
            save_report(db, report)
            _print_report(report, args.json)
        else:
            print(f"Mất kết nối: {_why(engine.monitor.state, problem)}", file=sys.stderr)

    try:
        engine.run_forever(
            stop,
            interval=args.interval,
            backoff=Backoff(base=max(0.05, args.backoff), cap=300.0),
            on_cycle=on_cycle,
        )
    except KeyboardInterrupt:
        stop.set()
    return 0


def _attention(report: SyncReport) -> int:
    """Exit 3 with a clear line when the cycle left something a person must look at: new dead
    letters (the server refused events, the queue moved on without them) or days whose codes
    still differ from the server's after a resend. A script sees it; exit 0 means all is well."""
    problems = []
    if report.rejected:
        problems.append(
            f"{report.rejected} sự kiện không gửi được (máy chủ từ chối), đã chuyển vào danh sách "
            "chờ xử lý: xem 'motcua sync --status'"
        )
    if report.unreconciled_days:
        problems.append(
            "đối soát mã hồ sơ với máy chủ chưa khớp các ngày "
            + ", ".join(report.unreconciled_days)
        )
    if not problems:
        return 0
    print("Cần kiểm tra: " + "; ".join(problems) + ".", file=sys.stderr)
    return EXIT_ATTENTION


def _tell_incident(kind: str, incident: IncidentView) -> None:
    at = f"{incident.started_at:%H:%M %d/%m/%Y}"
    if kind == "opened":
        print(
            f"Ghi nhận sự cố số {incident.id}: mất kết nối máy chủ tỉnh từ {at} "
            f"({incident.cause_label}). Quầy vẫn làm việc; xem 'motcua incident show "
            f"{incident.id}'",
            file=sys.stderr,
        )
    elif kind == "closed":
        print(f"Sự cố số {incident.id} đã kết thúc; đang gửi dữ liệu tồn đọng", file=sys.stderr)
    elif kind == "caught_up":
        print(
            f"Đã đồng bộ xong dữ liệu sau sự cố số {incident.id}: "
            f"motcua incident report {incident.id} --pdf …",
            file=sys.stderr,
        )


def _why(state: Connectivity, problem: Exception | None) -> str:
    if isinstance(problem, Refused):
        return f"máy chủ từ chối ({problem.code}: {problem.message})"
    if state.cause is not None:
        return f"{state.cause.value} — {state.detail}"
    return str(problem) if problem else "không rõ"


def _print_report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        emit(dict(report.__dict__))
        return
    print(
        f"Đã đồng bộ: gửi {report.pushed} sự kiện ({report.duplicates} trùng, "
        f"{report.rejected} bị từ chối), {report.blobs} tệp đính kèm, nhận {report.pulled} thay đổi"
        + (f", {report.parked} chờ" if report.parked else "")
        + (f", {report.conflicts} xung đột" if report.conflicts else "")
        + (f", thêm {report.leased} khối số" if report.leased else "")
        + (
            "; đối soát chưa khớp: " + ", ".join(report.unreconciled_days)
            if report.unreconciled_days
            else ""
        )
    )


def _status(db: Database, ctx: CounterContext, as_json: bool) -> int:
    st = read_status(db, ctx)
    if as_json:
        emit(st.as_json())
        return 0
    if not st.configured:
        print("Quầy không kết nối máy chủ tỉnh (tự cấp mã hồ sơ)")
        return 0
    state = {True: "trực tuyến", False: "mất kết nối", None: "chưa đồng bộ lần nào"}[st.online]
    print(f"Máy chủ: {st.server} — {state}" + (f" ({st.cause}: {st.detail})" if st.cause else ""))
    print(f"Chờ gửi: {st.pending} sự kiện; không gửi được: {st.dead}; xung đột: {st.conflicts}")
    print(f"Lần đồng bộ gần nhất: {st.last_sync_at or 'chưa có'}")
    return 0
