"""The virtual ESC/POS printer: python-escpos jobs over real loopback TCP come back as PNGs."""

from __future__ import annotations

import json
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from escpos.printer import Dummy, Network
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw

from devtools.escpos_decode import (
    MAX_PAGE_HEIGHT,
    EscPosDecoder,
    Page,
    Picture,
    TextLine,
    decode,
    render,
)
from devtools.virtual_printer import VirtualPrinter, loopback_host, main, next_slip_number
from tests.budget import examples

ROOT = Path(__file__).resolve().parents[2]
ESC, GS, DLE = b"\x1b", b"\x1d", b"\x10"
CUT = GS + b"V\x00"


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "slips", idle_timeout=2.0) as vp:
        yield vp


def pattern(width: int, height: int, seed: int) -> Image.Image:
    """A 1-bit test picture: random dots, a frame, diagonals and a solid block."""
    rng = random.Random(seed)
    image = Image.frombytes("1", (width, height), rng.randbytes((width + 7) // 8 * height))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, height - 1), outline=0)
    draw.line((0, 0, width - 1, height - 1), fill=0, width=3)
    draw.line((0, height - 1, width - 1, 0), fill=1, width=3)
    draw.rectangle((width // 4, height // 3, width // 2, height // 2), fill=0)
    return image


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    a, b = a.convert("L"), b.convert("L")  # ImageChops on mode "1" is not reliable
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def is_white(image: Image.Image) -> bool:
    return 0 in image.size or image.convert("L").getextrema() == (255, 255)


def send_raw(port: int, data: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(data)


# -- python-escpos over TCP ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "fragment"),
    [(384, 1000, 960), (576, 700, 256), (100, 45, 960)],
)
def test_raster_image_comes_back_pixel_exact(
    printer: VirtualPrinter, width: int, height: int, fragment: int
) -> None:
    sent = pattern(width, height, seed=width)
    client = Network("127.0.0.1", port=printer.port, timeout=5)
    client.image(sent, fragment_height=fragment)  # several GS v 0 fragments when tall
    client.cut()
    client.close()

    (path,) = printer.wait_for_slips(1)
    assert path.name == "slip-0001.png"
    got = Image.open(path)
    assert got.width == 576
    assert same_pixels(got.crop((0, 0, width, height)), sent)
    assert is_white(got.crop((width, 0, 576, height)))  # row padding bits print nothing
    assert is_white(got.crop((0, height, 576, got.height)))  # the feed before the cut
    sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["complete"] is True
    assert sidecar["cut"] == "full"
    assert sidecar["warnings"] == []


@pytest.mark.parametrize("impl", ["bitImageColumn", "graphics"])
def test_other_image_commands_come_back_pixel_exact(printer: VirtualPrinter, impl: str) -> None:
    sent = pattern(200, 100, seed=7)
    client = Network("127.0.0.1", port=printer.port, timeout=5)
    client.image(sent, impl=impl)  # ESC * column slices / GS ( L store + print
    client.cut()
    client.close()

    (path,) = printer.wait_for_slips(1)
    assert same_pixels(Image.open(path).crop((0, 0, 200, 100)), sent)


def test_status_queries_answer_online_with_paper(printer: VirtualPrinter) -> None:
    client = Network("127.0.0.1", port=printer.port, timeout=5)
    assert client.is_online()
    assert client.paper_status() == 2
    client.close()


def test_two_jobs_two_slips_with_texts(printer: VirtualPrinter) -> None:
    for n in (1, 2):
        client = Network("127.0.0.1", port=printer.port, timeout=5)
        client.set(align="center", bold=True, double_height=True)
        client.text(f"PHIEU TIEP NHAN {n}\n")
        client.set(align="left", normal_textsize=True)
        client.text("Ma ho so: 000.00.01.H01-260101-0001\n")
        client.cut()
        client.close()

    first, second = printer.wait_for_slips(2)
    assert (first.name, second.name) == ("slip-0001.png", "slip-0002.png")
    for n, path in ((1, first), (2, second)):
        image = Image.open(path)
        assert not is_white(image)
        assert image.width == 576
        # the centred title has ink in the middle, none at the left edge of its line
        title = image.crop((0, 0, 576, 48))
        assert is_white(title.crop((0, 0, 150, 48)))
        assert not is_white(title.crop((200, 0, 376, 48)))
        texts = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["texts"]
        assert texts == [f"PHIEU TIEP NHAN {n}", "Ma ho so: 000.00.01.H01-260101-0001"]
    records = printer.slip_records()
    assert [r.complete for r in records] == [True, True]


def test_connection_dropped_mid_raster(printer: VirtualPrinter) -> None:
    header = GS + b"v0\x00" + bytes([48, 0, 200, 0])  # 384 x 200 dots, 9600 bytes due
    # nothing printed before the drop: nothing saved
    send_raw(printer.port, header + b"\xff" * 3000)
    # a printed line before the drop: saved as incomplete, the half image is dropped
    send_raw(printer.port, b"truoc khi rot\n" + header + b"\xff" * 3000)
    printer.wait_for_connections(2)
    (incomplete,) = printer.slips()
    assert incomplete.name == "slip-0001-incomplete.png"
    record = printer.slip_records()[0]
    assert not record.complete
    assert record.texts == ("truoc khi rot",)
    assert any("dropped" in w for w in record.warnings)
    assert Image.open(incomplete).height == 30  # one text line, no picture

    client = Network("127.0.0.1", port=printer.port, timeout=5)
    client.image(pattern(64, 64, seed=3))
    client.cut()
    client.close()
    _, nxt = printer.wait_for_slips(2)
    assert nxt.name == "slip-0002.png"
    assert same_pixels(Image.open(nxt).crop((0, 0, 64, 64)), pattern(64, 64, seed=3))


def test_silent_client_times_out_and_the_next_job_prints(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path, idle_timeout=0.3) as vp:
        silent = socket.create_connection(("127.0.0.1", vp.port), timeout=5)
        try:
            # printed while the silent client still holds its connection open: the listener
            # gave up on it (idle_timeout) instead of waiting for it
            send_raw(vp.port, b"sau khi cho\n" + CUT)
            vp.wait_for_slips(1, timeout=60)
        finally:
            silent.close()


def test_numbering_continues_after_existing_slips(tmp_path: Path) -> None:
    (tmp_path / "slip-0041-incomplete.png").write_bytes(b"")
    (tmp_path / "slip-0007.png").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x")
    assert next_slip_number(tmp_path) == 42
    with VirtualPrinter(tmp_path, sidecar=False) as vp:
        send_raw(vp.port, b"A\n" + CUT + b"B\n" + CUT)
        paths = vp.wait_for_slips(2)
    assert [p.name for p in paths] == ["slip-0042.png", "slip-0043.png"]
    assert not (tmp_path / "slip-0042.json").exists()


def test_blank_cuts_are_not_saved(printer: VirtualPrinter) -> None:
    send_raw(printer.port, ESC + b"d\x06" + CUT + CUT + b"   \n" + CUT + b"ink\n" + CUT)
    (path,) = printer.wait_for_slips(1)
    printer.wait_for_connections(1)
    assert printer.slips() == [path]


def test_only_loopback_hosts() -> None:
    assert loopback_host("localhost") == "127.0.0.1"
    assert loopback_host("127.0.0.2") == "127.0.0.2"
    assert loopback_host("::1") == "::1"
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        with pytest.raises(ValueError):
            loopback_host(host)
        with pytest.raises(ValueError):
            VirtualPrinter("unused", host=host)
    with pytest.raises(SystemExit) as exited:
        main(["--port", "0", "--out", "unused", "--host", "0.0.0.0"])
    assert exited.value.code == 2


# -- QR codes ------------------------------------------------------------------------------------

QR_TEXT = "https://dichvucong.gov.vn/tra-cuu?ma=000.00.01.H01-260101-0001&k=Xã Mỹ Đức"


def test_qr_image_decodes_back(printer: VirtualPrinter) -> None:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=4)
    qr.add_data(QR_TEXT)
    qr.make(fit=True)
    sent = qr.make_image().get_image().convert("1")
    client = Network("127.0.0.1", port=printer.port, timeout=5)
    client.set(align="center")
    client.image(sent)
    client.cut()
    client.close()

    (path,) = printer.wait_for_slips(1)
    got = Image.open(path)
    results = zxingcpp.read_barcodes(got.convert("L"))
    assert [r.text for r in results] == [QR_TEXT]
    padded = (sent.width + 7) // 8 * 8  # python-escpos sends whole bytes per raster row
    left = (576 - padded) // 2  # ESC a 1 centres GS v 0 pictures
    assert same_pixels(got.crop((left, 0, left + sent.width, sent.height)), sent)


def test_native_qr_is_drawn_and_decodes(printer: VirtualPrinter) -> None:
    client = Network("127.0.0.1", port=printer.port, timeout=5)
    client.set(align="center")
    client.qr("000.00.01.H01-260101-0001", native=True, size=4)
    client.text("after the QR\n")
    client.cut()
    client.close()

    (path,) = printer.wait_for_slips(1)
    results = zxingcpp.read_barcodes(Image.open(path).convert("L"))
    assert [r.text for r in results] == ["000.00.01.H01-260101-0001"]
    texts = printer.slip_records()[0].texts
    assert texts == ("[QR] 000.00.01.H01-260101-0001", "after the QR")


# -- the command line --------------------------------------------------------------------------


def test_cli_prints_port_writes_slips_and_stops_on_sigterm(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.virtual_printer", "--port", "0", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    try:
        first = lines.get(timeout=10)
        assert first.startswith("listening 127.0.0.1:")
        port = int(first.rsplit(":", 1)[1])
        assert port > 0

        client = Network("127.0.0.1", port=port, timeout=5)
        client.text("qua dong lenh\n")
        client.image(pattern(96, 40, seed=9))
        client.cut()
        client.close()
        assert lines.get(timeout=10) == f"slip {out / 'slip-0001.png'}"
        assert not is_white(Image.open(out / "slip-0001.png"))

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- the decoder -------------------------------------------------------------------------------


def test_cut_forms_and_their_arguments() -> None:
    data = (
        b"A\n" + GS + b"VA\x0a"  # GS V 65 n: feed n dots, full cut
        b"B\n" + GS + b"V\x01"  # partial, no argument
        b"C\n" + GS + b"VB\x00"  # GS V 66 0: what python-escpos cut(feed=False) sends
        b"D\n" + GS + b"V0"  # '0': full, no argument
        b"E\n" + ESC + b"m"  # old partial cut
        b"F\n"
    )
    result = decode(data)
    assert [p.texts for p in result.pages] == [["A"], ["B"], ["C"], ["D"], ["E"]]
    assert [p.cut for p in result.pages] == ["full", "partial", "partial", "full", "partial"]
    assert [p.height for p in result.pages] == [40, 30, 30, 30, 30]
    assert result.tail.texts == ["F"] and result.tail.cut is None


def test_native_qr_length_fields_keep_the_stream_in_sync() -> None:
    payload = b"\n\x1b@\x1dV\x00" * 40  # bytes that would print and cut if misread
    store = GS + b"(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload
    other = GS + b"(k\x05\x000\x41\x00\x00\x00"  # PDF417 settings: ignored
    result = decode(ESC + b"@" + store + other + b"after\n" + CUT)
    (page,) = result.pages
    assert page.texts == ["after"]
    assert result.replies == b""


def test_status_requests_are_answered() -> None:
    data = DLE + b"\x04\x01" + DLE + b"\x04\x04" + GS + b"r\x01" + GS + b"a\x01" + b"x"
    assert decode(data).replies == b"\x12\x12\x00" + b"\x10\x00\x00\x00"


def test_init_discards_an_unprinted_line_and_resets_the_mode() -> None:
    page = decode(ESC + b"a\x02" + b"gone" + ESC + b"@" + b"kept\n").tail
    (line,) = page.elements
    assert isinstance(line, TextLine)
    assert (line.text, line.align) == ("kept", "left")


def test_double_size_raster_and_alignment() -> None:
    sent = pattern(40, 10, seed=1)
    raw = sent.convert("1").tobytes()  # PIL 1 = white; ESC/POS 1 = black
    data = bytes(b ^ 0xFF for b in raw)
    header = GS + b"v0\x03" + bytes([5, 0, 10, 0])
    page = decode(ESC + b"a\x02" + header + data).tail
    (picture,) = page.elements
    assert isinstance(picture, Picture)
    assert picture.image.size == (80, 20)
    image = render(page)
    expected = sent.resize((80, 20), Image.Resampling.NEAREST)
    assert same_pixels(image.crop((576 - 80, 0, 576, 20)), expected)


def test_wide_picture_widens_the_canvas_with_a_warning() -> None:
    header = GS + b"v0\x00" + bytes([100, 0, 2, 0])  # 800 dots wide
    page = decode(header + b"\xff" * 200, width=576).tail
    assert render(page).size == (800, 2)
    assert any("widened" in w for w in page.warnings)


def test_text_wraps_at_the_paper_width() -> None:
    page = decode(b"x" * 50 + b"\n", width=576).tail  # 48 Font A characters a line
    assert page.texts == ["x" * 48, "xx"]
    assert page.height == 60


def test_decoding_is_the_same_whatever_the_chunks() -> None:
    printer = Dummy()
    printer.text("Hello\n")
    printer.image(pattern(120, 70, seed=5), fragment_height=32)
    printer.qr("chunks", native=True)
    printer.cut()
    data = printer.output
    whole = decode(data)
    decoder = EscPosDecoder()
    for i in range(0, len(data), 7):
        decoder.feed(data[i : i + 7])
    (page,) = decoder.take_pages()
    (expected,) = whole.pages
    assert same_pixels(render(page), render(expected))
    assert page.texts == expected.texts == ["Hello", "[QR] chunks"]


def test_very_long_pages_are_bounded() -> None:
    page = decode((ESC + b"d\xff") * 100 + b"end\n").tail
    assert page.height == MAX_PAGE_HEIGHT
    assert any("longer than" in w for w in page.warnings)


# -- fuzzing -------------------------------------------------------------------------------------

PREFIXES = [
    b"",
    ESC + b"@",
    GS + b"v0\x00",
    GS + b"v0\x03\x02\x00\x03\x00",
    GS + b"(k",
    GS + b"(k\x03\x001Q0",
    GS + b"(L",
    GS + b"8L",
    GS + b"V",
    GS + b"k",
    ESC + b"*",
    ESC + b"*\x21\x05\x00",
    ESC + b"&\x03",
    ESC + b"D",
    DLE + b"\x04",
    DLE + b"\x14",
    b"\x1cq",
    b"\x1cg1",
    GS + b"C;",
    ESC + b"!\xff" + GS + b"!\x77" + GS + b"B\x01" + ESC + b"-\x02text",
]
# the deadline only catches a hang: a speed bound would fail on a busy machine
FUZZ = settings(max_examples=examples(), deadline=timedelta(seconds=30))


def check_decodes(data: bytes) -> None:
    result = decode(data)
    pages: list[Page] = [*result.pages, result.tail]
    for page in pages:
        image = render(page)
        assert image.mode == "1"
        assert image.height <= MAX_PAGE_HEIGHT


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_arbitrary_bytes(data: bytes) -> None:
    check_decodes(data)


@FUZZ
@given(
    st.binary(max_size=8),
    st.sampled_from(PREFIXES),
    st.binary(max_size=600),
    st.sampled_from(PREFIXES),
)
def test_fuzz_after_valid_prefixes(lead: bytes, prefix: bytes, noise: bytes, end: bytes) -> None:
    check_decodes(lead + prefix + noise + end + b"tail\n" + CUT)


@FUZZ
@given(st.binary(max_size=600), st.lists(st.integers(1, 50), max_size=20))
def test_fuzz_chunking_does_not_matter(data: bytes, cuts: list[int]) -> None:
    whole = decode(data)
    decoder = EscPosDecoder()
    rest = data
    for size in cuts:
        decoder.feed(rest[:size])
        rest = rest[size:]
    decoder.feed(rest)
    pages = decoder.take_pages()
    replies = decoder.take_replies()
    tail = decoder.finish()
    assert replies == whole.replies
    assert [(p.texts, p.height, p.cut) for p in [*pages, tail]] == [
        (p.texts, p.height, p.cut) for p in [*whole.pages, whole.tail]
    ]
