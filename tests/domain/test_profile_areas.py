"""Province profiles after the 1 July 2025 reorganisation (issue 21): which regulation applies to
which area today, the province each area belongs to now, and an incident addressee that handles
incidents (the Sở Khoa học và Công nghệ), never a centre that issues the request."""

from __future__ import annotations

import pytest

from desktop.domain.profile import ProfileError, parse_profile
from desktop.store.resources import available_provinces, load_profile


def test_every_area_names_a_shipped_profile_and_a_source() -> None:
    shipped = set(available_provinces())
    for pid in shipped:
        for area in load_profile(pid).areas:
            assert area.profile in shipped, (pid, area.profile)
            assert "seed" in area.source and area.regulation


def test_an_giang_covers_the_former_kien_giang_communes() -> None:
    """QĐ 66/2020 (seed 002) for former An Giang, QĐ 921 (seed 000) for former Kiên Giang."""
    an_giang, kien_giang = load_profile("an-giang"), load_profile("kien-giang")
    by_profile = {a.profile: a for a in an_giang.areas}
    assert "66/2020" in by_profile["an-giang"].regulation
    assert "921/QĐ-UBND" in by_profile["kien-giang"].regulation
    assert "Kiên Giang" in by_profile["kien-giang"].area
    assert kien_giang.areas == an_giang.areas, "both profiles describe the same province"
    assert kien_giang.province_name == "An Giang" and an_giang.province_name == "An Giang"
    assert load_profile("kon-tum").province_name == "Quảng Ngãi"
    qn = load_profile("quang-ninh")
    assert "84/2025" in qn.areas[0].regulation and "đặc khu" in qn.areas[0].area


def test_incidents_go_to_the_department_of_science_and_technology() -> None:
    for pid in available_provinces():
        report_to = load_profile(pid).incident.report_to
        assert report_to.startswith("Sở Khoa học và Công nghệ tỉnh "), (pid, report_to)
        assert "Thông tin và Truyền thông" not in report_to


@pytest.mark.parametrize(
    "issuer",
    ["Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh", "Bộ phận Một cửa UBND xã Mỹ Hòa Hưng"],
)
def test_a_profile_addressing_incidents_to_an_issuing_office_is_refused(issuer: str) -> None:
    data = load_profile("quang-ninh").model_dump()
    data["incident"]["report_to"] = issuer
    with pytest.raises(ProfileError, match="không gửi tới trung tâm"):
        parse_profile(data, "thu-nghiem")
