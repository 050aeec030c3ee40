"""Province profiles: what differs between provinces, each value citing its source.

A profile is data (TOML in ``resources/provinces/``); this module only validates it. Every
section carries a ``source`` naming the article it comes from, so an IT officer can check
each value against the regulation.
"""

from __future__ import annotations

from datetime import time
from datetime import time as clock_time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from desktop.domain.refusal import Refusal
from sync.limits import MAX_BACKDATE_DAYS

from .codes import CodeFormat, CodeFormatError
from .validation import describe_errors

Source = Annotated[str, Field(min_length=3, description="article or document the value comes from")]


class _Strict(BaseModel):
    # defer_build: the validators are built when a profile is first parsed, once for the whole
    # profile, instead of once per section class at import (a third less CPU for
    # `motcua calendar due`)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _parse_hhmm(value: str) -> time:
    try:
        hh, mm = value.split(":")
        return time(int(hh), int(mm))
    except (ValueError, AttributeError) as exc:
        raise ValueError(f"giờ phải có dạng HH:MM, không phải {value!r}") from exc


class CodeFormatSection(_Strict):
    template: str
    agency_length: int | None = Field(default=None, ge=3, le=40)
    # Past the template's last daily number (999 for 3 digits) no real code exists: the dossier
    # is still received, under a visibly provisional code (TAM-…) that it keeps, and the server
    # reports it (``provisional_without_code``). Widening the number would break the code's
    # fixed layout (An Giang: QĐ 66/2020 Điều 7.3.b, characters 20–22); refusing would turn the
    # citizen away. The only choice for now; a province that decides otherwise adds a value.
    past_limit: Literal["provisional"] = "provisional"
    source: Source

    @field_validator("template")
    @classmethod
    def _template_parses(cls, v: str) -> str:
        try:
            CodeFormat(v)
        except CodeFormatError as exc:
            raise ValueError(str(exc)) from exc
        return v


class WorkingHoursSection(_Strict):
    periods: list[tuple[str, str]] = Field(min_length=1, max_length=4)
    weekdays: list[int] = Field(min_length=1, max_length=7)
    hours_per_day: float = Field(default=8.0, gt=0, le=24)
    source: Source

    @field_validator("weekdays")
    @classmethod
    def _iso_weekdays(cls, v: list[int]) -> list[int]:
        if any(d < 1 or d > 7 for d in v) or len(set(v)) != len(v):
            raise ValueError("ngày làm việc trong tuần là số 1 (thứ Hai) đến 7 (Chủ nhật)")
        return sorted(v)

    @model_validator(mode="after")
    def _periods_ordered(self) -> WorkingHoursSection:
        previous_end: time | None = None
        total = 0.0
        for start_s, end_s in self.periods:
            start, end = _parse_hhmm(start_s), _parse_hhmm(end_s)
            if start >= end:
                raise ValueError(
                    f"khung giờ {start_s}–{end_s}: giờ bắt đầu phải trước giờ kết thúc"
                )
            if previous_end is not None and start < previous_end:
                raise ValueError("các khung giờ làm việc phải theo thứ tự và không chồng nhau")
            previous_end = end
            total += (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60
        if abs(total - self.hours_per_day) > 1e-9:
            raise ValueError(
                f"các khung giờ cộng lại {total:g} giờ, khác số giờ một ngày làm việc "
                f"({self.hours_per_day:g})"
            )
        return self

    def parsed_periods(self) -> list[tuple[time, time]]:
        return [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in self.periods]


class CutoffSection(_Strict):
    """Dossiers of these channels arriving after ``time`` count from the next working day."""

    time: str
    channels: list[int] = Field(min_length=1)
    source: Source

    @field_validator("time")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        _parse_hhmm(v)
        return v

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, v: list[int]) -> list[int]:
        if any(c not in (1, 2, 3) for c in v):
            raise ValueError("kênh nộp: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích")
        return v

    def parsed_time(self) -> clock_time:
        return _parse_hhmm(self.time)


class DeadlineSection(_Strict):
    working_hours: float = Field(gt=0, le=80)
    source: Source


class LookupSection(_Strict):
    portal_url: str = Field(pattern=r"^https?://")
    lookup_url_template: str | None = Field(default=None, pattern=r"^https?://.*\{code\}")
    sms_syntax: str | None = Field(default=None, pattern=r"\{code\}")
    sms_number: str | None = Field(default=None, pattern=r"^[0-9]{3,6}$")
    hotline: str | None = Field(default=None, pattern=r"^[0-9 .]{4,20}$")
    other_channels: list[str] = Field(default_factory=list)
    source: Source


# The offices that print the incident request (Phụ lục II of seed 000) and so can never be its
# addressee: the provincial and commune centres and the one-stop sections (issue 21).
_ISSUING_OFFICES = ("phục vụ hành chính công", "một cửa", "tiếp nhận và trả kết quả")


class IncidentSection(_Strict):
    # the body that handles incidents today: since 1 July 2025 the Department of Information and
    # Communications is part of the Department of Science and Technology (Sở Khoa học và Công
    # nghệ), or the operator the province named; never an office that issues the request
    report_to: str = Field(min_length=3)
    answer_within_hours: float | None = Field(default=None, gt=0, le=72)
    grace_minutes: float = Field(default=5, gt=0, le=240)
    source: Source

    @field_validator("report_to")
    @classmethod
    def _not_an_issuing_office(cls, v: str) -> str:
        if any(name in v.lower() for name in _ISSUING_OFFICES):
            raise ValueError(
                "phiếu yêu cầu xử lý sự cố gửi tới cơ quan xử lý sự cố (Sở Khoa học và Công nghệ "
                "hoặc đơn vị vận hành hệ thống), không gửi tới trung tâm hay bộ phận một cửa lập "
                "phiếu"
            )
        return v


class AreaSection(_Strict):
    """Which regulation governs which part of the province today (issue 21): since 1 July 2025
    provinces were merged (Kiên Giang into An Giang, Kon Tum into Quảng Ngãi) and a merged
    province's communes may still follow the regulation of the province they belonged to."""

    area: str = Field(min_length=3)  # "xã, phường, đặc khu thuộc tỉnh Kiên Giang trước 01/7/2025"
    regulation: str = Field(min_length=3)
    profile: str = Field(pattern=r"^[a-z][a-z-]{1,40}$")  # the profile whose rules apply there
    source: Source


class ReceptionSection(_Strict):
    """How far back a paper receipt may be entered (after an outage, a receipt written by hand is
    entered with the time it was given; issue 17)."""

    backdate_days: int = Field(default=366, ge=1, le=MAX_BACKDATE_DAYS)
    source: Source = (
        "Mặc định thiết kế: một năm (366 ngày). Giấy và phần mềm phải khớp nhau (QĐ 1516/QĐ-UBND "
        "Kiên Giang Điều 9 khoản 2) nên biên nhận giấy được nhập lại sau sự cố, nhưng số liệu được "
        "báo cáo theo quý và theo năm (QĐ 1516 Điều 17): biên nhận cũ hơn một năm thuộc về kỳ "
        "báo cáo đã đóng; các quy chế tỉnh không nêu con số"
    )


class ProvinceProfile(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z-]{1,40}$")
    name: str = Field(min_length=2)  # whose regulation the profile follows: "Kiên Giang"
    # the province the area belongs to today, when it was merged into another on 1 July 2025
    # ("An Giang" for the Kiên Giang profile): the default heading and date line use it
    province_today: str | None = Field(default=None, min_length=2)
    regulations: list[str] = Field(min_length=1)
    timezone: str = "Asia/Ho_Chi_Minh"
    code_format: CodeFormatSection
    working_hours: WorkingHoursSection
    cutoff: CutoffSection | None = None
    online_check_deadline: DeadlineSection
    handover_deadline: DeadlineSection
    lookup: LookupSection
    incident: IncidentSection
    reception: ReceptionSection = ReceptionSection()
    areas: list[AreaSection] = Field(default_factory=list)

    @property
    def province_name(self) -> str:
        """The province's proper name today, for headings ("UBND TỈNH AN GIANG") and the
        date line."""
        return self.province_today or self.name

    def code(self) -> CodeFormat:
        return CodeFormat(self.code_format.template)


class ProfileError(Refusal, ValueError):
    """A province profile file that does not validate; the message is for an IT officer."""

    code = "profile_invalid"


def parse_profile(data: object, origin: str) -> ProvinceProfile:
    try:
        return ProvinceProfile.model_validate(data)
    except ValidationError as exc:
        problems = describe_errors(exc)
        raise ProfileError(f"Hồ sơ tỉnh {origin} không hợp lệ: {problems}") from None
