"""Incident commands (DESIGN.md §6): the incident records sync keeps, the incident request form
(Phụ lục II), the citizens to notify, affected appointments and Mẫu 04, the catch-up report —
and closing the day's register."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.forms.common import datetime_short
from desktop.domain.incidents import compact_lines

from .common import add_user_option, emit, signed_in_desk
from .errors import UsageError

if TYPE_CHECKING:
    from desktop.services.incidents import IncidentDesk, IncidentView

_FORM_FIELDS = (
    ("requester", "họ và tên người yêu cầu"),
    ("position", "chức vụ"),
    ("agency", "cơ quan"),
    ("email", "email liên hệ"),
    ("phone", "số điện thoại liên hệ"),
    ("service", "tên dịch vụ công trực tuyến có sự cố"),
    ("description", "mô tả sự cố"),
    ("proposal", "ý kiến đề xuất"),
    ("report_to", "nơi nhận (Kính gửi)"),
)


def register(sub: Any) -> None:
    inc = sub.add_parser("incident", help="sự cố mất kết nối máy chủ tỉnh").add_subparsers(
        dest="incident_command", metavar="LỆNH", required=True
    )
    p = inc.add_parser("list", help="các sự cố đã ghi nhận")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=list_cmd)
    p = inc.add_parser("show", help="chi tiết một sự cố")
    _id(p)
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=show_cmd)
    p = inc.add_parser("form", help="phiếu yêu cầu xử lý sự cố (Phụ lục II), khổ A4")
    _id(p)
    p.add_argument("--pdf", type=Path, required=True)
    for name, help_ in _FORM_FIELDS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, help=help_)
    add_user_option(p)
    p.set_defaults(handler=form_cmd)
    p = inc.add_parser(
        "sent",
        help="ghi nhận đã gửi phiếu yêu cầu (bắt đầu tính hạn phản hồi của đơn vị xử lý)",
    )
    _id(p)
    p.add_argument("--at", help="thời điểm đã gửi, ví dụ 2026-12-01T09:30 (mặc định: bây giờ)")
    p.add_argument("--to", help="nơi đã gửi tới (mặc định: nơi nhận ghi trên sự cố)")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=sent_cmd)
    p = inc.add_parser("offline", help="hồ sơ tiếp nhận trong thời gian sự cố hoặc chưa gửi")
    _id(p)
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=offline_cmd)
    p = inc.add_parser("notify", help="danh sách công dân cần thông báo (CSV cho SMS/email)")
    _id(p)
    p.add_argument("--csv", type=Path, help="ghi ra tệp CSV (UTF-8, mở được bằng Excel)")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=notify_cmd)
    p = inc.add_parser("at-risk", help="hồ sơ có lịch hẹn bị ảnh hưởng, kèm ngày hẹn đề xuất")
    _id(p)
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=at_risk_cmd)
    p = inc.add_parser("reschedule", help="hẹn lại một hồ sơ bị ảnh hưởng (Mẫu 04)")
    _id(p)
    p.add_argument("code", help="mã hồ sơ (cả mã tạm cũ)")
    p.add_argument("--reason", help="lý do (mặc định: nêu sự cố và thời điểm bắt đầu)")
    p.add_argument("--due", help="ngày giờ hẹn khác ngày đề xuất, ví dụ 2026-12-01T09:00")
    p.add_argument("--pdf", type=Path, help="in luôn Mẫu 04 ra tệp PDF khổ A4")
    add_user_option(p)
    p.set_defaults(handler=reschedule_cmd)
    p = inc.add_parser("report", help="báo cáo đồng bộ sau sự cố, khổ A4")
    _id(p)
    p.add_argument("--pdf", type=Path)
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=report_cmd)

    day = sub.add_parser("day", help="khóa sổ cuối ngày").add_subparsers(
        dest="day_command", metavar="LỆNH", required=True
    )
    p = day.add_parser("close", help="khóa sổ một ngày (in sổ theo dõi hồ sơ, Mẫu 06)")
    p.add_argument("--date", help="ngày, YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--override", action="store_true", help="lãnh đạo khóa sổ khi còn chờ gửi")
    p.add_argument("--reason", help="lý do khóa sổ khi còn dữ liệu chờ đồng bộ")
    p.add_argument("--pdf", type=Path, help="in sổ theo dõi hồ sơ của ngày ra tệp PDF")
    p.add_argument("--json", action="store_true")
    add_user_option(p)
    p.set_defaults(handler=day_close_cmd)
    p = day.add_parser("list", help="các lần khóa sổ")
    p.add_argument("--from", dest="first")
    p.add_argument("--to", dest="last")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=day_list_cmd)


def _id(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="SỐ_SỰ_CỐ", help="số của sự cố (motcua incident list)")


def _incident_id(args: argparse.Namespace) -> int:
    text = str(args.id).strip().lstrip("#")
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise UsageError(f"Số sự cố không hợp lệ: {args.id!r}")
    return int(text)


def _day(text: str | None, default: date | None = None) -> date | None:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"Ngày phải có dạng YYYY-MM-DD, không phải {text!r}") from None


def _when(t: datetime | None) -> str:
    return datetime_short(t) if t is not None else "—"


def _line(v: IncidentView) -> str:
    state = "đang diễn ra" if v.is_open else f"kết thúc {_when(v.ended_at)}"
    minutes = int(v.duration.total_seconds() // 60)
    due = ""
    if v.answer_due_at is not None:
        due = f"; hạn phản hồi {_when(v.answer_due_at)}" + (
            " (đã quá hạn)" if v.answer_overdue else ""
        )
    return (
        f"#{v.id}  từ {_when(v.started_at)}, {state} ({minutes} phút) — {'; '.join(v.causes)}; "
        f"{v.failures} lần lỗi{due}"
    )


def list_cmd(args: argparse.Namespace) -> int:
    with signed_in_desk(args.data_dir, args.user) as desk:
        views = desk.incidents.incidents(audited=True)
    if args.json:
        emit([v.as_json() for v in views])
        return 0
    for v in views:
        print(_line(v))
    if not views:
        print("Chưa ghi nhận sự cố nào")
    return 0


def show_cmd(args: argparse.Namespace) -> int:
    n = _incident_id(args)
    with signed_in_desk(args.data_dir, args.user) as desk:
        found = desk.incidents.summary(n)
    view, caught, offline, closures = found.view, found.catchup, found.offline, found.closures
    if args.json:
        emit(
            {
                **view.as_json(),
                "catchup": caught.as_json() if caught else None,
                "offline_dossiers": [d.as_json() for d in offline],
                "day_closures": [c.as_json() for c in closures],
            }
        )
        return 0
    print(_line(view))
    print(f"Nơi nhận phiếu yêu cầu: {view.report_to}")
    print(
        f"Đã gửi phiếu: {_when(view.reported_at)}"
        + (f" ({view.reported_by})" if view.reported_by else "")
    )
    for line in compact_lines(view.samples):
        print(f"  {line}")
    unsent = sum(1 for d in offline if d.unsent_events)
    print(f"Hồ sơ tiếp nhận trong sự cố / chưa gửi: {len(offline)} (còn chờ gửi: {unsent})")
    for c in closures:
        why = f" — khóa khi còn {c.pending} chờ gửi: {c.reason}" if c.override else ""
        print(f"Khóa sổ ngày {c.day:%d/%m/%Y} lúc {_when(c.closed_at)} bởi {c.closed_by}{why}")
    if caught is not None:
        r = caught.report
        print(
            f"Đồng bộ sau sự cố{'' if caught.done else ' (đang tiếp tục)'}: gửi "
            f"{r.events_sent} thao tác, {r.attachments_uploaded} tệp, "
            f"đổi {len(r.codes_replaced)} mã tạm, còn chờ {r.pending}"
        )
    return 0


def form_cmd(args: argparse.Namespace) -> int:
    from desktop.services.incidents import FormOverrides

    n = _incident_id(args)
    given = FormOverrides(**{name: getattr(args, name) for name, _h in _FORM_FIELDS})
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.incidents.export_form(n, given, args.pdf)
    print(f"Đã ghi {args.pdf}")
    if view.reported_at is None:
        # printing is not sending: the answer clock waits for the officer's word
        print(
            f"Chưa ghi nhận đã gửi tới {view.report_to}. Sau khi gửi phiếu: "
            f"motcua incident sent {n} [--at …] [--to …] --user …"
        )
    else:
        print(f"Đã ghi nhận gửi tới {view.report_to} lúc {_when(view.reported_at)}")
    return 0


def _local_moment(text: str | None, what: str, example: str) -> datetime | None:
    """A moment typed on the command line, in Vietnam's local time (no zone)."""
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} phải có dạng {example}") from None
    if at.tzinfo is not None:
        raise UsageError(f"{what} ghi theo giờ Việt Nam, không kèm múi giờ") from None
    return at


def sent_cmd(args: argparse.Namespace) -> int:
    n = _incident_id(args)
    at = _local_moment(args.at, "Thời điểm gửi", "2026-12-01T09:30")
    with signed_in_desk(args.data_dir, args.user) as desk:
        view = desk.incidents.send(n, at=at, to=args.to)
    if args.json:
        emit(view.as_json())
        return 0
    print(f"Đã ghi nhận gửi phiếu yêu cầu tới {view.report_to} lúc {_when(view.reported_at)}")
    if view.answer_due_at is not None:
        print(f"Hạn phản hồi thời gian khắc phục: {_when(view.answer_due_at)}")
    return 0


def offline_cmd(args: argparse.Namespace) -> int:
    n = _incident_id(args)
    with signed_in_desk(args.data_dir, args.user) as desk:
        rows = desk.incidents.offline(n)
    if args.json:
        emit([r.as_json() for r in rows])
        return 0
    for r in rows:
        sent = "đã gửi" if not r.unsent_events else f"chờ gửi {r.unsent_events}"
        print(f"{r.code or r.id}  {_when(r.received_at)}  {r.applicant_name}  ({sent})")
    if not rows:
        print("Không có hồ sơ nào")
    return 0


def notify_cmd(args: argparse.Namespace) -> int:
    if args.csv is None and not args.json:
        raise UsageError("Cho biết --csv TỆP hoặc --json")
    n = _incident_id(args)
    with signed_in_desk(args.data_dir, args.user) as desk:
        notices = desk.incidents.notify_list(n, args.csv)
    if args.json:
        emit([x.as_json() for x in notices])
    else:
        print(f"Đã ghi {args.csv} ({len(notices)} công dân cần thông báo)")
    return 0


def at_risk_cmd(args: argparse.Namespace) -> int:
    n = _incident_id(args)
    with signed_in_desk(args.data_dir, args.user) as desk:
        rows = desk.incidents.at_risk(n)
    if args.json:
        emit([r.as_json() for r in rows])
        return 0
    for r in rows:
        kind = "đã đến hẹn" if r.kind == "inside" else "sắp đến hẹn"
        print(
            f"{r.code}  hẹn {_when(r.due_at)} ({kind}) → đề xuất {_when(r.proposed_due_at)}  "
            f"{r.applicant_name}"
        )
    if not rows:
        print("Không có hồ sơ nào có lịch hẹn bị ảnh hưởng")
    return 0


def reschedule_cmd(args: argparse.Namespace) -> int:
    n = _incident_id(args)
    due = _local_moment(args.due, "Ngày hẹn", "2026-12-01T09:00")
    with signed_in_desk(args.data_dir, args.user) as desk:
        done = desk.incidents.reschedule_dossier(n, args.code, due, args.reason, pdf=args.pdf)
    receipt, item = done.receipt, done.item
    code = receipt.code or receipt.id
    print(f"Đã hẹn lại hồ sơ {code}: {_when(item.due_at)} → {_when(receipt.due_at)}")
    if args.pdf is not None:
        print(f"Đã ghi {args.pdf}")
    else:
        print(f"In phiếu xin lỗi và hẹn lại (Mẫu 04): motcua print apology {code}")
    return 0


def report_cmd(args: argparse.Namespace) -> int:
    if args.pdf is None and not args.json:
        raise UsageError("Cho biết --pdf TỆP hoặc --json")
    n = _incident_id(args)
    with signed_in_desk(args.data_dir, args.user) as desk:
        if args.json:
            caught = desk.incidents.catchup(n)
            emit(caught.as_json() if caught else None)
        if args.pdf is not None:
            desk.incidents.export_catchup(n, args.pdf)
            print(f"Đã ghi {args.pdf}")
    return 0


def day_close_cmd(args: argparse.Namespace) -> int:
    from desktop.services.incidents import DayCloseRefused

    if args.override and not (args.reason and args.reason.strip()):
        raise UsageError('Khóa sổ khi còn dữ liệu chờ đồng bộ cần --reason "…"')
    with signed_in_desk(args.data_dir, args.user) as desk:
        day = _day(args.date, desk.now().date())
        assert day is not None
        try:
            closed = desk.incidents.close_day(day, args.reason if args.override else None)
        except DayCloseRefused as exc:
            # the day's register is printed either way: the paper book does not wait for the
            # network
            _register(desk.incidents, day, args.pdf)
            raise UsageError(f'{exc} (motcua day close --override --reason "…")') from None
        _register(desk.incidents, day, args.pdf)
    if args.json:
        emit(closed.as_json())
        return 0
    note = (
        f"; còn {closed.pending} thao tác chờ đồng bộ, lý do: {closed.reason}"
        if closed.override
        else ""
    )
    print(
        f"Đã khóa sổ ngày {day:%d/%m/%Y}: {closed.dossiers} hồ sơ, bởi {closed.closed_by} "
        f"lúc {_when(closed.closed_at)}{note}"
    )
    _print_money(closed.money)
    return 0


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _print_money(money: Any) -> None:
    """The day's fees at this counter: by officer and method, and the cash for the drawer."""
    from desktop.domain.fees import Method

    for u in money.unmatched:
        what = "chuyển thiếu" if u.outcome == "short" else "chưa khớp hồ sơ"
        print(
            f"  Chuyển khoản {what}: {u.transaction_id}, hồ sơ {u.code}, {_money(u.amount)} "
            f"({u.reason}) — lãnh đạo bộ phận xử lý"
        )
    if not money.lines:
        print("Không thu phí, lệ phí trong ngày")
        return
    for line in money.lines:
        refund = f", hoàn trả {_money(line.refunded)}" if line.refunded else ""
        print(
            f"  {line.officer}  {Method(line.method).label_vi}: {line.payments} biên lai, "
            f"{_money(line.collected)}{refund}"
        )
    print(
        f"Tổng thu {_money(money.collected)}, hoàn trả {_money(money.refunded)}; "
        f"tiền mặt phải có trong két: {_money(money.cash_expected)}"
    )


def _register(incidents: IncidentDesk, day: date, pdf: Path | None) -> None:
    if pdf is not None:
        count = incidents.save_register(day, pdf)
        print(f"Đã ghi sổ theo dõi hồ sơ {pdf} ({count} hồ sơ)")


def day_list_cmd(args: argparse.Namespace) -> int:
    from desktop.services.desk import Desk

    first, last = _day(args.first), _day(args.last)
    # no citizen's data here (days, counts, who closed): listed without signing in, as before
    desk = Desk.open(args.data_dir)
    try:
        rows = desk.incidents.closures(first, last)
    finally:
        desk.close()
    if args.json:
        emit([r.as_json() for r in rows])
        return 0
    for r in rows:
        flag = f" — KHÓA KHI CÒN {r.pending} CHỜ GỬI: {r.reason}" if r.override else ""
        late = f"; {r.received_after} hồ sơ tiếp nhận sau khi khóa" if r.received_after else ""
        who = f"{_when(r.closed_at)}  {r.closed_by}"
        print(f"{r.day:%d/%m/%Y}  {who}  {r.dossiers} hồ sơ{late}{flag}")
    if not rows:
        print("Chưa khóa sổ ngày nào")
    return 0
