"""Turning pydantic validation errors into one Vietnamese sentence an officer can act on."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

FIELD_NAMES_VI: Mapping[str, str] = {
    "procedure": "mã thủ tục",
    "applicant": "người nộp",
    "name": "họ tên",
    "id_number": "số giấy tờ",
    "address": "địa chỉ",
    "phone": "số điện thoại",
    "email": "thư điện tử",
    "documents": "thành phần hồ sơ",
    "sets": "số bộ",
    "channel": "kênh nộp",
    "result_delivery": "nơi nhận kết quả",
    "fees": "phí, lệ phí",
    "received_at": "thời điểm tiếp nhận",
    "birth_date": "ngày sinh",
    "source": "nguồn trích dẫn",
    "limit": "thời hạn giải quyết",
    "code": "mã",
    "procedures": "thủ tục",
    "note": "ghi chú",
    "request_id": "mã yêu cầu (request_id)",
    "organisation": "tổ chức",
    "representative": "người đại diện",
    "tax_code": "mã số thuế",
    "payload": "nội dung",
    "after": "hồ sơ",
    "applicant_name": "họ tên người nộp",
    "applicant_id": "số giấy tờ người nộp",
    "applicant_phone": "số điện thoại người nộp",
    "applicant_address": "địa chỉ người nộp",
    "applicant_email": "thư điện tử người nộp",
    "procedure_name": "tên thủ tục",
    "fee_total": "tổng phí",
}

MESSAGES_VI: Mapping[str, str] = {
    "missing": "thiếu thông tin bắt buộc",
    "extra_forbidden": "trường không được hỗ trợ",
    "string_too_short": "quá ngắn",
    "string_too_long": "quá dài",
    "too_short": "quá ít phần tử",
    "too_long": "quá nhiều phần tử",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "list_type": "phải là danh sách",
    "dict_type": "phải là một đối tượng",
    "model_type": "phải là một đối tượng",
    "date_from_datetime_parsing": "không đúng dạng ngày (YYYY-MM-DD)",
    "date_parsing": "không đúng dạng ngày (YYYY-MM-DD)",
    "datetime_from_date_parsing": "không đúng dạng thời điểm (YYYY-MM-DDTHH:MM)",
    "datetime_parsing": "không đúng dạng thời điểm (YYYY-MM-DDTHH:MM)",
    "datetime_type": "không đúng dạng thời điểm (YYYY-MM-DDTHH:MM)",
    "literal_error": "giá trị không được phép",
    "enum": "giá trị không được phép",
    "greater_than_equal": "nhỏ hơn mức cho phép",
    "greater_than": "nhỏ hơn mức cho phép",
    "less_than_equal": "lớn hơn mức cho phép",
    "less_than": "lớn hơn mức cho phép",
    "string_pattern_mismatch": "không đúng định dạng",
    # sync/protocol.py's checks, shared with the server
    "forbidden_character": (
        "chứa ký tự điều khiển, ký tự đảo chiều văn bản hoặc ký tự ẩn ({char}) không được phép"
    ),
    "payload_too_large": "quá lớn (tối đa {kib} KiB)",
    "payload_too_deep": "lồng nhau quá sâu",
    "backdated_too_far": "thời điểm tiếp nhận trước thời điểm ghi quá {days} ngày",
}


def error_fields(exc: ValidationError) -> tuple[str, ...]:
    """The dotted places of the problems (``applicant.phone``, ``documents.1.name``), for a
    refusal's params: what the window may mark, whatever language it words the problem in."""
    return tuple(dict.fromkeys(".".join(str(p) for p in err["loc"]) for err in exc.errors()))


def describe_errors(exc: ValidationError, limit: int = 8) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        where = " › ".join(_place(err["loc"])) or "(gốc)"
        msg = MESSAGES_VI.get(err["type"])
        if msg is None:
            msg = str(err["msg"]).removeprefix("Value error, ")
        elif "{" in msg:
            msg = msg.format(**err.get("ctx", {}))
        parts.append(f"{where}: {msg}")
    more = len(exc.errors()) - limit
    if more > 0:
        parts.append(f"và {more} lỗi khác")
    return "; ".join(parts)


_NAME_IN = {"documents": "tên giấy tờ", "fees": "tên khoản phí", "organisation": "tên tổ chức"}


def _place(loc: tuple[int | str, ...]) -> list[str]:
    """Vietnamese words for an error location: list positions count from 1, and a ``name``
    means the name of whatever list it belongs to."""
    out: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out.append(f"mục {part + 1}")
        elif part == "name" and any(str(p) in _NAME_IN for p in loc[:i]):
            parent = next(str(p) for p in reversed(loc[:i]) if str(p) in _NAME_IN)
            out.append(_NAME_IN[parent])
        else:
            out.append(FIELD_NAMES_VI.get(part, part))
    return out
