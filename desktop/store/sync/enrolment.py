"""Binding the counter to its provincial server: the server URL it talks to, and enrolment by
an IT officer (a server account with the admin role), which registers this counter's device
key and brings back a sync token (kept in the OS keyring) and the counter's emergency range."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select

from desktop.domain.refusal import Refusal
from desktop.store.accounts import audit
from desktop.store.counter import CounterContext, set_emergency_range
from desktop.store.db import Database
from desktop.store.models import CounterIdentity, CounterKey
from desktop.store.sync.local import DeviceCredentials
from desktop.store.sync.server_link import open_client
from sync.client import Refused
from sync.connectivity import Unreachable
from sync.protocol import EnrollRequest


class EnrolmentError(Refusal, ValueError):
    """Why the counter could not be bound to the server; the message is for the IT officer."""

    code = "enrolment_failed"


@dataclass(frozen=True)
class Enrolment:
    key_id: str
    emergency: tuple[int, int] | None


def check_server_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("https://", "http://127.", "http://localhost")):
        raise EnrolmentError(
            "Địa chỉ máy chủ phải dùng https:// (chỉ máy cục bộ mới được dùng http://)"
        )
    return url


def set_server(db: Database, url: str | None, *, by: str) -> None:
    """Point the counter at a server (or at none: it then numbers its own dossiers). Best done
    at the start of a day, before any dossier of that day was numbered the other way."""
    value = check_server_url(url) if url else None
    with db.write() as s:
        ident = s.scalar(select(CounterIdentity))
        if ident is None:
            raise EnrolmentError("Quầy chưa được khởi tạo")
        ident.server_url = value
        audit.record(s, by, "settings.server", value or "")


def enrol(db: Database, ctx: CounterContext, username: str, password: str) -> Enrolment:
    if not ctx.server_url:
        raise EnrolmentError("Quầy chưa khai báo máy chủ tỉnh; quầy đang tự cấp mã hồ sơ")
    with db.read() as s:
        ident = s.scalar(select(CounterIdentity))
        own = s.scalar(select(CounterKey).where(CounterKey.own, CounterKey.revoked_at.is_(None)))
    if ident is None or own is None or not ident.install_id:
        raise EnrolmentError("Quầy chưa có khóa thiết bị: chạy lại 'motcua init'")
    try:
        req = EnrollRequest(
            username=username.strip().lower(),
            password=password,
            agency=ctx.agency,
            counter=ctx.counter,
            install_id=UUID(ident.install_id),
            public_key=own.public_key,
            code_template=ctx.code_format.template,
        )
    except ValueError:
        raise EnrolmentError("Tên đăng nhập hoặc mật khẩu quản trị không hợp lệ") from None
    with open_client(ctx.data_dir, ctx.server_url) as client:
        try:
            answer = client.enroll(req)
        except Unreachable as exc:
            raise EnrolmentError(
                f"Không kết nối được máy chủ {ctx.server_url}: {exc.detail}"
            ) from None
        except Refused as exc:
            why = {
                "counter_enrolled": f"quầy {ctx.counter} của cơ quan {ctx.agency} đã được đăng ký; "
                "cán bộ IT của tỉnh cần cho phép đăng ký lại (motcua-server … counter reset "
                f"{ctx.agency} {ctx.counter})",
                "not_your_agency": f"tài khoản này không quản trị cơ quan {ctx.agency}",
                "rate_limited": "thử quá nhiều lần từ máy này; chờ một lát rồi thử lại",
                "locked": "tài khoản tạm khóa do nhập sai mật khẩu nhiều lần",
            }.get(exc.code, exc.message)
            raise EnrolmentError(f"Máy chủ từ chối đăng ký quầy: {why} ({exc.code})") from None
    DeviceCredentials(db, ctx).store(answer.token.token, answer.token.expires_at)
    emergency = None
    with db.write() as s:
        if answer.emergency is not None:
            emergency = (answer.emergency.start, answer.emergency.end)
            set_emergency_range(s, *emergency)
        # a server account enrolled the counter: it is named as the server knows it
        audit.record(s, req.username, "counter.enrolled", answer.key_id)
    return Enrolment(answer.key_id, emergency)
