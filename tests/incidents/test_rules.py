"""The outage rules on their own (desktop/domain/incidents.py): which appointments an outage
touches, where they move, when the promised answer is due, and what an error sample may say."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.incidents import (
    MAX_SAMPLES,
    ErrorSample,
    OutageWindow,
    add_sample,
    affected_kind,
    answer_due,
    causes_seen,
    compact_lines,
    horizon,
    proposed_due,
    scrub,
    shift,
    should_open,
    watch_is_stale,
)

CAL = WorkingCalendar()  # 07:00–11:30, 13:30–17:00, Monday to Friday
MON = datetime(2023, 10, 23)  # an ordinary working week


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return MON.replace(day=23 + day, hour=hh, minute=mm)


def test_while_open_the_promised_answer_sets_how_far_appointments_move() -> None:
    # seed 002 Điều 27.6: until the IT department answers (4 h) nobody knows when it ends
    window = OutageWindow(at(0, 9), None, promised_hours=4)
    now = at(0, 10)
    assert shift(CAL, window, now) == timedelta(hours=4)
    assert horizon(CAL, window, now) == at(0, 16)  # 10:00 + 4 working hours, lunch skipped
    # due inside the outage: moves from now; still ahead: moves from the old appointment
    assert affected_kind(at(0, 9, 30), window, now) == "inside"
    assert proposed_due(CAL, at(0, 9, 30), window, now) == at(0, 16)
    assert affected_kind(at(0, 15), window, now) == "at_risk"
    assert proposed_due(CAL, at(0, 15), window, now) == at(1, 9)  # over the night


def test_an_outage_that_lasts_longer_than_the_promise_moves_them_by_its_length() -> None:
    window = OutageWindow(at(0, 7), None, promised_hours=4)
    now = at(0, 15)  # 6 working hours lost so far
    assert shift(CAL, window, now) == timedelta(hours=6)
    assert horizon(CAL, window, now) == at(1, 11)


def test_after_the_close_the_lost_working_time_is_given_back() -> None:
    window = OutageWindow(at(0, 9), at(0, 11), promised_hours=4)
    now = at(0, 14)
    assert shift(CAL, window, now) == timedelta(hours=2)  # the promise no longer matters
    assert horizon(CAL, window, now) == at(0, 15)
    assert affected_kind(at(0, 14, 30), window, now) == "at_risk"
    assert proposed_due(CAL, at(0, 14, 30), window, now) == at(0, 16, 30)


def test_a_short_outage_still_moves_an_appointment_by_an_hour_at_least() -> None:
    window = OutageWindow(at(0, 9), at(0, 9, 10), promised_hours=None)
    now = at(0, 9, 20)
    assert shift(CAL, window, now) == timedelta(hours=1)
    new = proposed_due(CAL, at(0, 9, 5), window, now)
    assert new == at(0, 10, 20) and new > now


def test_an_outage_over_the_weekend_loses_no_working_time() -> None:
    window = OutageWindow(at(5, 8), at(6, 20), promised_hours=None)  # Saturday to Sunday
    assert shift(CAL, window, at(6, 21)) == timedelta(hours=1)
    assert proposed_due(CAL, at(5, 9), window, at(6, 21)) == at(7, 8)  # Monday, 08:00


def test_the_promised_answer_counts_clock_hours_from_the_report() -> None:
    assert answer_due(at(0, 16), 4) == at(0, 20)  # "04 giờ", not working hours
    assert answer_due(None, 4) is None and answer_due(at(0, 16), None) is None


def test_grace_and_stale_watches() -> None:
    grace = timedelta(minutes=5)
    assert not should_open(at(0, 9), at(0, 9, 4), grace)
    assert should_open(at(0, 9), at(0, 9, 5), grace)
    assert not watch_is_stale(at(0, 9), at(0, 9, 25))
    assert watch_is_stale(at(0, 9), at(0, 9, 31))


def test_samples_are_bounded_and_keep_how_it_began() -> None:
    samples: tuple[ErrorSample, ...] = ()
    for i in range(50):
        samples = add_sample(
            samples, ErrorSample.of(at(0, 9) + timedelta(seconds=i), "tcp", f"#{i}")
        )
    assert len(samples) == MAX_SAMPLES
    details = [s.detail for s in samples]
    assert details[:5] == ["#0", "#1", "#2", "#3", "#4"] and details[-1] == "#49"


def test_samples_carry_no_personal_numbers_and_no_tokens() -> None:
    s = ErrorSample.of(
        at(0, 9),
        "http",
        "máy chủ trả lời HTTP 503 cho hồ sơ của 089085001234, gọi 0912 345 678; "
        "Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl token=AbCdEf0123456789AbCdEf0123",
    )
    assert s.http_status == 503
    assert "089085001234" not in s.detail and "0912 345 678" not in s.detail
    assert "eyJ" not in s.detail and "AbCdEf0123456789" not in s.detail
    assert "HTTP 503" in s.detail
    assert scrub("kết nối tới dichvucong.angiang.gov.vn:443 bị từ chối") == (
        "kết nối tới dichvucong.angiang.gov.vn:443 bị từ chối"
    )
    assert len(scrub("x" * 1000 + " y")) <= 200


def test_repeated_errors_take_one_line_on_the_form() -> None:
    t = at(0, 9)
    samples = (
        *(ErrorSample.of(t + timedelta(seconds=i), "tcp", "kết nối bị ngắt") for i in range(4)),
        ErrorSample.of(t + timedelta(seconds=9), "http", "máy chủ trả lời HTTP 503 (unavailable)"),
        ErrorSample.of(t + timedelta(seconds=12), "http", "máy chủ trả lời HTTP 502"),
    )
    assert compact_lines(samples) == (
        "09:00:00–09:00:03 23/10/2023 (4 lần) — TCP: kết nối bị ngắt",
        "09:00:09 23/10/2023 — HTTP 503: máy chủ báo lỗi (unavailable)",
        "09:00:12 23/10/2023 — HTTP 502: máy chủ báo lỗi",
    )
    assert causes_seen(samples) == (
        "không kết nối được tới máy chủ (TCP)",
        "máy chủ trả lời lỗi (HTTP), mã 503",
        "máy chủ trả lời lỗi (HTTP), mã 502",
    )
