"""Dossier codes (mã số hồ sơ) built from a province template.

Two presets exist (DESIGN.md §2): the national portal's practice
``<agency>-<yyMMdd>-<NNNN>`` and An Giang's QĐ 66/2020/QĐ-UBND Điều 7.3 layout: 13 characters
of agency code, then ddmmyy, then a 3-digit daily sequence, no separators.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.refusal import Refusal

NATIONAL_TEMPLATE = "{agency}-{date:%y%m%d}-{seq:04d}"
AN_GIANG_TEMPLATE = "{agency}{date:%d%m%y}{seq:03d}"
PROVISIONAL_PREFIX = "TAM"

AGENCY_RE = re.compile(r"^[0-9A-Z][0-9A-Z.]{2,39}$")
COUNTER_RE = re.compile(r"^[0-9A-Z]{1,8}$")
_DATE_DIRECTIVES = {"%d": r"\d{2}", "%m": r"\d{2}", "%y": r"\d{2}", "%Y": r"\d{4}"}
_SEQ_SPEC = re.compile(r"^0(\d)d$")


class CodeFormatError(Refusal, ValueError):
    """The template, an agency code or a counter code is malformed."""

    code = "code_format_invalid"


def validate_agency(agency: str, length: int | None = None) -> str:
    if not AGENCY_RE.match(agency):
        raise CodeFormatError(
            f"Mã cơ quan không hợp lệ: {agency!r} (chỉ gồm chữ in hoa, chữ số và dấu chấm)",
            code="agency_code_invalid",
            agency=agency,
        )
    if agency.startswith(PROVISIONAL_PREFIX):
        raise CodeFormatError(
            f"Mã cơ quan không được bắt đầu bằng {PROVISIONAL_PREFIX}: {agency!r}",
            code="agency_code_provisional",
            agency=agency,
            prefix=PROVISIONAL_PREFIX,
        )
    if length is not None and len(agency) != length:
        raise CodeFormatError(
            f"Mã cơ quan {agency!r} phải dài đúng {length} ký tự theo mẫu mã số hồ sơ của tỉnh",
            code="agency_code_length",
            agency=agency,
            length=length,
        )
    return agency


def validate_counter(counter: str) -> str:
    if not COUNTER_RE.match(counter):
        raise CodeFormatError(
            f"Mã quầy không hợp lệ: {counter!r} (1–8 chữ in hoa hoặc chữ số, ví dụ Q01)",
            code="counter_code_invalid",
            counter=counter,
        )
    return counter


@dataclass(frozen=True)
class CodeFormat:
    """A parsed code template with exactly one ``{agency}``, ``{date:…}`` and ``{seq:0Nd}``."""

    template: str
    seq_width: int = field(init=False)
    date_format: str = field(init=False)
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen: dict[str, int] = {}
        pattern = "^"
        seq_width = 0
        date_format = ""
        for literal, name, spec, conversion in string.Formatter().parse(self.template):
            pattern += re.escape(literal)
            if name is None:
                continue
            if conversion:
                raise CodeFormatError(f"Mẫu mã hồ sơ không được dùng chuyển đổi: {self.template}")
            seen[name] = seen.get(name, 0) + 1
            if name == "agency":
                pattern += r"(?P<agency>[0-9A-Z.]+?)"
            elif name == "date":
                date_format = spec or ""
                pattern += "(?P<date>" + _date_regex(date_format, self.template) + ")"
            elif name == "seq":
                m = _SEQ_SPEC.match(spec or "")
                if not m or not 2 <= int(m.group(1)) <= 6:
                    raise CodeFormatError(
                        f"Số thứ tự phải có dạng {{seq:0Nd}} với N từ 2 đến 6: {self.template}"
                    )
                seq_width = int(m.group(1))
                pattern += rf"(?P<seq>\d{{{seq_width}}})"
            else:
                raise CodeFormatError(f"Trường lạ {{{name}}} trong mẫu mã hồ sơ: {self.template}")
        if seen != {"agency": 1, "date": 1, "seq": 1}:
            raise CodeFormatError(
                "Mẫu mã hồ sơ phải có đúng một {agency}, một {date:...} và một {seq:0Nd}: "
                + self.template
            )
        object.__setattr__(self, "seq_width", seq_width)
        object.__setattr__(self, "date_format", date_format)
        object.__setattr__(self, "_regex", re.compile(pattern + "$"))

    @property
    def max_seq(self) -> int:
        return int("9" * self.seq_width)

    def format(self, agency: str, day: date, seq: int) -> str:
        if not 1 <= seq <= self.max_seq:
            raise CodeFormatError(
                f"Số thứ tự {seq} nằm ngoài 1..{self.max_seq}",
                code="sequence_out_of_range",
                seq=seq,
                max=self.max_seq,
            )
        return self.template.format(agency=agency, date=day, seq=seq)

    def parse(self, code: str) -> tuple[str, date, int] | None:
        """Split a code made by this template; ``None`` when it is not one."""
        m = self._regex.match(code)
        if not m:
            return None
        from datetime import datetime

        try:
            day = datetime.strptime(m.group("date"), self.date_format).date()
        except ValueError:
            return None
        return m.group("agency"), day, int(m.group("seq"))


def _date_regex(fmt: str, template: str) -> str:
    out = ""
    i = 0
    directives = set()
    while i < len(fmt):
        if fmt[i] == "%":
            d = fmt[i : i + 2]
            if d not in _DATE_DIRECTIVES:
                raise CodeFormatError(f"Định dạng ngày {d!r} không được hỗ trợ trong {template}")
            out += _DATE_DIRECTIVES[d]
            directives.add(d[1].lower())
            i += 2
        else:
            out += re.escape(fmt[i])
            i += 1
    if directives != {"d", "m", "y"}:
        raise CodeFormatError(f"Ngày trong mẫu mã hồ sơ phải có ngày, tháng và năm: {template}")
    return out


def provisional_code(agency: str, counter: str, day: date, n: int) -> str:
    """A code visibly marked as temporary (TAM = tạm), unique per counter and day.

    It can never equal a real code: real codes start with the agency code, these with TAM-.
    """
    return f"{PROVISIONAL_PREFIX}-{agency}-{counter}-{day:%y%m%d}-{n:03d}"


def is_provisional(code: str) -> bool:
    return code.startswith(PROVISIONAL_PREFIX + "-")
