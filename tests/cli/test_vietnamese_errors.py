"""No English in Vietnamese messages (issue 21 item 5): a form that does not validate is
refused on stderr in plain Vietnamese naming the field, never with pydantic's own English; the
same table words the server's 422 answers that the counter shows."""

from __future__ import annotations

import copy
import json
import re
import typing
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from pydantic_core.core_schema import ErrorType

from desktop.domain.reception import ReceptionForm
from sync.validation_vi import FIELD_NAMES_VI, describe, json_message, message
from tests.clitools import Cli
from tests.conftest import minimal_form

# what pydantic (and Python's json module) say in English
ENGLISH = re.compile(
    r"Input should|[Ff]ield required|value is not|String should|should be|should have|"
    r"Value error|Assertion failed|Extra inputs|not permitted|valid (date|integer|number|string)|"
    r"Datetimes provided|Expecting|delimiter|at least|at most|greater than|less than|"
    r"\b(invalid|Invalid|required|characters|items|integer|dictionary|instance)\b"
)


def _set(form: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(form)
    *parents, last = path.split(".")
    node: Any = out
    for p in parents:
        node = node[p]
    if value is _DROP:
        del node[last]
    else:
        node[last] = value
    return out


_DROP = object()
DOC = {"name": "Đơn đề nghị chứng thực"}

# (what is changed in a good form, its new value, the Vietnamese the refusal must hold)
BAD_FORMS = [
    (
        "applicant.birth_date",
        "1945",
        "người nộp › ngày sinh: phải là ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/02/1945",
    ),
    ("applicant.birth_date", "31/02/1985", "ngày sinh: phải là ngày có thật"),
    ("applicant.birth_date", 12, "ngày sinh"),
    ("applicant.birth_date", "tháng 3 năm 1985", "ngày sinh"),
    ("applicant.sex", "nam", "giới tính: phải là Nam hoặc Nữ"),
    ("applicant.sex", 1, "giới tính: phải là Nam hoặc Nữ"),
    ("applicant.name", _DROP, "họ tên: thiếu thông tin bắt buộc"),
    ("applicant.name", ["Nguyễn"], "họ tên: phải là chữ"),
    ("applicant.id_type", "x", "loại giấy tờ: phải là cccd, cmnd hoặc passport"),
    ("applicant.address", "", "địa chỉ: quá ngắn (ít nhất 3 ký tự)"),
    ("applicant.address", "x" * 400, "địa chỉ: quá dài"),
    ("applicant.phone", 912345678, "số điện thoại"),
    ("applicant.email", 5, "thư điện tử"),
    ("applicant.organisation", "Công ty", "tổ chức: phải là một đối tượng"),
    ("applicant.representative", {"name": "An"}, "người đại diện › số giấy tờ"),
    ("applicant.nickname", "An", "nickname: trường không được hỗ trợ"),
    ("applicant", _DROP, "người nộp: thiếu thông tin bắt buộc"),
    ("procedure", _DROP, "mã thủ tục: thiếu thông tin bắt buộc"),
    ("procedure", "x", "mã thủ tục: quá ngắn"),
    ("sets", "hai", "số bộ: phải là số nguyên"),
    ("sets", 0, "số bộ: phải từ 1 trở lên"),
    ("sets", 1.5, "số bộ: phải là số nguyên"),
    ("sets", 99, "số bộ: không được lớn hơn 20"),
    ("channel", 5, "hình thức nộp: phải là 1 (trực tiếp tại quầy)"),
    ("documents", "giấy tờ", "thành phần hồ sơ: phải là danh sách"),
    ("documents", [{"name": "a"}], "thành phần hồ sơ › mục 1 › tên giấy tờ: quá ngắn"),
    ("documents", [{**DOC, "originals": -1}], "mục 1 › số bản chính: phải từ 0 trở lên"),
    ("documents", [{**DOC, "photocopies": "hai"}], "mục 1 › số bản photo: phải là số nguyên"),
    ("documents", [{**DOC, "certified_copies": 99}], "số bản sao chứng thực"),
    ("fees", [{"name": "Lệ phí"}], "phí, lệ phí › mục 1 › số tiền: thiếu thông tin bắt buộc"),
    ("fees", [{"name": "Lệ phí", "amount": 1, "quantity": 0}], "mục 1 › số lượng"),
    ("result_delivery", {"method": "x"}, "nơi nhận kết quả › cách nhận kết quả: phải là"),
    ("result_delivery", {"method": "post"}, "nơi nhận kết quả: nhận kết quả qua bưu chính"),
    ("received_at", "hôm qua", "thời điểm tiếp nhận: phải là thời điểm"),
    ("received_at", "2026-02-30T09:00", "thời điểm tiếp nhận"),
    ("request_id", "!!", "mã yêu cầu (request_id): chỉ gồm chữ không dấu"),
    ("note", 1, "ghi chú: phải là chữ"),
]


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """No counter: a form is checked before anything is opened, so these need none (and the
    data directory staying absent shows nothing was written)."""
    return Cli(tmp_path_factory.mktemp("forms") / "no-counter")


def receive(c: Cli, stdin: str) -> Any:
    p = c.run("receive", "--json", "-", "--user", "admin", stdin=stdin)
    assert not c.data_dir.exists()
    return p


@pytest.mark.parametrize(("path", "value", "vietnamese"), BAD_FORMS)
def test_bad_forms_are_refused_in_vietnamese(
    bare: Cli, path: str, value: Any, vietnamese: str
) -> None:
    form = _set(minimal_form(), path, value)
    p = receive(bare, json.dumps(form, ensure_ascii=False))
    assert p.returncode == 1 and p.stdout == ""
    assert "Traceback" not in p.stderr
    assert vietnamese in p.stderr
    assert not ENGLISH.search(p.stderr), p.stderr


@pytest.mark.parametrize(
    "text",
    ["{not json", '{"procedure": "2.000815",}', '{"a" 1}', "[1, 2", '"x"', "[1]", "{} x"],
)
def test_broken_input_is_refused_in_vietnamese(bare: Cli, text: str) -> None:
    p = receive(bare, text)
    assert p.returncode == 1 and p.stdout == ""
    assert not ENGLISH.search(p.stderr), p.stderr


def test_a_list_names_the_item(bare: Cli) -> None:
    forms = [minimal_form(), _set(minimal_form(), "applicant.birth_date", "1945")]
    p = receive(bare, json.dumps(forms))
    assert p.returncode == 1
    assert "Hồ sơ thứ 2: người nộp › ngày sinh" in p.stderr


def test_a_birth_date_as_officers_write_it_is_taken(cli: Cli) -> None:
    form = _set(minimal_form(), "applicant.birth_date", "12/03/1985")
    out = cli.json("receive", "--json", "-", "--user", "admin", stdin=json.dumps(form))
    assert out["code"]


# -- the table itself --------------------------------------------------------------------------


def _fields(model: type[BaseModel], seen: set[str]) -> set[str]:
    for name, f in model.model_fields.items():
        seen.add(name)
        todo: list[Any] = [f.annotation]
        while todo:
            t = todo.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                _fields(t, seen)
            todo.extend(typing.get_args(t))
    return seen


def test_every_field_of_the_form_has_a_vietnamese_name() -> None:
    assert sorted(_fields(ReceptionForm, set()) - set(FIELD_NAMES_VI)) == []


@pytest.mark.parametrize("kind", sorted(get_args(ErrorType)))
def test_no_pydantic_error_type_is_passed_on_in_english(kind: str) -> None:
    err = {"type": kind, "loc": ("applicant", "phone"), "msg": "Input should be a valid thing"}
    text = message(err)
    assert text and "{" not in text and not ENGLISH.search(text), text
    # with the ctx pydantic gives
    text = message({**err, "ctx": {"min_length": 3, "max_length": 9, "ge": 1, "le": 2}})
    assert "{" not in text and not ENGLISH.search(text), text


def test_a_validator_of_ours_is_shown_as_written_a_library_error_is_not() -> None:
    ours = {"type": "value_error", "loc": ("x",), "msg": "Value error, họ tên quá ngắn"}
    assert message(ours) == "họ tên quá ngắn"
    theirs = {"type": "value_error", "loc": ("x",), "msg": "Value error, day is out of range"}
    assert message(theirs) == "giá trị không hợp lệ"
    assert describe([ours] * 10, limit=8).endswith("và 2 lỗi khác")


def test_json_messages() -> None:
    assert json_message("Expecting ',' delimiter") == "thiếu dấu phẩy (,)"
    assert json_message("Something new") == "sai cú pháp JSON"


def test_the_server_answers_in_vietnamese() -> None:
    from sync.protocol import LoginRequest
    from sync.server.routes.errors import ApiError, validated

    with pytest.raises(ApiError) as exc:
        validated(b'{"username": "A B", "password": ""}', LoginRequest)
    assert exc.value.status == 422 and exc.value.code == "invalid_request"
    text = str(exc.value)
    assert "tên đăng nhập: chỉ gồm chữ thường" in text and "mật khẩu: quá ngắn" in text
    assert not ENGLISH.search(text), text


def test_argparse_speaks_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing option or a mistyped command is answered in Vietnamese, by both commands
    (argparse's own words: "the following arguments are required", "invalid choice")."""
    from desktop.cli import main
    from sync.server.cli import main as server_main

    for run, argv in (
        (main, ["return", "000.00.12.H01041226001"]),
        (main, ["khong-co-lenh"]),
        (server_main, ["--db", "sqlite://", "khong-co-lenh"]),
    ):
        with pytest.raises(SystemExit) as exited:
            run(argv)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert "lỗi:" in err and "cách dùng:" in err, err
        assert "error:" not in err and "usage:" not in err and "required" not in err, err
