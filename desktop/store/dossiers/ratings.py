"""Recording the citizen's satisfaction rating (issue 20, item 2): a ``rated`` event on the
dossier, once per stage, naming the officer who served that stage.

The officer who types in a rating given on paper is not the one being rated: the event's
``served_by`` is the officer who received the dossier (reception) or handed back the result
(return), read from the dossier's own events, so statistics per officer count the right person.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.dossier import EventType, Status, TransitionError
from desktop.domain.satisfaction import MAX_RATING_COMMENT, Level, Stage
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.service import ActionError, find_dossier
from desktop.store.models import Dossier, EventRow
from desktop.store.sync.journal import record
from desktop.store.sync.outbound import Unsendable
from sync.protocol import forbidden_char

# the events that end each stage at the counter; the last one's officer served the citizen
_STAGE_EVENTS = {
    Stage.RECEPTION: ("received", "rejected", "supplement_requested"),
    Stage.RETURN: ("result_returned", "post_delivered"),
}


class RatingError(ActionError):
    code = "rating_refused"


@dataclass(frozen=True)
class Rated:
    code: str
    stage: Stage
    level: Level
    served_by: str
    at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "stage": self.stage.value,
            "level": int(self.level),
            "level_label": self.level.label_vi,
            "served_by": self.served_by,
            "at": self.at.isoformat(timespec="minutes"),
        }


def clean_comment(comment: str | None) -> str | None:
    if comment is None:
        return None
    text = unicodedata.normalize("NFC", " ".join(comment.split()))
    if not text:
        return None
    bad = forbidden_char(text)
    if bad is not None:
        raise RatingError(
            f"Ý kiến chứa ký tự không được phép ({bad})", code="forbidden_character", char=bad
        )
    if len(text) > MAX_RATING_COMMENT:
        raise RatingError(
            f"Ý kiến quá dài (tối đa {MAX_RATING_COMMENT} ký tự)",
            code="text_too_long",
            max=MAX_RATING_COMMENT,
        )
    return text


def served_by(s: Session, row: Dossier, stage: Stage) -> str:
    officer = s.scalar(
        select(EventRow.officer)
        .where(EventRow.dossier_id == row.id, EventRow.type.in_(_STAGE_EVENTS[stage]))
        .order_by(EventRow.seq.desc())
        .limit(1)
    )
    return officer or row.officer


class Ratings:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock

    def rate(
        self,
        ref: str,
        officer: OfficerInfo,
        level: Level,
        stage: Stage = Stage.RETURN,
        comment: str | None = None,
    ) -> Rated:
        text = clean_comment(comment)
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, ref)
            code = row.code or row.id
            status = Status(row.status)
            if stage is Stage.RETURN and status is not Status.DA_TRA_KET_QUA:
                raise RatingError(
                    f"Hồ sơ {code} chưa trả kết quả (đang ở trạng thái {status.label_vi}): "
                    "chỉ đánh giá việc trả kết quả sau khi đã trả",
                    code="rating_not_returned",
                    dossier=code,
                )
            if stage is Stage.RECEPTION and status is Status.MOI_DANG_KY:
                raise RatingError(
                    f"Hồ sơ {code} chưa được tiếp nhận: chưa có gì để đánh giá",
                    code="rating_not_received",
                    dossier=code,
                )
            already = row.rating_return if stage is Stage.RETURN else row.rating_reception
            if already is not None:
                raise RatingError(
                    f"Hồ sơ {code}: người dân đã đánh giá việc {stage.label_vi} "
                    f"({Level(already).label_vi}); mỗi lượt chỉ đánh giá một lần",
                    code="rating_twice",
                    dossier=code,
                )
            who = served_by(s, row, stage)
            payload: dict[str, Any] = {
                "stage": stage.value,
                "level": int(level),
                "served_by": who,
                "rated_at": now,
            }
            if text:
                payload["comment"] = text
            try:
                record(s, self.ctx, row, EventType.RATED, payload, officer.username, at=now)
            except (TransitionError, Unsendable) as exc:
                raise RatingError(
                    f"Hồ sơ {code}: {exc}", code="transition_not_allowed", detail=str(exc)
                ) from None
            return Rated(code, stage, level, who, now)
