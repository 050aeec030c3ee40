"""The QR code printed on the chip-based citizen ID card (CCCD gắn chip, thẻ căn cước).

The usual payload is ``số định danh|số CMND cũ|họ tên|ngày sinh|giới tính|nơi thường trú|
ngày cấp`` with dates as ``ddmmyyyy``. Real cards and readers vary: the old ID may be empty,
9 or 12 digits, or the field dropped (6 fields); newer cards append fields; readers add CR/LF,
a BOM, NFD text, upper-case or unaccented sex words, ``dd/mm/yyyy`` dates, and some decode the
UTF-8 bytes as Latin-1/cp1252 (mojibake, "Nguyá»…n"). So each field is read by what it looks
like (a 12-digit number is the ID, a date before the sex word is the birth date, the longest
free text is the address…), not by its position.

:func:`read_cccd_qr` reads what it can and says what it could not (the window fills the
rest in by hand); :func:`parse_cccd_qr` wants the whole card. A birth year or sex that disagrees
with what the 12-digit number encodes is a *warning* for the officer to confirm (cards with
such data-entry errors are in circulation), never a refusal. A name that is mojibake is repaired
when the repair is plain Vietnamese, else refused — the garbled text is never shown or printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain.refusal import Refusal
from sync.limits import MAX_ADDRESS, MAX_PERSON_NAME
from sync.protocol import forbidden_char

from .applicants import CCCD_PROVINCE_CODES

MAX_PAYLOAD = 1024
MIN_FIELDS = 6

# The fields of a card, in the order the officer reads them, with their Vietnamese labels.
LABELS_VI: dict[str, str] = {
    "id_number": "Số định danh (CCCD)",
    "old_id": "Số CMND cũ",
    "name": "Họ tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "address": "Nơi thường trú",
    "issue_date": "Ngày cấp",
}
REQUIRED = ("id_number", "name", "birth_date", "sex", "address")


class CccdQrError(Refusal, ValueError):
    code = "cccd_qr_invalid"


@dataclass(frozen=True)
class CccdWarning:
    """Something the officer must look at and confirm: ``code`` is stable (the window words it
    in its own language from ``params``), ``message`` is the Vietnamese sentence."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CccdProblem:
    """A field of the card that could not be read, and why (Vietnamese)."""

    field: str
    code: str
    message: str


@dataclass(frozen=True)
class CccdCard:
    """A card read in full."""

    id_number: str
    old_id: str | None
    name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date | None
    warnings: tuple[CccdWarning, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id_number": self.id_number,
            "old_id": self.old_id,
            "name": self.name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "address": self.address,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
        }


@dataclass(frozen=True)
class CccdReading:
    """What could be read of a card: every field may be missing, ``unread`` says why."""

    id_number: str | None = None
    old_id: str | None = None
    name: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    address: str | None = None
    issue_date: date | None = None
    warnings: tuple[CccdWarning, ...] = ()
    unread: tuple[CccdProblem, ...] = ()

    def card(self) -> CccdCard:
        """The whole card, or the refusal listing every field that could not be read."""
        if self.unread:
            raise CccdQrError(
                "; ".join(p.message for p in self.unread),
                fields=tuple(p.field for p in self.unread),
            )
        assert self.id_number and self.name and self.birth_date and self.sex and self.address
        return CccdCard(
            self.id_number,
            self.old_id,
            self.name,
            self.birth_date,
            self.sex,
            self.address,
            self.issue_date,
            self.warnings,
        )


def parse_cccd_qr(payload: str) -> CccdCard:
    """The whole card; :class:`CccdQrError` (Vietnamese) when any field cannot be read."""
    return read_cccd_qr(payload).card()


# -- one field ---------------------------------------------------------------------------------

# Mojibake of Vietnamese: UTF-8 lead bytes C3–C6 (Ã Ä Å Æ) or E1 BA/BB (áº á») read as Latin-1 or
# cp1252, each followed by a continuation byte (0x80–0xBF) shown as a Latin-1 or cp1252 sign.
_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(f"[ÃÄÅÆ][{_CONT}]|á[º»]")
_VI_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
)
# what besides letters an address may hold; a name holds only letters, spaces and ' - .
_ADDRESS_MARKS = frozenset(" ,./-'()#&:;–\"")
_NAME_MARKS = frozenset(" '-.")
_ADDRESS_WORDS = (
    "số ",
    "thôn",
    "xóm",
    "ấp",
    "tổ ",
    "khu ",
    "khóm",
    "khối",
    "bản ",
    "buôn",
    "làng",
    "đường",
    "phường",
    "xã ",
    "thị trấn",
    "huyện",
    "tỉnh",
    "thành phố",
)


def _vietnamese(text: str, marks: frozenset[str]) -> bool:
    return all(c.lower() in _VI_LETTERS or c.isdigit() or c in marks for c in text)


# one character's UTF-8 bytes as Latin-1/cp1252 show them: a lead byte, then continuation bytes
_SEQUENCE_RE = re.compile(f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}")


def _bytes(text: str) -> bytes | None:
    raw = bytearray()
    for c in text:
        if ord(c) < 256:
            raw.append(ord(c))
        else:
            try:
                raw += c.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(raw)


def _repair(text: str) -> str:
    """Each character's UTF-8 bytes that were read as Latin-1 or cp1252, read again as UTF-8
    (sequence by sequence: a reader may garble one word and not the next); a sequence that is
    not UTF-8 stays as it was, for the caller to refuse."""

    def one(m: re.Match[str]) -> str:
        raw = _bytes(m.group())
        try:
            return m.group() if raw is None else raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group()

    return _SEQUENCE_RE.sub(one, text)


@dataclass
class _Field:
    index: int
    text: str  # NFC, without the control characters it may have had
    kind: str  # id12, id9, date, datelike, number, sex, text, empty
    corrupt: bool = False  # held control, bidirectional or invisible characters
    garbled: bool = False  # mojibake that could not be repaired
    repaired: bool = False  # mojibake repaired


_SEP_DATE_RE = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_SEX = {"nam": "Nam", "nu": "Nữ"}


def _plain(text: str) -> str:
    """Without accents and case: "NỮ", "nữ", "Nu" → "nu"."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return stripped.replace("đ", "d").replace("Đ", "d").casefold()


def _kind(text: str) -> str:
    if not text:
        return "empty"
    if re.fullmatch(r"[0-9]{12}", text):
        return "id12"
    if re.fullmatch(r"[0-9]{9}", text):
        return "id9"
    if re.fullmatch(r"[0-9]{8}", text) or _SEP_DATE_RE.fullmatch(text):
        return "date"
    if re.fullmatch(r"[0-9]+(?:[/.\-][0-9]+)+", text):
        return "datelike"  # digits with separators, not day/month/year (1990-05-17)
    digits = sum(c.isdigit() for c in text)
    if digits and digits * 2 >= len(text.replace(" ", "")):
        return "number"  # mostly digits: a number misread (11 digits, full-width, a letter)
    if _plain(text) in _SEX:
        return "sex"
    return "text"


def _bad(c: str) -> bool:
    """A character no field of a card holds: control (tabs and line breaks too), or what the
    server refuses in any text (bidirectional, invisible; sync/protocol.py)."""
    return unicodedata.category(c) == "Cc" or forbidden_char(c) is not None


def _field(index: int, raw: str) -> _Field:
    text = raw.strip(" \u00a0\ufeff")
    repaired = garbled = False
    if _MOJIBAKE_RE.search(text):
        fixed = _repair(text)
        if not _MOJIBAKE_RE.search(fixed) and _vietnamese(
            unicodedata.normalize("NFC", fixed), _ADDRESS_MARKS
        ):
            text, repaired = fixed, True
        else:
            garbled = True
    corrupt = any(_bad(c) for c in text)
    if corrupt:  # read what it would have been, to say which field was damaged
        text = "".join(c for c in text if not _bad(c)).strip()
    text = unicodedata.normalize("NFC", text)
    return _Field(index, text, "text" if garbled else _kind(text), corrupt, garbled, repaired)


def _day(text: str) -> date | None:
    m = _SEP_DATE_RE.fullmatch(text)
    d, mo, y = (m.groups()) if m else (text[:2], text[2:4], text[4:])
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


# -- the card ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, fields: list[_Field]) -> None:
        self.fields = fields
        self.used: set[int] = set()
        self.values: dict[str, Any] = {}
        self.problems: dict[str, CccdProblem] = {}
        self.warnings: list[CccdWarning] = []

    def miss(self, key: str, code: str, why: str) -> None:
        self.problems.setdefault(key, CccdProblem(key, code, f"{LABELS_VI[key]}: {why}"))

    def take(self, key: str, f: _Field | None) -> _Field | None:
        """``f`` is the field holding ``key``; a damaged one is named, its text not kept."""
        if f is None:
            return None
        self.used.add(f.index)
        if f.garbled:
            self.miss(
                key,
                "garbled",
                "chữ bị lỗi mã hoá (mojibake) không sửa được; nhập tay theo thẻ",
            )
            return None
        if f.corrupt:
            self.miss(key, "control", "chứa ký tự điều khiển hoặc ký tự ẩn, không đọc được")
            return None
        return f

    def first(self, *kinds: str, after: int = -1, before: int | None = None) -> _Field | None:
        for f in self.fields:
            later = f.index > after and (before is None or f.index < before)
            if later and f.kind in kinds and f.index not in self.used:
                return f
        return None


def read_cccd_qr(payload: str) -> CccdReading:
    """Whatever can be read of the card; :class:`CccdQrError` only when the payload is not a
    card's QR at all (too long, fewer than six fields)."""
    if len(payload) > MAX_PAYLOAD:
        raise CccdQrError("Mã QR quá dài, không phải mã QR trên thẻ CCCD")
    text = payload.lstrip("\ufeff").strip(" \r\n")
    parts = text.split("|")
    if len(parts) < MIN_FIELDS:
        raise CccdQrError(
            f"Mã QR có {len(parts)} trường, thẻ CCCD có ít nhất {MIN_FIELDS} "
            "(số định danh|họ tên|ngày sinh|giới tính|nơi thường trú|ngày cấp)"
        )
    r = _Reader([_field(i, p) for i, p in enumerate(parts)])
    _read_id(r)
    sex_at = _read_sex(r)
    address_at = _read_address(r)
    _read_name(r, address_at)
    anchor = sex_at if sex_at is not None else address_at
    birth_at = _read_birth(r, anchor)
    _read_issue(r, max(i for i in (birth_at, sex_at, -1) if i is not None))
    for key in REQUIRED:
        if key not in r.values:
            r.miss(key, "missing", "không tìm thấy trong mã QR")
    _cross_check(r)
    problems = tuple(r.problems[k] for k in LABELS_VI if k in r.problems)
    return CccdReading(**r.values, warnings=tuple(r.warnings), unread=problems)


def _read_id(r: _Reader) -> None:
    f = r.take("id_number", r.first("id12"))
    if f is None:
        if "id_number" not in r.problems:
            r.miss("id_number", "missing", "không có số 12 chữ số trong mã QR")
        return
    # Thông tư 07/2016/TT-BCA, Thông tư 59/2021/TT-BCA: three digits of the birth province
    if f.text[:3] not in CCCD_PROVINCE_CODES:
        r.miss("id_number", "bad_province", f"ba số đầu {f.text[:3]} không phải mã tỉnh")
    else:
        r.values["id_number"] = f.text
    # the old ID: 9 digits (CMND) or 12 (CCCD without chip), after the new number
    old = r.first("id9", "id12", after=f.index)
    if old is not None:
        if r.take("old_id", old) is not None:
            r.values["old_id"] = old.text
        return
    nxt = next((g for g in r.fields if g.index == f.index + 1), None)
    if nxt is not None and nxt.kind == "number":
        r.used.add(nxt.index)
        r.miss("old_id", "bad_number", "phải gồm 9 hoặc 12 chữ số")


def _read_sex(r: _Reader) -> int | None:
    f = r.take("sex", r.first("sex"))
    if f is None:
        return None
    r.values["sex"] = _SEX[_plain(f.text)]
    return f.index


def _address_score(f: _Field) -> tuple[int, int]:
    """Address-like first (a comma, a house number, an address word), then the longest."""
    low = f.text.lower()
    like = any(c.isdigit() or c == "," for c in f.text) or any(w in low for w in _ADDRESS_WORDS)
    return (1 if like else 0, len(f.text))


def _read_address(r: _Reader) -> int | None:
    texts = [f for f in r.fields if f.kind == "text"]
    # the name comes first; without an address-like field, it is never the address
    candidates = texts if any(_address_score(f)[0] for f in texts) else texts[1:]
    if not candidates:
        return None
    best = max(candidates, key=_address_score)
    f = r.take("address", best)
    if f is None:
        return best.index
    address = " ".join(f.text.split())
    if len(address) < 3:
        r.miss("address", "too_short", "quá ngắn")
    elif len(address) > MAX_ADDRESS:
        r.miss("address", "too_long", f"dài quá {MAX_ADDRESS} ký tự")
    elif not _vietnamese(address, _ADDRESS_MARKS):
        r.miss("address", "bad_chars", "chứa ký tự không phải chữ Việt")
    else:
        r.values["address"] = address
        if f.repaired:
            r.warnings.append(
                CccdWarning(
                    "address_repaired",
                    "Nơi thường trú trong mã QR bị lỗi mã hoá và đã được sửa: "
                    "đối chiếu với thẻ trước khi tiếp nhận",
                )
            )
    return best.index


def _read_name(r: _Reader, address_at: int | None) -> None:
    f = r.take(
        "name", r.first("text", before=address_at) if address_at is not None else r.first("text")
    )
    if f is None:
        return
    name = " ".join(f.text.split())
    if len(name) < 2 or not any(c.isalpha() for c in name):
        r.miss("name", "too_short", "phải có ít nhất 2 chữ cái")
    elif any(c.isdigit() for c in name):
        r.miss("name", "bad_chars", "có chữ số")
    elif len(name) > MAX_PERSON_NAME:
        r.miss("name", "too_long", f"dài quá {MAX_PERSON_NAME} ký tự")
    elif not _vietnamese(name, _NAME_MARKS):
        r.miss("name", "bad_chars", "chứa ký tự không phải chữ Việt")
    else:
        r.values["name"] = name
        if f.repaired:
            r.warnings.append(
                CccdWarning(
                    "name_repaired",
                    f"Họ tên trong mã QR bị lỗi mã hoá và đã được sửa thành “{name}”: "
                    "đối chiếu với thẻ trước khi tiếp nhận",
                    {"name": name},
                )
            )


def _read_birth(r: _Reader, anchor: int | None) -> int | None:
    """The birth date comes before the sex word (or, without one, before the address)."""
    f = r.first("date", "datelike", before=anchor)
    got = r.take("birth_date", f)
    if got is None:
        return None if f is None else f.index
    day = _day(got.text) if got.kind == "date" else None
    if day is None:
        r.miss(
            "birth_date",
            "bad_date",
            f"“{got.text}” không phải ngày có thật dạng ngày/tháng/năm (ddmmyyyy)",
        )
    else:
        r.values["birth_date"] = day
    return got.index


def _read_issue(r: _Reader, after: int) -> None:
    f = r.take("issue_date", r.first("date", "datelike", after=after))
    if f is None:
        return
    day = _day(f.text) if f.kind == "date" else None
    birth = r.values.get("birth_date")
    if day is None:
        r.miss(
            "issue_date",
            "bad_date",
            f"“{f.text}” không phải ngày có thật dạng ngày/tháng/năm (ddmmyyyy)",
        )
    elif birth is not None and day < birth:
        r.miss("issue_date", "before_birth", "trước ngày sinh: mã QR bị hỏng")
    else:
        r.values["issue_date"] = day


def id_facts(number: str) -> tuple[str, int]:
    """(sex, birth year) that a 12-digit number encodes: the fourth digit is sex and century
    (0/1 male/female born 1900–1999, 2/3 in the 2000s, 4/5 in the 2100s…), the next two the
    year (Thông tư 07/2016/TT-BCA Điều 7)."""
    marker = int(number[3])
    sex = "Nam" if marker % 2 == 0 else "Nữ"
    return sex, 1900 + 100 * (marker // 2) + int(number[4:6])


def _cross_check(r: _Reader) -> None:
    number = r.values.get("id_number")
    if number is None:
        return
    coded_sex, coded_year = id_facts(number)
    birth: date | None = r.values.get("birth_date")
    if birth is not None and birth.year != coded_year:
        r.warnings.append(
            CccdWarning(
                "birth_year_mismatch",
                f"Năm sinh trên thẻ ({birth.year}) khác năm sinh trong số định danh "
                f"({coded_year}): hỏi lại công dân, sửa ô sai trước khi tiếp nhận",
                {"year": birth.year, "coded": coded_year},
            )
        )
    sex = r.values.get("sex")
    if sex is not None and sex != coded_sex:
        r.warnings.append(
            CccdWarning(
                "sex_mismatch",
                f"Giới tính trên thẻ ({sex}) khác giới tính trong số định danh ({coded_sex})",
                {"sex": sex, "coded": coded_sex},
            )
        )
