"""QR decoding of degraded receipt photos: zxing-cpp against pyzbar.

The set: real receipts (rendered by the printing code, genuine signed QR) degraded as photos
(perspective, rotation, blur, low contrast, uneven light, crumpled paper, JPEG artefacts,
all at once) — tests/devices/receipt_photos.py. Each backend runs the full strategy chain of
desktop/devices/qr_decode.py (fast first, then larger, contrast, smoothed, tiles) and, for
comparison, a single pass on the image as it is. Read rate = the exact signed payload came
back. Time is a ratio to a baseline measured in the same run: converting the same images to
greyscale and reducing them to 1200 px (the least any decoder does first). The backend that
reads more, faster, is qr_decode's default (first in default_decoders()).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PIL import Image

from bench.common import best_of, report
from desktop.devices.qr_decode import (
    Decoder,
    PyzbarDecoder,
    ZxingDecoder,
    decode_with,
    default_decoders,
)
from tests.devices.receipt_photos import DEGRADATIONS, Sample, samples


def _read(
    decode: Callable[[Image.Image], list[str]], set_: list[Sample]
) -> tuple[int, float, dict[str, int]]:
    ok = 0
    per_kind: dict[str, int] = {}
    t0 = time.perf_counter()
    for s in set_:
        hit = s.payload in decode(s.image)
        ok += hit
        kind = s.name.split(" #")[0]
        per_kind[kind] = per_kind.get(kind, 0) + hit
    return ok, (time.perf_counter() - t0) / len(set_), per_kind


def main() -> None:
    set_ = samples(receipts=6)
    n = len(set_)
    per = n // len(DEGRADATIONS)

    def baseline() -> None:
        for s in set_:
            img = s.image.convert("L")
            img.thumbnail((1200, 1200))

    base = best_of(baseline, repeat=3)
    base_per_image = base / n
    decoders: list[Decoder] = [ZxingDecoder(), PyzbarDecoder()]
    results = {}
    for dec in decoders:
        chain = _read(lambda img, d=dec: decode_with(d, img), set_)
        single = _read(dec.decode, set_)
        results[dec.name] = (chain, single)

    print(f"{n} degraded receipt photos ({per} per kind, {len(set_[0].payload)}-char payloads)")
    print(
        f"{'backend':<10} {'chain':>7} {'1 pass':>7}   "
        + "  ".join(f"{k[:11]:>11}" for k in DEGRADATIONS)
    )
    for name, ((ok, _t, kinds), (ok1, _t1, _k1)) in results.items():
        cells = "  ".join(f"{kinds.get(k, 0):>9}/{per}" for k in DEGRADATIONS)
        print(f"{name:<10} {ok:>4}/{n} {ok1:>4}/{n}   {cells}")
    rows = []
    for name, ((_ok, t, _k), (_ok1, t1, _k1)) in results.items():
        rows.append((f"{name}: strategy chain, per image", t, base_per_image, "grey+reduce"))
        rows.append((f"{name}: one pass, per image", t1, base_per_image, "grey+reduce"))
    z, p = results["zxing-cpp"][0], results["pyzbar"][0]
    rows.append(("zxing-cpp chain time / pyzbar chain time", z[1], p[1], "pyzbar chain"))
    report(rows)
    winner = max(results, key=lambda k: (results[k][0][0], -results[k][0][1]))
    current = default_decoders()[0].name
    verdict = "matches" if current == winner else "DIFFERS: update qr_decode.default_decoders()"
    print(f"best backend: {winner} (reads {results[winner][0][0]}/{n})")
    print(f"qr_decode default: {current} ({verdict})")


if __name__ == "__main__":
    main()
