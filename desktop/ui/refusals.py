"""A refusal in the officer's language: the window's words for a failure (issue 24).

A refusal carries a stable ``code`` and the ``params`` its message needs
(:mod:`desktop.domain.refusal`); its ``str()`` is the Vietnamese sentence the command line
prints. The window looks the code up here, in a table of Qt-translatable templates, and fills in
the params, so the English screen speaks English. The Vietnamese source of each template is the
refusal's own message with its variable parts as ``{names}``, so the Vietnamese screen reads
exactly as the command line does. A code without a template, or a template whose params the
raise site did not give, is shown as the refusal's own message.

Only this module and :mod:`desktop.domain.refusal` are loaded when a failure is shown: the
layers the refusals come from are not imported here (the window starts without them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain.refusal import Refusal, refusal_code
from desktop.failures import UnexpectedFailure


def _templates() -> dict[str, str]:
    """code → template, in the language installed now (built per failure: cheap, and a
    language switch applies at once). Each ``translate`` call is literal so lupdate finds it."""
    return {
        # signing in and passwords
        "login_refused": QCoreApplication.translate(
            "Refusal", "Tên đăng nhập hoặc mật khẩu không đúng"
        ),
        "login_refused_tries": QCoreApplication.translate(
            "Refusal",
            "Tên đăng nhập hoặc mật khẩu không đúng; còn {left} lần thử trước khi tài khoản "
            "tạm khóa {minutes} phút",
        ),
        "login_refused_locks": QCoreApplication.translate(
            "Refusal",
            "Tên đăng nhập hoặc mật khẩu không đúng; tài khoản tạm khóa {minutes} phút do "
            "nhập sai nhiều lần",
        ),
        "account_locked": QCoreApplication.translate(
            "Refusal", "Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút"
        ),
        "account_locked_on_server": QCoreApplication.translate(
            "Refusal", "Tài khoản tạm khóa do nhập sai nhiều lần"
        ),
        "account_disabled": QCoreApplication.translate(
            "Refusal", "Tài khoản đã bị vô hiệu hóa trên máy chủ tỉnh"
        ),
        "server_login_refused": QCoreApplication.translate(
            "Refusal", "Máy chủ tỉnh không cho đăng nhập: {detail}"
        ),
        "password_change_required": QCoreApplication.translate(
            "Refusal", "Tài khoản {user} phải đổi mật khẩu ở lần đăng nhập đầu tiên"
        ),
        "password_too_short": QCoreApplication.translate(
            "Refusal", "Mật khẩu phải có ít nhất {min} ký tự"
        ),
        "password_too_simple": QCoreApplication.translate(
            "Refusal", "Mật khẩu phải có cả chữ và số"
        ),
        "password_has_username": QCoreApplication.translate(
            "Refusal", "Mật khẩu không được chứa tên đăng nhập"
        ),
        "password_unchanged": QCoreApplication.translate(
            "Refusal", "Mật khẩu mới phải khác mật khẩu cũ"
        ),
        # who may do what
        "not_signed_in": QCoreApplication.translate(
            "Refusal", "Chưa đăng nhập, hoặc màn hình đã khóa: đăng nhập lại"
        ),
        "permission_denied": QCoreApplication.translate(
            "Refusal", "Tài khoản {user} không có quyền này (cần: {roles})"
        ),
        "not_the_signed_in_officer": QCoreApplication.translate(
            "Refusal", "Tài khoản {user} không phải người đang đăng nhập"
        ),
        # dossiers
        "dossier_not_found": QCoreApplication.translate("Refusal", "Không tìm thấy hồ sơ {ref}"),
        "dossier_code_not_found": QCoreApplication.translate(
            "Refusal", "Không tìm thấy hồ sơ mã {ref}"
        ),
        "received_in_future": QCoreApplication.translate(
            "Refusal", "Thời điểm tiếp nhận không được ở tương lai"
        ),
        "received_too_long_ago": QCoreApplication.translate(
            "Refusal",
            "Thời điểm tiếp nhận {when} quá xa: biên nhận giấy chỉ được nhập lại trong vòng "
            "{days} ngày trước hôm nay",
        ),
        "no_postal_result": QCoreApplication.translate(
            "Refusal", "Thủ tục {procedure} không trả kết quả qua bưu chính"
        ),
        "not_owner": QCoreApplication.translate(
            "Refusal",
            "Hồ sơ {dossier} do quầy {counter} tiếp nhận: chỉ quầy đó được yêu cầu bổ sung, "
            "nhận bổ sung hoặc ghi nhận rút hồ sơ",
        ),
        "too_many_missing_documents": QCoreApplication.translate(
            "Refusal", "Tối đa {max} giấy tờ cần bổ sung"
        ),
        "missing_document_too_long": QCoreApplication.translate(
            "Refusal", "Tên giấy tờ cần bổ sung quá dài (tối đa {max} ký tự)"
        ),
        "reschedule_needs_date": QCoreApplication.translate(
            "Refusal", "Cho biết ngày hẹn mới hoặc số ngày/giờ làm việc gia hạn"
        ),
        "no_appointment": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} chưa có ngày hẹn để hẹn lại"
        ),
        "appointment_not_later": QCoreApplication.translate(
            "Refusal", "Ngày hẹn mới phải sau ngày hẹn cũ ({previous}) và sau hiện tại"
        ),
        "appointment_not_working_day": QCoreApplication.translate(
            "Refusal", "Ngày hẹn mới {day} không phải ngày làm việc"
        ),
        "day_close_pending": QCoreApplication.translate(
            "Refusal",
            "Chưa thể khóa sổ ngày {day}: còn {pending} thao tác chờ đồng bộ với máy chủ tỉnh. "
            "Hãy chờ đồng bộ xong, hoặc lãnh đạo bộ phận khóa sổ kèm lý do",
        ),
        "reason_too_short": QCoreApplication.translate(
            "Refusal", "Phải ghi rõ {what} (ít nhất {min} ký tự)"
        ),
        "reason_too_long": QCoreApplication.translate(
            "Refusal", "{What} quá dài (tối đa {max} ký tự)"
        ),
        # online dossiers from the portal and their check (issue 18)
        "not_online_dossier": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} không phải hồ sơ nộp trực tuyến"
        ),
        "online_already_checked": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} đã được kiểm tra ({status})"
        ),
        "claimed_elsewhere": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} đang được kiểm tra tại quầy {counter}"
        ),
        "claim_offline": QCoreApplication.translate(
            "Refusal",
            "Không liên lạc được máy chủ tỉnh để nhận kiểm tra hồ sơ {dossier}. Khi mất kết "
            "nối, quầy chỉ kiểm tra được hồ sơ trực tuyến đã nhận kiểm tra trước đó",
        ),
        "claim_refused": QCoreApplication.translate(
            "Refusal", "Máy chủ tỉnh không cho nhận kiểm tra hồ sơ {dossier}: {detail}"
        ),
        # hand-over to the specialist unit (issue 18)
        "handover_unit_invalid": QCoreApplication.translate(
            "Refusal", "Tên đơn vị nhận hồ sơ phải từ 3 đến 300 ký tự"
        ),
        "handover_empty": QCoreApplication.translate(
            "Refusal", "Cho biết ít nhất một mã hồ sơ để bàn giao"
        ),
        "handover_too_many": QCoreApplication.translate(
            "Refusal", "Một phiếu bàn giao có tối đa {max} hồ sơ"
        ),
        "handover_unit_unknown": QCoreApplication.translate(
            "Refusal", "Đơn vị '{unit}' không có trong danh mục"
        ),
        "handover_not_received": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} chưa được tiếp nhận nên chưa bàn giao được"
        ),
        "handover_done_already": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} đã bàn giao cho {unit} lúc {at}"
        ),
        "handover_not_found": QCoreApplication.translate(
            "Refusal", "Không có lần bàn giao hồ sơ nào mang mã {handover_id}"
        ),
        "handover_wrong_unit": QCoreApplication.translate(
            "Refusal",
            "Hồ sơ {dossier} thuộc thẩm quyền của {unit}: mỗi phiếu bàn giao chỉ dành cho "
            "một đơn vị",
        ),
        # fees and payments (issue 19)
        "amount_invalid": QCoreApplication.translate("Refusal", "Số tiền phải là số nguyên (đồng)"),
        "amount_not_positive": QCoreApplication.translate("Refusal", "Số tiền phải lớn hơn 0"),
        "amount_too_large": QCoreApplication.translate("Refusal", "Số tiền quá lớn"),
        "method_not_at_counter": QCoreApplication.translate(
            "Refusal", "Chuyển khoản do ngân hàng báo về máy chủ tỉnh được ghi tự động"
        ),
        "reference_needed": QCoreApplication.translate(
            "Refusal", "Thanh toán chuyển khoản hoặc thẻ cần mã giao dịch"
        ),
        "fee_dossier_closed": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} đã kết thúc: không thu phí"
        ),
        "fee_nothing_due": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} không còn khoản phí, lệ phí phải thu"
        ),
        "fee_overpaid": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} chỉ còn phải nộp {outstanding} đồng"
        ),
        "refund_not_allowed": QCoreApplication.translate(
            "Refusal",
            "Hồ sơ {dossier}: chỉ hoàn trả phí khi cơ quan không thực hiện được dịch vụ (hồ sơ "
            "không được tiếp nhận, công dân rút hồ sơ hoặc dừng xử lý)",
        ),
        "refund_more_than_paid": QCoreApplication.translate(
            "Refusal", "Hồ sơ {dossier} chỉ có {paid} đồng đã nộp để hoàn trả"
        ),
        "fee_already_paid": QCoreApplication.translate(
            "Refusal", "Hồ sơ đã nộp phí: hoàn trả trước khi miễn"
        ),
        "fee_exempt_already": QCoreApplication.translate(
            "Refusal", "Hồ sơ đã được miễn phí, lệ phí"
        ),
        "fee_receipt_not_found": QCoreApplication.translate(
            "Refusal", "Không có biên lai số {receipt}"
        ),
        # receipt QR codes
        "qr_too_long": QCoreApplication.translate(
            "Refusal", "Mã QR quá dài, không phải mã trên giấy tiếp nhận"
        ),
        "qr_not_ascii": QCoreApplication.translate(
            "Refusal", "Mã QR chứa ký tự lạ, không phải mã trên giấy tiếp nhận"
        ),
        "qr_malformed": QCoreApplication.translate(
            "Refusal", "Mã QR đã bị sửa hoặc bị cắt: cấu trúc không đúng"
        ),
        "qr_not_a_receipt": QCoreApplication.translate(
            "Refusal", "Đây không phải mã QR trên giấy tiếp nhận hồ sơ"
        ),
        "qr_signature_damaged": QCoreApplication.translate("Refusal", "Chữ ký trong mã QR bị hỏng"),
        "qr_key_unknown": QCoreApplication.translate(
            "Refusal",
            "Mã QR được ký bằng khóa {key_id} không có trong danh sách quầy tin cậy "
            "(có thể là giả, hoặc cần đồng bộ khóa từ máy chủ)",
        ),
        "qr_wrong_agency": QCoreApplication.translate(
            "Refusal",
            "Mã QR của hồ sơ {dossier} được ký bằng khóa của quầy {counter} thuộc cơ quan "
            "{agency}: khóa này không cấp được mã của cơ quan khác",
        ),
        "qr_not_in_image": QCoreApplication.translate(
            "Refusal", "Không tìm thấy mã QR nào trong ảnh"
        ),
        "qr_forged": QCoreApplication.translate(
            "Refusal", "Chữ ký của mã QR không khớp: mã đã bị sửa hoặc bị làm giả"
        ),
        # statistics periods
        "period_reversed": QCoreApplication.translate(
            "Refusal", "Ngày kết thúc {last} trước ngày bắt đầu {first}"
        ),
        "period_too_early": QCoreApplication.translate(
            "Refusal", "Chỉ thống kê từ ngày {earliest} trở đi"
        ),
        "period_too_long": QCoreApplication.translate(
            "Refusal", "Khoảng thống kê dài quá {years} năm: hãy chọn khoảng ngắn hơn"
        ),
        "month_invalid": QCoreApplication.translate("Refusal", "Tháng {month} không hợp lệ"),
        "quarter_invalid": QCoreApplication.translate(
            "Refusal", "Quý {quarter} không hợp lệ (chọn 1–4)"
        ),
        # codes of the agency and the counter
        "agency_code_invalid": QCoreApplication.translate(
            "Refusal",
            "Mã cơ quan không hợp lệ: '{agency}' (chỉ gồm chữ in hoa, chữ số và dấu chấm)",
        ),
        "counter_code_invalid": QCoreApplication.translate(
            "Refusal", "Mã quầy không hợp lệ: '{counter}' (1–8 chữ in hoa hoặc chữ số, ví dụ Q01)"
        ),
        "sequence_out_of_range": QCoreApplication.translate(
            "Refusal", "Số thứ tự {seq} nằm ngoài 1..{max}"
        ),
        # devices
        "scan_cancelled": QCoreApplication.translate("Refusal", "Đã hủy quét theo yêu cầu"),
    }


def _roles(ids: object) -> str:
    """Role ids (``reception``…) as the officer calls them, in the screen's language."""
    names = {
        "reception": QCoreApplication.translate("Refusal", "Cán bộ tiếp nhận"),
        "returns": QCoreApplication.translate("Refusal", "Cán bộ trả kết quả"),
        "supervisor": QCoreApplication.translate("Refusal", "Lãnh đạo bộ phận"),
        "admin": QCoreApplication.translate("Refusal", "Quản trị"),
    }
    items = [ids] if isinstance(ids, str) else list(ids) if isinstance(ids, list | tuple) else []
    return ", ".join(names.get(str(r), str(r)) for r in items)


def _what(text: object) -> str:
    """The name of a typed field a refusal is about (``what``), in the screen's language; a
    name not listed here is shown as the store gave it."""
    names = {
        "nội dung cần bổ sung": QCoreApplication.translate("Refusal", "nội dung cần bổ sung"),
        "lý do từ chối": QCoreApplication.translate("Refusal", "lý do từ chối"),
        "Tên đơn vị nhận": QCoreApplication.translate("Refusal", "Tên đơn vị nhận"),
        "Tên giấy tờ cần bổ sung": QCoreApplication.translate("Refusal", "Tên giấy tờ cần bổ sung"),
        "lý do hoàn trả": QCoreApplication.translate("Refusal", "lý do hoàn trả"),
        "căn cứ miễn phí, lệ phí": QCoreApplication.translate("Refusal", "căn cứ miễn phí, lệ phí"),
    }
    return names.get(str(text), str(text))


def _money(amount: object) -> str:
    """An amount of đồng grouped the Vietnamese way (60.000), as the command line writes it."""
    return f"{amount:,}".replace(",", ".") if isinstance(amount, int) else str(amount)


# params that need wording of their own before they go into a template
_SHOWN: Mapping[str, Callable[[Any], str]] = {
    "roles": _roles,
    "what": _what,
    "outstanding": _money,
    "paid": _money,
}


def describe(exc: BaseException) -> str:
    """What the window shows for a failure: the translated template of a refusal's code filled
    with its params, else the failure's own message (already meant for the officer: a
    refusal's, a storage problem's, or the short text of an :class:`UnexpectedFailure`)."""
    if isinstance(exc, UnexpectedFailure):
        return _unexpected(exc)
    code = refusal_code(exc)
    template = _templates().get(code) if code is not None else None
    if template is None:
        return str(exc) or type(exc).__name__
    params: Mapping[str, Any] = exc.params if isinstance(exc, Refusal) else {}
    values = {k: _SHOWN[k](v) if k in _SHOWN else v for k, v in params.items()}
    if isinstance(values.get("what"), str):  # at the start of a sentence
        values["What"] = values["what"][:1].upper() + values["what"][1:]
    try:
        text = template.format(**values)
    except (KeyError, IndexError, ValueError):  # a raise site without the params: its own words
        return str(exc)
    if "item" in values:  # one item of a list the command line sent: say which one
        text = (
            QCoreApplication.translate("Refusal", "Hồ sơ thứ {item}: ").format(item=values["item"])
            + text
        )
    return text


def _unexpected(exc: UnexpectedFailure) -> str:
    text = QCoreApplication.translate("Refusal", "Lỗi không mong đợi ({kind}).").format(
        kind=exc.kind
    )
    if exc.logged is not None:
        text += QCoreApplication.translate(
            "Refusal", " Chi tiết kỹ thuật đã ghi vào {path}."
        ).format(path=exc.logged)
    return text + QCoreApplication.translate(
        "Refusal", " Vui lòng báo cán bộ công nghệ thông tin; dữ liệu đã lưu không bị ảnh hưởng."
    )
