"""A PDF page far larger than any paper is refused from its size, before anything is rendered
(issue 17, low item). PDF allows pages up to 200 inches (14400 pt) a side: such a page was
rendered at 44 dpi into an 8800×8800 bitmap, and reading it took about 860 MB (the importing
process and PDFium's). A0 (the largest paper a dossier holds, e.g. a site plan) is still
accepted, within a pixel budget that keeps a page's memory modest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.devices import imaging
from desktop.devices.imaging import ImageInputError, load_document_file
from tests.devices.test_import_and_pdf import _one_page_pdf

A0 = b"[0 0 2384 3370]"

# what one import of ``sys.argv[1]`` costs in memory: this process and its PDFium child
_MEASURE = """
import json, resource, sys
from pathlib import Path
from desktop.devices.imaging import ImageInputError, load_document_file

def main():
    try:
        pages = load_document_file(Path(sys.argv[1]))
        outcome = ["ok", pages[0].image.size]
    except ImageInputError as exc:
        outcome = ["refused", str(exc)]
    # this process's peak from /proc (VmHWM starts again at exec), not ru_maxrss: Linux keeps
    # ru_maxrss across exec, so it counted the pytest worker this process was forked from
    # (660+ MB late in a full run) rather than the import being measured
    with open("/proc/self/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    kib += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps([outcome, kib // 1024]))

if __name__ == "__main__":
    main()
"""


def _import_in_a_process(pdf: Path, tmp_path: Path) -> tuple[list[object], int]:
    script = tmp_path / "measure.py"
    script.write_text(_MEASURE, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[2])
    out = subprocess.run(
        [sys.executable, str(script), str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": root, "PATH": "/usr/bin:/bin"},
        cwd=root,
    )
    assert out.returncode == 0, out.stderr
    outcome, mib = json.loads(out.stdout)
    return outcome, mib


@pytest.mark.parametrize("box", [b"[0 0 14400 14400]", b"[0 0 200000 200000]"])
def test_a_giant_page_is_refused_without_rendering(box: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "khong-lo.pdf"
    pdf.write_bytes(_one_page_pdf(box))
    outcome, mib = _import_in_a_process(pdf, tmp_path)
    assert outcome[0] == "refused", outcome
    assert "khong-lo.pdf" in str(outcome[1])
    # rendering it took ~860 MB; refusing it costs the interpreter, the imaging libraries and
    # PDFium's child (whose forked pages count again): 250-380 MB depending on the machine
    assert mib < 600, f"{mib} MB to refuse one page"


def test_a_page_larger_than_a0_is_refused_in_vietnamese(tmp_path: Path) -> None:
    pdf = tmp_path / "ban-ve.pdf"
    pdf.write_bytes(_one_page_pdf(b"[0 0 4000 2000]"))
    with pytest.raises(ImageInputError, match=r"Trang 1 của ban-ve\.pdf lớn hơn khổ A0"):
        load_document_file(pdf)


def test_an_a0_page_is_read_within_the_pdf_pixel_budget(tmp_path: Path) -> None:
    pdf = tmp_path / "a0.pdf"
    pdf.write_bytes(_one_page_pdf(A0))
    (page,) = load_document_file(pdf, pdf_dpi=300)
    assert page.image.width * page.image.height <= imaging.MAX_PDF_PIXELS
    assert page.dpi is not None and page.dpi >= 100  # still readable
