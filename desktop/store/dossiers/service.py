"""Counter actions on dossiers. Each action is one transaction: the dossier change, its event
and the outbox row commit together or not at all (DESIGN.md §4)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from desktop.domain.applicants import Person
from desktop.domain.calendar import due_at, extend_for_pauses
from desktop.domain.dossier import ANY_COUNTER_EVENTS, EventType, Status, TransitionError
from desktop.domain.procedures import Limit, fold_accents
from desktop.domain.reception import ReceptionForm
from desktop.domain.refusal import Refusal, refusal_code
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.catalog import get_procedure
from desktop.store.clock import VIETNAM, local_now
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.codes import issue_code
from desktop.store.models import Dossier, DossierAlias, ReceptionRequest
from desktop.store.sync.journal import bump, record, state_of
from desktop.store.sync.outbound import Unsendable
from sync.limits import EARLIEST_LOCAL_TIME
from sync.protocol import forbidden_char

FUTURE_TOLERANCE = timedelta(minutes=2)


class ActionError(Refusal, ValueError):
    """A counter action that cannot be done; the message is for the officer."""

    code = "action_refused"


@dataclass(frozen=True)
class Receipt:
    id: str
    code: str | None
    provisional: bool
    received_at: datetime | None
    due_at: datetime | None
    status: Status
    request_id: str | None = None  # the script's id for this item, when it gave one
    existing: bool = False  # received by an earlier run of the same request

    def as_json(self) -> dict[str, Any]:
        extra = (
            {"request_id": self.request_id, "existing": self.existing} if self.request_id else {}
        )
        return {
            "id": self.id,
            "code": self.code,
            "provisional": self.provisional,
            "received_at": self.received_at.isoformat(timespec="minutes")
            if self.received_at
            else None,
            "due_at": self.due_at.isoformat(timespec="minutes") if self.due_at else None,
            "status": int(self.status),
            "status_label": self.status.label_vi,
            **extra,
        }


def _receipt(row: Dossier) -> Receipt:
    return Receipt(
        row.id, row.code, row.provisional, row.received_at, row.due_at, Status(row.status)
    )


_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def find_dossier(session: Session, ref: str) -> Dossier:
    """A dossier by its code, an earlier (provisional) code, or its id — refused and
    pre-reception supplement dossiers have no code, only the id the command printed."""
    ref = ref.strip()
    if _UUID_RE.match(ref.lower()):
        row = session.get(Dossier, ref.lower())
        if row is None:
            raise ActionError(f"Không tìm thấy hồ sơ {ref}", code="dossier_not_found", ref=ref)
        return row
    code = ref.upper()
    row = session.scalar(select(Dossier).where(Dossier.code == code))
    if row is None:
        alias = session.get(DossierAlias, code)
        row = session.get(Dossier, alias.dossier_id) if alias else None
    if row is None:
        raise ActionError(
            f"Không tìm thấy hồ sơ mã {code}", code="dossier_code_not_found", ref=code
        )
    return row


def _in_item(exc: Exception, where: str, item: int) -> ActionError:
    """The refusal of one item of a list, its place said first. Its code and params stay (and
    ``item`` when there is a list), so the window words it as it would the item's own."""
    params = dict(getattr(exc, "params", {}))
    if where:
        params["item"] = item
    return ActionError(f"{where}{exc}", code=refusal_code(exc), **params)


def _clean_or_refuse(text: str, what: str) -> None:
    """Free text typed for a notice obeys the rule of every text field (sync/protocol.py)."""
    bad = forbidden_char(text)
    if bad is not None:
        raise ActionError(
            f"{what} chứa ký tự điều khiển, ký tự đảo chiều văn bản hoặc ký tự ẩn ({bad}) "
            "không được phép",
            code="forbidden_character",
            what=what,
            char=bad,
        )


def _clean_missing(missing: Sequence[str]) -> list[str]:
    """The documents a supplement request (Mẫu 02) lists, trimmed and de-duplicated."""
    out: list[str] = []
    for item in missing:
        text = unicodedata.normalize("NFC", " ".join(item.split()))
        _clean_or_refuse(text, "Tên giấy tờ cần bổ sung")
        if len(text) > 300:
            raise ActionError(
                "Tên giấy tờ cần bổ sung quá dài (tối đa 300 ký tự)",
                code="missing_document_too_long",
                max=300,
            )
        if text and text not in out:
            out.append(text)
    if len(out) > 30:
        raise ActionError(
            "Tối đa 30 giấy tờ cần bổ sung", code="too_many_missing_documents", max=30
        )
    return out


def _reason(text: str, what: str) -> str:
    """Refusals and supplement requests state their reason (Kon Tum QĐ 08/2018 Điều 15.2)."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    _clean_or_refuse(text, what[0].upper() + what[1:])
    if len(text) < 5:
        raise ActionError(
            f"Phải ghi rõ {what} (ít nhất 5 ký tự)", code="reason_too_short", what=what, min=5
        )
    if len(text) > 2000:
        raise ActionError(
            f"{what[0].upper()}{what[1:]} quá dài (tối đa 2000 ký tự)",
            code="reason_too_long",
            what=what,
            max=2000,
        )
    return text


def _withdraw_reason(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    _clean_or_refuse(text, "Lý do rút hồ sơ")
    return text[:2000] or "Công dân yêu cầu rút hồ sơ"


class DossierService:
    def __init__(
        self, db: Database, ctx: CounterContext, clock: Callable[[], datetime] = local_now
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.clock = clock

    # -- reception ------------------------------------------------------------------------------

    def _new_row(
        self, session: Session, form: ReceptionForm, officer: OfficerInfo, now: datetime
    ) -> tuple[Dossier, dict[str, Any]]:
        try:
            procedure = get_procedure(session, form.procedure)
        except LookupError as exc:
            raise ActionError(
                str(exc), code="unknown_procedure", procedure=form.procedure
            ) from None
        documents = [d.model_dump() for d in form.documents_or_default(procedure)]
        fees = [f.model_dump() for f in form.fees_or_default(procedure)]
        applicant = form.applicant.model_dump(mode="json", exclude_none=True)
        delivery = form.result_delivery.model_dump(exclude_none=True)
        if delivery["method"] == "post" and not procedure.postal_result:
            raise ActionError(
                f"Thủ tục {procedure.code} không trả kết quả qua bưu chính",
                code="no_postal_result",
                procedure=procedure.code,
            )
        row = Dossier(
            id=str(uuid7()),
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            channel=form.channel,
            applicant_name=form.applicant.name,
            applicant_name_folded=fold_accents(form.applicant.name),
            applicant_id_number=form.applicant.id_number,
            applicant_phone=form.applicant.phone,
            applicant=applicant,
            documents=documents,
            sets=form.sets or procedure.sets,
            result_delivery=delivery,
            fees=fees,
            fee_total=sum(f["amount"] * f["quantity"] for f in fees),
            note=form.note,
            officer=officer.username,
            counter=self.ctx.counter,
            created_at=now,
            updated_at=now,
            pauses=[],
            provisional=False,
        )
        payload = {
            "procedure": procedure.code,
            "procedure_name": procedure.name,
            "channel": form.channel,
            "applicant": applicant,
            "documents": documents,
            "sets": row.sets,
            "result_delivery": delivery,
            "fees": fees,
            "fee_total": row.fee_total,
            "note": form.note,
        }
        return row, payload

    def _check_time(self, when: datetime | None, now: datetime) -> datetime:
        if when is None:
            return now
        try:
            if when.tzinfo is not None:
                when = when.astimezone(VIETNAM)
        except OverflowError:
            when = datetime.min
        when = when.replace(tzinfo=None, microsecond=0)
        if when > now + FUTURE_TOLERANCE:
            raise ActionError(
                "Thời điểm tiếp nhận không được ở tương lai", code="received_in_future"
            )
        # paper receipts entered late, but only so late (the province profile says how far);
        # never before 2000, where ddmmyy codes of two centuries would collide
        days = self.ctx.profile.reception.backdate_days
        if when < max(EARLIEST_LOCAL_TIME, now - timedelta(days=days)):
            raise ActionError(
                f"Thời điểm tiếp nhận {when:%H:%M %d/%m/%Y} quá xa: biên nhận giấy chỉ được nhập "
                f"lại trong vòng {days} ngày trước hôm nay",
                code="received_too_long_ago",
                when=f"{when:%H:%M %d/%m/%Y}",
                days=days,
            )
        return when

    def receive(self, form: ReceptionForm, officer: OfficerInfo) -> Receipt:
        """Tiếp nhận: issue a code, compute the appointment, write the dossier (status 2)."""
        return self.receive_many([form], officer)[0]

    def receive_many(self, forms: Sequence[ReceptionForm], officer: OfficerInfo) -> list[Receipt]:
        """Receive a list all or nothing: every item is checked, then all are written in one
        transaction, so an error in the third item leaves the first two unwritten (and nothing
        printed). An item whose ``request_id`` was received before answers with that dossier.
        Who may is the service layer's to check (desktop/services, the role table)."""
        now = self.clock()

        def where(i: int) -> str:
            return f"Hồ sơ thứ {i}: " if len(forms) > 1 else ""

        times = []
        seen: set[str] = set()
        for i, form in enumerate(forms, 1):
            try:
                times.append(self._check_time(form.received_at, now))
            except ActionError as exc:
                raise _in_item(exc, where(i), i) from None
            if form.request_id is not None:
                if form.request_id in seen:
                    raise ActionError(
                        f"{where(i)}request_id {form.request_id!r} đã dùng ở trên",
                        code="request_id_reused",
                        item=i,
                        request_id=form.request_id,
                    )
                seen.add(form.request_id)
        with self.db.write() as s:
            out = []
            for i, (form, at) in enumerate(zip(forms, times, strict=True), 1):
                try:
                    out.append(self._receive_in(s, form, officer, now, at))
                except (ActionError, Unsendable) as exc:
                    raise _in_item(exc, where(i), i) from None
            return out

    def _receive_in(
        self,
        s: Session,
        form: ReceptionForm,
        officer: OfficerInfo,
        now: datetime,
        received_at: datetime,
    ) -> Receipt:
        if form.request_id is not None:
            earlier = s.get(ReceptionRequest, form.request_id)
            if earlier is not None:
                done = s.get(Dossier, earlier.dossier_id)
                assert done is not None
                return replace(_receipt(done), request_id=form.request_id, existing=True)
        row, payload = self._new_row(s, form, officer, now)
        procedure = get_procedure(s, row.procedure_code)
        due = due_at(
            self.ctx.calendar,
            received_at,
            procedure.parsed_limit(),
            form.channel,
            self.ctx.cutoff,
        )
        issued = issue_code(s, self.ctx, received_at.date())
        book = str(received_at.year)
        row.register_book = book
        row.register_seq = bump(s, f"register:{book}")
        row.provisional = issued.provisional
        payload.update(
            code=issued.code,
            provisional=issued.provisional,
            received_at=received_at,
            due_at=due,
            register_book=book,
            register_seq=row.register_seq,
        )
        record(s, self.ctx, row, EventType.RECEIVED, payload, officer.username, at=now, new=True)
        if form.request_id is not None:
            s.add(ReceptionRequest(request_id=form.request_id, dossier_id=row.id, created_at=now))
            return replace(_receipt(row), request_id=form.request_id)
        return _receipt(row)

    def refuse(
        self,
        form: ReceptionForm,
        officer: OfficerInfo,
        reason: str,
        *,
        supplement: bool,
        missing: Sequence[str] = (),
    ) -> Receipt:
        """Từ chối (Mẫu 03) or yêu cầu bổ sung (Mẫu 02) instead of receiving; both state the
        reason (Kon Tum QĐ 08/2018 Điều 15.2)."""
        return self.refuse_many([form], officer, reason, supplement=supplement, missing=missing)[0]

    def refuse_many(
        self,
        forms: Sequence[ReceptionForm],
        officer: OfficerInfo,
        reason: str,
        *,
        supplement: bool,
        missing: Sequence[str] = (),
    ) -> list[Receipt]:
        """Refuse a list all or nothing, in one transaction, as :meth:`receive_many`."""
        reason = _reason(reason, "lý do")
        listed = _clean_missing(missing)
        now = self.clock()
        kind = EventType.SUPPLEMENT_REQUESTED if supplement else EventType.REJECTED
        with self.db.write() as s:
            out = []
            for i, form in enumerate(forms, 1):
                try:
                    row, payload = self._new_row(s, form, officer, now)
                    payload["reason"] = reason
                    if listed:
                        payload["missing"] = listed
                    record(s, self.ctx, row, kind, payload, officer.username, at=now, new=True)
                except (ActionError, Unsendable) as exc:
                    where = f"Hồ sơ thứ {i}: " if len(forms) > 1 else ""
                    raise _in_item(exc, where, i) from None
                out.append(_receipt(row))
            return out

    # -- actions on an existing dossier ----------------------------------------------------------

    def _act(
        self, code: str, officer: OfficerInfo, type_: EventType, payload: dict[str, Any]
    ) -> Receipt:
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, code)
            if row.counter and row.counter != self.ctx.counter and type_ not in ANY_COUNTER_EVENTS:
                # the server refuses it (not_owner): say so now, before a slip is printed
                raise ActionError(
                    f"Hồ sơ {row.code} do quầy {row.counter} tiếp nhận: chỉ quầy đó được "
                    "yêu cầu bổ sung, nhận bổ sung hoặc ghi nhận rút hồ sơ",
                    code="not_owner",
                    dossier=row.code,
                    counter=row.counter,
                )
            if type_ is EventType.SUPPLEMENT_RECEIVED and row.paused_at is not None:
                state = state_of(row)
                assert state.due_at is not None
                payload["due_at"] = extend_for_pauses(
                    self.ctx.calendar, state.due_at, [(row.paused_at, now)]
                )
                payload["supplied_at"] = now
            try:
                record(s, self.ctx, row, type_, payload, officer.username, at=now)
            except TransitionError as exc:
                raise ActionError(
                    f"Hồ sơ {row.code}: {exc}",
                    code="transition_not_allowed",
                    dossier=row.code,
                    detail=str(exc),
                ) from None
            return _receipt(row)

    def request_supplement(
        self, code: str, officer: OfficerInfo, reason: str, missing: Sequence[str] = ()
    ) -> Receipt:
        payload: dict[str, Any] = {
            "reason": _reason(reason, "nội dung cần bổ sung"),
            "requested_at": self.clock(),
        }
        listed = _clean_missing(missing)
        if listed:
            payload["missing"] = listed
        return self._act(code, officer, EventType.SUPPLEMENT_REQUESTED, payload)

    def reschedule(
        self,
        code: str,
        officer: OfficerInfo,
        reason: str,
        *,
        new_due_at: datetime | None = None,
        extra: Limit | None = None,
    ) -> Receipt:
        """Hẹn lại (Mẫu 04): the result will be late; the citizen gets an apology and a new
        appointment, either given or ``extra`` working time after the later of now and the
        old appointment."""
        if (new_due_at is None) == (extra is None):
            raise ActionError(
                "Cho biết ngày hẹn mới hoặc số ngày/giờ làm việc gia hạn",
                code="reschedule_needs_date",
            )
        reason = _reason(reason, "lý do hẹn lại")
        now = self.clock()
        with self.db.write() as s:
            row = find_dossier(s, code)
            old = row.due_at
            if old is None:
                raise ActionError(
                    f"Hồ sơ {row.code or row.id} chưa có ngày hẹn để hẹn lại",
                    code="no_appointment",
                    dossier=row.code or row.id,
                )
            if extra is not None:
                base = self.ctx.calendar.next_working_start(max(now, old))
                new = due_at(self.ctx.calendar, base, extra)
            else:
                assert new_due_at is not None
                new = new_due_at.replace(second=0, microsecond=0, tzinfo=None)
            if new <= old or new <= now:
                raise ActionError(
                    f"Ngày hẹn mới phải sau ngày hẹn cũ ({old:%H:%M %d/%m/%Y}) và sau hiện tại",
                    code="appointment_not_later",
                    previous=f"{old:%H:%M %d/%m/%Y}",
                )
            if not self.ctx.calendar.is_working_day(new.date()):
                raise ActionError(
                    f"Ngày hẹn mới {new:%d/%m/%Y} không phải ngày làm việc",
                    code="appointment_not_working_day",
                    day=f"{new:%d/%m/%Y}",
                )
            payload = {"reason": reason, "due_at": new, "previous_due_at": old}
            try:
                record(s, self.ctx, row, EventType.RESCHEDULED, payload, officer.username, at=now)
            except TransitionError as exc:
                raise ActionError(
                    f"Hồ sơ {row.code}: {exc}",
                    code="transition_not_allowed",
                    dossier=row.code,
                    detail=str(exc),
                ) from None
            return _receipt(row)

    def receive_supplement(self, code: str, officer: OfficerInfo) -> Receipt:
        return self._act(code, officer, EventType.SUPPLEMENT_RECEIVED, {})

    def result_ready(self, code: str, officer: OfficerInfo) -> Receipt:
        return self._act(code, officer, EventType.RESULT_RECEIVED, {"finished_at": self.clock()})

    def return_result(
        self, code: str, officer: OfficerInfo, receiver_name: str, receiver_id: str
    ) -> Receipt:
        try:
            receiver = Person(name=receiver_name, id_number=receiver_id)
        except ValueError as exc:
            raise ActionError(
                f"Thông tin người nhận kết quả không hợp lệ: {exc}", code="receiver_invalid"
            ) from None
        return self._act(
            code,
            officer,
            EventType.RESULT_RETURNED,
            {
                "receiver": receiver.model_dump(mode="json"),
                "returned_at": self.clock(),
            },
        )

    def withdraw(self, code: str, officer: OfficerInfo, reason: str) -> Receipt:
        return self._act(
            code,
            officer,
            EventType.WITHDRAWN,
            {"reason": _withdraw_reason(reason)},
        )
