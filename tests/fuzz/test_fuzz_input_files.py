"""The files an IT officer or the server hands the counter (procedure catalogs, province
profiles, the counter's settings, reception forms given to ``receive --json``, scanned or
imported images): whatever they contain, loading them either works, and what loaded is usable,
or fails with the loader's own error and a message in Vietnamese."""

from __future__ import annotations

import io
import json
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

import resources as shipped
from desktop.devices.imaging import ImageInputError, load_image_pages
from desktop.domain.calendar import Cutoff, WorkingCalendar, due_at
from desktop.domain.procedures import CatalogError, Limit
from desktop.domain.profile import ProfileError, ProvinceProfile, parse_profile
from desktop.domain.reception import FormError, parse_form
from desktop.store.desk_settings import SETTINGS_FILE, SettingsError, load_settings
from desktop.store.resources import DEMO_CATALOG, load_catalog, load_profile
from tests.conftest import minimal_form
from tests.fuzz.conftest import FUZZ
from tests.fuzz.mutate import VALUES, mutated, mutated_bytes

pytestmark = pytest.mark.timeout(300)

CATALOG_TEXT = Path(DEMO_CATALOG).read_bytes()
CATALOG = json.loads(CATALOG_TEXT)
PROFILE_TEXT = (shipped.PROVINCES / "an-giang.toml").read_bytes()
PROFILE = tomllib.loads(PROFILE_TEXT.decode())


def _vietnamese(exc: Exception) -> None:
    text = str(exc)
    assert text.strip() and "Traceback" not in text
    assert any(ch in text for ch in "ăâđêôơưáàảãạếềểễệíìóòỏõọúùủũụ"), text


def _use_profile(profile: ProvinceProfile) -> None:
    """What a counter does with a profile once it loaded: none of it may fail now."""
    wh = profile.working_hours
    calendar = WorkingCalendar(periods=tuple(wh.parsed_periods()), weekdays=frozenset(wh.weekdays))
    c = profile.cutoff
    cutoff = Cutoff(c.parsed_time(), frozenset(c.channels)) if c else None
    for limit in ("0", "4h", "5d"):
        due_at(calendar, datetime(2026, 11, 24, 9, 30), Limit.parse(limit), 1, cutoff)
    fmt = profile.code()
    code = fmt.format("000.00.12.H01", date(2026, 11, 24), 1)
    assert fmt.parse(code) is not None
    assert calendar.next_working_day(date(2026, 12, 31)) > date(2026, 12, 31)
    assert calendar.day_length > timedelta(0)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@FUZZ
@given(mutated(CATALOG))
def test_catalog_files_with_any_structure(
    tmp_path_factory: pytest.TempPathFactory, doc: object
) -> None:
    path = _write(tmp_path_factory.mktemp("c"), "catalog.json", json.dumps(doc).encode())
    try:
        catalog = load_catalog(path)
    except CatalogError as exc:
        _vietnamese(exc)
        return
    for p in catalog.procedures:
        p.parsed_limit()
        p.fixed_fee_total()


@FUZZ
@given(mutated_bytes(CATALOG_TEXT))
def test_catalog_files_with_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory.mktemp("c"), "catalog.json", data)
    try:
        load_catalog(path)
    except CatalogError as exc:
        _vietnamese(exc)


@FUZZ
@given(mutated(PROFILE))
def test_profiles_with_any_structure(doc: object) -> None:
    try:
        profile = parse_profile(doc, "an-giang.toml")
    except ProfileError as exc:
        _vietnamese(exc)
        return
    _use_profile(profile)


@FUZZ
@given(mutated_bytes(PROFILE_TEXT))
def test_profile_files_with_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory.mktemp("p"), "tinh-thu.toml", data)
    try:
        profile = load_profile(path)
    except ProfileError as exc:
        _vietnamese(exc)
        return
    _use_profile(profile)


@FUZZ
@given(st.one_of(VALUES.map(lambda v: json.dumps(v).encode()), st.binary(max_size=300)))
def test_counter_settings_file(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("s")
    _write(folder, SETTINGS_FILE, data)
    try:
        load_settings(folder)
    except SettingsError as exc:
        _vietnamese(exc)


@FUZZ
@given(mutated(minimal_form(), max_edits=4))
def test_reception_forms(doc: object) -> None:
    try:
        parse_form(doc)
    except FormError as exc:
        assert str(exc).strip()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (40, 30), 200).save(out, "PNG")
    return out.getvalue()


def _tiff() -> bytes:
    out = io.BytesIO()
    pages = [Image.new("1", (30, 20), 1), Image.new("L", (20, 30), 0)]
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    return out.getvalue()


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's notes on the damaged files
@FUZZ
@given(st.one_of(mutated_bytes(_png()), mutated_bytes(_tiff()), st.binary(max_size=200)))
def test_imported_images(data: bytes) -> None:
    try:
        pages = load_image_pages(data, "giay-to.png")
    except ImageInputError as exc:
        _vietnamese(exc)
        return
    for page in pages:
        assert page.image.width > 0 and page.image.height > 0
