"""The feedback register (issue 20 item 3): ``POST /feedback`` takes a counter's entries
(sync/server/feedback.py) and answers one result for each, as ``POST /events`` does."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from sync.protocol import FeedbackPush, PushResponse

from ..feedback import push_feedback
from .deps import CounterCaller, WriteSession, json_body, json_response

router = APIRouter()


@router.post("/feedback", response_model=PushResponse)
def feedback(
    caller: CounterCaller,
    req: Annotated[FeedbackPush, Depends(json_body(FeedbackPush))],
    s: WriteSession,
) -> Response:
    answer = PushResponse(results=push_feedback(s, caller, list(req.entries)))
    s.commit()  # in the thread that holds the write lock (routes/deps.py)
    return json_response(answer)
