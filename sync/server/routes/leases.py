"""``POST /leases``: blocks of the official dossier-code sequences leased to a counter
(sync/server/sequences.py), published in its feed, and its emergency range."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from sync.protocol import LeaseRequest, LeaseResponse, SeqRange

from ..db import take_feed_ids
from ..feed import add_change
from ..models import AgencyRow, CounterRow
from ..sequences import lease
from .deps import CounterCaller, WriteSession, json_body, json_response

router = APIRouter()


@router.post("/leases", response_model=LeaseResponse)
def leases(
    caller: CounterCaller,
    req: Annotated[LeaseRequest, Depends(json_body(LeaseRequest))],
    s: WriteSession,
) -> Response:
    take_feed_ids(s, 0)  # serialise with every other writer of the day sequences
    agency = s.get(AgencyRow, caller.agency)
    counter = s.get(CounterRow, caller.counter_id)
    assert agency is not None and counter is not None
    blocks = lease(s, agency, caller.counter_id, list(req.asks))
    if blocks:
        first = take_feed_ids(s, len(blocks))
        for i, b in enumerate(blocks):
            add_change(
                s,
                first + i,
                "lease",
                b.model_dump(mode="json"),
                agency=caller.agency,
                counter_id=caller.counter_id,
            )
    emergency = (
        SeqRange(start=counter.emergency_start, end=counter.emergency_end)
        if counter.emergency_start and counter.emergency_end
        else None
    )
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(LeaseResponse(blocks=blocks, emergency=emergency))
