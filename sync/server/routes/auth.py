"""Signing in: a counter's enrolment with an officer's password (``/counters/enroll``), the
counter's own sign-in with its device key (``/auth/device``), an officer's online sign-in
through an enrolled counter (``/login``) and password change (``/password``).

The password-taking routes are rate-limited per client address (``enrol_attempt``,
``login_attempt``). A wrong password is counted towards the lockout even though the request is
refused: the count is committed first, then the 401 raised (sync/server/auth.py).
"""

from __future__ import annotations

import re
from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sync.protocol import (
    DeviceAuthRequest,
    EnrollRequest,
    EnrollResponse,
    LoginRequest,
    LoginResponse,
    PasswordChangeRequest,
    TokenGrant,
)

from ..auth import (
    Unauthorized,
    check_password,
    device_sign_in,
    issue_token,
    make_verifier,
    officer_record,
)
from ..db import take_feed_ids
from ..enrol import enrol
from ..models import OfficerRow
from ..officers import publish as publish_officer
from .deps import (
    CounterCaller,
    OfficerCaller,
    WriteSession,
    client_address,
    enrol_attempt,
    json_body,
    json_response,
    login_attempt,
)
from .errors import ApiError, guarded

router = APIRouter()
_PASSWORD_RE = (re.compile(r"[A-Za-z]"), re.compile(r"\d"))


def _checked(s: Session, username: str, password: str, **where: Any) -> int | ApiError:
    """The officer's id, or the refusal to answer after the failure count is committed."""
    take_feed_ids(s, 0)  # one writer at a time: the failure counts stay exact
    try:
        return check_password(s, username, password, **where).id
    except Unauthorized as exc:
        return ApiError(401, exc.code, str(exc))


@router.post(
    "/counters/enroll", response_model=EnrollResponse, dependencies=[Depends(enrol_attempt)]
)
def enroll(
    request: Request,
    req: Annotated[EnrollRequest, Depends(json_body(EnrollRequest))],
    s: WriteSession,
) -> Response:
    officer = _checked(s, req.username, req.password, source=f"addr:{client_address(request)}")
    s.commit()  # the password check stands on its own, whatever the enrolment meets
    if isinstance(officer, ApiError):
        raise officer
    answer = guarded(lambda: enrol(s, req, officer))
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(answer)


@router.post("/auth/device", response_model=TokenGrant)
def device(
    req: Annotated[DeviceAuthRequest, Depends(json_body(DeviceAuthRequest))], s: WriteSession
) -> Response:
    counter_id = guarded(lambda: device_sign_in(s, req))
    token, expires = issue_token(s, "counter", counter_id)
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(TokenGrant(token=token, expires_at=expires.replace(tzinfo=UTC)))


@router.post("/login", dependencies=[Depends(login_attempt)])
def login(
    caller: CounterCaller,
    req: Annotated[LoginRequest, Depends(json_body(LoginRequest))],
    s: WriteSession,
) -> Response:
    # only officers of the counter's agency; wrong guesses lock at this counter only
    found = _checked(
        s,
        req.username,
        req.password,
        source=f"counter:{caller.counter_id}",
        agency=caller.agency,
    )
    if isinstance(found, ApiError):  # the failure count must be kept: commit, then 401
        s.commit()
        raise found
    officer = s.get(OfficerRow, found)
    assert officer is not None
    token, expires = issue_token(s, "officer", caller.counter_id, officer.id)
    grant = TokenGrant(token=token, expires_at=expires.replace(tzinfo=UTC))
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(LoginResponse(token=grant, officer=officer_record(officer)))


@router.post("/password")
def password(
    req: Annotated[PasswordChangeRequest, Depends(json_body(PasswordChangeRequest))],
    who: OfficerCaller,
    s: WriteSession,
) -> Response:
    officer = s.get(OfficerRow, who.officer_id)
    assert officer is not None
    source = f"counter:{who.counter_id}"
    guarded(lambda: check_password(s, officer.username, req.old_password, source=source))
    if not all(r.search(req.new_password) for r in _PASSWORD_RE):
        raise ApiError(422, "weak_password", "a password needs letters and digits")
    officer.verifier = make_verifier(req.new_password)
    officer.must_change_password = False
    publish_officer(s, officer)
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return Response(status_code=204)
