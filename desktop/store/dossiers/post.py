"""Results by post (bưu chính công ích; issue 20, item 4): the counter hands a finished result
to the post with the item's UPU S10 tracking number (``sent_by_post``), and records the post's
confirmation that the citizen has it (``post_delivered``, which returns the dossier: status 10).

The post then has 24 hours to deliver within the province (An Giang QĐ 66/2020 Điều 26.2;
desktop/domain/post.py). Everything refused here is refused before anything is written: a
malformed number or a wrong check digit (sync/s10.py says which part), a dossier whose result is
not at the counter (status 9), one whose citizen asked to collect the result at the counter, a
second hand-over, a delivery before the hand-over or in the future, and a tracking number that
is already another dossier's (one postal item carries one dossier's result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain import post as clock
from desktop.domain.dossier import EventType, Status, TransitionError
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import VIETNAM, local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import FUTURE_TOLERANCE, ActionError, find_dossier
from desktop.store.models import Dossier
from desktop.store.sync.journal import record
from desktop.store.sync.outbound import Unsendable
from sync import s10


class PostError(ActionError):
    code = "post_refused"


def _iso(v: datetime | None) -> str | None:
    return v.isoformat(timespec="minutes") if v is not None else None


def _hm(v: datetime) -> str:
    return f"{v:%H:%M %d/%m/%Y}"


@dataclass(frozen=True)
class PostItem:
    """A dossier whose result goes by post, as ``motcua post`` shows it: sent (with the 24-hour
    clock) or waiting to be sent (``tracking`` None)."""

    code: str
    tracking: str | None
    posted_at: datetime | None
    delivered_at: datetime | None
    address: str
    now: datetime

    @property
    def due_at(self) -> datetime | None:
        return clock.post_due(self.posted_at) if self.posted_at is not None else None

    @property
    def minutes_left(self) -> int | None:
        if self.posted_at is None or self.delivered_at is not None:
            return None
        return clock.minutes_left(self.posted_at, self.now)

    @property
    def overdue(self) -> bool:
        """Still out past the 24 hours, or delivered after them."""
        if self.posted_at is None:
            return False
        if self.delivered_at is not None:
            return not clock.delivered_on_time(self.posted_at, self.delivered_at)
        return clock.post_clock(self.posted_at, self.now).overdue

    @property
    def state(self) -> str:
        if self.posted_at is None:
            return "waiting"  # the result is at the counter, not yet with the post
        return "delivered" if self.delivered_at is not None else "sent"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "state": self.state,
            "tracking": self.tracking,
            "posted_at": _iso(self.posted_at),
            "due_at": _iso(self.due_at),
            "overdue": self.overdue,
            "minutes_left": self.minutes_left,
        }
        if self.delivered_at is not None:
            out["delivered_at"] = _iso(self.delivered_at)
            out["on_time"] = not self.overdue
        return out


def _item(row: Dossier, now: datetime) -> PostItem:
    return PostItem(
        code=row.code or row.id,
        tracking=row.post_tracking,
        posted_at=row.posted_at,
        delivered_at=row.post_delivered_at,
        address=str((row.result_delivery or {}).get("address", "")),
        now=now,
    )


def by_post(row: Dossier) -> bool:
    return (row.result_delivery or {}).get("method") == "post"


def _local(when: datetime) -> datetime:
    try:
        if when.tzinfo is not None:
            when = when.astimezone(VIETNAM)
    except OverflowError:
        when = datetime.min
    return when.replace(tzinfo=None, second=0, microsecond=0)


class PostDelivery:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock

    def _record(
        self, s: Session, row: Dossier, type_: EventType, payload: dict[str, Any], who: str
    ) -> None:
        try:
            record(s, self.ctx, row, type_, payload, who, at=self.clock())
        except (TransitionError, Unsendable) as exc:
            raise PostError(
                f"Hồ sơ {row.code or row.id}: {exc}",
                code="transition_not_allowed",
                detail=str(exc),
            ) from None

    def send(self, ref: str, officer: OfficerInfo, tracking: str) -> PostItem:
        """The result handed to the post under the S10 number ``tracking``; the 24 hours start."""
        try:
            number = str(s10.parse(tracking))
        except s10.S10Error as exc:
            raise PostError(str(exc), code="tracking_invalid", part=exc.reason) from None
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            if row.posted_at is not None:
                raise PostError(
                    f"Hồ sơ {code} đã gửi kết quả qua bưu chính lúc {_hm(row.posted_at)} "
                    f"(số hiệu {row.post_tracking}): mỗi kết quả chỉ gửi một lần",
                    code="post_sent_twice",
                    dossier=code,
                    tracking=row.post_tracking,
                )
            status = Status(row.status)
            if status is not Status.DA_XU_LY_XONG:
                raise PostError(
                    f"Hồ sơ {code} đang ở trạng thái {status.label_vi}: chỉ gửi kết quả qua bưu "
                    "chính khi kết quả đã về Bộ phận Một cửa (trạng thái Đã xử lý xong)",
                    code="post_result_not_ready",
                    dossier=code,
                    status=int(status),
                )
            if not by_post(row):
                raise PostError(
                    f"Hồ sơ {code}: công dân đăng ký nhận kết quả tại Bộ phận Một cửa, không qua "
                    "bưu chính — kiểm tra lại mã hồ sơ",
                    code="post_not_requested",
                    dossier=code,
                )
            other = s.scalar(
                select(Dossier.code).where(Dossier.post_tracking == number, Dossier.id != row.id)
            )
            if other is not None:
                raise PostError(
                    f"Số hiệu bưu gửi {number} đã dùng cho hồ sơ {other}: mỗi bưu gửi mang kết "
                    "quả của một hồ sơ",
                    code="tracking_used",
                    tracking=number,
                    dossier=other,
                )
            payload = {"tracking": number, "sent_at": now}
            self._record(s, row, EventType.SENT_BY_POST, payload, officer.username)
            return _item(row, now)

    def delivered(self, ref: str, officer: OfficerInfo, at: datetime | None = None) -> PostItem:
        """The post confirmed the citizen has the result (at ``at``, or now): returned (10)."""
        now = self.clock()
        when = now if at is None else _local(at)
        if when > now + FUTURE_TOLERANCE:
            raise PostError(
                f"Thời điểm phát {_hm(when)} ở tương lai", code="post_delivered_in_future"
            )
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            if row.post_delivered_at is not None:
                raise PostError(
                    f"Hồ sơ {code}: bưu chính đã phát kết quả lúc {_hm(row.post_delivered_at)}",
                    code="post_delivered_twice",
                    dossier=code,
                )
            if row.posted_at is None:
                raise PostError(
                    f"Hồ sơ {code} chưa gửi kết quả qua bưu chính: ghi nhận gửi trước "
                    "(motcua post send)",
                    code="post_not_sent",
                    dossier=code,
                )
            if when < row.posted_at.replace(second=0, microsecond=0):
                raise PostError(
                    f"Thời điểm phát {_hm(when)} trước lúc gửi bưu chính ({_hm(row.posted_at)})",
                    code="post_delivered_before_sent",
                    dossier=code,
                    posted_at=_hm(row.posted_at),
                )
            status = Status(row.status)
            if status is not Status.DA_XU_LY_XONG:
                raise PostError(
                    f"Hồ sơ {code} đang ở trạng thái {status.label_vi}: không ghi nhận phát",
                    code="post_not_out",
                    dossier=code,
                    status=int(status),
                )
            self._record(s, row, EventType.POST_DELIVERED, {"delivered_at": when}, officer.username)
            return _item(row, now)

    def outstanding(self) -> list[PostItem]:
        """Results with the post and not yet delivered (oldest hand-over first), then results
        waiting at the counter to go by post (status 9, delivery by post)."""
        now = self.clock()
        with self.db.read() as s:
            rows = s.scalars(
                select(Dossier).where(
                    Dossier.status == int(Status.DA_XU_LY_XONG),
                    or_(
                        Dossier.posted_at.is_not(None),
                        Dossier.result_delivery["method"].as_string() == "post",
                    ),
                )
            )
            items = [_item(r, now) for r in rows if r.posted_at is not None or by_post(r)]
        sent = sorted((i for i in items if i.posted_at), key=lambda i: (i.posted_at, i.code))
        waiting = sorted((i for i in items if not i.posted_at), key=lambda i: i.code)
        return [*sent, *waiting]
