"""Enrolling a counter: an IT officer with the admin role binds a counter (agency, counter code,
installation, device key) to the server, which answers with a sync token and the counter's
emergency range, and tells every counter the new public key so receipts verify anywhere.

The officer must administer the counter's agency. An enrolled counter is never taken over by a
second enrolment, whatever the password: the provincial IT first runs
``motcua-server counter reset AGENCY COUNTER``, which allows exactly one new enrolment (issue 17).
"""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sync.protocol import EnrollRequest, EnrollResponse, SeqRange, TokenGrant, key_id_of

from . import audit_anchor
from .auth import Forbidden, allowed_at, issue_token
from .db import take_feed_ids, utc_now
from .feed import add_change
from .models import (
    AgencyRow,
    CounterControlRow,
    CounterKeyRow,
    CounterRow,
    OfficerRow,
    TokenRow,
)
from .sequences import TemplateError, allocate_emergency, emergency_size, template_max_seq


class Conflict(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def enrol(session: Session, req: EnrollRequest, officer_id: int) -> EnrollResponse:
    """``officer_id``: whose password was checked (and the check committed) just before."""
    fid = take_feed_ids(session, 1)
    officer = session.get(OfficerRow, officer_id)
    assert officer is not None
    if "admin" not in officer.roles.split(","):
        raise Forbidden("not_admin", "only an administrator may enrol a counter")
    if not allowed_at(session, officer.id, req.agency):
        raise Forbidden("not_your_agency", f"you do not administer agency {req.agency}")
    now = utc_now()
    agency = session.get(AgencyRow, req.agency)
    try:
        max_seq = template_max_seq(req.code_template)
    except TemplateError as exc:
        raise Forbidden("bad_template", str(exc)) from None
    if agency is None:
        agency = AgencyRow(
            code=req.agency,
            code_template=req.code_template,
            max_seq=max_seq,
            emergency_size=emergency_size(max_seq),
            created_at=now,
        )
        session.add(agency)
        session.flush()
    elif agency.code_template != req.code_template:
        raise Forbidden(
            "template_mismatch",
            f"agency {req.agency} numbers dossiers as {agency.code_template!r}",
        )
    kid = key_id_of(bytes.fromhex(req.public_key))
    known_key = session.get(CounterKeyRow, kid)
    counter = session.scalar(
        select(CounterRow).where(CounterRow.agency == req.agency, CounterRow.counter == req.counter)
    )
    if known_key is not None and (counter is None or known_key.counter_id != counter.id):
        raise Conflict("key_in_use", "this public key belongs to another counter")
    if counter is None:
        slots = session.scalar(
            select(func.max(CounterRow.slot)).where(CounterRow.agency == req.agency)
        )
        slot = 0 if slots is None else slots + 1
        emergency = allocate_emergency(session, agency, slot)
        counter = CounterRow(
            agency=req.agency,
            counter=req.counter,
            install_id=str(req.install_id),
            key_id=kid,
            slot=slot,
            emergency_start=emergency.start if emergency else None,
            emergency_end=emergency.end if emergency else None,
            enrolled_at=now,
            enrolled_by=officer.username,
        )
        session.add(counter)
        session.flush()
    else:
        control = session.get(CounterControlRow, counter.id)
        if control is None or control.reset_at is None:
            raise Conflict(
                "counter_enrolled",
                f"counter {req.counter} of {req.agency} is enrolled; the provincial IT must "
                "reset it first (motcua-server counter reset)",
            )
        # the reset is used up; the new installation is trusted, the old one is out at once
        control.reset_at = None
        control.revoked_at = None
        session.execute(delete(TokenRow).where(TokenRow.counter_id == counter.id))
        # a reinstalled counter keeps its emergency range; its old key stays valid for the
        # receipts it already printed, but only the new one may sign in
        if counter.install_id != str(req.install_id):
            audit_anchor.retire(session, counter.id, counter.install_id, counter.key_id)
        counter.install_id = str(req.install_id)
        counter.key_id = kid
        counter.enrolled_at = now
        counter.enrolled_by = officer.username
    if known_key is None:
        session.add(
            CounterKeyRow(
                key_id=kid,
                counter_id=counter.id,
                agency=req.agency,
                counter=req.counter,
                public_key=req.public_key,
                created_at=now,
            )
        )
        add_change(
            session,
            fid,
            "counter_key",
            {
                "agency": req.agency,
                "counter": req.counter,
                "key_id": kid,
                "public_key": req.public_key,
                "revoked": False,
            },
        )
    token, expires = issue_token(session, "counter", counter.id)

    emergency_range = (
        SeqRange(start=counter.emergency_start, end=counter.emergency_end)
        if counter.emergency_start and counter.emergency_end
        else None
    )
    return EnrollResponse(
        counter_id=counter.id,
        key_id=kid,
        token=TokenGrant(token=token, expires_at=expires.replace(tzinfo=UTC)),
        emergency=emergency_range,
    )
