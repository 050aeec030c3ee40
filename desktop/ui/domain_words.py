"""The domain's own words on screen: dossier states, history steps, the statistics' metrics,
columns and groupings, payment methods, periods, moments and amounts. The domain and the
services keep them in Vietnamese (the forms, the exports and the CLI print them so); the window
translates them here, at its edge, so that English mode shows English (issue 22, item 6).

Each word is listed below so that lupdate finds it; a word the domain adds later and nobody
translates shows in Vietnamese (the test in tests/ui/test_english_everywhere.py catches it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain.vn_format import decimal_vi, number_vi, percent_vi

from .i18n import current_language

if TYPE_CHECKING:  # the window's first screen loads this module: the rest comes when used
    from desktop.domain.limits import Limit
    from desktop.domain.stats.period import Period

WORDS = (
    QT_TRANSLATE_NOOP("DomainWords", "Mới đăng ký"),
    QT_TRANSLATE_NOOP("DomainWords", "Được tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Không được tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Đang xử lý"),
    QT_TRANSLATE_NOOP("DomainWords", "Yêu cầu bổ sung giấy tờ"),
    QT_TRANSLATE_NOOP("DomainWords", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    QT_TRANSLATE_NOOP("DomainWords", "Công dân yêu cầu rút hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Dừng xử lý"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã xử lý xong"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã trả kết quả"),
    QT_TRANSLATE_NOOP("DomainWords", "Đăng ký trực tuyến"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Từ chối tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Yêu cầu bổ sung hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Nhận hồ sơ bổ sung"),
    QT_TRANSLATE_NOOP("DomainWords", "Phòng chuyên môn cập nhật"),
    QT_TRANSLATE_NOOP("DomainWords", "Nhận kết quả từ phòng chuyên môn"),
    QT_TRANSLATE_NOOP("DomainWords", "Trả kết quả cho công dân"),
    QT_TRANSLATE_NOOP("DomainWords", "Công dân rút hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Hẹn lại ngày trả kết quả"),
    QT_TRANSLATE_NOOP("DomainWords", "Đính kèm giấy tờ"),
    QT_TRANSLATE_NOOP("DomainWords", "Cấp mã hồ sơ chính thức (thay mã tạm)"),
    QT_TRANSLATE_NOOP("DomainWords", "Bàn giao hồ sơ cho bộ phận chuyên môn"),
    QT_TRANSLATE_NOOP("DomainWords", "Gửi kết quả qua bưu chính"),
    QT_TRANSLATE_NOOP("DomainWords", "Bưu chính phát kết quả"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận mới"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận trực tuyến"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận trực tiếp"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận qua bưu chính công ích"),
    QT_TRANSLATE_NOOP("DomainWords", "Kỳ trước chuyển qua"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã giải quyết"),
    QT_TRANSLATE_NOOP("DomainWords", "Giải quyết trước hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Giải quyết đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Giải quyết quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Rút hồ sơ, dừng xử lý"),
    QT_TRANSLATE_NOOP("DomainWords", "Đang giải quyết"),
    QT_TRANSLATE_NOOP("DomainWords", "Đang giải quyết trong hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Đang giải quyết quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Chờ bổ sung hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Đến hạn trả trong ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết dưới 1 ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết từ 1 đến dưới 3 ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết từ 3 đến dưới 5 ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết từ 5 đến dưới 10 ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết từ 10 đến dưới 20 ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết từ 20 ngày trở lên"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ trực tuyến đã kiểm tra"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ trực tuyến kiểm tra đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ trực tuyến kiểm tra quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ trực tuyến chờ kiểm tra, đã quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ đã bàn giao cho bộ phận chuyên môn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ bàn giao đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ bàn giao quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Hồ sơ chờ bàn giao, đã quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Kết quả đã gửi qua bưu chính"),
    QT_TRANSLATE_NOOP("DomainWords", "Kết quả bưu chính phát trong 24 giờ"),
    QT_TRANSLATE_NOOP("DomainWords", "Kết quả bưu chính phát quá 24 giờ"),
    QT_TRANSLATE_NOOP("DomainWords", "Kết quả bưu chính chưa phát, đã quá 24 giờ"),
    QT_TRANSLATE_NOOP("DomainWords", "Mới tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Mới nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Trực tuyến"),
    QT_TRANSLATE_NOOP("DomainWords", "Trực tiếp"),
    QT_TRANSLATE_NOOP("DomainWords", "Bưu chính"),
    QT_TRANSLATE_NOOP("DomainWords", "Chuyển qua"),
    QT_TRANSLATE_NOOP("DomainWords", "Tổng số"),
    QT_TRANSLATE_NOOP("DomainWords", "Tổng"),
    QT_TRANSLATE_NOOP("DomainWords", "Trước hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã trả"),
    QT_TRANSLATE_NOOP("DomainWords", "Rút, dừng xử lý"),
    QT_TRANSLATE_NOOP("DomainWords", "Trong hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Chờ bổ sung"),
    QT_TRANSLATE_NOOP("DomainWords", "Đến hạn trả"),
    QT_TRANSLATE_NOOP("DomainWords", "Dưới 1"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian giải quyết (ngày làm việc)"),
    QT_TRANSLATE_NOOP("DomainWords", "1 – dưới 3"),
    QT_TRANSLATE_NOOP("DomainWords", "3 – dưới 5"),
    QT_TRANSLATE_NOOP("DomainWords", "5 – dưới 10"),
    QT_TRANSLATE_NOOP("DomainWords", "10 – dưới 20"),
    QT_TRANSLATE_NOOP("DomainWords", "Từ 20"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã kiểm tra"),
    QT_TRANSLATE_NOOP("DomainWords", "Kiểm tra hồ sơ trực tuyến"),
    QT_TRANSLATE_NOOP("DomainWords", "Chờ kiểm tra, quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Chờ, quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã bàn giao"),
    QT_TRANSLATE_NOOP("DomainWords", "Bàn giao hồ sơ"),
    QT_TRANSLATE_NOOP("DomainWords", "Chờ bàn giao, quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Đã gửi"),
    QT_TRANSLATE_NOOP("DomainWords", "Trả kết quả qua bưu chính (24 giờ)"),
    QT_TRANSLATE_NOOP("DomainWords", "Bưu chính (24 giờ)"),
    QT_TRANSLATE_NOOP("DomainWords", "Phát đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Phát quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Chưa phát, quá hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Tỷ lệ đúng hạn (%)"),
    QT_TRANSLATE_NOOP("DomainWords", "% đúng hạn"),
    QT_TRANSLATE_NOOP("DomainWords", "Trung bình"),
    QT_TRANSLATE_NOOP("DomainWords", "TB (ngày)"),
    QT_TRANSLATE_NOOP("DomainWords", "Thời gian"),
    QT_TRANSLATE_NOOP("DomainWords", "Ngày"),
    QT_TRANSLATE_NOOP("DomainWords", "Cán bộ tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Thủ tục hành chính"),
    QT_TRANSLATE_NOOP("DomainWords", "Lĩnh vực"),
    QT_TRANSLATE_NOOP("DomainWords", "Kênh tiếp nhận"),
    QT_TRANSLATE_NOOP("DomainWords", "Tổng cộng"),
    QT_TRANSLATE_NOOP("DomainWords", "Tiền mặt"),
    QT_TRANSLATE_NOOP("DomainWords", "Chuyển khoản (mã QR)"),
    QT_TRANSLATE_NOOP("DomainWords", "Thẻ"),
    QT_TRANSLATE_NOOP("DomainWords", "Chuyển khoản (ngân hàng báo)"),
    # the centre's periods (desktop/store/stats/centre.py)
    QT_TRANSLATE_NOOP("DomainWords", "Hôm nay"),
    QT_TRANSLATE_NOOP("DomainWords", "Tuần này"),
    QT_TRANSLATE_NOOP("DomainWords", "Tháng này"),
    QT_TRANSLATE_NOOP("DomainWords", "Quý này"),
)


def word(text: str) -> str:
    """A domain word in the language spoken (itself when it has no translation)."""
    return QCoreApplication.translate("DomainWords", text) if text else text


def status_text(status: int) -> str:
    from desktop.domain.dossier import Status

    return word(Status(status).label_vi)


def step_text(event_type: str, labels: dict[str, str]) -> str:
    """A history step's name (``labels``: the forms' Vietnamese names, by event type)."""
    return word(labels.get(event_type, event_type))


def flat_column(group: str, header: str) -> str:
    """ "Đã giải quyết: tổng" in the language spoken: a column under its group."""
    head = word(header)
    if not group:
        return head
    return f"{word(group)}: {head[:1].lower()}{head[1:]}"


def day_text(day: date | None, empty: str = "—") -> str:
    return f"{day:%d/%m/%Y}" if day is not None else empty


def moment_text(moment: datetime | None, empty: str = "—") -> str:
    """ "17:00 ngày 04/12/2026" in Vietnamese, "17:00 on 04/12/2026" in English."""
    if moment is None:
        return empty
    return QCoreApplication.translate("DomainWords", "{0} ngày {1}").format(
        f"{moment:%H:%M}", f"{moment:%d/%m/%Y}"
    )


def money_text(amount: int) -> str:
    """ "100.000 đ" in Vietnamese; "100,000 VND" in English (no đ a reader of English may
    not know)."""
    if current_language() == "en":
        return f"{amount:,} VND"
    return f"{number_vi(amount)} đ"


def limit_text(limit: Limit) -> str:
    """A procedure's processing limit: "8 giờ làm việc" / "8 working hours"."""
    from desktop.domain.limits import LimitUnit

    if limit.immediate:
        return QCoreApplication.translate("DomainWords", "Trả ngay")
    if limit.unit is LimitUnit.DAY:
        return QCoreApplication.translate("DomainWords", "%n ngày làm việc", "", limit.amount)
    return QCoreApplication.translate("DomainWords", "%n giờ làm việc", "", limit.amount)


def decimal_text(value: float | None, places: int = 1) -> str:
    """ "1.234,5" in Vietnamese, "1,234.5" in English ("—" for no value)."""
    if value is None:
        return "—"
    return f"{value:,.{places}f}" if current_language() == "en" else decimal_vi(value, places)


def percent_text(value: float | None, places: int = 1) -> str:
    """ "50,0 %" in Vietnamese, "50.0%" in English."""
    if value is None:
        return "—"
    if current_language() == "en":
        return f"{decimal_text(value, places)}%"
    return percent_vi(value, places)


def number_text(value: int) -> str:
    """Thousands grouped the way the language spoken groups them."""
    return f"{value:,}" if current_language() == "en" else number_vi(value)


def period_text(period: Period) -> str:
    """ "Tháng 12/2026", "Quý 4 năm 2026"… in the language spoken."""
    from desktop.domain.stats.period import PeriodKind

    first, last = period.first, period.last
    if period.kind is PeriodKind.MONTH:
        return QCoreApplication.translate("DomainWords", "Tháng {0}/{1}").format(
            f"{first.month:02d}", first.year
        )
    if period.kind is PeriodKind.QUARTER:
        return QCoreApplication.translate("DomainWords", "Quý {0} năm {1}").format(
            (first.month - 1) // 3 + 1, first.year
        )
    if period.kind is PeriodKind.YEAR:
        return QCoreApplication.translate("DomainWords", "Năm {0}").format(first.year)
    if first == last:
        return QCoreApplication.translate("DomainWords", "Ngày {0}").format(day_text(first))
    return QCoreApplication.translate("DomainWords", "Từ ngày {0} đến ngày {1}").format(
        day_text(first), day_text(last)
    )


def range_text(period: Period) -> str:
    """ "từ ngày 01/12/2026 đến ngày 31/12/2026" in the language spoken."""
    if period.first == period.last:
        return QCoreApplication.translate("DomainWords", "ngày {0}").format(day_text(period.first))
    return QCoreApplication.translate("DomainWords", "từ ngày {0} đến ngày {1}").format(
        day_text(period.first), day_text(period.last)
    )


def counter_heading(title: str) -> str:
    """The counter's title ("Quầy Q01 · 000.00.12.H01 · An Giang", as the store builds it in
    desktop/store/first_look.py counter_title) with its one word of ours in the language
    spoken; the counter's number, the agency's code and the province's name are data."""
    prefix = "Quầy "
    if title.startswith(prefix):
        return QCoreApplication.translate("DomainWords", "Quầy {0}").format(title[len(prefix) :])
    return title
