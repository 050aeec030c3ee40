"""The bank's payment notification (issue 19 item 4): ``POST /payments/notify``.

No counter token: the bank proves itself with the HMAC signature of the province's secret
(sync/server/payments.py). Every attempt is recorded, a forged or stale one too; the answer to
a signed notification is always 200 with its outcome (applied, duplicate, unmatched, short),
so the bank does not resend one the server decided not to apply.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from .. import payments
from .deps import WriteSession, raw_body
from .errors import ApiError, validated

router = APIRouter()


@router.post("/payments/notify")
def notify(
    request: Request,
    body: Annotated[bytes, Depends(raw_body(payments.MAX_NOTIFICATION_BYTES))],
    s: WriteSession,
) -> JSONResponse:
    secret = payments.secret_of(s)
    if secret is None:
        raise ApiError(
            503, "payments_not_configured", "no payment secret set on this server (payments secret)"
        )
    problem = payments.signature_problem(
        secret,
        request.headers.get("x-timestamp"),
        request.headers.get("x-signature"),
        body,
        time.time(),
    )
    if problem is not None:
        # nothing of an unauthenticated body is kept
        payments.record_attempt(s, "bad_signature")
        s.commit()
        raise ApiError(401, "bad_signature", problem)
    try:
        note = validated(body, payments.BankNotification)
    except ApiError:
        payments.record_attempt(s, "invalid")
        s.commit()
        raise
    decision = payments.apply_notification(s, note)
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return JSONResponse(decision.answer(note.transaction_id))
