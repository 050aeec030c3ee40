"""``motcua attach`` checks a file the way ``scan --device file:`` import does (issue 17, low
item): its size and kind before reading it (a device or a file bigger than the limit is never
read into memory), then its content (a PDF that PDFium cannot open, an image that does not
decode, are refused), each with a clear message, exit 1 and nothing attached."""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from desktop.store.dossiers.attachments import MAX_ATTACHMENT
from tests.clitools import MOTCUA, Cli
from tests.conftest import minimal_form


def _receive(cli: Cli) -> str:
    out = cli.ok("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    code: str = json.loads(out)["code"]
    return code


def _attachments(cli: Cli, code: str) -> list[object]:
    found = cli.json("lookup", code, "--json", "--user", "admin")
    attachments: list[object] = found[0]["attachments"]
    return attachments


def _attach(cli: Cli, code: str, path: Path) -> subprocess.CompletedProcess[str]:
    return cli.run("attach", code, str(path), "--document", "Tờ khai", "--user", "admin")


def _refused(p: subprocess.CompletedProcess[str], words: str) -> None:
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and words in p.stderr, p.stderr


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (400, 560), 255).save(out, "PNG")
    return out.getvalue()


def test_content_is_checked_not_only_the_first_bytes(cli: Cli, tmp_path: Path) -> None:
    code = _receive(cli)
    fake_pdf = tmp_path / "gia.pdf"
    fake_pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(5000))
    _refused(_attach(cli, code, fake_pdf), "không phải PDF hợp lệ")
    png = _png()
    broken_png = tmp_path / "hong.png"
    broken_png.write_bytes(png[:60] + os.urandom(400))
    _refused(_attach(cli, code, broken_png), "không phải ảnh hợp lệ")
    assert _attachments(cli, code) == []
    good = tmp_path / "to-khai.png"
    good.write_bytes(png)
    assert _attach(cli, code, good).returncode == 0
    assert len(_attachments(cli, code)) == 1


# slow (make check-all), for the default suite's 5-minute budget: a size test: it writes files at
# the limits
@pytest.mark.slow
def test_size_and_kind_are_checked_before_reading(cli: Cli, tmp_path: Path) -> None:
    """In a process that may use 1.5 GB: /dev/zero and a sparse 3 GB file would be read whole."""
    code = _receive(cli)
    huge = tmp_path / "khong-lo.pdf"
    with huge.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(3 * 1024**3)
    assert huge.stat().st_size > MAX_ATTACHMENT

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2, 1536 * 1024**2))

    for path, words in ((huge, "quá lớn"), (Path("/dev/zero"), "không phải là tệp")):
        p = subprocess.run(
            [
                *(*MOTCUA, "--data-dir", str(cli.data_dir), "attach", code, str(path)),
                *("--document", "Tờ khai", "--user", "admin"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=cli.env,
            preexec_fn=limited,  # a resource limit in the child, before it runs anything
        )
        _refused(p, words)


@pytest.fixture(autouse=True)
def _posix() -> None:
    if os.name != "posix":
        pytest.skip("RLIMIT_AS and /dev/zero")
