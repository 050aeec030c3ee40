"""The ``rated`` event in the dossier's fold (issue 20): once per stage, the return only once
returned, a level of the five-point scale; the status never changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desktop.domain.dossier import DossierState, Event, EventType, Status, TransitionError, apply
from desktop.domain.satisfaction import Level, parse_level

AT = datetime(2026, 12, 3, 9, 0)


def _ev(type_: EventType, payload: dict[str, Any], seq: int = 1) -> Event:
    return Event(f"e{seq}", "d1", type_, payload, AT, "an", "Q01", seq)


def _state(status: Status) -> DossierState:
    return DossierState(id="d1", status=status, code="X", received_at=AT)


def test_each_stage_is_rated_once_and_the_status_stays() -> None:
    s = apply(
        _state(Status.DUOC_TIEP_NHAN), _ev(EventType.RATED, {"stage": "reception", "level": 5})
    )
    assert (s.status, s.rating_reception, s.rating_return) == (Status.DUOC_TIEP_NHAN, 5, None)
    with pytest.raises(TransitionError, match="đã đánh giá việc tiếp nhận"):
        apply(s, _ev(EventType.RATED, {"stage": "reception", "level": 1}, 2))
    with pytest.raises(TransitionError, match="đã trả kết quả"):
        apply(s, _ev(EventType.RATED, {"stage": "return", "level": 4}, 2))
    back = apply(
        _state(Status.DA_TRA_KET_QUA), _ev(EventType.RATED, {"stage": "return", "level": 3})
    )
    assert (back.status, back.rating_return) == (Status.DA_TRA_KET_QUA, 3)


@pytest.mark.parametrize("payload", [
    {"stage": "reception", "level": 0},
    {"stage": "reception", "level": 6},
    {"stage": "reception", "level": True},
    {"stage": "reception"},
    {"stage": "later", "level": 3},
    {"level": 3},
])  # fmt: skip
def test_a_rating_off_the_scale_or_without_its_stage_is_refused(payload: dict[str, Any]) -> None:
    with pytest.raises(TransitionError):
        apply(_state(Status.DANG_XU_LY), _ev(EventType.RATED, payload))


def test_an_online_dossier_waiting_for_its_check_has_nothing_to_rate() -> None:
    with pytest.raises(TransitionError):
        apply(_state(Status.MOI_DANG_KY), _ev(EventType.RATED, {"stage": "reception", "level": 5}))


def test_levels_parse_from_digits_only() -> None:
    assert parse_level("5") is Level.RAT_HAI_LONG and parse_level(1) is Level.RAT_KHONG_HAI_LONG
    assert [parse_level(v) for v in ("0", "6", "4.5", "", None, True, 3.0)] == [None] * 7
