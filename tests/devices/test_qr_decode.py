"""Receipts printed by the printing code, photographed badly, still decode to the exact signed
payload, with either backend and through the CLI."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image

from desktop.devices.qr_decode import (
    PyzbarDecoder,
    ZxingDecoder,
    decode_file,
    decode_image,
    default_decoders,
)
from tests.clitools import Cli
from tests.devices.pagesynth import text_page
from tests.devices.receipt_photos import DEGRADATIONS, _on_table, receipt_slip


def _photo(kind: str, n: int = 1, seed: int = 11) -> tuple[str, Image.Image]:
    rng = random.Random(seed)
    payload, slip = receipt_slip(n)
    top = slip.crop((0, 0, slip.width, min(slip.height, int(slip.width * 1.6) + 400)))
    return payload, DEGRADATIONS[kind](_on_table(top, rng), rng)


@pytest.mark.parametrize("kind", ["rotated", "blurred", "perspective", "photo (all)", "jpeg"])
def test_photographed_receipt_decodes(kind: str) -> None:
    payload, img = _photo(kind)
    assert decode_image(img) == [payload]


@pytest.mark.parametrize("decoder", [ZxingDecoder(), PyzbarDecoder()], ids=lambda d: d.name)
def test_each_backend_reads_a_rotated_blurred_receipt(
    decoder: ZxingDecoder | PyzbarDecoder,
) -> None:
    payload, img = _photo("rotated", n=3)
    img = img.filter(__import__("PIL.ImageFilter").ImageFilter.GaussianBlur(1.5))
    assert decode_image(img, [decoder]) == [payload]


def test_default_backend_is_the_benchmark_winner_and_both_are_present() -> None:
    assert [d.name for d in default_decoders()] == ["pyzbar", "zxing-cpp"]


def test_a_small_qr_on_a_full_page_scan_is_found() -> None:
    payload, slip = receipt_slip(4)
    page = text_page(dpi=300).convert("L")
    qr = slip.crop((0, 200, slip.width, 900)).resize((420, 510))
    page.paste(qr, (1900, 2900))  # a receipt stapled to the corner of a scanned form
    assert decode_image(page) == [payload]


def test_cli_prints_each_payload_and_fails_when_none(cli: Cli, tmp_path: Path) -> None:
    payload, img = _photo("photo (all)", n=2)
    jpg = tmp_path / "anh-chup.jpg"
    img.convert("RGB").save(jpg, quality=70)
    out = cli.run("qr", "decode", str(jpg))
    assert out.returncode == 0 and out.stdout.split() == [payload]
    assert decode_file(jpg) == [payload]
    blank = tmp_path / "trang.png"
    text_page(dpi=100).save(blank)
    none = cli.run("qr", "decode", str(blank))
    assert none.returncode == 1 and "Không tìm thấy mã QR" in none.stderr
    assert "WARNING" not in none.stderr  # zbar's DataBar noise stays off
