"""A virtual ESC/POS network printer for development and tests (DESIGN.md §7).

It listens on a loopback port (never on a real network interface), takes one connection at a
time, decodes the ESC/POS stream with :mod:`devtools.escpos_decode` and writes one PNG per cut:
``slip-0001.png``, ``slip-0002.png``… numbered across connections and restarts (it continues
after the highest number already in the directory). Next to each PNG a JSON sidecar
(``slip-0001.json``) lists the texts received, the cut, warnings and the picture size.

A connection that ends (or stays silent for ``idle_timeout`` seconds) before a cut still gives a
slip when something was printed on it, named ``slip-0007-incomplete.png``; a command cut short
(say half a raster image) is dropped, and a page with no ink is never saved.

Command line::

    python -m devtools.virtual_printer --port 9100 --out var/slips [--host 127.0.0.1]
        [--width 576] [--idle-timeout 10] [--no-json]

The first line on stdout is ``listening HOST:PORT`` (``--port 0`` picks a free port), then one
``slip PATH`` line per PNG written. SIGTERM or SIGINT stop it cleanly.

In-process::

    with VirtualPrinter(tmp_path) as printer:
        Network("127.0.0.1", port=printer.port) ...
        printer.wait_for_slips(1)
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType, TracebackType

from devtools.escpos_decode import EscPosDecoder, Page, render

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT = 10.0
_POLL = 0.1  # seconds between checks of the stop flag
_SLIP_NAME = re.compile(r"^slip-(\d+)(?:-incomplete)?\.(?:png|json)$")


def loopback_host(host: str) -> str:
    """``host`` as a loopback IP address; ValueError for anything that is not loopback."""
    if host.strip().lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        raise ValueError(f"not an IP address: {host!r} (use 127.0.0.1 or ::1)") from None
    if not address.is_loopback:
        raise ValueError(f"the virtual printer listens on loopback addresses only, not {host}")
    return str(address)


def next_slip_number(out_dir: Path) -> int:
    """One more than the highest slip number in ``out_dir`` (1 for an empty directory)."""
    highest = 0
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(out_dir):
            match = _SLIP_NAME.match(entry.name)
            if match:
                highest = max(highest, int(match.group(1)))
    return highest + 1


@dataclass(frozen=True)
class Slip:
    """One saved slip."""

    path: Path  # the PNG
    number: int
    complete: bool  # False: the connection ended before a cut
    texts: tuple[str, ...]
    warnings: tuple[str, ...]


class VirtualPrinter:
    """An ESC/POS printer on a loopback TCP port that saves what it prints as PNGs."""

    def __init__(
        self,
        out_dir: str | os.PathLike[str],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        width: int = 576,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        sidecar: bool = True,
        on_slip: Callable[[Slip], None] | None = None,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.host = loopback_host(host)
        self._requested_port = port
        self.width = width
        self.idle_timeout = idle_timeout
        self.sidecar = sidecar
        self._on_slip = on_slip
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._slips: list[Slip] = []
        self._connections = 0

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> VirtualPrinter:
        """Bind, listen and serve in a background thread. Returns self."""
        if self._thread is not None:
            raise RuntimeError("the virtual printer is already started")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if os.name != "nt":  # on Windows SO_REUSEADDR would let two servers share a port
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self._requested_port))
            sock.listen(8)
            sock.settimeout(_POLL)
        except OSError:
            sock.close()
            raise
        self._sock = sock
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="virtual-printer", daemon=True)
        self._thread.start()
        log.info("virtual printer listening on %s:%d", self.host, self.port)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving; a job in progress is saved as incomplete. Safe to call twice."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        if self._sock is not None:
            self._sock.close()

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._sock is None:
            raise RuntimeError("the virtual printer is not started")
        port: int = self._sock.getsockname()[1]
        return port

    # -- results ------------------------------------------------------------------------------

    def slips(self) -> list[Path]:
        """PNGs written by this printer so far, oldest first."""
        with self._changed:
            return [slip.path for slip in self._slips]

    def slip_records(self) -> list[Slip]:
        with self._changed:
            return list(self._slips)

    def wait_for_slips(self, count: int, timeout: float = 5.0) -> list[Path]:
        """Wait until at least ``count`` slips exist; TimeoutError if they do not come."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._slips) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self._slips)} slip(s) printed, {count} expected")
                self._changed.wait(left)
            return [slip.path for slip in self._slips]

    def wait_for_connections(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` connections have been served to their end."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._connections < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self._connections} connection(s) ended, {count} expected")
                self._changed.wait(left)

    # -- serving ------------------------------------------------------------------------------

    def _serve(self) -> None:
        sock = self._sock
        assert sock is not None
        while not self._stop.is_set():
            try:
                conn, peer = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                if not self._stop.is_set():
                    log.exception("virtual printer: accept failed")
                break
            with conn:
                try:
                    self._handle(conn, peer)
                except Exception:  # a bug must not take the printer down
                    log.exception("virtual printer: connection from %s failed", peer)
            with self._changed:
                self._connections += 1
                self._changed.notify_all()

    def _handle(self, conn: socket.socket, peer: object) -> None:
        conn.settimeout(_POLL)
        decoder = EscPosDecoder(self.width)
        last = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    if time.monotonic() - last > self.idle_timeout:
                        log.warning("virtual printer: %s idle, closing", peer)
                        break
                    continue
                except OSError as exc:
                    log.warning("virtual printer: %s: %s", peer, exc)
                    break
                if not data:
                    break
                last = time.monotonic()
                decoder.feed(data)
                replies = decoder.take_replies()
                if replies:
                    with contextlib.suppress(OSError):
                        conn.sendall(replies)
                for page in decoder.take_pages():
                    self._save(page, complete=True)
        finally:
            tail = decoder.finish()
            if tail.has_ink:
                self._save(tail, complete=False)

    def _save(self, page: Page, *, complete: bool) -> None:
        if not page.has_ink:
            log.info("virtual printer: blank slip (%s cut) not saved", page.cut)
            return
        image = render(page)
        number = next_slip_number(self.out_dir)
        stem = f"slip-{number:04d}" + ("" if complete else "-incomplete")
        png = self.out_dir / f"{stem}.png"
        try:
            if self.sidecar:
                sidecar = {
                    "slip": png.name,
                    "complete": complete,
                    "cut": page.cut,
                    "size": list(image.size),
                    "paper_width": page.width,
                    "texts": page.texts,
                    "warnings": page.warnings,
                    "printed_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                }
                text = json.dumps(sidecar, ensure_ascii=False, indent=2)
                (self.out_dir / f"{stem}.json").write_text(text + "\n", encoding="utf-8")
            tmp = self.out_dir / f".{stem}.png.tmp"
            image.save(tmp, format="PNG")
            os.replace(tmp, png)  # readers never see half a PNG
        except OSError:
            log.exception("virtual printer: cannot save %s", png)
            return
        slip = Slip(png, number, complete, tuple(page.texts), tuple(page.warnings))
        for warning in page.warnings:
            log.warning("virtual printer: %s: %s", png.name, warning)
        with self._changed:
            self._slips.append(slip)
            self._changed.notify_all()
        if self._on_slip is not None:
            self._on_slip(slip)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.virtual_printer",
        description="Virtual ESC/POS network printer: one PNG per cut.",
    )
    parser.add_argument("--port", type=int, default=9100, help="TCP port; 0 picks a free one")
    parser.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address")
    parser.add_argument("--width", type=int, default=576, help="paper width in dots")
    parser.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT)
    parser.add_argument("--no-json", action="store_true", help="no JSON sidecar per slip")
    args = parser.parse_args(argv)
    try:
        host = loopback_host(args.host)
    except ValueError as exc:
        parser.error(str(exc))
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if not 8 <= args.width <= 4096:
        parser.error("--width must be between 8 and 4096 dots")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)

    stopping = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def on_slip(slip: Slip) -> None:
        print(f"slip {slip.path}", flush=True)

    printer = VirtualPrinter(
        args.out,
        host,
        args.port,
        width=args.width,
        idle_timeout=args.idle_timeout,
        sidecar=not args.no_json,
        on_slip=on_slip,
    )
    try:
        printer.start()
    except OSError as exc:
        print(f"cannot listen on {host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"listening {host}:{printer.port}", flush=True)
    while not stopping.wait(0.5):
        pass
    printer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
