"""Validation errors in plain Vietnamese: the one translation table (issue 21 item 5).

Whatever pydantic (or a validator of ours) refuses reaches an officer as a sentence naming the
field in Vietnamese and saying what is expected — on the command line's stderr, in the window's
message line, and in the provincial server's 4xx answers that the counter shows. pydantic's own
English (``Input should be…``, ``Field required``, ``String should have…``) is never passed on.

One table, keyed by the error's *type* (stable across pydantic versions, unlike its text) and,
where the field decides what to ask for, by the field's name too: a wrong birth date asks for a
day/month/year, a wrong sex for "Nam" or "Nữ". A type not in the table says "giá trị không hợp
lệ" rather than pydantic's English. A validator of ours (``ValueError`` in Vietnamese) is shown
as written. Shared by the counter and the server (``sync`` never imports the app), so it holds
no I/O and imports nothing but the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Vietnamese names of the fields officers fill, read, or see refused (form, applicant, settings,
# feedback, wire requests). Keys are the models' field names.
FIELD_NAMES_VI: Mapping[str, str] = {
    # the reception form (desktop/domain/reception.py) and the applicant (applicants.py)
    "procedure": "mã thủ tục",
    "applicant": "người nộp",
    "name": "họ tên",
    "id_number": "số giấy tờ",
    "id_type": "loại giấy tờ",
    "address": "địa chỉ",
    "phone": "số điện thoại",
    "email": "thư điện tử",
    "birth_date": "ngày sinh",
    "birth_year_confirmed": "xác nhận năm sinh",
    "sex": "giới tính",
    "organisation": "tổ chức",
    "representative": "người đại diện",
    "tax_code": "mã số thuế",
    "documents": "thành phần hồ sơ",
    "originals": "số bản chính",
    "certified_copies": "số bản sao chứng thực",
    "photocopies": "số bản photo",
    "sets": "số bộ",
    "channel": "hình thức nộp",
    "result_delivery": "nơi nhận kết quả",
    "method": "cách nhận kết quả",
    "fees": "phí, lệ phí",
    "amount": "số tiền",
    "quantity": "số lượng",
    "received_at": "thời điểm tiếp nhận",
    "note": "ghi chú",
    "request_id": "mã yêu cầu (request_id)",
    # catalog and province profile (IT's files)
    "source": "nguồn trích dẫn",
    "limit": "thời hạn giải quyết",
    "code": "mã",
    "procedures": "thủ tục",
    # wire events and dossier summaries
    "payload": "nội dung",
    "after": "hồ sơ",
    "applicant_name": "họ tên người nộp",
    "applicant_id": "số giấy tờ người nộp",
    "applicant_phone": "số điện thoại người nộp",
    "applicant_address": "địa chỉ người nộp",
    "applicant_email": "thư điện tử người nộp",
    "procedure_name": "tên thủ tục",
    "fee_total": "tổng phí",
    # the counter's settings (desktop/store/desk_settings.py)
    "a4_queue": "hàng đợi máy in A4",
    "citizen_display": "màn hình cho người dân",
    "citizen_screen": "màn hình hiển thị cho người dân",
    "citizen_timeout_seconds": "thời gian chờ màn hình người dân (giây)",
    "idle_lock_minutes": "số phút không dùng thì khóa",
    "language": "ngôn ngữ",
    "print_mode": "cách in",
    # feedback (sync/protocol.py FeedbackEntry)
    "at": "thời điểm",
    "dossier_code": "mã hồ sơ",
    "dossier_id": "hồ sơ",
    "feedback_id": "phản ánh",
    "from_name": "họ tên người phản ánh",
    "id": "mã",
    "kind": "loại",
    "officer": "cán bộ",
    "text": "nội dung",
    # signing in, enrolment, passwords
    "username": "tên đăng nhập",
    "password": "mật khẩu",
    "old_password": "mật khẩu cũ",
    "new_password": "mật khẩu mới",
    "agency": "mã cơ quan",
    "counter": "mã quầy",
    "events": "các sự kiện",
    # where in an HTTP request (the server's answers)
    "body": "nội dung yêu cầu",
    "query": "tham số",
    "path": "đường dẫn",
    "header": "tiêu đề yêu cầu",
}

# what a ``name`` is inside a list of things
_NAME_IN = {"documents": "tên giấy tờ", "fees": "tên khoản phí", "organisation": "tên tổ chức"}

# error type → what is wrong; ``{…}`` are the error's ctx values
MESSAGES_VI: Mapping[str, str] = {
    "missing": "thiếu thông tin bắt buộc",
    "extra_forbidden": "trường không được hỗ trợ",
    "string_type": "phải là chữ (chuỗi ký tự)",
    "string_sub_type": "phải là chữ (chuỗi ký tự)",
    "string_unicode": "phải là chữ Unicode hợp lệ",
    "string_too_short": "quá ngắn (ít nhất {min_length} ký tự)",
    "string_too_long": "quá dài (nhiều nhất {max_length} ký tự)",
    "string_pattern_mismatch": "không đúng định dạng",
    "too_short": "quá ít mục (ít nhất {min_length})",
    "too_long": "quá nhiều mục (nhiều nhất {max_length})",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_parsing_size": "số quá lớn",
    "int_from_float": "phải là số nguyên (không có phần lẻ)",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "finite_number": "phải là số hữu hạn",
    "decimal_type": "phải là số",
    "decimal_parsing": "phải là số",
    "multiple_of": "phải là bội số của {multiple_of}",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "tuple_type": "phải là danh sách",
    "set_type": "phải là danh sách",
    "iterable_type": "phải là danh sách",
    "dict_type": "phải là một đối tượng (các cặp tên: giá trị)",
    "model_type": "phải là một đối tượng (các cặp tên: giá trị)",
    "model_attributes_type": "phải là một đối tượng (các cặp tên: giá trị)",
    "none_required": "phải để trống",
    "is_instance_of": "không đúng kiểu",
    "date_type": "phải là ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-01",
    "date_parsing": "phải là ngày có thật theo dạng năm-tháng-ngày, ví dụ 2026-02-01",
    "date_from_datetime_parsing": "phải là ngày có thật theo dạng năm-tháng-ngày, ví dụ 2026-02-01",
    "date_from_datetime_inexact": "phải là một ngày (năm-tháng-ngày), không kèm giờ",
    "date_past": "phải là ngày trong quá khứ",
    "date_future": "phải là ngày trong tương lai",
    "datetime_type": "phải là thời điểm dạng năm-tháng-ngàyTgiờ:phút, ví dụ 2026-02-01T09:30",
    "datetime_parsing": "phải là thời điểm dạng năm-tháng-ngàyTgiờ:phút, ví dụ 2026-02-01T09:30",
    "datetime_from_date_parsing": (
        "phải là thời điểm dạng năm-tháng-ngàyTgiờ:phút, ví dụ 2026-02-01T09:30"
    ),
    "datetime_object_invalid": "không phải thời điểm có thật",
    "datetime_past": "phải là thời điểm trong quá khứ",
    "datetime_future": "phải là thời điểm trong tương lai",
    "timezone_naive": "ghi giờ địa phương, không kèm múi giờ",
    "timezone_aware": "phải kèm múi giờ",
    "time_type": "phải là giờ dạng giờ:phút, ví dụ 09:30",
    "time_parsing": "phải là giờ dạng giờ:phút, ví dụ 09:30",
    "time_delta_type": "phải là khoảng thời gian",
    "time_delta_parsing": "phải là khoảng thời gian",
    "literal_error": "giá trị không được phép",
    "enum": "giá trị không được phép",
    "union_tag_invalid": "loại không được hỗ trợ",
    "union_tag_not_found": "thiếu loại",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "không được lớn hơn {le}",
    "uuid_type": "phải là mã UUID",
    "uuid_parsing": "phải là mã UUID",
    "url_type": "phải là địa chỉ web",
    "url_parsing": "phải là địa chỉ web (https://…)",
    "url_scheme": "địa chỉ web phải bắt đầu bằng http:// hoặc https://",
    "bytes_type": "phải là dữ liệu nhị phân",
    "bytes_too_short": "quá ngắn",
    "bytes_too_long": "quá dài",
    "json_invalid": "không phải JSON hợp lệ",
    "json_type": "phải là JSON",
    "frozen_field": "không được sửa",
    "frozen_instance": "không được sửa",
    "recursion_loop": "lồng nhau vòng tròn",
    # sync/protocol.py's checks, shared with the server
    "forbidden_character": (
        "chứa ký tự điều khiển, ký tự đảo chiều văn bản hoặc ký tự ẩn ({char}) không được phép"
    ),
    "payload_too_large": "quá lớn (tối đa {kib} KiB)",
    "payload_too_deep": "lồng nhau quá sâu",
    "backdated_too_far": "thời điểm tiếp nhận trước thời điểm ghi quá {days} ngày",
    "feedback_incomplete": "phản ánh đã nhận phải ghi kênh nhận và người gửi",
    "feedback_extra": "chỉ phản ánh đã nhận mới ghi người gửi và hồ sơ",
    "feedback_no_text": "thiếu nội dung",
}

GENERIC_VI = "giá trị không hợp lệ"

# (field, error type or the start of one) → what this field asks for, whatever went wrong
# within that kind of error. The field decides: a birth date is typed as day/month/year.
FIELD_MESSAGES_VI: Mapping[tuple[str, str], str] = {
    ("birth_date", "date"): "phải là ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/02/1945",
    ("birth_date", "int"): "phải là ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/02/1945",
    ("birth_date", "string_type"): (
        "phải là ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/02/1945"
    ),
    ("sex", "string_pattern_mismatch"): "phải là Nam hoặc Nữ",
    ("sex", "string_type"): "phải là Nam hoặc Nữ",
    ("id_type", "enum"): "phải là cccd, cmnd hoặc passport",
    ("channel", "literal_error"): (
        "phải là 1 (trực tiếp tại quầy), 2 (trực tuyến) hoặc 3 (bưu chính công ích)"
    ),
    ("method", "literal_error"): "phải là counter (nhận tại quầy) hoặc post (qua bưu chính)",
    ("request_id", "string_pattern_mismatch"): (
        "chỉ gồm chữ không dấu, chữ số và . _ : / -, bắt đầu bằng chữ hoặc số, tối đa 64 ký tự"
    ),
    ("username", "string_pattern_mismatch"): (
        "chỉ gồm chữ thường không dấu, chữ số và . _ -, bắt đầu bằng chữ, 3–60 ký tự"
    ),
    ("language", "literal_error"): "phải là vi hoặc en",
}

# letters that only Vietnamese text has (a validator of ours); plain ASCII is someone's English
_VIETNAMESE_RE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
_PREFIXES = ("Value error, ", "Assertion failed, ")


def place(loc: Sequence[int | str]) -> list[str]:
    """Vietnamese words for an error location: list positions count from 1, and a ``name``
    means the name of whatever list it belongs to. A key that is no field of ours (an extra
    one) is shown as the sender wrote it."""
    out: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out.append(f"mục {part + 1}")
        elif part == "name" and any(str(p) in _NAME_IN for p in loc[:i]):
            parent = next(str(p) for p in reversed(loc[:i]) if str(p) in _NAME_IN)
            out.append(_NAME_IN[parent])
        else:
            out.append(FIELD_NAMES_VI.get(str(part), str(part)))
    return out


def _field(loc: Sequence[int | str]) -> str | None:
    return next((str(p) for p in reversed(loc) if isinstance(p, str)), None)


def message(err: Mapping[str, Any]) -> str:
    """What is wrong, in Vietnamese, for one pydantic error (``ValidationError.errors()`` item,
    or the same dict from a server's answer)."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    field = _field(tuple(err.get("loc", ())))
    if field is not None:
        for (name, start), text in FIELD_MESSAGES_VI.items():
            if name == field and kind.startswith(start):
                return text
    if kind in ("value_error", "assertion_error"):
        text = str(err.get("msg", ""))
        for prefix in _PREFIXES:
            text = text.removeprefix(prefix)
        # ours are Vietnamese; a library's own ValueError text is not passed on
        return text if _VIETNAMESE_RE.search(text) else GENERIC_VI
    template = MESSAGES_VI.get(kind)
    if template is None:
        return GENERIC_VI
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        # the ctx lacks a value: the words without the bracket that needed it
        head = template.split(" (")[0]
        return head if "{" not in head else GENERIC_VI


def describe(errors: Iterable[Mapping[str, Any]], limit: int = 8) -> str:
    """Every problem as ``người nộp › ngày sinh: phải là …``, joined with "; "."""
    errs = list(errors)
    parts = []
    for err in errs[:limit]:
        where = " › ".join(place(tuple(err.get("loc", ())))) or "(gốc)"
        parts.append(f"{where}: {message(err)}")
    more = len(errs) - limit
    if more > 0:
        parts.append(f"và {more} lỗi khác")
    return "; ".join(parts)


# Python's json module says what it expected in English; the start of its message → Vietnamese
_JSON_MESSAGES_VI: tuple[tuple[str, str], ...] = (
    ("Expecting value", "thiếu giá trị"),
    ("Expecting property name", "tên trường phải nằm trong ngoặc kép"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm (:)"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy (,)"),
    ("Unterminated string", "chuỗi thiếu dấu ngoặc kép đóng"),
    ("Invalid control character", "chuỗi chứa ký tự điều khiển (xuống dòng, tab…)"),
    ("Invalid \\uXXXX escape", "mã \\u không hợp lệ"),
    ("Invalid \\escape", "dấu \\ không hợp lệ"),
    ("Extra data", "còn dữ liệu thừa sau khi hết JSON"),
    ("Illegal trailing comma", "dấu phẩy thừa trước ngoặc đóng"),
)


def json_message(msg: str) -> str:
    """``json.JSONDecodeError.msg`` in Vietnamese."""
    return next((vi for en, vi in _JSON_MESSAGES_VI if msg.startswith(en)), "sai cú pháp JSON")
