"""Real receipts, photographed badly: thermal slips rendered by the printing code with a genuine
signed QR, then degraded the way a citizen's receipt reaches the returns counter — held at an
angle to a phone, turned, out of focus, faded, lit from one side, crumpled in a pocket, sent
as a low-quality JPEG. Deterministic (seeded), so the benchmark and the tests see the same set.
Used by tests/devices and bench/bench_qr.py."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from desktop.domain.forms.receipt import receipt
from desktop.domain.qr_token import sign
from printing.thermal import render_bitmap
from tests.printing.test_fonts_and_pdf import FACTS, OFFICE

COUNTER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


@dataclass(frozen=True)
class Sample:
    name: str
    payload: str
    image: Image.Image


def receipt_slip(n: int, dots: int = 576) -> tuple[str, Image.Image]:
    """The citizen's copy (Liên 2) of a receipt for dossier number ``n``, as printed."""
    code = f"000.00.12.H01271023{n:03d}"
    payload = sign(code, COUNTER_KEY)
    facts = replace(FACTS, code=code, qr_payload=payload)
    slip = receipt(OFFICE, facts, now=datetime(2023, 10, 27)).copies[-1]
    return payload, render_bitmap(slip, dots).convert("L")


def _on_table(img: Image.Image, rng: random.Random, scale: float = 2.5) -> Image.Image:
    """The slip as a phone sees it: larger, on a darker desk, some margin around."""
    big = img.resize((int(img.width * scale), int(img.height * scale)), Image.Resampling.BICUBIC)
    pad = int(120 * scale / 2.5)
    desk = Image.new("L", (big.width + 2 * pad, big.height + 2 * pad), rng.randint(60, 110))
    desk.paste(big, (pad, pad))
    return desk


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, v] for row, v in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective(img: Image.Image, rng: random.Random, strength: float = 0.35) -> Image.Image:
    """Photographed at an angle: the far edge shrinks, corners move independently."""
    w, h = img.size
    d = [rng.uniform(0.3, 1.0) * strength for _ in range(4)]
    dst = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    src = [
        (w * d[0], h * d[1] * 0.3),
        (w * (1 - d[1]), 0.0),
        (float(w), float(h)),
        (0.0, h * (1 - d[3] * 0.2)),
    ]
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    coeffs = _solve(rows, rhs)
    return img.transform(
        (w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=80
    )


def rotate(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.rotate(
        rng.choice([-1, 1]) * rng.uniform(20, 70),
        Image.Resampling.BICUBIC,
        expand=True,
        fillcolor=80,
    )


def blur(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(3.0, 4.6)))


def low_contrast(img: Image.Image, rng: random.Random) -> Image.Image:
    lo, hi = rng.randint(150, 170), rng.randint(180, 195)  # faded thermal print
    return img.point(lambda v: lo + v * (hi - lo) // 255)


def uneven_light(img: Image.Image, rng: random.Random) -> Image.Image:
    w, h = img.size
    grad = Image.linear_gradient("L").resize((w, h)).rotate(rng.uniform(0, 360))
    shade = grad.point(lambda v: 60 + v * 195 // 255)
    return Image.composite(img, Image.new("L", img.size, 0), shade).point(
        lambda v: min(255, v + 10)
    )


def crumpled(img: Image.Image, rng: random.Random) -> Image.Image:
    """Creases (thin dark and light lines), faded patches and grain of crumpled thermal paper."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for _ in range(30):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randint(-w, w), y0 + rng.randint(-h // 3, h // 3)
        draw.line((x0, y0, x1, y1), fill=rng.choice([70, 110, 235]), width=rng.randint(1, 3))
    for _ in range(6):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randint(w // 12, w // 5)
        patch = Image.new("L", out.size, 0)
        ImageDraw.Draw(patch).ellipse((x - r, y - r, x + r, y + r), fill=110)
        out = Image.composite(
            Image.new("L", out.size, 235), out, patch.filter(ImageFilter.GaussianBlur(r / 3))
        )
    noise = Image.effect_noise(out.size, 40)
    return Image.blend(out, noise, 0.3)


def jpeg(img: Image.Image, rng: random.Random) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(3, 8))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """Everything at once, milder: the usual phone photo across the desk."""
    out = perspective(img, rng, 0.2)
    out = out.rotate(rng.uniform(-12, 12), Image.Resampling.BICUBIC, expand=True, fillcolor=80)
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 2.6)))
    out = uneven_light(out, rng)
    return jpeg(out, random.Random(rng.random())) if rng.random() < 2 else out


DEGRADATIONS: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "perspective": perspective,
    "rotated": rotate,
    "blurred": blur,
    "low contrast": low_contrast,
    "uneven light": uneven_light,
    "crumpled": crumpled,
    "jpeg": jpeg,
    "photo (all)": photo,
}


def samples(receipts: int = 6, seed: int = 2023) -> list[Sample]:
    rng = random.Random(seed)
    out = []
    for n in range(1, receipts + 1):
        payload, slip = receipt_slip(n, 576 if n % 2 else 384)
        top = slip.crop((0, 0, slip.width, min(slip.height, int(slip.width * 1.6) + 400)))
        for name, degrade in DEGRADATIONS.items():
            pic = degrade(_on_table(top, rng), rng)
            out.append(Sample(f"{name} #{n}", payload, ImageOps.grayscale(pic)))
    return out
