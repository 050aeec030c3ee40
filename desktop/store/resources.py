"""Loading the shipped (or IT-officer supplied) province profiles and procedure catalogs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import resources
from desktop.domain.profile import ProfileError, ProvinceProfile, parse_profile

if TYPE_CHECKING:  # building the catalog's models costs more than a profile needs
    from desktop.domain.procedures import Catalog

DEMO_CATALOG = resources.CATALOG / "demo-catalog.json"
MAX_FILE_BYTES = 8 * 1024 * 1024


def available_provinces() -> list[str]:
    return sorted(p.stem for p in resources.PROVINCES.glob("*.toml"))


def load_profile(name_or_path: str | Path) -> ProvinceProfile:
    """A shipped profile by id (``an-giang``) or a profile file by path, validated."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = resources.PROVINCES / f"{name_or_path}.toml"
        if not path.is_file():
            known = ", ".join(available_provinces())
            raise ProfileError(f"Không có hồ sơ tỉnh {name_or_path!r}. Các tỉnh có sẵn: {known}")
    data = _read_text(path, ProfileError, "hồ sơ tỉnh")
    try:
        raw = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"Hồ sơ tỉnh {path.name} sai cú pháp TOML: {exc}") from None
    profile = parse_profile(raw, path.name)
    if path.parent == resources.PROVINCES and profile.id != path.stem:
        raise ProfileError(f"Hồ sơ tỉnh {path.name} khai báo id {profile.id!r}, khác tên tệp")
    return profile


def load_catalog(path: str | Path = DEMO_CATALOG) -> Catalog:
    from desktop.domain.procedures import CatalogError, parse_catalog

    path = Path(path)
    data = _read_text(path, CatalogError, "danh mục thủ tục")
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"Danh mục thủ tục {path.name} sai cú pháp JSON: {exc}") from None
    return parse_catalog(raw, path.name)


def _read_text(path: Path, error: type[ValueError], what: str) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise error(f"Tệp {what} {path.name} quá lớn")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"Không tìm thấy tệp {what}: {path}") from None
    except UnicodeDecodeError:
        raise error(f"Tệp {what} {path.name} không phải văn bản UTF-8") from None
    except OSError as exc:
        raise error(f"Không đọc được tệp {what} {path.name}: {exc.strerror}") from None
