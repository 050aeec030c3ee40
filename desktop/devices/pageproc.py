"""Cleaning a scanned page: colour mode, paper whitening, blank-page detection and deskew.

Pillow alone, no numpy: the work is done on a reduced copy (about 100 dpi), where each step is a
handful of C-level Pillow calls, so a 300-dpi A4 page takes a few tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PIL import Image, ImageChops


class ColorMode(StrEnum):
    GRAY = "gray"
    COLOR = "color"
    LINEART = "lineart"


WORK_EDGE = 1000  # long edge of the reduced copy used for measuring
MAX_SKEW = 10.0  # degrees; a page fed more crooked than this jams anyway
SKEW_CONFIDENCE = 1.3  # the best angle's score over the median one; below: leave the page
BLANK_CELL_MM = 1.5  # blank-page test: the page is averaged into cells this size
BLANK_CONTRAST = 30  # a cell this much darker than the paper holds ink
BLANK_CELLS = 6  # fewer inked cells than this: a blank page


@dataclass(frozen=True)
class Cleaned:
    image: Image.Image
    skew: float  # degrees the page was turned to straighten it (0.0 when it was straight)


def _reduced(gray: Image.Image) -> Image.Image:
    factor = max(1, -(-max(gray.size) // WORK_EDGE))
    return gray.reduce(factor) if factor > 1 else gray


def otsu(gray: Image.Image) -> int:
    """The grey level that best separates ink from paper (Otsu's method on the histogram)."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    if total == 0:
        return 128
    sum_all = sum(i * h for i, h in enumerate(hist))
    best_t, best_var = 128, -1.0
    w_bg = 0
    sum_bg = 0
    for t in range(256):
        w_bg += hist[t]
        if w_bg == 0:
            continue
        w_fg = total - w_bg
        if w_fg == 0:
            break
        sum_bg += t * hist[t]
        m_bg = sum_bg / w_bg
        m_fg = (sum_all - sum_bg) / w_fg
        var = w_bg * w_fg * (m_bg - m_fg) ** 2
        if var > best_var:
            best_t, best_var = t, var
    return best_t


def _percentile(gray: Image.Image, q: float) -> int:
    hist = gray.histogram()[:256]
    target = q * sum(hist)
    seen = 0
    for value, count in enumerate(hist):
        seen += count
        if seen >= target:
            return value
    return 255


def paper_level(gray: Image.Image) -> int:
    """The brightness of the paper: most of a document page is paper."""
    return _percentile(_reduced(gray), 0.80)


def is_blank(img: Image.Image, dpi: int = 300) -> bool:
    """No ink on the page, ignoring the margins (feeder shadows, punch holes) and dust.

    The page is averaged into cells of about 1.5 mm: a dust speck or scanner noise dilutes to
    a shade barely darker than the paper, while a cell crossed by a pen or printed stroke turns
    clearly grey. A page with a handful of such cells (one short word is a dozen) is not blank.
    """
    gray = img.convert("L")
    cell = max(2, round(dpi * BLANK_CELL_MM / 25.4))
    w, h = gray.size
    inner = gray.crop((w // 16, h // 16, w - w // 16, h - h // 16))
    cells = inner.reduce(cell) if min(inner.size) > 4 * cell else inner
    paper = _percentile(cells, 0.80)
    hist = cells.histogram()[:256]
    dark = sum(hist[: max(0, paper - BLANK_CONTRAST) + 1])
    return dark < BLANK_CELLS


def _profile_score(edges: Image.Image, angle: float) -> float:
    turned = edges.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
    rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
    return float(sum(r * r for r in rows))


def estimate_skew(img: Image.Image, max_angle: float = MAX_SKEW) -> float:
    """The angle (degrees, counter-clockwise) that makes the page's lines horizontal.

    Projection-profile search on horizontal edges: the tops and bottoms of text lines, table
    rules and form boxes, once turned to the horizontal, pile up into a few rows, so the energy
    (sum of squares) of the row profile peaks at the right angle. Edges rather than ink, so a
    pattern whose rows hold equal ink (a chequerboard, a dense table) still has a peak. Coarse
    steps of 0.5° on a half-size copy, then 0.1° around the best. 0.0 when nothing on the page
    gives a clear peak (a photo, a nearly empty page).
    """
    gray = _reduced(img.convert("L"))
    t = otsu(gray)
    ink = gray.point(lambda v: 255 if v < t else 0)
    edges = ImageChops.difference(ink, ImageChops.offset(ink, 0, 1))
    # a sheet's dark border and the feeder's shadow would dominate: measure the centre
    w, h = edges.size
    edges = edges.crop((w // 10, h // 10, w - w // 10, h - h // 10))
    half = edges.reduce(2)
    coarse = [i * 0.5 for i in range(int(-max_angle * 2), int(max_angle * 2) + 1)]
    scores = {a: _profile_score(half, a) for a in coarse}
    best = max(scores, key=lambda a: scores[a])
    ranked = sorted(scores.values())
    median = ranked[len(ranked) // 2]
    if median <= 0 or scores[best] < SKEW_CONFIDENCE * median:
        return 0.0
    fine = [best + i * 0.1 for i in range(-5, 6)]
    fine_scores = {a: _profile_score(edges, a) for a in fine}
    best_fine: float = max(fine_scores, key=lambda a: fine_scores[a])
    return round(best_fine, 1)


def straighten(img: Image.Image, angle: float, paper: int = 255) -> Image.Image:
    if abs(angle) < 0.15:
        return img
    source = img.convert("L") if img.mode == "1" else img
    fill: int | tuple[int, int, int] = (paper,) * 3 if source.mode == "RGB" else paper
    return source.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill)


def whiten(img: Image.Image) -> Image.Image:
    """Stretch levels so the paper is pure white: paper grain and scanner noise then cost
    nothing in the compressed page, and the page reads better."""
    gray = img.convert("L") if img.mode != "L" else img
    white = max(128, paper_level(gray) - 10)
    lut = [min(255, round(v * 255 / white)) for v in range(256)]
    return img.point(lut * (3 if img.mode == "RGB" else 1))


def to_lineart(gray: Image.Image) -> Image.Image:
    t = otsu(_reduced(gray))
    return gray.point(lambda v: 255 if v > t else 0).convert("1", dither=Image.Dither.NONE)


def clean_page(img: Image.Image, mode: ColorMode, deskew: bool = True) -> Cleaned:
    """The page as it goes into the PDF: in ``mode``, straightened, paper whitened."""
    work = img.convert("RGB") if mode is ColorMode.COLOR else img.convert("L")
    angle = estimate_skew(work) if deskew else 0.0
    if angle:
        work = straighten(work, angle, paper_level(work.convert("L")))
    if mode is ColorMode.LINEART:
        return Cleaned(to_lineart(work), angle)
    return Cleaned(whiten(work), angle)
