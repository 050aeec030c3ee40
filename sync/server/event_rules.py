"""Which counter may append which event to whose dossier (DESIGN.md §12, issue 17 item 10).

- Only event types a counter writes are taken; the server's own (a department's progress, an
  assigned code, an online registration) and anything unknown are refused.
- Never across agencies (checked by the caller, before these rules).
- The receiving counter owns the dossier: only it receives, refuses, asks for or takes a
  supplement, or records a withdrawal, and only it may change the applicant or the procedure.
  Any counter of the same agency may hand back the result (the citizen collects it wherever it
  suits them), record that it arrived, reschedule the appointment or attach scans — without
  touching the applicant or the procedure.
- Status changes follow the national status machine (TrangThaiHoSo) the counter folds with,
  desktop/domain/dossier.py ``TRANSITIONS``; tests/sync/test_event_rules.py checks this copy
  against it (``sync`` never imports the app).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sync import s10
from sync.limits import MAX_FEE_TOTAL
from sync.protocol import DossierSummary

Problem = tuple[str, str]

_ACTIVE = frozenset({2, 4, 5, 6})
# event type -> (statuses it may start from, None meaning "no dossier yet"), target status
# (None: the event leaves the status as it is)
COUNTER_TRANSITIONS: Mapping[str, tuple[frozenset[int | None], int | None]] = {
    "received": (frozenset({None, 1, 5}), 2),
    "rejected": (frozenset({None, 1}), 3),
    "supplement_requested": (frozenset({None, 1, 2, 4}), 5),
    "supplement_received": (frozenset({5}), 4),
    "result_received": (frozenset({2, 4, 6}), 9),
    "result_returned": (frozenset({9}), 10),
    "withdrawn": (frozenset({1}) | _ACTIVE, 7),
    "rescheduled": (_ACTIVE, None),
    "attached": (frozenset(range(1, 11)), None),
    "handed_over": (frozenset({2, 4, 5, 6}), None),
    "paid": (frozenset({1, 2, 4, 5, 6, 9}), None),
    "refunded": (frozenset({3, 7, 8}), None),
    "fee_exempted": (frozenset({1, 2, 4, 5, 6}), None),
    "rated": (frozenset(range(2, 11)), None),
    "sent_by_post": (frozenset({9}), None),
    "post_delivered": (frozenset({9}), 10),
}
SERVER_ONLY = frozenset({"registered_online", "department_progress", "code_assigned"})
# what a department may move a dossier to while a counter has not heard of it yet
DEPARTMENT_TARGETS = frozenset({4, 5, 6, 8, 9})
ANY_COUNTER_OF_THE_AGENCY = frozenset(
    {
        "result_received",
        "result_returned",
        "rescheduled",
        "attached",
        "handed_over",
        "paid",
        "refunded",
        "rated",
        "sent_by_post",
        "post_delivered",
    }
)
# what answers an online dossier waiting for its check: only the counter holding the claim
ONLINE_CHECK = frozenset({"received", "rejected", "supplement_requested", "withdrawn"})
# what only the receiving counter may set
_OWNED_FIELDS = ("applicant_name", "applicant_id", "procedure")


def type_problem(type_: str) -> Problem | None:
    if type_ in COUNTER_TRANSITIONS:
        return None
    if type_ in SERVER_ONLY:
        return "not_permitted", f"only the server writes '{type_}' events"
    return "unknown_event", f"unknown event type '{type_}'"


def payment_problem(payload: Mapping[str, Any], counter: str) -> Problem | None:
    """A payment or refund carries a positive amount within the limit and a fee receipt number
    from the pushing counter's own series (``Q01/2026-000123``): no counter may number a
    receipt in another's series (desktop/store/dossiers/payments.py)."""
    amount = payload.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_FEE_TOTAL:
        return "invalid_event", "a payment needs a positive whole amount within the limit"
    receipt = payload.get("receipt_no")
    if not isinstance(receipt, str) or not receipt.startswith(f"{counter}/"):
        return "invalid_event", f"fee receipt numbers of counter {counter} start with '{counter}/'"
    return None


RATING_STAGES = frozenset({"reception", "return"})
MAX_RATING_COMMENT = 1000  # desktop/domain/satisfaction.py


def rating_problem(payload: Mapping[str, Any], status: int) -> Problem | None:
    """A rating names its stage (the return only once the result is back, status 10), a level
    of the five-point scale and at most a short comment (desktop/domain/satisfaction.py)."""
    stage, level = payload.get("stage"), payload.get("level")
    if stage not in RATING_STAGES:
        return "invalid_event", "a rating names its stage: reception or return"
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        return "invalid_event", "a rating's level is a whole number from 1 to 5"
    comment = payload.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_RATING_COMMENT):
        return "invalid_event", f"a rating's comment is text of at most {MAX_RATING_COMMENT}"
    served = payload.get("served_by")
    if not isinstance(served, str) or not 0 < len(served) <= 60:
        return "invalid_event", "a rating names the officer who served the citizen"
    if stage == "return" and status != 10:
        return "bad_transition", "only a returned dossier's return is rated"
    return None


POST_EVENTS = frozenset({"sent_by_post", "post_delivered"})


def _local_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def post_problem(type_: str, payload: Mapping[str, Any]) -> Problem | None:
    """A result handed to the post carries a valid UPU S10 tracking number, written as the
    counter writes it (normalised: ``EB123456785VN``, sync/s10.py) and the local time it went;
    a delivery carries the local time it was delivered (issue 20)."""
    if type_ == "sent_by_post":
        tracking = payload.get("tracking")
        if not isinstance(tracking, str):
            return "invalid_event", "a result sent by post needs its tracking number"
        try:
            number = s10.parse(tracking)
        except s10.S10Error as exc:
            return "invalid_event", f"tracking number is not a valid UPU S10 number ({exc.reason})"
        if str(number) != tracking:
            return "invalid_event", "tracking number not normalised (capitals, no spaces)"
        if not _local_time(payload.get("sent_at")):
            return "invalid_event", "a result sent by post needs sent_at, a local time"
    elif type_ == "post_delivered" and not _local_time(payload.get("delivered_at")):
        return "invalid_event", "a delivery by post needs delivered_at, a local time"
    return None


def target(type_: str) -> int | None:
    return COUNTER_TRANSITIONS[type_][1]


def problem(
    type_: str, d: Mapping[str, Any] | None, a: DossierSummary, counter_id: int
) -> Problem | None:
    """Why the counter ``counter_id`` may not append a ``type_`` event that leaves the dossier
    ``d`` (None: new to the server) as ``a`` says; the type is already known to be a counter's."""
    sources, to = COUNTER_TRANSITIONS[type_]
    if to is not None and a.status != to:
        return "bad_transition", f"'{type_}' moves a dossier to status {to}, not {a.status}"
    if to is None and a.status not in sources:
        return "bad_transition", f"'{type_}' is not allowed at status {a.status}"
    if d is None:
        if None not in sources:
            return "bad_transition", f"'{type_}' needs a dossier the server already has"
        return None
    owner = d["counter_id"]
    if owner is not None and owner != counter_id:
        if type_ not in ANY_COUNTER_OF_THE_AGENCY:
            return "not_owner", f"only the receiving counter may append '{type_}'"
        changed = [f for f in _OWNED_FIELDS if getattr(a, f) != d[f]]
        if a.code not in (d["code"], d["provisional_code"]):
            changed.append("code")
        if changed:
            return "not_owner", "only the receiving counter may change " + ", ".join(changed)
    current = d["status"]
    if type_ == "received" and d["received_at"] is not None:
        return "bad_transition", "the dossier was already received"
    if type_ == "supplement_received" and d["received_at"] is None:
        return "bad_transition", "a supplement is taken only for a received dossier"
    if current in sources:
        return None
    # a department may have moved the dossier after the counter last heard: the event is
    # judged against the active status the counter could still believe it in
    if current in DEPARTMENT_TARGETS and sources & _ACTIVE:
        return None
    return "bad_transition", f"'{type_}' is not allowed from status {current}"
