from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from desktop.domain.profile import ProfileError, ProvinceProfile
from desktop.store.resources import available_provinces, load_profile

SHIPPED = ("an-giang", "kien-giang", "kon-tum", "quang-ninh")
SECTIONS = (
    "code_format",
    "working_hours",
    "cutoff",
    "online_check_deadline",
    "handover_deadline",
    "lookup",
    "incident",
)
NATIONAL_TEMPLATE = "{agency}-{date:%y%m%d}-{seq:04d}"
VIETNAMESE_LETTERS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")


@pytest.fixture(scope="module", params=SHIPPED)
def profile(request: pytest.FixtureRequest) -> ProvinceProfile:
    return load_profile(request.param)


def test_all_four_provinces_are_shipped() -> None:
    assert set(SHIPPED) <= set(available_provinces())


def test_profile_loads_with_its_own_id(profile: ProvinceProfile) -> None:
    assert profile.id in SHIPPED
    assert profile.timezone == "Asia/Ho_Chi_Minh"
    assert profile.regulations


def test_every_source_cites_an_article_or_says_default(profile: ProvinceProfile) -> None:
    for name in SECTIONS:
        section = getattr(profile, name)
        if section is None:
            continue
        source = section.source
        assert "Điều" in source or "mặc định" in source.lower(), (profile.id, name, source)


def test_every_regulation_names_number_and_year(profile: ProvinceProfile) -> None:
    for regulation in profile.regulations:
        assert "QĐ" in regulation
        assert any(str(year) in regulation for year in range(2010, 2031)), regulation


def test_default_working_calendar(profile: ProvinceProfile) -> None:
    hours = profile.working_hours
    assert hours.parsed_periods() == [(time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))]
    assert hours.weekdays == [1, 2, 3, 4, 5]
    assert hours.hours_per_day == 8


def test_incident_grace_and_recipient(profile: ProvinceProfile) -> None:
    assert profile.incident.grace_minutes == 5
    assert profile.incident.report_to


def test_an_giang_values() -> None:
    p = load_profile("an-giang")
    assert p.code_format.template == "{agency}{date:%d%m%y}{seq:03d}"
    assert p.code_format.agency_length == 13
    # past 999 in a day (3 digits, Điều 7.3.b) a dossier keeps its provisional TAM- code
    assert p.code_format.past_limit == "provisional"
    assert "Điều 7" in p.code_format.source
    assert p.code().format("000.00.06.H56", date(2023, 10, 27), 361) == "000.00.06.H56271023361"
    assert p.cutoff is not None
    assert p.cutoff.parsed_time() == time(16, 0)
    assert p.cutoff.channels == [2]
    assert "Điều 15" in p.cutoff.source
    assert p.online_check_deadline.working_hours == 8
    assert "Điều 15" in p.online_check_deadline.source
    assert p.incident.answer_within_hours == 4
    assert "Điều 27" in p.incident.source
    assert p.lookup.portal_url == "https://dichvucong.angiang.gov.vn"


def test_kien_giang_values() -> None:
    p = load_profile("kien-giang")
    assert p.code_format.template == NATIONAL_TEMPLATE
    assert p.code_format.agency_length is None
    assert p.cutoff is None
    assert p.online_check_deadline.working_hours == 4
    assert "Điều 9" in p.online_check_deadline.source
    assert p.lookup.sms_syntax == "TRACUU {code}"
    assert p.lookup.sms_number == "8083"
    assert p.lookup.hotline == "0297.1022"
    assert "Điều 6" in p.lookup.source and "Điều 9" in p.lookup.source
    assert p.lookup.portal_url.endswith("dichvucong.kiengiang.gov.vn")
    assert any("088822.1022" in c for c in p.lookup.other_channels)
    assert not any("Điều" in c for c in p.lookup.other_channels), "slips print these as written"
    assert len(p.regulations) == 2


def test_quang_ninh_values() -> None:
    p = load_profile("quang-ninh")
    assert p.code_format.template == NATIONAL_TEMPLATE
    assert p.cutoff is None
    assert p.online_check_deadline.working_hours == 8
    assert "Điều 13" in p.online_check_deadline.source
    assert p.lookup.hotline == "1900558826"
    assert "Điều 13" in p.lookup.source
    assert any("Zalo" in c for c in p.lookup.other_channels)
    assert p.lookup.portal_url == "https://dichvucong.gov.vn"


def test_kon_tum_values() -> None:
    p = load_profile("kon-tum")
    assert p.code_format.template == NATIONAL_TEMPLATE
    assert p.cutoff is None
    assert p.handover_deadline.working_hours == 4
    assert "Điều 14" in p.handover_deadline.source
    assert "mặc định" in p.online_check_deadline.source.lower()
    assert p.lookup.portal_url == "http://dichvucong.kontum.gov.vn"


def test_national_template_matches_design_example() -> None:
    p = load_profile("quang-ninh")
    code = p.code().format("000.00.06.H56", date(2023, 10, 27), 361)
    assert code == "000.00.06.H56-231027-0361"
    assert p.code().parse(code) == ("000.00.06.H56", date(2023, 10, 27), 361)


# A small valid profile; each broken variant below changes one thing in it.
VALID = """\
id = "thu-nghiem"
name = "Thử nghiệm"
regulations = ["QĐ 1/2020/QĐ-UBND"]

[code_format]
template = "{agency}-{date:%y%m%d}-{seq:04d}"
source = "Mặc định toàn quốc"

[working_hours]
periods = [["07:00", "11:30"], ["13:30", "17:00"]]
weekdays = [1, 2, 3, 4, 5]
source = "Mặc định toàn quốc"

[online_check_deadline]
working_hours = 8
source = "Điều 1"

[handover_deadline]
working_hours = 4
source = "Điều 2"

[lookup]
portal_url = "https://dichvucong.gov.vn"
source = "Điều 3"

[incident]
report_to = "Sở Thông tin và Truyền thông"
source = "Điều 4"
"""

BROKEN = {
    "bad_template": (
        'template = "{agency}-{date:%y%m%d}-{seq:04d}"',
        'template = "{agency}-{seq:04d}"',
        "Mẫu mã hồ sơ",
    ),
    "overlapping_hours": (
        'periods = [["07:00", "11:30"], ["13:30", "17:00"]]',
        'periods = [["07:00", "12:00"], ["11:00", "14:30"]]',
        "chồng nhau",
    ),
    "missing_source": (
        'report_to = "Sở Thông tin và Truyền thông"\nsource = "Điều 4"\n',
        'report_to = "Sở Thông tin và Truyền thông"\n',
        "incident › nguồn trích dẫn: thiếu thông tin bắt buộc",
    ),
    "invalid_toml": ('name = "Thử nghiệm"', 'name = "Thử nghiệm', "sai cú pháp TOML"),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thu-nghiem.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_base_profile_loads(tmp_path: Path) -> None:
    assert load_profile(_write(tmp_path, VALID)).id == "thu-nghiem"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_profile_raises_vietnamese_error(tmp_path: Path, case: str) -> None:
    old, new, expected = BROKEN[case]
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert message.startswith("Hồ sơ tỉnh thu-nghiem.toml")
    assert expected in message
    assert VIETNAMESE_LETTERS & set(message.lower())
