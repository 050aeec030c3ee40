"""Administrative procedures (thủ tục hành chính) and the catalog that lists them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from desktop.domain.refusal import Refusal

from .limits import Limit as Limit
from .limits import LimitUnit as LimitUnit
from .validation import describe_errors

PROCEDURE_CODE_RE = r"^[0-9]\.[0-9]{6}(\.[0-9A-Z.]+)?$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Field_(_Strict):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=2)


class Fee(_Strict):
    kind: Literal["phi", "le_phi"]
    name: str = Field(min_length=2)
    amount: int = Field(ge=0, le=1_000_000_000, description="VND per unit")
    per: str = Field(default="hồ sơ", min_length=2, description="unit the amount is charged per")
    note: str | None = None


class RequiredDocument(_Strict):
    name: str = Field(min_length=3)
    originals: int = Field(default=0, ge=0, le=20)
    certified_copies: int = Field(default=0, ge=0, le=20)
    photocopies: int = Field(default=0, ge=0, le=20)
    required: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _some_copy(self) -> RequiredDocument:
        if self.originals + self.certified_copies + self.photocopies == 0:
            raise ValueError(f"giấy tờ {self.name!r} phải có ít nhất một bản")
        return self


class Procedure(_Strict):
    code: str = Field(pattern=PROCEDURE_CODE_RE)
    name: str = Field(min_length=5)
    field: Field_
    agency: str = Field(min_length=3)
    # the specialist unit its dossiers are handed to (Kon Tum QĐ 08/2018 Điều 14.4); None: the
    # deciding body above
    unit: str | None = Field(default=None, min_length=3, max_length=300)
    level: Literal["xa", "huyen", "tinh"]
    limit: str
    fees: list[Fee] = Field(default_factory=list)
    documents: list[RequiredDocument] = Field(min_length=1)
    sets: int = Field(default=1, ge=1, le=10, description="số bộ hồ sơ")
    postal_result: bool = False
    online_level: Literal["toan_trinh", "mot_phan", "khong"] = "mot_phan"
    legal_basis: list[str] = Field(min_length=1)

    @field_validator("limit")
    @classmethod
    def _limit_parses(cls, v: str) -> str:
        return str(Limit.parse(v))

    def parsed_limit(self) -> Limit:
        return Limit.parse(self.limit)

    def fixed_fee_total(self) -> int:
        return sum(f.amount for f in self.fees if f.per == "hồ sơ")


class Catalog(_Strict):
    version: str = Field(min_length=1)
    procedures: list[Procedure] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> Catalog:
        codes = [p.code for p in self.procedures]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"mã thủ tục trùng nhau: {', '.join(dupes)}")
        return self


class CatalogError(Refusal, ValueError):
    """A catalog file or server answer that does not validate."""

    code = "catalog_invalid"


def parse_catalog(data: object, origin: str) -> Catalog:
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        problems = describe_errors(exc)
        raise CatalogError(f"Danh mục thủ tục {origin} không hợp lệ: {problems}") from None


def fold_accents(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics so "chung thuc" finds "chứng thực"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# a catalog name often starts with these words; they say nothing about which procedure it is
_LEAD = ("thu", "tuc")


def _words(folded: str) -> list[str]:
    return re.findall(r"[0-9a-z]+", folded)


def _tier(name: list[str], query: list[str]) -> int:
    """How well the query's words match the name's (the last query word may be half typed):
    0 the name itself, 1 the name starts with them, 2 they appear as one phrase, 3 in order
    with other words between, 4 anywhere (or only in the code or the field)."""
    last = len(query) - 1

    def same(i: int, j: int) -> bool:
        return name[i] == query[j] or (j == last and name[i].startswith(query[j]))

    n = len(query)
    if name == query:
        return 0
    if len(name) >= n and all(same(j, j) for j in range(n)):
        return 1
    if any(all(same(i + j, j) for j in range(n)) for i in range(len(name) - n + 1)):
        return 2
    j = 0
    for i in range(len(name)):
        if j < n and same(i, j):
            j += 1
    return 3 if j == n else 4


def search(
    procedures: list[Procedure], query: str, usage: Mapping[str, int] | None = None
) -> list[Procedure]:
    """Procedures whose code or name contains every word of ``query``, accents ignored.

    Best first: the code or the name itself, then a name that starts with the words, then one
    holding them as a phrase, then in order, then anywhere; within each, the procedures this
    counter received most (``usage``: procedure code → dossiers received here), then the name
    the query covers most ("khai sinh" is most of "đăng ký khai sinh" and little of "cấp bản sao
    trích lục hộ tịch, bản sao giấy khai sinh"), then the catalog's order. With no query: the
    most used first, then the catalog's order."""
    used = usage or {}
    folded = " ".join(fold_accents(query).split())
    if not folded:
        order = sorted(enumerate(procedures), key=lambda ip: (-used.get(ip[1].code, 0), ip[0]))
        return [p for _i, p in order]
    words = folded.split()
    query_words = _words(folded)
    ranked: list[tuple[tuple[float, int, float, int], Procedure]] = []
    for index, p in enumerate(procedures):
        code = p.code.lower()
        name_folded = fold_accents(p.name)
        hay = f"{code} {name_folded} {fold_accents(p.field.name)}"
        if not all(w in hay for w in words):
            continue
        full = _words(name_folded)
        name = full[len(_LEAD) :] if full[: len(_LEAD)] == list(_LEAD) else full
        tier: float
        if folded == code:
            tier = 0
        elif code.startswith(folded):
            tier = 1
        elif not query_words:
            tier = 4
        else:
            # the words at the start of the name as written beat them after "Thủ tục"
            tier = min(float(_tier(full, query_words)), _tier(name or full, query_words) + 0.5)
        cover = len(query_words) / max(1, len(name))
        ranked.append(((tier, -used.get(p.code, 0), -cover, index), p))
    ranked.sort(key=lambda kp: kp[0])
    return [p for _k, p in ranked]
