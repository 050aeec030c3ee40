from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.ontime import OnTime, classify
from tests.budget import examples

DUE = datetime(2023, 11, 3, 9, 32)  # Fri, the DESIGN check's appointment
PERIOD_END = date(2023, 11, 30)


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (datetime(2023, 11, 3, 16, 59), OnTime.DUNG_HAN),  # later clock time, same date
        (datetime(2023, 11, 3, 9, 32), OnTime.DUNG_HAN),
        (datetime(2023, 11, 3, 0, 0), OnTime.DUNG_HAN),
        (datetime(2023, 11, 3, 23, 59, 59), OnTime.DUNG_HAN),
        (datetime(2023, 11, 2, 17, 0), OnTime.TRUOC_HAN),
        (datetime(2023, 11, 2, 23, 59, 59), OnTime.TRUOC_HAN),
        (datetime(2023, 10, 27, 9, 40), OnTime.TRUOC_HAN),
        (datetime(2023, 11, 4, 0, 0), OnTime.QUA_HAN),  # the Saturday after
        (datetime(2023, 11, 6, 7, 0), OnTime.QUA_HAN),
        (datetime(2024, 1, 2, 8, 0), OnTime.QUA_HAN),
    ],
)
def test_finished_dossiers_compare_dates(finished: datetime, expected: OnTime) -> None:
    assert classify(DUE, finished, PERIOD_END) is expected


def test_plain_dates_are_accepted() -> None:
    assert classify(date(2023, 11, 3), date(2023, 11, 3), PERIOD_END) is OnTime.DUNG_HAN
    assert classify(date(2023, 11, 3), date(2023, 11, 2), PERIOD_END) is OnTime.TRUOC_HAN
    assert classify(DUE, date(2023, 11, 4), PERIOD_END) is OnTime.QUA_HAN
    assert classify(date(2023, 11, 3), datetime(2023, 11, 3, 16, 59), PERIOD_END) is (
        OnTime.DUNG_HAN
    )


def test_finished_dossiers_ignore_the_period_end() -> None:
    finished = datetime(2023, 11, 6, 8, 0)
    for end in (date(2023, 10, 31), date(2023, 11, 3), date(2023, 12, 31)):
        assert classify(DUE, finished, end) is OnTime.QUA_HAN
        assert classify(DUE, DUE - timedelta(days=1), end) is OnTime.TRUOC_HAN


@pytest.mark.parametrize(
    ("period_end", "expected"),
    [
        (date(2023, 10, 31), OnTime.TRONG_HAN),  # due after the period: still within time
        (date(2023, 11, 2), OnTime.TRONG_HAN),
        (date(2023, 11, 3), OnTime.TRONG_HAN),  # due on the last day of the period
        (date(2023, 11, 4), OnTime.QUA_HAN),
        (date(2023, 11, 30), OnTime.QUA_HAN),
    ],
)
def test_open_dossiers_at_the_end_of_a_period(period_end: date, expected: OnTime) -> None:
    assert classify(DUE, None, period_end) is expected
    assert classify(DUE.date(), None, period_end) is expected


def test_vietnamese_labels() -> None:
    assert [c.label_vi for c in OnTime] == ["Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn"]
    assert OnTime("qua_han") is OnTime.QUA_HAN


RANK = {OnTime.TRUOC_HAN: 0, OnTime.DUNG_HAN: 1, OnTime.QUA_HAN: 2}
moments = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31))
days = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))


@settings(max_examples=examples(), deadline=None)
@given(moments, moments, moments, days)
def test_finishing_later_never_ranks_better(
    due: datetime, a: datetime, b: datetime, period_end: date
) -> None:
    early, late = sorted((a, b))
    assert RANK[classify(due, early, period_end)] <= RANK[classify(due, late, period_end)]


@settings(max_examples=examples(), deadline=None)
@given(moments, moments, st.times(), st.times(), days)
def test_only_dates_matter(
    due: datetime, finished: datetime, t1: time, t2: time, period_end: date
) -> None:
    moved_due = datetime.combine(due.date(), t1)
    moved_finish = datetime.combine(finished.date(), t2)
    assert classify(due, finished, period_end) is classify(moved_due, moved_finish, period_end)
    assert classify(due, None, period_end) is classify(moved_due, None, period_end)
    # Exactly one class, and the same date is always on time.
    assert classify(due, datetime.combine(due.date(), t2), period_end) is OnTime.DUNG_HAN


@settings(max_examples=examples(), deadline=None)
@given(moments, days, days)
def test_a_later_period_end_never_turns_a_late_open_dossier_back(
    due: datetime, a: date, b: date
) -> None:
    early, late = sorted((a, b))
    if classify(due, None, early) is OnTime.QUA_HAN:
        assert classify(due, None, late) is OnTime.QUA_HAN
    assert classify(due, None, due.date()) is OnTime.TRONG_HAN
    assert classify(due, None, due.date() + timedelta(days=1)) is OnTime.QUA_HAN
