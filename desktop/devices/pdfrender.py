"""PDFium (pypdfium2) in a child process: the only place the counter parses a PDF from outside.

PDFium runs in-process, so a PDF built to keep it busy cannot be stopped by a timeout around a
subprocess the way ``pdftoppm`` could. Measured with pypdfium2 5.15.2 on a development machine
(two shared CPUs): a 2.7 kB PDF whose form XObjects draw each other ten times over six levels
kept ``page.render()`` busy for more than two minutes (five levels: 23 s). Its page count and
page size are ordinary, so no limit checked before rendering catches it; and a 250 kB page of
ten million compressed drawing operators took 15 s just to load. Neither call can be
interrupted from Python, and a thread cannot be killed. So everything that reads the PDF's
content (opening it, loading and rendering pages) happens in a child process that the parent
kills when one step takes longer than its timeout; a PDFium crash on a hostile file also ends
only the child. Starting the child (a spawned interpreter that imports only this module and
pypdfium2) costs about 0.1-0.2 s once per file, against ~0.1 s to render one A4 page at
300 dpi: acceptable for an import the officer starts by hand. A 10-page PDF at 300 dpi is read
in 1.2 s, where pdftoppm (a process and a PNG per page) took 11 s.

The parent side (:class:`PdfWorker`) never imports pypdfium2; it gets page sizes first, checks
them (page count, pixel limits) and only then asks for pages one by one. Pixels come back as
raw BGR rows straight from PDFium's bitmap; Pillow makes the RGB image of them in the parent.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from dataclasses import dataclass
from typing import Any

# Messages child → parent (the first element tells which):
#   ("open", page_count, [(w_pt, h_pt), ...])   page sizes without parsing any page's content
#   ("page", width, height, stride)            followed by the pixel rows as one bytes message
#   ("error", kind, detail)                    kind: "password", "security", "format", "empty",
#                                              "page", "size", "missing"
# Messages parent → child: the PDF's bytes, then ("render", index, scale, max_pixels) or
# ("quit",).


class PdfWorkerError(Exception):
    """The child refused the file or a page; ``kind`` says why (see the table above)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


class PdfWorkerTimeout(Exception):
    """One step took longer than its timeout; the child has been killed."""


class PdfWorkerDied(Exception):
    """The child ended without answering (PDFium crashed, or was killed from outside)."""


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    stride: int
    bgr: bytes  # rows of `stride` bytes, top to bottom, 3 bytes a pixel in B, G, R order


def _leave_with_parent() -> None:
    """A counter killed outright (task manager, SIGTERM, power) cannot kill its child, which
    might be rendering a trap for minutes more: the child watches its parent and leaves with it
    (PDFium's calls go through ctypes, which lets this thread run meanwhile). Ctrl+C in a
    terminal reaches the child too; the parent decides what happens then."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="pdf-parent", daemon=True).start()


def _serve(conn: multiprocessing.connection.Connection, max_pages: int) -> None:
    """The child: open the PDF it is sent, then render the pages it is asked for."""
    _leave_with_parent()
    try:
        try:
            import pypdfium2 as pdfium
            import pypdfium2.raw as pdfium_c
        except ImportError as exc:
            conn.send(("error", "missing", str(exc)))
            return
        data = conn.recv_bytes()
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            # pypdfium2 5 puts PDFium's reason on the exception; 4.x only in its message, but
            # nothing has called PDFium since, so its last error is still the reason
            code = getattr(exc, "err_code", None)
            code = pdfium_c.FPDF_GetLastError() if code is None else code
            kind = {
                pdfium_c.FPDF_ERR_PASSWORD: "password",
                pdfium_c.FPDF_ERR_SECURITY: "security",
                pdfium_c.FPDF_ERR_SUCCESS: "empty",  # it opened, but has no page
            }.get(code, "format")
            conn.send(("error", kind, str(exc)))
            return
        try:
            count = len(pdf)
            # FPDF_GetPageSizeByIndexF reads the page dictionary only, not its content
            sizes = [pdf.get_page_size(i) for i in range(min(count, max_pages))]
            conn.send(("open", count, [(float(w), float(h)) for w, h in sizes]))
            while (request := conn.recv())[0] == "render":
                _tag, index, scale, max_pixels = request
                _render(conn, pdf, pdfium, index, scale, max_pixels)
        finally:
            pdf.close()
    except (EOFError, OSError):
        return  # the parent went away or gave up on us
    finally:
        conn.close()


def _render(
    conn: multiprocessing.connection.Connection,
    pdf: Any,
    pdfium: Any,
    index: int,
    scale: float,
    max_pixels: int,
) -> None:
    try:
        page = pdf[index]  # FPDF_LoadPage parses the page's content: this can take long too
    except pdfium.PdfiumError as exc:
        conn.send(("error", "page", str(exc)))
        return
    try:
        w_pt, h_pt = page.get_size()
        # the same rounding as PdfPage.render, checked before the bitmap is allocated
        width, height = math.ceil(w_pt * scale), math.ceil(h_pt * scale)
        if width < 1 or height < 1 or width * height > max_pixels:
            conn.send(("error", "size", f"{width}x{height}"))
            return
        bitmap = page.render(
            scale=scale,
            force_bitmap_format=pdfium.raw.FPDFBitmap_BGR,  # white paper, no alpha
            fill_color=(255, 255, 255, 255),
        )
        conn.send(("page", bitmap.width, bitmap.height, bitmap.stride))
        conn.send_bytes(bitmap.buffer)
    except pdfium.PdfiumError as exc:
        conn.send(("error", "page", str(exc)))
    finally:
        page.close()


class PdfWorker:
    """One PDF open in a child process; use as a context manager so the child always ends.

    Every answer is awaited at most ``timeout`` seconds; past that the child is killed and
    :class:`PdfWorkerTimeout` raised."""

    def __init__(self, data: bytes, max_pages: int, timeout: float) -> None:
        self.timeout = timeout
        # spawn, never fork: the counter has Qt and scanner threads whose locks a fork copies
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(
            target=_serve, args=(child_conn, max_pages), name="motcua-pdf", daemon=True
        )
        try:
            self._proc.start()
        except BaseException:
            self._conn.close()
            raise
        finally:
            child_conn.close()
        self._data = data

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._proc.is_alive():
            with contextlib.suppress(OSError):
                self._conn.send(("quit",))
            self._proc.join(1.0)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(5.0)
        self._conn.close()
        with contextlib.suppress(ValueError):  # still running after all that: leave it be
            self._proc.close()

    def _wait(self) -> None:
        if not self._conn.poll(self.timeout):
            self._proc.kill()
            raise PdfWorkerTimeout

    def _receive(self) -> Any:
        try:
            self._wait()
            message = self._conn.recv()
        except (EOFError, OSError):
            raise PdfWorkerDied from None
        if message[0] == "error":
            raise PdfWorkerError(message[1], message[2])
        return message

    def open(self) -> tuple[int, list[tuple[float, float]]]:
        """The page count and the size of each page (at most ``max_pages`` of them) in points."""
        # the child refuses before reading when pypdfium2 is missing: its answer says so
        with contextlib.suppress(OSError):
            self._conn.send_bytes(self._data)
        self._data = b""
        _tag, count, sizes = self._receive()
        return int(count), [(float(w), float(h)) for w, h in sizes]

    def render(self, index: int, scale: float, max_pixels: int) -> RenderedPage:
        """Page ``index`` (from 0) at ``scale`` pixels per point, at most ``max_pixels``."""
        try:
            self._conn.send(("render", index, scale, max_pixels))
        except OSError:
            raise PdfWorkerDied from None
        _tag, width, height, stride = self._receive()
        if not (0 < width * height <= max_pixels and 3 * width <= stride <= 3 * width + 64):
            raise PdfWorkerError("size", f"{width}x{height}, {stride}")
        try:
            self._wait()
            bgr = self._conn.recv_bytes(maxlength=stride * height)
        except (EOFError, OSError):
            raise PdfWorkerDied from None
        return RenderedPage(width, height, stride, bgr)
