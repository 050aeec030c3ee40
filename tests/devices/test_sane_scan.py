"""Scanning for real through libsane's `test` backend: a 3-page feeder scan becomes one
3-page PDF attached to the dossier and reaches the reference server byte-identical; the feeder
runs until empty; blank sheets are dropped; progress is reported and cancel works mid-page."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.devices.pageproc import ColorMode
from desktop.devices.registry import list_devices
from desktop.devices.scanjob import ScanJob, run_scan
from desktop.devices.scanning import CancelToken, Progress, ScanSettings, Source
from desktop.devices.sigpipe import sigpipe_ignored
from desktop.domain.reception import parse_form
from desktop.store.models import Attachment
from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.devices.conftest import sane_config
from tests.pdftools import page_count
from tests.synctools import OFFICER, ServerProcess, make_counter

pytest.importorskip("sane", reason="python-sane is installed by make (scanner extra)")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", tmp_path / "server-blobs").start()
    srv.ensure_admin()
    try:
        yield srv
    finally:
        srv.stop()


def test_the_test_scanner_is_listed() -> None:
    assert "test:0" in [d.id for d in list_devices()]


def test_feeder_scan_is_one_pdf_attached_and_synced_byte_identical(
    server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, server.url, "Q01")
    code = q1.service.receive(parse_form(minimal_form()), OFFICER).code
    assert code is not None
    cli = Cli(q1.data_dir)
    out = cli.json(
        *("scan", "--device", "test:0", "--source", "adf", "--pages", "3"),
        *("--resolution", "150", "--dossier", code),
        *("--document", "Bản sao giấy khai sinh", "--user", OFFICER.username),
    )
    assert out["code"] == code and out["pages"] == 3 and out["mime"] == "application/pdf"
    assert out["filename"] == "Bản sao giấy khai sinh.pdf"
    blob = q1.ctx.attachments_dir / out["sha256"][:2] / out["sha256"]
    pdf = blob.read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == out["sha256"] and len(pdf) == out["size"]
    assert page_count(pdf) == 3
    with q1.db.read() as s:
        (row,) = s.scalars(select(Attachment))
        assert (row.pages, row.document, row.mime) == (
            3,
            "Bản sao giấy khai sinh",
            "application/pdf",
        )

    q1.sync()
    assert (server.blobs / out["sha256"][:2] / out["sha256"]).read_bytes() == pdf
    report = json.loads(server.admin("report", "--json").stdout)
    assert report["blobs"] == 1


def test_feeder_runs_until_empty_with_progress() -> None:
    seen: list[Progress] = []
    outcome = run_scan("test:0", ScanSettings(Source.ADF, 75, ColorMode.GRAY), progress=seen.append)
    assert outcome.ok and len(outcome.pages) == 10  # the test device's feeder holds 10
    assert {p.page for p in seen} >= set(range(1, 11))
    assert any(0.0 < p.fraction < 1.0 for p in seen), "progress within a page"


@pytest.mark.skipif(sigpipe_ignored() is None, reason="reads /proc/self/status")
def test_a_scan_leaves_broken_connections_an_error_not_a_kill() -> None:
    # libsane's reader threads reset SIGPIPE to "terminate"; after that a write to a socket the
    # server had closed killed the whole process (seen as the test run dying mid-suite)
    assert sigpipe_ignored()
    assert run_scan("test:0", ScanSettings(Source.ADF, 75, ColorMode.GRAY)).ok
    token = CancelToken()
    token.cancel()
    run_scan("test:0", ScanSettings(Source.ADF, 75, ColorMode.GRAY), cancel=token)
    assert sigpipe_ignored(), "SIGPIPE no longer ignored after scanning"
    a, b = socket.socketpair()
    b.close()
    with a, pytest.raises(BrokenPipeError):
        for _ in range(100):
            a.sendall(b"x" * 65536)


def test_cancel_stops_mid_page_and_keeps_nothing_half_done() -> None:
    token = CancelToken()

    def progress(p: Progress) -> None:
        if p.page == 2 and 0.2 < p.fraction < 1.0:
            token.cancel()  # the officer presses Hủy while sheet 2 is being read

    outcome = run_scan(
        "test:0", ScanSettings(Source.ADF, 300, ColorMode.GRAY), progress, cancel=token
    )
    assert outcome.cancelled and len(outcome.pages) == 1


def test_scan_job_runs_on_its_own_thread_and_can_be_cancelled() -> None:
    pages = []
    job = ScanJob("test:0", ScanSettings(Source.ADF, 150, ColorMode.LINEART), on_page=pages.append)
    job.start()
    outcome = job.wait(timeout=60)
    assert outcome is not None and outcome.ok and len(outcome.pages) == 10 == len(pages)
    assert all(p.encoded.codec in ("g4", "flate1") for p in outcome.pages)
    early = ScanJob("test:0", ScanSettings(Source.ADF, 300, ColorMode.GRAY))
    early.cancel()  # before it even starts: nothing is scanned
    early.start()
    stopped = early.wait(timeout=60)
    assert stopped is not None and stopped.cancelled and stopped.pages == []


def test_a_flatbed_that_is_asked_for_a_feeder_is_refused() -> None:
    outcome = run_scan("test:0", ScanSettings(Source.ADF_DUPLEX, 150))
    assert outcome.error is not None and "hai mặt" in outcome.error


def test_blank_sheets_are_dropped_and_an_all_blank_scan_attaches_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    code = json.loads(
        cli.ok("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    )["code"]
    white = sane_config(tmp_path / "sane-white", picture="Solid white")
    env = {"SANE_CONFIG_DIR": str(white)}
    # libsane reads its configuration once per process: the white scanner needs a new one
    cli = Cli(cli.data_dir, fresh_process=True)
    out = cli.run(
        *("scan", "--device", "test:0", "--source", "adf", "--resolution", "100"),
        *("--dossier", code, "--document", "Giấy trắng", "--user", "admin"),
        env=env,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "đều trắng (10 trang đã bỏ)" in out.stderr and out.stdout == ""
    kept = cli.run(
        *("scan", "--device", "test:0", "--source", "adf", "--pages", "2", "--keep-blank"),
        *("--resolution", "100", "--dossier", code, "--document", "Giấy trắng"),
        *("--user", "admin"),
        env=env,
    )
    assert kept.returncode == 0, kept.stderr
    assert json.loads(kept.stdout)["pages"] == 2


def test_unknown_dossier_is_refused_before_scanning(cli: Cli) -> None:
    out = cli.run(
        *("scan", "--device", "test:0", "--dossier", "000.00.12.H01010199999"),
        *("--document", "Giấy", "--user", "admin"),
        env={"SANE_CONFIG_DIR": os.environ["SANE_CONFIG_DIR"]},
    )
    assert out.returncode == 1 and "Không tìm thấy hồ sơ" in out.stderr
    assert not (cli.data_dir / "attachments").exists() or not any(
        (cli.data_dir / "attachments").rglob("*")
    )


def test_list_prints_devices(cli: Cli) -> None:
    out = cli.run("scan", "--list", "--json")
    assert out.returncode == 0, out.stderr
    assert "test:0" in [d["id"] for d in json.loads(out.stdout)]
