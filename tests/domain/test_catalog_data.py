from __future__ import annotations

import copy
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.procedures import Catalog, CatalogError, LimitUnit, search
from desktop.store.resources import DEMO_CATALOG, load_catalog

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture()
def raw() -> Raw:
    data: Raw = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    return data


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def test_demo_catalog_has_about_twenty_procedures(catalog: Catalog) -> None:
    assert catalog.version == "demo-2026.1"
    assert 18 <= len(catalog.procedures) <= 30


def test_procedure_codes_are_unique(catalog: Catalog) -> None:
    codes = [p.code for p in catalog.procedures]
    assert len(codes) == len(set(codes))


def test_file_is_utf8_and_every_text_is_nfc(raw: Raw) -> None:
    texts = list(_strings(raw))
    assert texts
    not_nfc = [t for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert not_nfc == []
    assert any("ệ" in t for t in texts), "tiếng Việt phải có dấu"


def test_some_limits_are_in_hours_or_immediate_the_rest_in_days(catalog: Catalog) -> None:
    limits = [p.parsed_limit() for p in catalog.procedures]
    hourly = [lim for lim in limits if lim.unit is LimitUnit.HOUR]
    daily = [lim for lim in limits if lim.unit is LimitUnit.DAY and lim.amount > 0]
    assert len(hourly) >= 4
    assert len(hourly) + len(daily) == len(limits)
    assert any(lim.immediate for lim in hourly)
    assert len(daily) > len(hourly)


def test_every_procedure_is_complete(catalog: Catalog) -> None:
    levels = set()
    for p in catalog.procedures:
        levels.add(p.level)
        assert p.documents, p.code
        assert any(d.required for d in p.documents), p.code
        assert p.legal_basis, p.code
        for f in p.fees:
            assert f.amount >= 0
    assert "tinh" in levels and "xa" in levels


def test_field_codes_map_to_one_name(catalog: Catalog) -> None:
    names: dict[str, set[str]] = {}
    for p in catalog.procedures:
        names.setdefault(p.field.code, set()).add(p.field.name)
    assert all(len(v) == 1 for v in names.values()), names


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("chung thuc ban sao", "2.000815"),
        ("CHỨNG THỰC BẢN SAO", "2.000815"),
        ("dang ky khai sinh", "1.001193"),
        ("khai sinh", "1.001193"),
        ("ket hon", "1.000894"),
        ("thuong tru", "1.004222"),
        ("ho kinh doanh", "1.001612"),
        ("giay phep xay dung", "1.013225"),
    ],
)
def test_accent_insensitive_search_finds(catalog: Catalog, query: str, code: str) -> None:
    assert code in [p.code for p in search(catalog.procedures, query)]


def test_search_for_nonsense_finds_nothing(catalog: Catalog) -> None:
    assert search(catalog.procedures, "xyz khong co thu tuc nay") == []


def _set_limit(data: Raw) -> None:
    data["procedures"][0]["limit"] = "5 ngày"


def _duplicate_code(data: Raw) -> None:
    data["procedures"][1]["code"] = data["procedures"][0]["code"]


def _document_without_copies(data: Raw) -> None:
    data["procedures"][0]["documents"].append({"name": "Giấy tờ không có bản nào"})


def _unknown_field(data: Raw) -> None:
    data["procedures"][0]["thoi_han"] = "3 ngày"


def _unknown_top_level_field(data: Raw) -> None:
    data["ghi_chu"] = "không có trong lược đồ"


@pytest.mark.parametrize(
    ("breaker", "message"),
    [
        (_set_limit, "5 ngày"),
        (_duplicate_code, "trùng"),
        (_document_without_copies, "ít nhất một bản"),
        (_unknown_field, "thoi_han"),
        (_unknown_top_level_field, "ghi_chu"),
    ],
)
def test_broken_catalog_raises_catalog_error(
    tmp_path: Path, raw: Raw, breaker: Callable[[Raw], None], message: str
) -> None:
    data = copy.deepcopy(raw)
    breaker(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError, match=message):
        load_catalog(path)


def test_invalid_json_raises_catalog_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": "demo", "procedures": [', encoding="utf-8")
    with pytest.raises(CatalogError, match="JSON"):
        load_catalog(path)


def test_unmodified_copy_still_loads(tmp_path: Path, raw: Raw) -> None:
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert len(load_catalog(path).procedures) == len(raw["procedures"])
