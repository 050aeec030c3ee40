"""The packaged counter (`make dist`, PyInstaller one-folder): built from build.spec, it starts
with nothing but its folder — no virtualenv, no PYTHONPATH, a bare PATH — shows its version,
renders every screen offscreen, reads a QR with its bundled libzbar (from a PDF with its bundled
PDFium), and opens to a usable window. The development tools (devtools/: the virtual printer and
its ESC/POS decoder), the tests and the benchmarks are not in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import qrcode
from PIL import Image

from tests.clitools import MOTCUA

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is tested here"),
]


def _bare_env(home: Path) -> dict[str, str]:
    """What a counter PC offers the program: no Python, no project, no developer settings."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    done = subprocess.run(
        [
            str(pyinstaller),
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out),
            "--workpath",
            str(out / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    folder = out / "motcua"
    assert (folder / "motcua").exists() and (folder / "QuayMotCua").exists()
    return folder


def test_the_build_runs_alone(build: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _bare_env(home)
    version = subprocess.run(
        [str(build / "motcua"), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("motcua-desk ")
    # a demo counter made by the developer tools (it needs a keyring, which a PC provides)
    data = tmp_path / "data"
    made = subprocess.run(
        [*MOTCUA, "--data-dir", str(data), "demo", "--dossiers", "8"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    shots = tmp_path / "shots"
    p = subprocess.run(
        [str(build / "motcua"), "--data-dir", str(data), "app", "--screenshot", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    # no OS keyring on this bare machine: the receipt cannot be signed, so the preview and the
    # returns pictures are made without one (said on stderr); every picture is made
    assert p.returncode == 0, p.stderr[-2000:]
    assert len(list(shots.glob("*.png"))) == 13, p.stderr[-2000:]
    ready = subprocess.run(
        [str(build / "QuayMotCua"), "--data-dir", str(data), "app", "--exit-when-ready"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert ready.returncode == 0
    listing = subprocess.run(
        [str(build / "motcua"), "--data-dir", str(data), "catalog", "list", "chung thuc", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0 and "2.000815" in listing.stdout
    qrcode.make("MC1:KIEM-TRA").save(tmp_path / "qr.png")
    decoded = subprocess.run(
        [str(build / "motcua"), "qr", "decode", str(tmp_path / "qr.png")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert decoded.stdout.strip() == "MC1:KIEM-TRA", decoded.stderr
    # a PDF is read by its bundled PDFium in a child process, which is the program started
    # again (multiprocessing.freeze_support in desktop/__main__.py)
    with Image.open(tmp_path / "qr.png") as png:
        png.convert("RGB").save(tmp_path / "qr.pdf", "PDF", resolution=100)
    decoded = subprocess.run(
        [str(build / "motcua"), "qr", "decode", str(tmp_path / "qr.pdf")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert decoded.stdout.strip() == "MC1:KIEM-TRA", decoded.stderr
    assert "PYTHONPATH" not in env and not any(".venv" in v for v in env.values())
    assert os.access(build / "motcua", os.X_OK)


def test_the_build_carries_no_development_tools(build: Path) -> None:
    from PyInstaller.archive.readers import pkg_archive_contents

    # every Python module of the program is in the PYZ archive inside the executable; a module
    # the bundle holds as a file instead would sit in _internal/
    modules = pkg_archive_contents(str(build / "motcua"))
    assert "desktop.cli" in modules and "printing.thermal" in modules  # the list is the program's
    dev = ("devtools", "tests", "bench")
    assert [m for m in modules if m.split(".")[0] in dev] == []
    assert [m for m in modules if "virtual_printer" in m or "escpos_decode" in m] == []
    files = [p.relative_to(build) for p in build.rglob("*")]
    assert [
        f for f in files if f.parts[-1].startswith(("devtools", "virtual_printer", "escpos_decode"))
    ] == []
    assert [f for f in files if "devtools" in f.parts] == []
