"""Sending an A4 PDF to a printer queue: CUPS ``lp`` on Linux, the shell's print verb on Windows.
A counter without an A4 printer keeps its forms as PDF files instead (the caller decides)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LP_TIMEOUT = 30.0


class A4Unavailable(RuntimeError):
    # an expected refusal, not a bug (the app checks this name; this package does not
    # import the app to derive from its Refusal base)
    refusal_code = "a4_unavailable"


def send_pdf(data: bytes, queue: str, title: str) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows counters only
        fd, name = tempfile.mkstemp(suffix=".pdf")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.startfile(name, "print")  # type: ignore[attr-defined]  # the default PDF handler
        return
    lp = shutil.which("lp")
    if lp is None:
        raise A4Unavailable("Máy không có lệnh in CUPS (lp); phiếu A4 được lưu thành tệp PDF")
    try:
        subprocess.run(
            [lp, "-d", queue, "-t", title[:100], "-"],
            input=data,
            capture_output=True,
            timeout=LP_TIMEOUT,
            check=True,
        )
    except subprocess.CalledProcessError as exc:
        why = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["lỗi"]
        raise A4Unavailable(f"Máy in A4 '{queue}' không nhận phiếu: {why[0]}") from None
    except subprocess.TimeoutExpired:
        raise A4Unavailable(f"Máy in A4 '{queue}' không trả lời") from None


def save_pdf(data: bytes, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
