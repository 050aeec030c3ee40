"""Sync commands: enrolling the counter with the provincial server, and running sync."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING, Any

from .common import emit, read_password

if TYPE_CHECKING:
    from desktop.services.sync_session import IncidentNews, SyncPass, SyncProblem, SyncStatus

EXIT_OFFLINE = 4
EXIT_ATTENTION = 3  # synced, but events were refused just now or the day's codes still differ


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


def enroll(args: argparse.Namespace) -> int:
    from desktop.services.sync_session import SyncSession

    session = SyncSession.open(args.data_dir)
    ctx = session.ctx
    url = session.server_url  # before the password is asked
    done = session.enrol(args.user, read_password("Mật khẩu quản trị máy chủ: "))
    rng = f", dải số dự phòng {done.emergency[0]}–{done.emergency[1]}" if done.emergency else ""
    print(f"Đã đăng ký quầy {ctx.counter} với máy chủ {url} (khóa {done.key_id}{rng})")
    return 0


def sync(args: argparse.Namespace) -> int:
    from desktop.services.sync_session import SyncSession

    session = SyncSession.open(args.data_dir)
    if args.status:
        return _status(session.status(), args.json)
    session.server_url  # noqa: B018  # a counter without a server is told so first (a refusal)
    # a script is told at once that another process syncs (the window's worker waits)
    lock = session.lock()
    with lock:
        base = max(0.05, args.backoff)
        if args.once:
            result = session.run_once(lock, retries=args.retries, backoff=base, backoff_cap=60.0)
            return _report(result, args.json, once=True)
        stop = threading.Event()
        try:
            session.run_forever(
                lock,
                stop,
                lambda result: _report(result, args.json, once=False),
                interval=args.interval,
                backoff=base,
                backoff_cap=300.0,
            )
        except KeyboardInterrupt:
            stop.set()
        return 0


def _report(result: SyncPass, as_json: bool, *, once: bool) -> int:
    """A pass, in the order every edge reports it: incident news, then the outcome, then what
    needs a person's attention."""
    for news in result.incidents:
        _tell_incident(news)
    if result.report is None:
        assert result.problem is not None
        why = _why(result.problem)
        if once:
            print(f"Chưa đồng bộ được: {why}. Quầy vẫn làm việc bình thường.", file=sys.stderr)
            return EXIT_OFFLINE
        print(f"Mất kết nối: {why}", file=sys.stderr)
        return EXIT_OFFLINE
    _print_report(result, as_json)
    return _attention(result)


def _attention(result: SyncPass) -> int:
    """Exit 3 with a clear line when the cycle left something a person must look at: new dead
    letters (the server refused events, the queue moved on without them) or days whose codes
    still differ from the server's after a resend. A script sees it; exit 0 means all is well."""
    from desktop.services.sync_session import DEAD_LETTERS, UNRECONCILED

    problems = []
    for code in result.attention:
        if code == DEAD_LETTERS:
            problems.append(
                f"{result.dead_letters} sự kiện không gửi được (máy chủ từ chối), đã chuyển vào "
                "danh sách chờ xử lý: xem 'motcua sync --status'"
            )
        elif code == UNRECONCILED:
            problems.append(
                "đối soát mã hồ sơ với máy chủ chưa khớp các ngày "
                + ", ".join(result.unreconciled_days)
            )
    if not problems:
        return 0
    print("Cần kiểm tra: " + "; ".join(problems) + ".", file=sys.stderr)
    return EXIT_ATTENTION


def _tell_incident(news: IncidentNews) -> None:
    incident = news.incident
    at = f"{incident.started_at:%H:%M %d/%m/%Y}"
    if news.kind == "opened":
        print(
            f"Ghi nhận sự cố số {incident.id}: mất kết nối máy chủ tỉnh từ {at} "
            f"({incident.cause_label}). Quầy vẫn làm việc; xem 'motcua incident show "
            f"{incident.id}'",
            file=sys.stderr,
        )
    elif news.kind == "closed":
        print(f"Sự cố số {incident.id} đã kết thúc; đang gửi dữ liệu tồn đọng", file=sys.stderr)
    elif news.kind == "caught_up":
        print(
            f"Đã đồng bộ xong dữ liệu sau sự cố số {incident.id}: "
            f"motcua incident report {incident.id} --pdf …",
            file=sys.stderr,
        )


def _why(problem: SyncProblem) -> str:
    from desktop.services.sync_session import REFUSED

    if problem.code == REFUSED:
        return f"máy chủ từ chối ({problem.server_code}: {problem.detail})"
    if problem.cause is not None:
        return f"{problem.cause} — {problem.detail}"
    return problem.detail or "không rõ"


def _print_report(result: SyncPass, as_json: bool) -> None:
    report = result.report
    assert report is not None
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


def _status(st: SyncStatus, as_json: bool) -> int:
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
